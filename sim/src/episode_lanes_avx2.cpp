// The episode kernel in eight SIMD lanes, built with AVX2 (x86-64 only; chosen at run time when the
// CPU has AVX2).
#include "episode_lanes.hpp"

namespace attachsim::detail {

void run_episodes_lanes8(const DayInput in[8], int episodes, const DayPlan* const plans[8],
                         DyadState* const dyads[8], EpisodeSums sums[8], bool one_slot) {
  if (one_slot)
    EpisodeLanes<8>::run<1>(in, episodes, plans, dyads, sums);
  else
    EpisodeLanes<8>::run<kCaregiverSlots>(in, episodes, plans, dyads, sums);
}

void episode_draws_lanes8(const DayInput in[8], int episodes, std::uint32_t (*draws)[8]) {
  EpisodeLanes<8>::episode_draws(in, episodes, draws);
}

void signal_pressure_lanes8(const WorkingModel* const m[8], const ModelConstants* const k[8],
                            float out[8]) {
  StrategyLanes<8>::signal_pressure(m, k, out);
}

void provisional_strategy_lanes8(const WorkingModel* const m[8], const ModelConstants* const k[8],
                                 Strategy out[8]) {
  StrategyLanes<8>::provisional_strategy(m, k, out);
}

void day_blocks_lanes8(const DayInput in[8], std::uint32_t (*out)[8]) {
  EpisodeLanes<8>::blocks(in, Stream::Day, 1, out);
}

}  // namespace attachsim::detail
