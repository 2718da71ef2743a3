// What the daily step fixes before a dyad's episodes and what the episodes add up to (internal to
// the engine).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "attachsim/dyad.hpp"
#include "attachsim/dyad_step.hpp"
#include "attachsim/model_constants.hpp"
#include "attachsim/portable_exp.hpp"

namespace attachsim::detail {

constexpr std::size_t kAnonymousStaff =
    kCaregiverSlots;                                  // care index for other institutional staff
constexpr std::size_t kNobody = kCaregiverSlots + 1;  // care index when nobody is there
constexpr std::size_t kScratch = kCaregiverSlots;     // model slot whose learning is discarded

// What the evening (finish_day) needs of the morning, per dyad.
struct DayEnd {
  bool active[kCaregiverSlots];  // caregivers who cared today
  float availability_at_dawn[kCaregiverSlots];
  float general_at_dawn;
  float plasticity, readiness;
  bool institution;  // slot 0 is active institutional staff: turnover is drawn
  float u_turnover;  // the turnover draw (from the day stream)
};

// Everything the day's episodes need, fixed before the first one. Care
// indices: 0-2 the caregiver slots, 3 other institutional staff, 4 nobody.
// No default initialisers: plan_day writes every field, and zeroing the
// struct first cost a tenth of the step (measured).
struct DayPlan {
  float cumulative[kCaregiverSlots + 1];  // presence bounds: episode goes to the first above u
  // Thresholds per care index, computed exactly as the episode compares them.
  float notice[kNobody + 1];   // responds to the signal: min(1, responsiveness x signal factor)
  float fright[kNobody + 1];   // response frightens below this
  float rebuff[kNobody + 1];   // ... or rebuffs below this
  float prompt[kNobody + 1];   // comfort is prompt below this (the responsiveness)
  float misread[kNobody + 1];  // a slow response misreads the signal below this (beyond prompt)
  float comfort[kNobody + 1];  // share of a comforting response that soothes
  float signal[kNobody + 1];   // the signal factor (for recorded episodes)
  float learning, threat_learning, missing_learning;
  float alarm, alarm_unanswered, alarm_frightened, soothing, delayed_comfort;
  int principal;
  bool has_figure;
  DayEnd end;
};

// The same for `kWidth` dyads side by side, as the lane kernels read it: one
// row per field, one column per lane, so a field of every lane is one vector
// load.
template <std::size_t kWidth>
struct DayPlanLanes {
  alignas(32) float cumulative[kCaregiverSlots + 1][kWidth];
  float notice[kNobody + 1][kWidth];
  float fright[kNobody + 1][kWidth];
  float rebuff[kNobody + 1][kWidth];
  float prompt[kNobody + 1][kWidth];
  float misread[kNobody + 1][kWidth];
  float comfort[kNobody + 1][kWidth];
  float signal[kNobody + 1][kWidth];
  float learning[kWidth], threat_learning[kWidth], missing_learning[kWidth];
  float alarm[kWidth], alarm_unanswered[kWidth], alarm_frightened[kWidth], soothing[kWidth],
      delayed_comfort[kWidth];
  std::int32_t principal[kWidth];
  std::int32_t has_figure[kWidth];  // 0 or 1
  // DayEnd's fields, row by row.
  std::int32_t active[kCaregiverSlots][kWidth];  // 0 or 1
  float availability_at_dawn[kCaregiverSlots][kWidth];
  float general_at_dawn[kWidth], plasticity[kWidth], readiness[kWidth];
  std::int32_t institution[kWidth];  // 0 or 1
  float u_turnover[kWidth];

  DayEnd end(std::size_t l) const {
    DayEnd e;
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      e.active[j] = active[j][l] != 0;
      e.availability_at_dawn[j] = availability_at_dawn[j][l];
    }
    e.general_at_dawn = general_at_dawn[l];
    e.plasticity = plasticity[l];
    e.readiness = readiness[l];
    e.institution = institution[l] != 0;
    e.u_turnover = u_turnover[l];
    return e;
  }
  void set_end(std::size_t l, const DayEnd& e) {
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      active[j][l] = e.active[j] ? 1 : 0;
      availability_at_dawn[j][l] = e.availability_at_dawn[j];
    }
    general_at_dawn[l] = e.general_at_dawn;
    plasticity[l] = e.plasticity;
    readiness[l] = e.readiness;
    institution[l] = e.institution ? 1 : 0;
    u_turnover[l] = e.u_turnover;
  }

  // Lane l from (or as) a one-dyad plan.
  void set_lane(std::size_t l, const DayPlan& p) {
    for (std::size_t j = 0; j <= kCaregiverSlots; ++j) cumulative[j][l] = p.cumulative[j];
    for (std::size_t j = 0; j <= kNobody; ++j) {
      notice[j][l] = p.notice[j];
      fright[j][l] = p.fright[j];
      rebuff[j][l] = p.rebuff[j];
      prompt[j][l] = p.prompt[j];
      misread[j][l] = p.misread[j];
      comfort[j][l] = p.comfort[j];
      signal[j][l] = p.signal[j];
    }
    learning[l] = p.learning;
    threat_learning[l] = p.threat_learning;
    missing_learning[l] = p.missing_learning;
    alarm[l] = p.alarm;
    alarm_unanswered[l] = p.alarm_unanswered;
    alarm_frightened[l] = p.alarm_frightened;
    soothing[l] = p.soothing;
    delayed_comfort[l] = p.delayed_comfort;
    principal[l] = p.principal;
    has_figure[l] = p.has_figure ? 1 : 0;
    set_end(l, p.end);
  }
  DayPlan lane(std::size_t l) const {
    DayPlan p;
    for (std::size_t j = 0; j <= kCaregiverSlots; ++j) p.cumulative[j] = cumulative[j][l];
    for (std::size_t j = 0; j <= kNobody; ++j) {
      p.notice[j] = notice[j][l];
      p.fright[j] = fright[j][l];
      p.rebuff[j] = rebuff[j][l];
      p.prompt[j] = prompt[j][l];
      p.misread[j] = misread[j][l];
      p.comfort[j] = comfort[j][l];
      p.signal[j] = signal[j][l];
    }
    p.learning = learning[l];
    p.threat_learning = threat_learning[l];
    p.missing_learning = missing_learning[l];
    p.alarm = alarm[l];
    p.alarm_unanswered = alarm_unanswered[l];
    p.alarm_frightened = alarm_frightened[l];
    p.soothing = soothing[l];
    p.delayed_comfort = delayed_comfort[l];
    p.principal = principal[l];
    p.has_figure = has_figure[l] != 0;
    p.end = end(l);
    return p;
  }
  // True when lane l's episodes can only go to slot 0 or nobody: no other
  // slot or staff member has any presence (their cumulative bounds equal
  // slot 0's), and no other slot is the principal figure that misses nobody coming.
  bool one_slot(std::size_t l) const {
    return cumulative[kCaregiverSlots][l] == cumulative[0][l] &&
           !(has_figure[l] != 0 && principal[l] > 0);
  }
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

// The same for `kWidth` dyads side by side, one row per field.
template <std::size_t kWidth>
struct EpisodeSumsLanes {
  alignas(32) float comfort_sum[kScratch + 1][kWidth];
  std::int32_t attended[kScratch + 1][kWidth];
  std::int32_t responded[kScratch + 1][kWidth];
  float distress_sum[kWidth];
  float general_comfort[kWidth];
  std::int32_t responses[kWidth];

  void set_lane(std::size_t l, const EpisodeSums& s) {
    for (std::size_t j = 0; j <= kScratch; ++j) {
      comfort_sum[j][l] = s.comfort_sum[j];
      attended[j][l] = s.attended[j];
      responded[j][l] = s.responded[j];
    }
    distress_sum[l] = s.distress_sum;
    general_comfort[l] = s.general_comfort;
    responses[l] = static_cast<std::int32_t>(s.responses);
  }
  EpisodeSums lane(std::size_t l) const {
    EpisodeSums s;
    for (std::size_t j = 0; j <= kScratch; ++j) {
      s.comfort_sum[j] = comfort_sum[j][l];
      s.attended[j] = attended[j][l];
      s.responded[j] = responded[j][l];
    }
    s.distress_sum = distress_sum[l];
    s.general_comfort = general_comfort[l];
    s.responses = static_cast<std::uint32_t>(responses[l]);
    return s;
  }
};

// Intervention sessions, the last of a caregiver's morning. A programme names
// what it trains (Bakermans-Kranenburg, van IJzendoorn & Juffer 2003; Juffer,
// Bakermans-Kranenburg & van IJzendoorn 2008; Dozier et al. 2008), each target
// a parameter: sensitivity (intervention.gain closes that share of the gap to
// full sensitivity), nurturance (intervention.acceptance removes that share of
// the rebuffs), following the lead (intervention.consistency closes that share
// of the gap to full consistency) and not frightening (intervention.calm
// removes that share of frightening behaviour and of disrupted affective
// communication). Session n (from 0) gains exp(-n / intervention.saturation)
// of the first: what a caregiver can still learn shrinks with the sessions
// already had, so that long programmes add little ("less is more").
inline void attend_intervention(const ModelConstants& k, Caregiver& c) {
  if (c.sessions_left == 0) return;
  if (c.days_to_session == 0) {
    const float dose =
        portable_exp(-static_cast<float>(c.sessions_done) / k.intervention_saturation);
    c.sensitivity += dose * k.intervention_gain * (1.0f - c.sensitivity);
    c.consistency += dose * k.intervention_consistency * (1.0f - c.consistency);
    c.rejection -= dose * k.intervention_acceptance * c.rejection;
    c.frightening -= dose * k.intervention_calm * c.frightening;
    c.disrupted_left -= dose * k.intervention_calm * c.disrupted_left;
    --c.sessions_left;
    if (c.sessions_done < 255) ++c.sessions_done;
    c.days_to_session = static_cast<std::uint8_t>(std::min(k.intervention_interval - 1, 255));
  } else {
    --c.days_to_session;
  }
}

// The episode kernels: `lanes` dyads side by side in SIMD lanes, bit for bit
// the same as the one-dyad loop in dyad_step.cpp. Four lanes build for any
// target; eight are built with AVX2 on x86-64 and used when the CPU has it.
// `one_slot`: every lane's episodes go to slot 0 or nobody (see DayPlanLanes::one_slot).
void run_episodes_lanes4(const DayInput in[4], int episodes, const DayPlanLanes<4>& plans,
                         DyadState* const dyads[4], EpisodeSumsLanes<4>& sums, bool one_slot);
// The morning of `lanes` dyads (plan_day, bit for bit): returns the lanes it
// planned as bits; the caller plans the others with plan_day, priming their
// day streams with block 0, day_words[0..3][lane] (always drawn; the array has kDayWords rows).
constexpr int kDayWords = 12;
unsigned plan_day_lanes4(const DayInput in[4], const ModelConstants* const k[4],
                         DyadState* const dyads[4], DayPlanLanes<4>& plans, const float pressure[4],
                         std::uint32_t (*day_words)[4]);
// The evening of `lanes` dyads (finish_day, bit for bit), figure[l] its
// result; false, with nothing done, when the lanes' parameter sets differ.
bool finish_day_lanes4(const DayInput in[4], const ModelConstants* const k[4],
                       DyadState* const dyads[4], const DayPlanLanes<4>& plans,
                       const EpisodeSumsLanes<4>& sums, int figure[4]);
#if ATTACHSIM_AVX2_KERNEL
bool finish_day_lanes8(const DayInput in[8], const ModelConstants* const k[8],
                       DyadState* const dyads[8], const DayPlanLanes<8>& plans,
                       const EpisodeSumsLanes<8>& sums, int figure[8]);
unsigned plan_day_lanes8(const DayInput in[8], const ModelConstants* const k[8],
                         DyadState* const dyads[8], DayPlanLanes<8>& plans, const float pressure[8],
                         std::uint32_t (*day_words)[8]);
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
void run_episodes_lanes8(const DayInput in[8], int episodes, const DayPlanLanes<8>& plans,
                         DyadState* const dyads[8], EpisodeSumsLanes<8>& sums, bool one_slot);
#endif

}  // namespace attachsim::detail
