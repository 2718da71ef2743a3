// The class glyphs: shapes that carry the class with the colour.
#include "ui_units.hpp"

#include <cmath>

namespace attachsim::viz {

void strategy_glyph(ImDrawList* draw, ImVec2 c, float r, Strategy s, ImU32 colour, bool outline) {
  const ImU32 edge = IM_COL32(255, 255, 255, 230);
  const float w = std::max(1.0f, r * 0.22f);
  switch (s) {
    case Strategy::Open:
      draw->AddCircleFilled(c, r, colour, 16);
      if (outline) draw->AddCircle(c, r, edge, 16, 1.0f);
      break;
    case Strategy::Minimising: {
      const float h = r * 0.88f;
      draw->AddRectFilled(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), colour);
      if (outline) draw->AddRect(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), edge);
      break;
    }
    case Strategy::Maximising: {
      const ImVec2 a(c.x, c.y - r * 1.05f), b(c.x + r * 1.05f, c.y + r * 0.85f),
          d(c.x - r * 1.05f, c.y + r * 0.85f);
      draw->AddTriangleFilled(a, b, d, colour);
      if (outline) draw->AddTriangle(a, b, d, edge, 1.0f);
      break;
    }
    case Strategy::Conflict: {
      // A thick cross (an X): reads as "broken" and differs from every filled shape.
      const float k = r * 0.9f;
      if (outline) {
        draw->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), edge, 3.2f * w + 2);
        draw->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), edge, 3.2f * w + 2);
      }
      draw->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), colour, 3.2f * w);
      draw->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), colour, 3.2f * w);
      break;
    }
    case Strategy::None:
      draw->AddCircle(c, r * 0.85f, colour, 16, 2 * w);
      break;
  }
}

void inline_glyph(Strategy s, ImU32 colour) {
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  strategy_glyph(ImGui::GetWindowDrawList(), ImVec2(p.x + line / 2, p.y + line / 2), line * 0.36f,
                 s, colour);
  ImGui::Dummy(ImVec2(line, line));
  ImGui::SameLine();
}

}  // namespace attachsim::viz
