// attachsim-viewer: the classroom face of attachsim. Window, event loop, frame timing, scripted
// runs and screenshots.
#include <imgui.h>

#include <CLI/CLI.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Window/Event.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>

#include "attachsim/scenario/scenario.hpp"
#include "attachsim/viz/chart_export.hpp"
#include "attachsim/viz/input_bridge.hpp"
#include "attachsim/viz/session.hpp"
#include "attachsim/viz/ui_scale.hpp"
#include "display_check.hpp"
#include "imgui_sfml_renderer.hpp"
#include "viewer.hpp"

namespace {

using namespace attachsim;
using namespace attachsim::viz;

constexpr int kExitBadInput = 2;
constexpr int kExitNoDisplay = 3;

struct Options {
  std::string scenario;
  int frames = 0;  // 0 = run until closed
  std::string screenshot;
  std::optional<std::uint32_t> select;
  std::string panel;
  std::optional<int> ssp_episode;
  std::optional<std::uint32_t> dyads;
  std::optional<std::uint64_t> seed;
  std::uint32_t days = 0;
  bool play = false;
  double speed = 30;
  unsigned width = 1280, height = 800;
  std::string bench_csv;
  bool frame_limit = true;
  // SFML's limiter sleeps in whole milliseconds and undershoots a cap of 60 by a frame or
  // two per second under load; a cap of 64 keeps the picture at 60 fps or more.
  unsigned fps = 64;
  int threads = 0;
  std::optional<double> end_months;
  std::string export_dir = "attachsim-exports";
  std::string compare;  // name=value: a paired what-if from birth
  std::string scale = "auto";
  std::string arrange = "grid";
};

// Frame times of a scripted run, summarised for bench/viewer_frames.sh.
struct FrameStats {
  std::vector<double> ms;
  double ui_ms = 0, draw_ms = 0, display_ms = 0;  // sums: building the UI, submitting it, display()
  double step_ms = 0, publish_ms = 0;             // the worker's averages at the end
  std::uint32_t first_day = 0, last_day = 0;
  std::chrono::steady_clock::time_point start, end;

  void write(const Options& o, std::uint32_t dyads) const {
    if (ms.empty()) return;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&](double q) {
      return sorted[std::min(sorted.size() - 1,
                             static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
    };
    const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    const double seconds = std::chrono::duration<double>(end - start).count();
    const double days = last_day - first_day;
    const double frames = static_cast<double>(ms.size());
    char line[512];
    std::snprintf(line, sizeof line,
                  "%u,%g,%d,%zu,%.2f,%.2f,%.2f,%.2f,%.1f,%.2f,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f", dyads,
                  o.speed, o.frame_limit ? 1 : 0, ms.size(), mean, at(0.5), at(0.95), at(1.0),
                  frames / seconds, days / frames, days / seconds, ui_ms / frames, draw_ms / frames,
                  display_ms / frames, step_ms, publish_ms);
    const char* header =
        "dyads,speed,frame_limit,frames,mean_ms,p50_ms,p95_ms,max_ms,fps,days_per_frame,days_per_s,"
        "ui_ms,draw_ms,display_ms,step_ms,publish_ms\n";
    std::cout << header << line << "\n";
    if (!o.bench_csv.empty()) {
      const bool fresh = !std::filesystem::exists(o.bench_csv);
      std::ofstream out(o.bench_csv, std::ios::app);
      if (fresh) out << header;
      out << line << "\n";
    }
  }
};

// Where the bundled scenarios are: next to the working directory when run from the
// project folder, else the source tree the viewer was built from.
std::filesystem::path scenario_dir() {
  if (std::filesystem::is_directory("scenarios")) return std::filesystem::absolute("scenarios");
  return ATTACHSIM_SCENARIO_DIR;
}

std::vector<BundledScenario> bundled_list(const std::filesystem::path& dir) {
  std::vector<BundledScenario> out;
  for (const auto& path : bundled_scenarios(dir)) {
    BundledScenario b{path, path.stem().string(), ""};
    try {
      const scenario::Scenario s = scenario::load_scenario(path.string());
      if (!s.meta.name.empty()) b.name = s.meta.name;
      b.summary = s.meta.summary;
    } catch (const std::exception& e) {
      b.summary = e.what();  // shown when hovered; picking it shows the error too
    }
    out.push_back(std::move(b));
  }
  return out;
}

// The source to start with: a built-in name, a scenario file, or a bundled
// scenario's name. A scenario that cannot be read is reported and the default runs.
SessionSource start_source(const Options& o, const std::vector<SessionSource>& builtins,
                           const std::filesystem::path& dir, std::string& problem) {
  SessionSource chosen = builtins.front();
  if (o.scenario == "world") {
    chosen = builtins.at(1);
  } else if (!o.scenario.empty() && o.scenario != "low-risk" && o.scenario != "default") {
    std::filesystem::path path = o.scenario;
    if (!std::filesystem::exists(path) && std::filesystem::exists(dir / (o.scenario + ".toml")))
      path = dir / (o.scenario + ".toml");
    try {
      chosen = scenario_source(path);
    } catch (const std::exception& e) {
      problem = e.what();
    }
  }
  if (o.dyads) chosen.dyads = *o.dyads;
  if (o.seed) chosen.seed = *o.seed;
  if (o.end_months) chosen.end_day = day_at_months(*o.end_months);
  return chosen;
}

// The style at scale 1; each scale starts again from it (ScaleAllSizes is not reversible).
ImGuiStyle projector_style() {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0;
  style.FrameRounding = 2;
  style.WindowBorderSize = 1;
  style.ItemSpacing = ImVec2(6, 4);
  // The docked panels tile the window and leave their background to clear():
  // under llvmpipe a blended full-screen fill costs ~2.5 ms a frame. Floating
  // windows (help, Strange Situation) set an opaque background of their own.
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.09f, 0.11f, 0);
  return style;
}

// Projection mode: the fonts rasterised at the scale's pixel size (a sharp atlas, not a zoomed
// bitmap), the style's sizes scaled, and the font texture uploaded again.
void apply_ui_scale(float scale, Viewer& viewer, ImGuiSfmlRenderer& renderer) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // DejaVu Sans (fonts-dejavu-core, which make deps installs) reads well on a projector;
  // without it ImGui's built-in 13 px bitmap font is used at every scale, scaled up.
  const char* regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  const char* bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  // Latin-1 plus what the docs and lessons use: Greek (kappa), dashes and quotes, arrows and
  // mathematical signs (the "How the model works" page shows docs/model.md as written).
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F,
                                    0x2190, 0x21FF, 0x2200, 0x22FF, 0};
  config.GlyphRanges = kRanges;
  ImFont* body = nullptr;
  ImFont* large = nullptr;
  if (std::filesystem::exists(regular))
    body = io.Fonts->AddFontFromFileTTF(regular, std::round(kBaseFontPx * scale), &config);
  if (body && std::filesystem::exists(bold))
    large = io.Fonts->AddFontFromFileTTF(bold, std::round(kBaseFontPx * kLargeFontRatio * scale),
                                         &config);
  io.FontGlobalScale = 1.0f;
  if (!body) {
    io.Fonts->Clear();
    body = io.Fonts->AddFontDefault();
    io.FontGlobalScale = scale;
  }
  io.FontDefault = body;
  renderer.create_font_texture();
  ImGuiStyle style = projector_style();
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
  viewer.set_ui_scale(scale, large ? large : body);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{
      "attachsim-viewer: watch a population of caregiver-infant dyads form attachments\n"
      "Example: attachsim-viewer --dyads 10000 --play"};
  app.set_version_flag("--version", std::string("attachsim-viewer ") + ATTACHSIM_VERSION);
  app.add_option("scenario", o.scenario,
                 "What to start with: low-risk (default), world, a scenario file, or the name of a "
                 "bundled scenario (e.g. baseline)");
  app.add_option("--frames", o.frames, "Draw this many frames (after --days is reached), then exit")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--screenshot", o.screenshot, "Save the last frame as PNG (with --frames)");
  app.add_option("--select", o.select, "Inspect this dyad");
  app.add_option("--panel", o.panel,
                 "Bring a panel to the front: charts, inspector, compare, log, parameters, events, "
                 "help, info, info-model, strange-situation");
  app.add_option("--ssp-episode", o.ssp_episode,
                 "With --panel strange-situation: open the playback paused 30 s into this episode "
                 "(1-8; 9 = the end, with the class)")
      ->check(CLI::Range(1, 9));
  app.add_option("--dyads", o.dyads, "Number of dyads")->check(CLI::Range(1u, 1000000u));
  app.add_option("--seed", o.seed, "Random seed");
  app.add_option("--days", o.days, "Simulate this many days before the first frame is counted")
      ->check(CLI::Range(0u, kMaxDays));
  app.add_flag("--play", o.play, "Start playing");
  app.add_option("--speed", o.speed, "Simulated days per second (0 = as fast as possible)")
      ->check(CLI::Range(0.0, 10000.0));
  app.add_option("--width", o.width, "Window width")->check(CLI::Range(640u, 8192u));
  app.add_option("--height", o.height, "Window height")->check(CLI::Range(480u, 8192u));
  app.add_option("--scale", o.scale,
                 "UI scale for projectors: auto (from the window size: 1920x1080 gives 1.35) or "
                 "0.75 to 4; Ctrl +/- and the View menu change it while running")
      ->default_val("auto");
  app.add_option("--arrange", o.arrange,
                 "Population view: grid, sensitivity, strategy or subgroup (small multiples)")
      ->check(CLI::IsMember({"grid", "sensitivity", "strategy", "subgroup"}));
  app.add_option("--bench-csv", o.bench_csv,
                 "Append frame-time statistics of a --frames run to this CSV");
  app.add_flag("!--no-frame-limit", o.frame_limit, "Do not cap the frame rate (benchmarks)");
  app.add_option("--fps", o.fps, "Frame-rate cap")->check(CLI::Range(10u, 1000u));
  app.add_option("--end-months", o.end_months,
                 "Age at which playing pauses (default: the source's, 18 months)")
      ->check(CLI::Range(0.1, 2000.0));
  app.add_option("--threads", o.threads,
                 "Threads the engine steps with (0 = one fewer than the cores, at least 1)")
      ->check(CLI::Range(0, 256));
  app.add_option("--export-dir", o.export_dir, "Folder for exports (CSV, PNG)");
  app.add_option("--compare", o.compare,
                 "Start a paired what-if from birth: the same babies with name=value changed, "
                 "e.g. --compare primary.sensitivity=0.8");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  const ParsedScale requested_scale = parse_ui_scale(o.scale);
  if (requested_scale.error) {
    std::cerr << "attachsim-viewer: --scale " << o.scale << ": " << *requested_scale.error << "\n";
    return kExitBadInput;
  }
  std::optional<Panel> panel;
  const bool strange_situation_panel = o.panel == "strange-situation";
  if (!o.panel.empty() && !strange_situation_panel) {
    panel = panel_named(o.panel);
    if (!panel) {
      std::cerr
          << "attachsim-viewer: --panel " << o.panel
          << ": unknown; allowed: charts, inspector, compare, log, parameters, events, help, info, "
             "info-model, "
             "strange-situation\n";
      return kExitBadInput;
    }
  }

  std::string problem;
  const std::vector<SessionSource> builtins = builtin_sources();
  const std::filesystem::path scenarios = scenario_dir();
  const SessionSource first = start_source(o, builtins, scenarios, problem);
  if (o.select && *o.select >= first.dyads) {
    std::cerr << "attachsim-viewer: --select " << *o.select << ": no such dyad; allowed: 0 to "
              << first.dyads - 1 << "\n";
    return kExitBadInput;
  }

  // With no X server SFML aborts (SIGABRT, exit 134) when it makes the window's GL context: ask
  // the X server first and say so in one line. The connection stays open until the window exists.
  std::optional<DisplayConnection> display_check(std::in_place);
  if (const auto& no_display = display_check->problem()) {
    std::cerr << "attachsim-viewer: " << *no_display << "\n";
    return kExitNoDisplay;
  }
  sf::RenderWindow window(sf::VideoMode(o.width, o.height), "attachsim viewer");
  display_check.reset();
  // Scripted runs under Xvfb: SFML may place the window partly off a screen of the same size.
  if (o.frames > 0) window.setPosition({0, 0});
  window.setVerticalSyncEnabled(false);
  window.setFramerateLimit(o.frame_limit ? o.fps : 0);

  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed and scales with the window
  InputBridge::configure(io);
  // The renderer honours ImDrawCmd::VtxOffset: draw lists may pass 65,536 vertices (the
  // population's re-sort animation draws a quad per dyad).
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  ImGuiSfmlRenderer renderer;
  InputBridge input;
  // Explicit (--scale, Ctrl +/-, the menu) or, until then, following the window's size.
  std::optional<float> chosen_scale = requested_scale.scale;

  int status = 0;
  {
    SessionSettings settings;
    settings.threads = o.threads;
    Session session(first, settings);
    ViewerOptions viewer_options;
    viewer_options.sources = builtins;
    viewer_options.scenario_dir = scenarios;
    viewer_options.bundled = bundled_list(scenarios);
    viewer_options.dyads = o.dyads;
    viewer_options.seed = o.seed;
    viewer_options.export_dir = o.export_dir;
    viewer_options.initial = first;
    Viewer viewer(session, viewer_options);
    float scale = chosen_scale ? *chosen_scale : auto_ui_scale(o.width, o.height);
    apply_ui_scale(scale, viewer, renderer);
    if (!problem.empty()) {
      std::cerr << "attachsim-viewer: " << problem << "\n";
      viewer.load_failed(problem);
    }
    session.set_speed(o.speed);
    if (!o.compare.empty()) {
      const auto eq = o.compare.find('=');
      const auto param = find_parameter(o.compare.substr(0, eq));
      std::optional<std::string> refused;
      if (eq == std::string::npos || !param) {
        refused = "--compare " + o.compare +
                  ": expected name=value with a parameter of the table, e.g. "
                  "primary.sensitivity=0.8; nearest name: " +
                  nearest_parameter_name(o.compare.substr(0, eq));
      } else {
        try {
          refused = session.start_compare(*param, std::stod(o.compare.substr(eq + 1)), true);
        } catch (const std::exception&) {
          refused = "--compare " + o.compare + ": the value is not a number";
        }
      }
      if (refused) viewer.report(*refused, true);
    }
    if (o.days > 0) session.advance_to(o.days);
    if (o.play) session.play(true);
    if (o.select) viewer.select(*o.select);
    if (panel) viewer.show(*panel);
    if (o.arrange == "sensitivity") viewer.arrange(Arrangement::Sensitivity);
    if (o.arrange == "strategy") viewer.arrange(Arrangement::Strategy);
    if (o.arrange == "subgroup") viewer.arrange(Arrangement::Subgroup);
    bool opened_ssp = false;

    FrameStats stats;
    int counted = 0;
    constexpr int kWarmupFrames = 5;  // texture creation and the first uploads are not typical
    sf::Clock clock;
    auto previous = std::chrono::steady_clock::now();
    double frame_ms = 0;
    while (window.isOpen()) {
      sf::Event event;
      while (window.pollEvent(event)) {
        if (event.type == sf::Event::Closed) window.close();
        if (event.type == sf::Event::Resized)
          window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                                static_cast<float>(event.size.height))));
        if (event.type == sf::Event::LostFocus) input.release_all(io);
        input.push(event);
      }
      if (!window.isOpen()) break;
      const sf::Vector2u size = window.getSize();
      if (const auto change = viewer.take_scale_request()) chosen_scale = *change;
      const float wanted = chosen_scale ? *chosen_scale : auto_ui_scale(size.x, size.y);
      if (std::abs(wanted - scale) > 1e-4f) {  // between frames: the atlas is not in use
        scale = wanted;
        apply_ui_scale(scale, viewer, renderer);
      }
      input.apply(io);
      io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
      io.DeltaTime = std::max(clock.restart().asSeconds(), 1e-4f);

      const auto t0 = std::chrono::steady_clock::now();
      ImGui::NewFrame();
      viewer.draw(io.DisplaySize, frame_ms);
      ImGui::Render();
      const auto t1 = std::chrono::steady_clock::now();
      window.clear(sf::Color(23, 23, 28));  // the panels' background
      renderer.render(window, ImGui::GetDrawData());
      const auto t2 = std::chrono::steady_clock::now();

      // Scripted runs count frames once the warm-up days are simulated.
      const auto snap = session.snapshot();
      const bool ready = snap->day >= o.days && !snap->working &&
                         (!o.select || (snap->inspected && snap->inspected->id == *o.select));
      if (ready && strange_situation_panel && !opened_ssp) {
        viewer.open_strange_situation(o.ssp_episode);
        opened_ssp = true;
      }
      if (o.frames > 0 && ready) ++counted;
      const bool last = o.frames > 0 && counted >= o.frames + kWarmupFrames;

      std::optional<std::filesystem::path> shot = viewer.take_screenshot_request();
      if (last && !o.screenshot.empty()) shot = o.screenshot;
      if (shot) {
        // Read the back buffer before display() swaps it away.
        sf::Texture capture;
        capture.create(size.x, size.y);
        capture.update(window);
        const sf::Image image = capture.copyToImage();
        try {
          write_png(*shot, size.x, size.y, image.getPixelsPtr());
          viewer.report("Wrote " + shot->string());
        } catch (const std::exception& e) {
          viewer.report(std::string("Screenshot failed: ") + e.what(), true);
          if (last) status = 1;
        }
      }
      window.display();

      const auto now = std::chrono::steady_clock::now();
      const auto span_ms = [](auto a, auto b) {
        return std::chrono::duration<double, std::milli>(b - a).count();
      };
      const double ms = std::chrono::duration<double, std::milli>(now - previous).count();
      previous = now;
      frame_ms = frame_ms == 0 ? ms : 0.9 * frame_ms + 0.1 * ms;
      if (o.frames > 0 && ready && counted > kWarmupFrames) {
        if (stats.ms.empty()) {
          stats.start = now - std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double, std::milli>(ms));
          stats.first_day = snap->day;
        }
        stats.ms.push_back(ms);
        stats.ui_ms += span_ms(t0, t1);
        stats.draw_ms += span_ms(t1, t2);
        stats.display_ms += span_ms(t2, now);
        stats.end = now;
        const auto latest = session.snapshot();
        stats.last_day = latest->day;
        stats.step_ms = latest->step_ms;
        stats.publish_ms = latest->publish_ms;
      }
      if (last || viewer.quit_requested()) window.close();
    }
    if (o.frames > 0) stats.write(o, first.dyads);
  }
  ImGui::DestroyContext();
  return status;
}
