// The viewer's panels: run controls and source picker, parameters, events, population, lesson,
// compare, log.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "attachsim/viz/chart_data.hpp"
#include "attachsim/viz/measure_notes.hpp"
#include "plot.hpp"
#include "viewer.hpp"

namespace attachsim::viz {

namespace {

const char* kSlotNames[] = {"primary (slot 0)", "secondary (slot 1)", "day care (slot 2)"};

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

// A slider for one parameter row; returns true with `value` changed when moved.
bool parameter_slider(const ParameterInfo& row, double& value) {
  char format[48];
  std::snprintf(format, sizeof format, "%%.3g %.*s", static_cast<int>(row.unit.size()),
                row.unit.data());
  // Units are words and ratios ("h/day", "0-1"); none contains a '%' that would break the format.
  const std::string label = "##" + std::string(row.name);
  if (row.integer()) {
    int v = static_cast<int>(std::lround(value));
    char int_format[48];
    std::snprintf(int_format, sizeof int_format, "%%d %.*s", static_cast<int>(row.unit.size()),
                  row.unit.data());
    const bool changed =
        ImGui::SliderInt(label.c_str(), &v, static_cast<int>(row.min), static_cast<int>(row.max),
                         int_format, ImGuiSliderFlags_AlwaysClamp);
    if (changed) value = v;
    return changed;
  }
  ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp;
  // Rates spanning orders of magnitude (learning.rate 0.0001-0.5) need a log scale to be usable.
  if (row.min > 0 && row.max / row.min >= 100) flags |= ImGuiSliderFlags_Logarithmic;
  double v = value;
  const bool changed = ImGui::SliderScalar(label.c_str(), ImGuiDataType_Double, &v, &row.min,
                                           &row.max, format, flags);
  // AlwaysClamp keeps typed values in range; a typed "nan" is refused here as well.
  if (changed && std::isfinite(v)) {
    value = std::clamp(v, row.min, row.max);
    return true;
  }
  return false;
}

// The width a button (or a checkbox) with this label takes after SameLine, at the UI scale: what
// an item before it on the same line leaves free.
float button_width(const char* label) {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::CalcTextSize(label).x + 2 * style.FramePadding.x + style.ItemSpacing.x;
}

float checkbox_width(const char* label) {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x +
         style.ItemSpacing.x;
}

}  // namespace

void Viewer::controls_panel() {
  const bool playing = snap_->playing;
  if (ImGui::Button(playing ? "Pause" : "Play", ImVec2(em(70), 0))) session_.toggle_play();
  ImGui::SameLine();
  if (ImGui::Button("Step")) session_.step_day();
  ImGui::SameLine();
  if (ImGui::Button("Assess")) session_.assess_now();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Strange Situation for every infant now (A)");
  ImGui::SameLine();
  ImGui::Text("%.1f months", static_cast<double>(age_months(snap_->day)));

  bool max_speed = speed_ <= 0;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - checkbox_width("max"));
  float speed = static_cast<float>(max_speed ? 1000.0 : speed_);
  if (ImGui::SliderFloat("##speed", &speed, 0.25f, 1000.0f,
                         max_speed ? "as fast as possible" : "%.1f days/s",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
    speed_ = speed;
    session_.set_speed(speed_);
  }
  ImGui::SameLine();
  if (ImGui::Checkbox("max", &max_speed)) {
    speed_ = max_speed ? 0.0 : 30.0;
    session_.set_speed(speed_);
  }

  ImGui::Separator();
  // The picker: the built-in populations and the bundled scenario files; choosing one
  // starts it from birth. Any other file can be opened by its path.
  ImGui::TextUnformatted("Population or scenario");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##source", snap_->source_name.c_str(), ImGuiComboFlags_HeightLarge)) {
    ImGui::TextDisabled("Built-in populations");
    for (const SessionSource& s : options_.sources) {
      if (ImGui::Selectable(s.name.c_str(), s.name == snap_->source_name && !snap_->scenario))
        load_source(s);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.summary.c_str());
    }
    if (!options_.bundled.empty()) {
      ImGui::Separator();
      ImGui::TextDisabled("Scenarios (%s)", options_.scenario_dir.string().c_str());
      for (const BundledScenario& b : options_.bundled) {
        const std::string label = b.name + "##" + b.path.string();
        if (ImGui::Selectable(label.c_str(), b.path.string() == snap_->source_origin))
          load_file(b.path);
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("%s\n%s", b.summary.c_str(), b.path.filename().string().c_str());
      }
    }
    ImGui::EndCombo();
  }
  if (loaded_ && loaded_->file && loaded_->name == snap_->source_name &&
      loaded_->sweep_points.size() > 1) {
    // A sweep: one point at a time, on the same seed (the same babies).
    ImGui::SetNextItemWidth(-1);
    const std::string& shown = loaded_->sweep_points[loaded_->sweep_point];
    if (ImGui::BeginCombo("##sweep point", ("sweep point: " + shown).c_str())) {
      for (std::size_t i = 0; i < loaded_->sweep_points.size(); ++i)
        if (ImGui::Selectable(loaded_->sweep_points[i].c_str(), i == loaded_->sweep_point)) {
          try {
            load_source(scenario_source(*loaded_->file, i));
          } catch (const std::exception& e) {
            load_failed(e.what());
          }
        }
      ImGui::EndCombo();
    }
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - button_width("Open"));
  const bool entered =
      ImGui::InputTextWithHint("##path", "any scenario file (.toml)", scenario_path_,
                               sizeof scenario_path_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || entered) && scenario_path_[0]) load_file(scenario_path_);
  if (!load_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1));
    ImGui::TextWrapped("%s", load_error_.c_str());
    ImGui::PopStyleColor();
    ImGui::TextDisabled("The population on screen keeps running.");
    if (ImGui::SmallButton("dismiss")) load_error_.clear();
  }

  // Seed and size share a row: the fields split what the labels leave.
  const float fields = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("seed").x -
                       ImGui::CalcTextSize("dyads").x - 2 * ImGui::GetStyle().ItemInnerSpacing.x -
                       ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(std::min(em(110), fields * 0.55f));
  ImGui::InputScalar("seed", ImGuiDataType_U64, &seed_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(em(90), fields * 0.45f));
  if (ImGui::InputInt("dyads", &dyads_, 0, 0)) dyads_ = std::clamp(dyads_, 1, 1'000'000);
  if (ImGui::Button("Reset from birth")) session_.reset(seed_, static_cast<std::uint32_t>(dyads_));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "A new population from birth with this seed and size; the parameters now in "
        "force are kept (R)");
  ImGui::SameLine();
  if (ImGui::Button("New seed")) {
    seed_ = seed_ * 6364136223846793005ull + 1442695040888963407ull;
    seed_ %= 1000000;
    session_.reset(seed_, static_cast<std::uint32_t>(dyads_));
  }
}

void Viewer::load_source(SessionSource source) {
  if (options_.dyads) source.dyads = *options_.dyads;
  if (options_.seed) source.seed = *options_.seed;
  report("Loading " + source.name);
  loaded_ = source;
  session_.load(std::move(source));
  event_selection_.clear();
  inspected_.reset();
  session_.select(std::nullopt);
  load_error_.clear();
}

void Viewer::load_file(const std::filesystem::path& path) {
  try {
    load_source(scenario_source(path));
  } catch (const std::exception& e) {
    // file:line:column: key: what is wrong; allowed: ... (the scenario library's message)
    load_failed(e.what());
  }
}

void Viewer::parameter_panel() {
  // Generated from the engine's parameter table: every row a slider, grouped by its prefix.
  ImGui::SetNextItemWidth(-button_width("Defaults"));
  ImGui::InputTextWithHint("##filter", "filter, e.g. sensitivity", parameter_filter_,
                           sizeof parameter_filter_);
  ImGui::SameLine();
  if (ImGui::Button("Defaults")) {
    const Parameters defaults;
    for (const ParameterInfo& row : parameter_table()) {
      const Param p = *find_parameter(row.name);
      if (snap_->parameters[p] != defaults[p]) {
        if (auto problem = session_.set_parameter(p, defaults[p]))
          report(*problem, true);
        else
          sent_[p] = defaults[p];
      }
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every parameter back to the calibrated default");
  ImGui::BeginChild("parameters");
  const std::map<Param, double> pending = session_.pending_parameters();
  std::string_view open_group;
  bool group_open = false;
  const std::string filter = parameter_filter_;
  for (std::size_t i = 0; i < kParameterCount; ++i) {
    const auto p = static_cast<Param>(i);
    const ParameterInfo& row = info(p);
    if (!filter.empty() && row.name.find(filter) == std::string_view::npos) continue;
    if (row.group() != open_group) {
      open_group = row.group();
      const std::string header(open_group);
      group_open = ImGui::CollapsingHeader(header.c_str(),
                                           filter.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen);
    }
    if (!group_open) continue;
    double value = snap_->parameters[p];
    if (auto it = sent_.find(p); it != sent_.end()) value = it->second;
    if (auto it = pending.find(p); it != pending.end()) value = it->second;
    const bool changed_from_default = value != row.default_value;
    ImGui::PushID(static_cast<int>(i));
    const std::string name(row.name.substr(row.name.find('.') + 1));
    if (changed_from_default) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.85f, 0.4f, 1));
    ImGui::TextUnformatted(name.c_str());
    if (changed_from_default) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
      ImGui::Text("%.*s", static_cast<int>(row.name.size()), row.name.data());
      ImGui::TextWrapped("%.*s", static_cast<int>(row.help.size()), row.help.data());
      ImGui::TextDisabled("range %g to %g %.*s, default %g", row.min, row.max,
                          static_cast<int>(row.unit.size()), row.unit.data(), row.default_value);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::SetNextItemWidth(-1);
    if (parameter_slider(row, value)) {
      if (auto problem = session_.set_parameter(p, value))
        report(*problem, true);
      else
        sent_[p] = value;
    }
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
      ImGui::TextWrapped("%.*s", static_cast<int>(row.help.size()), row.help.data());
      ImGui::TextDisabled(
          "range %g to %g, default %g; right-click: default; applies from the next step", row.min,
          row.max, row.default_value);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
      if (auto problem = session_.set_parameter(p, row.default_value))
        report(*problem, true);
      else
        sent_[p] = row.default_value;
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

void Viewer::event_panel() {
  static const char* kActions[] = {
      "Sensitivity intervention",     "End intervention",    "New caregiver (placement, adoption)",
      "Loss of the caregiver",        "Onset of depression", "Remission of depression",
      "Separation (travel, hospital)"};
  static const char* kRoles[] = {"none", "primary", "secondary", "daycare", "institution"};
  ImGui::TextWrapped("Apply an event now, between steps, to everyone or to a selection.");
  ImGui::SetNextItemWidth(-1);
  ImGui::Combo("##action", &event_action_, kActions, IM_ARRAYSIZE(kActions));
  ImGui::SetNextItemWidth(-1);
  ImGui::Combo("##slot", &event_slot_, kSlotNames, IM_ARRAYSIZE(kSlotNames));
  if (event_action_ == 0) {
    ImGui::SetNextItemWidth(em(120));
    ImGui::SliderInt("sessions", &event_sessions_, 1, 40, "%d", ImGuiSliderFlags_AlwaysClamp);
    help_marker(
        "Weekly sessions (intervention.interval days apart) training the intervention.* targets: "
        "sensitivity (gain), acceptance, consistency (following the lead) and calm (not "
        "frightening); each session gains less than the last (intervention.saturation). 8 "
        "sessions ~ +0.33 SD of sensitivity (Bakermans-Kranenburg et al. 2003).");
  } else if (event_action_ == 2) {
    ImGui::SetNextItemWidth(em(120));
    ImGui::Combo("role", &event_role_, kRoles + 1, IM_ARRAYSIZE(kRoles) - 1);
    help_marker(
        "Traits drawn from this role's distributions; the infant starts from what it expects "
        "of caregivers in general (learning.generalisation).");
  } else if (event_action_ == 6) {
    ImGui::SetNextItemWidth(em(120));
    ImGui::SliderInt("days", &event_days_, 1, 365, "%d", ImGuiSliderFlags_AlwaysClamp);
  }
  ImGui::Separator();
  ImGui::RadioButton("everyone", &event_target_, 0);
  ImGui::SameLine();
  char selected_label[48];
  std::snprintf(selected_label, sizeof selected_label, "selected (%zu)", event_selection_.size());
  ImGui::RadioButton(selected_label, &event_target_, 1);
  ImGui::SameLine();
  ImGui::RadioButton("share", &event_target_, 2);
  if (event_target_ == 2) {
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderFloat("##share", &event_share_, 0, 100, "%.0f%% of dyads (reproducible draw)",
                       ImGuiSliderFlags_AlwaysClamp);
  }
  if (event_target_ == 1) {
    ImGui::TextDisabled("Ctrl+click dyads in the population to select them.");
    if (inspected_ && ImGui::SmallButton("add the inspected dyad"))
      event_selection_.insert(*inspected_);
    ImGui::SameLine();
    if (ImGui::SmallButton("clear")) event_selection_.clear();
  }
  const bool empty_selection = event_target_ == 1 && event_selection_.empty();
  if (empty_selection) ImGui::BeginDisabled();
  if (ImGui::Button("Apply now", ImVec2(-1, 0))) {
    Command c;
    const int slot = event_slot_;
    switch (event_action_) {
      case 0:
        c.action = StartIntervention{slot, event_sessions_};
        break;
      case 1:
        c.action = EndIntervention{slot};
        break;
      case 2:
        c.action = ReplaceCaregiver{slot, static_cast<CaregiverRole>(event_role_)};
        break;
      case 3:
        c.action = RemoveCaregiver{slot};
        break;
      case 4:
        c.action = SetDepression{slot, true};
        break;
      case 5:
        c.action = SetDepression{slot, false};
        break;
      default:
        c.action = Separation{slot, event_days_};
        break;
    }
    if (event_target_ == 1)
      c.selection = Selection::of({event_selection_.begin(), event_selection_.end()});
    else if (event_target_ == 2)
      c.selection = Selection::random_share(static_cast<double>(event_share_) / 100.0);
    const std::string text = describe(c);
    if (auto problem = session_.apply(std::move(c)))
      report(*problem, true);
    else
      report("Applies at the next step: " + text);
  }
  if (empty_selection) ImGui::EndDisabled();
  ImGui::Separator();
  ImGui::TextDisabled("Applied so far (newest last):");
  ImGui::BeginChild("applied");
  for (const std::string& line : snap_->log)
    if (line.rfind("Day ", 0) == 0) ImGui::TextWrapped("%s", line.c_str());
  ImGui::EndChild();
}

void Viewer::legend(Measure measure, const DyadCells* cells) {
  const auto entries = viz::legend(measure);
  const bool categories = categorical(measure);
  std::array<std::uint32_t, 5> counts{};
  if (cells && categories)
    for (std::uint32_t i = 0; i < cells->count; ++i)
      ++counts[measure == Measure::Strategy ? static_cast<std::size_t>(cells->strategy[i])
                                            : static_cast<std::size_t>(cells->provisional[i])];
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  // Category order of the legend: B, A, C, D, none. Counts are indexed by enum; each class is
  // drawn with its strategy's shape, so the legend does not rest on colour alone.
  static constexpr std::size_t kStrategyIndex[] = {0, 1, 2, 3, 4};
  static constexpr std::size_t kClassIndex[] = {1, 0, 2, 3, 4};
  static constexpr Strategy kShapes[] = {Strategy::Open, Strategy::Minimising, Strategy::Maximising,
                                         Strategy::Conflict, Strategy::None};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    char text[96];
    if (categories && cells && cells->count) {
      const std::size_t index = measure == Measure::Strategy ? kStrategyIndex[i] : kClassIndex[i];
      std::snprintf(text, sizeof text, "%s %.0f%%", entries[i].label.c_str(),
                    100.0 * counts[index] / static_cast<double>(cells->count));
    } else {
      std::snprintf(text, sizeof text, "%s", entries[i].label.c_str());
    }
    if (i > 0) {
      // Wrap onto a new line when the next entry would not fit.
      const float next = line + ImGui::CalcTextSize(text).x + 2 * ImGui::GetStyle().ItemSpacing.x;
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
      if (ImGui::GetItemRectMax().x + next < right) ImGui::SameLine(0, em(14));
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const Rgba c = entries[i].colour;
    if (categories)
      strategy_glyph(draw, ImVec2(p.x + line / 2, p.y + line / 2), line * 0.38f, kShapes[i],
                     IM_COL32(c.r, c.g, c.b, 255));
    else
      draw->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + line - 2, p.y + line - 2),
                          IM_COL32(c.r, c.g, c.b, 255));
    ImGui::Dummy(ImVec2(line, line));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
    if (categories && ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", std::string(measure_note(measure == Measure::Strategy
                                                           ? MeasureNote::StrategyAtHome
                                                           : MeasureNote::StrangeSituationClass)
                                              .hover)
                                  .c_str());
  }
}

void Viewer::population_panel() {
  // Two combos with their labels share the first row, or take a row each when the panel is
  // too narrow for both (a large UI scale on a small window).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float labels = ImGui::CalcTextSize("colour by").x + ImGui::CalcTextSize("arrange (O)").x +
                       2 * style.ItemInnerSpacing.x + style.ItemSpacing.x;
  const bool one_row = (avail - labels) / 2 >= em(150);
  const float combo_w =
      one_row ? (avail - labels) / 2
              : avail - ImGui::CalcTextSize("arrange (O)").x - style.ItemInnerSpacing.x;
  ImGui::SetNextItemWidth(combo_w);
  int m = static_cast<int>(measure_);
  const char* names[kMeasureCount];
  for (int i = 0; i < kMeasureCount; ++i) names[i] = measure_name(static_cast<Measure>(i));
  if (ImGui::Combo("colour by", &m, names, kMeasureCount)) measure_ = static_cast<Measure>(m);
  if (one_row) ImGui::SameLine();
  ImGui::SetNextItemWidth(combo_w);
  int a = static_cast<int>(arrangement_);
  const char* arrangements[kArrangementCount];
  for (int i = 0; i < kArrangementCount; ++i)
    arrangements[i] = arrangement_name(static_cast<Arrangement>(i));
  if (ImGui::Combo("arrange (O)", &a, arrangements, kArrangementCount))
    arrangement_ = static_cast<Arrangement>(a);
  legend(measure_, snap_->main.cells.get());
  {
    const char* caption = arrangement_caption(arrangement_);
    if (arrangement_ == Arrangement::Grid && snap_->main.cells && !snap_->main.cells->community)
      caption = "Each cell a dyad, in id order (no community in this population).";
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", caption);
    ImGui::PopStyleColor();
  }
  main_view_.update(snap_->main.cells, measure_, arrangement_);
  const std::vector<std::uint32_t> none;
  const auto& neighbours = snap_->inspected ? snap_->inspected->neighbours : none;
  const PopulationViewInput input =
      main_view_.draw("population", ImVec2(0, 0), inspected_, event_selection_, neighbours, true);
  if (input.clicked) {
    select(*input.clicked);
    show(Panel::Inspector);
  }
  if (input.toggled) {
    if (!event_selection_.erase(*input.toggled)) event_selection_.insert(*input.toggled);
    left_tab_ = Panel::Events;
    force_tab_ = true;
    event_target_ = 1;
  }
}

void Viewer::lesson_panel() {
  ImGui::TextColored(ImVec4(0.7f, 0.85f, 1.0f, 1), "%s", snap_->source_name.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("(%s)", snap_->source_origin.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("How the model works (F2)")) show(Panel::Info);
  ImGui::Separator();
  ImGui::BeginChild("lesson text");
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(snap_->lesson.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

void Viewer::compare_panel() {
  ImGui::TextWrapped(
      "Paired what-if: the same babies with the same random draws, one parameter "
      "changed. Sliders and events apply to both arms.");
  const Param p = static_cast<Param>(compare_param_);
  const ParameterInfo& row = info(p);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##compare parameter", std::string(row.name).c_str())) {
    for (std::size_t i = 0; i < kParameterCount; ++i) {
      const std::string name(info(static_cast<Param>(i)).name);
      if (ImGui::Selectable(name.c_str(), static_cast<int>(i) == compare_param_)) {
        compare_param_ = static_cast<int>(i);
        compare_value_synced_ = false;
      }
    }
    ImGui::EndCombo();
  }
  // A what-if started elsewhere (--compare, a scenario's variant): show what is running.
  if (snap_->compare && !snap_->compare->variant && compare_shown_ != snap_->compare->from_day) {
    compare_param_ = static_cast<int>(snap_->compare->parameter);
    compare_value_ = snap_->compare->value;
    compare_value_synced_ = true;
    compare_shown_ = snap_->compare->from_day;
  }
  const Param chosen = static_cast<Param>(compare_param_);
  const ParameterInfo& chosen_row = info(chosen);
  if (!compare_value_synced_) {
    // Start from the value in force plus a tenth of the range: a visible but modest change.
    const double now = snap_->parameters[chosen];
    compare_value_ =
        std::clamp(now + 0.1 * (chosen_row.max - chosen_row.min), chosen_row.min, chosen_row.max);
    if (chosen_row.integer()) compare_value_ = std::round(compare_value_);
    compare_value_synced_ = true;
  }
  ImGui::SetNextItemWidth(-1);
  parameter_slider(chosen_row, compare_value_);
  ImGui::Text("main arm: %g   what-if: %g %.*s", snap_->parameters[chosen], compare_value_,
              static_cast<int>(chosen_row.unit.size()), chosen_row.unit.data());
  if (ImGui::Button("From now")) {
    if (auto problem = session_.start_compare(chosen, compare_value_, false))
      report(*problem, true);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fork the population as it is today");
  ImGui::SameLine();
  if (ImGui::Button("From birth")) {
    if (auto problem = session_.start_compare(chosen, compare_value_, true)) report(*problem, true);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Restart both arms from birth with the same seed");
  ImGui::SameLine();
  if (!snap_->what_if) ImGui::BeginDisabled();
  if (ImGui::Button("Stop")) session_.stop_compare();
  if (!snap_->what_if) ImGui::EndDisabled();
  if (!snap_->variant_name.empty()) {
    const std::string label = "Compare with the scenario's variant: " + snap_->variant_name;
    if (ImGui::Button(label.c_str(), ImVec2(-1, 0))) {
      if (auto problem = session_.start_variant_compare()) report(*problem, true);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "The paired variant the scenario file defines ([variant]): both arms from "
          "birth, the same dyads and random draws");
  }
  if (!snap_->what_if || !snap_->compare) {
    ImGui::TextDisabled("No what-if arm running.");
    return;
  }
  const CompareSpec& spec = *snap_->compare;
  ImGui::Separator();
  if (spec.variant)
    ImGui::Text("What if: the scenario's variant \"%s\" (from birth)", snap_->variant_name.c_str());
  else
    ImGui::Text("What if %s = %g (from day %u)", std::string(info(spec.parameter).name).c_str(),
                spec.value, spec.from_day);
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  const float side = std::min(w, em(200));
  main_view_.update(snap_->main.cells, measure_, arrangement_);
  what_if_view_.update(snap_->what_if->cells, measure_, arrangement_);
  ImGui::BeginGroup();
  ImGui::TextUnformatted("main");
  const std::set<std::uint32_t> none_selected;
  const std::vector<std::uint32_t> no_neighbours;
  PopulationView& left = main_view_;
  const auto a =
      left.draw("compare main", ImVec2(side, side), inspected_, none_selected, no_neighbours, true);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextUnformatted("what-if");
  const auto b = what_if_view_.draw("compare what-if", ImVec2(side, side), inspected_,
                                    none_selected, no_neighbours, true);
  ImGui::EndGroup();
  for (const auto& input : {a, b})
    if (input.clicked) select(*input.clicked);

  // Paired effect sizes over every dyad, recomputed when a new snapshot arrives.
  if (paired_.serial != snap_->serial && snap_->main.cells && snap_->what_if->cells) {
    const DyadCells& m = *snap_->main.cells;
    const DyadCells& f = *snap_->what_if->cells;
    paired_.serial = snap_->serial;
    paired_.security_d = paired_d(m.security, f.security);
    paired_.stress_d = paired_d(m.infant_stress, f.infant_stress);
    paired_.changed_strategy = 0;
    for (std::uint32_t i = 0; i < std::min(m.count, f.count); ++i)
      paired_.changed_strategy += m.strategy[i] != f.strategy[i];
  }
  ImGui::TextWrapped("Paired d (what-if - main): security expectation %.2f, infant stress %.2f",
                     paired_.security_d, paired_.stress_d);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", std::string(measure_note(MeasureNote::PairedD).hover).c_str());
  ImGui::Text("Infants whose strategy differs: %u of %u (%.1f%%)", paired_.changed_strategy,
              snap_->dyads, 100.0 * paired_.changed_strategy / std::max(1u, snap_->dyads));
  if (ImGui::BeginTable("compare shares", 4,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableSetupColumn("among attached");
    ImGui::TableSetupColumn("main");
    ImGui::TableSetupColumn("what-if");
    ImGui::TableSetupColumn("difference");
    ImGui::TableHeadersRow();
    const DaySample ma = day_sample(snap_->main.aggregates),
                    wa = day_sample(snap_->what_if->aggregates);
    for (Strategy s :
         {Strategy::Open, Strategy::Minimising, Strategy::Maximising, Strategy::Conflict}) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(strategy_imcolour(s)), "%s",
                         strategy_name(s));
      ImGui::TableNextColumn();
      ImGui::Text("%.1f%%", 100.0 * ma.share_among_attached(s));
      ImGui::TableNextColumn();
      ImGui::Text("%.1f%%", 100.0 * wa.share_among_attached(s));
      ImGui::TableNextColumn();
      ImGui::Text("%+.1f points",
                  100.0 * (wa.share_among_attached(s) - ma.share_among_attached(s)));
    }
    ImGui::EndTable();
  }
  difference_chart(150);
  const auto& ma = snap_->main.assessment;
  const auto& wa = snap_->what_if->assessment;
  if (ma && wa && ma->day == wa->day && ma->day >= spec.from_day) {
    const Agreement agree = agreement(ma->records, wa->records);
    ImGui::Text("Strange Situation at %.1f months (4-way):",
                static_cast<double>(age_months(ma->day)));
    if (ImGui::BeginTable("compare classes", 5,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
      ImGui::TableSetupColumn("");
      for (const char* c : {"A", "B", "C", "D"}) ImGui::TableSetupColumn(c);
      ImGui::TableHeadersRow();
      for (const auto* arm : {ma.get(), wa.get()}) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(arm == ma.get() ? "main" : "what-if");
        for (Class4 c : {Class4::A, Class4::B, Class4::C, Class4::D}) {
          ImGui::TableNextColumn();
          ImGui::Text("%.1f%%", 100 * arm->distribution.share4(c));
        }
      }
      ImGui::EndTable();
    }
    ImGui::Text("kappa (same babies, two conditions) %.2f; odds ratio of B %.2f", agree.kappa,
                agree.secure_odds_ratio);
  } else {
    ImGui::TextDisabled("Press Assess (A) for a Strange Situation of both arms.");
  }
}

void Viewer::log_panel() {
  ImGui::BeginChild("log");
  for (const std::string& line : snap_->log) {
    if (line.rfind("Refused", 0) == 0)
      ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.45f, 1), "%s", line.c_str());
    else
      ImGui::TextWrapped("%s", line.c_str());
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
}

}  // namespace attachsim::viz
