// The episode kernel in four SIMD lanes (SSE2 on x86-64, NEON on ARM): built for any target.
#include "episode_lanes.hpp"

#include "evening_lanes.hpp"
#include "plan_lanes.hpp"

namespace attachsim::detail {

void run_episodes_lanes4(const DayInput in[4], int episodes, const DayPlanLanes<4>& plans,
                         DyadState* const dyads[4], EpisodeSumsLanes<4>& sums, bool one_slot) {
  if (one_slot)
    EpisodeLanes<4>::run<1>(in, episodes, plans, dyads, sums);
  else
    EpisodeLanes<4>::run<kCaregiverSlots>(in, episodes, plans, dyads, sums);
}

void episode_draws_lanes4(const DayInput in[4], int episodes, std::uint32_t (*draws)[4]) {
  EpisodeLanes<4>::episode_draws(in, episodes, draws);
}

void signal_pressure_lanes4(const WorkingModel* const m[4], const ModelConstants* const k[4],
                            float out[4]) {
  StrategyLanes<4>::signal_pressure(m, k, out);
}

void provisional_strategy_lanes4(const WorkingModel* const m[4], const ModelConstants* const k[4],
                                 Strategy out[4]) {
  StrategyLanes<4>::provisional_strategy(m, k, out);
}

unsigned plan_day_lanes4(const DayInput in[4], const ModelConstants* const k[4],
                         DyadState* const dyads[4], DayPlanLanes<4>& plans, const float pressure[4],
                         std::uint32_t (*day_words)[4]) {
  return PlanLanes<4>::plan(in, k, dyads, plans, pressure, day_words);
}

bool finish_day_lanes4(const DayInput in[4], const ModelConstants* const k[4],
                       DyadState* const dyads[4], const DayPlanLanes<4>& plans,
                       const EpisodeSumsLanes<4>& sums, int figure[4]) {
  return EveningLanes<4>::finish(in, k, dyads, plans, sums, figure);
}

}  // namespace attachsim::detail
