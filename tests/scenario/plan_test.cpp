// Tests of the plan: sweep points (grid, Latin hypercube), run seeds, sweep points and variants applied, the engine population.
#include "attachsim/scenario/plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace attachsim::scenario {
namespace {

Scenario parse(const std::string& text) { return parse_scenario(text, "t.toml"); }

std::string error_of_build(const Scenario& s) {
  try {
    build_population(s);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  ADD_FAILURE() << "build_population did not throw";
  return {};
}

const ParameterSetting* last_override(const Scenario& s, Param p) {
  const ParameterSetting* found = nullptr;
  for (const ParameterSetting& o : s.overrides)
    if (o.parameter == p) found = &o;
  return found;
}

// ---- sweep points ---------------------------------------------------------------------------------

TEST(Plan, WithoutAxesOneEmptyPoint) {
  const std::vector<Point> points = sweep_points(parse(""));
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].id, 0u);
  EXPECT_TRUE(points[0].values.empty());
}

TEST(Plan, GridFirstAxisVariesSlowest) {
  const Scenario s = parse(R"([sweep.axes]
primary.sensitivity = [0.4, 0.5]
infant.reactivity = [0.1, 0.2, 0.3]
)");
  const std::vector<Point> points = sweep_points(s);
  ASSERT_EQ(points.size(), 6u);
  const double expected[6][2] = {{0.4, 0.1}, {0.4, 0.2}, {0.4, 0.3}, {0.5, 0.1}, {0.5, 0.2}, {0.5, 0.3}};
  for (std::uint32_t i = 0; i < 6; ++i) {
    EXPECT_EQ(points[i].id, i);
    ASSERT_EQ(points[i].values.size(), 2u);
    EXPECT_EQ(points[i].values[0], expected[i][0]) << i;
    EXPECT_EQ(points[i].values[1], expected[i][1]) << i;
  }
}

TEST(Plan, GridOfThreeAxesCountsEveryCombination) {
  const Scenario s = parse(R"([sweep.axes]
infant.reactivity = [0.1, 0.2]
primary.sensitivity = { from = 0.3, to = 0.7, steps = 5 }
care.misreading = [0.1, 0.2, 0.3]
)");
  const std::vector<Point> points = sweep_points(s);
  ASSERT_EQ(points.size(), 30u);
  std::set<std::vector<double>> distinct;
  for (const Point& p : points) distinct.insert(p.values);
  EXPECT_EQ(distinct.size(), 30u);
  // The last axis varies fastest, the first slowest.
  EXPECT_EQ(points[1].values[2], 0.2);
  EXPECT_DOUBLE_EQ(points[3].values[1], 0.4);
  EXPECT_EQ(points[3].values[2], 0.1);
  EXPECT_EQ(points[14].values[0], 0.1);
  EXPECT_EQ(points[15].values[0], 0.2);
}

const char* kLhs = R"([run]
seed = 11
[sweep]
design = "latin_hypercube"
samples = 20
[sweep.axes]
primary.sensitivity = { from = 0.2, to = 0.8 }
infant.reactivity = { from = 0.1, to = 0.5 }
)";

TEST(Plan, LatinHypercubeOnePointPerStratumPerAxis) {
  const Scenario s = parse(kLhs);
  const std::vector<Point> points = sweep_points(s);
  ASSERT_EQ(points.size(), 20u);
  for (std::size_t j = 0; j < 2; ++j) {
    const Axis& a = s.sweep.axes[j];
    std::vector<int> count(20, 0);
    for (const Point& p : points) {
      ASSERT_EQ(p.values.size(), 2u);
      const double x = p.values[j];
      EXPECT_GE(x, a.from);
      EXPECT_LE(x, a.to);
      const int stratum = std::min(19, static_cast<int>(std::floor((x - a.from) / (a.to - a.from) * 20)));
      ++count[static_cast<std::size_t>(stratum)];
    }
    for (int c : count) EXPECT_EQ(c, 1) << "axis " << a.name;
  }
  for (std::uint32_t i = 0; i < 20; ++i) EXPECT_EQ(points[i].id, i);
}

TEST(Plan, LatinHypercubeIsReproducibleFromTheMasterSeed) {
  const Scenario s = parse(kLhs);
  const std::vector<Point> a = sweep_points(s), b = sweep_points(parse(kLhs));
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].values, b[i].values);
  Scenario other = s;
  other.sweep.seed = 12;
  const std::vector<Point> c = sweep_points(other);
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i].values == c[i].values;
  EXPECT_LT(same, a.size());
  // The run seed is the master seed without [sweep] seed.
  Scenario by_run = s;
  by_run.run.seed = 12;
  const std::vector<Point> d = sweep_points(by_run);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(c[i].values, d[i].values);
}

TEST(Plan, MasterSeed) {
  EXPECT_EQ(master_seed(parse("[run]\nseed = 5\n")), 5u);
  EXPECT_EQ(master_seed(parse("[run]\nseed = 5\n[sweep]\nseed = 9\n")), 9u);
}

TEST(Plan, RunSeedsDifferPerPointAndReplicate) {
  const Scenario s = parse("[sweep]\nreplicates = 4\nseed = 3\n[sweep.axes]\nprimary.sensitivity = [0.3, 0.5, 0.7]\n");
  std::set<std::uint64_t> seeds;
  for (std::uint32_t p = 0; p < 3; ++p)
    for (std::uint32_t r = 0; r < 4; ++r) {
      seeds.insert(run_seed(s, p, r));
      EXPECT_EQ(run_seed(s, p, r), run_seed(s, p, r));
    }
  EXPECT_EQ(seeds.size(), 12u);
  Scenario other = s;
  other.sweep.seed = 4;
  EXPECT_NE(run_seed(other, 0, 0), run_seed(s, 0, 0));
}

TEST(Plan, CommonRandomNumbersShareSeedsAcrossPoints) {
  const Scenario s = parse(
      "[sweep]\nreplicates = 3\ncommon_random_numbers = true\n[sweep.axes]\nprimary.sensitivity = [0.3, 0.5, 0.7]\n");
  for (std::uint32_t r = 0; r < 3; ++r)
    for (std::uint32_t p = 1; p < 3; ++p) EXPECT_EQ(run_seed(s, p, r), run_seed(s, 0, r));
  EXPECT_NE(run_seed(s, 0, 0), run_seed(s, 0, 1));
  EXPECT_NE(run_seed(s, 0, 1), run_seed(s, 0, 2));
}

// ---- a point and the variant applied --------------------------------------------------------------

const char* kEvents = R"([run]
months = 12
[[event]]
id = "help"
kind = "intervention"
age_months = 6
target = { share = 0.5 }
[[event]]
id = "away"
kind = "separation"
age_months = 4
days = 5
[[event]]
kind = "assessment"
age_months = 12
[variant]
parameters.primary.sensitivity = 0.8
[[variant.event]]
id = "help"
kind = "intervention"
age_months = 5
sessions = 2
[[variant.event]]
id = "extra"
kind = "loss"
age_months = 9
caregiver = "secondary"
)";

TEST(Plan, AtPointSetsParametersAsOverrides) {
  Scenario s = parse("[sweep.axes]\nprimary.sensitivity = [0.3, 0.7]\ninfant.reactivity = [0.2, 0.4]\n");
  const Scenario here = at_point(s, sweep_points(s)[2]);
  ASSERT_EQ(here.overrides.size(), 2u);
  EXPECT_EQ(last_override(here, Param::primary_sensitivity)->value.value, 0.7);
  EXPECT_EQ(last_override(here, Param::infant_reactivity)->value.value, 0.2);
  EXPECT_EQ(last_override(here, Param::primary_sensitivity)->where.line, 2);
  EXPECT_TRUE(s.overrides.empty());  // the scenario itself is unchanged
  const BuiltPopulation built = build_population(here);
  ASSERT_EQ(built.population.groups.size(), 1u);
  EXPECT_EQ(built.population.groups[0].parameters[Param::primary_sensitivity], 0.7);
}

TEST(Plan, AtPointSetsEventFieldsInTimelineAndVariant) {
  std::string text = kEvents;
  text += R"([sweep.axes]
event.help.age_weeks = [10, 20]
event.help.sessions = [3, 4]
event.help.share = [0.25, 0.75]
event.away.days = [2, 9]
)";
  const Scenario s = parse(text);
  const std::vector<Point> points = sweep_points(s);
  ASSERT_EQ(points.size(), 16u);
  const Scenario here = at_point(s, points[15]);  // the last value of every axis
  EXPECT_EQ(here.events[0].days, std::vector<std::uint32_t>{140});
  EXPECT_EQ(here.events[0].sessions, 4);
  EXPECT_EQ(here.events[0].target.share, 0.75);
  EXPECT_EQ(here.events[1].separation_days, 9);
  // The variant's event with the same id too.
  EXPECT_EQ(here.variant.events[0].days, std::vector<std::uint32_t>{140});
  EXPECT_EQ(here.variant.events[0].sessions, 4);
  // Other events untouched.
  EXPECT_EQ(here.variant.events[1].days, s.variant.events[1].days);
  EXPECT_EQ(here.events[2].days, s.events[2].days);
  EXPECT_TRUE(here.overrides.empty());
  const Scenario first = at_point(s, points[0]);
  EXPECT_EQ(first.events[0].days, std::vector<std::uint32_t>{70});
  EXPECT_EQ(first.events[0].sessions, 3);
  EXPECT_EQ(first.events[1].separation_days, 2);
}

TEST(Plan, AtPointAgeInMonthsAndDays) {
  const Scenario months = parse(std::string(kEvents) + "[sweep.axes]\nevent.away.age_months = [2, 3]\n");
  EXPECT_EQ(at_point(months, sweep_points(months)[1]).events[1].days, std::vector<std::uint32_t>{91});
  const Scenario days = parse(std::string(kEvents) + "[sweep.axes]\nevent.away.age_days = [20, 30]\n");
  EXPECT_EQ(at_point(days, sweep_points(days)[1]).events[1].days, std::vector<std::uint32_t>{30});
}

TEST(Plan, VariantOfMergesEventsByIdAndAddsItsParameters) {
  const Scenario s = parse(kEvents);
  const Scenario v = variant_of(s);
  EXPECT_FALSE(v.variant.present);
  EXPECT_TRUE(v.variant.events.empty());
  ASSERT_EQ(v.events.size(), 4u);
  EXPECT_EQ(v.events[0].id, "help");
  EXPECT_EQ(v.events[0].sessions, 2);  // replaced in place
  EXPECT_EQ(v.events[0].days, std::vector<std::uint32_t>{152});
  EXPECT_EQ(v.events[0].serial, s.events[0].serial);
  EXPECT_EQ(v.events[1].id, "away");
  EXPECT_EQ(v.events[2].kind, EventKind::Assessment);
  EXPECT_EQ(v.events[3].id, "extra");  // added at the end
  EXPECT_EQ(v.events[3].slot, kSecondarySlot);
  ASSERT_EQ(v.overrides.size(), 1u);
  EXPECT_EQ(v.overrides[0].parameter, Param::primary_sensitivity);
  EXPECT_EQ(v.overrides[0].value.value, 0.8);
}

TEST(Plan, OverridesApplyInOrderSetThenAxisThenVariant) {
  Scenario s = parse(R"([parameters]
primary.sensitivity = 0.5
[[subgroup]]
name = "a"
share = 1
parameters.primary.sensitivity = 0.55
[variant]
parameters.primary.sensitivity = 0.9
[sweep.axes]
primary.sensitivity = [0.3, 0.7]
infant.reactivity = [0.2]
)");
  add_overrides(s, {{Param::primary_sensitivity, 0.6}, {Param::care_misreading, 0.3}}, "--set");
  EXPECT_EQ(s.overrides[0].where.text(), "--set");
  EXPECT_EQ(build_population(s).population.groups[0].parameters[Param::primary_sensitivity], 0.6);
  const Scenario here = at_point(s, sweep_points(s)[1]);
  const Parameters at = build_population(here).population.groups[0].parameters;
  EXPECT_EQ(at[Param::primary_sensitivity], 0.7);  // the axis beats --set and the subgroup
  EXPECT_EQ(at[Param::care_misreading], 0.3);
  const Parameters v = build_population(variant_of(here)).population.groups[0].parameters;
  EXPECT_EQ(v[Param::primary_sensitivity], 0.9);  // the variant beats the axis
}

// ---- the engine population ------------------------------------------------------------------------

TEST(Plan, BuildPopulationExpandsStrataIntoEngineSubgroups) {
  const Scenario s = parse(R"([parameters]
primary.sensitivity = { dist = "normal", mean = 0.5, sd = 0.1, strata = 4 }
care.misreading = 0.2

[[subgroup]]
name = "low"
share = 0.7

[[subgroup]]
name = "high"
share = 0.3
parameters.primary.risk = 4
parameters.infant.episodes_per_day = { dist = "categorical", values = [6, 8, 10], weights = [1, 1, 2] }
)");
  const BuiltPopulation built = build_population(s);
  EXPECT_EQ(built.names, (std::vector<std::string>{"low", "high"}));
  const auto& groups = built.population.groups;
  ASSERT_EQ(groups.size(), 4u + 12u);
  ASSERT_EQ(built.subgroup_of.size(), groups.size());
  double total = 0;
  std::map<std::uint16_t, double> by_scenario_group;
  std::set<double> sensitivities;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    total += groups[i].share;
    by_scenario_group[built.subgroup_of[i]] += groups[i].share;
    EXPECT_EQ(groups[i].name, built.names[built.subgroup_of[i]]);
    EXPECT_EQ(groups[i].parameters[Param::care_misreading], 0.2);
    EXPECT_EQ(groups[i].parameters[Param::primary_risk], built.subgroup_of[i] == 1 ? 4.0 : Parameters()[Param::primary_risk]);
    sensitivities.insert(groups[i].parameters[Param::primary_sensitivity]);
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  EXPECT_NEAR(by_scenario_group[0], 0.7, 1e-12);
  EXPECT_NEAR(by_scenario_group[1], 0.3, 1e-12);
  EXPECT_EQ(sensitivities.size(), 4u);
  // Engine subgroups of one scenario subgroup are contiguous, in scenario order.
  EXPECT_TRUE(std::is_sorted(built.subgroup_of.begin(), built.subgroup_of.end()));
  // The categorical weights: 10 episodes/day has half of the high-risk share.
  double ten = 0;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (built.subgroup_of[i] == 1 && groups[i].parameters[Param::infant_episodes_per_day] == 10) ten += groups[i].share;
  EXPECT_NEAR(ten, 0.15, 1e-12);
  EXPECT_NO_THROW(built.population.validate());
}

TEST(Plan, BuildPopulationWithoutSubgroupsIsOneGroupAll) {
  const BuiltPopulation built = build_population(parse("[parameters]\nprimary.sensitivity = 0.65\n"));
  ASSERT_EQ(built.population.groups.size(), 1u);
  EXPECT_EQ(built.names, std::vector<std::string>{"all"});
  EXPECT_EQ(built.subgroup_of, std::vector<std::uint16_t>{0});
  EXPECT_EQ(built.population.groups[0].share, 1.0);
  EXPECT_EQ(built.population.groups[0].parameters[Param::primary_sensitivity], 0.65);
}

TEST(Plan, ASubgroupWithShareZeroHasNoEngineGroup) {
  const BuiltPopulation built = build_population(
      parse("[[subgroup]]\nname = \"none\"\nshare = 0\n[[subgroup]]\nname = \"all of them\"\nshare = 1\n"));
  ASSERT_EQ(built.population.groups.size(), 1u);
  EXPECT_EQ(built.subgroup_of, std::vector<std::uint16_t>{1});
  EXPECT_EQ(built.names.size(), 2u);
}

TEST(Plan, CombinationCapPerSubgroup) {
  const Scenario s = parse(R"([parameters]
primary.sensitivity = { dist = "uniform", min = 0.3, max = 0.7, strata = 100 }
primary.consistency = { dist = "uniform", min = 0.3, max = 0.7, strata = 41 }
)");
  const std::string message = error_of_build(s);
  EXPECT_NE(message.find("more than 4,096 combinations"), std::string::npos) << message;
  EXPECT_EQ(message.rfind("t.toml:", 0), 0u) << message;
  EXPECT_NE(message.find("allowed: "), std::string::npos) << message;
  // 100 x 40 = 4,000 is allowed.
  Scenario ok = parse(R"([parameters]
primary.sensitivity = { dist = "uniform", min = 0.3, max = 0.7, strata = 100 }
primary.consistency = { dist = "uniform", min = 0.3, max = 0.7, strata = 40 }
)");
  EXPECT_EQ(build_population(ok).population.groups.size(), 4000u);
}

TEST(Plan, TotalParameterSetCap) {
  std::string text;
  for (int g = 0; g < 5; ++g)
    text += "[[subgroup]]\nname = \"g" + std::to_string(g) + "\"\nshare = 0.2\n" +
            "parameters.primary.sensitivity = { dist = \"uniform\", min = 0.3, max = 0.7, strata = 64 }\n" +
            "parameters.primary.consistency = { dist = \"uniform\", min = 0.3, max = 0.7, strata = 64 }\n";
  const std::string message = error_of_build(parse(text));
  EXPECT_NE(message.find("20480 parameter sets"), std::string::npos) << message;
  EXPECT_NE(message.find("allowed: at most 16384"), std::string::npos) << message;
}

TEST(Plan, CombinationNotAllowedIsAScenarioError) {
  const Scenario s = parse("[parameters]\nprimary.dismissing = 0.6\nprimary.preoccupied = 0.6\n");
  const std::string message = error_of_build(s);
  EXPECT_EQ(message.rfind("t.toml:", 0), 0u) << message;
  EXPECT_NE(message.find("subgroup all"), std::string::npos) << message;
  EXPECT_THROW(check_runnable(s), ScenarioError);
}

// Regression test of a fixed bug (sim/scenario/src/plan.cpp, build_population, the catch of ParameterError): the place
// reported is the last setting of the last non-empty settings list, not a setting involved in
// the conflict; here it points at primary.sensitivity (line 4) although the conflict is
// dismissing + preoccupied (lines 2-3).
TEST(Plan, CombinationErrorPointsAtAnOffendingSetting) {
  const Scenario s =
      parse("[parameters]\nprimary.dismissing = 0.6\nprimary.preoccupied = 0.6\nprimary.sensitivity = 0.5\n");
  const std::string message = error_of_build(s);
  EXPECT_TRUE(message.rfind("t.toml:2:", 0) == 0 || message.rfind("t.toml:3:", 0) == 0) << message;
}

TEST(Plan, CheckRunnableChecksEveryPointAndArm) {
  // Only the second point makes the state-of-mind shares exceed 1.
  const Scenario axis = parse("[parameters]\nprimary.dismissing = 0.5\n[sweep.axes]\nprimary.preoccupied = [0.2, 0.6]\n");
  EXPECT_NO_THROW(build_population(at_point(axis, sweep_points(axis)[0])));
  EXPECT_THROW(check_runnable(axis), ScenarioError);
  // Only the variant does.
  const Scenario variant = parse("[parameters]\nprimary.dismissing = 0.5\n[variant]\nparameters.primary.preoccupied = 0.6\n");
  EXPECT_NO_THROW(build_population(variant));
  EXPECT_THROW(check_runnable(variant), ScenarioError);
  EXPECT_NO_THROW(check_runnable(parse(kEvents)));
}

TEST(Plan, CheckWithinRunAfterTheRunIsShortened) {
  Scenario s = parse(kEvents);
  EXPECT_NO_THROW(check_within_run(s));
  s.run.days = 200;  // as --months 6.6 would
  try {
    check_within_run(s);
    ADD_FAILURE() << "an event past the end was accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("past the end of the run"), std::string::npos) << e.what();
  }
  // The assessment may be on the last day itself.
  s = parse(kEvents);
  s.run.days = 365;
  EXPECT_NO_THROW(check_within_run(s));
}

// Regression test of a fixed bug (sim/scenario/src/plan.cpp, check_within_run / check_runnable): after --months shortens
// the run, only the events' own ages are checked, not the values of event-age sweep axes. Here
// the point at 9 months is past the end of a 6-month run; `attachsim sweep --months 6` runs it
// and the event silently never happens (docs/scenarios.md: every age must be within the run).
TEST(Plan, CheckRunnableChecksEventAgeAxesAfterTheRunIsShortened) {
  Scenario s = parse("[run]\nmonths = 12\n[[event]]\nid = \"help\"\nkind = \"intervention\"\nage_months = 3\n"
                     "[sweep.axes]\nevent.help.age_months = [3, 9]\n");
  s.run.days = 183;  // as --months 6 sets it
  EXPECT_THROW(check_runnable(s), ScenarioError);
}

TEST(Plan, CommonParametersUseDistributionMeans) {
  Scenario s = parse(R"([parameters]
primary.sensitivity = { dist = "uniform", min = 0.4, max = 0.6 }
infant.episodes_per_day = { dist = "categorical", values = [6, 9], weights = [1, 1] }
care.misreading = 0.25
[[subgroup]]
name = "a"
share = 1
parameters.primary.risk = 6
)");
  add_overrides(s, {{Param::infant_reactivity, 0.35}}, "--set");
  const Parameters p = common_parameters(s);
  EXPECT_NEAR(p[Param::primary_sensitivity], 0.5, 1e-12);
  EXPECT_EQ(p[Param::infant_episodes_per_day], 8);  // 7.5 rounded for an integer row
  EXPECT_EQ(p[Param::care_misreading], 0.25);
  EXPECT_EQ(p[Param::infant_reactivity], 0.35);
  EXPECT_EQ(p[Param::primary_risk], Parameters()[Param::primary_risk]);  // subgroups are not common
}

}  // namespace
}  // namespace attachsim::scenario
