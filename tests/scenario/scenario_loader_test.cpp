// Tests of the scenario loader: parse_scenario on inline TOML, bases from tests/data, and the file:line:column error messages.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "attachsim/scenario/scenario.hpp"

namespace attachsim::scenario {
namespace {

const std::string kData = ATTACHSIM_TEST_DATA;
constexpr std::uint32_t kSixMonths = 183;  // lround(6 * 30.4375)

Scenario parse(const std::string& text) { return parse_scenario(text, "t.toml", kData + "/good"); }

// The message of the ScenarioError that parsing `text` throws.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ScenarioError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw something other than ScenarioError: " << e.what();
    return {};
  }
  ADD_FAILURE() << "did not throw for:\n" << text;
  return {};
}

// A message's parts: "name:line:column: key: problem; allowed: ...".
struct Parsed {
  std::string file;
  int line = 0, column = 0;
  std::string rest;
};
Parsed split_message(const std::string& message) {
  static const std::regex form(R"(^([^:]+):([0-9]+):([0-9]+): (.*)$)");
  std::smatch m;
  Parsed p;
  if (!std::regex_match(message, m, form)) {
    ADD_FAILURE() << "not 'file:line:column: ...': " << message;
    return p;
  }
  p.file = m[1];
  p.line = std::stoi(m[2]);
  p.column = std::stoi(m[3]);
  p.rest = m[4];
  return p;
}

// Checks the whole form of an error: t.toml, the line, the key first, "allowed:" and a fragment.
void expect_error(const std::string& text, int line, const std::string& key, const std::string& fragment) {
  const std::string message = error_of(text);
  SCOPED_TRACE(message);
  const Parsed p = split_message(message);
  EXPECT_EQ(p.file, "t.toml");
  EXPECT_EQ(p.line, line);
  EXPECT_GE(p.column, 1);
  if (!key.empty()) {
    EXPECT_EQ(p.rest.rfind(key + ": ", 0), 0u) << "the message should start with the key " << key;
  }
  EXPECT_NE(p.rest.find("allowed: "), std::string::npos);
  EXPECT_NE(p.rest.find(fragment), std::string::npos) << "missing: " << fragment;
}

double fixed_value(const Settings& settings, Param p) {
  for (const ParameterSetting& s : settings)
    if (s.parameter == p) {
      EXPECT_FALSE(s.value.varies());
      return s.value.value;
    }
  ADD_FAILURE() << "no setting of " << info(p).name;
  return -1;
}

const ParameterSetting* setting_of(const Settings& settings, Param p) {
  for (const ParameterSetting& s : settings)
    if (s.parameter == p) return &s;
  return nullptr;
}

// ---- what is read ---------------------------------------------------------------------------------

TEST(ScenarioLoader, EmptyFileIsTheDefaultScenario) {
  const Scenario s = parse("");
  EXPECT_EQ(s.run.dyads, 10000u);
  EXPECT_EQ(s.run.days, 548u);
  EXPECT_EQ(s.run.seed, 1u);
  ASSERT_EQ(s.subgroups.size(), 1u);
  EXPECT_EQ(s.subgroups[0].name, "all");
  EXPECT_EQ(s.subgroups[0].share, 1.0);
  EXPECT_TRUE(s.parameters.empty());
  EXPECT_TRUE(s.events.empty());
  EXPECT_FALSE(s.sweep.present);
  EXPECT_FALSE(s.variant.present);
  EXPECT_EQ(s.output.record_every_days, 7u);
  EXPECT_TRUE(s.output.dyads);
  // The default assessment: the primary caregiver at 12 months.
  const std::vector<EventSpec> timeline = s.timeline();
  ASSERT_EQ(timeline.size(), 1u);
  EXPECT_EQ(timeline[0].kind, EventKind::Assessment);
  EXPECT_EQ(timeline[0].slot, kPrimarySlot);
  EXPECT_EQ(timeline[0].days, std::vector<std::uint32_t>{365});
}

TEST(ScenarioLoader, DefaultAssessmentIsAtTheEndOfAShortRun) {
  const Scenario s = parse("[run]\ndays = 200\n");
  EXPECT_EQ(s.timeline().at(0).days, std::vector<std::uint32_t>{200});
}

TEST(ScenarioLoader, RunSettings) {
  Scenario s = parse("[run]\ndyads = 1234\nmonths = 6\nseed = 99\n");
  EXPECT_EQ(s.run.dyads, 1234u);
  EXPECT_EQ(s.run.days, kSixMonths);
  EXPECT_EQ(s.run.seed, 99u);
  s = parse("[run]\ndays = 40\n[output]\nrecord_every_days = 3\ndyads = false\n");
  EXPECT_EQ(s.run.days, 40u);
  EXPECT_EQ(s.output.record_every_days, 3u);
  EXPECT_FALSE(s.output.dyads);
  // A whole number written as a float is accepted where an integer is needed.
  EXPECT_EQ(parse("[run]\ndyads = 500.0\n").run.dyads, 500u);
}

TEST(ScenarioLoader, Meta) {
  const Scenario s = parse("[meta]\nname = \"N\"\nsummary = \"S\"\nlesson = \"\"\"\nL1\nL2\"\"\"\n");
  EXPECT_EQ(s.meta.name, "N");
  EXPECT_EQ(s.meta.summary, "S");
  EXPECT_EQ(s.meta.lesson, "L1\nL2");
}

TEST(ScenarioLoader, DottedNestedAndQuotedParameterKeysAreEqual) {
  const Scenario dotted = parse("[parameters]\nprimary.sensitivity = 0.61\ninfant.reactivity = 0.3\n");
  const Scenario nested =
      parse("[parameters.primary]\nsensitivity = 0.61\n[parameters.infant]\nreactivity = 0.3\n");
  const Scenario quoted = parse("[parameters]\n\"primary.sensitivity\" = 0.61\n\"infant.reactivity\" = 0.3\n");
  const Scenario inline_table = parse("[parameters]\nprimary = { sensitivity = 0.61 }\ninfant = { reactivity = 0.3 }\n");
  for (const Scenario* s : {&dotted, &nested, &quoted, &inline_table}) {
    ASSERT_EQ(s->parameters.size(), 2u);
    EXPECT_EQ(fixed_value(s->parameters, Param::primary_sensitivity), 0.61);
    EXPECT_EQ(fixed_value(s->parameters, Param::infant_reactivity), 0.3);
  }
}

TEST(ScenarioLoader, SettingsRememberTheirPlace) {
  const Scenario s = parse("[parameters]\n\nprimary.sensitivity = 0.61\n");
  ASSERT_EQ(s.parameters.size(), 1u);
  EXPECT_EQ(s.parameters[0].where.file, "t.toml");
  EXPECT_EQ(s.parameters[0].where.line, 3);
  EXPECT_EQ(s.parameters[0].where.column, 23);
  EXPECT_EQ(s.parameters[0].where.text(), "t.toml:3:23");
}

TEST(ScenarioLoader, Distributions) {
  const Scenario s = parse(R"([parameters]
primary.sensitivity = { dist = "normal", mean = 0.5, sd = 0.1 }
primary.consistency = { dist = "normal", mean = 0.7, sd = 0.2, min = 0.4, max = 0.9, strata = 5 }
primary.rejection = { dist = "uniform", min = 0.1, max = 0.3 }
primary.hours = { dist = "beta", alpha = 2, beta = 3 }
primary.frightening = { dist = "fixed", value = 0.02 }
infant.episodes_per_day = { dist = "categorical", values = [6, 8, 10], weights = [1, 2, 1] }
)");
  using K = Distribution::Kind;
  const Distribution& normal = setting_of(s.parameters, Param::primary_sensitivity)->value;
  EXPECT_EQ(normal.kind, K::Normal);
  EXPECT_EQ(normal.mean, 0.5);
  EXPECT_EQ(normal.sd, 0.1);
  EXPECT_EQ(normal.min, 0.0);  // the parameter's range
  EXPECT_EQ(normal.max, 1.0);
  EXPECT_EQ(normal.strata, 10);
  const Distribution& truncated = setting_of(s.parameters, Param::primary_consistency)->value;
  EXPECT_EQ(truncated.min, 0.4);
  EXPECT_EQ(truncated.max, 0.9);
  EXPECT_EQ(truncated.strata, 5);
  const Distribution& uniform = setting_of(s.parameters, Param::primary_rejection)->value;
  EXPECT_EQ(uniform.kind, K::Uniform);
  EXPECT_EQ(uniform.min, 0.1);
  EXPECT_EQ(uniform.max, 0.3);
  const Distribution& beta = setting_of(s.parameters, Param::primary_hours)->value;
  EXPECT_EQ(beta.kind, K::Beta);
  EXPECT_EQ(beta.alpha, 2);
  EXPECT_EQ(beta.beta, 3);
  EXPECT_EQ(beta.min, 0.0);  // beta defaults to 0..1
  EXPECT_EQ(beta.max, 1.0);
  const Distribution& fixed = setting_of(s.parameters, Param::primary_frightening)->value;
  EXPECT_FALSE(fixed.varies());
  EXPECT_EQ(fixed.value, 0.02);
  const Distribution& categorical = setting_of(s.parameters, Param::infant_episodes_per_day)->value;
  EXPECT_EQ(categorical.kind, K::Categorical);
  EXPECT_EQ(categorical.values, (std::vector<double>{6, 8, 10}));
  EXPECT_EQ(categorical.weights, (std::vector<double>{1, 2, 1}));
}

TEST(ScenarioLoader, Subgroups) {
  const Scenario s = parse(R"([parameters]
primary.sensitivity = 0.6

[[subgroup]]
name = "low risk"
share = 0.7

[[subgroup]]
name = "high risk"
share = 0.3
[subgroup.parameters]
primary.risk = 3.5
primary.sensitivity = { dist = "normal", mean = 0.5, sd = 0.08 }
)");
  ASSERT_EQ(s.subgroups.size(), 2u);
  EXPECT_EQ(s.subgroups[0].name, "low risk");
  EXPECT_EQ(s.subgroups[0].share, 0.7);
  EXPECT_TRUE(s.subgroups[0].parameters.empty());
  EXPECT_EQ(s.subgroups[1].name, "high risk");
  EXPECT_EQ(s.subgroups[1].share, 0.3);
  ASSERT_EQ(s.subgroups[1].parameters.size(), 2u);
  EXPECT_EQ(fixed_value(s.subgroups[1].parameters, Param::primary_risk), 3.5);
  EXPECT_EQ(setting_of(s.subgroups[1].parameters, Param::primary_sensitivity)->value.kind,
            Distribution::Kind::Normal);
  EXPECT_EQ(fixed_value(s.parameters, Param::primary_sensitivity), 0.6);
}

TEST(ScenarioLoader, EveryEventKindAndItsFields) {
  const Scenario s = parse(R"([run]
months = 24

[[event]]
kind = "assessment"
age_months = 12
caregiver = "secondary"

[[event]]
id = "help"
kind = "intervention"
age_months = 6
sessions = 12
caregiver = "primary"

[[event]]
kind = "placement"
age_months = 7
caregiver = "primary"
role = "institution"

[[event]]
kind = "daycare_entry"
age_months = 8

[[event]]
kind = "loss"
age_months = 9
caregiver = "secondary"

[[event]]
kind = "separation"
age_months = 10
caregiver = "daycare"
days = 21

[[event]]
kind = "depression_onset"
age_months = 11

[[event]]
kind = "depression_remission"
age_months = 13

[[event]]
kind = "set"
age_months = 14
parameters.primary.sensitivity = 0.8
parameters.care = { misreading = 0.05 }
)");
  ASSERT_EQ(s.events.size(), 9u);
  const auto& e = s.events;
  EXPECT_EQ(e[0].kind, EventKind::Assessment);
  EXPECT_EQ(e[0].slot, kSecondarySlot);
  EXPECT_EQ(e[0].days, std::vector<std::uint32_t>{365});
  EXPECT_EQ(e[1].kind, EventKind::Intervention);
  EXPECT_EQ(e[1].id, "help");
  EXPECT_EQ(e[1].sessions, 12);
  EXPECT_EQ(e[1].slot, kPrimarySlot);
  EXPECT_EQ(e[1].days, std::vector<std::uint32_t>{kSixMonths});
  EXPECT_EQ(e[2].kind, EventKind::Placement);
  EXPECT_EQ(e[2].role, CaregiverRole::Institution);
  EXPECT_EQ(e[3].kind, EventKind::DaycareEntry);
  EXPECT_EQ(e[3].slot, kDaycareSlot);
  EXPECT_EQ(e[3].role, CaregiverRole::Daycare);
  EXPECT_EQ(e[4].kind, EventKind::Loss);
  EXPECT_EQ(e[4].slot, kSecondarySlot);
  EXPECT_EQ(e[5].kind, EventKind::Separation);
  EXPECT_EQ(e[5].slot, kDaycareSlot);
  EXPECT_EQ(e[5].separation_days, 21);
  EXPECT_EQ(e[6].kind, EventKind::DepressionOnset);
  EXPECT_EQ(e[6].slot, kPrimarySlot);
  EXPECT_EQ(e[7].kind, EventKind::DepressionRemission);
  EXPECT_EQ(e[8].kind, EventKind::Set);
  ASSERT_EQ(e[8].set.size(), 2u);
  std::vector<std::pair<Param, double>> set = e[8].set;
  std::sort(set.begin(), set.end());
  EXPECT_EQ(set[0], std::make_pair(Param::care_misreading, 0.05));
  EXPECT_EQ(set[1], std::make_pair(Param::primary_sensitivity, 0.8));
  // Defaults, serials in file order, and every event "all" without a target.
  EXPECT_EQ(e[2].slot, kPrimarySlot);
  for (std::size_t i = 0; i < e.size(); ++i) {
    EXPECT_EQ(e[i].serial, i);
    EXPECT_TRUE(e[i].target.everyone());
    EXPECT_EQ(e[i].where.file, "t.toml");
  }
  EXPECT_EQ(e[0].where.line, 4);
  for (const char* name : {"assessment", "intervention", "placement", "daycare_entry", "loss", "separation",
                           "depression_onset", "depression_remission", "set"})
    EXPECT_NE(std::find_if(e.begin(), e.end(), [&](const EventSpec& x) { return event_kind_name(x.kind) == std::string(name); }),
              e.end())
        << name;
}

TEST(ScenarioLoader, EventDefaults) {
  const Scenario s = parse(R"([[event]]
kind = "intervention"
age_months = 6
[[event]]
kind = "placement"
age_months = 6
[[event]]
kind = "separation"
age_months = 6
)");
  EXPECT_EQ(s.events[0].sessions, 8);
  EXPECT_EQ(s.events[0].slot, kPrimarySlot);
  EXPECT_EQ(s.events[1].role, CaregiverRole::Primary);
  EXPECT_EQ(s.events[2].separation_days, 7);
}

TEST(ScenarioLoader, Targets) {
  const Scenario s = parse(R"([[subgroup]]
name = "low"
share = 0.5
[[subgroup]]
name = "high"
share = 0.5

[[event]]
kind = "assessment"
age_months = 3

[[event]]
kind = "intervention"
age_months = 4
target = "all"

[[event]]
kind = "intervention"
age_months = 4
target = { share = 0.3 }

[[event]]
kind = "intervention"
age_months = 4
target = { subgroup = "high", last_class = "insecure", share = 0.5 }

[[event]]
kind = "intervention"
age_months = 4
target = { last_class = "secure" }

[[event]]
kind = "intervention"
age_months = 4
target = { last_class = ["A", "D"] }

[[event]]
kind = "intervention"
age_months = 4
target = { sensitivity_below = 0.45 }
)");
  ASSERT_EQ(s.events.size(), 7u);
  EXPECT_TRUE(s.events[1].target.everyone());
  EXPECT_EQ(s.events[2].target.share, 0.3);
  EXPECT_FALSE(s.events[2].target.everyone());
  const Target& both = s.events[3].target;
  EXPECT_EQ(both.subgroups, std::vector<std::string>{"high"});
  EXPECT_EQ(both.share, 0.5);
  EXPECT_EQ(both.last_class, (std::vector<Class4>{Class4::A, Class4::C, Class4::D, Class4::CC}));
  EXPECT_EQ(s.events[4].target.last_class, std::vector<Class4>{Class4::B});
  EXPECT_EQ(s.events[5].target.last_class, (std::vector<Class4>{Class4::A, Class4::D}));
  EXPECT_EQ(s.events[6].target.sensitivity_below, 0.45);
  EXPECT_TRUE(s.events[6].target.subgroups.empty());
}

TEST(ScenarioLoader, AgesInMonthsWeeksDaysAndLists) {
  const Scenario s = parse(R"([run]
months = 24
[[event]]
kind = "assessment"
age_months = [18, 12, 12]
[[event]]
kind = "loss"
age_weeks = 3
[[event]]
kind = "loss"
age_days = [100, 10]
[[event]]
kind = "loss"
age_months = 0.5
)");
  EXPECT_EQ(s.events[0].days, (std::vector<std::uint32_t>{365, 548}));  // sorted, duplicates dropped
  EXPECT_EQ(s.events[1].days, std::vector<std::uint32_t>{21});
  EXPECT_EQ(s.events[2].days, (std::vector<std::uint32_t>{10, 100}));
  EXPECT_EQ(s.events[3].days, std::vector<std::uint32_t>{15});  // lround(15.22)
}

TEST(ScenarioLoader, AssessmentMayBeOnTheLastDayOtherEventsNot) {
  EXPECT_EQ(parse("[run]\ndays = 50\n[[event]]\nkind = \"assessment\"\nage_days = 50\n").events[0].days,
            std::vector<std::uint32_t>{50});
  expect_error("[run]\ndays = 50\n[[event]]\nkind = \"loss\"\nage_days = 50\n", 5, "event.loss.age_days",
               "past the end of the run");
}

TEST(ScenarioLoader, SweepGridRangeAndAxesInFileOrder) {
  const Scenario s = parse(R"([[event]]
id = "help"
kind = "intervention"
age_months = 6

[sweep]
replicates = 3
seed = 42
common_random_numbers = true

[sweep.axes]
primary.sensitivity = [0.4, 0.5, 0.6]
event.help.sessions = { from = 2, to = 10, steps = 3 }
infant.reactivity = { from = 0.2, to = 0.8, steps = 4 }
care.consistency_block = { from = 1, to = 4, steps = 3 }
)");
  EXPECT_TRUE(s.sweep.present);
  EXPECT_EQ(s.sweep.replicates, 3u);
  EXPECT_EQ(s.sweep.seed, 42u);
  EXPECT_TRUE(s.sweep.common_random_numbers);
  EXPECT_FALSE(s.sweep.latin_hypercube);
  ASSERT_EQ(s.sweep.axes.size(), 4u);
  // File order, not the alphabetical order TOML tables come back in.
  EXPECT_EQ(s.sweep.axes[0].name, "primary.sensitivity");
  EXPECT_EQ(s.sweep.axes[1].name, "event.help.sessions");
  EXPECT_EQ(s.sweep.axes[2].name, "infant.reactivity");
  EXPECT_EQ(s.sweep.axes[3].name, "care.consistency_block");
  EXPECT_EQ(s.sweep.axes[0].parameter, Param::primary_sensitivity);
  EXPECT_EQ(s.sweep.axes[0].values, (std::vector<double>{0.4, 0.5, 0.6}));
  EXPECT_FALSE(s.sweep.axes[0].range);
  EXPECT_FALSE(s.sweep.axes[1].parameter);
  EXPECT_EQ(s.sweep.axes[1].event_id, "help");
  EXPECT_EQ(s.sweep.axes[1].field, "sessions");
  EXPECT_EQ(s.sweep.axes[1].values, (std::vector<double>{2, 6, 10}));
  EXPECT_TRUE(s.sweep.axes[2].range);
  ASSERT_EQ(s.sweep.axes[2].values.size(), 4u);
  EXPECT_DOUBLE_EQ(s.sweep.axes[2].values[0], 0.2);
  EXPECT_DOUBLE_EQ(s.sweep.axes[2].values[1], 0.4);
  EXPECT_DOUBLE_EQ(s.sweep.axes[2].values[3], 0.8);
  EXPECT_EQ(s.sweep.axes[3].values, (std::vector<double>{1, 3, 4}));  // 2.5 rounds for an integer row
}

TEST(ScenarioLoader, AxesInNestedTablesKeepFileOrder) {
  const Scenario s = parse(R"([sweep.axes.primary]
sensitivity = [0.4, 0.6]
[sweep.axes.infant]
reactivity = [0.3, 0.5]
[sweep.axes.care]
misreading = [0.1, 0.2]
)");
  ASSERT_EQ(s.sweep.axes.size(), 3u);
  EXPECT_EQ(s.sweep.axes[0].name, "primary.sensitivity");
  EXPECT_EQ(s.sweep.axes[1].name, "infant.reactivity");
  EXPECT_EQ(s.sweep.axes[2].name, "care.misreading");
}

TEST(ScenarioLoader, LatinHypercube) {
  const Scenario s = parse(R"([sweep]
design = "latin_hypercube"
samples = 7
[sweep.axes]
primary.sensitivity = { from = 0.3, to = 0.8 }
)");
  EXPECT_TRUE(s.sweep.latin_hypercube);
  EXPECT_EQ(s.sweep.samples, 7u);
  ASSERT_EQ(s.sweep.axes.size(), 1u);
  EXPECT_TRUE(s.sweep.axes[0].range);
  EXPECT_EQ(s.sweep.axes[0].from, 0.3);
  EXPECT_EQ(s.sweep.axes[0].to, 0.8);
  EXPECT_EQ(s.sweep.replicates, 1u);
  EXPECT_FALSE(s.sweep.seed);
}

TEST(ScenarioLoader, Variant) {
  const Scenario s = parse(R"([[event]]
id = "help"
kind = "intervention"
age_months = 6

[[event]]
kind = "assessment"
age_months = 12

[variant]
name = "more help"
parameters.primary.sensitivity = { dist = "uniform", min = 0.5, max = 0.9 }

[[variant.event]]
id = "help"
kind = "intervention"
age_months = 3
sessions = 20

[[variant.event]]
kind = "loss"
age_months = 9
)");
  EXPECT_TRUE(s.variant.present);
  EXPECT_EQ(s.variant.name, "more help");
  ASSERT_EQ(s.variant.parameters.size(), 1u);
  EXPECT_EQ(s.variant.parameters[0].value.kind, Distribution::Kind::Uniform);
  ASSERT_EQ(s.variant.events.size(), 2u);
  EXPECT_EQ(s.variant.events[0].sessions, 20);
  // A variant event that replaces a baseline event keeps its serial (the same draws).
  EXPECT_EQ(s.variant.events[0].serial, s.events[0].serial);
  EXPECT_NE(s.variant.events[1].serial, s.events[1].serial);
  EXPECT_GE(s.variant.events[1].serial, 1u << 20);
}

TEST(ScenarioLoader, VariantDefaultName) {
  const Scenario s = parse("[variant]\nparameters.primary.sensitivity = 0.7\n");
  EXPECT_EQ(s.variant.name, "variant");
}

// ---- bases ----------------------------------------------------------------------------------------

TEST(ScenarioLoader, ExtensionMergesTheBase) {
  const Scenario s = load_scenario(kData + "/good/extension.toml");
  EXPECT_EQ(s.path, kData + "/good/extension.toml");
  // [meta] replaced, the base's name kept when the extension has none.
  EXPECT_EQ(s.meta.name, "base name");
  EXPECT_EQ(s.meta.summary, "extension summary");
  EXPECT_EQ(s.meta.lesson, "");
  // [run] merged key by key.
  EXPECT_EQ(s.run.dyads, 400u);
  EXPECT_EQ(s.run.days, 304u);  // lround(10 * 30.4375)
  EXPECT_EQ(s.run.seed, 7u);
  // [parameters] merged key by key, the extension winning.
  ASSERT_EQ(s.parameters.size(), 2u);
  EXPECT_EQ(fixed_value(s.parameters, Param::primary_sensitivity), 0.7);
  EXPECT_EQ(fixed_value(s.parameters, Param::infant_reactivity), 0.4);
  // [[subgroup]] replaced as a whole.
  ASSERT_EQ(s.subgroups.size(), 2u);
  EXPECT_EQ(s.subgroups[0].name, "a");
  EXPECT_EQ(s.subgroups[0].share, 0.25);
  EXPECT_EQ(s.subgroups[1].name, "c");
  // [[event]] appended, the event with the base's id replaced in place.
  ASSERT_EQ(s.events.size(), 3u);
  EXPECT_EQ(s.events[0].kind, EventKind::Assessment);
  EXPECT_EQ(s.events[1].id, "help");
  EXPECT_EQ(s.events[1].sessions, 3);
  EXPECT_EQ(s.events[1].days, std::vector<std::uint32_t>{152});  // 5 months
  EXPECT_EQ(s.events[1].target.subgroups, std::vector<std::string>{"c"});
  EXPECT_EQ(s.events[2].kind, EventKind::Loss);
  EXPECT_EQ(s.events[2].slot, kSecondarySlot);
  // Places point into the file each value came from.
  EXPECT_NE(s.events[0].where.file.find("base.toml"), std::string::npos);
  EXPECT_NE(s.events[2].where.file.find("extension.toml"), std::string::npos);
  // The text holds the base first.
  EXPECT_LT(s.text.find("base lesson"), s.text.find("extension summary"));
}

TEST(ScenarioLoader, ChainOfBasesAndTheMetaRule) {
  const Scenario s = load_scenario(kData + "/good/chain.toml");
  EXPECT_EQ(s.meta.name, "base name");
  EXPECT_EQ(s.meta.summary, "");  // the extension's meta is replaced by the chain's
  EXPECT_EQ(s.meta.lesson, "chain lesson");
  EXPECT_EQ(s.run.seed, 7u);
  EXPECT_EQ(s.events.size(), 3u);
}

TEST(ScenarioLoader, BaseFromTextResolvesAgainstTheDirectory) {
  const Scenario s = parse("base = \"base.toml\"\n[meta]\nname = \"own\"\n[[event]]\nkind = \"loss\"\nage_months = 2\n");
  EXPECT_EQ(s.meta.name, "own");
  EXPECT_EQ(s.meta.lesson, "");
  EXPECT_EQ(s.run.dyads, 400u);
  ASSERT_EQ(s.subgroups.size(), 2u);
  EXPECT_EQ(s.subgroups[1].name, "b");
  ASSERT_EQ(s.events.size(), 3u);
  EXPECT_EQ(s.events[2].kind, EventKind::Loss);
}

TEST(ScenarioLoader, NoMetaInTheExtensionKeepsTheBaseMeta) {
  const Scenario s = parse("base = \"base.toml\"\n[run]\ndyads = 10\n");
  EXPECT_EQ(s.meta.name, "base name");
  EXPECT_EQ(s.meta.lesson, "base lesson");
  EXPECT_EQ(s.run.dyads, 10u);
}

TEST(ScenarioLoader, MissingAndCircularBases) {
  const std::string missing = error_of("base = \"nowhere.toml\"\n");
  EXPECT_EQ(missing.rfind("t.toml:1:8: ", 0), 0u) << missing;
  EXPECT_NE(missing.find("no such file"), std::string::npos) << missing;
  try {
    load_scenario(kData + "/bad/circular_base.toml");
    ADD_FAILURE() << "a circular base was accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("circular"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("circular_partner.toml:2:8: base: "), std::string::npos) << e.what();
  }
  try {
    load_scenario(kData + "/bad/no-such-file.toml");
    ADD_FAILURE() << "a missing file was accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("no such file"), std::string::npos) << e.what();
  }
}

// ---- errors: "name:line:column: key: what is wrong; allowed: ..." ----------------------------------

TEST(ScenarioLoaderErrors, MalformedToml) {
  expect_error("[run]\ndyads = 3\nseed = = 4\n", 3, "", "malformed TOML");
  expect_error("[run\n", 1, "", "malformed TOML");
}

TEST(ScenarioLoaderErrors, UnknownKeysSuggestTheNearest) {
  expect_error("\n[rnu]\ndyads = 3\n", 2, "rnu", "did you mean 'run'?");
  expect_error("[run]\nmonths = 6\nsed = 3\n", 3, "run.sed", "did you mean 'seed'?");
  expect_error("[output]\nrecord_every = 3\n", 2, "output.record_every", "did you mean 'record_every_days'?");
  expect_error("[[event]]\nkind = \"intervention\"\nage_months = 6\nsesions = 3\n", 4,
               "event.intervention.sesions", "did you mean 'sessions'?");
  expect_error("[[event]]\nkind = \"assessment\"\nage_months = 6\ntarget = \"all\"\n", 4,
               "event.assessment.target", "unknown key");
  expect_error("[[event]]\nkind = \"loss\"\nage_months = 6\ntarget = { shar = 0.5 }\n", 4,
               "event.loss.target.shar", "did you mean 'share'?");
  expect_error("[sweep]\nreplicate = 3\n", 2, "sweep.replicate", "did you mean 'replicates'?");
  expect_error("[[subgroup]]\nname = \"a\"\nshare = 1\nparametrs = 3\n", 4, "subgroup.parametrs", "did you mean 'parameters'?");
}

TEST(ScenarioLoaderErrors, UnknownParameterSuggestsTheNearest) {
  expect_error("[parameters]\nprimary.sensitivty = 0.6\n", 2, "parameters.primary.sensitivty",
               "unknown parameter 'primary.sensitivty'; did you mean 'primary.sensitivity'?");
  expect_error("[parameters.primary]\n\nsensitivty = 0.6\n", 3, "parameters.primary.sensitivty",
               "did you mean 'primary.sensitivity'?");
  expect_error("[[subgroup]]\nname = \"a\"\nshare = 1\nparameters.infant.reactivty = 0.5\n", 4,
               "subgroup.a.parameters.infant.reactivty", "did you mean 'infant.reactivity'?");
  expect_error("[variant]\nparameters.primary.sensitivty = 0.6\n", 2, "variant.parameters.primary.sensitivty",
               "did you mean");
}

TEST(ScenarioLoaderErrors, WrongTypes) {
  expect_error("[parameters]\nprimary.sensitivity = \"high\"\n", 2, "parameters.primary.sensitivity",
               "expected a number, found a string");
  expect_error("[run]\ndyads = \"many\"\n", 2, "run.dyads", "expected a whole number, found a string");
  expect_error("[meta]\nname = 3\n", 2, "meta.name", "expected a string, found an integer");
  expect_error("[output]\ndyads = 1\n", 2, "output.dyads", "expected true or false");
  expect_error("run = 3\n", 1, "run", "expected a table, found an integer");
  expect_error("[parameters]\nprimary.sensitivity = true\n", 2, "parameters.primary.sensitivity",
               "expected a number, found a boolean");
}

TEST(ScenarioLoaderErrors, OutOfRange) {
  expect_error("[parameters]\nprimary.sensitivity = 1.5\n", 2, "parameters.primary.sensitivity", "1.5 is out of range");
  expect_error("[run]\ndyads = 0\n", 2, "run.dyads", "0 is out of range; allowed: from 1 to 50000000");
  expect_error("[run]\nmonths = -2\n", 2, "run.months", "out of range");
  expect_error("[run]\nmonths = 3000\n", 2, "run.months", "out of range");
  expect_error("[run]\nseed = -1\n", 2, "run.seed", "out of range");
  expect_error("[output]\nrecord_every_days = 400\n", 2, "output.record_every_days", "out of range");
  expect_error("[[event]]\nkind = \"intervention\"\nage_months = 6\nsessions = 256\n", 4,
               "event.intervention.sessions", "256 is out of range; allowed: from 1 to 255");
  expect_error("[[event]]\nkind = \"separation\"\nage_months = 6\ndays = 0\n", 4, "event.separation.days",
               "out of range");
  expect_error("[sweep]\nreplicates = 0\n", 2, "sweep.replicates", "out of range");
  expect_error("[parameters]\nprimary.sensitivity = { dist = \"normal\", mean = 0.5, sd = 0.1, strata = 1 }\n", 2,
               "parameters.primary.sensitivity.strata", "out of range");
  expect_error("[parameters]\nprimary.sensitivity = { dist = \"normal\", mean = 1.2, sd = 0.1 }\n", 2,
               "parameters.primary.sensitivity.mean", "out of range");
  expect_error("[[subgroup]]\nname = \"a\"\nshare = 1.2\n", 3, "subgroup.a.share", "out of range");
}

TEST(ScenarioLoaderErrors, NanAndInfinity) {
  expect_error("[parameters]\nprimary.sensitivity = nan\n", 2, "parameters.primary.sensitivity", "not a finite number");
  expect_error("[parameters]\nprimary.sensitivity = -inf\n", 2, "parameters.primary.sensitivity", "not a finite number");
  expect_error("[run]\nmonths = inf\n", 2, "run.months", "not a finite number");
  expect_error("[run]\ndyads = nan\n", 2, "run.dyads", "expected a whole number");
  expect_error("[sweep.axes]\nprimary.sensitivity = [0.4, nan]\n", 2, "sweep.axes.primary.sensitivity",
               "not a finite number");
}

TEST(ScenarioLoaderErrors, NonIntegerWhereAWholeNumberIsNeeded) {
  expect_error("[parameters]\ninfant.episodes_per_day = 7.5\n", 2, "parameters.infant.episodes_per_day",
               "not a whole number");
  expect_error("[run]\ndyads = 10.5\n", 2, "run.dyads", "expected a whole number");
  expect_error("[sweep.axes]\ncare.consistency_block = [1, 2.5]\n", 2, "sweep.axes.care.consistency_block",
               "not a whole number");
}

TEST(ScenarioLoaderErrors, ContinuousDistributionOnAnIntegerParameter) {
  for (const char* dist : {"{ dist = \"normal\", mean = 8, sd = 2 }", "{ dist = \"uniform\", min = 4, max = 12 }",
                           "{ dist = \"beta\", alpha = 2, beta = 2, min = 4, max = 12 }"})
    expect_error(std::string("[parameters]\n\ninfant.episodes_per_day = ") + dist + "\n", 3,
                 "parameters.infant.episodes_per_day", "takes whole numbers");
  // A categorical distribution of whole numbers is fine; of fractions it is not.
  EXPECT_NO_THROW(parse("[parameters]\ninfant.episodes_per_day = { dist = \"categorical\", values = [6, 8], weights = [1, 1] }\n"));
  expect_error("[parameters]\ninfant.episodes_per_day = { dist = \"categorical\", values = [6, 8.5], weights = [1, 1] }\n",
               2, "parameters.infant.episodes_per_day.values", "whole number");
}

TEST(ScenarioLoaderErrors, BadDistributions) {
  expect_error("[parameters]\nprimary.sensitivity = { dist = \"gaussian\", mean = 0.5, sd = 0.1 }\n", 2,
               "parameters.primary.sensitivity.dist", "unknown distribution 'gaussian'; did you mean 'normal'?");
  expect_error("[parameters]\nprimary.sensitivity = { dist = \"normal\", mean = 0.5 }\n", 2,
               "parameters.primary.sensitivity", "needs 'sd'");
  expect_error("[parameters]\nprimary.sensitivity = { dist = \"uniform\", min = 0.5, max = 0.6, mean = 0.1 }\n", 2,
               "parameters.primary.sensitivity.mean", "unknown key");
  expect_error("[parameters]\nprimary.sensitivity = { dist = \"uniform\", min = 0.7, max = 0.6 }\n", 2,
               "parameters.primary.sensitivity.max", "below min");
  expect_error("[parameters]\nprimary.sensitivity = { dist = \"categorical\", values = [0.2, 0.4], weights = [1] }\n",
               2, "parameters.primary.sensitivity.weights", "as long as values");
  expect_error("[parameters]\nprimary.sensitivity = { dist = \"categorical\", values = [0.2], weights = [0] }\n", 2,
               "parameters.primary.sensitivity.weights", "all zero");
}

TEST(ScenarioLoaderErrors, Events) {
  expect_error("[[event]]\nkind = \"intervnetion\"\nage_months = 6\n", 2, "event.kind",
               "unknown event kind 'intervnetion'; did you mean 'intervention'?");
  expect_error("[[event]]\nage_months = 6\n", 1, "event", "has no kind");
  expect_error("[[event]]\nkind = \"loss\"\n", 1, "event.loss", "has no age");
  expect_error("[[event]]\nkind = \"loss\"\nage_months = 6\nage_days = 3\n", 4, "event.loss.age_days",
               "the age is given twice");
  expect_error("[[event]]\nkind = \"loss\"\nage_months = []\n", 3, "event.loss.age_months", "an empty list");
  expect_error("[[event]]\nkind = \"assessment\"\nage_months = 6\ncaregiver = \"mother\"\n", 4,
               "event.assessment.caregiver", "unknown caregiver 'mother'");
  expect_error("[[event]]\nkind = \"placement\"\nage_months = 6\nrole = \"foster\"\n", 4, "event.placement.role",
               "unknown role 'foster'");
  expect_error("[run]\nmonths = 12\n[[event]]\nkind = \"loss\"\nage_months = [6, 13]\n", 5, "event.loss.age_months",
               "past the end of the run");
  expect_error("[[event]]\nkind = \"loss\"\nage_days = 0\n", 3, "event.loss.age_days", "not after birth");
  expect_error("[[event]]\nkind = \"loss\"\nage_weeks = -1\n", 3, "event.loss.age_weeks", "-1 is not after birth");
  expect_error("[[event]]\nkind = \"loss\"\nage_months = 0.01\n", 3, "event.loss.age_months", "not after birth");
  expect_error("[[event]]\nid = \"a b\"\nkind = \"loss\"\nage_months = 3\n", 2, "event.loss.id", "not a plain name");
  expect_error("[[event]]\nid = \"x\"\nkind = \"loss\"\nage_months = 3\n[[event]]\nid = \"x\"\nkind = \"loss\"\nage_months = 4\n",
               6, "event.loss.id", "'x' is used twice");
  expect_error("[[event]]\nkind = \"set\"\nage_months = 3\n", 1, "event.set", "changes nothing");
  expect_error("[[event]]\nkind = \"set\"\nage_months = 3\nparameters.primary.sensitivity = { dist = \"normal\", mean = 0.5, sd = 0.1 }\n",
               4, "event.set.parameters.primary.sensitivity", "a distribution is not allowed here");
  expect_error("[[event]]\nkind = \"loss\"\nage_months = 3\ntarget = \"some\"\n", 4, "event.loss.target",
               "unknown target 'some'");
  expect_error("event = 3\n", 1, "event", "expected [[event]] tables");
}

TEST(ScenarioLoaderErrors, SubgroupsAndTargets) {
  expect_error("[[subgroup]]\nname = \"a\"\nshare = 0.5\n[[subgroup]]\nname = \"b\"\nshare = 0.3\n", 1, "subgroup",
               "the shares sum to 0.8");
  expect_error("[[subgroup]]\nname = \"a\"\nshare = 0.5\n[[subgroup]]\nname = \"a\"\nshare = 0.5\n", 5,
               "subgroup.name", "'a' is used twice");
  expect_error("[[subgroup]]\nshare = 1\n", 1, "subgroup", "has no name");
  expect_error("[[subgroup]]\nname = \"a\"\n", 1, "subgroup.a", "has no share");
  expect_error("[[subgroup]]\nname = \"a,b\"\nshare = 1\n", 2, "subgroup.name", "comma");
  expect_error("[[subgroup]]\nname = \"low\"\nshare = 1\n[[event]]\nkind = \"loss\"\nage_months = 3\ntarget = { subgroup = \"lwo\" }\n",
               7, "event.loss.target.subgroup", "unknown subgroup 'lwo'; did you mean 'low'?");
  expect_error("[[event]]\nkind = \"intervention\"\nage_months = 3\ntarget = { last_class = \"insecure\" }\n", 4,
               "event.intervention.target.last_class", "no assessment before this event");
  // An assessment on the same day is not earlier.
  expect_error("[[event]]\nkind = \"assessment\"\nage_months = 3\n[[event]]\nkind = \"loss\"\nage_months = 3\n"
               "target = { last_class = \"secure\" }\n",
               7, "event.loss.target.last_class", "no assessment before this event");
  expect_error("[[event]]\nkind = \"assessment\"\nage_months = 3\n[[event]]\nkind = \"loss\"\nage_months = 4\n"
               "target = { last_class = [\"A\", \"E\"] }\n",
               7, "event.loss.target.last_class", "unknown class 'E'");
  expect_error("[[event]]\nkind = \"loss\"\nage_months = 3\ntarget = { sensitivity_below = 2 }\n", 4,
               "event.loss.target.sensitivity_below", "out of range");
}

TEST(ScenarioLoaderErrors, Sweeps) {
  expect_error("[sweep.axes]\nprimary.sensitiviti = [0.4, 0.6]\n", 2, "sweep.axes.primary.sensitiviti",
               "unknown parameter 'primary.sensitiviti'; did you mean 'primary.sensitivity'?");
  expect_error("[[event]]\nid = \"help\"\nkind = \"intervention\"\nage_months = 6\n[sweep.axes]\nevent.hlep.age_months = [3]\n",
               6, "sweep.axes.event.hlep.age_months", "no event has id 'hlep'; allowed: help");
  expect_error("[[event]]\nid = \"help\"\nkind = \"intervention\"\nage_months = 6\n[sweep.axes]\nevent.help.sesions = [3]\n",
               6, "sweep.axes.event.help.sesions", "unknown event field 'sesions'; did you mean 'sessions'?");
  expect_error("[[event]]\nid = \"away\"\nkind = \"loss\"\nage_months = 6\n[sweep.axes]\nevent.away.sessions = [3]\n",
               6, "sweep.axes.event.away.sessions", "sessions belongs to an intervention");
  expect_error("[run]\nmonths = 12\n[[event]]\nid = \"help\"\nkind = \"intervention\"\nage_months = 6\n[sweep.axes]\n"
               "event.help.age_months = [3, 13]\n",
               8, "sweep.axes.event.help.age_months", "past the end of the run");
  expect_error("[sweep]\ndesign = \"latin_hypercube\"\nsamples = 4\n[sweep.axes]\nprimary.sensitivity = [0.4, 0.6]\n", 5,
               "sweep.axes.primary.sensitivity", "a Latin hypercube needs ranges");
  expect_error("[sweep.axes]\nprimary.sensitivity = { from = 0.4, to = 0.8 }\n", 2, "sweep.axes.primary.sensitivity",
               "a grid range needs steps");
  expect_error("[sweep.axes]\nprimary.sensitivity = { from = 0.4, to = 1.8, steps = 3 }\n", 2,
               "sweep.axes.primary.sensitivity", "out of range");
  expect_error("[sweep.axes]\nprimary.sensitivity = []\n", 2, "sweep.axes.primary.sensitivity", "an empty list");
  expect_error("[sweep.axes]\nprimary.sensitivity = 0.5\n", 2, "sweep.axes.primary.sensitivity",
               "expected a list or a range");
  expect_error("[sweep]\ndesign = \"random\"\n", 2, "sweep.design", "unknown design 'random'");
  expect_error("[sweep]\nsamples = 4\n", 2, "sweep.samples", "belongs to a Latin hypercube");
  expect_error("[sweep]\nreplicates = 10000\n[sweep.axes]\nprimary.sensitivity = { from = 0, to = 1, steps = 10000 }\n",
               1, "sweep", "runs; allowed: at most 10,000,000");
}

TEST(ScenarioLoaderErrors, Variant) {
  expect_error("[variant]\nname = \"nothing\"\n", 1, "variant", "changes nothing");
  expect_error("[variant]\nnmae = \"x\"\n", 2, "variant.nmae", "did you mean 'name'?");
}

TEST(ScenarioLoaderErrors, RunMonthsAndDaysBoth) {
  expect_error("[run]\nmonths = 3\ndays = 30\n", 3, "run.days", "both run.months and run.days");
}

TEST(ScenarioLoaderErrors, ParameterSetTwice) {
  const std::string message = error_of("[parameters]\nprimary.sensitivity = 0.6\n\"primary.sensitivity\" = 0.7\n");
  const Parsed p = split_message(message);
  EXPECT_EQ(p.line, 3);
  EXPECT_NE(p.rest.find("set twice (also at t.toml:2:23)"), std::string::npos) << message;
  // In TOML itself a key given twice is malformed.
  expect_error("[parameters]\nprimary.sensitivity = 0.6\nprimary.sensitivity = 0.7\n", 3, "", "malformed TOML");
}

// Regression test of a fixed bug (sim/scenario/src/scenario_loader.cpp, Reader::integer_in): a whole float too large for
// int64 (1e300) is cast with static_cast<std::int64_t>, which is undefined behaviour; on x86-64
// it becomes INT64_MIN and the message reads "-9223372036854775808 is out of range".
TEST(ScenarioLoaderErrors, HugeWholeFloatIsReportedAsGiven) {
  const std::string message = error_of("[run]\ndyads = 1e300\n");
  EXPECT_EQ(message.find("-9223372036854775808"), std::string::npos) << message;
  EXPECT_NE(message.find("out of range"), std::string::npos) << message;
  EXPECT_NE(message.find("1e+300"), std::string::npos) << message;
}

// Regression test of a fixed bug (scenario_loader.cpp, ScenarioReader::read_distribution, kind "fixed"): the value is only
// checked against the range (in_range), not with check_value, so a fraction on an integer
// parameter is accepted. It fails later in build_population as a ParameterError (not a
// ScenarioError): `attachsim check` then prints "attachsim: infant.episodes_per_day: 7.5 is not a
// whole number" with no file:line:column, and stops checking the remaining files.
TEST(ScenarioLoaderErrors, FixedDistributionOnAnIntegerParameterNeedsAWholeNumber) {
  expect_error("[parameters]\ninfant.episodes_per_day = { dist = \"fixed\", value = 7.5 }\n", 2,
               "parameters.infant.episodes_per_day.value", "whole number");
}

// Regression test of a fixed bug (scenario_loader.cpp, ScenarioReader::read_target): "requires an earlier assessment event"
// (docs/scenarios.md) is checked against the events *above* this one in the file, so an
// assessment that is earlier in time but written below the targeted event is refused.
TEST(ScenarioLoaderErrors, LastClassAcceptsAnEarlierAssessmentWrittenBelow) {
  EXPECT_NO_THROW(parse("[[event]]\nkind = \"intervention\"\nage_months = 6\ntarget = { last_class = \"insecure\" }\n"
                        "[[event]]\nkind = \"assessment\"\nage_months = [3, 12]\n"));
}

}  // namespace
}  // namespace attachsim::scenario
