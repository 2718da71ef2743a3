// Tests of the exports (chart_export.hpp): tidy chart CSV, dyads.csv with the CLI's writer, PNG,
// file names.
#include "attachsim/viz/chart_export.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "attachsim/assessment.hpp"
#include "attachsim/dyads_csv.hpp"
#include "attachsim/simulation.hpp"

namespace attachsim::viz {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "attachsim_viz_export" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A snapshot of a small population at 12 months with one assessment.
Snapshot small_snapshot() {
  SimulationConfig config;
  config.dyads = 200;
  config.history_days = 0;
  Simulation sim(Parameters{}, config);
  auto series = std::make_shared<std::vector<DaySample>>();
  series->push_back(day_sample(sim.aggregates()));
  for (int d = 0; d < 365; ++d) {
    sim.step();
    series->push_back(day_sample(sim.aggregates()));
  }
  Snapshot s;
  s.day = sim.day();
  s.dyads = sim.dyad_count();
  s.main.series = series;
  auto cells = std::make_shared<DyadCells>(capture_cells(sim));
  s.main.security = histogram(cells->security, 0, 1, 10);
  s.main.infant_stress = histogram(cells->infant_stress, 0, 2, 10);
  s.main.sensitivity = histogram(cells->sensitivity, 0, 1, 10);
  s.main.sensitivity_security = scatter(cells->sensitivity, cells->security, cells->strategy, 50);
  s.main.cells = cells;
  s.main.assessment = std::make_shared<AssessmentSummary>(
      summarise_assessment(assess_population(sim, kPrimarySlot), sim.day(), kPrimarySlot, nullptr));
  s.main.assessments.push_back(AssessmentPoint{sim.day(), 0.2f, 0.7f, 0.1f, 0.15f});
  return s;
}

class ChartExport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { snapshot_ = new Snapshot(small_snapshot()); }
  static void TearDownTestSuite() { delete snapshot_; }
  static Snapshot* snapshot_;
};
Snapshot* ChartExport::snapshot_ = nullptr;

TEST_F(ChartExport, RowsCoverEveryChart) {
  const auto rows = chart_rows(*snapshot_);
  std::map<std::string, int> per_chart;
  for (const ChartRow& r : rows) ++per_chart[r.chart];
  EXPECT_EQ(per_chart["reference_band"], 8);  // four bands, low and high
  EXPECT_EQ(per_chart["strategy_share_over_age"], 366 * 5);
  EXPECT_EQ(per_chart["means_over_age"], 366 * 4);
  EXPECT_EQ(per_chart["strange_situation_over_age"], 4);
  EXPECT_EQ(per_chart["histogram_security_expectation"], 10);
  EXPECT_EQ(per_chart["histogram_infant_stress"], 10);
  EXPECT_EQ(per_chart["histogram_caregiver_sensitivity"], 10);
  EXPECT_GT(per_chart["sensitivity_security_scatter"], 1);
  EXPECT_GE(per_chart["last_strange_situation"], 15);
  EXPECT_EQ(per_chart.count("what_if_minus_main_points"), 0u);  // no compare running
}

TEST_F(ChartExport, AssessmentRowsHoldTheTablesNumbers) {
  const AssessmentSummary& a = *snapshot_->main.assessment;
  bool found = false;
  for (const ChartRow& r : chart_rows(*snapshot_))
    if (r.chart == "last_strange_situation" && r.series == "B % (3-way)") {
      EXPECT_DOUBLE_EQ(r.y, 100 * a.distribution.share3(Class3::B));
      EXPECT_NEAR(r.x, 12.0, 0.01);
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST_F(ChartExport, CsvHasAHeaderAndOneLinePerRow) {
  const auto dir = scratch("csv");
  const auto path = dir / "charts.csv";
  write_chart_csv(path, *snapshot_);
  const std::string text = read(path);
  EXPECT_EQ(text.rfind("chart,series,x,y\n", 0), 0u);
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  EXPECT_EQ(lines, chart_rows(*snapshot_).size() + 1);
  EXPECT_NE(text.find("reference_band,\"C1 B low\",12,0.58"), std::string::npos);
  // Nothing but the file itself is left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
}

TEST_F(ChartExport, RunDataIsTheCommandLinesDyadsCsv) {
  const auto dir = scratch("run");
  const auto path = dir / "dyads.csv";
  write_run_data(path, *snapshot_->main.assessment);
  std::ostringstream expected;
  expected << dyads_csv_header();
  write_dyads_csv(expected, snapshot_->main.assessment->records);
  EXPECT_EQ(read(path), expected.str());
}

TEST(PngExport, WritesAValidPngAtomically) {
  const auto dir = scratch("png");
  std::vector<std::uint8_t> rgba(4 * 3 * 2, 200);
  write_png(dir / "a.png", 3, 2, rgba.data());
  const std::string bytes = read(dir / "a.png");
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_THROW(write_png(dir / "b.png", 0, 0, rgba.data()), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(dir / "b.png"));
  EXPECT_THROW(write_png(dir / "missing" / "c.png", 3, 2, rgba.data()), std::runtime_error);
}

TEST(ExportPath, NeverOverwrites) {
  const auto dir = scratch("names");
  const auto first = export_path(dir, "charts", 365, "csv");
  EXPECT_EQ(first.filename(), "charts-day0365-1.csv");
  std::ofstream(first) << "x";
  EXPECT_EQ(export_path(dir, "charts", 365, "csv").filename(), "charts-day0365-2.csv");
}

}  // namespace
}  // namespace attachsim::viz
