// The daily step of one dyad: the hot loop of the engine.
//
// A day has three parts. (1) Each caregiver's state for the day: depression
// course, stress (with neighbours' support and contagion), intervention
// sessions, and how responsive, rejecting and present the caregiver is today.
// (2) The infant's alarm episodes: who is there, whether they respond, how,
// and what the infant learns. (3) End of day: predictability, slow arousal,
// bond decay, onset of a discriminated attachment, the provisional strategy.
// This file holds the one-dyad code (the reference) and step_dyads, which runs
// all three parts for 4 or 8 dyads at once with the lane kernels
// (plan_lanes.hpp, episode_lanes.hpp, evening_lanes.hpp), bit for bit the same.
#include "attachsim/dyad_step.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <tuple>

#include "attachsim/development.hpp"
#include "attachsim/population.hpp"
#include "attachsim/random.hpp"
#include "day_plan.hpp"

namespace attachsim {

using namespace detail;

namespace {

// Today's caregiving of one slot, after stress, depression and consistency.
struct CareToday {
  float presence = 0;        // share of episodes this caregiver is there for
  float responsiveness = 0;  // chance of noticing and responding to a plain signal
  float rejection = 0;       // share of responses that rebuff
  float frightening = 0;     // share of responses that frighten
  float comfort = 1;         // how much of a comforting response actually soothes
  float signal_factor = 1;   // how the infant's strategy changes the signal's reach
};

float clamp01(float x) {
  return std::clamp(x, 0.0f, 1.0f);
}

// `condition ? a : b` on the bits, so the compiler cannot turn it back into a
// branch: the episode loop's conditions are random and would be mispredicted.
inline float select(bool condition, float a, float b) {
  const std::uint32_t mask = 0u - static_cast<std::uint32_t>(condition);
  return std::bit_cast<float>((std::bit_cast<std::uint32_t>(a) & mask) |
                              (std::bit_cast<std::uint32_t>(b) & ~mask));
}

void update_caregiver_day(const DayInput& in, const ModelConstants& k, Caregiver& c,
                          std::size_t slot, RandomStream& daily) {
  // Depression: an ongoing episode runs its course; otherwise onset, made more
  // likely by stress (stress-diathesis).
  const float u_onset = daily.uniform();
  const float u_hassle = daily.uniform();
  if (c.depressed_days > 0) {
    --c.depressed_days;
  } else if (u_onset < c.depression_onset * (1.0f + k.stress_depression * c.stress)) {
    // Drawn only at onset: the stream stays reproducible, and rare events cost nothing daily.
    const float days = -std::log(daily.uniform_open()) * k.depression_days;
    c.depressed_days = static_cast<std::uint16_t>(std::clamp(days, 1.0f, 60000.0f));
  }
  // Stress: hassles more frequent with cumulative risk; recovery helped by
  // calm neighbours; pulled toward the neighbourhood's stress (primary only,
  // the household's link to the community).
  const bool hassle = u_hassle < k.hassle_rate + k.risk_hassle_rate * c.risk;
  float recovery = k.stress_recovery;
  float stress = c.stress;
  if (k.community && slot == kPrimarySlot && c.role == CaregiverRole::Primary) {
    recovery *= 1.0f + k.community_support * (1.0f - in.neighbour_stress);
    stress += k.community_contagion * (in.neighbour_stress - c.stress);
  }
  stress = stress * (1.0f - std::min(recovery, 1.0f)) + select(hassle, k.hassle_size, 0.0f);
  c.stress = clamp01(stress);
  attend_intervention(k, c);
}

// `spell`: the day's block of the spell stream when consistency spells last
// more than a day (word `slot` is this caregiver's draw), else null.
CareToday care_today(const ModelConstants& k, const Caregiver& c, std::size_t slot,
                     RandomStream& daily, const r123::Philox4x32::ctr_type* spell) {
  CareToday t;
  const bool depressed = c.depressed();
  float sensitivity = c.sensitivity * (1.0f - k.stress_sensitivity * c.stress);
  if (depressed) sensitivity *= 1.0f - k.depression_sensitivity;
  // Consistency: a consistent caregiver is equally responsive every day; an
  // inconsistent one is fully attuned in some spells and hardly at all in
  // others, with the same mean (Ainsworth's inconsistently responsive mothers).
  const float u_spell = spell ? RandomStream::to_uniform(spell->v[slot]) : daily.uniform();
  const float attuned = select(u_spell < sensitivity, 1.0f, 0.0f);  // random: no branch
  const float responsiveness = c.consistency * sensitivity + (1.0f - c.consistency) * attuned;
  // Several children at once dilute how many signals one caregiver can meet.
  t.responsiveness = responsiveness * std::min(1.0f, k.capacity / c.load);
  t.rejection = clamp01(c.rejection + k.stress_rejection * c.stress +
                        (depressed ? k.depression_rejection : 0.0f));
  // Anomalous responses: frightening or frightened behaviour (Main & Hesse
  // 1990), or else disrupted affective communication (Lyons-Ruth et al. 1999:
  // withdrawal, contradictory cues, role confusion), more likely while depressed,
  // stressed or unresolved. Either leaves the haven a source of alarm.
  const float disrupted =
      clamp01(k.disrupted_rate +
              (c.state_of_mind == StateOfMind::Unresolved ? k.disrupted_unresolved : 0.0f) +
              k.disrupted_stress * c.stress + (depressed ? k.disrupted_depression : 0.0f)) *
      c.disrupted_left;
  t.frightening = c.frightening + disrupted * (1.0f - c.frightening);
  t.comfort = depressed ? 1.0f - k.depression_flat_affect : 1.0f;
  t.presence =
      c.away_days > 0 ? 0.0f : c.presence * (depressed ? 1.0f - k.depression_availability : 1.0f);
  return t;
}

// Predictability follows how far the day's comfort was from what the infant
// expected, beyond what chance alone explains for that many episodes: a
// caregiver seen less often is not thereby less predictable.
void learn_predictability(WorkingModel& m, float expected, float comfort_sum, int episodes,
                          float rate, const ModelConstants& k) {
  const auto n = static_cast<float>(episodes);
  const float today = comfort_sum / n;
  const float chance = std::sqrt(expected * (1.0f - expected) / n);
  const float surprise = std::max(0.0f, std::abs(today - expected) - chance);
  const float matched = 1.0f - std::min(1.0f, k.predictability_gain * surprise);
  m.predictability += rate * (matched - m.predictability);
}

// Part (1): each caregiver's day, and what the episodes will need.
// `slot0_pressure`: slot 0's signal pressure computed beforehand from its
// model (by the lane kernel), or null; not used on a day that resets the model.
// `day_block`: block 0 of the dyad's day stream, computed beforehand (for
// eight dyads at once), or null.
void plan_day(const DayInput& in, const ModelConstants& k, DyadState& dyad, DayPlan& plan,
              const float* slot0_pressure = nullptr,
              const r123::Philox4x32::ctr_type* day_block = nullptr) {
  DayEnd& end = plan.end;
  for (bool& a : end.active) a = false;
  Infant& infant = dyad.infant;
  CaregiverSlots& caregivers = dyad.caregivers;
  WorkingModels& models = dyad.models;
  const float age = static_cast<float>(in.day);
  RandomStream daily(in.seed, in.dyad, in.day, Stream::Day);
  if (day_block) daily.prime(*day_block);

  // Spells longer than a day: every day of a spell sees the same draws, one
  // Philox block keyed by the spell's number, a word per slot.
  r123::Philox4x32::ctr_type spell_block;
  const r123::Philox4x32::ctr_type* spell = nullptr;
  if (k.consistency_block > 1) {
    const RandomStream spells(
        in.seed, in.dyad, in.day / static_cast<std::uint32_t>(k.consistency_block), Stream::Day, 1);
    spell_block = spells.block(0);
    spell = &spell_block;
  }

  CareToday care[kNobody + 1];
  for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
    Caregiver& c = caregivers[j];
    if (!c.present_in_life() || in.day < c.active_from_day) continue;
    end.active[j] = true;
    const bool new_figure = in.day == c.active_from_day && in.day > 0;
    if (new_figure)  // a new figure: start from what is known
      models[j] = generalised_prior(dyad.general, k);
    update_caregiver_day(in, k, c, j, daily);
    care[j] = care_today(k, c, j, daily, spell);
    if (c.away_days > 0) --c.away_days;  // away today; back when this reaches zero
    // Maximising keeps signals up so they are met more often; minimising masks them.
    const float pressure = j == kPrimarySlot && slot0_pressure && !new_figure
                               ? *slot0_pressure
                               : signal_pressure(models[j], k);
    care[j].signal_factor = 1.0f + k.signal_gain * pressure;
  }
  // Institutional staff turnover (decided in the evening) takes the day
  // stream's next number: usually the fourth of the block slot 0 started.
  end.institution =
      end.active[kPrimarySlot] && caregivers[kPrimarySlot].role == CaregiverRole::Institution;
  end.u_turnover = end.institution ? daily.uniform() : 1.0f;
  // Day care on weekdays displaces home care for its hours.
  if (end.active[kDaycareSlot]) {
    const bool weekday = in.day % 7 < 5;
    const float share = weekday ? care[kDaycareSlot].presence : 0.0f;
    care[kDaycareSlot].presence = share;
    for (std::size_t j = 0; j < kDaycareSlot; ++j) care[j].presence *= 1.0f - share;
  }
  // In an institution the slot is the staff member the child knows best; the
  // other staff on the rota take the rest of the episodes.
  if (end.institution) {
    const float all_staff = care[kPrimarySlot].presence;
    care[kAnonymousStaff] = care[kPrimarySlot];
    care[kAnonymousStaff].signal_factor = 1.0f;
    care[kPrimarySlot].presence = all_staff / k.institution_rotation;
    care[kAnonymousStaff].presence = all_staff - care[kPrimarySlot].presence;
  }
  float total_presence = 0;
  for (std::size_t j = 0; j <= kAnonymousStaff; ++j) total_presence += care[j].presence;
  const float presence_scale = total_presence > 1.0f ? 1.0f / total_presence : 1.0f;
  float running = 0;
  for (std::size_t j = 0; j <= kCaregiverSlots; ++j) {
    running += care[j].presence * presence_scale;
    plan.cumulative[j] = running;
  }
  care[kNobody].responsiveness = 0;  // u_notice >= 0 is never below 0: nobody responds
  for (std::size_t j = 0; j <= kNobody; ++j) {
    const CareToday& t = care[j];
    plan.notice[j] = std::min(1.0f, t.responsiveness * t.signal_factor);
    plan.fright[j] = t.frightening;
    plan.rebuff[j] = t.frightening + t.rejection * (1.0f - t.frightening);
    plan.prompt[j] = t.responsiveness;
    plan.misread[j] = k.misreading * (1.0f - t.responsiveness);
    plan.comfort[j] = t.comfort;
    plan.signal[j] = t.signal_factor;
  }

  end.plasticity = plasticity(age, k);
  plan.learning = k.learning_rate * end.plasticity;
  plan.threat_learning = std::min(1.0f, plan.learning * k.threat_gain);
  end.readiness = attachment_readiness(age, infant.maturation_day, k);
  plan.principal = principal_figure(caregivers, models, in.day);
  plan.has_figure = plan.principal >= 0 &&
                    models[static_cast<std::size_t>(plan.principal)].bond >= kDiscriminationBond;
  // Alarm is amplified by the current slow arousal or by a stress system
  // calibrated high by earlier adversity, whichever is greater.
  plan.alarm = infant.reactivity *
               (1.0f + k.sensitisation * std::max(infant.slow_arousal, infant.stress_set_point));
  plan.alarm_unanswered = plan.alarm * (1.0f + k.escalation);  // an unanswered cry escalates
  plan.alarm_frightened = plan.alarm + k.fright_arousal;
  plan.soothing = k.buffering * infant.soothability;
  plan.delayed_comfort = k.delayed_comfort;
  // Nobody came while the infant already misses a particular person: its
  // expectation of that person falls (felt comfort is zero when nobody comes).
  plan.missing_learning = plan.learning * separation_alarm(age, k);
  for (std::size_t j = 0; j < kCaregiverSlots; ++j)
    end.availability_at_dawn[j] = models[j].availability;
  end.general_at_dawn = dyad.general.availability;
}

// Part (2), one dyad: the episodes. Written without data-dependent branches:
// who comes and how they respond are random, so branches on them would be
// mispredicted about half the time. Every outcome is computed and the right
// one selected; multiplying a learning rate by a 0/1 mask gives the same bits
// as the branch it replaces. "Nobody" is a fifth care index that never
// notices, and episodes with anonymous staff learn into a scratch model slot
// that is thrown away. The lane kernel below must stay bit-for-bit the same.
EpisodeSums run_episodes(const DayInput& in, int episodes, const DayPlan& plan, DyadState& dyad,
                         std::vector<Episode>* record) {
  EpisodeSums sums;
  // Per care index: which model learns, at what rate its availability learns,
  // and which tallies count the episode.
  const std::size_t learner[kNobody + 1] = {
      0, 1, 2, kScratch, plan.has_figure ? static_cast<std::size_t>(plan.principal) : kScratch};
  const float availability_learning[kNobody + 1] = {plan.learning, plan.learning, plan.learning,
                                                    plan.learning, plan.missing_learning};
  constexpr std::size_t tallied[kNobody + 1] = {0, 1, 2, kScratch, kScratch};
  const float comfort_factor[2] = {plan.delayed_comfort, 1.0f};  // late, prompt
  WorkingModel local[kScratch + 1];
  for (std::size_t j = 0; j < kCaregiverSlots; ++j) local[j] = dyad.models[j];
  local[kScratch] = WorkingModel{};
  WorkingModel general = dyad.general;
  const float learning = plan.learning;
  const float alarm = plan.alarm;

  // Four 16-bit draws per episode: one Philox call (four 32-bit numbers) serves two episodes.
  RandomStream random(in.seed, in.dyad, in.day, Stream::Episode);
  for (int e = 0; e < episodes; ++e) {
    float u_who, u_notice, u_prompt, u_kind;
    random.uniform_pair16(u_who, u_notice);
    random.uniform_pair16(u_prompt, u_kind);
    // The first slot whose cumulative presence exceeds u_who (cumulative is
    // non-decreasing, so that is the number of bounds at or below it); 4 = nobody.
    const std::size_t who = static_cast<std::size_t>(u_who >= plan.cumulative[0]) +
                            static_cast<std::size_t>(u_who >= plan.cumulative[1]) +
                            static_cast<std::size_t>(u_who >= plan.cumulative[2]) +
                            static_cast<std::size_t>(u_who >= plan.cumulative[3]);
    const bool noticed = u_notice < plan.notice[who];
    const bool fright = noticed & (u_kind < plan.fright[who]);
    const bool rebuff = noticed & !fright & (u_kind < plan.rebuff[who]);
    const bool kind = noticed & !fright & !rebuff;
    const bool prompt = kind & (u_prompt < plan.prompt[who]);
    // Not prompt: either late comfort or a misread signal.
    const bool misread = kind & !prompt & ((u_prompt - plan.prompt[who]) < plan.misread[who]);
    const bool comforted = kind & !misread;

    // Outcome: how much comfort the infant received, and the arousal left.
    const float outcome =
        plan.comfort[who] * comfort_factor[prompt] * static_cast<float>(comforted);
    const float soothed = alarm * (1.0f - plan.soothing * outcome);  // = alarm when not comforted
    const float after =
        select(fright, plan.alarm_frightened, select(noticed, soothed, plan.alarm_unanswered));
    sums.distress_sum += after;

    // What the infant learns is the comfort it felt: the same response leaves
    // a highly reactive infant less calm, so it learns that comfort helps less
    // (temperament acting through experience; Groh et al. 2017).
    const float felt = outcome * (1.0f - select(after < 1.0f, after, 1.0f));
    // A bid for closeness is met by comfort; a rebuff or a misread signal leaves it unmet.
    const float bid_met = static_cast<float>(comforted);
    const float frightened = static_cast<float>(fright);
    const float accept_learning = learning * static_cast<float>(noticed & !fright);
    const float response_threat_learning = plan.threat_learning * static_cast<float>(noticed);
    // Every episode, with anyone or no one, also teaches what caregivers in general are like.
    general.availability += learning * (felt - general.availability);
    general.acceptance += accept_learning * (bid_met - general.acceptance);
    general.threat += response_threat_learning * (frightened - general.threat);
    sums.general_comfort += felt;
    // The caregiver who came (or the missed figure when nobody came) learns
    // into its slot; anonymous staff into the scratch slot.
    WorkingModel& m = local[learner[who]];
    m.availability += availability_learning[who] * (felt - m.availability);
    m.acceptance += accept_learning * (bid_met - m.acceptance);
    m.threat += response_threat_learning * (frightened - m.threat);
    const std::size_t slot = tallied[who];
    sums.comfort_sum[slot] += felt;
    ++sums.attended[slot];
    sums.responded[slot] += noticed;
    sums.responses += noticed;

    if (record) {
      const Response response = !noticed  ? Response::None
                                : fright  ? Response::Fright
                                : rebuff  ? Response::Rebuff
                                : prompt  ? Response::PromptComfort
                                : misread ? Response::Misread
                                          : Response::LateComfort;
      Episode ep;
      ep.day = in.day;
      ep.index = static_cast<std::uint8_t>(e);
      ep.caregiver = who < kCaregiverSlots    ? static_cast<std::int8_t>(who)
                     : who == kAnonymousStaff ? std::int8_t{-2}
                                              : std::int8_t{-1};
      ep.response = response;
      ep.signal = plan.signal[who] * alarm;
      ep.arousal_before = alarm;
      ep.arousal_after = after;
      record->push_back(ep);
    }
  }
  dyad.general = general;
  for (std::size_t j = 0; j < kCaregiverSlots; ++j) dyad.models[j] = local[j];
  return sums;
}

// Part (3): end of day.
// Returns the slot whose model sets the provisional strategy (the principal
// figure, when it is an attachment figure), or -1 for none; the caller sets
// infant.strategy from it (one dyad at a time, or in lanes).
int finish_day(const DayInput& in, const ModelConstants& k, const DayEnd& plan,
               const EpisodeSums& sums, DyadState& dyad) {
  Infant& infant = dyad.infant;
  CaregiverSlots& caregivers = dyad.caregivers;
  WorkingModels& models = dyad.models;
  // ---- (3) end of day ----
  const float predictability_learning = k.predictability_rate * plan.plasticity;
  for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
    if (!plan.active[j]) continue;
    WorkingModel& m = models[j];
    if (sums.attended[j] > 0)
      learn_predictability(m, plan.availability_at_dawn[j], sums.comfort_sum[j], sums.attended[j],
                           predictability_learning, k);
    // The bond grows with how responsive the caregiver is, not with time
    // together: infants attach to those who answer their signals, even
    // harshly (Schaffer & Emerson 1964; Bowlby 1969). New bonds form more
    // slowly once the sensitive period wanes (late-placed children; Dozier et al. 2001).
    if (sums.responded[j] > 0)
      m.bond += k.bond_rate * plan.readiness * plan.plasticity *
                static_cast<float>(sums.responded[j]) / static_cast<float>(sums.attended[j]);
    else
      m.bond *= 1.0f - k.bond_decay;
  }
  learn_predictability(dyad.general, plan.general_at_dawn, sums.general_comfort, k.episodes_per_day,
                       predictability_learning, k);
  // Bonds to caregivers no longer in the infant's life fade too.
  for (std::size_t j = 0; j < kCaregiverSlots; ++j)
    if (!caregivers[j].present_in_life()) models[j].bond *= 1.0f - k.bond_decay;

  // The slow, cortisol-like component integrates unsoothed distress.
  const float day_distress = sums.distress_sum / static_cast<float>(k.episodes_per_day);
  infant.slow_arousal += (day_distress - infant.slow_arousal) / k.slow_days;
  // Early care calibrates the stress system while plasticity is high; later
  // experience moves the set point only slowly (Gunnar & Quevedo 2007; Tottenham 2012).
  infant.stress_set_point +=
      plan.plasticity * (infant.slow_arousal - infant.stress_set_point) / k.calibration_days;

  // Institutional staff turnover: the best-known staff member leaves and the
  // child starts again with someone new (expectations carry over, the bond does not).
  if (plan.institution && plan.u_turnover < k.institution_turnover_per_day)
    models[kPrimarySlot].bond = 0;

  const int figure = principal_figure(caregivers, models, in.day);
  if (figure >= 0 && models[static_cast<std::size_t>(figure)].bond >= kDiscriminationBond) {
    if (!infant.attached())
      infant.onset_day = static_cast<std::uint16_t>(std::min(in.day + 1, 65535u));
    return figure;
  }
  infant.strategy = Strategy::None;
  return -1;
}

}  // namespace

DayTally step_dyad(const DayInput& in, const ModelConstants& k, DyadState& dyad,
                   std::vector<Episode>* record) {
  DayPlan plan;
  plan_day(in, k, dyad, plan);
  const EpisodeSums sums = run_episodes(in, k.episodes_per_day, plan, dyad, record);
  const int figure = finish_day(in, k, plan.end, sums, dyad);
  if (figure >= 0)
    dyad.infant.strategy = provisional_strategy(dyad.models[static_cast<std::size_t>(figure)], k);
  return DayTally{static_cast<std::uint32_t>(std::max(k.episodes_per_day, 0)), sums.responses};
}

namespace {

// The lane kernels of one width.
template <std::size_t kWidth>
struct LaneKernels {
  void (*episodes)(const DayInput*, int, const DayPlanLanes<kWidth>&, DyadState* const*,
                   EpisodeSumsLanes<kWidth>&, bool);
  void (*pressure)(const WorkingModel* const*, const ModelConstants* const*, float*);
  void (*strategy)(const WorkingModel* const*, const ModelConstants* const*, Strategy*);
  unsigned (*plan)(const DayInput*, const ModelConstants* const*, DyadState* const*,
                   DayPlanLanes<kWidth>&, const float*, std::uint32_t (*)[kWidth]);
  bool (*evening)(const DayInput*, const ModelConstants* const*, DyadState* const*,
                  const DayPlanLanes<kWidth>&, const EpisodeSumsLanes<kWidth>&, int*);
};

template <std::size_t kWidth>
void step_group(std::span<const DayInput> in, std::span<const ModelConstants* const> k,
                std::span<DyadState* const> dyads, const LaneKernels<kWidth>& kernel,
                DayTally& tally) {
  // Slot 0's signal pressure for every lane at once (plan_day recomputes it
  // on a day that resets the model).
  const WorkingModel* slot0[kWidth];
  for (std::size_t l = 0; l < kWidth; ++l) slot0[l] = &dyads[l]->models[kPrimarySlot];
  float pressure[kWidth];
  kernel.pressure(slot0, k.data(), pressure);
  // Every lane's morning at once; the unusual ones one at a time.
  alignas(32) std::uint32_t day_words[kDayWords][kWidth];
  DayPlanLanes<kWidth> plans;
  const unsigned planned =
      kernel.plan(in.data(), k.data(), dyads.data(), plans, pressure, day_words);
  bool same_episodes = true, one_slot = true;
  for (std::size_t l = 0; l < kWidth; ++l) {
    if (!((planned >> l) & 1u)) {
      const r123::Philox4x32::ctr_type day_block = {
          {day_words[0][l], day_words[1][l], day_words[2][l], day_words[3][l]}};
      DayPlan plan;
      plan_day(in[l], *k[l], *dyads[l], plan, &pressure[l], &day_block);
      plans.set_lane(l, plan);
    }
    same_episodes = same_episodes && k[l]->episodes_per_day == k[0]->episodes_per_day;
    one_slot = one_slot && plans.one_slot(l);
  }
  EpisodeSumsLanes<kWidth> sums;
  if (same_episodes) {
    kernel.episodes(in.data(), k[0]->episodes_per_day, plans, dyads.data(), sums, one_slot);
  } else {  // lanes of subgroups with different episode counts: one at a time
    for (std::size_t l = 0; l < kWidth; ++l)
      sums.set_lane(l,
                    run_episodes(in[l], k[l]->episodes_per_day, plans.lane(l), *dyads[l], nullptr));
  }
  int figure[kWidth];
  if (!kernel.evening(in.data(), k.data(), dyads.data(), plans, sums, figure))
    for (std::size_t l = 0; l < kWidth; ++l)
      figure[l] = finish_day(in[l], *k[l], plans.end(l), sums.lane(l), *dyads[l]);
  // The provisional strategies, every lane at once (lanes without an
  // attachment figure compute one from slot 0 and ignore it).
  const WorkingModel* figure_model[kWidth];
  for (std::size_t l = 0; l < kWidth; ++l) {
    figure_model[l] = &dyads[l]->models[static_cast<std::size_t>(std::max(figure[l], 0))];
    tally.episodes += static_cast<std::uint32_t>(std::max(k[l]->episodes_per_day, 0));
    tally.responses += static_cast<std::uint32_t>(sums.responses[l]);
  }
  Strategy strategy[kWidth];
  kernel.strategy(figure_model, k.data(), strategy);
  for (std::size_t l = 0; l < kWidth; ++l)
    if (figure[l] >= 0) dyads[l]->infant.strategy = strategy[l];
}

EpisodeKernel kernel_in_use() {
#if ATTACHSIM_AVX2_KERNEL
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return EpisodeKernel::Lanes8;
#endif
  return EpisodeKernel::Lanes4;
}

}  // namespace

EpisodeKernel available_episode_kernel(EpisodeKernel wanted) {
  const EpisodeKernel best = kernel_in_use();
  if (wanted == EpisodeKernel::Automatic) return best;
  if (wanted == EpisodeKernel::Lanes8 && best != EpisodeKernel::Lanes8)
    return EpisodeKernel::Lanes4;
  return wanted;
}

namespace {

constexpr int kMaxEpisodes = 48;  // infant.episodes_per_day's upper bound

// Draws whole groups of kWidth dyads from position i on with one lane kernel.
template <int kWidth>
void draw_groups(std::span<const DayInput> in, int episodes, std::span<std::uint32_t> out,
                 std::size_t per_dyad, std::size_t& i,
                 void (*draw)(const DayInput*, int, std::uint32_t (*)[kWidth])) {
  for (; i + kWidth <= in.size(); i += kWidth) {
    alignas(32) std::uint32_t draws[2 * kMaxEpisodes + 2][kWidth];
    draw(&in[i], episodes, draws);
    for (std::size_t l = 0; l < kWidth; ++l)
      for (std::size_t n = 0; n < per_dyad; ++n) out[(i + l) * per_dyad + n] = draws[n][l];
  }
}

}  // namespace

void draw_episode_numbers(std::span<const DayInput> in, int episodes, std::span<std::uint32_t> out,
                          EpisodeKernel wanted) {
  const EpisodeKernel kernel = available_episode_kernel(wanted);
  const auto per_dyad = static_cast<std::size_t>(4 * ((std::max(episodes, 0) + 1) / 2));
  if (out.size() < in.size() * per_dyad)
    throw std::invalid_argument("draw_episode_numbers: out is too small");
  std::size_t i = 0;
#if ATTACHSIM_AVX2_KERNEL
  if (kernel == EpisodeKernel::Lanes8)
    draw_groups<8>(in, episodes, out, per_dyad, i, episode_draws_lanes8);
#endif
  if (kernel != EpisodeKernel::Scalar)
    draw_groups<4>(in, episodes, out, per_dyad, i, episode_draws_lanes4);
  for (; i < in.size(); ++i) {
    const RandomStream random(in[i].seed, in[i].dyad, in[i].day, Stream::Episode);
    for (std::size_t b = 0; 4 * b < per_dyad; ++b) {
      const auto block = random.block(static_cast<std::uint32_t>(b));
      for (std::size_t w = 0; w < 4; ++w) out[i * per_dyad + 4 * b + w] = block.v[w];
    }
  }
}

DayTally step_dyads(std::span<const DayInput> in, std::span<const ModelConstants* const> k,
                    std::span<DyadState* const> dyads, EpisodeKernel wanted) {
  const EpisodeKernel kernel = available_episode_kernel(wanted);
  DayTally tally;
  std::size_t i = 0;
  const auto rest = [&](std::size_t from) {
    return std::tuple{in.subspan(from), k.subspan(from), dyads.subspan(from)};
  };
#if ATTACHSIM_AVX2_KERNEL
  if (kernel == EpisodeKernel::Lanes8)
    for (; i + 8 <= dyads.size(); i += 8) {
      const auto [a, b, c] = rest(i);
      step_group<8>(a, b, c,
                    {run_episodes_lanes8, signal_pressure_lanes8, provisional_strategy_lanes8,
                     plan_day_lanes8, finish_day_lanes8},
                    tally);
    }
#endif
  if (kernel != EpisodeKernel::Scalar)
    for (; i + 4 <= dyads.size(); i += 4) {
      const auto [a, b, c] = rest(i);
      step_group<4>(a, b, c,
                    {run_episodes_lanes4, signal_pressure_lanes4, provisional_strategy_lanes4,
                     plan_day_lanes4, finish_day_lanes4},
                    tally);
    }
  for (; i < dyads.size(); ++i) {
    const DayTally t = step_dyad(in[i], *k[i], *dyads[i]);
    tally.episodes += t.episodes;
    tally.responses += t.responses;
  }
  return tally;
}

}  // namespace attachsim
