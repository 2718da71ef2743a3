// Tests of the viewer session (session.hpp): stepping off the UI thread, commands between steps,
// snapshots, bad input.
#include "attachsim/viz/session.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "attachsim/calibration.hpp"
#include "attachsim/scenario/scenario.hpp"

namespace attachsim::viz {
namespace {

using namespace std::chrono_literals;

SessionSource small_source(std::uint32_t dyads = 300) {
  SessionSource s = builtin_sources().front();
  s.dyads = dyads;
  s.seed = 7;
  return s;
}

void expect_finite(const Snapshot& s) {
  ASSERT_TRUE(s.main.cells);
  const DyadCells& c = *s.main.cells;
  for (std::uint32_t i = 0; i < c.count; ++i) {
    ASSERT_TRUE(std::isfinite(c.security[i])) << "dyad " << i;
    ASSERT_TRUE(std::isfinite(c.infant_stress[i])) << "dyad " << i;
    // Sensitivity and caregiver stress are NaN only when slot 0 is empty.
    ASSERT_FALSE(std::isinf(c.sensitivity[i]));
  }
  const Aggregates& a = s.main.aggregates;
  for (double v : {a.security_expectation.mean, a.security_expectation.sd, a.infant_arousal.mean,
                   a.caregiver_sensitivity.mean, a.caregiver_stress.mean, a.exploration.mean})
    ASSERT_TRUE(std::isfinite(v));
}

TEST(Session, PublishesAtBirthAndAdvancesOffTheCallingThread) {
  Session session(small_source());
  auto s = session.snapshot();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->day, 0u);
  EXPECT_EQ(s->dyads, 300u);
  EXPECT_EQ(s->main.series->size(), 1u);
  session.advance_to(40);
  ASSERT_TRUE(session.wait_idle(60s));
  s = session.snapshot();
  EXPECT_EQ(s->day, 40u);
  EXPECT_EQ(s->main.series->size(), 41u);
  EXPECT_FALSE(s->playing);
  expect_finite(*s);
}

TEST(Session, TheSameSeedGivesTheSamePictureAsTheEngine) {
  Session session(small_source());
  session.advance_to(25);
  ASSERT_TRUE(session.wait_idle(60s));
  SimulationConfig config;
  config.seed = 7;
  config.dyads = 300;
  Simulation sim(low_risk_population(), config);
  sim.run_days(25);
  const auto s = session.snapshot();
  const DyadCells direct = capture_cells(sim);
  EXPECT_EQ(s->main.cells->security, direct.security);
  EXPECT_EQ(s->main.cells->strategy, direct.strategy);
}

TEST(Session, ASliderChangeTakesEffectOnTheNextStep) {
  Session session(small_source());
  EXPECT_FALSE(session.set_parameter(Param::primary_rejection, 0.5).has_value());
  // Queued for the engine (the worker may already have taken it over, so it
  // is either still pending with this value or gone; the engine has not stepped).
  const auto pending = session.pending_parameters();
  if (const auto it = pending.find(Param::primary_rejection); it != pending.end()) {
    EXPECT_EQ(it->second, 0.5);
  }
  ASSERT_TRUE(session.wait_idle(30s));
  auto s = session.snapshot();
  EXPECT_EQ(s->day, 0u);
  EXPECT_EQ(s->parameters[Param::primary_rejection], 0.5);  // shown as it will apply
  const double before = s->main.aggregates.caregiver_sensitivity.mean;
  session.step_day();
  ASSERT_TRUE(session.wait_idle(30s));
  s = session.snapshot();
  EXPECT_EQ(s->day, 1u);
  EXPECT_EQ(s->parameters[Param::primary_rejection], 0.5);
  EXPECT_TRUE(std::isfinite(before));
  bool logged = false;
  for (const auto& line : s->log)
    logged = logged || line.find("primary.rejection = 0.5") != std::string::npos;
  EXPECT_TRUE(logged);
}

TEST(Session, RefusesValuesOutsideTheTableOrThatBreakASet) {
  Session session(small_source());
  const auto too_big = session.set_parameter(Param::primary_sensitivity, 1.5);
  ASSERT_TRUE(too_big.has_value());
  EXPECT_NE(too_big->find("primary.sensitivity"), std::string::npos);
  EXPECT_TRUE(session.set_parameter(Param::primary_sensitivity, std::nan("")).has_value());
  EXPECT_TRUE(
      session.set_parameter(Param::infant_episodes_per_day, 2.5).has_value());  // integer row
  // State-of-mind shares of a role may not sum to more than 1.
  EXPECT_TRUE(session.set_parameter(Param::primary_dismissing, 0.95).has_value());
  EXPECT_TRUE(session.pending_parameters().empty());
  const auto bad = session.apply(Command{RemoveCaregiver{5}, Selection::all()});
  ASSERT_TRUE(bad.has_value());
  EXPECT_NE(bad->find("allowed"), std::string::npos);
  EXPECT_TRUE(session.apply(Command{RemoveCaregiver{0}, Selection::of({300})}).has_value());
}

TEST(Session, ExtremeSliderValuesNeverProduceNaN) {
  // Every row of the table at its minimum and its maximum, a few days each.
  Session session(small_source(200));
  const Parameters defaults;
  for (std::size_t i = 0; i < kParameterCount; ++i) {
    const auto p = static_cast<Param>(i);
    for (double value : {info(p).min, info(p).max}) {
      SCOPED_TRACE(std::string(info(p).name) + " = " + std::to_string(value));
      const auto refused = session.set_parameter(p, value);
      if (refused) {
        // Only combinations the table forbids (state-of-mind shares) may be refused.
        EXPECT_NE(refused->find("sum"), std::string::npos) << *refused;
        continue;
      }
      session.step_day();
      session.step_day();
      ASSERT_TRUE(session.wait_idle(60s));
      const auto s = session.snapshot();
      expect_finite(*s);
      EXPECT_TRUE(s->error.empty()) << s->error;
    }
    session.set_parameter(p, defaults[p]);
  }
}

TEST(Session, EventsApplyBetweenStepsToTheirSelection) {
  Session session(small_source());
  session.advance_to(10);
  ASSERT_TRUE(session.wait_idle(60s));
  EXPECT_FALSE(
      session.apply(Command{RemoveCaregiver{kPrimarySlot}, Selection::of({3, 5})}).has_value());
  session.step_day();
  ASSERT_TRUE(session.wait_idle(30s));
  const auto s = session.snapshot();
  EXPECT_TRUE(std::isnan(s->main.cells->sensitivity[3]));
  EXPECT_TRUE(std::isnan(s->main.cells->sensitivity[5]));
  EXPECT_FALSE(std::isnan(s->main.cells->sensitivity[4]));
}

TEST(Session, InspectingADyadRegeneratesItsEpisodesAndHistory) {
  Session session(small_source());
  session.select(17);
  session.advance_to(30);
  ASSERT_TRUE(session.wait_idle(60s));
  const auto s = session.snapshot();
  ASSERT_TRUE(s->inspected);
  EXPECT_EQ(s->inspected->id, 17u);
  EXPECT_FALSE(s->inspected->episodes.empty());
  for (const Episode& e : s->inspected->episodes) EXPECT_LT(e.day, 30u);
  ASSERT_GE(s->inspected->history.size(), 2u);
  EXPECT_EQ(s->inspected->history.front().day, 0u);
  EXPECT_EQ(s->inspected->history.back().day, 30u);
  EXPECT_EQ(s->inspected->neighbours.size(), 4u);  // the community grid is on by default
  session.select(std::nullopt);
  ASSERT_TRUE(session.wait_idle(30s));
  EXPECT_FALSE(session.snapshot()->inspected);
}

TEST(Session, TheStrangeSituationRunsOnRequestWithATrace) {
  Session session(small_source());
  session.advance_to(365);
  ASSERT_TRUE(session.wait_idle(120s));
  auto s = session.snapshot();
  // 12 months is an assessment day of the source: the population was assessed.
  ASSERT_TRUE(s->main.assessment);
  EXPECT_EQ(s->main.assessment->day, 365u);
  EXPECT_EQ(s->main.assessment->records.size(), 300u);
  ASSERT_EQ(s->main.assessments.size(), 1u);
  session.run_strange_situation(12, kPrimarySlot);
  ASSERT_TRUE(session.wait_idle(30s));
  s = session.snapshot();
  ASSERT_TRUE(s->strange_situation);
  EXPECT_EQ(s->strange_situation->dyad, 12u);
  EXPECT_FALSE(s->strange_situation->result.trace.empty());
  session.run_strange_situation(12, kDaycareSlot);  // no caregiver there
  ASSERT_TRUE(session.wait_idle(30s));
  EXPECT_NE(session.snapshot()->error.find("no caregiver in slot 2"), std::string::npos);
  session.assess_now();
  ASSERT_TRUE(session.wait_idle(60s));
  s = session.snapshot();
  EXPECT_EQ(s->main.assessments.size(), 2u);
  EXPECT_TRUE(s->main.assessment->stability_kappa.has_value());
}

TEST(Session, CompareRunsTheSameBabiesWithOneParameterChanged) {
  Session session(small_source());
  session.advance_to(20);
  ASSERT_TRUE(session.wait_idle(60s));
  ASSERT_FALSE(session.start_compare(Param::primary_sensitivity, 0.9, false).has_value());
  session.advance_to(60);
  ASSERT_TRUE(session.wait_idle(60s));
  auto s = session.snapshot();
  ASSERT_TRUE(s->what_if);
  ASSERT_TRUE(s->compare);
  EXPECT_EQ(s->compare->from_day, 20u);
  EXPECT_EQ(s->what_if->series->size(), s->main.series->size());
  // Up to the fork the arms share their history; after it, the sensitive arm is more sensitive.
  EXPECT_EQ((*s->what_if->series)[20].sensitivity, (*s->main.series)[20].sensitivity);
  EXPECT_GT(s->what_if->aggregates.caregiver_sensitivity.mean,
            s->main.aggregates.caregiver_sensitivity.mean + 0.1);
  // Same babies: temperament is identical dyad by dyad.
  EXPECT_EQ(s->what_if->cells->count, s->main.cells->count);
  // From birth: both arms restart and part on day 0.
  ASSERT_FALSE(session.start_compare(Param::primary_rejection, 0.4, true).has_value());
  ASSERT_TRUE(session.wait_idle(60s));
  s = session.snapshot();
  EXPECT_EQ(s->day, 0u);
  ASSERT_TRUE(s->compare);
  EXPECT_EQ(s->compare->from_day, 0u);
  session.stop_compare();
  ASSERT_TRUE(session.wait_idle(30s));
  EXPECT_FALSE(session.snapshot()->what_if);
  EXPECT_TRUE(session.start_compare(Param::primary_rejection, 4.0, false).has_value());
}

TEST(Session, ResetKeepsParametersAndLoadStartsTheSourceAfresh) {
  Session session(small_source());
  ASSERT_FALSE(session.set_parameter(Param::primary_sensitivity, 0.3).has_value());
  session.advance_to(5);
  ASSERT_TRUE(session.wait_idle(60s));
  session.reset(99, 150);
  ASSERT_TRUE(session.wait_idle(60s));
  auto s = session.snapshot();
  EXPECT_EQ(s->day, 0u);
  EXPECT_EQ(s->seed, 99u);
  EXPECT_EQ(s->dyads, 150u);
  EXPECT_EQ(s->parameters[Param::primary_sensitivity], 0.3);
  SessionSource world = builtin_sources().at(1);
  world.dyads = 120;
  session.load(world);
  ASSERT_TRUE(session.wait_idle(60s));
  s = session.snapshot();
  EXPECT_EQ(s->source_name, world.name);
  EXPECT_EQ(s->references, ReferenceSet::World);
  EXPECT_EQ(s->dyads, 120u);
  EXPECT_EQ(s->parameters[Param::primary_sensitivity], Parameters{}[Param::primary_sensitivity]);
  session.reset(1, 0);  // refused: the current population keeps running
  ASSERT_TRUE(session.wait_idle(30s));
  s = session.snapshot();
  EXPECT_EQ(s->dyads, 120u);
  EXPECT_NE(s->error.find("dyads"), std::string::npos);
}

TEST(Session, DaysSimulatedOffTheClockDoNotDelayPlaying) {
  // Playing at 10 days/s after a fast advance to day 60 goes on at 10 days/s
  // from there, not after the 6 s that 60 days "should" have taken.
  Session session(small_source(100));
  session.set_speed(10);
  session.play(true);
  session.advance_to(60);
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (session.snapshot()->day < 60 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(2ms);
  std::this_thread::sleep_for(600ms);
  session.play(false);
  ASSERT_TRUE(session.wait_idle(30s));
  EXPECT_GE(session.snapshot()->day, 62u);
}

TEST(Session, PlayingPacesDaysPerSecondAndStopsAtTheEnd) {
  SessionSource source = small_source(100);
  source.end_day = 12;
  Session session(source);
  session.set_speed(0);  // as fast as possible
  session.play(true);
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (session.snapshot()->day < 12 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(session.wait_idle(30s));
  const auto s = session.snapshot();
  EXPECT_EQ(s->day, 12u);
  EXPECT_FALSE(s->playing);  // paused at the end
  session.set_speed(20);
  session.play(true);
  std::this_thread::sleep_for(300ms);
  session.play(false);
  ASSERT_TRUE(session.wait_idle(30s));
  const std::uint32_t days = session.snapshot()->day - 12;
  EXPECT_GE(days, 2u);
  EXPECT_LE(days, 9u);  // 20 days/s for 0.3 s, with slack for a loaded machine
}

}  // namespace
}  // namespace attachsim::viz

namespace attachsim::viz {
namespace {

SessionSource scenario_text_source(const std::string& text) {
  const scenario::Scenario s = scenario::parse_scenario(text, "inline.toml");
  return scenario_source(s);
}

TEST(ScenarioSession, TheRunnerAppliesTheScenariosEventsAndAssessments) {
  Session session(scenario_text_source(R"(
[meta]
name = "Loss at one month"
lesson = "Everyone loses the primary caregiver at one month."
[run]
dyads = 120
months = 3
[[event]]
kind = "loss"
age_months = 1
caregiver = "primary"
[[event]]
kind = "assessment"
age_months = [2]
caregiver = "primary"
)"));
  auto s = session.snapshot();
  EXPECT_TRUE(s->scenario);
  EXPECT_EQ(s->lesson, "Everyone loses the primary caregiver at one month.");
  session.advance_to(day_at_months(2) + 1);
  ASSERT_TRUE(session.wait_idle(60s));
  s = session.snapshot();
  EXPECT_TRUE(std::isnan(s->main.cells->sensitivity[0]));  // the loss happened
  ASSERT_TRUE(s->main.assessment);                         // the runner's assessment arrived
  EXPECT_EQ(s->main.assessment->day, day_at_months(2));
  bool logged = false;
  for (const auto& line : s->log) logged = logged || line.find("loss") != std::string::npos;
  EXPECT_TRUE(logged);
  // A scenario's run cannot be forked mid-way; from birth it can.
  ASSERT_FALSE(session.start_compare(Param::primary_sensitivity, 0.9, false).has_value());
  ASSERT_TRUE(session.wait_idle(30s));
  EXPECT_NE(session.snapshot()->error.find("from birth"), std::string::npos);
  ASSERT_FALSE(session.start_compare(Param::primary_sensitivity, 0.9, true).has_value());
  ASSERT_TRUE(session.wait_idle(30s));
  s = session.snapshot();
  EXPECT_EQ(s->day, 0u);
  ASSERT_TRUE(s->what_if);
  // Playing on past the scenario's end keeps the population alive.
  session.advance_to(day_at_months(3) + 5);
  ASSERT_TRUE(session.wait_idle(60s));
  EXPECT_EQ(session.snapshot()->day, day_at_months(3) + 5);
}

TEST(ScenarioSession, TheScenariosVariantRunsAsThePair) {
  Session session(scenario_text_source(R"(
[run]
dyads = 100
months = 2
[variant]
name = "kinder"
parameters.primary.sensitivity = 0.85
)"));
  EXPECT_EQ(session.snapshot()->variant_name, "kinder");
  ASSERT_FALSE(session.start_variant_compare().has_value());
  session.advance_to(20);
  ASSERT_TRUE(session.wait_idle(60s));
  const auto s = session.snapshot();
  ASSERT_TRUE(s->what_if);
  ASSERT_TRUE(s->compare);
  EXPECT_TRUE(s->compare->variant);
  EXPECT_GT(s->what_if->aggregates.caregiver_sensitivity.mean,
            s->main.aggregates.caregiver_sensitivity.mean + 0.1);
}

TEST(ScenarioSession, SlidersApplyAndSurviveAReset) {
  Session session(scenario_text_source("[run]\ndyads = 80\nmonths = 2\n"));
  ASSERT_FALSE(session.set_parameter(Param::primary_rejection, 0.6).has_value());
  session.step_day();
  ASSERT_TRUE(session.wait_idle(30s));
  EXPECT_EQ(session.snapshot()->parameters[Param::primary_rejection], 0.6);
  session.reset(5, 80);
  session.step_day();
  ASSERT_TRUE(session.wait_idle(30s));
  EXPECT_EQ(session.snapshot()->parameters[Param::primary_rejection], 0.6);
  EXPECT_EQ(session.snapshot()->seed, 5u);
  EXPECT_TRUE(session.start_variant_compare().has_value());  // this scenario has no variant
}

}  // namespace
}  // namespace attachsim::viz
