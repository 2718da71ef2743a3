// The input bridge: SFML events applied to ImGui 1.86's io, one change per button and key per
// frame.
#include "attachsim/viz/input_bridge.hpp"

#include <imgui.h>

#include <array>
#include <bitset>

namespace attachsim::viz {

namespace {

constexpr int kKeySlots = 512;  // size of io.KeysDown in 1.86

bool valid_key(sf::Keyboard::Key key) {
  return key >= 0 && static_cast<int>(key) < sf::Keyboard::KeyCount &&
         static_cast<int>(key) < kKeySlots;
}

}  // namespace

int imgui_mouse_button(sf::Mouse::Button button) {
  switch (button) {
    case sf::Mouse::Left:
      return 0;
    case sf::Mouse::Right:
      return 1;
    case sf::Mouse::Middle:
      return 2;
    case sf::Mouse::XButton1:
      return 3;
    case sf::Mouse::XButton2:
      return 4;
    default:
      return -1;
  }
}

void InputBridge::configure(ImGuiIO& io) {
  io.BackendPlatformName = "attachsim_sfml";
  io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
  io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
  io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
  io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
  io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
  io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
  io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
  io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
  io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
  io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
  io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
  io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
  io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
  io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
  io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
  io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
  io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
  io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
  io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
}

void InputBridge::push(const sf::Event& event) {
  switch (event.type) {
    case sf::Event::MouseMoved:
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased:
    case sf::Event::MouseWheelScrolled:
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased:
    case sf::Event::TextEntered:
    case sf::Event::MouseLeft:
      queue_.push_back(event);
      break;
    default:
      break;  // window events are the application's
  }
}

void InputBridge::apply(ImGuiIO& io) {
  std::bitset<5> buttons_changed;
  std::bitset<kKeySlots> keys_changed;
  bool any_button_changed = false;
  while (!queue_.empty()) {
    const sf::Event& e = queue_.front();
    switch (e.type) {
      case sf::Event::MouseMoved:
        // A move after a release would take the release away from the item clicked.
        if (any_button_changed) return;
        io.MousePos = ImVec2(static_cast<float>(e.mouseMove.x), static_cast<float>(e.mouseMove.y));
        break;
      case sf::Event::MouseLeft:
        if (any_button_changed) return;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        break;
      case sf::Event::MouseButtonPressed:
      case sf::Event::MouseButtonReleased: {
        const int b = imgui_mouse_button(e.mouseButton.button);
        if (b >= 0) {
          const auto bit = static_cast<std::size_t>(b);
          if (buttons_changed[bit]) return;
          buttons_changed[bit] = true;
          any_button_changed = true;
          io.MousePos =
              ImVec2(static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y));
          io.MouseDown[b] = e.type == sf::Event::MouseButtonPressed;
        }
        break;
      }
      case sf::Event::MouseWheelScrolled:
        if (e.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel)
          io.MouseWheel += e.mouseWheelScroll.delta;
        else
          io.MouseWheelH += e.mouseWheelScroll.delta;
        break;
      case sf::Event::KeyPressed:
      case sf::Event::KeyReleased: {
        const bool down = e.type == sf::Event::KeyPressed;
        if (valid_key(e.key.code)) {
          const auto k = static_cast<std::size_t>(e.key.code);
          if (keys_changed[k] && io.KeysDown[k] != down) return;
          keys_changed[k] = true;
          io.KeysDown[k] = down;
        }
        // Modifiers only once the event is applied: a deferred release of P must
        // not take Ctrl away from this frame's Ctrl+P.
        io.KeyCtrl = e.key.control;
        io.KeyShift = e.key.shift;
        io.KeyAlt = e.key.alt;
        io.KeySuper = e.key.system;
        break;
      }
      case sf::Event::TextEntered:
        // Control characters arrive as text too; ImGui wants only printable ones.
        if (e.text.unicode >= 32 && e.text.unicode != 127) io.AddInputCharacter(e.text.unicode);
        break;
      default:
        break;
    }
    queue_.pop_front();
  }
}

void InputBridge::release_all(ImGuiIO& io) {
  queue_.clear();
  for (bool& down : io.KeysDown) down = false;
  for (bool& down : io.MouseDown) down = false;
  io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
}

}  // namespace attachsim::viz
