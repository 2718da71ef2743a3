// What the daily step fixes before a dyad's episodes and what the episodes add up to (internal to
// the engine).
#pragma once

#include <cstddef>
#include <cstdint>

#include "attachsim/dyad.hpp"
#include "attachsim/dyad_step.hpp"

namespace attachsim::detail {

constexpr std::size_t kAnonymousStaff =
    kCaregiverSlots;                                  // care index for other institutional staff
constexpr std::size_t kNobody = kCaregiverSlots + 1;  // care index when nobody is there
constexpr std::size_t kScratch = kCaregiverSlots;     // model slot whose learning is discarded

// Everything the day's episodes need, fixed before the first one. Care
// indices: 0-2 the caregiver slots, 3 other institutional staff, 4 nobody.
// No default initialisers: plan_day writes every field, and zeroing the
// struct first cost a tenth of the step (measured).
struct DayPlan {
  bool active[kCaregiverSlots];
  float cumulative[kCaregiverSlots + 1];  // presence bounds: episode goes to the first above u
  // Thresholds per care index, computed exactly as the episode compares them.
  float notice[kNobody + 1];   // responds to the signal: min(1, responsiveness x signal factor)
  float fright[kNobody + 1];   // response frightens below this
  float rebuff[kNobody + 1];   // ... or rebuffs below this
  float prompt[kNobody + 1];   // comfort is prompt below this (the responsiveness)
  float misread[kNobody + 1];  // a slow response misreads the signal below this (beyond prompt)
  float comfort[kNobody + 1];  // share of a comforting response that soothes
  float signal[kNobody + 1];   // the signal factor (for recorded episodes)
  float plasticity, learning, threat_learning, missing_learning, readiness;
  float alarm, alarm_unanswered, alarm_frightened, soothing, delayed_comfort;
  int principal;
  bool has_figure;
  float availability_at_dawn[kCaregiverSlots];
  float general_at_dawn;
  bool institution;  // slot 0 is active institutional staff: turnover is drawn
  float u_turnover;  // the turnover draw (from the day stream)
};

// What the day's episodes add up to, per model slot (3 = anonymous staff or nobody).
struct EpisodeSums {
  float comfort_sum[kScratch + 1] = {};
  int attended[kScratch + 1] = {};
  int responded[kScratch + 1] = {};
  float distress_sum = 0;
  float general_comfort = 0;
  std::uint32_t responses = 0;
};

// True when the day's episodes can only go to slot 0 or to nobody: no other
// slot or staff member has any presence (their cumulative bounds equal slot
// 0's), and no other slot is the principal figure that misses nobody coming.
inline bool one_slot_day(const DayPlan& p) {
  return p.cumulative[kCaregiverSlots] == p.cumulative[0] && !(p.has_figure && p.principal > 0);
}

// The episode kernels: `lanes` dyads side by side in SIMD lanes, bit for bit
// the same as the one-dyad loop in dyad_step.cpp. Four lanes build for any
// target; eight are built with AVX2 on x86-64 and used when the CPU has it.
// `one_slot`: every lane's episodes go to slot 0 or nobody (see one_slot_day).
void run_episodes_lanes4(const DayInput in[4], int episodes, const DayPlan* const plans[4],
                         DyadState* const dyads[4], EpisodeSums sums[4], bool one_slot);
// Block 0 of each lane's day stream: out[w][lane].
void day_blocks_lanes4(const DayInput in[4], std::uint32_t (*out)[4]);
#if ATTACHSIM_AVX2_KERNEL
void day_blocks_lanes8(const DayInput in[8], std::uint32_t (*out)[8]);
#endif

// signal_pressure / provisional_strategy of one model per lane (same bits).
void signal_pressure_lanes4(const WorkingModel* const m[4], const ModelConstants* const k[4],
                            float out[4]);
void provisional_strategy_lanes4(const WorkingModel* const m[4], const ModelConstants* const k[4],
                                 Strategy out[4]);
#if ATTACHSIM_AVX2_KERNEL
void signal_pressure_lanes8(const WorkingModel* const m[8], const ModelConstants* const k[8],
                            float out[8]);
void provisional_strategy_lanes8(const WorkingModel* const m[8], const ModelConstants* const k[8],
                                 Strategy out[8]);
#endif

// The day's episode numbers of `lanes` dyads as the kernels draw them:
// draws[4 * b + w][lane] is word w of the lane's Philox block b.
void episode_draws_lanes4(const DayInput in[4], int episodes, std::uint32_t (*draws)[4]);
#if ATTACHSIM_AVX2_KERNEL
void episode_draws_lanes8(const DayInput in[8], int episodes, std::uint32_t (*draws)[8]);
void run_episodes_lanes8(const DayInput in[8], int episodes, const DayPlan* const plans[8],
                         DyadState* const dyads[8], EpisodeSums sums[8], bool one_slot);
#endif

}  // namespace attachsim::detail
