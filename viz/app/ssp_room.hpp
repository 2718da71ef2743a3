// Drawing the animated Strange Situation room (ssp_scene.hpp) with ImGui draw lists.
#pragma once

#include <imgui.h>

#include <optional>

#include "attachsim/classification.hpp"
#include "attachsim/viz/ssp_scene.hpp"

namespace attachsim::viz {

// Draws the room at the cursor, `size` pixels, then moves the cursor below it. `label` (the large
// font if any) names what the infant does; `earned` is the class once the coder has seen it all.
void draw_ssp_room(const SceneFrame& frame, ImVec2 size, ImFont* label,
                   std::optional<Class4> earned);

// The key to the room's symbols, in one wrapped line of text.
void ssp_room_key();

}  // namespace attachsim::viz
