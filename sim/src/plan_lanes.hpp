// The morning of the daily step across SIMD lanes: plan_day of several dyads side by side.
//
// Included, like episode_lanes.hpp, by one source file per lane width. It
// must stay bit-for-bit the same as plan_day, update_caregiver_day and
// care_today in dyad_step.cpp: the same operations in the same order on the
// same values, with a branch of theirs turned into a select of both sides
// (tested through step_dyads for every care arrangement).
//
// The lanes take the ordinary days of dyads living under one parameter set.
// A lane whose day is unusual goes back to plan_day: a caregiver starting
// today (the model is reset from the general one) or a depressive episode
// starting today (it takes an extra number from the day stream, shifting
// every later draw). Both are a handful of dyad-days in thousands.
#pragma once

#include <cstdint>

#include "attachsim/development.hpp"
#include "episode_lanes.hpp"

namespace attachsim::detail {
namespace {

template <int kLanes>
struct PlanLanes : LaneOps<kLanes> {
  using typename LaneOps<kLanes>::Floats;
  using typename LaneOps<kLanes>::Masks;
  using LaneOps<kLanes>::splat;
  using LaneOps<kLanes>::gather;
  using LaneOps<kLanes>::gather_int;
  using LaneOps<kLanes>::store;

  // The most day-stream numbers a morning takes without a depression onset:
  // three a caregiver (onset, hassle, spell) and the staff turnover.
  static constexpr int kMaxDayWords = 3 * kCaregiverSlots + 1;
  static constexpr int kMaxDayBlocks = (kMaxDayWords + 3) / 4;
  static_assert(4 * kMaxDayBlocks <= kDayWords, "day_words holds every block a morning takes");

  static Floats min1(Floats x) {  // std::min(1.0f, x)
    return x < splat(1.0f) ? x : splat(1.0f);
  }
  static Floats clamp01(Floats x) {  // std::clamp(x, 0.0f, 1.0f)
    return x < splat(0.0f) ? splat(0.0f) : (splat(1.0f) < x ? splat(1.0f) : x);
  }

  // Today's care of one care index in every lane (CareToday in dyad_step.cpp;
  // its defaults are the care of a slot nobody fills).
  struct Care {
    Floats presence = Floats{};
    Floats responsiveness = Floats{};
    Floats rejection = Floats{};
    Floats frightening = Floats{};
    Floats comfort = splat(1.0f);
    Floats signal_factor = splat(1.0f);
  };

  // Plans the day of every lane it can, as plan_day would with
  // `slot0_pressure` and the day stream's first block, and returns them as
  // bits (lane l: bit l). The other lanes are untouched; the caller plans
  // them with plan_day, priming their day streams with block 0 from
  // day_words[0..3][lane] (always drawn; later rows only as far as needed).
  static unsigned plan(const DayInput in[kLanes], const ModelConstants* const k_of[kLanes],
                       DyadState* const dyads[kLanes], DayPlanLanes<kLanes>& plan,
                       const float slot0_pressure[kLanes], std::uint32_t (*day_words)[kLanes]) {
    const ModelConstants& k = *k_of[0];
    bool one_set = true;
    for (int l = 1; l < kLanes; ++l) one_set = one_set && k_of[l] == k_of[0];
    const Floats one = splat(1.0f), zero = splat(0.0f);
    const Masks day = gather_int([&](int l) { return in[l].day; });
    // Who cares today, and where each caregiver's numbers start in the day
    // stream (onset, hassle, then the spell when spells last a day).
    const Masks per_caregiver = Masks{} + (k.consistency_block > 1 ? 2 : 3);
    Masks role[kCaregiverSlots], active[kCaregiverSlots], first_word[kCaregiverSlots];
    Masks new_figure = Masks{}, words = Masks{};
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      role[j] = gather_int([&](int l) { return dyads[l]->caregivers[j].role; });
      const Masks from = gather_int([&](int l) { return dyads[l]->caregivers[j].active_from_day; });
      active[j] = (role[j] != 0) & (day >= from);
      new_figure |= active[j] & (day == from) & (day > 0);
      first_word[j] = words;
      words += active[j] & per_caregiver;
    }
    const Masks institution =
        active[kPrimarySlot] & (role[kPrimarySlot] == static_cast<int>(CaregiverRole::Institution));
    const Masks turnover_word = words;
    words -= institution;  // one more number (the mask is -1)
    int most_words = 0;
    for (int l = 0; l < kLanes; ++l) most_words = std::max(most_words, static_cast<int>(words[l]));
    const int blocks = std::max(1, std::min((most_words + 3) / 4, kMaxDayBlocks));
    EpisodeLanes<kLanes>::blocks(in, Stream::Day, blocks, day_words);
    if (!one_set) return 0;
    // Word `index[l] + offset` of every lane's day stream as a uniform. A
    // lane whose caregiver takes no numbers may point past the blocks drawn;
    // it reads the last word drawn instead, and the value goes unused.
    const int last_word = 4 * blocks - 1;
    const auto words_at = [&](Masks index, int offset) {
      return gather([&](int l) {
        const int at = std::min(static_cast<int>(index[l]) + offset, last_word);
        return RandomStream::to_uniform(day_words[at][l]);
      });
    };

    // Depression onsets, decided from the morning's state as
    // update_caregiver_day decides them: such a lane goes back to plan_day.
    Masks depressed_days[kCaregiverSlots];
    Floats old_stress[kCaregiverSlots];
    Masks usual = ~new_figure;
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      depressed_days[j] = gather_int([&](int l) { return dyads[l]->caregivers[j].depressed_days; });
      old_stress[j] = gather([&](int l) { return dyads[l]->caregivers[j].stress; });
      const Floats onset_chance =
          gather([&](int l) { return dyads[l]->caregivers[j].depression_onset; }) *
          (one + splat(k.stress_depression) * old_stress[j]);
      const Masks onset =
          active[j] & (depressed_days[j] == 0) & (words_at(first_word[j], 0) < onset_chance);
      usual &= ~onset;
    }
    unsigned planned = 0;
    for (int l = 0; l < kLanes; ++l) planned |= usual[l] != 0 ? 1u << l : 0u;
    if (planned == 0) return 0;
    // Intervention sessions only change traits care_today reads later, so
    // they can come first (rare: one branch a caregiver).
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      const Masks sessions =
          gather_int([&](int l) { return dyads[l]->caregivers[j].sessions_left; });
      const Masks attend = usual & active[j] & (sessions > 0);
      for (int l = 0; l < kLanes; ++l)
        if (attend[l] != 0) attend_intervention(k, dyads[l]->caregivers[j]);
    }

    // Consistency spells longer than a day: one block of the spell stream a lane.
    alignas(sizeof(Floats)) std::uint32_t spell_words[4][kLanes];
    if (k.consistency_block > 1) {
      DayInput spell_in[kLanes];
      for (int l = 0; l < kLanes; ++l)
        spell_in[l] = DayInput{in[l].seed, in[l].dyad,
                               in[l].day / static_cast<std::uint32_t>(k.consistency_block), 0.0f};
      EpisodeLanes<kLanes>::blocks(spell_in, Stream::Day, 1, spell_words, 1);
    }

    const Floats neighbour_stress = gather([&](int l) { return in[l].neighbour_stress; });
    Care care[kNobody + 1];
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      const auto of = [&](int l) -> Caregiver& { return dyads[l]->caregivers[j]; };
      const Masks cares = usual & active[j];
      bool any = false;
      for (int l = 0; l < kLanes; ++l) any = any || cares[l] != 0;
      if (!any) continue;  // the slot's care keeps the defaults in every lane

      // update_caregiver_day: the depressive episode runs on, stress.
      const Masks days_left = depressed_days[j] > 0 ? depressed_days[j] - 1 : depressed_days[j];
      const Floats u_hassle = words_at(first_word[j], 1);
      const Floats risk = gather([&](int l) { return of(l).risk; });
      const Masks hassle = u_hassle < splat(k.hassle_rate) + splat(k.risk_hassle_rate) * risk;
      Floats recovery = splat(k.stress_recovery);
      Floats stress = old_stress[j];
      if (k.community && j == kPrimarySlot) {
        const Masks primary = role[j] == static_cast<int>(CaregiverRole::Primary);
        recovery = primary
                       ? recovery * (one + splat(k.community_support) * (one - neighbour_stress))
                       : recovery;
        stress = primary
                     ? stress + splat(k.community_contagion) * (neighbour_stress - old_stress[j])
                     : stress;
      }
      stress = stress * (one - (one < recovery ? one : recovery)) +
               (hassle ? splat(k.hassle_size) : zero);
      stress = clamp01(stress);

      // care_today.
      const Masks depressed = days_left > 0;
      Floats sensitivity = gather([&](int l) { return of(l).sensitivity; }) *
                           (one - splat(k.stress_sensitivity) * stress);
      sensitivity = depressed ? sensitivity * (one - splat(k.depression_sensitivity)) : sensitivity;
      const Floats u_spell =
          k.consistency_block > 1
              ? gather([&](int l) { return RandomStream::to_uniform(spell_words[j][l]); })
              : words_at(first_word[j], 2);
      const Floats attuned = u_spell < sensitivity ? one : zero;
      const Floats consistency = gather([&](int l) { return of(l).consistency; });
      const Floats responsiveness = consistency * sensitivity + (one - consistency) * attuned;
      const Floats load = gather([&](int l) { return of(l).load; });
      Care t;
      t.responsiveness = responsiveness * min1(splat(k.capacity) / load);
      t.rejection = clamp01(gather([&](int l) { return of(l).rejection; }) +
                            splat(k.stress_rejection) * stress +
                            (depressed ? splat(k.depression_rejection) : zero));
      const Masks unresolved =
          gather_int([&](int l) {
            return static_cast<int>(of(l).state_of_mind == StateOfMind::Unresolved);
          }) != 0;
      const Floats disrupted =
          clamp01(splat(k.disrupted_rate) + (unresolved ? splat(k.disrupted_unresolved) : zero) +
                  splat(k.disrupted_stress) * stress +
                  (depressed ? splat(k.disrupted_depression) : zero)) *
          gather([&](int l) { return of(l).disrupted_left; });
      const Floats frightening = gather([&](int l) { return of(l).frightening; });
      t.frightening = frightening + disrupted * (one - frightening);
      t.comfort = depressed ? splat(1.0f - k.depression_flat_affect) : one;
      const Masks away_days = gather_int([&](int l) { return of(l).away_days; });
      t.presence = away_days > 0 ? zero
                                 : gather([&](int l) { return of(l).presence; }) *
                                       (depressed ? splat(1.0f - k.depression_availability) : one);
      // Slot 0's pressure came from the lane kernel; the others' from their models.
      Floats pressure;
      if (j == kPrimarySlot) {
        pressure = gather([&](int l) { return slot0_pressure[l]; });
      } else {
        const WorkingModel* models[kLanes];
        const ModelConstants* constants[kLanes];
        for (int l = 0; l < kLanes; ++l) {
          models[l] = &dyads[l]->models[j];
          constants[l] = &k;
        }
        float out[kLanes];
        StrategyLanes<kLanes>::signal_pressure(models, constants, out);
        pressure = gather([&](int l) { return out[l]; });
      }
      t.signal_factor = one + splat(k.signal_gain) * pressure;
      const Masks on = active[j];
      care[j].presence = on ? t.presence : care[j].presence;
      care[j].responsiveness = on ? t.responsiveness : care[j].responsiveness;
      care[j].rejection = on ? t.rejection : care[j].rejection;
      care[j].frightening = on ? t.frightening : care[j].frightening;
      care[j].comfort = on ? t.comfort : care[j].comfort;
      care[j].signal_factor = on ? t.signal_factor : care[j].signal_factor;

      // The caregiver's state after the morning.
      const Masks away_left = away_days > 0 ? away_days - 1 : away_days;
      for (int l = 0; l < kLanes; ++l) {
        if (cares[l] == 0) continue;
        Caregiver& c = of(l);
        c.depressed_days = static_cast<std::uint16_t>(days_left[l]);
        c.stress = stress[l];
        c.away_days = static_cast<std::uint16_t>(away_left[l]);
      }
    }

    // Day care on weekdays displaces home care for its hours.
    {
      const Masks weekday = gather_int([&](int l) { return in[l].day % 7 < 5 ? -1 : 0; });
      const Masks on = active[kDaycareSlot];
      const Floats share = weekday ? care[kDaycareSlot].presence : zero;
      care[kDaycareSlot].presence = on ? share : care[kDaycareSlot].presence;
      for (std::size_t j = 0; j < kDaycareSlot; ++j)
        care[j].presence = on ? care[j].presence * (one - share) : care[j].presence;
    }
    // In an institution the slot is the staff member the child knows best.
    {
      const Floats all_staff = care[kPrimarySlot].presence;
      Care& staff = care[kAnonymousStaff];
      const Care& best_known = care[kPrimarySlot];
      staff.responsiveness = institution ? best_known.responsiveness : staff.responsiveness;
      staff.rejection = institution ? best_known.rejection : staff.rejection;
      staff.frightening = institution ? best_known.frightening : staff.frightening;
      staff.comfort = institution ? best_known.comfort : staff.comfort;
      const Floats known_share = all_staff / splat(k.institution_rotation);
      care[kPrimarySlot].presence = institution ? known_share : care[kPrimarySlot].presence;
      staff.presence = institution ? all_staff - known_share : staff.presence;
    }
    Floats total_presence = zero;
    for (std::size_t j = 0; j <= kAnonymousStaff; ++j) total_presence += care[j].presence;
    const Floats presence_scale = total_presence > one ? one / total_presence : one;
    Floats cumulative[kCaregiverSlots + 1];
    Floats running = zero;
    for (std::size_t j = 0; j <= kCaregiverSlots; ++j) {
      running += care[j].presence * presence_scale;
      cumulative[j] = running;
    }

    // Development and the infant's arousal.
    const Floats age = gather([&](int l) { return static_cast<float>(in[l].day); });
    const Floats r = age / splat(k.plasticity_age_days);
    const Floats plasticity =
        splat(k.plasticity_floor) + splat(1.0f - k.plasticity_floor) / (one + r * r);
    const Floats learning = splat(k.learning_rate) * plasticity;
    const Floats threat_learning = min1(learning * splat(k.threat_gain));
    const Floats maturation = gather([&](int l) { return dyads[l]->infant.maturation_day; });
    const Floats preattachment = splat(k.preattachment_day);
    const Floats readiness =
        age <= preattachment
            ? zero
            : (age >= maturation ? one : (age - preattachment) / (maturation - preattachment));
    // principal_figure: the strongest bond among caregivers in the infant's life.
    Masks principal = Masks{} - 1;
    Floats best_bond = splat(-1.0f);
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      const Floats bond = gather([&](int l) { return dyads[l]->models[j].bond; });
      const Masks stronger = active[j] & (bond > best_bond);
      principal = stronger ? Masks{} + static_cast<std::int32_t>(j) : principal;
      best_bond = stronger ? bond : best_bond;
    }
    const Masks has_figure = (principal >= 0) & (best_bond >= splat(kDiscriminationBond));
    const Floats slow_arousal = gather([&](int l) { return dyads[l]->infant.slow_arousal; });
    const Floats set_point = gather([&](int l) { return dyads[l]->infant.stress_set_point; });
    const Floats alarm =
        gather([&](int l) { return dyads[l]->infant.reactivity; }) *
        (one + splat(k.sensitisation) * (slow_arousal < set_point ? set_point : slow_arousal));
    const Floats alarm_unanswered = alarm * splat(1.0f + k.escalation);
    const Floats alarm_frightened = alarm + splat(k.fright_arousal);
    const Floats soothing =
        splat(k.buffering) * gather([&](int l) { return dyads[l]->infant.soothability; });
    const Floats separation =
        age >= splat(k.goal_corrected_day) ? splat(k.goal_corrected_tolerance) : one;
    const Floats missing_learning = learning * separation;

    // The thresholds the episodes compare against, per care index. Every
    // lane is written; the caller overwrites the lanes it plans itself.
    for (std::size_t j = 0; j <= kCaregiverSlots; ++j) store(plan.cumulative[j], cumulative[j]);
    for (std::size_t j = 0; j <= kNobody; ++j) {
      const Care& t = care[j];
      store(plan.notice[j], min1(t.responsiveness * t.signal_factor));
      store(plan.fright[j], t.frightening);
      store(plan.rebuff[j], t.frightening + t.rejection * (one - t.frightening));
      store(plan.prompt[j], t.responsiveness);
      store(plan.misread[j], splat(k.misreading) * (one - t.responsiveness));
      store(plan.comfort[j], t.comfort);
      store(plan.signal[j], t.signal_factor);
    }
    store(plan.learning, learning);
    store(plan.threat_learning, threat_learning);
    store(plan.missing_learning, missing_learning);
    store(plan.alarm, alarm);
    store(plan.alarm_unanswered, alarm_unanswered);
    store(plan.alarm_frightened, alarm_frightened);
    store(plan.soothing, soothing);
    store(plan.delayed_comfort, splat(k.delayed_comfort));
    store(plan.principal, principal);
    store(plan.has_figure, has_figure & 1);  // as 0 or 1
    // What the evening needs.
    const Masks one_int = Masks{} + 1;
    for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
      store(plan.active[j], active[j] & one_int);
      store(plan.availability_at_dawn[j],
            gather([&](int l) { return dyads[l]->models[j].availability; }));
    }
    store(plan.general_at_dawn, gather([&](int l) { return dyads[l]->general.availability; }));
    store(plan.plasticity, plasticity);
    store(plan.readiness, readiness);
    store(plan.institution, institution & one_int);
    // Institutional staff turnover takes the day stream's next number.
    store(plan.u_turnover, institution ? words_at(turnover_word, 0) : one);
    return planned;
  }
};

}  // namespace
}  // namespace attachsim::detail
