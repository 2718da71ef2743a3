// The episode kernel in eight SIMD lanes, built with AVX2 (x86-64 only; chosen at run time when the
// CPU has AVX2).
#include "episode_lanes.hpp"
#include "evening_lanes.hpp"
#include "plan_lanes.hpp"

namespace attachsim::detail {

void run_episodes_lanes8(const DayInput in[8], int episodes, const DayPlanLanes<8>& plans,
                         DyadState* const dyads[8], EpisodeSumsLanes<8>& sums, bool one_slot) {
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

unsigned plan_day_lanes8(const DayInput in[8], const ModelConstants* const k[8],
                         DyadState* const dyads[8], DayPlanLanes<8>& plans, const float pressure[8],
                         std::uint32_t (*day_words)[8]) {
  return PlanLanes<8>::plan(in, k, dyads, plans, pressure, day_words);
}

bool finish_day_lanes8(const DayInput in[8], const ModelConstants* const k[8],
                       DyadState* const dyads[8], const DayPlanLanes<8>& plans,
                       const EpisodeSumsLanes<8>& sums, int figure[8]) {
  return EveningLanes<8>::finish(in, k, dyads, plans, sums, figure);
}

}  // namespace attachsim::detail
