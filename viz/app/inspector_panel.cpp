// The Inspector tab (one dyad: caregivers, working model over age, episodes, why) and the
// step-by-step Strange Situation.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "attachsim/development.hpp"
#include "attachsim/viz/explanation.hpp"
#include "attachsim/working_model.hpp"
#include "plot.hpp"
#include "ssp_room.hpp"
#include "viewer.hpp"

namespace attachsim::viz {

namespace {

const char* kSlotShort[] = {"slot 0", "slot 1", "slot 2"};

void caregiver_table(const DyadState& d, std::uint32_t day) {
  if (!ImGui::BeginTable("caregivers", 4,
                         ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("trait");
  for (const char* s : kSlotShort) ImGui::TableSetupColumn(s);
  ImGui::TableHeadersRow();
  const auto row = [&](const char* name, auto value_of) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    for (const Caregiver& c : d.caregivers) {
      ImGui::TableNextColumn();
      if (c.present_in_life())
        value_of(c);
      else
        ImGui::TextDisabled("-");
    }
  };
  row("role", [&](const Caregiver& c) {
    ImGui::Text("%s%s", std::string(role_name(c.role)).c_str(),
                c.in_life_on(day) ? "" : " (not yet)");
  });
  row("sensitivity",
      [](const Caregiver& c) { ImGui::Text("%.2f", static_cast<double>(c.sensitivity)); });
  row("consistency",
      [](const Caregiver& c) { ImGui::Text("%.2f", static_cast<double>(c.consistency)); });
  row("rejection",
      [](const Caregiver& c) { ImGui::Text("%.2f", static_cast<double>(c.rejection)); });
  row("frightening",
      [](const Caregiver& c) { ImGui::Text("%.3f", static_cast<double>(c.frightening)); });
  row("present", [](const Caregiver& c) { ImGui::Text("%.0f%%", 100.0 * c.presence); });
  row("children", [](const Caregiver& c) { ImGui::Text("%.0f", static_cast<double>(c.load)); });
  row("risk factors", [](const Caregiver& c) { ImGui::Text("%.1f", static_cast<double>(c.risk)); });
  row("stress", [](const Caregiver& c) { ImGui::Text("%.2f", static_cast<double>(c.stress)); });
  row("depressed", [](const Caregiver& c) {
    if (c.depressed())
      ImGui::Text("yes, %u days left", c.depressed_days);
    else
      ImGui::TextUnformatted("no");
  });
  row("state of mind", [](const Caregiver& c) {
    ImGui::TextUnformatted(std::string(state_of_mind_name(c.state_of_mind)).c_str());
  });
  row("intervention", [](const Caregiver& c) {
    if (c.sessions_left)
      ImGui::Text("%u sessions to go", c.sessions_left);
    else
      ImGui::TextDisabled("none");
  });
  row("away", [](const Caregiver& c) {
    if (c.away_days)
      ImGui::Text("%u days", c.away_days);
    else
      ImGui::TextDisabled("no");
  });
  ImGui::EndTable();
}

void model_table(const DyadState& d, const ModelConstants& k) {
  if (!ImGui::BeginTable("models", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("expects");
  for (const char* s : kSlotShort) ImGui::TableSetupColumn(s);
  ImGui::TableSetupColumn("general");
  ImGui::TableHeadersRow();
  const auto row = [&](const char* name, auto value_of) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      ImGui::TableNextColumn();
      if (d.caregivers[j].present_in_life())
        value_of(d.models[j]);
      else
        ImGui::TextDisabled("-");
    }
    ImGui::TableNextColumn();
    value_of(d.general);
  };
  row("availability",
      [](const WorkingModel& m) { ImGui::Text("%.2f", static_cast<double>(m.availability)); });
  row("acceptance",
      [](const WorkingModel& m) { ImGui::Text("%.2f", static_cast<double>(m.acceptance)); });
  row("predictability",
      [](const WorkingModel& m) { ImGui::Text("%.2f", static_cast<double>(m.predictability)); });
  row("threat", [](const WorkingModel& m) { ImGui::Text("%.3f", static_cast<double>(m.threat)); });
  row("bond", [](const WorkingModel& m) { ImGui::Text("%.2f", static_cast<double>(m.bond)); });
  row("security", [](const WorkingModel& m) {
    ImGui::Text("%.2f", static_cast<double>(security_expectation(m)));
  });
  row("strategy", [&](const WorkingModel& m) {
    const Strategy s = dominant_strategy(strategy_weights(m, k));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(strategy_imcolour(s)), "%s",
                       strategy_name(s));
  });
  ImGui::EndTable();
}

}  // namespace

void Viewer::inspector_panel() {
  if (!inspected_) {
    ImGui::TextWrapped(
        "Click a dyad in the population to inspect it: its caregivers, what the "
        "infant has come to expect of them and why, its working model and stress "
        "over age, its last episodes, and a Strange Situation played step by step.");
    return;
  }
  if (!snap_->inspected || snap_->inspected->id != *inspected_) {
    ImGui::TextDisabled("Reading dyad %u ...", *inspected_);
    return;
  }
  const InspectedDyad& in = *snap_->inspected;
  const DyadState& d = in.state;
  const ModelConstants& k = *in.constants;
  const std::uint32_t day = snap_->day;
  const float age = static_cast<float>(day);
  ImGui::BeginChild("inspector");
  const GridLayout layout = grid_layout(snap_->dyads);
  ImGui::Text("Dyad %u (row %u, column %u), subgroup %u", in.id, in.id / layout.width,
              in.id % layout.width, d.infant.group);
  ImGui::Text("Age %.1f months: %s", static_cast<double>(age_months(day)),
              phase_name(developmental_phase(age, d.infant.attached(), k)));
  ImGui::Text("Temperament: reactivity %.2f, soothability %.2f; infant stress %.2f",
              static_cast<double>(d.infant.reactivity), static_cast<double>(d.infant.soothability),
              static_cast<double>(d.infant.slow_arousal));
  if (d.infant.attached())
    ImGui::Text("First discriminated attachment at %.1f months",
                static_cast<double>(age_months(d.infant.onset_day - 1u)));

  // Why: the comparison of what it expects with the thresholds.
  const StrategyExplanation why = explain_strategy(d, k, day);
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text,
                        ImGui::ColorConvertU32ToFloat4(strategy_imcolour(d.infant.strategy)));
  ImGui::TextWrapped("%s", why.headline.c_str());
  ImGui::PopStyleColor();
  for (const std::string& reason : why.reasons) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", reason.c_str());
  }

  ImGui::SetNextItemWidth(em(140));
  ImGui::Combo("##ssp slot", &ssp_slot_, "primary\0secondary\0day care\0");
  ImGui::SameLine();
  if (ImGui::Button("Run the Strange Situation now")) {
    session_.run_strange_situation(in.id, ssp_slot_);
    show_ssp_ = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "The 8 episodes with this caregiver, played step by step (S). Reads the "
        "infant's state; its history is not changed.");

  if (ImGui::CollapsingHeader("Caregivers", ImGuiTreeNodeFlags_DefaultOpen))
    caregiver_table(d, day);
  if (ImGui::CollapsingHeader("Working models now", ImGuiTreeNodeFlags_DefaultOpen))
    model_table(d, k);

  if (ImGui::CollapsingHeader("Working model and stress over age",
                              ImGuiTreeNodeFlags_DefaultOpen) &&
      in.history.size() >= 2) {
    const auto& h = in.history;
    std::vector<float> xs(h.size()), ys(h.size());
    for (std::size_t i = 0; i < h.size(); ++i) xs[i] = age_months(h[i].day);
    const double end = std::max(1.0, static_cast<double>(xs.back()));
    {
      Plot plot("model over age", ImVec2(0, em(150)), 0, end, 0, 1,
                "Expectations of the principal figure", "age (months)", 4);
      const auto draw = [&](auto field, ImU32 colour) {
        for (std::size_t i = 0; i < h.size(); ++i) ys[i] = field(h[i]);
        plot.line(xs, ys, colour, 1.8f);
      };
      draw([](const HistoryPoint& p) { return p.availability; }, IM_COL32(90, 160, 230, 255));
      draw([](const HistoryPoint& p) { return p.acceptance; }, IM_COL32(92, 200, 99, 255));
      draw([](const HistoryPoint& p) { return p.predictability; }, IM_COL32(240, 200, 60, 255));
      // Threat lives near the conflict threshold (~0.05): shown x10 to be visible.
      draw([](const HistoryPoint& p) { return std::min(1.0f, 10 * p.threat); },
           IM_COL32(228, 38, 48, 255));
      draw([](const HistoryPoint& p) { return p.security; }, IM_COL32(255, 255, 255, 255));
      plot.horizontal(k.minimising_threshold, IM_COL32(92, 200, 99, 90));
      plot.legend({{"available", IM_COL32(90, 160, 230, 255)},
                   {"accepting", IM_COL32(92, 200, 99, 255)},
                   {"predictable", IM_COL32(240, 200, 60, 255)},
                   {"threat x10", IM_COL32(228, 38, 48, 255)},
                   {"security", IM_COL32(255, 255, 255, 255)}});
      if (plot.hovered())
        ImGui::SetTooltip(
            "Sampled every %u days or more (older samples thinned).\n"
            "Faint line: the minimising threshold for acceptance (%.2f).",
            h.size() > 1 ? h[1].day - h[0].day : 1u, static_cast<double>(k.minimising_threshold));
    }
    {
      float top = 1;
      for (const HistoryPoint& p : h) top = std::max(top, p.infant_stress);
      Plot plot("stress over age", ImVec2(0, em(120)), 0, end, 0, top, "Stress", "age (months)", 2);
      for (std::size_t i = 0; i < h.size(); ++i) ys[i] = h[i].infant_stress;
      plot.line(xs, ys, IM_COL32(230, 120, 70, 255), 1.8f);
      for (std::size_t i = 0; i < h.size(); ++i) ys[i] = h[i].caregiver_stress;
      plot.line(xs, ys, IM_COL32(180, 130, 230, 255), 1.8f);
      plot.legend({{"infant (slow arousal)", IM_COL32(230, 120, 70, 255)},
                   {"caregiver slot 0", IM_COL32(180, 130, 230, 255)}});
    }
  }

  if (ImGui::CollapsingHeader("Recent episodes (regenerated from the seed)",
                              ImGuiTreeNodeFlags_DefaultOpen)) {
    if (in.episodes.empty())
      ImGui::TextDisabled(
          "None to regenerate yet (history restarts after a reset or many parameter sets).");
    else if (ImGui::BeginTable("episodes", 5,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                   ImGuiTableFlags_SizingStretchProp,
                               ImVec2(0, em(190)))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("day #");
      ImGui::TableSetupColumn("signal");
      ImGui::TableSetupColumn("response");
      ImGui::TableSetupColumn("arousal");
      ImGui::TableSetupColumn("outcome");
      ImGui::TableHeadersRow();
      for (auto it = in.episodes.rbegin(); it != in.episodes.rend(); ++it) {
        const EpisodeLine line = describe_episode(*it, d);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%u #%u", it->day, static_cast<unsigned>(it->index) + 1);
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", static_cast<double>(it->signal));
        ImGui::TableNextColumn();
        ImGui::Text("%s: %s", line.who.c_str(), line.response.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.2f -> %.2f", static_cast<double>(it->arousal_before),
                    static_cast<double>(it->arousal_after));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(line.outcome.c_str());
      }
      ImGui::EndTable();
    }
  }
  if (in.what_if && snap_->compare) {
    if (ImGui::CollapsingHeader("In the what-if arm")) {
      const StrategyExplanation other = explain_strategy(*in.what_if, k, day);
      ImGui::TextWrapped("%s", other.headline.c_str());
      ImGui::TextDisabled("(explained with the main arm's thresholds)");
      model_table(*in.what_if, k);
    }
  }
  ImGui::EndChild();
}

void Viewer::strange_situation_window() {
  const auto& run = snap_->strange_situation;
  if (run && run->serial != playback_serial_) {
    playback_ = SspPlayback(run->result);
    scene_ = build_scene(run->result.trace);
    if (ssp_start_episode_) {
      playback_.seek_episode(*ssp_start_episode_, 30);
      playback_running_ = false;
      ssp_start_episode_.reset();
    }
    playback_serial_ = run->serial;
    playback_running_ = true;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(
      ImVec2(std::min(em(620), display.x - em(40)), std::min(em(860), display.y - em(60))),
      ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.09f, 0.09f, 0.11f, 1));  // floats over panels
  const bool open = ImGui::Begin("Strange Situation", &show_ssp_);
  ImGui::PopStyleColor();
  if (!open) {
    ImGui::End();
    return;
  }
  if (!run || playback_.empty()) {
    ImGui::TextDisabled("Running ...");
    ImGui::End();
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  const double dt = std::min(0.25, std::chrono::duration<double>(now - last_frame_).count());
  last_frame_ = now;
  if (playback_running_) playback_.play(dt, playback_speed_);

  std::string who = kSlotShort[std::clamp(run->slot, 0, 2)];
  if (snap_->inspected && snap_->inspected->id == run->dyad)
    who = std::string(role_name(
        snap_->inspected->state.caregivers[static_cast<std::size_t>(std::clamp(run->slot, 0, 2))]
            .role));
  ImGui::Text("Dyad %u with its %s caregiver, at %.1f months", run->dyad, who.c_str(),
              static_cast<double>(age_months(run->day)));
  if (ImGui::Button(playback_running_ ? "Pause" : "Play")) playback_running_ = !playback_running_;
  ImGui::SameLine();
  if (ImGui::Button("Step")) {
    playback_running_ = false;
    playback_.advance(1);
  }
  ImGui::SameLine();
  if (ImGui::Button("Restart")) playback_.restart();
  ImGui::SameLine();
  if (ImGui::Button("End")) playback_.seek(playback_.total());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderFloat("##pace", &playback_speed_, 1, 60, "%.0f ticks/s (5 s each)",
                     ImGuiSliderFlags_AlwaysClamp);

  // The room, in time with the chart and the scores below.
  if (!scene_.empty()) {
    const std::size_t shown = playback_.shown();
    const std::size_t to = shown == 0 ? 0 : std::min(shown, scene_.size()) - 1;
    // Between ticks the infant moves from where it was towards where the next tick puts it.
    const SceneFrame frame = shown == 0 || playback_.finished()
                                 ? scene_[to]
                                 : blend(scene_[to], scene_[std::min(to + 1, scene_.size() - 1)],
                                         static_cast<float>(playback_.fraction()));
    const SspEpisodeSpec& spec = ssp_episodes()[static_cast<std::size_t>(frame.episode - 1)];
    ImGui::Text("Episode %d: %s", frame.episode, spec.name);
    const float width = ImGui::GetContentRegionAvail().x;
    draw_ssp_room(frame, ImVec2(width, std::max(em(200), width * 0.42f)), large_font_,
                  playback_.class_earned()
                      ? std::optional<Class4>(run->result.classification.class4)
                      : std::nullopt);
    draw_ssp_strip(scene_, playback_.shown(), width);
    ssp_room_key();
  }

  // Episode list with the current one highlighted.
  const int current = playback_.episode();
  const auto& specs = ssp_episodes();
  if (ImGui::BeginTable("episodes", 3, ImGuiTableFlags_SizingStretchProp)) {
    for (int e = 1; e <= 8; ++e) {
      const SspEpisodeSpec& spec = specs[static_cast<std::size_t>(e - 1)];
      const int ran = run->result.episode_seconds[static_cast<std::size_t>(e - 1)];
      const bool done = e < current || playback_.finished();
      const ImVec4 colour = e == current && !playback_.finished() ? ImVec4(1, 0.9f, 0.4f, 1)
                            : done                                ? ImVec4(0.75f, 0.75f, 0.75f, 1)
                                                                  : ImVec4(0.5f, 0.5f, 0.5f, 1);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      // Click an episode to watch it from its start.
      char row[96];
      std::snprintf(row, sizeof row, "%d. %s", e, spec.name);
      ImGui::PushStyleColor(ImGuiCol_Text, colour);
      if (ImGui::Selectable(row, false, ImGuiSelectableFlags_SpanAllColumns)) {
        playback_.seek_episode(e);
        playback_running_ = true;
      }
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Watch episode %d from its start", e);
      ImGui::TableNextColumn();
      ImGui::TextColored(colour, "%s%s%s", spec.caregiver ? "caregiver " : "",
                         spec.stranger ? "stranger" : "",
                         !spec.caregiver && !spec.stranger ? "alone" : "");
      ImGui::TableNextColumn();
      if (done)
        ImGui::TextColored(colour, "%d s%s", ran,
                           spec.separation && ran < spec.seconds ? ", cut short" : "");
    }
    ImGui::EndTable();
  }
  const SspTick* tick = playback_.current();
  if (tick)
    ImGui::Text("t = %d s: the infant %s (distress %.2f, shown %.2f)", playback_.seconds_elapsed(),
                act_name(tick->act), static_cast<double>(tick->distress),
                static_cast<double>(tick->expressed));

  // Distress so far against procedure time.
  {
    const auto& trace = run->result.trace;
    const std::size_t n = playback_.shown();
    std::vector<float> xs(n), distress(n), shown(n), cortisol(n);
    int elapsed = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && trace[i].episode != trace[i - 1].episode) elapsed += trace[i - 1].second + 5;
      xs[i] = static_cast<float>(elapsed + trace[i].second) / 60.0f;
      distress[i] = trace[i].distress;
      shown[i] = trace[i].expressed;
      cortisol[i] = trace[i].cortisol;
    }
    int total = 0;
    for (int s : run->result.episode_seconds) total += s;
    Plot plot("ssp trace", ImVec2(0, em(140)), 0, std::max(1.0, total / 60.0), 0, 1,
              "Distress (felt, shown) and the slow, cortisol-like component", "minutes", 2);
    plot.line(xs, distress, IM_COL32(230, 120, 70, 255), 1.8f);
    plot.line(xs, shown, IM_COL32(255, 220, 120, 255), 1.2f);
    plot.line(xs, cortisol, IM_COL32(180, 130, 230, 255), 1.5f);
    // Disorganised acts as red ticks where they happened.
    for (std::size_t i = 0; i < n; ++i)
      if (trace[i].act == SspAct::Disorganised)
        plot.point(xs[i], 0.03, IM_COL32(228, 38, 48, 255), 4);
    plot.legend({{"felt", IM_COL32(230, 120, 70, 255)},
                 {"shown", IM_COL32(255, 220, 120, 255)},
                 {"slow", IM_COL32(180, 130, 230, 255)},
                 {"disorganised act", IM_COL32(228, 38, 48, 255)}});
  }

  // The scores as they are earned.
  const Coding& c = run->result.coding;
  const auto acts = playback_.acts_so_far();
  ImGui::Text("Seen so far: approach %d, contact %d, resist %d, avoid %d, cry %d, disorganised %d",
              acts[static_cast<std::size_t>(SspAct::Approach)],
              acts[static_cast<std::size_t>(SspAct::Contact)],
              acts[static_cast<std::size_t>(SspAct::Resist)],
              acts[static_cast<std::size_t>(SspAct::Avoid)],
              acts[static_cast<std::size_t>(SspAct::Cry)],
              acts[static_cast<std::size_t>(SspAct::Disorganised)]);
  if (ImGui::BeginTable("scores", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
    for (const char* h : {"reunion", "PS", "CM", "RS", "AV", "D (1-9)"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    const auto scales = [](const char* name, const ReunionScales& s, bool earned) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name);
      for (int v : {s.ps, s.cm, s.rs, s.av}) {
        ImGui::TableNextColumn();
        if (earned)
          ImGui::Text("%d", v);
        else
          ImGui::TextDisabled("...");
      }
    };
    scales("1 (episode 5)", c.reunion1, playback_.reunion1_earned());
    ImGui::TableNextColumn();
    ImGui::TextDisabled(" ");
    scales("2 (episode 8)", c.reunion2, playback_.reunion2_earned());
    ImGui::TableNextColumn();
    if (playback_.class_earned())
      ImGui::Text("%d", c.disorganisation);
    else
      ImGui::TextDisabled("...");
    ImGui::EndTable();
  }
  if (playback_.class_earned()) {
    const Classification& cls = run->result.classification;
    ImGui::Text("Class %s (forced 3-way %s), security score %.2f", class_name(cls.class4),
                class_name(cls.class3), static_cast<double>(cls.security));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(explain_classification(c, cls).c_str());
    ImGui::PopTextWrapPos();
  } else {
    ImGui::TextDisabled("The class is given once the coder has seen all 8 episodes.");
  }
  ImGui::End();
}

}  // namespace attachsim::viz
