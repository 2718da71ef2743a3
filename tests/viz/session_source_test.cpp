// Tests of the session sources (session_source.hpp): built-in populations and scenario files.
#include "attachsim/viz/session_source.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "attachsim/scenario/scenario.hpp"

namespace attachsim::viz {
namespace {

std::filesystem::path write_file(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "attachsim_viz_sources";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

TEST(SessionSource, BuiltInsAreTheCalibrationPopulations) {
  const auto sources = builtin_sources();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].population.groups.size(), 1u);
  EXPECT_EQ(sources[1].population.groups.size(), 3u);
  EXPECT_EQ(sources[1].references, ReferenceSet::World);
  for (const auto& s : sources) {
    EXPECT_FALSE(s.lesson.empty());
    EXPECT_EQ(s.assessment_days, std::vector<std::uint32_t>{365});
    EXPECT_FALSE(s.scenario);
    s.population.validate();
  }
  EXPECT_EQ(day_at_months(12), 365u);
  EXPECT_EQ(day_at_months(18), 548u);
}

TEST(SessionSource, EveryBundledScenarioLoads) {
  const auto files = bundled_scenarios(ATTACHSIM_SCENARIO_DIR);
  ASSERT_GE(files.size(), 10u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    const SessionSource s = scenario_source(path);
    ASSERT_TRUE(s.scenario);
    EXPECT_FALSE(s.name.empty());
    EXPECT_FALSE(s.lesson.empty());
    EXPECT_EQ(s.origin, path.string());
    EXPECT_GT(s.end_day, 0u);
    EXPECT_FALSE(s.assessment_days.empty());  // every timeline has an assessment
  }
  const SessionSource world =
      scenario_source(std::filesystem::path(ATTACHSIM_SCENARIO_DIR) / "world.toml");
  EXPECT_EQ(world.references, ReferenceSet::World);
}

TEST(SessionSource, AScenarioGivesItsLessonEventsAndVariant) {
  const auto path = write_file("small.toml", R"(
[meta]
name = "Small"
summary = "A test."
lesson = "Watch the intervention."

[run]
dyads = 50
months = 14
seed = 3

[[event]]
kind = "assessment"
age_months = [12]
caregiver = "primary"

[[event]]
kind = "intervention"
age_months = 6
sessions = 8

[variant]
name = "kinder"
parameters.primary.sensitivity = 0.8
)");
  const SessionSource s = scenario_source(path);
  EXPECT_EQ(s.name, "Small");
  EXPECT_EQ(s.lesson, "Watch the intervention.");
  EXPECT_EQ(s.dyads, 50u);
  EXPECT_EQ(s.seed, 3u);
  EXPECT_EQ(s.end_day, day_at_months(14));
  EXPECT_EQ(s.assessment_days, std::vector<std::uint32_t>{day_at_months(12)});
  EXPECT_EQ(s.variant_name, "kinder");
}

TEST(SessionSource, ErrorsNameTheFileLineAndWhatIsAllowed) {
  const auto path =
      write_file("bad.toml", "[run]\ndyads = 100\n\n[parameters]\nprimary.sensitivity = 1.7\n");
  try {
    scenario_source(path);
    FAIL() << "did not throw";
  } catch (const scenario::ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bad.toml:5:"), std::string::npos) << what;
    EXPECT_NE(what.find("primary.sensitivity"), std::string::npos) << what;
    EXPECT_NE(what.find("allowed"), std::string::npos) << what;
  }
  EXPECT_THROW(scenario_source(std::filesystem::path("/nonexistent/missing.toml")),
               scenario::ScenarioError);
  const auto broken = write_file("broken.toml", "[run\ndyads = \n");
  EXPECT_THROW(scenario_source(broken), scenario::ScenarioError);
}

TEST(SessionSource, ASweepShowsOnePointAtATime) {
  const SessionSource first =
      scenario_source(std::filesystem::path(ATTACHSIM_SCENARIO_DIR) / "sensitivity_dose.toml");
  ASSERT_TRUE(first.scenario);
  ASSERT_TRUE(first.file);
  ASSERT_GE(first.sweep_points.size(), 2u);
  EXPECT_EQ(first.sweep_point, 0u);
  EXPECT_NE(first.lesson.find(first.sweep_points[0]), std::string::npos);
  const SessionSource last = scenario_source(*first.file, first.sweep_points.size() - 1);
  EXPECT_EQ(last.sweep_point, first.sweep_points.size() - 1);
  EXPECT_EQ(last.seed, first.seed);  // the same babies at every point
  EXPECT_NE(last.lesson, first.lesson);
  EXPECT_EQ(scenario_source(*first.file, 1000).sweep_point, first.sweep_points.size() - 1);
}

}  // namespace
}  // namespace attachsim::viz
