// Tests of the sampled per-dyad history behind the inspector's charts (population_history.hpp).
#include "attachsim/viz/population_history.hpp"

#include <gtest/gtest.h>

#include "attachsim/working_model.hpp"

namespace attachsim::viz {
namespace {

SimulationConfig small(std::uint32_t dyads) {
  SimulationConfig c;
  c.dyads = dyads;
  c.history_days = 0;
  return c;
}

TEST(PopulationHistory, SamplesAtTheIntervalAndMatchesTheStateWithinQuantisation) {
  Simulation sim(Parameters{}, small(64));
  PopulationHistory h(64, 100, 7);
  h.record_if_due(sim);
  for (int d = 0; d < 70; ++d) {
    sim.step();
    h.record_if_due(sim);
  }
  ASSERT_EQ(h.samples(), 11u);  // days 0, 7, ..., 70
  const auto points = h.of(5);
  ASSERT_EQ(points.size(), 11u);
  EXPECT_EQ(points.back().day, 70u);
  const DyadState& d = sim.dyad(5);
  const WorkingModel& m = principal_model(d, sim.day());
  EXPECT_NEAR(points.back().availability, m.availability, 1.0 / 255);
  EXPECT_NEAR(points.back().acceptance, m.acceptance, 1.0 / 255);
  EXPECT_NEAR(points.back().security, security_expectation(m), 1.0 / 255);
  EXPECT_NEAR(points.back().infant_stress, d.infant.slow_arousal, 4.0 / 255);
  EXPECT_NEAR(points.back().threat, m.threat, 0.004);
  EXPECT_TRUE(h.of(64).empty());  // no such dyad
}

TEST(PopulationHistory, ThinsWhenFullAndKeepsTheWholeLife) {
  Simulation sim(Parameters{}, small(16));
  PopulationHistory h(16, 8, 1);
  h.record(sim);
  for (int d = 0; d < 40; ++d) {
    sim.step();
    h.record_if_due(sim);
  }
  EXPECT_LE(h.samples(), 8u);
  EXPECT_GT(h.interval(), 1u);
  const auto points = h.of(0);
  EXPECT_EQ(points.front().day, 0u);  // birth stays
  for (std::size_t i = 1; i < points.size(); ++i) EXPECT_GT(points[i].day, points[i - 1].day);
  EXPECT_GE(points.back().day, 40u - h.interval());
}

TEST(PopulationHistory, CapacityStaysWithinTheBudget) {
  EXPECT_EQ(PopulationHistory::capacity_for(10'000, std::size_t{64} << 20), 128u);
  const std::uint32_t big = PopulationHistory::capacity_for(100'000, std::size_t{64} << 20);
  EXPECT_LE(static_cast<std::size_t>(big) * 100'000 * 8, std::size_t{64} << 20);
  EXPECT_GE(big, 8u);
  EXPECT_EQ(PopulationHistory::capacity_for(50'000'000, 1024),
            8u);  // a floor, so charts have a shape
}

}  // namespace
}  // namespace attachsim::viz
