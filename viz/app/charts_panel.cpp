// The Charts tab: shares over age with published bands, the sensitivity x security scatter,
// histograms, the assessment table.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "attachsim/viz/chart_data.hpp"
#include "attachsim/viz/measure_notes.hpp"
#include "plot.hpp"
#include "viewer.hpp"

namespace attachsim::viz {

namespace {

// Shares among the attached are drawn from the first day at least this share is
// attached: before that a handful of infants make the lines jump between 0 and 100%.
constexpr float kMinimumAttached = 0.05f;

void disabled_wrapped(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void note_tooltip(MeasureNote note) {
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", std::string(measure_note(note).hover).c_str());
}

// The letter a strategy's line is labelled with at its end.
const char* strategy_letter(Strategy s) {
  switch (s) {
    case Strategy::Open:
      return "B";
    case Strategy::Minimising:
      return "A";
    case Strategy::Maximising:
      return "C";
    case Strategy::Conflict:
      return "D";
    case Strategy::None:
      break;
  }
  return "none";  // no discriminated attachment yet
}

constexpr Strategy kLines[] = {Strategy::Open, Strategy::Minimising, Strategy::Maximising,
                               Strategy::Conflict};

double chart_end_months(const Snapshot& s) {
  // At least to 18 months, where the published bands end.
  return std::max(18.0, std::ceil(static_cast<double>(age_months(std::max(s.day, s.end_day)))));
}

}  // namespace

void Viewer::charts_panel() {
  ImGui::BeginChild("charts");
  const ArmView& arm = snap_->main;
  shares_chart(arm, em(230));
  scatter_chart(arm, em(170));
  const float w = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
  histogram_chart("h security", arm.security, "security exp.", IM_COL32(92, 200, 99, 255), w,
                  em(120));
  ImGui::SameLine();
  histogram_chart("h stress", arm.infant_stress, "infant stress", IM_COL32(230, 120, 70, 255), w,
                  em(120));
  ImGui::SameLine();
  histogram_chart("h sensitivity", arm.sensitivity, "sensitivity", IM_COL32(90, 160, 230, 255), w,
                  em(120));
  if (arm.assessment)
    assessment_table(*arm.assessment);
  else
    disabled_wrapped("No Strange Situation yet: it runs at " +
                     (snap_->assessment_days.empty()
                          ? std::string("no age (this source schedules none)")
                          : std::to_string(snap_->assessment_days.front()) + " days") +
                     ", or press Assess (A).");
  ImGui::EndChild();
}

void Viewer::shares_chart(const ArmView& arm, float height) {
  const double end = chart_end_months(*snap_);
  // Percent on the y axis: shares are multiplied by 100 as they are drawn.
  Plot plot("shares", ImVec2(0, height), 0, end, 0, 100,
            "Strategy at home, % of infants with a figure", "age (months)", 4, "%.0f%%");
  // Reference bands first, under the lines (brief C1/C2, or C4 for the world population).
  for (const ReferenceBand& b : reference_bands(snap_->references))
    plot.band(b.from_month, b.to_month, 100 * b.low, 100 * b.high,
              strategy_imcolour(b.strategy, 60));
  {
    // Name the bands once, above the highest.
    const auto bands = reference_bands(snap_->references);
    const ReferenceBand& top = *std::max_element(
        bands.begin(), bands.end(), [](const auto& a, const auto& b) { return a.high < b.high; });
    const ImVec2 at = plot.to_screen(top.from_month, 100 * top.high);
    plot.draw()->AddText(
        ImVec2(at.x + 2, at.y - ImGui::GetTextLineHeight() - 1), IM_COL32(200, 200, 205, 220),
        snap_->references == ReferenceSet::World ? "published C4" : "published C1, C2");
  }
  if (arm.series && arm.series->size() >= 2) {
    const auto& series = *arm.series;
    std::vector<float> xs(series.size()), ys(series.size());
    for (std::size_t i = 0; i < series.size(); ++i) xs[i] = age_months(series[i].day);
    for (std::size_t i = 0; i < series.size(); ++i) ys[i] = 100 * series[i].attached;
    plot.dashed(xs, ys, IM_COL32(180, 180, 180, 200));
    std::size_t first = 0;
    while (first < series.size() && series[first].attached < kMinimumAttached) ++first;
    const std::span<const float> x_from = std::span<const float>(xs).subspan(first);
    for (Strategy s : kLines) {
      for (std::size_t i = first; i < series.size(); ++i)
        ys[i] = 100 * series[i].share_among_attached(s);
      plot.line(x_from, std::span<const float>(ys).subspan(first), strategy_imcolour(s), 2.0f);
      plot.end_label(x_from, std::span<const float>(ys).subspan(first), strategy_letter(s),
                     strategy_imcolour(s));
    }
  }
  // Strange Situation results: 3-way A/B/C (what C1 is about) and 4-way D.
  for (const AssessmentPoint& p : arm.assessments) {
    const double x = age_months(p.day);
    plot.glyph(x, 100 * p.b3, Strategy::Open, strategy_imcolour(Strategy::Open));
    plot.glyph(x, 100 * p.a3, Strategy::Minimising, strategy_imcolour(Strategy::Minimising));
    plot.glyph(x, 100 * p.c3, Strategy::Maximising, strategy_imcolour(Strategy::Maximising));
    plot.glyph(x, 100 * p.d4, Strategy::Conflict, strategy_imcolour(Strategy::Conflict));
  }
  std::vector<Plot::LegendItem> entries;
  for (Strategy s : kLines) entries.push_back({strategy_label(s), strategy_imcolour(s), s});
  entries.push_back({"attached (dashed)", IM_COL32(180, 180, 180, 255)});
  plot.legend(entries);
  if (plot.hovered()) {
    ImGui::BeginTooltip();
    const double month = plot.x_at(plot.mouse().x);
    if (arm.series && !arm.series->empty()) {
      const auto day = static_cast<std::uint32_t>(std::max(0.0, month * kDaysPerMonth));
      const auto& series = *arm.series;
      const auto it =
          std::lower_bound(series.begin(), series.end(), day,
                           [](const DaySample& d, std::uint32_t v) { return d.day < v; });
      const DaySample& d = it == series.end() ? series.back() : *it;
      ImGui::Text("%.1f months: attached %.0f%%", static_cast<double>(age_months(d.day)),
                  100.0 * d.attached);
      for (Strategy s : kLines)
        ImGui::Text("  %s %.1f%%", strategy_label(s), 100.0 * d.share_among_attached(s));
    }
    ImGui::Separator();
    ImGui::TextUnformatted("Bands: published ranges at 12-18 months,");
    ImGui::Text("  %s", reference_set_name(snap_->references));
    for (const ReferenceBand& b : reference_bands(snap_->references))
      ImGui::Text("  %s %.0f-%.0f%%", b.label.c_str(), 100.0 * b.low, 100.0 * b.high);
    ImGui::TextUnformatted("Shapes: Strange Situation (A/B/C 3-way, D 4-way);");
    ImGui::TextUnformatted("  B circle, A square, C triangle, D cross.");
    ImGui::Separator();
    ImGui::TextUnformatted(std::string(measure_note(MeasureNote::StrategyAtHome).hover).c_str());
    ImGui::EndTooltip();
  }
}

void Viewer::scatter_chart(const ArmView& arm, float height) {
  const Scatter& s = arm.sensitivity_security;
  char title[128];
  std::snprintf(title, sizeof title,
                "r = %.2f (n = %u): caregiver sensitivity x security expectation", s.r, s.n);
  Plot plot("scatter", ImVec2(0, height), 0, 1, 0, 1, title, "primary caregiver sensitivity", 4);
  for (const auto& [x, y] : s.points) plot.point(x, y, IM_COL32(120, 190, 255, 150), 3.0f);
  plot.legend({{"infants with a figure (hover: why r differs from the table's)",
                IM_COL32(120, 190, 255, 255)}});
  if (plot.hovered())
    ImGui::SetTooltip(
        "Each point an infant with an attachment figure (%zu of %u drawn; r uses all).\n\n%s",
        s.points.size(), s.n, std::string(measure_note(MeasureNote::ScatterR).hover).c_str());
}

void Viewer::histogram_chart(const char* id, const Histogram& h, const char* title, ImU32 colour,
                             float width, float height) {
  ImGui::BeginGroup();
  const double top = std::max<double>(1, h.tallest());
  Plot plot(id, ImVec2(width, height), h.lo, h.hi, 0, top / std::max(1u, h.total), title, nullptr,
            2, "%.2f");
  for (std::size_t i = 0; i < h.counts.size(); ++i) {
    const double x0 = h.lo + static_cast<double>(i) * h.bin_width();
    plot.bar(x0, x0 + h.bin_width(), static_cast<double>(h.counts[i]) / std::max(1u, h.total),
             colour);
  }
  plot.vertical(h.mean, IM_COL32(255, 255, 255, 200));
  if (plot.hovered())
    ImGui::SetTooltip(
        "%s: share of dyads per bin; %u values, mean %.2f (white line)%s%s", title, h.total, h.mean,
        id == std::string_view("h security") ? "\n\n" : "",
        id == std::string_view("h security")
            ? std::string(measure_note(MeasureNote::SecurityExpectation).hover).c_str()
            : "");
  ImGui::EndGroup();
}

void Viewer::assessment_table(const AssessmentSummary& a) {
  const ClassDistribution& d = a.distribution;
  ImGui::Text("Strange Situation at %.1f months, %zu infants",
              static_cast<double>(age_months(a.day)), a.records.size());
  note_tooltip(MeasureNote::StrangeSituationClass);
  if (ImGui::BeginTable("classes", 6,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableSetupColumn("");
    for (const char* c : {"A", "B", "C", "D", "CC"}) ImGui::TableSetupColumn(c);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("class");
    note_tooltip(MeasureNote::StrangeSituationClass);
    for (Strategy s : {Strategy::Minimising, Strategy::Open, Strategy::Maximising,
                       Strategy::Conflict, Strategy::None}) {
      ImGui::TableNextColumn();
      inline_glyph(s, strategy_imcolour(s));
      // The coder's class for "no organised strategy" is CC (cannot classify).
      ImGui::TextUnformatted(s == Strategy::None ? "CC" : strategy_letter(s));
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("4-way");
    for (Class4 c : {Class4::A, Class4::B, Class4::C, Class4::D, Class4::CC}) {
      ImGui::TableNextColumn();
      ImGui::Text("%.1f%%", 100 * d.share4(c));
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("3-way");
    for (Class3 c : {Class3::A, Class3::B, Class3::C}) {
      ImGui::TableNextColumn();
      ImGui::Text("%.1f%%", 100 * d.share3(c));
    }
    ImGui::EndTable();
  }
  disabled_wrapped(
      "Of all assessed; CC (cannot classify) goes with D. Published (C1) 3-way 22/66/12, D ~15.");
  if (ImGui::BeginTable("effects", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    // Names wrap rather than clip in a narrow panel; the value and published columns stay whole.
    ImGui::TableSetupColumn("effect size", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("-0.00").x);
    ImGui::TableSetupColumn("published", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("moderate, ~.30").x);
    ImGui::TableHeadersRow();
    const auto row = [](const char* name, double value, const char* published,
                        std::optional<MeasureNote> note) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", name);
      if (note) note_tooltip(*note);
      ImGui::TableNextColumn();
      ImGui::Text("%.2f", value);
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", published);
    };
    row("r(sensitivity, security, coded)", a.links.security, ".24 (.15-.35)", MeasureNote::TableR);
    row("r(sensitivity, avoidance)", a.links.avoidance, "-.24", MeasureNote::TableR);
    row("r(sensitivity, resistance)", a.links.resistance, "-.12", MeasureNote::TableR);
    row("r(sensitivity, disorganisation)", a.links.disorganisation, "-.19", MeasureNote::TableR);
    row("d security, reactive vs calm", a.temperament_d_security, "weak, ~-.14",
        MeasureNote::GroupD);
    row("d resistance, reactive vs calm", a.temperament_d_resistance, "moderate, ~.30",
        MeasureNote::GroupD);
    row("odds ratio insecure, low vs high sensitivity", a.insecure_odds_ratio, "> 1", std::nullopt);
    if (a.stability_kappa)
      row("kappa with the previous assessment", *a.stability_kappa, "modest", std::nullopt);
    ImGui::EndTable();
  }
}

void Viewer::difference_chart(float height) {
  if (!snap_->what_if || !snap_->main.series || !snap_->what_if->series) return;
  auto diff = difference_series(*snap_->main.series, *snap_->what_if->series);
  std::erase_if(diff, [](const DayDifference& d) { return d.attached < kMinimumAttached; });
  if (diff.size() < 2) {
    ImGui::TextDisabled(
        "The difference chart starts once %.0f%% of infants have an attachment figure.",
        100.0 * kMinimumAttached);
    return;
  }
  float lo = -5, hi = 5;
  for (const DayDifference& d : diff)
    for (Strategy s : kLines) {
      lo = std::min(lo, d.strategy[static_cast<std::size_t>(s)]);
      hi = std::max(hi, d.strategy[static_cast<std::size_t>(s)]);
    }
  const float pad = 0.1f * (hi - lo);
  Plot plot("difference", ImVec2(0, height), 0, chart_end_months(*snap_), lo - pad, hi + pad,
            "What-if minus main (percentage points among attached)", "age (months)", 4, "%+.0f");
  plot.horizontal(0, IM_COL32(220, 220, 220, 160));
  if (snap_->compare)
    plot.vertical(age_months(snap_->compare->from_day), IM_COL32(255, 255, 255, 90));
  std::vector<float> xs(diff.size()), ys(diff.size());
  for (std::size_t i = 0; i < diff.size(); ++i) xs[i] = age_months(diff[i].day);
  for (Strategy s : kLines) {
    for (std::size_t i = 0; i < diff.size(); ++i)
      ys[i] = diff[i].strategy[static_cast<std::size_t>(s)];
    plot.line(xs, ys, strategy_imcolour(s), 2.0f);
    plot.end_label(xs, ys, strategy_letter(s), strategy_imcolour(s));
  }
  std::vector<Plot::LegendItem> entries;
  for (Strategy s : kLines) entries.push_back({strategy_label(s), strategy_imcolour(s), s});
  plot.legend(entries);
}

}  // namespace attachsim::viz
