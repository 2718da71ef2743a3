// Tests of the batched daily step (step_dyads and its SIMD lane kernels): bit for bit the one-dyad
// step.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "attachsim/dyad_step.hpp"
#include "attachsim/population.hpp"
#include "attachsim/random.hpp"
#include "attachsim/working_model.hpp"
#include "test_support.hpp"

namespace attachsim {
namespace {

using testing::same_state;

// Care arrangements that reach every branch of the step: secondary
// caregivers, day care, institutions (anonymous staff), frightening and
// rejecting care, disrupted communication, depression, intervention, separations.
std::vector<Parameters> arrangements() {
  std::vector<Parameters> out;
  out.emplace_back();  // the calibrated defaults
  Parameters mixed;
  mixed.set(Param::secondary_share, 0.6);
  mixed.set(Param::daycare_share, 0.5);
  mixed.set(Param::daycare_entry_age, 2.0);
  mixed.set(Param::primary_frightening, 0.1);
  mixed.set(Param::primary_rejection, 0.3);
  mixed.set(Param::primary_depression, 0.3);
  mixed.set(Param::primary_unresolved, 0.4);  // disrupted communication from every source
  mixed.set(Param::disrupted_rate, 0.02);
  mixed.set(Param::disrupted_stress, 0.05);
  mixed.set(Param::care_consistency_block, 5.0);
  out.push_back(mixed);
  Parameters institution;
  institution.set(Param::institution_share, 1.0);
  out.push_back(institution);
  Parameters few_episodes;  // a different episode count: lanes of mixed counts
  few_episodes.set(Param::infant_episodes_per_day, 5.0);
  out.push_back(few_episodes);
  return out;
}

struct Population {
  std::vector<std::shared_ptr<const ModelConstants>> sets;
  std::vector<const ModelConstants*> k;
  std::vector<DyadState> dyads;
};

// `n` dyads, dyad i living under arrangement uses[(i * 7 / 3) % uses.size()].
Population population(std::uint32_t n, const std::vector<std::size_t>& uses) {
  Population p;
  for (const Parameters& parameters : arrangements())
    p.sets.push_back(std::make_shared<const ModelConstants>(parameters));
  for (std::uint32_t id = 0; id < n; ++id) {
    const std::size_t set = uses[(id * 7 / 3) % uses.size()];
    p.k.push_back(p.sets[set].get());
    RandomStream random(11, id, 0, Stream::Setup);
    p.dyads.push_back(draw_dyad(random, *p.sets[set]));
  }
  // Separations and an intervention on some dyads, as commands would set them.
  for (std::uint32_t id = 0; id < n; id += 5) p.dyads[id].caregivers[kPrimarySlot].away_days = 9;
  for (std::uint32_t id = 1; id < n; id += 6)
    p.dyads[id].caregivers[kPrimarySlot].sessions_left = 8;
  return p;
}

// Steps the population `days` days with step_dyads and `kernel`, and a copy
// with step_dyad one dyad at a time; every dyad must match every day.
void expect_same_as_one_at_a_time(Population p, EpisodeKernel kernel, std::uint32_t days) {
  std::vector<DyadState> reference = p.dyads;
  const auto n = static_cast<std::uint32_t>(p.dyads.size());
  std::vector<DayInput> in(n);
  std::vector<DyadState*> pointers(n);
  for (std::uint32_t id = 0; id < n; ++id) pointers[id] = &p.dyads[id];
  for (std::uint32_t day = 0; day < days; ++day) {
    DayTally expected;
    for (std::uint32_t id = 0; id < n; ++id) {
      in[id] = DayInput{11, id, day, 0.1f * static_cast<float>(id % 7)};
      const DayTally t = step_dyad(in[id], *p.k[id], reference[id]);
      expected.episodes += t.episodes;
      expected.responses += t.responses;
    }
    const DayTally got = step_dyads(in, p.k, pointers, kernel);
    ASSERT_EQ(got.episodes, expected.episodes) << "day " << day;
    ASSERT_EQ(got.responses, expected.responses) << "day " << day;
    for (std::uint32_t id = 0; id < n; ++id)
      ASSERT_TRUE(same_state(p.dyads[id], reference[id])) << "dyad " << id << ", day " << day;
  }
}

// Mixed subgroups with the same episode count (lanes under different
// parameter sets), and with different counts (groups fall back to one at a time).
const std::vector<std::size_t> kSameCount = {0, 1, 2};
const std::vector<std::size_t> kAll = {0, 1, 2, 3};

// 37 dyads: four and a half groups of eight, so the remainder paths run too.
constexpr std::uint32_t kDyads = 37;
constexpr std::uint32_t kDays = 420;  // past attachment onset, day care entry and turnover

TEST(StepDyads, ScalarKernelMatchesStepDyad) {
  expect_same_as_one_at_a_time(population(kDyads, kAll), EpisodeKernel::Scalar, kDays);
}

TEST(StepDyads, FourLanesMatchStepDyadForEveryArrangement) {
  for (std::size_t set = 0; set < arrangements().size(); ++set) {
    SCOPED_TRACE("arrangement " + std::to_string(set));
    expect_same_as_one_at_a_time(population(kDyads, {set}), EpisodeKernel::Lanes4, kDays);
  }
}

TEST(StepDyads, FourLanesMatchStepDyadWithMixedSubgroups) {
  expect_same_as_one_at_a_time(population(kDyads, kSameCount), EpisodeKernel::Lanes4, kDays);
  expect_same_as_one_at_a_time(population(kDyads, kAll), EpisodeKernel::Lanes4, kDays);
}

TEST(StepDyads, EightLanesMatchStepDyad) {
  // Without AVX2 the request falls back to four lanes, which is what this
  // machine would run; the test says which it checked.
  const EpisodeKernel kernel = available_episode_kernel(EpisodeKernel::Lanes8);
  std::cout << "[          ] eight-lane kernel "
            << (kernel == EpisodeKernel::Lanes8 ? "available (AVX2): tested"
                                                : "unavailable (no AVX2): four lanes tested")
            << "\n";
  for (std::size_t set = 0; set < arrangements().size(); ++set) {
    SCOPED_TRACE("arrangement " + std::to_string(set));
    expect_same_as_one_at_a_time(population(kDyads, {set}), EpisodeKernel::Lanes8, kDays);
  }
  expect_same_as_one_at_a_time(population(kDyads, kSameCount), EpisodeKernel::Lanes8, kDays);
  expect_same_as_one_at_a_time(population(kDyads, kAll), EpisodeKernel::Lanes8, kDays);
}

TEST(StepDyads, AutomaticIsTheWidestAvailable) {
  const EpisodeKernel best = available_episode_kernel();
  EXPECT_TRUE(best == EpisodeKernel::Lanes4 || best == EpisodeKernel::Lanes8);
  EXPECT_EQ(available_episode_kernel(EpisodeKernel::Scalar), EpisodeKernel::Scalar);
  EXPECT_EQ(available_episode_kernel(EpisodeKernel::Lanes4), EpisodeKernel::Lanes4);
}

TEST(StepDyads, EmptyAndSingleBatches) {
  const std::vector<DayInput> none;
  EXPECT_EQ(step_dyads(none, {}, {}).episodes, 0u);
  expect_same_as_one_at_a_time(population(1, {0}), EpisodeKernel::Lanes8, 30);
  expect_same_as_one_at_a_time(population(8, kSameCount), EpisodeKernel::Lanes8, 30);
}

TEST(DrawEpisodeNumbers, EveryKernelGivesTheStreamsNumbers) {
  // 21 dyads (two groups of eight, one of four, one left over) with two seeds
  // in the mix, 7 episodes (an odd count: the last block is half used).
  std::vector<DayInput> in;
  for (std::uint32_t id = 0; id < 21; ++id)
    in.push_back(DayInput{id < 10 ? 11u : 0x1234567890ull, id * 3 + 1, 200 + id, 0});
  constexpr int kEpisodes = 7;
  constexpr std::size_t kPerDyad = 4 * ((kEpisodes + 1) / 2);
  for (EpisodeKernel kernel :
       {EpisodeKernel::Scalar, EpisodeKernel::Lanes4, EpisodeKernel::Lanes8}) {
    std::vector<std::uint32_t> out(in.size() * kPerDyad);
    draw_episode_numbers(in, kEpisodes, out, kernel);
    for (std::size_t i = 0; i < in.size(); ++i) {
      RandomStream stream(in[i].seed, in[i].dyad, in[i].day, Stream::Episode);
      for (std::size_t n = 0; n < kPerDyad; ++n)
        ASSERT_EQ(out[i * kPerDyad + n], stream.next_u32())
            << "kernel " << static_cast<int>(kernel) << ", dyad " << i << ", number " << n;
    }
  }
}

// ---- the step's shortcuts through the strategy weights ----------------------------------------

TEST(SignalPressure, IsMaximisingMinusMinimising) {
  const ModelConstants k{Parameters{}};
  RandomStream random(3, 0, 0, Stream::Setup);
  for (int i = 0; i < 20000; ++i) {
    WorkingModel m;
    m.availability = random.uniform();
    m.acceptance = random.uniform();
    m.predictability = random.uniform();
    m.threat = random.uniform();
    const StrategyWeights w = strategy_weights(m, k);
    ASSERT_EQ(signal_pressure(m, k), w.maximising - w.minimising) << i;
  }
}

TEST(ProvisionalStrategy, IsTheDominantStrategyEvenAtTheConflictThreshold) {
  const ModelConstants k{Parameters{}};
  RandomStream random(4, 0, 0, Stream::Setup);
  for (int i = 0; i < 40000; ++i) {
    WorkingModel m;
    m.availability = random.uniform();
    m.acceptance = random.uniform();
    m.predictability = random.uniform();
    // Half the cases within a hair of the conflict threshold, where the
    // shortcut has to defer to the exponential.
    m.threat = i % 2 ? random.uniform()
                     : k.conflict_threshold + (random.uniform() - 0.5f) * 1e-5f * k.conflict_width;
    ASSERT_EQ(provisional_strategy(m, k), dominant_strategy(strategy_weights(m, k)))
        << i << ": threat " << m.threat;
  }
}

}  // namespace
}  // namespace attachsim
