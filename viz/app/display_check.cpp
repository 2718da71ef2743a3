// Asks the X server for a connection before SFML does: SFML 2.5 aborts (SIGABRT) without one.
// Kept in its own file because Xlib's macros (None, Status, Bool) clash with the model's names.
#include "display_check.hpp"

#include <X11/Xlib.h>

#include <cstdlib>

namespace attachsim::viz {

std::optional<std::string> display_problem() {
  if (Display* display = XOpenDisplay(nullptr)) {
    XCloseDisplay(display);
    return std::nullopt;
  }
  const char* name = std::getenv("DISPLAY");
  if (!name || !*name)
    return "no display: DISPLAY is not set (run it on a desktop, or headless under xvfb-run -a)";
  return std::string("no display: cannot open X display ") + name +
         " (is the X server running? headless: xvfb-run -a)";
}

}  // namespace attachsim::viz
