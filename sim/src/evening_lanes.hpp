// The evening of the daily step across SIMD lanes: finish_day of several dyads side by side.
//
// Included, like episode_lanes.hpp, by one source file per lane width. It
// must stay bit-for-bit the same as finish_day and learn_predictability in
// dyad_step.cpp: the same operations in the same order on the same values,
// each branch of theirs a select of both sides (tested through step_dyads).
// Lanes under different parameter sets go back to finish_day.
#pragma once

#include <cmath>
#include <cstdint>

#include "episode_lanes.hpp"

namespace attachsim::detail {
namespace {

template <int kLanes>
struct EveningLanes : LaneOps<kLanes> {
  using typename LaneOps<kLanes>::Floats;
  using typename LaneOps<kLanes>::Masks;
  using typename LaneOps<kLanes>::Words;
  using LaneOps<kLanes>::splat;
  using LaneOps<kLanes>::gather;
  using LaneOps<kLanes>::gather_int;
  using LaneOps<kLanes>::load;

  // Correctly rounded, as std::sqrt is.
  static Floats sqrt(Floats x) {
#if defined(__AVX2__)
    if constexpr (kLanes == 8) return (Floats)_mm256_sqrt_ps((__m256)x);
#endif
    for (int l = 0; l < kLanes; ++l) x[l] = std::sqrt(x[l]);
    return x;
  }
  static Floats abs(Floats x) {  // std::abs: the sign bit cleared
    Words bits;
    std::memcpy(&bits, &x, sizeof bits);
    bits &= 0x7FFFFFFFu;
    std::memcpy(&x, &bits, sizeof x);
    return x;
  }

  // learn_predictability: the new predictability.
  static Floats learn_predictability(Floats predictability, Floats expected, Floats comfort_sum,
                                     Floats episodes, Floats rate, const ModelConstants& k) {
    const Floats one = splat(1.0f), zero = splat(0.0f);
    const Floats today = comfort_sum / episodes;
    const Floats chance = sqrt(expected * (one - expected) / episodes);
    const Floats beyond = abs(today - expected) - chance;
    const Floats surprise = zero < beyond ? beyond : zero;  // std::max(0.0f, beyond)
    const Floats gained = splat(k.predictability_gain) * surprise;
    const Floats matched = one - (gained < one ? gained : one);
    return predictability + rate * (matched - predictability);
  }

  // finish_day for every lane: figure[l] is its return value. False (and
  // nothing done) when the lanes live under different parameter sets.
  static bool finish(const DayInput in[kLanes], const ModelConstants* const k_of[kLanes],
                     DyadState* const dyads[kLanes], const DayPlanLanes<kLanes>& plan,
                     const EpisodeSumsLanes<kLanes>& sums, int figure[kLanes]) {
    for (int l = 1; l < kLanes; ++l)
      if (k_of[l] != k_of[0]) return false;
    const ModelConstants& k = *k_of[0];
    const Floats plasticity = load(plan.plasticity);
    const Floats readiness = load(plan.readiness);
    const Floats predictability_learning = splat(k.predictability_rate) * plasticity;
    const Floats kept = splat(1.0f - k.bond_decay);
    Floats predictability[kCaregiverSlots], bond[kCaregiverSlots];
    Masks active[kCaregiverSlots];
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      active[j] = load(plan.active[j]) != 0;
      const Masks present =
          gather_int([&](int l) { return dyads[l]->caregivers[j].present_in_life(); }) != 0;
      const Masks attended = load(sums.attended[j]);
      const Masks responded = load(sums.responded[j]);
      const Floats attended_f = __builtin_convertvector(attended, Floats);
      const Floats responded_f = __builtin_convertvector(responded, Floats);
      predictability[j] = gather([&](int l) { return dyads[l]->models[j].predictability; });
      const Floats learned =
          learn_predictability(predictability[j], load(plan.availability_at_dawn[j]),
                               load(sums.comfort_sum[j]), attended_f, predictability_learning, k);
      predictability[j] = (active[j] & (attended > 0)) ? learned : predictability[j];
      // The bond grows with responsiveness; without a response it decays.
      const Floats old_bond = gather([&](int l) { return dyads[l]->models[j].bond; });
      const Floats grown =
          old_bond + splat(k.bond_rate) * readiness * plasticity * responded_f / attended_f;
      bond[j] = active[j] ? (responded > 0 ? grown : old_bond * kept) : old_bond;
      bond[j] = present ? bond[j] : bond[j] * kept;  // no longer in the infant's life
    }
    const Floats episodes = splat(static_cast<float>(k.episodes_per_day));
    const Floats general_predictability = learn_predictability(
        gather([&](int l) { return dyads[l]->general.predictability; }), load(plan.general_at_dawn),
        load(sums.general_comfort), episodes, predictability_learning, k);
    const Floats day_distress = load(sums.distress_sum) / episodes;
    Floats slow_arousal = gather([&](int l) { return dyads[l]->infant.slow_arousal; });
    slow_arousal += (day_distress - slow_arousal) / splat(k.slow_days);
    Floats set_point = gather([&](int l) { return dyads[l]->infant.stress_set_point; });
    set_point += plasticity * (slow_arousal - set_point) / splat(k.calibration_days);
    // Institutional staff turnover: the bond starts again.
    const Masks turnover = (load(plan.institution) != 0) &
                           (load(plan.u_turnover) < splat(k.institution_turnover_per_day));
    bond[kPrimarySlot] = turnover ? splat(0.0f) : bond[kPrimarySlot];
    // principal_figure on the evening's bonds (who is in the infant's life
    // has not changed since the morning).
    Masks principal = Masks{} - 1;
    Floats best_bond = splat(-1.0f);
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      const Masks stronger = active[j] & (bond[j] > best_bond);
      principal = stronger ? Masks{} + static_cast<std::int32_t>(j) : principal;
      best_bond = stronger ? bond[j] : best_bond;
    }
    const Masks attached = (principal >= 0) & (best_bond >= splat(kDiscriminationBond));

    for (int l = 0; l < kLanes; ++l) {
      DyadState& d = *dyads[l];
      for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
        d.models[j].predictability = predictability[j][l];
        d.models[j].bond = bond[j][l];
      }
      d.general.predictability = general_predictability[l];
      d.infant.slow_arousal = slow_arousal[l];
      d.infant.stress_set_point = set_point[l];
      if (attached[l] != 0) {
        if (!d.infant.attached())
          d.infant.onset_day = static_cast<std::uint16_t>(std::min(in[l].day + 1, 65535u));
        figure[l] = principal[l];
      } else {
        d.infant.strategy = Strategy::None;
        figure[l] = -1;
      }
    }
    return true;
  }
};

}  // namespace
}  // namespace attachsim::detail
