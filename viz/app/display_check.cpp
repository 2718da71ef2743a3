// Asks the X server for a connection before SFML does: SFML 2.5 aborts (SIGABRT) without one.
// Kept in its own file because Xlib's macros (None, Status, Bool) clash with the model's names.
#include "display_check.hpp"

#include <X11/Xlib.h>

#include <cstdlib>

namespace attachsim::viz {

DisplayConnection::DisplayConnection() {
  display_ = XOpenDisplay(nullptr);
  if (display_) return;
  const char* name = std::getenv("DISPLAY");
  if (!name || !*name)
    problem_ =
        "no display: DISPLAY is not set (run it on a desktop, or headless under xvfb-run -a)";
  else
    problem_ = std::string("no display: cannot open X display ") + name +
               " (is the X server running? headless: xvfb-run -a)";
}

DisplayConnection::~DisplayConnection() {
  if (display_) XCloseDisplay(static_cast<Display*>(display_));
}

}  // namespace attachsim::viz
