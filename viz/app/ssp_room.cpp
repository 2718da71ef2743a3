// The Strange Situation room drawn from a scene frame: walls and door, chairs, toys, caregiver,
// stranger and infant, with crying, turning away, freezing and contact marked by shape and word.
#include "ssp_room.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "attachsim/viz/colour_map.hpp"
#include "ui_units.hpp"

namespace attachsim::viz {
namespace {

// Okabe-Ito: the caregiver blue, the stranger yellow, tears sky blue, the infant white. Every
// person also has a shape (circle, square, small circle with a nose) and a name under it.
constexpr ImU32 kCaregiver = IM_COL32(0, 114, 178, 255);
constexpr ImU32 kStranger = IM_COL32(240, 228, 66, 255);
constexpr ImU32 kInfant = IM_COL32(235, 235, 235, 255);
constexpr ImU32 kTears = IM_COL32(86, 180, 233, 255);
constexpr ImU32 kAlarm = IM_COL32(213, 94, 0, 255);  // vermillion (D's colour), with a shape
constexpr ImU32 kFloor = IM_COL32(44, 42, 38, 255);
constexpr ImU32 kWall = IM_COL32(170, 170, 170, 255);
constexpr ImU32 kText = IM_COL32(230, 230, 230, 255);
constexpr ImU32 kDim = IM_COL32(150, 150, 150, 255);

ImU32 with_alpha(ImU32 c, float alpha) {
  const auto a = static_cast<unsigned>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f);
  return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

Strategy glyph_of(Class4 c) {
  switch (c) {
    case Class4::A:
      return Strategy::Minimising;
    case Class4::B:
      return Strategy::Open;
    case Class4::C:
      return Strategy::Maximising;
    case Class4::D:
      return Strategy::Conflict;
    case Class4::CC:
      return Strategy::None;
  }
  return Strategy::None;
}

void centred_text(ImDrawList* draw, ImVec2 at, ImU32 colour, const char* text) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  draw->AddText(ImVec2(at.x - size.x / 2, at.y), colour, text);
}

}  // namespace

void draw_ssp_room(const SceneFrame& f, ImVec2 size, ImFont* label, std::optional<Class4> earned) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  // The room keeps a 16:9 floor in the space it has; the rest is margin.
  const float pad = line * 0.5f;
  const ImVec2 lo(origin.x + pad, origin.y + pad + line * 0.2f);
  const ImVec2 hi(origin.x + size.x - pad, origin.y + size.y - pad);
  const auto at = [&](ScenePoint p) {
    return ImVec2(lo.x + p.x * (hi.x - lo.x), lo.y + p.y * (hi.y - lo.y));
  };
  const float unit = std::min(hi.x - lo.x, (hi.y - lo.y) * 1.6f);  // size of people
  const float wall = std::max(2.0f, unit * 0.008f);

  // Floor and walls, with the door as a gap in the top wall and a leaf that swings open.
  draw->AddRectFilled(lo, hi, kFloor, line * 0.3f);
  draw->AddRect(lo, hi, kWall, line * 0.3f, 0, wall);
  const ImVec2 door_c = at(room::kDoor);
  const float door_w = unit * 0.10f;
  draw->AddLine(ImVec2(door_c.x - door_w / 2, lo.y), ImVec2(door_c.x + door_w / 2, lo.y), kFloor,
                wall * 2.5f);
  if (f.door_open)
    draw->AddLine(ImVec2(door_c.x - door_w / 2, lo.y),
                  ImVec2(door_c.x - door_w / 2 + door_w * 0.35f, lo.y + door_w * 0.94f), kWall,
                  wall);
  else
    draw->AddLine(ImVec2(door_c.x - door_w / 2, lo.y), ImVec2(door_c.x + door_w / 2, lo.y),
                  IM_COL32(140, 110, 80, 255), wall * 1.5f);
  centred_text(draw, ImVec2(door_c.x + door_w * 1.3f, lo.y + wall * 2), kDim,
               f.door_open ? "door (open)" : "door");

  // Chairs and toys (toys in colours no class uses).
  for (ScenePoint chair : {room::kCaregiverChair, room::kStrangerChair}) {
    const ImVec2 c = at(chair);
    const float h = unit * 0.045f;
    draw->AddRectFilled(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h),
                        IM_COL32(90, 80, 70, 255), h * 0.3f);
  }
  {
    const ImVec2 t = at(room::kToys);
    const float s = unit * 0.018f;
    draw->AddRectFilled(ImVec2(t.x - 4 * s, t.y - s), ImVec2(t.x - 2 * s, t.y + s),
                        IM_COL32(204, 121, 167, 255));
    draw->AddTriangleFilled(ImVec2(t.x + 3 * s, t.y - 3 * s), ImVec2(t.x + 5 * s, t.y),
                            ImVec2(t.x + s, t.y), IM_COL32(200, 180, 140, 255));
    draw->AddCircleFilled(ImVec2(t.x, t.y + 3 * s), s * 1.2f, IM_COL32(160, 130, 200, 255), 12);
    centred_text(draw, ImVec2(t.x, t.y + 5 * s), kDim, "toys");
  }

  // The adults: a circle for the caregiver, a square for the stranger; faded on the way out.
  const float adult_r = unit * 0.065f;
  const auto adult = [&](const SceneAdult& a, ImU32 colour, bool square, const char* name) {
    if (!a.present && !a.leaving) return;
    const float alpha = a.leaving ? 0.4f : 1.0f;
    const ImVec2 c = at(a.at);
    if (square)
      draw->AddRectFilled(ImVec2(c.x - adult_r * 0.9f, c.y - adult_r * 0.9f),
                          ImVec2(c.x + adult_r * 0.9f, c.y + adult_r * 0.9f),
                          with_alpha(colour, alpha), adult_r * 0.2f);
    else
      draw->AddCircleFilled(c, adult_r, with_alpha(colour, alpha), 24);
    draw->AddCircle(ImVec2(c.x, c.y), adult_r * 0.45f, with_alpha(IM_COL32(20, 20, 20, 255), alpha),
                    16, 2);  // the head, seen from above
    const std::string text = a.leaving ? std::string(name) + " leaves" : std::string(name);
    centred_text(draw, ImVec2(c.x, c.y + adult_r * 1.1f), with_alpha(kText, alpha), text.c_str());
  };
  adult(f.caregiver, kCaregiver, false, "caregiver");
  adult(f.stranger, kStranger, true, f.stranger_comforts ? "stranger comforts" : "stranger");

  // The infant: a small circle with a nose that shows where it looks.
  const float r = unit * 0.042f;
  const ImVec2 c = at(f.infant);
  const ImVec2 look(f.facing.x, f.facing.y);
  if (f.in_contact && f.caregiver.present) {
    // Held: an arm from the caregiver round the infant.
    const ImVec2 cg = at(f.caregiver.at);
    draw->AddLine(cg, c, kCaregiver, r * 0.8f);
  }
  if (f.approaching) {
    // Motion lines behind it.
    for (int k = 1; k <= 3; ++k) {
      const float back = r * (1.2f + 0.9f * static_cast<float>(k));
      draw->AddLine(
          ImVec2(c.x - look.x * back - look.y * r * 0.6f, c.y - look.y * back + look.x * r * 0.6f),
          ImVec2(c.x - look.x * (back + r * 0.6f) - look.y * r * 0.6f,
                 c.y - look.y * (back + r * 0.6f) + look.x * r * 0.6f),
          kText, 2);
    }
  }
  float wobble = 0;
  if (f.resisting) wobble = r * 0.25f * std::sin(static_cast<float>(ImGui::GetTime()) * 18.0f);
  const ImVec2 body(c.x + wobble, c.y);
  draw->AddCircleFilled(body, r, kInfant, 20);
  draw->AddTriangleFilled(ImVec2(body.x + look.x * r * 1.6f, body.y + look.y * r * 1.6f),
                          ImVec2(body.x + look.x * r * 0.6f - look.y * r * 0.6f,
                                 body.y + look.y * r * 0.6f + look.x * r * 0.6f),
                          ImVec2(body.x + look.x * r * 0.6f + look.y * r * 0.6f,
                                 body.y + look.y * r * 0.6f - look.x * r * 0.6f),
                          kInfant);
  if (earned) {
    // The class once coded: its shape and colour inside the infant.
    strategy_glyph(draw, body, r * 0.55f, glyph_of(*earned), ImGui::ColorConvertFloat4ToU32([&] {
                     const Rgba k = class_colour(*earned);
                     return ImVec4(k.r / 255.0f, k.g / 255.0f, k.b / 255.0f, 1);
                   }()));
  }

  // Crying: arcs of tears either side, more of them the louder it cries.
  if (f.crying > 0.5f) {
    const int arcs = 1 + static_cast<int>((f.crying - 0.5f) * 6);
    for (int k = 0; k < std::min(arcs, 3); ++k) {
      const float rr = r * (1.5f + 0.45f * static_cast<float>(k));
      draw->PathArcTo(body, rr, -0.6f, 0.6f, 8);
      draw->PathStroke(kTears, 0, 2.5f);
      draw->PathArcTo(body, rr, 3.14159f - 0.6f, 3.14159f + 0.6f, 8);
      draw->PathStroke(kTears, 0, 2.5f);
    }
  }
  // Freezing: two vertical bars (a pause sign) over the head, in vermillion.
  if (f.frozen) {
    const float h = r * 0.9f, y = body.y - r * 2.6f;
    for (float dx : {-0.35f, 0.35f})
      draw->AddRectFilled(ImVec2(body.x + dx * r - r * 0.15f, y - h / 2),
                          ImVec2(body.x + dx * r + r * 0.15f, y + h / 2), kAlarm);
  }
  // Resisting: a zig-zag beside it.
  if (f.resisting) {
    const ImVec2 z(body.x + r * 1.6f, body.y - r);
    for (int k = 0; k < 3; ++k)
      draw->AddLine(
          ImVec2(z.x + (k % 2 ? r * 0.5f : 0), z.y + static_cast<float>(k) * r * 0.6f),
          ImVec2(z.x + (k % 2 ? 0 : r * 0.5f), z.y + static_cast<float>(k + 1) * r * 0.6f), kAlarm,
          2.5f);
  }

  // What it does, in words, along the bottom of the room; its name above it.
  const char* doing_text = f.frozen && f.caregiver.present ? "approaches, veers away, freezes"
                           : f.frozen                      ? "freezes"
                           : f.resisting                   ? "clings and resists"
                           : f.approaching                 ? "goes to the caregiver"
                           : f.in_contact  ? (f.crying > 0.5f ? "is held, still crying" : "is held")
                           : f.turned_away ? "turns away"
                           : f.crying > 0.5f ? (f.caregiver.present ? "cries" : "cries at the door")
                           : f.act == SspAct::Explore ? "plays"
                                                      : "sits still";
  centred_text(draw, ImVec2(body.x, body.y - r - line * (f.frozen ? 2.6f : 1.2f)), kText, "infant");
  const std::string caption = std::string("the infant ") + doing_text;
  const char* doing = caption.c_str();
  // In the large (bold) font at 1.5 lines, to be read from the back of a room.
  ImFont* font = label ? label : ImGui::GetFont();
  const float font_px = line * 1.5f;
  const ImVec2 said = font->CalcTextSizeA(font_px, 1e9f, 0, doing);
  // A caption along the bottom of the room, clear of the people and the toys.
  const ImVec2 said_at((lo.x + hi.x - said.x) / 2, hi.y - said.y - line * 0.4f);
  draw->AddRectFilled(ImVec2(said_at.x - 4, said_at.y - 1),
                      ImVec2(said_at.x + said.x + 4, said_at.y + said.y + 1),
                      IM_COL32(0, 0, 0, 150), 4);
  draw->AddText(font, font_px, said_at,
                f.frozen || f.resisting ? IM_COL32(255, 160, 110, 255) : kText, doing);

  // Proximity meter along the bottom right: how close the infant is to the caregiver.
  {
    const float w = (hi.x - lo.x) * 0.28f, h = line * 0.55f;
    const ImVec2 m0(hi.x - w - line * 0.5f, lo.y + line * 0.4f);
    draw->AddText(ImVec2(m0.x, m0.y), kText, "close to caregiver");
    const ImVec2 b0(m0.x, m0.y + line * 1.1f), b1(m0.x + w, m0.y + line * 1.1f + h);
    draw->AddRect(b0, b1, kWall, 2);
    if (f.proximity >= 0)
      draw->AddRectFilled(b0, ImVec2(b0.x + w * f.proximity, b1.y), kCaregiver, 2);
    else
      draw->AddText(ImVec2(b0.x + 4, b0.y + (h - line) / 2), kDim, "(out)");
    if (earned) {
      const std::string cls = std::string("class ") + class_name(*earned);
      const ImVec2 g(m0.x + line * 0.5f, b1.y + line * 1.0f);
      const Rgba k = class_colour(*earned);
      strategy_glyph(draw, g, line * 0.45f, glyph_of(*earned), IM_COL32(k.r, k.g, k.b, 255), true);
      draw->AddText(ImVec2(g.x + line * 0.8f, g.y - line / 2), kText, cls.c_str());
    }
  }
  ImGui::Dummy(size);
}

void draw_ssp_strip(const std::vector<SceneFrame>& frames, std::size_t shown, float width) {
  if (frames.empty()) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  const char* rows[] = {"near caregiver", "cries", "turns away", "freezes / veers", "resists"};
  float label_w = 0;
  for (const char* r : rows) label_w = std::max(label_w, ImGui::CalcTextSize(r).x);
  label_w += line * 0.5f;
  const float row_h = line * 1.05f;
  const float top = origin.y + line * 1.1f;  // episode numbers above
  const float x0 = origin.x + label_w, x1 = origin.x + width - line * 0.3f;
  const float tick_w = (x1 - x0) / static_cast<float>(frames.size());
  const std::size_t n = std::min(shown, frames.size());
  for (int r = 0; r < 5; ++r) {
    const float y = top + static_cast<float>(r) * row_h;
    draw->AddText(ImVec2(origin.x, y + (row_h - line) / 2), kText, rows[r]);
    draw->AddRectFilled(ImVec2(x0, y + 1), ImVec2(x1, y + row_h - 1), IM_COL32(34, 34, 38, 255));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const SceneFrame& f = frames[i];
    const float a = x0 + tick_w * static_cast<float>(i), b = a + std::max(1.0f, tick_w);
    const auto cell = [&](int r, float fill, ImU32 colour) {
      const float y = top + static_cast<float>(r) * row_h;
      const float h = (row_h - 2) * std::clamp(fill, 0.0f, 1.0f);
      draw->AddRectFilled(ImVec2(a, y + row_h - 1 - h), ImVec2(b, y + row_h - 1), colour);
    };
    if (f.proximity >= 0)
      cell(0, std::max(0.08f, f.proximity), kCaregiver);
    else
      cell(0, 0.15f, IM_COL32(90, 90, 90, 255));  // she is out of the room
    if (f.crying > 0.5f) cell(1, (f.crying - 0.3f) / 0.7f, kTears);
    if (f.turned_away && !f.frozen) cell(2, 1, IM_COL32(220, 220, 220, 255));
    if (f.frozen) cell(3, 1, kAlarm);
    if (f.resisting) cell(4, 1, IM_COL32(204, 121, 167, 255));
  }
  // Episodes: a line at each start, the number above.
  for (std::size_t i = 0; i < frames.size(); ++i)
    if (i == 0 || frames[i].episode != frames[i - 1].episode) {
      const float x = x0 + tick_w * static_cast<float>(i);
      draw->AddLine(ImVec2(x, top - line * 0.2f), ImVec2(x, top + 5 * row_h), kDim, 1);
      char number[4];
      std::snprintf(number, sizeof number, "%d", frames[i].episode);
      draw->AddText(ImVec2(x + 2, origin.y), kDim, number);
    }
  // Now.
  if (n > 0 && n < frames.size()) {
    const float x = x0 + tick_w * static_cast<float>(n);
    draw->AddLine(ImVec2(x, top - line * 0.2f), ImVec2(x, top + 5 * row_h),
                  IM_COL32(255, 230, 100, 255), 2);
  }
  ImGui::Dummy(ImVec2(width, line * 1.1f + 5 * row_h + line * 0.3f));
}

void ssp_room_key() {
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled(
      "Key: caregiver = blue circle, stranger = yellow square, infant = white with a nose where it "
      "looks; tear arcs = crying; bars over the head = freezing; zig-zag = resisting; the bar = "
      "closeness to the caregiver. Positions come from the model's acts, tick by tick.");
  ImGui::PopTextWrapPos();
}

}  // namespace attachsim::viz
