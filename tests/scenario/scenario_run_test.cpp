// Tests of ScenarioRun: events reach the engine on their day and only for their targets, assessments, paired runs, bundled scenarios.
#include "attachsim/scenario/scenario_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "../sim/test_support.hpp"

namespace attachsim::scenario {
namespace {

using attachsim::testing::same_state;

Scenario parse(const std::string& text) { return parse_scenario(text, "t.toml"); }

void run_to(ScenarioRun& run, std::uint32_t day) {
  while (run.simulation().day() < day) run.step();
}

std::set<std::uint32_t> where(const ScenarioRun& run, const std::function<bool(const DyadState&)>& test) {
  std::set<std::uint32_t> ids;
  for (std::uint32_t id = 0; id < run.simulation().dyad_count(); ++id)
    if (test(run.simulation().dyad(id))) ids.insert(id);
  return ids;
}

std::set<std::uint32_t> all_ids(std::uint32_t n) {
  std::set<std::uint32_t> ids;
  for (std::uint32_t id = 0; id < n; ++id) ids.insert(id);
  return ids;
}

bool placed(const DyadState& d) { return d.caregivers[kPrimarySlot].generation == 1; }

// ---- events reach the engine on their day ---------------------------------------------------------

TEST(ScenarioRun, PlacementChangesTheCaregiverGenerationOnItsDay) {
  ScenarioRun run(parse("[run]\ndyads = 60\ndays = 30\n[[event]]\nkind = \"placement\"\nage_days = 10\n"), 5);
  EXPECT_EQ(run.end_day(), 30u);
  run_to(run, 10);
  EXPECT_TRUE(where(run, placed).empty());
  run.step();  // day 10: the event applies before the day is simulated
  EXPECT_EQ(where(run, placed), all_ids(60));
  for (std::uint32_t id = 0; id < 60; ++id)
    EXPECT_EQ(run.simulation().dyad(id).caregivers[kPrimarySlot].role, CaregiverRole::Primary);
}

TEST(ScenarioRun, PlacementWithARole) {
  ScenarioRun run(parse("[run]\ndyads = 20\ndays = 30\n[[event]]\nkind = \"placement\"\nage_days = 3\n"
                        "role = \"institution\"\n"),
                  5);
  run_to(run, 4);
  for (std::uint32_t id = 0; id < 20; ++id)
    EXPECT_EQ(run.simulation().dyad(id).caregivers[kPrimarySlot].role, CaregiverRole::Institution);
}

TEST(ScenarioRun, LossRemovesTheCaregiver) {
  ScenarioRun run(parse("[run]\ndyads = 40\ndays = 30\n[[event]]\nkind = \"loss\"\nage_days = 12\n"), 2);
  run_to(run, 12);
  EXPECT_EQ(where(run, [](const DyadState& d) { return d.caregivers[kPrimarySlot].present_in_life(); }),
            all_ids(40));
  run.step();
  EXPECT_TRUE(where(run, [](const DyadState& d) { return d.caregivers[kPrimarySlot].present_in_life(); }).empty());
}

TEST(ScenarioRun, InterventionSetsSessions) {
  ScenarioRun run(
      parse("[run]\ndyads = 40\ndays = 60\n[[event]]\nkind = \"intervention\"\nage_days = 20\nsessions = 9\n"), 3);
  run_to(run, 20);
  EXPECT_TRUE(where(run, [](const DyadState& d) { return d.caregivers[kPrimarySlot].sessions_left > 0; }).empty());
  run.step();
  // The first session may already have been held on the day itself.
  EXPECT_EQ(where(run,
                  [](const DyadState& d) {
                    const int left = d.caregivers[kPrimarySlot].sessions_left;
                    return left == 9 || left == 8;
                  }),
            all_ids(40));
}

TEST(ScenarioRun, DaycareEntryFillsTheDaycareSlot) {
  ScenarioRun run(parse("[run]\ndyads = 40\ndays = 60\n[parameters]\ndaycare.share = 0\n"
                        "[[event]]\nkind = \"daycare_entry\"\nage_days = 15\n"),
                  4);
  const auto in_daycare = [](const DyadState& d) {
    return d.caregivers[kDaycareSlot].role == CaregiverRole::Daycare;
  };
  run_to(run, 15);
  EXPECT_TRUE(where(run, in_daycare).empty());
  run.step();
  EXPECT_EQ(where(run, in_daycare), all_ids(40));
}

TEST(ScenarioRun, SeparationAndDepression) {
  ScenarioRun run(parse("[run]\ndyads = 30\ndays = 60\n[parameters]\nprimary.depression = 0\n"
                        "[[event]]\nkind = \"separation\"\nage_days = 5\ndays = 20\n"
                        "[[event]]\nkind = \"depression_onset\"\nage_days = 6\n"
                        "[[event]]\nkind = \"depression_remission\"\nage_days = 30\n"),
                  4);
  run_to(run, 6);
  EXPECT_EQ(where(run, [](const DyadState& d) { return d.caregivers[kPrimarySlot].away_days > 0; }), all_ids(30));
  run.step();
  // An episode lasts at least one day, which the step may already have used up.
  EXPECT_GE(where(run, [](const DyadState& d) { return d.caregivers[kPrimarySlot].depressed(); }).size(), 25u);
  run_to(run, 31);
  EXPECT_TRUE(where(run, [](const DyadState& d) { return d.caregivers[kPrimarySlot].depressed(); }).empty());
}

// ---- targets --------------------------------------------------------------------------------------

const char* kTwoGroups = R"([run]
dyads = 200
days = 120
[[subgroup]]
name = "low"
share = 0.6
[[subgroup]]
name = "high"
share = 0.4
)";

TEST(ScenarioRun, TargetBySubgroup) {
  ScenarioRun run(parse(std::string(kTwoGroups) +
                        "[[event]]\nkind = \"placement\"\nage_days = 8\ntarget = { subgroup = \"high\" }\n"),
                  6);
  EXPECT_EQ(run.subgroup_names(), (std::vector<std::string>{"low", "high"}));
  std::set<std::uint32_t> high;
  for (std::uint32_t id = 0; id < 200; ++id)
    if (run.subgroup(id) == 1) high.insert(id);
  EXPECT_GT(high.size(), 40u);
  EXPECT_LT(high.size(), 120u);
  run_to(run, 9);
  EXPECT_EQ(where(run, placed), high);
}

TEST(ScenarioRun, TargetSeveralSubgroups) {
  // An event may reach several subgroups at once: here two of three.
  const std::string three = R"([run]
dyads = 300
days = 60
[[subgroup]]
name = "low"
share = 0.4
[[subgroup]]
name = "middle"
share = 0.3
[[subgroup]]
name = "high"
share = 0.3
[[event]]
kind = "placement"
age_days = 8
target = { subgroup = ["middle", "high"] }
)";
  ScenarioRun run(parse(three), 6);
  std::set<std::uint32_t> reached;
  for (std::uint32_t id = 0; id < 300; ++id)
    if (run.subgroup(id) != 0) reached.insert(id);
  EXPECT_GT(reached.size(), 120u);
  EXPECT_LT(reached.size(), 240u);
  run_to(run, 9);
  EXPECT_EQ(where(run, placed), reached);
  EXPECT_THROW(parse(std::string(kTwoGroups) +
                     "[[event]]\nkind = \"placement\"\nage_days = 8\ntarget = { subgroup = [] }\n"),
               ScenarioError);
  EXPECT_THROW(parse(std::string(kTwoGroups) +
                     "[[event]]\nkind = \"placement\"\nage_days = 8\ntarget = { subgroup = [\"low\", \"hihg\"] }\n"),
               ScenarioError);
}

TEST(ScenarioRun, TargetByShareIsReproducibleAndAboutTheShare) {
  const Scenario s = parse("[run]\ndyads = 400\ndays = 30\n"
                           "[[event]]\nkind = \"placement\"\nage_days = 8\ntarget = { share = 0.3 }\n");
  ScenarioRun a(s, 6), b(s, 6), c(s, 7);
  run_to(a, 9);
  run_to(b, 9);
  run_to(c, 9);
  const std::set<std::uint32_t> chosen = where(a, placed);
  EXPECT_GT(chosen.size(), 80u);
  EXPECT_LT(chosen.size(), 160u);
  EXPECT_EQ(chosen, where(b, placed));
  EXPECT_NE(chosen, where(c, placed));
}

TEST(ScenarioRun, SetChangesParametersForTheTargetedDyadsOnly) {
  ScenarioRun run(parse(std::string(kTwoGroups) +
                        "[[event]]\nkind = \"set\"\nage_days = 10\ntarget = { subgroup = \"low\", share = 0.5 }\n"
                        "parameters.care.misreading = 0.9\nparameters.infant.waking_hours = 15\n"),
                  8);
  const double before = Parameters()[Param::care_misreading];
  run_to(run, 11);
  std::size_t changed = 0;
  for (std::uint32_t id = 0; id < 200; ++id) {
    const Parameters& p = run.simulation().constants_of(id).parameters;
    const bool set = p[Param::care_misreading] == 0.9;
    // Both changes reach the same dyads.
    EXPECT_EQ(set, p[Param::infant_waking_hours] == 15) << id;
    if (set) {
      ++changed;
      EXPECT_EQ(run.subgroup(id), 0) << id;
    } else {
      EXPECT_EQ(p[Param::care_misreading], before) << id;
    }
  }
  EXPECT_GT(changed, 20u);
  EXPECT_LT(changed, 100u);
}

TEST(ScenarioRun, TraitMeanShiftMovesExistingCaregivers) {
  ScenarioRun run(parse("[run]\ndyads = 50\ndays = 30\n[parameters]\nprimary.sensitivity = 0.5\n"
                        "[[event]]\nkind = \"set\"\nage_days = 5\nparameters.primary.sensitivity = 0.7\n"),
                  8);
  run_to(run, 5);
  std::vector<float> before;
  for (std::uint32_t id = 0; id < 50; ++id) before.push_back(run.simulation().dyad(id).caregivers[0].sensitivity);
  run.step();
  double shift = 0;
  for (std::uint32_t id = 0; id < 50; ++id) shift += run.simulation().dyad(id).caregivers[0].sensitivity - before[id];
  EXPECT_NEAR(shift / 50, 0.2, 0.05);
}

TEST(ScenarioRun, TargetByLastClass) {
  ScenarioRun run(parse("[run]\ndyads = 200\ndays = 260\n"
                        "[[event]]\nkind = \"assessment\"\nage_days = 240\n"
                        "[[event]]\nkind = \"placement\"\nage_days = 245\ntarget = { last_class = \"insecure\" }\n"),
                  9);
  run_to(run, 245);
  std::set<std::uint32_t> insecure;
  for (std::uint32_t id = 0; id < 200; ++id) {
    const std::uint8_t c = run.last_class()[id];
    if (c == static_cast<std::uint8_t>(Class4::A) || c == static_cast<std::uint8_t>(Class4::C) ||
        c == static_cast<std::uint8_t>(Class4::D))
      insecure.insert(id);
  }
  EXPECT_FALSE(insecure.empty());
  EXPECT_LT(insecure.size(), 200u);
  EXPECT_TRUE(where(run, placed).empty());
  run.step();
  EXPECT_EQ(where(run, placed), insecure);
}

TEST(ScenarioRun, TargetBySensitivityBelow) {
  ScenarioRun run(parse("[run]\ndyads = 200\ndays = 40\n"
                        "[[event]]\nkind = \"intervention\"\nage_days = 20\nsessions = 5\n"
                        "target = { sensitivity_below = 0.5 }\n"),
                  10);
  run_to(run, 20);
  const std::set<std::uint32_t> low = where(run, [](const DyadState& d) { return d.caregivers[0].sensitivity < 0.5f; });
  EXPECT_GT(low.size(), 10u);
  EXPECT_LT(low.size(), 190u);
  run.step();
  EXPECT_EQ(where(run, [](const DyadState& d) { return d.caregivers[0].sessions_left > 0; }), low);
}

TEST(ScenarioRun, TargetsCombineWithAnd) {
  ScenarioRun run(parse(std::string(kTwoGroups) +
                        "[[event]]\nkind = \"placement\"\nage_days = 8\n"
                        "target = { subgroup = \"high\", sensitivity_below = 0.6, share = 0.5 }\n"),
                  11);
  run_to(run, 8);
  std::set<std::uint32_t> eligible;
  for (std::uint32_t id = 0; id < 200; ++id)
    if (run.subgroup(id) == 1 && run.simulation().dyad(id).caregivers[0].sensitivity < 0.6f) eligible.insert(id);
  run.step();
  const std::set<std::uint32_t> chosen = where(run, placed);
  EXPECT_FALSE(chosen.empty());
  EXPECT_LT(chosen.size(), eligible.size());
  EXPECT_TRUE(std::includes(eligible.begin(), eligible.end(), chosen.begin(), chosen.end()));
}

TEST(ScenarioRun, SetBeforePlacementOnTheSameDayGivesNewCaregiversTheNewValues) {
  ScenarioRun run(parse(std::string(kTwoGroups) +
                        "[[event]]\nkind = \"set\"\nage_days = 30\ntarget = { subgroup = \"high\" }\n"
                        "parameters.primary.sensitivity = 0.95\nparameters.primary.sensitivity_sd = 0\n"
                        "[[event]]\nkind = \"placement\"\nage_days = 30\ntarget = { subgroup = \"high\" }\n"),
                  13);
  run_to(run, 31);
  double high = 0, low = 0;
  std::size_t n_high = 0, n_low = 0;
  for (std::uint32_t id = 0; id < 200; ++id) {
    const Caregiver& c = run.simulation().dyad(id).caregivers[kPrimarySlot];
    if (run.subgroup(id) == 1) {
      EXPECT_EQ(c.generation, 1) << id;
      high += c.sensitivity, ++n_high;
    } else {
      EXPECT_EQ(c.generation, 0) << id;
      low += c.sensitivity, ++n_low;
    }
  }
  EXPECT_GT(high / static_cast<double>(n_high), 0.85);
  EXPECT_LT(low / static_cast<double>(n_low), 0.8);
}

// ---- assessments ----------------------------------------------------------------------------------

TEST(ScenarioRun, AssessmentsProduceMeasures) {
  ScenarioRun run(parse(std::string(kTwoGroups) + "[[event]]\nkind = \"assessment\"\nage_days = [60, 120]\n"), 12);
  std::vector<std::uint32_t> seen;
  run.on_assessment = [&](const AssessmentResult& r) {
    seen.push_back(r.day);
    EXPECT_EQ(r.slot, kPrimarySlot);
    EXPECT_EQ(r.records.size(), 200u);
    EXPECT_FALSE(r.measures.empty());
  };
  while (!run.finished()) run.step();
  run.finish();
  EXPECT_EQ(seen, (std::vector<std::uint32_t>{60, 120}));
  const auto has = [&](std::uint32_t day, const std::string& caregiver, const std::string& group, const std::string& name) {
    return std::any_of(run.measures().begin(), run.measures().end(), [&](const Measure& m) {
      return m.age_days == day && m.caregiver == caregiver && m.subgroup == group && m.name == name;
    });
  };
  EXPECT_TRUE(has(60, "primary", "all", "pct_B"));
  EXPECT_TRUE(has(60, "primary", "high", "effect_B_pp"));
  EXPECT_TRUE(has(120, "primary", "low", "n"));
  EXPECT_TRUE(has(120, "primary", "all", "kappa_4way"));  // stability against day 60
  EXPECT_FALSE(has(60, "primary", "all", "kappa_4way"));
  EXPECT_TRUE(has(120, "", "all", "pct_attached"));       // the end state
  for (const Measure& m : run.measures())
    if (m.name == "n" && m.subgroup == "all") {
      EXPECT_EQ(m.value, 200);
    }
  // finish() is idempotent.
  const std::size_t count = run.measures().size();
  run.finish();
  EXPECT_EQ(run.measures().size(), count);
}

TEST(ScenarioRun, DefaultAssessmentAtTheEndOfAShortRun) {
  ScenarioRun run(parse("[run]\ndyads = 30\ndays = 20\n"), 1);
  int assessments = 0;
  run.on_assessment = [&](const AssessmentResult& r) {
    ++assessments;
    EXPECT_EQ(r.day, 20u);
  };
  while (!run.finished()) run.step();
  run.finish();
  EXPECT_EQ(assessments, 1);
}

// ---- paired runs ----------------------------------------------------------------------------------

// The baseline with a share-targeted event before and after the variant's extra event.
const char* kPaired = R"([run]
dyads = 300
days = 120
[parameters]
community.layout = 0          # dyads independent: an untouched dyad must stay identical
[[event]]
id = "early"
kind = "intervention"
age_days = 20
sessions = 4
target = { share = 0.5 }
[[event]]
id = "late"
kind = "placement"
age_days = 90
target = { share = 0.3 }
[[event]]
kind = "set"
age_days = 95
target = { share = 0.4 }
parameters.care.misreading = 0.5
[variant]
name = "also a loss"
[[variant.event]]
kind = "separation"
age_days = 60
days = 10
target = { share = 0.5 }
)";

TEST(ScenarioRun, PairedRunsAreIdenticalBeforeTheVariantsEvent) {
  Scenario s = parse(kPaired);
  s.parameters.clear();  // with the community: every dyad can be touched after the event
  ScenarioRun baseline(s, 77), variant(variant_of(s), 77);
  for (std::uint32_t day = 0; day < 60; ++day) {
    baseline.step();
    variant.step();
  }
  EXPECT_EQ(baseline.simulation().state_hash(), variant.simulation().state_hash());
  for (std::uint32_t id = 0; id < 300; ++id)
    ASSERT_TRUE(same_state(baseline.simulation().dyad(id), variant.simulation().dyad(id))) << id;
  baseline.step();
  variant.step();
  EXPECT_NE(baseline.simulation().state_hash(), variant.simulation().state_hash());
}

TEST(ScenarioRun, PairedRunsDrawTheSameNumbersForSharedEvents) {
  const Scenario s = parse(kPaired);
  ScenarioRun baseline(s, 78), variant(variant_of(s), 78);
  run_to(baseline, 61);
  run_to(variant, 61);
  const std::set<std::uint32_t> separated =
      where(variant, [](const DyadState& d) { return d.caregivers[0].away_days > 0; });
  EXPECT_GT(separated.size(), 100u);
  EXPECT_LT(separated.size(), 200u);
  while (!baseline.finished()) baseline.step();
  while (!variant.finished()) variant.step();
  // The shared events after the variant's extra one selected the same dyads in both arms...
  EXPECT_EQ(where(baseline, placed), where(variant, placed));
  std::size_t set_in_both = 0;
  for (std::uint32_t id = 0; id < 300; ++id) {
    const bool b = baseline.simulation().constants_of(id).parameters[Param::care_misreading] == 0.5;
    const bool v = variant.simulation().constants_of(id).parameters[Param::care_misreading] == 0.5;
    EXPECT_EQ(b, v) << id;
    set_in_both += b && v;
  }
  EXPECT_GT(set_in_both, 50u);
  // ...and every dyad the variant did not touch ends exactly as in the baseline (new
  // caregivers drawn with the same numbers included).
  std::size_t same = 0;
  for (std::uint32_t id = 0; id < 300; ++id) {
    if (separated.count(id)) continue;
    EXPECT_TRUE(same_state(baseline.simulation().dyad(id), variant.simulation().dyad(id))) << id;
    ++same;
  }
  EXPECT_GT(same, 100u);
}

TEST(ScenarioRun, VariantReplacingAnEventByIdKeepsItsDraws) {
  Scenario s = parse(std::string(kPaired) +
                     "[[variant.event]]\nid = \"late\"\nkind = \"placement\"\nage_days = 90\n"
                     "target = { share = 0.3 }\nrole = \"secondary\"\n");
  ScenarioRun baseline(s, 79), variant(variant_of(s), 79);
  run_to(baseline, 91);
  run_to(variant, 91);
  // The same dyads get a new caregiver in both arms, with the variant's role.
  EXPECT_EQ(where(baseline, placed), where(variant, placed));
  for (std::uint32_t id : where(variant, placed))
    EXPECT_EQ(variant.simulation().dyad(id).caregivers[0].role, CaregiverRole::Secondary);
}

// ---- the bundled scenarios ------------------------------------------------------------------------

// Every bundled scenario loads, passes check_runnable and runs (at its first sweep point, both
// arms) for up to 400 days at 200 dyads with finite measures.
TEST(BundledScenarios, LoadCheckAndRun) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(ATTACHSIM_SCENARIOS))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 10u);
  constexpr std::uint32_t kDays = 400;
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    Scenario s;
    ASSERT_NO_THROW(s = load_scenario(file.string()));
    EXPECT_FALSE(s.meta.name.empty());
    ASSERT_NO_THROW(check_runnable(s));
    Scenario small = at_point(s, sweep_points(s).front());
    small.run.dyads = 200;
    // Shorten the run, keeping the events within it (and every assessment, moved to the end at the latest).
    if (small.run.days > kDays) {
      small.run.days = kDays;
      for (std::vector<EventSpec>* list : {&small.events, &small.variant.events}) {
        std::vector<EventSpec> kept;
        for (EventSpec e : *list) {
          for (std::uint32_t& day : e.days)
            if (e.kind == EventKind::Assessment) day = std::min(day, kDays);
          std::erase_if(e.days, [&](std::uint32_t day) { return day >= kDays && e.kind != EventKind::Assessment; });
          e.days.erase(std::unique(e.days.begin(), e.days.end()), e.days.end());
          if (!e.days.empty()) kept.push_back(e);
        }
        *list = kept;
      }
    }
    ASSERT_NO_THROW(check_within_run(small));
    std::vector<Scenario> arms{small};
    if (small.variant.present) arms.push_back(variant_of(small));
    for (const Scenario& arm : arms) {
      ScenarioRun run(arm, 1234);
      while (!run.finished()) run.step();
      run.finish();
      ASSERT_FALSE(run.measures().empty());
      // Counts and the end state are always defined; shares of the classifiable once anyone is
      // classifiable (every assessed infant is); no value is infinite.
      std::map<std::tuple<std::uint32_t, std::string, std::string>, double> classified;
      for (const Measure& m : run.measures())
        if (m.name == "n_classified") classified[{m.age_days, m.caregiver, m.subgroup}] = m.value;
      for (const Measure& m : run.measures()) {
        const double c = m.caregiver.empty() ? 0 : classified.at({m.age_days, m.caregiver, m.subgroup});
        const bool share = m.name.rfind("pct_", 0) == 0 && m.name != "pct_same_class";
        const bool required = m.name == "n" || m.name == "n_classified" || m.name == "pct_CC" ||
                              m.name == "pct_D_CC" || (m.caregiver.empty() && share) ||
                              (c >= 1 && (share || m.name == "security_mean")) ||
                              (c >= 2 && m.name == "security_sd");
        if (required) {
          EXPECT_TRUE(std::isfinite(m.value)) << m.name << " of " << m.subgroup << " on day " << m.age_days;
        }
        EXPECT_FALSE(std::isinf(m.value)) << m.name;
      }
      const Aggregates& a = run.simulation().aggregates();
      EXPECT_TRUE(std::isfinite(a.security_expectation.mean));
      EXPECT_TRUE(std::isfinite(a.caregiver_sensitivity.mean));
    }
  }
}

}  // namespace
}  // namespace attachsim::scenario
