// Tests of the engine (simulation.cpp, command.cpp): determinism across threads and grains, commands, episode regeneration, aggregates.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "attachsim/assessment.hpp"
#include "attachsim/dyad_step.hpp"
#include "attachsim/simulation.hpp"
#include "test_support.hpp"

namespace attachsim {
namespace {

using testing::population_config;
using testing::same_aggregates;
using testing::same_episodes;
using testing::same_record;
using testing::same_state;

using testing::error_of;

// ---- determinism ---------------------------------------------------------------------------------

// Two subgroups with different care arrangements, so every mechanism has work to do.
Population mixed_population() {
  Population p;
  p.groups.clear();
  Parameters low;
  low.set("secondary.share", 0.3);
  p.groups.push_back(Subgroup{"low", 0.7, low});
  Parameters high;
  high.set("primary.sensitivity", 0.45);
  high.set("primary.risk", 4);
  high.set("primary.depression", 0.3);
  high.set("primary.depression_onset", 2);
  high.set("daycare.share", 0.5);
  high.set("daycare.entry_age", 1);
  high.set("institution.share", 0.2);
  high.set("institution.turnover", 20);
  high.set("development.preattachment", 0.5);
  high.set("development.maturation_age", 2.5);
  high.set("development.bond_rate", 0.05);
  p.groups.push_back(Subgroup{"high", 0.3, high});
  return p;
}

struct RunResult {
  std::uint64_t hash = 0;
  Aggregates aggregates;
  std::vector<AssessmentRecord> records;
  std::vector<Episode> episodes;
};

RunResult determinism_run(int threads, std::uint32_t grain) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  RunResult out;
  arena.execute([&] {
    EXPECT_EQ(tbb::this_task_arena::max_concurrency(), threads);
    SimulationConfig config;
    config.seed = 2024;
    config.dyads = 3000;
    config.grain = grain;
    config.history_days = 10;
    Simulation sim(mixed_population(), config);
    EXPECT_TRUE(sim.constants_of(0).community) << "the community grid must be on";
    sim.run_days(30);
    sim.command(Command{SetParameter{Param::primary_sensitivity, 0.7}, Selection::random_share(0.5)});
    sim.command(Command{ReplaceCaregiver{kSecondarySlot, CaregiverRole::Secondary},
                        Selection::random_share(0.2)});
    sim.command(Command{StartIntervention{kPrimarySlot, 4}, Selection::of({5, 1, 2999, 700})});
    sim.command(Command{SetDepression{kPrimarySlot, true}, Selection::random_share(0.1)});
    sim.run_days(30);
    out.hash = sim.state_hash();
    out.aggregates = sim.aggregates();
    out.records = assess_population(sim, kPrimarySlot);
    out.episodes = sim.episodes(1234, 55);
  });
  return out;
}

TEST(Determinism, IdenticalForAnyThreadCountAndGrain) {
  const RunResult reference = determinism_run(1, 256);
  ASSERT_EQ(reference.aggregates.day, 60u);
  ASSERT_EQ(reference.records.size(), 3000u);
  for (int threads : {1, 2, 3, 4, 7})
    for (std::uint32_t grain : {1u, 7u, 256u, 5000u}) {
      if (threads == 1 && grain == 256) continue;
      SCOPED_TRACE("threads " + std::to_string(threads) + ", grain " + std::to_string(grain));
      const RunResult r = determinism_run(threads, grain);
      EXPECT_EQ(r.hash, reference.hash);
      EXPECT_TRUE(same_aggregates(r.aggregates, reference.aggregates));
      ASSERT_EQ(r.records.size(), reference.records.size());
      std::size_t differing = 0;
      for (std::size_t i = 0; i < r.records.size(); ++i)
        if (!same_record(r.records[i], reference.records[i])) ++differing;
      EXPECT_EQ(differing, 0u) << "assessment records differ";
      EXPECT_TRUE(same_episodes(r.episodes, reference.episodes));
    }
}

TEST(Determinism, SeedMatters) {
  Simulation a(Parameters{}, population_config(1, 500));
  Simulation b(Parameters{}, population_config(1, 500));
  Simulation c(Parameters{}, population_config(2, 500));
  EXPECT_EQ(a.state_hash(), b.state_hash());
  EXPECT_NE(a.state_hash(), c.state_hash());
  a.run_days(20);
  b.run_days(20);
  c.run_days(20);
  EXPECT_EQ(a.state_hash(), b.state_hash());
  EXPECT_NE(a.state_hash(), c.state_hash());
  b.step();
  EXPECT_NE(a.state_hash(), b.state_hash()) << "the hash covers the day";
}

TEST(Determinism, HistoryDoesNotChangeTheRun) {
  SimulationConfig with = population_config(3, 400);
  with.history_days = 7;
  Simulation a(Parameters{}, population_config(3, 400));
  Simulation b(Parameters{}, with);
  a.run_days(50);
  b.run_days(50);
  EXPECT_EQ(a.state_hash(), b.state_hash());
}

TEST(Determinism, SubgroupSharesAndParameters) {
  Simulation sim(mixed_population(), population_config(5, 6000));
  int high = 0;
  for (std::uint32_t id = 0; id < sim.dyad_count(); ++id) {
    const DyadState& d = sim.dyad(id);
    ASSERT_EQ(d.infant.group, d.infant.constants);
    if (d.infant.group == 1) {
      ++high;
      EXPECT_EQ(sim.constants_of(id).parameters[Param::primary_sensitivity], 0.45);
    }
  }
  EXPECT_NEAR(high / 6000.0, 0.3, 0.02);
}

// ---- construction and stepping -------------------------------------------------------------------

TEST(Simulation, RejectsBadConfiguration) {
  SimulationConfig config = population_config(1, 0);
  std::string message = error_of([&] { Simulation sim(Parameters{}, config); });
  EXPECT_NE(message.find("dyads"), std::string::npos) << message;
  EXPECT_NE(message.find("allowed"), std::string::npos) << message;
  config.dyads = kMaxDyads + 1;
  EXPECT_THROW(Simulation(Parameters{}, config), ParameterError);
  Population bad;
  bad.groups.front().share = 0.5;
  EXPECT_THROW(Simulation(bad, population_config(1, 10)), ParameterError);
  config = population_config(1, 10);
  config.grain = 0;  // treated as 1
  Simulation sim(Parameters{}, config);
  EXPECT_NO_THROW(sim.run_days(3));
}

TEST(Simulation, StepAdvancesTheDayAndCountsEpisodes) {
  Parameters p;
  p.set("infant.episodes_per_day", 5);
  Simulation sim(p, population_config(1, 300));
  EXPECT_EQ(sim.day(), 0u);
  EXPECT_EQ(sim.aggregates().day, 0u);
  EXPECT_EQ(sim.aggregates().dyads, 300u);
  sim.step();
  EXPECT_EQ(sim.day(), 1u);
  sim.run_days(9);
  EXPECT_EQ(sim.day(), 10u);
  const Aggregates& a = sim.aggregates();
  EXPECT_EQ(a.day, 10u);
  EXPECT_EQ(a.episodes, 300u * 5u) << "episodes of the last step";
  EXPECT_GT(a.responses, 0u);
  EXPECT_LE(a.responses, a.episodes);
}

TEST(Simulation, AggregatesMatchTheDyads) {
  Simulation sim(mixed_population(), population_config(8, 5000));
  sim.run_days(300);
  const Aggregates& a = sim.aggregates();
  std::uint32_t strategies = 0;
  for (std::uint32_t s : a.strategy) strategies += s;
  EXPECT_EQ(strategies, a.dyads);
  std::uint32_t attached = 0, depressed = 0, none = 0;
  double stress = 0, sensitivity = 0, arousal = 0, security = 0;
  for (const DyadState& d : sim.dyads()) {
    const int figure = principal_figure(d.caregivers, d.models);
    if (d.models[static_cast<std::size_t>(figure)].bond >= kDiscriminationBond) ++attached;
    if (d.caregivers[kPrimarySlot].depressed()) ++depressed;
    if (d.infant.strategy == Strategy::None) ++none;
    stress += d.caregivers[kPrimarySlot].stress;
    sensitivity += d.caregivers[kPrimarySlot].sensitivity;
    arousal += d.infant.slow_arousal;
    security += security_expectation(d.models[static_cast<std::size_t>(figure)]);
  }
  const double n = a.dyads;
  EXPECT_EQ(a.attached, attached);
  EXPECT_EQ(a.caregivers_depressed, depressed);
  EXPECT_EQ(a.strategy[static_cast<int>(Strategy::None)], none);
  EXPECT_NEAR(a.caregiver_stress.mean, stress / n, 1e-9);
  EXPECT_NEAR(a.caregiver_sensitivity.mean, sensitivity / n, 1e-9);
  EXPECT_NEAR(a.infant_arousal.mean, arousal / n, 1e-9);
  EXPECT_NEAR(a.security_expectation.mean, security / n, 1e-9);
  EXPECT_GT(a.caregiver_stress.sd, 0.0);
  EXPECT_GT(a.attached, a.dyads / 2) << "most infants are attached by 10 months";
  EXPECT_DOUBLE_EQ(a.share(Strategy::None), static_cast<double>(none) / n);
}

TEST(Simulation, CommunityGridNeighbours) {
  Simulation sim(Parameters{}, population_config(1, 100));
  const auto n = sim.neighbours(0);
  ASSERT_EQ(n.size(), 4u);
  EXPECT_EQ(n[0], 99u);
  EXPECT_EQ(n[1], 1u);
  EXPECT_EQ(n[2], 90u);
  EXPECT_EQ(n[3], 10u);
  Parameters alone;
  alone.set("community.layout", 0);
  Simulation isolated(alone, population_config(1, 100));
  EXPECT_TRUE(isolated.neighbours(0).empty());
}

TEST(Simulation, RefusesToRunPastTheLastDay) {
  Simulation sim(Parameters{}, population_config(1, 1));
  sim.run_days(kMaxDays);
  EXPECT_EQ(sim.day(), kMaxDays);
  EXPECT_THROW(sim.step(), ParameterError);
  EXPECT_EQ(sim.day(), kMaxDays);
}

// ---- commands ------------------------------------------------------------------------------------

SimulationConfig history_config_for_commands() {
  SimulationConfig c;
  c.seed = 31;
  c.dyads = 20;
  c.grain = 8;
  c.history_days = 14;
  return c;
}

TEST(Commands, ValidateRejectsBadCommands) {
  const std::uint32_t n = 10;
  EXPECT_THROW(validate(Command{RemoveCaregiver{-1}, Selection::all()}, n), ParameterError);
  EXPECT_THROW(validate(Command{RemoveCaregiver{kCaregiverSlots}, Selection::all()}, n), ParameterError);
  EXPECT_THROW(validate(Command{StartIntervention{kPrimarySlot, 0}, Selection::all()}, n), ParameterError);
  EXPECT_THROW(validate(Command{StartIntervention{kPrimarySlot, 256}, Selection::all()}, n), ParameterError);
  EXPECT_THROW(validate(Command{StartIntervention{7, 8}, Selection::all()}, n), ParameterError);
  EXPECT_THROW(validate(Command{EndIntervention{-2}, Selection::all()}, n), ParameterError);
  EXPECT_THROW(validate(Command{SetDepression{3, true}, Selection::all()}, n), ParameterError);
  EXPECT_THROW(validate(Command{ReplaceCaregiver{kPrimarySlot, CaregiverRole::None}, Selection::all()}, n),
               ParameterError);
  EXPECT_THROW(validate(Command{ReplaceCaregiver{5, CaregiverRole::Primary}, Selection::all()}, n),
               ParameterError);
  EXPECT_THROW(validate(Command{RemoveCaregiver{0}, Selection::random_share(1.5)}, n), ParameterError);
  EXPECT_THROW(validate(Command{RemoveCaregiver{0}, Selection::random_share(-0.1)}, n), ParameterError);
  EXPECT_THROW(validate(Command{RemoveCaregiver{0}, Selection::random_share(std::nan(""))}, n),
               ParameterError);
  EXPECT_THROW(validate(Command{RemoveCaregiver{0}, Selection::of({3, 10})}, n), ParameterError);
  EXPECT_THROW(validate(Command{SetParameter{Param::primary_sensitivity, 1.2}, Selection::all()}, n),
               ParameterError);
  EXPECT_THROW(validate(Command{SetParameter{Param::primary_sensitivity, std::nan("")}, Selection::all()}, n),
               ParameterError);
  // And what is fine passes.
  EXPECT_NO_THROW(validate(Command{StartIntervention{kPrimarySlot, 1}, Selection::of({0, 9})}, n));
  EXPECT_NO_THROW(validate(Command{StartIntervention{kDaycareSlot, 255}, Selection::random_share(1)}, n));
  EXPECT_NO_THROW(validate(Command{SetParameter{Param::primary_sensitivity, 1}, Selection::all()}, n));
}

TEST(Commands, MessagesSayWhatIsAllowed) {
  for (const Command& c : {Command{RemoveCaregiver{4}, Selection::all()},
                           Command{StartIntervention{0, 0}, Selection::all()},
                           Command{RemoveCaregiver{0}, Selection::random_share(1.5)},
                           Command{RemoveCaregiver{0}, Selection::of({12})}}) {
    const std::string message = error_of([&] { validate(c, 10); });
    EXPECT_NE(message.find("allowed"), std::string::npos) << message;
  }
}

TEST(Commands, InvalidCommandsAreNotQueued) {
  Simulation sim(Parameters{}, population_config(1, 50));
  EXPECT_THROW(sim.command(Command{RemoveCaregiver{0}, Selection::of({50})}), ParameterError);
  EXPECT_THROW(sim.command(Command{StartIntervention{0, 0}, Selection::all()}), ParameterError);
  // A value in range that breaks a relation between rows (state-of-mind shares > 1).
  EXPECT_THROW(sim.command(Command{SetParameter{Param::primary_dismissing, 0.9}, Selection::all()}),
               ParameterError);
  const std::uint64_t hash = sim.state_hash();
  Simulation reference(Parameters{}, population_config(1, 50));
  sim.run_days(5);
  reference.run_days(5);
  EXPECT_TRUE(sim.command_log().empty());
  EXPECT_EQ(sim.state_hash(), reference.state_hash());
  EXPECT_NE(hash, sim.state_hash());
}

TEST(Commands, AreAppliedAtTheNextStepAndLogged) {
  Simulation sim(Parameters{}, population_config(1, 50));
  sim.run_days(3);
  sim.command(Command{RemoveCaregiver{kPrimarySlot}, Selection::of({7})});
  EXPECT_EQ(sim.dyad(7).caregivers[kPrimarySlot].role, CaregiverRole::Primary) << "queued, not applied";
  sim.step();
  EXPECT_EQ(sim.dyad(7).caregivers[kPrimarySlot].role, CaregiverRole::None);
  ASSERT_EQ(sim.command_log().size(), 1u);
  EXPECT_EQ(sim.command_log()[0].day, 3u);
}

TEST(Commands, SetParameterShiftsExistingCaregiversByTheDifference) {
  Parameters p;
  p.set("secondary.share", 0.5);
  Simulation sim(p, population_config(3, 2000));
  sim.run_days(10);
  std::vector<float> primary, secondary;
  for (const DyadState& d : sim.dyads()) {
    primary.push_back(d.caregivers[kPrimarySlot].sensitivity);
    secondary.push_back(d.caregivers[kSecondarySlot].sensitivity);
  }
  sim.command(Command{SetParameter{Param::primary_sensitivity, 0.72}, Selection::all()});
  sim.step();
  const float shift = static_cast<float>(0.72 - 0.62);
  int clamped = 0;
  for (std::uint32_t id = 0; id < sim.dyad_count(); ++id) {
    const DyadState& d = sim.dyad(id);
    const float expected = std::min(primary[id] + shift, 1.0f);
    if (expected == 1.0f) ++clamped;
    ASSERT_NEAR(d.caregivers[kPrimarySlot].sensitivity, expected, 1e-6f) << "dyad " << id;
    ASSERT_EQ(d.caregivers[kSecondarySlot].sensitivity, secondary[id]) << "other roles unchanged";
    ASSERT_EQ(sim.constants_of(id).parameters[Param::primary_sensitivity], 0.72);
  }
  EXPECT_LT(clamped, 200);
  EXPECT_EQ(sim.parameters()[Param::primary_sensitivity], 0.72);
  // The mean shifts by the difference.
  double before = 0, after = 0;
  for (std::uint32_t id = 0; id < sim.dyad_count(); ++id)
    before += primary[id], after += sim.dyad(id).caregivers[kPrimarySlot].sensitivity;
  EXPECT_NEAR((after - before) / sim.dyad_count(), 0.1, 0.01);
}

TEST(Commands, SetParameterForSelectedDyadsOnly) {
  Simulation sim(Parameters{}, population_config(3, 100));
  const float before_in = sim.dyad(4).caregivers[kPrimarySlot].rejection;
  const float before_out = sim.dyad(5).caregivers[kPrimarySlot].rejection;
  sim.command(Command{SetParameter{Param::primary_rejection, 0.35}, Selection::of({40, 4, 4})});
  sim.step();
  EXPECT_NEAR(sim.dyad(4).caregivers[kPrimarySlot].rejection, std::min(before_in + 0.2f, 1.0f), 1e-6f);
  EXPECT_EQ(sim.dyad(5).caregivers[kPrimarySlot].rejection, before_out);
  EXPECT_EQ(sim.constants_of(4).parameters[Param::primary_rejection], 0.35);
  EXPECT_EQ(sim.constants_of(5).parameters[Param::primary_rejection], 0.15);
  EXPECT_EQ(sim.parameters()[Param::primary_rejection], 0.15) << "subgroup defaults change only for all";
}

TEST(Commands, RemoveCaregiverEndsTheRoleAndTheBondFades) {
  Simulation sim(Parameters{}, population_config(3, 300));
  sim.run_days(330);
  const std::uint32_t attached_before = sim.aggregates().attached;
  ASSERT_GT(attached_before, 250u);
  sim.command(Command{RemoveCaregiver{kPrimarySlot}, Selection::all()});
  sim.step();
  EXPECT_EQ(sim.aggregates().attached, 0u) << "a lost caregiver is no longer a figure in the infant's life";
  float bond_then = 0;
  for (const DyadState& d : sim.dyads()) {
    ASSERT_EQ(d.caregivers[kPrimarySlot].role, CaregiverRole::None);
    bond_then += d.models[kPrimarySlot].bond;
  }
  sim.run_days(100);
  float bond_now = 0;
  for (const DyadState& d : sim.dyads()) bond_now += d.models[kPrimarySlot].bond;
  EXPECT_LT(bond_now, 0.5f * bond_then);
  EXPECT_TRUE(assess_population(sim, kPrimarySlot).empty()) << "nobody to assess with";
  EXPECT_EQ(sim.aggregates().attached, 0u);
}

TEST(Commands, ReplaceCaregiverStartsFromAGeneralisedModel) {
  Simulation sim(Parameters{}, population_config(3, 300));
  sim.run_days(200);
  sim.command(Command{ReplaceCaregiver{kPrimarySlot, CaregiverRole::Primary}, Selection::all()});
  SimulationConfig c = population_config(3, 300);
  Simulation untouched(Parameters{}, c);
  untouched.run_days(200);
  sim.step();
  untouched.step();
  int changed = 0;
  for (std::uint32_t id = 0; id < sim.dyad_count(); ++id) {
    const DyadState& d = sim.dyad(id);
    EXPECT_EQ(d.caregivers[kPrimarySlot].role, CaregiverRole::Primary);
    EXPECT_LT(d.models[kPrimarySlot].bond, 0.1f) << "the new figure starts without a bond";
    if (d.caregivers[kPrimarySlot].sensitivity != untouched.dyad(id).caregivers[kPrimarySlot].sensitivity)
      ++changed;
  }
  EXPECT_GT(changed, 290) << "new caregivers are new draws";
}

TEST(Commands, StartInterventionRaisesSensitivity) {
  Simulation sim(Parameters{}, population_config(3, 500));
  sim.run_days(10);
  const double before = sim.aggregates().caregiver_sensitivity.mean;
  sim.command(Command{StartIntervention{kPrimarySlot, 8}, Selection::all()});
  sim.step();
  for (const DyadState& d : sim.dyads()) ASSERT_EQ(d.caregivers[kPrimarySlot].sessions_left, 7);
  sim.run_days(70);
  // Eight sessions close 1 - prod(1 - gain * exp(-n / saturation)) of the gap to full sensitivity.
  const double gain = Parameters{}[Param::intervention_gain];
  const double saturation = Parameters{}[Param::intervention_saturation];
  double left = 1;
  for (int n = 0; n < 8; ++n) left *= 1 - gain * std::exp(-n / saturation);
  const double expected = (1 - left) * (1 - before);
  EXPECT_GT(sim.aggregates().caregiver_sensitivity.mean, before + 0.8 * expected);
  for (const DyadState& d : sim.dyads()) ASSERT_EQ(d.caregivers[kPrimarySlot].sessions_left, 0);
  // Ending an intervention early stops the sessions.
  Simulation early(Parameters{}, population_config(3, 500));
  early.run_days(10);
  early.command(Command{StartIntervention{kPrimarySlot, 8}, Selection::all()});
  early.run_days(15);
  early.command(Command{EndIntervention{kPrimarySlot}, Selection::all()});
  early.run_days(56);
  EXPECT_LT(early.aggregates().caregiver_sensitivity.mean, sim.aggregates().caregiver_sensitivity.mean);
}

TEST(Commands, SetDepressionStartsAndEndsAnEpisode) {
  Parameters p;
  p.set("primary.depression", 0);
  p.set("primary.depression_onset", 0);
  Simulation sim(p, population_config(3, 400));
  sim.step();
  EXPECT_EQ(sim.aggregates().caregivers_depressed, 0u);
  sim.command(Command{SetDepression{kPrimarySlot, true}, Selection::all()});
  sim.step();
  EXPECT_GT(sim.aggregates().caregivers_depressed, 380u) << "episodes last at least a day";
  sim.command(Command{SetDepression{kPrimarySlot, false}, Selection::all()});
  sim.step();
  EXPECT_EQ(sim.aggregates().caregivers_depressed, 0u);
}

TEST(Commands, ShareSelectionIsAboutThatShareAndReproducible) {
  const auto removed_after = [](std::uint64_t seed, double share) {
    Simulation sim(Parameters{}, population_config(seed, 5000));
    sim.run_days(2);
    sim.command(Command{RemoveCaregiver{kPrimarySlot}, Selection::random_share(share)});
    sim.step();
    std::vector<std::uint32_t> ids;
    for (std::uint32_t id = 0; id < sim.dyad_count(); ++id)
      if (sim.dyad(id).caregivers[kPrimarySlot].role == CaregiverRole::None) ids.push_back(id);
    return ids;
  };
  const auto a = removed_after(7, 0.3);
  EXPECT_NEAR(static_cast<double>(a.size()) / 5000, 0.3, 0.025);
  EXPECT_EQ(a, removed_after(7, 0.3));
  EXPECT_NE(a, removed_after(8, 0.3));
  EXPECT_TRUE(removed_after(7, 0.0).empty());
  EXPECT_EQ(removed_after(7, 1.0).size(), 5000u);
  // A larger share selects a superset (the same uniform draw per dyad).
  const auto b = removed_after(7, 0.6);
  EXPECT_TRUE(std::includes(b.begin(), b.end(), a.begin(), a.end()));
}

TEST(Commands, AKeyedCommandDrawsTheSameNumbersWhateverCameBefore) {
  // Paired runs: one arm has an extra command first; a command with its own
  // key must select the same dyads and draw the same new caregivers in both.
  const auto placed = [](bool extra) {
    Simulation sim(Parameters{}, population_config(11, 3000));
    sim.run_days(3);
    if (extra) sim.command(Command{SetDepression{kPrimarySlot, true}, Selection::random_share(0.2)});
    sim.command(Command{ReplaceCaregiver{kPrimarySlot, CaregiverRole::Primary},
                        Selection::random_share(0.5), 17});
    sim.step();
    std::vector<float> sensitivity;
    for (const DyadState& d : sim.dyads()) sensitivity.push_back(d.caregivers[kPrimarySlot].sensitivity);
    return sensitivity;
  };
  EXPECT_EQ(placed(false), placed(true));
  EXPECT_NE(error_of([] {
              validate(Command{RemoveCaregiver{}, Selection::all(), 0x80000000u}, 10);
            }).find("allowed: below 2^31"),
            std::string::npos);
}

TEST(Commands, ManyParameterChangesKeepWorking) {
  // A slider dragged through 40 values: every change must apply, however many came before.
  Simulation sim(Parameters{}, population_config(3, 20));
  for (int i = 0; i < 40; ++i) {
    const double value = 0.5 + 0.01 * (i % 10);
    sim.command(Command{SetParameter{Param::primary_sensitivity, value}, Selection::all()});
    ASSERT_NO_THROW(sim.step()) << "change " << i + 1;
    ASSERT_EQ(sim.parameters()[Param::primary_sensitivity], value);
    ASSERT_EQ(sim.constants_of(0).parameters[Param::primary_sensitivity], value);
  }
}

TEST(Commands, WakingHoursChangeTheCaregiversShareOfTheDay) {
  // Presence is a caregiver's hours over the infant's waking day: changing the
  // waking day changes every caregiver's share, as a newly drawn one would get.
  Simulation sim(Parameters{}, population_config(3, 50));
  sim.step();
  sim.command(Command{SetParameter{Param::infant_waking_hours, 16}, Selection::all()});
  sim.step();
  const float expected = static_cast<float>(Parameters{}[Param::primary_hours] / 16.0);
  for (const DyadState& d : sim.dyads())
    ASSERT_FLOAT_EQ(d.caregivers[kPrimarySlot].presence, expected);
}

TEST(Commands, SeparationKeepsTheCaregiverAwayForThatManyDays) {
  Simulation sim(Parameters{}, history_config_for_commands());
  sim.run_days(100);
  sim.command(Command{Separation{kPrimarySlot, 5}, Selection::of({3})});
  sim.run_days(10);  // days 100-109
  int during = 0, after = 0;
  for (std::uint32_t day = 100; day < 110; ++day)
    for (const Episode& e : sim.episodes(3, day))
      if (e.caregiver == kPrimarySlot) (day < 105 ? during : after) += 1;
  EXPECT_EQ(during, 0) << "away on days 100-104";
  EXPECT_GT(after, 10) << "back from day 105";
  EXPECT_EQ(sim.dyad(3).caregivers[kPrimarySlot].away_days, 0);
  EXPECT_THROW(validate(Command{Separation{kPrimarySlot, 0}, Selection::all()}, 10), ParameterError);
  EXPECT_THROW(validate(Command{Separation{4, 5}, Selection::all()}, 10), ParameterError);
}

TEST(Commands, DescribeNamesTheAction) {
  EXPECT_EQ(describe(Command{SetParameter{Param::primary_sensitivity, 0.8}, Selection::random_share(0.3)}),
            "set primary.sensitivity = 0.8 for 30% of dyads");
  EXPECT_NE(describe(Command{RemoveCaregiver{1}, Selection::of({1, 2})}).find("2 selected dyads"),
            std::string::npos);
  EXPECT_NE(describe(Command{StartIntervention{0, 16}, Selection::all()}).find("16 sessions"),
            std::string::npos);
}

// ---- episode regeneration ------------------------------------------------------------------------

SimulationConfig history_config(std::uint64_t seed = 21, std::uint32_t dyads = 400) {
  SimulationConfig c = testing::population_config(seed, dyads);
  c.grain = 64;
  c.history_days = 14;
  return c;
}

// The episodes of `id` on `day`, recorded live: a second simulation is run up
// to that day and the dyad's day is stepped directly with the same inputs.
// (Commands may fall on earlier days, not on `day` itself.)
std::vector<Episode> recorded_live(const Population& population, const SimulationConfig& config,
                                   std::uint32_t id, std::uint32_t day,
                                   const std::vector<std::pair<std::uint32_t, Command>>& commands = {}) {
  Simulation sim(population, config);
  for (std::uint32_t t = 0; t < day; ++t) {
    for (const auto& [when, c] : commands)
      if (when == t) sim.command(c);
    sim.step();
  }
  for (const auto& [when, c] : commands)
    EXPECT_NE(when, day) << "recorded_live cannot apply commands due on the recorded day";
  DyadState d = sim.dyad(id);
  const ModelConstants& k = sim.constants_of(id);
  float neighbour = 0;
  if (k.community) {
    // Yesterday's stress of the four neighbours, summed in the engine's order.
    const auto n = sim.neighbours(id);
    neighbour = 0.25f * (sim.dyad(n[0]).caregivers[kPrimarySlot].stress +
                         sim.dyad(n[1]).caregivers[kPrimarySlot].stress +
                         sim.dyad(n[2]).caregivers[kPrimarySlot].stress +
                         sim.dyad(n[3]).caregivers[kPrimarySlot].stress);
  }
  std::vector<Episode> out;
  step_dyad(DayInput{config.seed, id, day, neighbour}, k, d, &out);
  return out;
}

TEST(Episodes, RegeneratedDayHasEveryEpisode) {
  Simulation sim(Parameters{}, history_config());
  sim.run_days(40);
  const std::uint32_t first = sim.earliest_regenerable_day();
  EXPECT_LE(first, 40u - 14u) << "at least history_days days can be regenerated";
  for (std::uint32_t day : {first, 30u, 39u}) {
    const auto e = sim.episodes(17, day);
    ASSERT_EQ(e.size(), static_cast<std::size_t>(sim.constants_of(17).episodes_per_day))
        << "infant.episodes_per_day";
    ASSERT_EQ(e.size(), 8u);
    for (std::size_t i = 0; i < e.size(); ++i) {
      EXPECT_EQ(e[i].day, day);
      EXPECT_EQ(e[i].index, i);
    }
    EXPECT_TRUE(same_episodes(e, sim.episodes(17, day))) << "regeneration is deterministic";
  }
}

TEST(Episodes, IdenticalSimulationsRegenerateIdenticalEpisodes) {
  Simulation a(Parameters{}, history_config());
  Simulation b(Parameters{}, history_config());
  Simulation other_seed(Parameters{}, history_config(22));
  a.run_days(40);
  b.run_days(40);
  other_seed.run_days(40);
  int differ = 0;
  for (std::uint32_t id : {0u, 1u, 99u, 399u}) {
    EXPECT_TRUE(same_episodes(a.episodes(id, 33), b.episodes(id, 33)));
    if (!same_episodes(a.episodes(id, 33), other_seed.episodes(id, 33))) ++differ;
  }
  EXPECT_GE(differ, 3);
}

TEST(Episodes, SameDayFromSimulationsAtDifferentCurrentDays) {
  Simulation a(Parameters{}, history_config());
  Simulation b(Parameters{}, history_config());
  a.run_days(36);
  b.run_days(41);
  for (std::uint32_t day = std::max(a.earliest_regenerable_day(), b.earliest_regenerable_day());
       day < 36; ++day)
    for (std::uint32_t id : {3u, 250u})
      EXPECT_TRUE(same_episodes(a.episodes(id, day), b.episodes(id, day))) << "day " << day << " dyad " << id;
}

TEST(Episodes, RegenerationMatchesTheLiveDay) {
  const Population population;
  Simulation sim(population, history_config());
  sim.run_days(40);
  for (std::uint32_t day : {sim.earliest_regenerable_day(), 28u, 33u, 39u})
    for (std::uint32_t id : {0u, 5u, 123u, 399u}) {
      const auto live = recorded_live(population, history_config(), id, day);
      EXPECT_TRUE(same_episodes(sim.episodes(id, day), live)) << "day " << day << " dyad " << id;
    }
}

TEST(Episodes, RegenerationReplaysCommandsDueOnTheDay) {
  // Commands on days 31 and 34 lie inside the regenerated window. The reference
  // keeps one day of history, so it replays only the requested day from a
  // checkpoint taken that morning: the commands due that day, then the day.
  const Population population;
  const std::vector<std::pair<std::uint32_t, Command>> commands = {
      {31, Command{ReplaceCaregiver{kPrimarySlot, CaregiverRole::Primary}, Selection::random_share(0.5)}},
      {31, Command{SetParameter{Param::primary_sensitivity, 0.2}, Selection::random_share(0.5)}},
      {34, Command{SetDepression{kPrimarySlot, true}, Selection::of({2, 3, 4, 5, 6, 7})}},
  };
  const auto run = [&](const SimulationConfig& config, std::uint32_t days) {
    Simulation sim(population, config);
    for (std::uint32_t t = 0; t < days; ++t) {
      for (const auto& [when, c] : commands)
        if (when == t) sim.command(c);
      sim.step();
    }
    return sim;
  };
  const Simulation sim = run(history_config(), 40);
  ASSERT_LE(sim.earliest_regenerable_day(), 31u);
  SimulationConfig one_day = history_config();
  one_day.history_days = 1;
  Simulation without(population, history_config());
  without.run_days(40);
  for (std::uint32_t day : {31u, 34u}) {
    const Simulation ref = run(one_day, day + 1);
    ASSERT_LE(ref.earliest_regenerable_day(), day);
    ASSERT_GE(ref.earliest_regenerable_day(), day - 1) << "one day of history";
    int changed_by_commands = 0;
    for (std::uint32_t id = 0; id < 10; ++id) {
      const auto e = sim.episodes(id, day);
      EXPECT_TRUE(same_episodes(e, ref.episodes(id, day))) << "day " << day << " dyad " << id;
      if (!same_episodes(e, without.episodes(id, day))) ++changed_by_commands;
    }
    EXPECT_GE(changed_by_commands, 3) << "the commands must matter for this check to mean anything";
  }
}

TEST(Episodes, RegenerationWithCommandsMatchesTheLiveDay) {
  // Without commands due on the regenerated day itself, the live reference is
  // the dyad stepped directly from the state the day starts from.
  const Population population;
  const std::vector<std::pair<std::uint32_t, Command>> commands = {
      {30, Command{ReplaceCaregiver{kPrimarySlot, CaregiverRole::Primary}, Selection::random_share(0.5)}},
      {30, Command{SetParameter{Param::primary_rejection, 0.5}, Selection::random_share(0.5)}},
  };
  Simulation sim(population, history_config());
  for (std::uint32_t t = 0; t < 40; ++t) {
    for (const auto& [when, c] : commands)
      if (when == t) sim.command(c);
    sim.step();
  }
  ASSERT_LE(sim.earliest_regenerable_day(), 30u);
  for (std::uint32_t day : {31u, 35u, 39u})
    for (std::uint32_t id = 0; id < 10; ++id)
      EXPECT_TRUE(same_episodes(sim.episodes(id, day),
                                recorded_live(population, history_config(), id, day, commands)))
          << "day " << day << " dyad " << id;
}

TEST(Episodes, OutOfRangeRequestsThrow) {
  Simulation sim(Parameters{}, history_config());
  EXPECT_THROW(sim.episodes(0, 0), ParameterError) << "nothing simulated yet";
  sim.run_days(40);
  const std::uint32_t first = sim.earliest_regenerable_day();
  ASSERT_GT(first, 0u);
  const std::string too_old = error_of([&] { sim.episodes(0, first - 1); });
  EXPECT_NE(too_old.find("allowed"), std::string::npos) << too_old;
  EXPECT_THROW(sim.episodes(0, 40), ParameterError) << "today has not happened yet";
  EXPECT_THROW(sim.episodes(0, 1000), ParameterError);
  EXPECT_THROW(sim.episodes(400, 35), ParameterError) << "no such dyad";
  Simulation no_history(Parameters{}, population_config(21, 50));
  no_history.run_days(5);
  EXPECT_THROW(no_history.episodes(0, 4), ParameterError);
}

}  // namespace
}  // namespace attachsim
