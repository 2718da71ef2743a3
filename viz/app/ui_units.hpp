// Lengths at the UI scale and the shapes that stand beside the class colours (projection mode and
// colour-safe drawing).
#pragma once

#include <imgui.h>

#include "attachsim/infant.hpp"
#include "attachsim/viz/ui_scale.hpp"

namespace attachsim::viz {

// A length designed at scale 1 (14 px text), in pixels at the current UI scale.
inline float em(float px_at_scale_1) {
  const ImGuiIO& io = ImGui::GetIO();
  const float size = io.FontDefault ? io.FontDefault->FontSize * io.FontGlobalScale : kBaseFontPx;
  return px_at_scale_1 * size / kBaseFontPx;
}

// Each strategy (and class) has a shape as well as a colour, so that no meaning rests on colour
// alone: B a circle, A a square, C a triangle, D a cross, none yet a ring. `radius` in pixels.
void strategy_glyph(ImDrawList* draw, ImVec2 centre, float radius, Strategy s, ImU32 colour,
                    bool outline = false);
// The glyph inline with text (a square of the text line's height), then SameLine.
void inline_glyph(Strategy s, ImU32 colour);

}  // namespace attachsim::viz
