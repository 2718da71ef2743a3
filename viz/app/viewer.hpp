// The viewer's user interface: layout, panels, shortcuts and exports over a Session's snapshots.
#pragma once

#include <imgui.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "attachsim/viz/model_docs.hpp"
#include "attachsim/viz/session.hpp"
#include "attachsim/viz/ssp_playback.hpp"
#include "attachsim/viz/ssp_scene.hpp"
#include "attachsim/viz/ui_scale.hpp"
#include "population_view.hpp"
#include "ui_units.hpp"

namespace attachsim::viz {

// A scenario file offered in the picker (read once at start for its name).
struct BundledScenario {
  std::filesystem::path path;
  std::string name;
  std::string summary;
};

struct ViewerOptions {
  std::filesystem::path export_dir = "attachsim-exports";
  std::vector<SessionSource> sources;  // the built-in populations
  std::filesystem::path scenario_dir;  // where the bundled scenarios are
  std::vector<BundledScenario> bundled;
  // --dyads and --seed from the command line apply to whatever is loaded.
  std::optional<std::uint32_t> dyads;
  std::optional<std::uint64_t> seed;
  std::optional<SessionSource> initial;  // what the session was started with
};

// Panels that --panel and the shortcuts can bring to the front.
// Info: the "How the model works" page on this scenario; InfoModel: the same page on the model.
enum class Panel {
  Charts,
  Inspector,
  Compare,
  Log,
  Parameters,
  Events,
  Lesson,
  Help,
  Info,
  InfoModel
};
std::optional<Panel> panel_named(std::string_view name);

class Viewer {
 public:
  Viewer(Session& session, ViewerOptions options);

  // Builds this frame's UI; call between ImGui::NewFrame() and ImGui::Render().
  void draw(ImVec2 display, double frame_ms);

  // A PNG of the window was asked for: the application captures the frame it
  // is about to show and calls screenshot_written / failed.
  std::optional<std::filesystem::path> take_screenshot_request();
  void report(std::string message, bool error = false);
  // A source could not be loaded: shown under the picker and in the status bar.
  void load_failed(std::string message);
  bool quit_requested() const { return quit_; }
  void show(Panel panel);
  void select(std::uint32_t dyad);
  // Runs the Strange Situation on the inspected dyad and opens its playback.
  // `at_episode` (1-8, 9 = the end) opens it paused 30 s into that episode.
  void open_strange_situation(std::optional<int> at_episode = std::nullopt);
  // Projection mode. The application rebuilds the fonts at `scale` between frames and hands
  // over the large font (age clock, monitors); the viewer asks for a new scale through
  // take_scale_request (Ctrl +/-, the View menu).
  void set_ui_scale(float scale, ImFont* large);
  float ui_scale() const { return scale_; }
  std::optional<float> take_scale_request();
  void arrange(Arrangement a) { arrangement_ = a; }

 private:
  // viewer.cpp: frame structure, menu, shortcuts, status bar, exports.
  void menu_bar();
  void shortcuts();
  void status_bar(ImVec2 pos, ImVec2 size, double frame_ms);
  void export_charts();
  void export_run_data();
  void request_screenshot();
  void help_window();
  // info_panel.cpp: "How the model works" (the scenario's [meta] and docs/model.md).
  void info_window();
  void info_scenario_tab();
  void info_model_tab();
  void monitors_panel();

  // viewer_panels.cpp
  void controls_panel();
  void load_source(SessionSource source);
  void load_file(const std::filesystem::path& path);
  void parameter_panel();
  void event_panel();
  void lesson_panel();
  void compare_panel();
  void log_panel();
  void population_panel();
  void legend(Measure measure, const DyadCells* cells);

  // charts_panel.cpp
  void charts_panel();
  void shares_chart(const ArmView& arm, float height);
  void scatter_chart(const ArmView& arm, float height);
  void histogram_chart(const char* id, const Histogram& h, const char* title, ImU32 colour,
                       float width, float height);
  void assessment_table(const AssessmentSummary& a);
  void difference_chart(float height);

  // inspector_panel.cpp
  void inspector_panel();
  void strange_situation_window();

  Session& session_;
  ViewerOptions options_;
  std::shared_ptr<const Snapshot> snap_;

  // Layout and projection mode
  float scale_ = 1.0f;
  ImFont* large_font_ = nullptr;
  std::optional<float> scale_request_;
  Panel right_tab_ = Panel::Charts;
  Panel left_tab_ = Panel::Parameters;
  bool force_tab_ = false;
  bool show_help_ = false;
  bool show_info_ = false;
  bool info_model_first_ = false;  // open the page on the model's tab
  bool info_tab_forced_ = false;
  std::optional<ModelDocs> docs_;  // read the first time the page opens
  int info_section_ = 0;
  char info_filter_[64] = "";
  bool show_ssp_ = false;
  bool quit_ = false;

  // Population view
  Measure measure_ = Measure::Strategy;
  Arrangement arrangement_ = Arrangement::Grid;
  PopulationView main_view_, what_if_view_;
  std::optional<std::uint32_t> inspected_;
  std::set<std::uint32_t> event_selection_;

  // Controls
  double speed_ = 30;
  std::uint64_t seed_ = 1;
  int dyads_ = 10000;
  std::string synced_session_;
  char scenario_path_[512] = "";
  std::optional<SessionSource> loaded_;  // the last source loaded (for a sweep's other points)
  std::string load_error_;

  // Parameters: values sent but not yet seen in a snapshot (so a slider does not jump back)
  std::map<Param, double> sent_;
  std::uint64_t seen_error_serial_ = 0;
  char parameter_filter_[64] = "";

  // Events
  int event_action_ = 0;
  int event_slot_ = 0;
  int event_target_ = 0;  // 0 everyone, 1 selection, 2 random share
  int event_sessions_ = 8;
  int event_days_ = 7;
  int event_role_ = 1;
  float event_share_ = 30;

  // Compare
  int compare_param_ = static_cast<int>(Param::primary_sensitivity);
  double compare_value_ = 0.72;
  bool compare_value_synced_ = false;
  std::optional<std::uint32_t> compare_shown_;  // from_day of the running what-if last shown
  struct PairedCache {
    std::uint64_t serial = 0;
    double security_d = 0, stress_d = 0;
    std::uint32_t changed_strategy = 0;
  } paired_;

  // Strange Situation playback
  SspPlayback playback_;
  std::vector<SceneFrame> scene_;  // the room at each tick of playback_
  std::optional<int> ssp_start_episode_;
  std::uint64_t playback_serial_ = 0;
  bool playback_running_ = true;
  float playback_speed_ = 12;  // ticks (5 s each) per second
  int ssp_slot_ = 0;

  // Exports and messages
  std::optional<std::filesystem::path> screenshot_;
  bool run_data_pending_ = false;
  std::string status_;
  bool status_error_ = false;
  std::chrono::steady_clock::time_point status_time_;
  std::chrono::steady_clock::time_point last_frame_ = std::chrono::steady_clock::now();
};

// Colours shared by the panels.
ImU32 strategy_imcolour(Strategy s, unsigned char alpha = 255);

}  // namespace attachsim::viz
