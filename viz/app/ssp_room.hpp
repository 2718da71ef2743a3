// Drawing the animated Strange Situation room (ssp_scene.hpp) with ImGui draw lists.
#pragma once

#include <imgui.h>

#include <optional>
#include <vector>

#include "attachsim/classification.hpp"
#include "attachsim/viz/ssp_scene.hpp"

namespace attachsim::viz {

// Draws the room at the cursor, `size` pixels, then moves the cursor below it. `label` (the large
// font if any) names what the infant does; `earned` is the class once the coder has seen it all.
void draw_ssp_room(const SceneFrame& frame, ImVec2 size, ImFont* label,
                   std::optional<Class4> earned);

// What the infant did so far, tick by tick, one labelled row per behaviour (an ethogram): near
// the caregiver (bar height = closeness; grey when she is out), cries, turns away, freezes or
// veers, resists; episodes marked along the top. Shows the whole procedure's pattern at a glance.
void draw_ssp_strip(const std::vector<SceneFrame>& frames, std::size_t shown, float width);

// The key to the room's symbols, in one wrapped line of text.
void ssp_room_key();

}  // namespace attachsim::viz
