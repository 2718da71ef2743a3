// Whether an X display can be opened, asked before SFML makes a window (which aborts without one).
#pragma once

#include <optional>
#include <string>

namespace attachsim::viz {

// Opens a connection to the X server named by $DISPLAY and holds it until destroyed. Keep it
// until SFML's window exists: an X server resets when its last client disconnects (Xvfb under
// xvfb-run does), and a connection asked for during the reset is refused, which SFML answers by
// aborting.
class DisplayConnection {
 public:
  DisplayConnection();
  ~DisplayConnection();
  DisplayConnection(const DisplayConnection&) = delete;
  DisplayConnection& operator=(const DisplayConnection&) = delete;
  // Nothing when the server answered; else one line saying why not.
  const std::optional<std::string>& problem() const { return problem_; }

 private:
  void* display_ = nullptr;  // Display*, kept opaque: Xlib's macros clash with the model's names
  std::optional<std::string> problem_;
};

}  // namespace attachsim::viz
