// Whether an X display can be opened, asked before SFML makes a window (which aborts without one).
#pragma once

#include <optional>
#include <string>

namespace attachsim::viz {

// Nothing when the X server named by $DISPLAY answers; else one line saying why not.
std::optional<std::string> display_problem();

}  // namespace attachsim::viz
