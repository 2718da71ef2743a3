// Tests of strategy pressures, the dominant strategy and felt security from a working model
// (working_model.cpp).
#include "attachsim/working_model.hpp"

#include <gtest/gtest.h>

#include "attachsim/model_constants.hpp"

namespace attachsim {
namespace {

const ModelConstants& defaults() {
  static const ModelConstants k{Parameters{}};
  return k;
}

constexpr WorkingModel kSecure{0.9f, 0.95f, 0.9f, 0.0f, 2.0f};

TEST(StrategyWeights, SecureModelIsOpen) {
  const StrategyWeights w = strategy_weights(kSecure, defaults());
  EXPECT_LT(w.minimising, 0.05f);
  EXPECT_LT(w.maximising, 0.05f);
  EXPECT_LT(w.conflict, 0.05f);
  EXPECT_GT(w.open(), 0.9f);
  EXPECT_EQ(dominant_strategy(w), Strategy::Open);
}

TEST(CollapsePressure, FallsWithTheBondAndVanishesOnceFormed) {
  const ModelConstants& k = defaults();
  float previous = 2.0f;
  for (int i = 0; i <= 10; ++i) {
    const float p = collapse_pressure(static_cast<float>(i) / 10.0f, k);
    EXPECT_LT(p, previous) << i;
    previous = p;
  }
  EXPECT_GT(collapse_pressure(0.0f, k), 0.3f) << "no bond: no figure to organise around";
  EXPECT_LT(collapse_pressure(1.0f, k), 0.01f) << "a formed bond organises the strategy";
  EXPECT_EQ(collapse_pressure(5.0f, k), collapse_pressure(1.0f, k));
  EXPECT_EQ(collapse_pressure(-1.0f, k), collapse_pressure(0.0f, k));
  // The day-of-assessment noise moves it like the other pressures.
  EXPECT_GT(collapse_pressure(0.5f, k, 1.0f), collapse_pressure(0.5f, k));
}

TEST(StrategyWeights, RebuffedBidsMeanMinimising) {
  WorkingModel m = kSecure;
  m.acceptance = 0.3f;
  const StrategyWeights w = strategy_weights(m, defaults());
  EXPECT_GT(w.minimising, 0.95f);
  EXPECT_LT(w.maximising, 0.05f) << "minimising takes precedence over maximising";
  EXPECT_EQ(dominant_strategy(w), Strategy::Minimising);
}

TEST(StrategyWeights, UnreliableCareMeansMaximising) {
  WorkingModel m = kSecure;
  m.availability = 0.2f;
  m.predictability = 0.3f;
  const StrategyWeights w = strategy_weights(m, defaults());
  EXPECT_GT(w.maximising, 0.9f);
  EXPECT_EQ(dominant_strategy(w), Strategy::Maximising);
}

TEST(StrategyWeights, ThreatMeansConflictWhateverElse) {
  WorkingModel m = kSecure;
  m.threat = 0.2f;
  const StrategyWeights w = strategy_weights(m, defaults());
  EXPECT_GT(w.conflict, 0.99f);
  EXPECT_EQ(dominant_strategy(w), Strategy::Conflict);
  m.acceptance = 0.2f;
  EXPECT_EQ(dominant_strategy(strategy_weights(m, defaults())), Strategy::Conflict);
}

TEST(StrategyWeights, PressuresAreMonotone) {
  const ModelConstants& k = defaults();
  float previous_min = -1, previous_max = -1, previous_conflict = -1;
  for (int i = 0; i <= 20; ++i) {
    const float x = static_cast<float>(i) / 20.0f;
    WorkingModel a = kSecure;
    a.acceptance = 1.0f - x;
    const float min = strategy_weights(a, k).minimising;
    WorkingModel b = kSecure;
    b.availability = b.predictability = 1.0f - x;
    const float max = strategy_weights(b, k).maximising;
    WorkingModel c = kSecure;
    c.threat = 0.1f * x;
    const float conflict = strategy_weights(c, k).conflict;
    EXPECT_GE(min, previous_min);
    EXPECT_GE(max, previous_max);
    EXPECT_GE(conflict, previous_conflict);
    previous_min = min, previous_max = max, previous_conflict = conflict;
    EXPECT_GE(min, 0.0f);
    EXPECT_LE(min, 1.0f);
  }
}

TEST(StrategyWeights, NoiseShiftsEachPressure) {
  const ModelConstants& k = defaults();
  WorkingModel m{0.5f, 0.74f, 0.4f, 0.04f, 2.0f};  // at every threshold: pressures near one half
  const StrategyWeights base = strategy_weights(m, k);
  float up[3] = {3, 3, 3};
  float down[3] = {-3, -3, -3};
  const StrategyWeights hi = strategy_weights(m, k, up);
  const StrategyWeights lo = strategy_weights(m, k, down);
  EXPECT_GT(hi.minimising, base.minimising);
  EXPECT_LT(lo.minimising, base.minimising);
  EXPECT_GT(hi.conflict, base.conflict);
  EXPECT_LT(lo.conflict, base.conflict);
  float only_max[3] = {0, 3, 0};
  EXPECT_GT(strategy_weights(m, k, only_max).maximising, base.maximising);
  EXPECT_EQ(strategy_weights(m, k, only_max).minimising, base.minimising);
  float zero[3] = {0, 0, 0};
  const StrategyWeights same = strategy_weights(m, k, zero);
  EXPECT_EQ(same.minimising, base.minimising);
  EXPECT_EQ(same.maximising, base.maximising);
  EXPECT_EQ(same.conflict, base.conflict);
}

TEST(DominantStrategy, PicksTheLargestPressure) {
  EXPECT_EQ(dominant_strategy({0.1f, 0.1f, 0.0f}), Strategy::Open);
  EXPECT_EQ(dominant_strategy({0.8f, 0.1f, 0.0f}), Strategy::Minimising);
  EXPECT_EQ(dominant_strategy({0.1f, 0.8f, 0.0f}), Strategy::Maximising);
  EXPECT_EQ(dominant_strategy({0.1f, 0.1f, 0.51f}), Strategy::Conflict);
  EXPECT_EQ(dominant_strategy({0.9f, 0.9f, 0.5f}), Strategy::Minimising) << "conflict needs > 0.5";
}

TEST(Reliability, IsTheMeanOfPredictabilityAndAvailability) {
  EXPECT_FLOAT_EQ(reliability(WorkingModel{0.2f, 0.9f, 0.6f, 0.0f, 0.0f}), 0.4f);
  EXPECT_FLOAT_EQ(reliability(kNewbornPrior), 0.5f);
}

TEST(SecurityExpectation, RangeAndDirection) {
  EXPECT_GT(security_expectation(kSecure), 0.7f);
  EXPECT_LE(security_expectation(WorkingModel{1, 1, 1, 0, 1}), 1.0f);
  EXPECT_FLOAT_EQ(security_expectation(WorkingModel{1, 1, 1, 0, 1}), 1.0f);
  EXPECT_EQ(security_expectation(WorkingModel{0.9f, 0.9f, 0.9f, 1.0f, 1}), 0.0f);
  WorkingModel m = kSecure;
  const float base = security_expectation(m);
  m.availability -= 0.2f;
  EXPECT_LT(security_expectation(m), base);
  m = kSecure;
  m.acceptance -= 0.2f;
  EXPECT_LT(security_expectation(m), base);
  m = kSecure;
  m.predictability -= 0.2f;
  EXPECT_LT(security_expectation(m), base);
  m = kSecure;
  m.threat += 0.2f;
  EXPECT_LT(security_expectation(m), base);
  m = kSecure;
  m.bond = 0.1f;
  EXPECT_EQ(security_expectation(m), base)
      << "felt security does not depend on the bond's strength";
}

}  // namespace
}  // namespace attachsim
