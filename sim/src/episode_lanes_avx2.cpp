// The episode kernel in eight SIMD lanes, built with AVX2 (x86-64 only; chosen at run time when the CPU has AVX2).
#include "episode_lanes.hpp"

namespace attachsim::detail {

void run_episodes_lanes8(const DayInput in[8], int episodes, const DayPlan* const plans[8],
                         DyadState* const dyads[8], EpisodeSums sums[8]) {
  EpisodeLanes<8>::run(in, episodes, plans, dyads, sums);
}

}  // namespace attachsim::detail
