// The monitor strip above the population: a large age clock and NetLogo-style monitors (dyads,
// attached, B/A/C/D) readable from the back of a lecture hall.
#include <algorithm>
#include <array>
#include <cfloat>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "attachsim/viz/chart_data.hpp"
#include "attachsim/viz/measure_notes.hpp"
#include "viewer.hpp"

namespace attachsim::viz {

namespace {

struct Monitor {
  std::string label;
  std::string value;
  std::optional<Strategy> glyph;
  MeasureNote note;
};

std::string with_thousands(std::uint32_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

void Viewer::monitors_panel() {
  const DaySample now = day_sample(snap_->main.aggregates);
  char buffer[32];
  std::vector<Monitor> monitors;
  std::snprintf(buffer, sizeof buffer, "%.1f", static_cast<double>(age_months(snap_->day)));
  monitors.push_back({"age, months (day " + std::to_string(snap_->day) + ")", buffer, std::nullopt,
                      MeasureNote::AgeClock});
  monitors.push_back({"dyads", with_thousands(snap_->dyads), std::nullopt, MeasureNote::Attached});
  std::snprintf(buffer, sizeof buffer, "%.0f%%", 100.0 * now.attached);
  monitors.push_back({"attached", buffer, std::nullopt, MeasureNote::Attached});
  for (Strategy s :
       {Strategy::Open, Strategy::Minimising, Strategy::Maximising, Strategy::Conflict}) {
    std::snprintf(buffer, sizeof buffer, "%.0f%%", 100.0 * now.share_among_attached(s));
    monitors.push_back({strategy_label(s), buffer, s, MeasureNote::StrategyAtHome});
  }

  // Fit the row: the large font as large as the strip allows (down to 60% before the labels
  // would be larger than the numbers).
  ImFont* large = large_font_ ? large_font_ : ImGui::GetFont();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pad = em(6), gap = style.ItemSpacing.x;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float label_h = ImGui::GetTextLineHeight();
  const auto widths = [&](float font_scale) {
    std::vector<float> w;
    for (const Monitor& m : monitors) {
      const float value_w =
          large->CalcTextSizeA(large->FontSize * font_scale, FLT_MAX, 0, m.value.c_str()).x;
      const float label_w = ImGui::CalcTextSize(m.label.c_str()).x + (m.glyph ? label_h : 0);
      w.push_back(std::max(value_w, label_w) + 2 * pad);
    }
    return w;
  };
  const auto total = [&](const std::vector<float>& w) {
    float t = 0;
    for (float x : w) t += x;
    return t + gap * static_cast<float>(w.size() - 1);
  };
  // Try the long labels at full size, then smaller numbers, then shorter labels.
  std::vector<std::string> long_labels, short_labels, letters;
  for (const Monitor& m : monitors) {
    long_labels.push_back(m.glyph ? m.label + " (of attached)" : m.label);
    short_labels.push_back(m.label);
    letters.push_back(m.glyph ? m.label.substr(0, 1) : m.label);
  }
  letters[0] = "age, months";
  const std::vector<std::pair<const std::vector<std::string>*, float>> tries{
      {&long_labels, 1.0f},  {&long_labels, 0.85f}, {&short_labels, 1.0f},
      {&short_labels, 0.8f}, {&letters, 0.8f},      {&letters, 0.6f}};
  float font_scale = 1.0f;
  std::vector<float> w;
  for (const auto& [labels, scale] : tries) {
    for (std::size_t i = 0; i < monitors.size(); ++i) monitors[i].label = (*labels)[i];
    font_scale = scale;
    w = widths(font_scale);
    if (total(w) <= avail) break;
  }
  // Spread the spare width over the boxes so the strip reads as one row of equal weight.
  const float spare = std::max(0.0f, avail - total(w)) / static_cast<float>(w.size());
  for (float& x : w) x += spare;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float value_h = large->FontSize * font_scale;
  const float box_h = label_h + value_h + 2 * pad;
  for (std::size_t i = 0; i < monitors.size(); ++i) {
    const Monitor& m = monitors[i];
    if (i > 0) ImGui::SameLine(0, gap);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    ImGui::InvisibleButton("monitor", ImVec2(w[i], box_h));
    ImGui::PopID();
    const ImU32 accent = m.glyph ? strategy_imcolour(*m.glyph) : IM_COL32(150, 150, 160, 255);
    draw->AddRectFilled(p, ImVec2(p.x + w[i], p.y + box_h), IM_COL32(32, 32, 40, 255), em(3));
    draw->AddRectFilled(p, ImVec2(p.x + em(4), p.y + box_h), accent);
    float x = p.x + pad + em(2);
    if (m.glyph) {
      strategy_glyph(draw, ImVec2(x + label_h * 0.4f, p.y + pad + label_h / 2), label_h * 0.34f,
                     *m.glyph, accent);
      x += label_h;
    }
    draw->AddText(ImVec2(x, p.y + pad), IM_COL32(200, 200, 210, 255), m.label.c_str());
    draw->AddText(large, value_h, ImVec2(p.x + pad + em(2), p.y + pad + label_h),
                  IM_COL32(245, 245, 250, 255), m.value.c_str());
    if (ImGui::IsItemHovered()) {
      const MeasureNoteText& note = measure_note(m.note);
      ImGui::SetTooltip("%s", std::string(note.hover).c_str());
    }
  }
}

}  // namespace attachsim::viz
