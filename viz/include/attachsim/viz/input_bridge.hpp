// SFML events into Dear ImGui 1.86's per-frame input state (io.KeyMap / KeysDown), without losing
// quick clicks.
#pragma once

#include <SFML/Window/Event.hpp>
#include <deque>

struct ImGuiIO;

namespace attachsim::viz {

// ImGui 1.86 samples input once per frame: a press and release of one button
// (or a release followed by a move) within one frame would be seen as no
// click at all. The bridge queues events and, per frame, applies them in
// order up to the second change of the same button or key, or a mouse move
// after a button change; the rest wait for the next frame.
class InputBridge {
 public:
  // Sets io.KeyMap (SFML key codes index io.KeysDown) and the backend flags.
  static void configure(ImGuiIO& io);

  void push(const sf::Event& event);
  // Applies this frame's share of the queued events to `io`. Call before ImGui::NewFrame().
  void apply(ImGuiIO& io);
  // Events still waiting for a later frame.
  std::size_t pending() const { return queue_.size(); }
  // Forget pressed keys and buttons (focus lost: the release will never arrive).
  void release_all(ImGuiIO& io);

 private:
  std::deque<sf::Event> queue_;
};

// The ImGui mouse button index of an SFML button (-1 when ImGui has none for it).
int imgui_mouse_button(sf::Mouse::Button button);

}  // namespace attachsim::viz
