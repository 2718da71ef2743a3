// Tests of one dyad's daily step (dyad_step.cpp): determinism, episodes, learning, development, caregiver state.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "attachsim/dyad_step.hpp"
#include "attachsim/population.hpp"
#include "day_plan.hpp"  // internal to the engine (sim/src): attend_intervention
#include "test_support.hpp"

namespace attachsim {
namespace {

using testing::same_episodes;
using testing::same_state;

// A dyad with one fully present primary caregiver with the given behaviour.
DyadState dyad_with(float sensitivity, float rejection = 0, float frightening = 0,
                    float consistency = 1) {
  DyadState d;
  d.infant.reactivity = 0.5f;
  d.infant.soothability = 0.6f;
  d.infant.maturation_day = 200;
  Caregiver& c = d.caregivers[kPrimarySlot];
  c.role = CaregiverRole::Primary;
  c.sensitivity = sensitivity;
  c.consistency = consistency;
  c.rejection = rejection;
  c.frightening = frightening;
  c.presence = 1;
  c.load = 1;
  d.models.fill(kNewbornPrior);
  return d;
}

// Steps days [from, to) and returns the episodes of the last day.
std::vector<Episode> live(DyadState& d, const ModelConstants& k, std::uint32_t from,
                          std::uint32_t to, std::uint64_t seed = 5, std::uint32_t id = 3) {
  std::vector<Episode> last;
  for (std::uint32_t day = from; day < to; ++day) {
    last.clear();
    step_dyad(DayInput{seed, id, day, 0.0f}, k, d, &last);
  }
  return last;
}

TEST(StepDyad, SameInputSameResult) {
  const ModelConstants k{Parameters{}};
  RandomStream r(1, 0, 0, Stream::Setup);
  const DyadState start = draw_dyad(r, k);
  DyadState a = start, b = start;
  for (std::uint32_t day = 0; day < 300; ++day) {
    std::vector<Episode> ea, eb;
    const DayTally ta = step_dyad(DayInput{9, 4, day, 0.2f}, k, a, &ea);
    const DayTally tb = step_dyad(DayInput{9, 4, day, 0.2f}, k, b, &eb);
    ASSERT_TRUE(same_state(a, b)) << "day " << day;
    ASSERT_TRUE(same_episodes(ea, eb));
    ASSERT_EQ(ta.episodes, tb.episodes);
    ASSERT_EQ(ta.responses, tb.responses);
  }
  // Another dyad id draws other numbers.
  DyadState c = start;
  for (std::uint32_t day = 0; day < 300; ++day) step_dyad(DayInput{9, 5, day, 0.2f}, k, c);
  EXPECT_FALSE(same_state(a, c));
}

TEST(StepDyad, RecordingDoesNotChangeTheOutcome) {
  const ModelConstants k{Parameters{}};
  DyadState a = dyad_with(0.6f), b = dyad_with(0.6f);
  for (std::uint32_t day = 0; day < 100; ++day) {
    std::vector<Episode> record;
    step_dyad(DayInput{1, 0, day, 0}, k, a, &record);
    step_dyad(DayInput{1, 0, day, 0}, k, b, nullptr);
  }
  EXPECT_TRUE(same_state(a, b));
}

TEST(StepDyad, RecordsEveryEpisodeOfTheDay) {
  Parameters p;
  p.set("infant.episodes_per_day", 13);
  const ModelConstants k(p);
  DyadState d = dyad_with(0.7f);
  std::vector<Episode> record;
  const DayTally t = step_dyad(DayInput{2, 0, 17, 0}, k, d, &record);
  ASSERT_EQ(record.size(), 13u);
  EXPECT_EQ(t.episodes, 13u);
  EXPECT_LE(t.responses, t.episodes);
  std::uint32_t responses = 0;
  for (std::size_t i = 0; i < record.size(); ++i) {
    EXPECT_EQ(record[i].day, 17u);
    EXPECT_EQ(record[i].index, i);
    EXPECT_TRUE(record[i].caregiver == -1 || record[i].caregiver == kPrimarySlot);
    EXPECT_GE(record[i].arousal_before, 0.0f);
    if (record[i].response != Response::None) ++responses;
    if (record[i].response == Response::PromptComfort) {
      EXPECT_LT(record[i].arousal_after, record[i].arousal_before);
    }
    if (record[i].response == Response::None) {
      // An unanswered cry escalates.
      const float escalation = static_cast<float>(Parameters{}[Param::arousal_escalation]);
      EXPECT_FLOAT_EQ(record[i].arousal_after, record[i].arousal_before * (1.0f + escalation));
    }
  }
  EXPECT_EQ(responses, t.responses);
}

TEST(StepDyad, NobodyThereMeansNoResponse) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(1.0f);
  d.caregivers[kPrimarySlot].role = CaregiverRole::None;
  const auto last = live(d, k, 0, 30);
  ASSERT_EQ(last.size(), static_cast<std::size_t>(k.episodes_per_day));
  for (const Episode& e : last) {
    EXPECT_EQ(e.caregiver, -1);
    EXPECT_EQ(e.response, Response::None);
  }
  EXPECT_EQ(d.models[kPrimarySlot].bond, 0.0f);
}

TEST(StepDyad, NoDiscriminationInThePreAttachmentPhase) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(1.0f);
  live(d, k, 0, static_cast<std::uint32_t>(k.preattachment_day));
  EXPECT_EQ(d.models[kPrimarySlot].bond, 0.0f) << "readiness is zero before preattachment_day";
  EXPECT_FALSE(d.infant.attached());
  EXPECT_EQ(d.infant.strategy, Strategy::None);
}

TEST(StepDyad, SensitiveCareBuildsASecureAttachment) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(0.95f);
  std::uint16_t onset = 0;
  for (std::uint32_t day = 0; day < 365; ++day) {
    step_dyad(DayInput{5, 1, day, 0}, k, d);
    if (d.infant.attached() && onset == 0) {
      onset = d.infant.onset_day;
      EXPECT_EQ(onset, day + 1) << "onset_day is 1 + the day the bond reached 1";
      EXPECT_GE(d.models[kPrimarySlot].bond, kDiscriminationBond);
    }
  }
  ASSERT_TRUE(d.infant.attached());
  EXPECT_GT(onset, k.preattachment_day);
  EXPECT_EQ(d.infant.onset_day, onset) << "onset is recorded once";
  EXPECT_EQ(d.infant.strategy, Strategy::Open);
  const WorkingModel& m = d.models[kPrimarySlot];
  EXPECT_GT(m.acceptance, 0.9f);
  EXPECT_LT(m.threat, 0.01f);
  // Compared with an insensitive caregiver: more expected comfort, more exploration.
  DyadState insensitive = dyad_with(0.25f);
  live(insensitive, k, 0, 365, 5, 1);
  EXPECT_GT(m.availability, insensitive.models[kPrimarySlot].availability + 0.1f);
  EXPECT_GT(security_expectation(m), security_expectation(insensitive.models[kPrimarySlot]));
  EXPECT_GT(exploration(d, 365), exploration(insensitive, 365));
  EXPECT_LT(d.infant.slow_arousal, insensitive.infant.slow_arousal);
}

TEST(StepDyad, FrighteningCareLeadsToConflict) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(0.7f, 0.0f, 0.3f);
  live(d, k, 0, 365);
  ASSERT_TRUE(d.infant.attached()) << "infants attach even to frightening caregivers";
  EXPECT_GT(d.models[kPrimarySlot].threat, k.conflict_threshold);
  EXPECT_EQ(d.infant.strategy, Strategy::Conflict);
}

TEST(StepDyad, RejectingCareLeadsToMinimising) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(0.7f, 0.7f);
  live(d, k, 0, 365);
  ASSERT_TRUE(d.infant.attached());
  EXPECT_LT(d.models[kPrimarySlot].acceptance, k.minimising_threshold);
  EXPECT_EQ(d.infant.strategy, Strategy::Minimising);
}

TEST(StepDyad, UnreliableCareLeadsToMaximising) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(0.45f, 0.0f, 0.0f, 0.0f);  // attuned on some days, absent on others
  live(d, k, 0, 365);
  ASSERT_TRUE(d.infant.attached());
  EXPECT_LT(reliability(d.models[kPrimarySlot]), k.maximising_threshold);
  EXPECT_EQ(d.infant.strategy, Strategy::Maximising);
}

TEST(StepDyad, InterventionSessionsRaiseSensitivityOnSchedule) {
  Parameters p;
  p.set("intervention.interval", 7);
  p.set("intervention.gain", 0.1);
  const ModelConstants k(p);
  DyadState d = dyad_with(0.4f);
  d.caregivers[kPrimarySlot].sessions_left = 3;
  d.caregivers[kPrimarySlot].days_to_session = 0;
  std::vector<float> sensitivity;
  for (std::uint32_t day = 0; day < 30; ++day) {
    step_dyad(DayInput{1, 0, day, 0}, k, d);
    sensitivity.push_back(d.caregivers[kPrimarySlot].sensitivity);
  }
  EXPECT_FLOAT_EQ(sensitivity[0], 0.4f + 0.1f * 0.6f) << "first session on the first day";
  EXPECT_EQ(sensitivity[6], sensitivity[0]);
  EXPECT_GT(sensitivity[7], sensitivity[6]) << "second session a week later";
  EXPECT_GT(sensitivity[14], sensitivity[13]);
  EXPECT_EQ(sensitivity[29], sensitivity[14]) << "no fourth session";
  EXPECT_EQ(d.caregivers[kPrimarySlot].sessions_left, 0);
}

// A programme names its targets: each moves only its own trait, and later
// sessions gain less than earlier ones (intervention.saturation).
TEST(StepDyad, InterventionTargetsMoveTheirTraitsAndSaturate) {
  const auto after_sessions = [](const char* target, int sessions) {
    Parameters p;
    p.set("intervention.gain", 0);
    p.set("intervention.acceptance", 0);
    p.set("intervention.consistency", 0);
    p.set("intervention.calm", 0);
    p.set("intervention.interval", 1);
    p.set("intervention.saturation", 4);
    p.set(target, 0.2);
    const ModelConstants k(p);
    Caregiver c;
    c.role = CaregiverRole::Primary;
    c.sensitivity = 0.4f;
    c.consistency = 0.5f;
    c.rejection = 0.3f;
    c.frightening = 0.1f;
    c.sessions_left = static_cast<std::uint8_t>(sessions);
    for (int s = 0; s < sessions; ++s) detail::attend_intervention(k, c);
    return c;
  };
  const Caregiver sens = after_sessions("intervention.gain", 1);
  EXPECT_FLOAT_EQ(sens.sensitivity, 0.4f + 0.2f * 0.6f);
  EXPECT_EQ(sens.consistency, 0.5f);
  EXPECT_EQ(sens.rejection, 0.3f);
  EXPECT_EQ(sens.frightening, 0.1f);
  EXPECT_EQ(sens.sessions_done, 1);
  const Caregiver acc = after_sessions("intervention.acceptance", 1);
  EXPECT_FLOAT_EQ(acc.rejection, 0.3f * 0.8f);
  EXPECT_EQ(acc.sensitivity, 0.4f);
  const Caregiver lead = after_sessions("intervention.consistency", 1);
  EXPECT_FLOAT_EQ(lead.consistency, 0.5f + 0.2f * 0.5f);
  EXPECT_EQ(lead.rejection, 0.3f);
  const Caregiver calm = after_sessions("intervention.calm", 1);
  EXPECT_FLOAT_EQ(calm.frightening, 0.1f * 0.8f);
  EXPECT_FLOAT_EQ(calm.disrupted_left, 0.8f);
  EXPECT_EQ(calm.sensitivity, 0.4f);
  // Saturation: the second session closes exp(-1/4) as much of the (smaller) gap.
  const Caregiver two = after_sessions("intervention.gain", 2);
  const float first_gain = sens.sensitivity - 0.4f;
  const float second_gain = two.sensitivity - sens.sensitivity;
  EXPECT_NEAR(second_gain, 0.2f * std::exp(-0.25f) * (1.0f - sens.sensitivity), 1e-6f);
  EXPECT_LT(second_gain, first_gain);
  // Sixteen sessions add less over eight than eight did over none.
  const float at8 = after_sessions("intervention.gain", 8).sensitivity;
  const float at16 = after_sessions("intervention.gain", 16).sensitivity;
  EXPECT_LT(at16 - at8, at8 - 0.4f);
  EXPECT_GT(at16, at8);
}

TEST(StepDyad, DepressiveEpisodeRunsItsCourse) {
  Parameters p;
  p.set("primary.depression_onset", 0);
  const ModelConstants k(p);
  DyadState d = dyad_with(0.6f);
  d.caregivers[kPrimarySlot].depressed_days = 10;
  live(d, k, 0, 4);
  EXPECT_EQ(d.caregivers[kPrimarySlot].depressed_days, 6);
  live(d, k, 4, 20);
  EXPECT_FALSE(d.caregivers[kPrimarySlot].depressed());
}

TEST(StepDyad, DepressionLowersResponsiveness) {
  // Over many dyad-days a depressed caregiver responds less often than the same caregiver well.
  Parameters p;
  p.set("primary.depression_onset", 0);
  const ModelConstants k(p);
  std::uint64_t well = 0, depressed = 0;
  for (std::uint32_t id = 0; id < 200; ++id) {
    DyadState a = dyad_with(0.6f), b = dyad_with(0.6f);
    b.caregivers[kPrimarySlot].depressed_days = 60000;
    for (std::uint32_t day = 0; day < 20; ++day) {
      well += step_dyad(DayInput{1, id, day, 0}, k, a).responses;
      depressed += step_dyad(DayInput{1, id, day, 0}, k, b).responses;
    }
  }
  EXPECT_LT(static_cast<double>(depressed), 0.8 * static_cast<double>(well));
}

TEST(StepDyad, StressStaysInRangeAndRisesWithRisk) {
  const ModelConstants k{Parameters{}};
  double low = 0, high = 0;
  for (std::uint32_t id = 0; id < 200; ++id) {
    DyadState a = dyad_with(0.6f), b = dyad_with(0.6f);
    b.caregivers[kPrimarySlot].risk = 8;
    for (std::uint32_t day = 0; day < 100; ++day) {
      step_dyad(DayInput{1, id, day, 0}, k, a);
      step_dyad(DayInput{1, id, day, 0}, k, b);
      ASSERT_GE(b.caregivers[kPrimarySlot].stress, 0.0f);
      ASSERT_LE(b.caregivers[kPrimarySlot].stress, 1.0f);
    }
    low += a.caregivers[kPrimarySlot].stress;
    high += b.caregivers[kPrimarySlot].stress;
  }
  EXPECT_GT(high, 1.5 * low);
}

TEST(StepDyad, InstitutionalCareSpreadsEpisodesOverStaff) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(0.5f);
  d.caregivers[kPrimarySlot].role = CaregiverRole::Institution;
  int staff = 0, known = 0;
  for (std::uint32_t day = 0; day < 50; ++day) {
    std::vector<Episode> record;
    step_dyad(DayInput{1, 0, day, 0}, k, d, &record);
    for (const Episode& e : record) {
      if (e.caregiver == -2) ++staff;
      if (e.caregiver == kPrimarySlot) ++known;
    }
  }
  EXPECT_GT(staff, 3 * known) << "with a rotation of 10 the best-known staff member meets few signals";
  EXPECT_GT(known, 0);
}

TEST(StepDyad, DayCareIsInactiveBeforeEntryAndAtWeekends) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(0.6f);
  Caregiver& dc = d.caregivers[kDaycareSlot];
  dc.role = CaregiverRole::Daycare;
  dc.sensitivity = 1;
  dc.consistency = 1;
  dc.presence = 1;
  dc.load = 1;
  dc.active_from_day = 100;
  int before = 0, weekday = 0, weekend = 0;
  for (std::uint32_t day = 0; day < 200; ++day) {
    std::vector<Episode> record;
    step_dyad(DayInput{1, 0, day, 0}, k, d, &record);
    for (const Episode& e : record) {
      if (e.caregiver != kDaycareSlot) continue;
      if (day < 100) ++before;
      else if (day % 7 < 5) ++weekday;
      else ++weekend;
    }
  }
  EXPECT_EQ(before, 0);
  EXPECT_EQ(weekend, 0);
  EXPECT_GT(weekday, 100);
}

TEST(StepDyad, BondFadesWithoutContact) {
  const ModelConstants k{Parameters{}};
  DyadState d = dyad_with(0.9f);
  live(d, k, 0, 365);
  const float bond = d.models[kPrimarySlot].bond;
  ASSERT_GE(bond, kDiscriminationBond);
  d.caregivers[kPrimarySlot].role = CaregiverRole::None;  // loss
  live(d, k, 365, 365 + 30);
  EXPECT_NEAR(d.models[kPrimarySlot].bond, bond * std::pow(1.0f - k.bond_decay, 30.0f), 1e-3f * bond);
}

}  // namespace
}  // namespace attachsim
