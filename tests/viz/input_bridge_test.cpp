// Tests of the input bridge (input_bridge.hpp): SFML events into ImGui 1.86 io, with no window.
#include "attachsim/viz/input_bridge.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

namespace attachsim::viz {
namespace {

// A headless ImGui context: fonts built, a display size, no ini file.
class InputBridgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    InputBridge::configure(io);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame with a single button; returns whether it was clicked.
  bool frame() {
    bridge.apply(ImGui::GetIO());
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(300, 200));
    ImGui::Begin("window");
    const bool clicked = ImGui::Button("button", ImVec2(120, 40));
    button_centre = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                           (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
    ImGui::End();
    ImGui::Render();
    return clicked;
  }

  static sf::Event mouse_move(int x, int y) {
    sf::Event e;
    e.type = sf::Event::MouseMoved;
    e.mouseMove = {x, y};
    return e;
  }
  static sf::Event mouse_button(bool pressed, int x, int y) {
    sf::Event e;
    e.type = pressed ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
    e.mouseButton = {sf::Mouse::Left, x, y};
    return e;
  }
  static sf::Event key(bool pressed, sf::Keyboard::Key code, bool control = false) {
    sf::Event e;
    e.type = pressed ? sf::Event::KeyPressed : sf::Event::KeyReleased;
    e.key = {code, false, control, false, false};
    return e;
  }
  static sf::Event text(sf::Uint32 unicode) {
    sf::Event e;
    e.type = sf::Event::TextEntered;
    e.text = {unicode};
    return e;
  }

  InputBridge bridge;
  ImVec2 button_centre{};
};

TEST_F(InputBridgeTest, ConfiguresTheKeyMapWithSfmlCodes) {
  const ImGuiIO& io = ImGui::GetIO();
  EXPECT_EQ(io.KeyMap[ImGuiKey_Space], sf::Keyboard::Space);
  EXPECT_EQ(io.KeyMap[ImGuiKey_Tab], sf::Keyboard::Tab);
  EXPECT_EQ(io.KeyMap[ImGuiKey_Enter], sf::Keyboard::Enter);
  EXPECT_EQ(io.KeyMap[ImGuiKey_A], sf::Keyboard::A);
}

TEST_F(InputBridgeTest, AClickWithinOneFrameIsNotLost) {
  frame();  // lay out once to learn where the button is
  const int x = static_cast<int>(button_centre.x), y = static_cast<int>(button_centre.y);
  // Move, press and release all arrive before the next frame (a fast click).
  bridge.push(mouse_move(x, y));
  bridge.push(mouse_button(true, x, y));
  bridge.push(mouse_button(false, x, y));
  int clicks = 0;
  for (int i = 0; i < 4; ++i) clicks += frame();
  EXPECT_EQ(clicks, 1);
  EXPECT_EQ(bridge.pending(), 0u);
}

TEST_F(InputBridgeTest, TheSecondChangeOfAButtonWaitsForTheNextFrame) {
  ImGuiIO& io = ImGui::GetIO();
  bridge.push(mouse_button(true, 10, 10));
  bridge.push(mouse_button(false, 10, 10));
  bridge.push(mouse_move(300, 300));
  bridge.apply(io);
  EXPECT_TRUE(io.MouseDown[0]);
  EXPECT_EQ(bridge.pending(), 2u);
  bridge.apply(io);
  EXPECT_FALSE(io.MouseDown[0]);
  // The move after the release is held back: the release belongs to (10, 10).
  EXPECT_EQ(bridge.pending(), 1u);
  EXPECT_EQ(io.MousePos.x, 10.0f);
  bridge.apply(io);
  EXPECT_EQ(io.MousePos.x, 300.0f);
  EXPECT_EQ(bridge.pending(), 0u);
}

TEST_F(InputBridgeTest, KeysPressedAndReleasedInOneFrameAreSeenDown) {
  ImGuiIO& io = ImGui::GetIO();
  bridge.push(key(true, sf::Keyboard::Space));
  bridge.push(key(false, sf::Keyboard::Space));
  bridge.apply(io);
  EXPECT_TRUE(io.KeysDown[sf::Keyboard::Space]);
  bridge.apply(io);
  EXPECT_FALSE(io.KeysDown[sf::Keyboard::Space]);
}

TEST_F(InputBridgeTest, KeyRepeatIsNotASecondChange) {
  ImGuiIO& io = ImGui::GetIO();
  bridge.push(key(true, sf::Keyboard::Right));
  bridge.push(key(true, sf::Keyboard::Right));  // auto-repeat
  bridge.push(key(true, sf::Keyboard::Left));
  bridge.apply(io);
  EXPECT_EQ(bridge.pending(), 0u);
  EXPECT_TRUE(io.KeysDown[sf::Keyboard::Right]);
  EXPECT_TRUE(io.KeysDown[sf::Keyboard::Left]);
}

TEST_F(InputBridgeTest, ModifiersFollowTheKeyEvents) {
  ImGuiIO& io = ImGui::GetIO();
  bridge.push(key(true, sf::Keyboard::E, true));
  bridge.apply(io);
  EXPECT_TRUE(io.KeyCtrl);
  EXPECT_TRUE(io.KeysDown[sf::Keyboard::E]);
}

TEST_F(InputBridgeTest, ADeferredReleaseDoesNotTakeTheModifierAway) {
  // What xdotool and a fast typist send for Ctrl+P: X11 reports the modifier
  // state before each event, so the release of P says "no Ctrl".
  ImGuiIO& io = ImGui::GetIO();
  bridge.push(key(true, sf::Keyboard::LControl, false));
  bridge.apply(io);
  bridge.push(key(true, sf::Keyboard::P, true));
  bridge.push(key(false, sf::Keyboard::LControl, true));
  bridge.push(key(false, sf::Keyboard::P, false));
  bridge.apply(io);
  EXPECT_TRUE(io.KeysDown[sf::Keyboard::P]);
  EXPECT_TRUE(io.KeyCtrl);  // Ctrl+P is seen in this frame
  bridge.apply(io);
  EXPECT_FALSE(io.KeysDown[sf::Keyboard::P]);
  EXPECT_FALSE(io.KeyCtrl);
}

TEST_F(InputBridgeTest, UnknownKeysAreIgnored) {
  ImGuiIO& io = ImGui::GetIO();
  bridge.push(key(true, sf::Keyboard::Unknown));
  bridge.apply(io);
  EXPECT_EQ(bridge.pending(), 0u);
}

TEST_F(InputBridgeTest, OnlyPrintableCharactersBecomeText) {
  ImGuiIO& io = ImGui::GetIO();
  bridge.push(text(8));    // backspace
  bridge.push(text(127));  // delete
  bridge.push(text('x'));
  bridge.push(text(0x00E9));  // é
  bridge.apply(io);
  ASSERT_EQ(io.InputQueueCharacters.Size, 2);
  EXPECT_EQ(io.InputQueueCharacters[0], 'x');
  EXPECT_EQ(io.InputQueueCharacters[1], 0x00E9);
}

TEST_F(InputBridgeTest, WheelDeltasAccumulate) {
  ImGuiIO& io = ImGui::GetIO();
  sf::Event e;
  e.type = sf::Event::MouseWheelScrolled;
  e.mouseWheelScroll = {sf::Mouse::VerticalWheel, 1.0f, 5, 5};
  bridge.push(e);
  e.mouseWheelScroll.delta = 2.0f;
  bridge.push(e);
  bridge.apply(io);
  EXPECT_FLOAT_EQ(io.MouseWheel, 3.0f);
}

TEST_F(InputBridgeTest, ReleaseAllForgetsHeldInput) {
  ImGuiIO& io = ImGui::GetIO();
  bridge.push(key(true, sf::Keyboard::A, true));
  bridge.push(mouse_button(true, 1, 1));
  bridge.apply(io);
  bridge.push(mouse_move(5, 5));
  bridge.release_all(io);
  EXPECT_FALSE(io.KeysDown[sf::Keyboard::A]);
  EXPECT_FALSE(io.MouseDown[0]);
  EXPECT_FALSE(io.KeyCtrl);
  EXPECT_EQ(bridge.pending(), 0u);
}

TEST_F(InputBridgeTest, WindowEventsAreNotQueued) {
  sf::Event e;
  e.type = sf::Event::Resized;
  e.size = {640, 480};
  bridge.push(e);
  EXPECT_EQ(bridge.pending(), 0u);
}

}  // namespace
}  // namespace attachsim::viz
