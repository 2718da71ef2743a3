// The viewer's frame: a fixed dashboard layout that scales with the window, the menu, shortcuts,
// status bar and exports.
#include "viewer.hpp"

#include <SFML/Window/Keyboard.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "attachsim/viz/chart_export.hpp"
#include "attachsim/viz/measure_notes.hpp"

namespace attachsim::viz {

namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;

void place(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
}

bool key(sf::Keyboard::Key k) {
  return ImGui::IsKeyPressed(static_cast<int>(k), false);
}

struct Shortcut {
  const char* keys;
  const char* action;
};
constexpr Shortcut kShortcuts[] = {
    {"Space", "play / pause"},
    {"N or Right", "one day"},
    {"+ / -", "faster / slower (simulated days per second)"},
    {"R", "reset from birth (same seed and size; parameters kept)"},
    {"1 ... 6",
     "colour by strategy, class, security, infant stress, sensitivity, caregiver stress"},
    {"O", "arrange the population: grid, by caregiver sensitivity, by strategy, by subgroup"},
    {"Wheel / right-drag", "zoom / pan the population"},
    {"Home", "whole population in view"},
    {"Click", "inspect a dyad"},
    {"Ctrl+click", "add a dyad to the event selection"},
    {"Esc", "clear the inspected dyad and the selection"},
    {"A", "Strange Situation for the whole population now"},
    {"S", "Strange Situation of the inspected dyad, step by step"},
    {"C / I / G", "Charts / Inspector / Compare"},
    {"Ctrl+E", "export the charts' data (CSV)"},
    {"Ctrl+P", "save the window as PNG"},
    {"Ctrl+D", "export run data (dyads.csv of the last assessment)"},
    {"Ctrl + / Ctrl -", "larger / smaller text and layout (projection mode; View menu)"},
    {"Ctrl 0", "text size to fit the window"},
    {"F1 or H", "this help"},
    {"F2", "how the model works: this scenario and the model (docs/model.md)"},
    {"Ctrl+Q", "quit"},
};

}  // namespace

std::optional<Panel> panel_named(std::string_view name) {
  if (name == "charts") return Panel::Charts;
  if (name == "inspector") return Panel::Inspector;
  if (name == "compare") return Panel::Compare;
  if (name == "log") return Panel::Log;
  if (name == "parameters") return Panel::Parameters;
  if (name == "events") return Panel::Events;
  if (name == "lesson") return Panel::Lesson;
  if (name == "help") return Panel::Help;
  if (name == "info") return Panel::Info;
  if (name == "info-model") return Panel::InfoModel;
  return std::nullopt;
}

ImU32 strategy_imcolour(Strategy s, unsigned char alpha) {
  const Rgba c = strategy_colour(s);
  return IM_COL32(c.r, c.g, c.b, alpha);
}

Viewer::Viewer(Session& session, ViewerOptions options)
    : session_(session), options_(std::move(options)) {
  snap_ = session_.snapshot();
  session_.set_speed(speed_);
  loaded_ = options_.initial;
}

void Viewer::show(Panel panel) {
  switch (panel) {
    case Panel::Parameters:
    case Panel::Events:
      left_tab_ = panel;
      break;
    case Panel::Help:
      show_help_ = true;
      break;
    case Panel::Info:
    case Panel::InfoModel:
      show_info_ = true;
      info_model_first_ = panel == Panel::InfoModel;
      info_tab_forced_ = true;
      break;
    case Panel::Lesson:
      break;  // always visible
    default:
      right_tab_ = panel;
      break;
  }
  force_tab_ = true;
}

void Viewer::select(std::uint32_t dyad) {
  inspected_ = dyad;
  session_.select(dyad);
}

void Viewer::open_strange_situation(std::optional<int> at_episode) {
  if (!inspected_) return;
  ssp_start_episode_ = at_episode;
  session_.run_strange_situation(*inspected_, ssp_slot_);
  show_ssp_ = true;
}

void Viewer::set_ui_scale(float scale, ImFont* large) {
  scale_ = scale;
  large_font_ = large;
}

std::optional<float> Viewer::take_scale_request() {
  auto out = scale_request_;
  scale_request_.reset();
  if (out)
    report("Text and layout at " + std::to_string(static_cast<int>(std::lround(*out * 100))) +
           "% (Ctrl + / Ctrl -; View menu)");
  return out;
}

void Viewer::load_failed(std::string message) {
  load_error_ = message;
  report(std::move(message), true);
}

void Viewer::report(std::string message, bool error) {
  status_ = std::move(message);
  status_error_ = error;
  status_time_ = std::chrono::steady_clock::now();
}

std::optional<std::filesystem::path> Viewer::take_screenshot_request() {
  auto out = screenshot_;
  screenshot_.reset();
  return out;
}

void Viewer::draw(ImVec2 display, double frame_ms) {
  snap_ = session_.snapshot();
  // The seed and size fields follow the running session whenever it changes
  // (a load, a reset); edits the user has not applied yet are kept until then.
  const std::string running = snap_->source_origin + "|" + snap_->source_name + "|" +
                              std::to_string(snap_->seed) + "|" + std::to_string(snap_->dyads);
  if (running != synced_session_) {
    synced_session_ = running;
    seed_ = snap_->seed;
    dyads_ = static_cast<int>(snap_->dyads);
  }
  // Engine refusals (a bad combination of values, a failed step) appear once in the status bar.
  if (snap_->error_serial != seen_error_serial_) {
    seen_error_serial_ = snap_->error_serial;
    report(snap_->error, true);
    sent_.clear();
  }
  // Drop sent values the engine has taken on.
  for (auto it = sent_.begin(); it != sent_.end();)
    it = snap_->parameters[it->first] == it->second ? sent_.erase(it) : std::next(it);
  if (run_data_pending_ && snap_->main.assessment) {
    run_data_pending_ = false;
    export_run_data();
  }

  shortcuts();
  menu_bar();

  const float status = ImGui::GetFrameHeight() + em(6);
  const float monitors = (large_font_ ? large_font_->FontSize : em(28)) +
                         ImGui::GetTextLineHeight() + em(14) +
                         2 * ImGui::GetStyle().WindowPadding.y;
  const DashboardLayout layout =
      dashboard_layout(display.x, display.y, scale_, ImGui::GetFrameHeight(), status, monitors);
  const auto place_at = [](const Rect& r) { place(ImVec2(r.x, r.y), ImVec2(r.w, r.h)); };
  place_at(layout.controls);
  if (ImGui::Begin("Controls", nullptr, kPanelFlags)) controls_panel();
  ImGui::End();

  place_at(layout.model);
  if (ImGui::Begin("Model", nullptr, kPanelFlags)) {
    if (ImGui::BeginTabBar("left")) {
      const auto tab = [&](const char* label, Panel p) {
        const ImGuiTabItemFlags flags =
            force_tab_ && left_tab_ == p ? ImGuiTabItemFlags_SetSelected : 0;
        const bool open = ImGui::BeginTabItem(label, nullptr, flags);
        if (open && !force_tab_) left_tab_ = p;
        return open;
      };
      if (tab("Parameters", Panel::Parameters)) {
        parameter_panel();
        ImGui::EndTabItem();
      }
      if (tab("Events", Panel::Events)) {
        event_panel();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();

  place_at(layout.monitors);
  if (ImGui::Begin("##monitors", nullptr,
                   kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
    monitors_panel();
  ImGui::End();

  place_at(layout.population);
  if (ImGui::Begin("Population", nullptr, kPanelFlags)) population_panel();
  ImGui::End();

  place_at(layout.lesson);
  if (ImGui::Begin("Lesson", nullptr, kPanelFlags)) lesson_panel();
  ImGui::End();

  place_at(layout.analysis);
  if (ImGui::Begin("Analysis", nullptr, kPanelFlags)) {
    if (ImGui::BeginTabBar("right")) {
      const auto tab = [&](const char* label, Panel p) {
        const ImGuiTabItemFlags flags =
            force_tab_ && right_tab_ == p ? ImGuiTabItemFlags_SetSelected : 0;
        const bool open = ImGui::BeginTabItem(label, nullptr, flags);
        if (open && !force_tab_) right_tab_ = p;
        return open;
      };
      if (tab("Charts", Panel::Charts)) {
        charts_panel();
        ImGui::EndTabItem();
      }
      if (tab("Inspector", Panel::Inspector)) {
        inspector_panel();
        ImGui::EndTabItem();
      }
      if (tab("Compare", Panel::Compare)) {
        compare_panel();
        ImGui::EndTabItem();
      }
      if (tab("Log", Panel::Log)) {
        log_panel();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();
  force_tab_ = false;

  status_bar(ImVec2(layout.status.x, layout.status.y), ImVec2(layout.status.w, layout.status.h),
             frame_ms);
  if (show_ssp_) strange_situation_window();
  if (show_help_) help_window();
  if (show_info_) info_window();
}

void Viewer::menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Export chart data (CSV)", "Ctrl+E")) export_charts();
    if (ImGui::MenuItem("Save window as PNG", "Ctrl+P")) request_screenshot();
    if (ImGui::MenuItem("Export run data (dyads.csv)", "Ctrl+D")) export_run_data();
    ImGui::Separator();
    ImGui::TextDisabled("Exports go to %s", options_.export_dir.string().c_str());
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit_ = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    if (ImGui::MenuItem(snap_->playing ? "Pause" : "Play", "Space")) session_.toggle_play();
    if (ImGui::MenuItem("One day", "N")) session_.step_day();
    if (ImGui::MenuItem("Reset from birth", "R"))
      session_.reset(seed_, static_cast<std::uint32_t>(dyads_));
    if (ImGui::MenuItem("Strange Situation now (everyone)", "A")) session_.assess_now();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    for (int m = 0; m < kMeasureCount; ++m) {
      char shortcut[4] = {static_cast<char>('1' + m), 0};
      if (ImGui::MenuItem(measure_name(static_cast<Measure>(m)), shortcut,
                          measure_ == static_cast<Measure>(m)))
        measure_ = static_cast<Measure>(m);
    }
    ImGui::Separator();
    for (int a = 0; a < kArrangementCount; ++a)
      if (ImGui::MenuItem(arrangement_name(static_cast<Arrangement>(a)), a == 0 ? "O" : nullptr,
                          arrangement_ == static_cast<Arrangement>(a)))
        arrangement_ = static_cast<Arrangement>(a);
    ImGui::Separator();
    if (ImGui::MenuItem("Whole population", "Home")) main_view_.reset_zoom();
    ImGui::Separator();
    ImGui::TextDisabled("Projection: text and layout at %.0f%%", 100.0 * scale_);
    if (ImGui::MenuItem("Larger", "Ctrl +", false, scale_ < kMaxUiScale))
      scale_request_ = step_ui_scale(scale_, 1);
    if (ImGui::MenuItem("Smaller", "Ctrl -", false, scale_ > kMinUiScale))
      scale_request_ = step_ui_scale(scale_, -1);
    if (ImGui::BeginMenu("Scale")) {
      for (float s : {1.0f, 1.25f, 1.5f, 2.0f, 2.5f, 3.0f}) {
        char label[16];
        std::snprintf(label, sizeof label, "%.0f%%", 100.0 * s);
        if (ImGui::MenuItem(label, nullptr, std::abs(scale_ - s) < 1e-3f)) scale_request_ = s;
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Fit to window", "Ctrl 0"))
      scale_request_ = auto_ui_scale(static_cast<unsigned>(ImGui::GetIO().DisplaySize.x),
                                     static_cast<unsigned>(ImGui::GetIO().DisplaySize.y));
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keys and measures", "F1")) show_help_ = true;
    if (ImGui::MenuItem("How the model works", "F2")) show(Panel::Info);
    ImGui::EndMenu();
  }
  {
    // The source's name, right-aligned when there is room for it.
    char title[256];
    std::snprintf(title, sizeof title, "attachsim viewer  -  %s", snap_->source_name.c_str());
    const float w = ImGui::CalcTextSize(title).x + em(12);
    if (ImGui::GetCursorPosX() + w < ImGui::GetWindowWidth()) {
      ImGui::SameLine(ImGui::GetWindowWidth() - w);
      ImGui::TextDisabled("%s", title);
    }
  }
  ImGui::EndMainMenuBar();
}

void Viewer::shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (io.KeyCtrl) {
    // Projection mode: Ctrl + and Ctrl - (main keyboard or keypad), Ctrl 0 fits the window.
    if (key(sf::Keyboard::Add) || key(sf::Keyboard::Equal))
      scale_request_ = step_ui_scale(scale_, 1);
    if (key(sf::Keyboard::Subtract) || key(sf::Keyboard::Hyphen))
      scale_request_ = step_ui_scale(scale_, -1);
    if (key(sf::Keyboard::Num0) || key(sf::Keyboard::Numpad0))
      scale_request_ = auto_ui_scale(static_cast<unsigned>(io.DisplaySize.x),
                                     static_cast<unsigned>(io.DisplaySize.y));
    if (key(sf::Keyboard::E)) export_charts();
    if (key(sf::Keyboard::P)) request_screenshot();
    if (key(sf::Keyboard::D)) export_run_data();
    if (key(sf::Keyboard::Q)) quit_ = true;
    return;
  }
  if (key(sf::Keyboard::Space)) session_.toggle_play();
  if (key(sf::Keyboard::N) || key(sf::Keyboard::Right)) session_.step_day();
  if (key(sf::Keyboard::Add) || key(sf::Keyboard::Equal)) {
    speed_ = std::min(speed_ <= 0 ? 1000.0 : speed_ * 2, 1000.0);
    session_.set_speed(speed_);
  }
  if (key(sf::Keyboard::Subtract) || key(sf::Keyboard::Hyphen)) {
    speed_ = std::max(speed_ <= 0 ? 500.0 : speed_ / 2, 0.25);
    session_.set_speed(speed_);
  }
  if (key(sf::Keyboard::R)) session_.reset(seed_, static_cast<std::uint32_t>(dyads_));
  for (int m = 0; m < kMeasureCount; ++m)
    if (key(static_cast<sf::Keyboard::Key>(sf::Keyboard::Num1 + m)))
      measure_ = static_cast<Measure>(m);
  if (key(sf::Keyboard::Home)) main_view_.reset_zoom();
  if (key(sf::Keyboard::O))
    arrangement_ =
        static_cast<Arrangement>((static_cast<int>(arrangement_) + 1) % kArrangementCount);
  if (key(sf::Keyboard::Escape)) {
    inspected_.reset();
    event_selection_.clear();
    session_.select(std::nullopt);
    show_help_ = false;
  }
  if (key(sf::Keyboard::A)) session_.assess_now();
  if (key(sf::Keyboard::S)) open_strange_situation();
  if (key(sf::Keyboard::C)) show(Panel::Charts);
  if (key(sf::Keyboard::I)) show(Panel::Inspector);
  if (key(sf::Keyboard::G)) show(Panel::Compare);
  if (key(sf::Keyboard::F1) || key(sf::Keyboard::H)) show_help_ = !show_help_;
  if (key(sf::Keyboard::F2)) {
    if (show_info_)
      show_info_ = false;
    else
      show(Panel::Info);
  }
}

void Viewer::status_bar(ImVec2 pos, ImVec2 size, double frame_ms) {
  place(pos, size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(8), em(3)));
  if (ImGui::Begin("##status", nullptr,
                   kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
    const double months = age_months(snap_->day);
    ImGui::Text("Day %u (%.1f months)  |  %u dyads, seed %llu  |  %s %.0f days/s  |  %.1f ms/frame",
                snap_->day, months, snap_->dyads, static_cast<unsigned long long>(snap_->seed),
                snap_->playing ? "playing" : (snap_->working ? "working" : "paused"),
                snap_->measured_days_per_second, frame_ms);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "A simulated day takes %.1f ms on %d engine threads, a snapshot for the "
          "screen %.1f ms;\nthe steps run off the UI thread.",
          snap_->step_ms, snap_->threads, snap_->publish_ms);
    const double age =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - status_time_).count();
    if (!status_.empty() && (status_error_ || age < 12)) {
      ImGui::SameLine();
      ImGui::TextUnformatted("  |  ");
      ImGui::SameLine();
      if (status_error_)
        ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1), "%s", status_.c_str());
      else
        ImGui::TextColored(ImVec4(0.6f, 0.9f, 0.6f, 1), "%s", status_.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n(click to dismiss)", status_.c_str());
      if (ImGui::IsItemClicked()) status_.clear();
    }
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

void Viewer::export_charts() {
  try {
    std::filesystem::create_directories(options_.export_dir);
    const auto path = export_path(options_.export_dir, "charts", snap_->day, "csv");
    write_chart_csv(path, *snap_);
    report("Wrote " + path.string());
  } catch (const std::exception& e) {
    report(std::string("Export failed: ") + e.what(), true);
  }
}

void Viewer::export_run_data() {
  if (!snap_->main.assessment) {
    // No assessment yet: run one, and write when it arrives.
    session_.assess_now();
    run_data_pending_ = true;
    report("Assessing the population for the run data ...");
    return;
  }
  try {
    std::filesystem::create_directories(options_.export_dir);
    const auto path = export_path(options_.export_dir, "dyads", snap_->main.assessment->day, "csv");
    write_run_data(path, *snap_->main.assessment);
    report("Wrote " + path.string() + " (" +
           std::to_string(snap_->main.assessment->records.size()) +
           " rows, columns as docs/csv.md)");
  } catch (const std::exception& e) {
    report(std::string("Export failed: ") + e.what(), true);
  }
}

void Viewer::request_screenshot() {
  try {
    std::filesystem::create_directories(options_.export_dir);
    screenshot_ = export_path(options_.export_dir, "viewer", snap_->day, "png");
  } catch (const std::exception& e) {
    report(std::string("Screenshot failed: ") + e.what(), true);
  }
}

void Viewer::help_window() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(em(620), display.x * 0.9f), 0), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(display.x * 0.9f, display.y * 0.9f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.09f, 0.09f, 0.11f, 1));  // floats over panels
  const bool open =
      ImGui::Begin("Help: keys and measures", &show_help_, ImGuiWindowFlags_NoCollapse);
  ImGui::PopStyleColor();
  if (open) {
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthFixed, em(150));
      for (const Shortcut& s : kShortcuts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.keys);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", s.action);
      }
      ImGui::EndTable();
    }
    ImGui::TextWrapped(
        "Sliders change the model between steps (Ctrl+click a slider to type a value; values "
        "stay inside the parameter's range). Right-click a slider for its default.");
    ImGui::Separator();
    ImGui::TextUnformatted("What the numbers are (hover a number for more)");
    for (const MeasureNoteText& note : measure_notes()) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", std::string(note.help).c_str());
    }
  }
  ImGui::End();
}

}  // namespace attachsim::viz
