// Writing chart data, run data and pictures through AtomicFile, so a failed export leaves nothing
// half-written.
#include "attachsim/viz/chart_export.hpp"

#include <stb_image_write.h>

#include <cstdio>
#include <stdexcept>

#include "attachsim/atomic_file.hpp"
#include "attachsim/dyads_csv.hpp"
#include "attachsim/viz/colour_map.hpp"

namespace attachsim::viz {

namespace {

void add_arm(std::vector<ChartRow>& rows, const ArmView& arm, const std::string& prefix) {
  if (arm.series) {
    for (const DaySample& d : *arm.series) {
      const double months = age_months(d.day);
      for (int i = 0; i < kStrategyCount; ++i) {
        const auto s = static_cast<Strategy>(i);
        if (s == Strategy::None) continue;
        rows.push_back({prefix + "strategy_share_over_age", strategy_label(s), months,
                        d.share_among_attached(s)});
      }
      rows.push_back({prefix + "strategy_share_over_age", "attached", months, d.attached});
      rows.push_back({prefix + "means_over_age", "security expectation", months, d.security});
      rows.push_back({prefix + "means_over_age", "infant stress", months, d.infant_stress});
      rows.push_back({prefix + "means_over_age", "caregiver sensitivity", months, d.sensitivity});
      rows.push_back({prefix + "means_over_age", "caregiver stress", months, d.caregiver_stress});
    }
  }
  for (const AssessmentPoint& p : arm.assessments) {
    const double months = age_months(p.day);
    rows.push_back({prefix + "strange_situation_over_age", "A (3-way)", months, p.a3});
    rows.push_back({prefix + "strange_situation_over_age", "B (3-way)", months, p.b3});
    rows.push_back({prefix + "strange_situation_over_age", "C (3-way)", months, p.c3});
    rows.push_back({prefix + "strange_situation_over_age", "D (4-way)", months, p.d4});
  }
  for (const auto& [x, y] : arm.sensitivity_security.points)
    rows.push_back({prefix + "sensitivity_security_scatter", "dyad", x, y});
  rows.push_back({prefix + "sensitivity_security_scatter", "r",
                  static_cast<double>(arm.sensitivity_security.n), arm.sensitivity_security.r});
  const std::pair<const char*, const Histogram*> histograms[] = {
      {"histogram_security_expectation", &arm.security},
      {"histogram_infant_stress", &arm.infant_stress},
      {"histogram_caregiver_sensitivity", &arm.sensitivity}};
  for (const auto& [name, h] : histograms)
    for (std::size_t i = 0; i < h->counts.size(); ++i)
      rows.push_back({prefix + name, "count", h->bin_centre(i), static_cast<double>(h->counts[i])});
  if (arm.assessment) {
    const AssessmentSummary& a = *arm.assessment;
    const ClassDistribution& d = a.distribution;
    const double months = age_months(a.day);
    const std::string chart = prefix + "last_strange_situation";
    for (Class4 c : {Class4::A, Class4::B, Class4::C, Class4::D, Class4::CC})
      rows.push_back({chart, std::string(class_name(c)) + " % (4-way)", months, 100 * d.share4(c)});
    for (Class3 c : {Class3::A, Class3::B, Class3::C})
      rows.push_back({chart, std::string(class_name(c)) + " % (3-way)", months, 100 * d.share3(c)});
    rows.push_back({chart, "r(sensitivity, security)", months, a.links.security});
    rows.push_back({chart, "r(sensitivity, avoidance)", months, a.links.avoidance});
    rows.push_back({chart, "r(sensitivity, resistance)", months, a.links.resistance});
    rows.push_back({chart, "r(sensitivity, disorganisation)", months, a.links.disorganisation});
    rows.push_back({chart, "d(reactivity, security)", months, a.temperament_d_security});
    rows.push_back({chart, "d(reactivity, resistance)", months, a.temperament_d_resistance});
    rows.push_back(
        {chart, "odds ratio insecure (low vs high sensitivity)", months, a.insecure_odds_ratio});
    if (a.stability_kappa) rows.push_back({chart, "kappa stability", months, *a.stability_kappa});
    rows.push_back({chart, "assessed", months, static_cast<double>(a.records.size())});
  }
}

}  // namespace

std::vector<ChartRow> chart_rows(const Snapshot& s) {
  std::vector<ChartRow> rows;
  for (const ReferenceBand& b : reference_bands(s.references)) {
    rows.push_back({"reference_band", b.label + " low", b.from_month, b.low});
    rows.push_back({"reference_band", b.label + " high", b.to_month, b.high});
  }
  add_arm(rows, s.main, "");
  if (s.what_if) {
    add_arm(rows, *s.what_if, "what_if_");
    if (s.main.series && s.what_if->series)
      for (const DayDifference& d : difference_series(*s.main.series, *s.what_if->series)) {
        const double months = age_months(d.day);
        for (int i = 0; i < kStrategyCount; ++i) {
          const auto strategy = static_cast<Strategy>(i);
          if (strategy == Strategy::None) continue;
          rows.push_back({"what_if_minus_main_points", strategy_label(strategy), months,
                          d.strategy[static_cast<std::size_t>(i)]});
        }
        rows.push_back({"what_if_minus_main_points", "security expectation", months, d.security});
      }
  }
  return rows;
}

void write_chart_csv(const std::filesystem::path& path, const Snapshot& snapshot) {
  AtomicFile file(path);
  std::ostream& out = file.stream();
  out << "chart,series,x,y\n";
  // Most values come from floats: written as the float they are ("0.58", not 0.579999983...).
  const auto number = [](double v) {
    const auto f = static_cast<float>(v);
    return static_cast<double>(f) == v ? shortest(f) : shortest(v);
  };
  for (const ChartRow& r : chart_rows(snapshot)) {
    // Series names are ours and hold no quotes; quoted because some hold commas or parentheses.
    out << r.chart << ",\"" << r.series << "\"," << number(r.x) << ',' << number(r.y) << '\n';
  }
  file.commit();
}

void write_run_data(const std::filesystem::path& path, const AssessmentSummary& assessment) {
  AtomicFile file(path);
  file.stream() << dyads_csv_header();
  write_dyads_csv(file.stream(), assessment.records);
  file.commit();
}

void write_png(const std::filesystem::path& path, std::uint32_t width, std::uint32_t height,
               const std::uint8_t* rgba) {
  // stb (packaged with Dear ImGui) encodes to memory; SFML 2.5 can only save to a path.
  std::vector<char> png;
  const auto append = [](void* context, void* data, int size) {
    auto* out = static_cast<std::vector<char>*>(context);
    const char* bytes = static_cast<const char*>(data);
    out->insert(out->end(), bytes, bytes + size);
  };
  const int w = static_cast<int>(width), h = static_cast<int>(height);
  if (width == 0 || height == 0 || !stbi_write_png_to_func(append, &png, w, h, 4, rgba, 4 * w))
    throw std::runtime_error(path.string() + ": the picture could not be encoded as PNG");
  AtomicFile file(path);
  file.stream().write(png.data(), static_cast<std::streamsize>(png.size()));
  file.commit();
}

std::filesystem::path export_path(const std::filesystem::path& dir, const std::string& stem,
                                  std::uint32_t day, const std::string& extension) {
  for (int n = 1;; ++n) {
    char name[256];
    std::snprintf(name, sizeof name, "%s-day%04u-%d.%s", stem.c_str(), day, n, extension.c_str());
    std::filesystem::path p = dir / name;
    if (!std::filesystem::exists(p)) return p;
  }
}

}  // namespace attachsim::viz
