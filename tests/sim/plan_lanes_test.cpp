// Tests of the lane kernels' morning and evening (plan_lanes.hpp, evening_lanes.hpp): which lanes
// they take.
//
// That they compute exactly what plan_day and finish_day compute is tested
// through step_dyads (episode_lanes_test.cpp); these tests make sure the fast
// path is the one ordinary days take, so that test cannot pass by every lane
// quietly falling back to the one-dyad code.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "attachsim/dyad_step.hpp"
#include "attachsim/population.hpp"
#include "attachsim/random.hpp"
#include "day_plan.hpp"  // internal to the engine (sim/src)

namespace attachsim {
namespace {

using detail::DayPlanLanes;
using detail::kDayWords;

constexpr std::uint64_t kSeed = 23;

struct Lanes {
  ModelConstants k{Parameters{}};
  std::vector<DyadState> dyads;
  DayInput in[4];
  const ModelConstants* constants[4];
  DyadState* pointers[4];
  float pressure[4] = {0.1f, -0.2f, 0.0f, 0.3f};

  explicit Lanes(std::uint32_t day, const Parameters& p = Parameters{}) : k(p) {
    for (std::uint32_t id = 0; id < 4; ++id) {
      RandomStream random(kSeed, id, 0, Stream::Setup);
      dyads.push_back(draw_dyad(random, k));
    }
    for (std::uint32_t l = 0; l < 4; ++l) {
      in[l] = DayInput{kSeed, l, day, 0.2f};
      constants[l] = &k;
      pointers[l] = &dyads[l];
    }
  }
  unsigned plan() {
    DayPlanLanes<4> plans;
    std::uint32_t words[kDayWords][4];
    return detail::plan_day_lanes4(in, constants, pointers, plans, pressure, words);
  }
};

TEST(PlanLanes, TakesEveryLaneOnAnOrdinaryDay) {
  Lanes lanes(100);
  for (DyadState& d : lanes.dyads)
    for (Caregiver& c : d.caregivers) c.depression_onset = 0.0f;
  EXPECT_EQ(lanes.plan(), 0xFu);
}

TEST(PlanLanes, LeavesALaneWhoseCaregiverStartsToday) {
  Lanes lanes(100);
  for (DyadState& d : lanes.dyads)
    for (Caregiver& c : d.caregivers) c.depression_onset = 0.0f;
  Caregiver& daycare = lanes.dyads[2].caregivers[kDaycareSlot];
  daycare.role = CaregiverRole::Daycare;
  daycare.active_from_day = 100;
  EXPECT_EQ(lanes.plan(), 0xFu & ~(1u << 2));
}

TEST(PlanLanes, LeavesALaneWhoseDepressionStartsToday) {
  Lanes lanes(100);
  for (DyadState& d : lanes.dyads)
    for (Caregiver& c : d.caregivers) {
      c.depression_onset = 0.0f;
      c.depressed_days = 0;
    }
  lanes.dyads[1].caregivers[kPrimarySlot].depression_onset = 1.0f;  // certain onset
  EXPECT_EQ(lanes.plan(), 0xFu & ~(1u << 1));
  // An episode already running does not start again.
  lanes.dyads[1].caregivers[kPrimarySlot].depressed_days = 30;
  EXPECT_EQ(lanes.plan(), 0xFu);
}

TEST(PlanLanes, LeavesEveryLaneUnderMixedParameterSetsButDrawsTheirFirstBlock) {
  Lanes lanes(100);
  const ModelConstants other{Parameters{}};
  lanes.constants[3] = &other;
  DayPlanLanes<4> plans;
  std::uint32_t words[kDayWords][4];
  EXPECT_EQ(detail::plan_day_lanes4(lanes.in, lanes.constants, lanes.pointers, plans,
                                    lanes.pressure, words),
            0u);
  for (std::uint32_t l = 0; l < 4; ++l) {
    const auto block = RandomStream(kSeed, l, 100, Stream::Day).block(0);
    for (std::size_t w = 0; w < 4; ++w) EXPECT_EQ(words[w][l], block.v[w]) << l << " " << w;
  }
}

TEST(EveningLanes, RefusesMixedParameterSets) {
  Lanes lanes(100);
  const ModelConstants other{Parameters{}};
  lanes.constants[0] = &other;
  DayPlanLanes<4> plans{};
  detail::EpisodeSumsLanes<4> sums{};
  int figure[4] = {7, 7, 7, 7};
  const std::vector<DyadState> before = lanes.dyads;
  EXPECT_FALSE(
      detail::finish_day_lanes4(lanes.in, lanes.constants, lanes.pointers, plans, sums, figure));
  EXPECT_EQ(figure[0], 7);  // nothing done
  EXPECT_EQ(lanes.dyads[0].infant.slow_arousal, before[0].infant.slow_arousal);
}

}  // namespace
}  // namespace attachsim
