// The daily step of one dyad: the hot loop of the engine.
//
// A day has three parts. (1) Each caregiver's state for the day: depression
// course, stress (with neighbours' support and contagion), intervention
// sessions, and how responsive, rejecting and present the caregiver is today.
// (2) The infant's alarm episodes: who is there, whether they respond, how,
// and what the infant learns. (3) End of day: predictability, slow arousal,
// bond decay, onset of a discriminated attachment, the provisional strategy.
#include "attachsim/dyad_step.hpp"

#include <algorithm>
#include <cmath>

#include "attachsim/development.hpp"
#include "attachsim/population.hpp"
#include "attachsim/random.hpp"

namespace attachsim {

namespace {

// Today's caregiving of one slot, after stress, depression and consistency.
struct CareToday {
  float presence = 0;       // share of episodes this caregiver is there for
  float responsiveness = 0; // chance of noticing and responding to a plain signal
  float rejection = 0;      // share of responses that rebuff
  float frightening = 0;    // share of responses that frighten
  float comfort = 1;        // how much of a comforting response actually soothes
  float signal_factor = 1;  // how the infant's strategy changes the signal's reach
};

constexpr std::size_t kAnonymousStaff = kCaregiverSlots;  // index for other institutional staff

float clamp01(float x) { return std::clamp(x, 0.0f, 1.0f); }

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
  stress = stress * (1.0f - std::min(recovery, 1.0f)) + (hassle ? k.hassle_size : 0.0f);
  c.stress = clamp01(stress);
  // Intervention sessions: each closes a share of the gap to full sensitivity
  // and, through the factor the dimensions share, part of the gap in
  // consistency and acceptance (sensitivity in Ainsworth's broad sense).
  if (c.sessions_left > 0) {
    if (c.days_to_session == 0) {
      c.sensitivity += k.intervention_gain * (1.0f - c.sensitivity);
      c.consistency += k.intervention_gain * k.trait_correlation * (1.0f - c.consistency);
      c.rejection -= k.intervention_gain * k.trait_correlation * c.rejection;
      --c.sessions_left;
      c.days_to_session = static_cast<std::uint8_t>(std::min(k.intervention_interval - 1, 255));
    } else {
      --c.days_to_session;
    }
  }
}

CareToday care_today(const DayInput& in, const ModelConstants& k, const Caregiver& c,
                     std::size_t slot, RandomStream& daily) {
  CareToday t;
  const bool depressed = c.depressed();
  float sensitivity = c.sensitivity * (1.0f - k.stress_sensitivity * c.stress);
  if (depressed) sensitivity *= 1.0f - k.depression_sensitivity;
  // Consistency: a consistent caregiver is equally responsive every day; an
  // inconsistent one is fully attuned in some spells and hardly at all in
  // others, with the same mean (Ainsworth's inconsistently responsive mothers).
  float u_spell;
  if (k.consistency_block == 1) {
    u_spell = daily.uniform();
  } else {
    RandomStream spell(in.seed, in.dyad, in.day / static_cast<std::uint32_t>(k.consistency_block),
                       Stream::Day, static_cast<std::uint32_t>(1 + slot));
    u_spell = spell.uniform();
  }
  const float attuned = u_spell < sensitivity ? 1.0f : 0.0f;
  const float responsiveness = c.consistency * sensitivity + (1.0f - c.consistency) * attuned;
  // Several children at once dilute how many signals one caregiver can meet.
  t.responsiveness = responsiveness * std::min(1.0f, k.capacity / c.load);
  t.rejection = clamp01(c.rejection + k.stress_rejection * c.stress +
                        (depressed ? k.depression_rejection : 0.0f));
  t.frightening = c.frightening;
  t.comfort = depressed ? 1.0f - k.depression_flat_affect : 1.0f;
  t.presence = c.away_days > 0 ? 0.0f
                               : c.presence * (depressed ? 1.0f - k.depression_availability : 1.0f);
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

}  // namespace

DayTally step_dyad(const DayInput& in, const ModelConstants& k, DyadState& dyad,
                   std::vector<Episode>* record) {
  Infant& infant = dyad.infant;
  CaregiverSlots& caregivers = dyad.caregivers;
  WorkingModels& models = dyad.models;
  const float age = static_cast<float>(in.day);
  RandomStream daily(in.seed, in.dyad, in.day, Stream::Day);

  // ---- (1) caregivers today ----
  CareToday care[kCaregiverSlots + 1];
  bool active[kCaregiverSlots] = {};
  for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
    Caregiver& c = caregivers[j];
    if (!c.present_in_life() || in.day < c.active_from_day) continue;
    active[j] = true;
    if (in.day == c.active_from_day && in.day > 0)  // a new figure: start from what is known
      models[j] = generalised_prior(dyad.general, k);
    update_caregiver_day(in, k, c, j, daily);
    care[j] = care_today(in, k, c, j, daily);
    if (c.away_days > 0) --c.away_days;  // away today; back when this reaches zero
    const StrategyWeights w = strategy_weights(models[j], k);
    // Maximising keeps signals up so they are met more often; minimising masks them.
    care[j].signal_factor = 1.0f + k.signal_gain * (w.maximising - w.minimising);
  }
  // Day care on weekdays displaces home care for its hours.
  if (active[kDaycareSlot]) {
    const bool weekday = in.day % 7 < 5;
    const float share = weekday ? care[kDaycareSlot].presence : 0.0f;
    care[kDaycareSlot].presence = share;
    for (std::size_t j = 0; j < kDaycareSlot; ++j) care[j].presence *= 1.0f - share;
  }
  // In an institution the slot is the staff member the child knows best; the
  // other staff on the rota take the rest of the episodes.
  if (active[kPrimarySlot] && caregivers[kPrimarySlot].role == CaregiverRole::Institution) {
    const float all_staff = care[kPrimarySlot].presence;
    care[kAnonymousStaff] = care[kPrimarySlot];
    care[kAnonymousStaff].signal_factor = 1.0f;
    care[kPrimarySlot].presence = all_staff / k.institution_rotation;
    care[kAnonymousStaff].presence = all_staff - care[kPrimarySlot].presence;
  }
  float total_presence = 0;
  for (const CareToday& t : care) total_presence += t.presence;
  const float presence_scale = total_presence > 1.0f ? 1.0f / total_presence : 1.0f;
  float cumulative[kCaregiverSlots + 1];
  float running = 0;
  for (std::size_t j = 0; j <= kCaregiverSlots; ++j) {
    running += care[j].presence * presence_scale;
    cumulative[j] = running;
  }

  // ---- (2) episodes ----
  const float plasticity_today = plasticity(age, k);
  const float learning = k.learning_rate * plasticity_today;
  const float threat_learning = std::min(1.0f, learning * k.threat_gain);
  const float readiness = attachment_readiness(age, infant.maturation_day, k);
  const int principal = principal_figure(caregivers, models, in.day);
  const bool has_figure = has_attachment_figure(dyad, in.day);
  // Alarm is amplified by the current slow arousal or by a stress system
  // calibrated high by earlier adversity, whichever is greater.
  const float alarm = infant.reactivity *
                      (1.0f + k.sensitisation * std::max(infant.slow_arousal, infant.stress_set_point));
  float availability_at_dawn[kCaregiverSlots];
  for (std::size_t j = 0; j < kCaregiverSlots; ++j) availability_at_dawn[j] = models[j].availability;
  float comfort_sum[kCaregiverSlots] = {};
  int attended[kCaregiverSlots] = {};
  int responded[kCaregiverSlots] = {};
  float distress_sum = 0;
  float general_comfort = 0;
  const float general_at_dawn = dyad.general.availability;
  DayTally tally;

  RandomStream random(in.seed, in.dyad, in.day, Stream::Episode);
  for (int e = 0; e < k.episodes_per_day; ++e) {
    // Four 16-bit draws per episode: one Philox call serves two episodes.
    float u_who, u_notice, u_prompt, u_kind;
    random.uniform_pair16(u_who, u_notice);
    random.uniform_pair16(u_prompt, u_kind);
    std::size_t who = kCaregiverSlots + 1;  // nobody
    for (std::size_t j = 0; j <= kCaregiverSlots; ++j) {
      if (u_who < cumulative[j]) {
        who = j;
        break;
      }
    }
    Response response = Response::None;
    const CareToday* t = who <= kCaregiverSlots ? &care[who] : nullptr;
    if (t && u_notice < std::min(1.0f, t->responsiveness * t->signal_factor)) {
      if (u_kind < t->frightening)
        response = Response::Fright;
      else if (u_kind < t->frightening + t->rejection * (1.0f - t->frightening))
        response = Response::Rebuff;
      else if (u_prompt < t->responsiveness)
        response = Response::PromptComfort;
      else  // not prompt: either late comfort or a misread signal
        response = (u_prompt - t->responsiveness) < k.misreading * (1.0f - t->responsiveness)
                       ? Response::Misread
                       : Response::LateComfort;
    }
    // Outcome: how much comfort the infant received, and the arousal left.
    float outcome = 0;
    float after = alarm;
    if (response == Response::PromptComfort || response == Response::LateComfort) {
      outcome = t->comfort * (response == Response::PromptComfort ? 1.0f : k.delayed_comfort);
      after = alarm * (1.0f - k.buffering * infant.soothability * outcome);
    } else if (response == Response::Fright) {
      after = alarm + k.fright_arousal;
    } else if (response == Response::None) {
      after = alarm * (1.0f + k.escalation);  // an unanswered cry escalates
    }
    distress_sum += after;
    ++tally.episodes;

    // What the infant learns is the comfort it felt: the same response leaves
    // a highly reactive infant less calm, so it learns that comfort helps less
    // (temperament acting through experience; Groh et al. 2017).
    const float felt = outcome * (1.0f - std::min(1.0f, after));
    // A bid for closeness is met by comfort; a rebuff or a misread signal leaves it unmet.
    const float bid_met =
        response == Response::PromptComfort || response == Response::LateComfort ? 1.0f : 0.0f;
    // Every episode, with anyone or no one, also teaches what caregivers in general are like.
    WorkingModel& general = dyad.general;
    general.availability += learning * (felt - general.availability);
    if (response != Response::None) {
      if (response != Response::Fright)
        general.acceptance += learning * (bid_met - general.acceptance);
      general.threat +=
          threat_learning * ((response == Response::Fright ? 1.0f : 0.0f) - general.threat);
    }
    general_comfort += felt;
    if (who < kCaregiverSlots) {
      WorkingModel& m = models[who];
      m.availability += learning * (felt - m.availability);
      if (response != Response::None) {
        ++tally.responses;
        if (response != Response::Fright)
          m.acceptance += learning * (bid_met - m.acceptance);
        m.threat += threat_learning * ((response == Response::Fright ? 1.0f : 0.0f) - m.threat);
        ++responded[who];
      }
      comfort_sum[who] += felt;
      ++attended[who];
    } else if (who > kCaregiverSlots && has_figure) {
      // Nobody came while the infant already misses a particular person.
      WorkingModel& m = models[static_cast<std::size_t>(principal)];
      m.availability += learning * separation_alarm(age, k) * (0.0f - m.availability);
    } else if (response != Response::None) {
      ++tally.responses;
    }
    if (record) {
      Episode ep;
      ep.day = in.day;
      ep.index = static_cast<std::uint8_t>(e);
      ep.caregiver = who < kCaregiverSlots    ? static_cast<std::int8_t>(who)
                     : who == kAnonymousStaff ? std::int8_t{-2}
                                              : std::int8_t{-1};
      ep.response = response;
      ep.signal = t ? t->signal_factor * alarm : alarm;
      ep.arousal_before = alarm;
      ep.arousal_after = after;
      record->push_back(ep);
    }
  }

  // ---- (3) end of day ----
  const float predictability_learning = k.predictability_rate * plasticity_today;
  for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
    if (!active[j]) continue;
    WorkingModel& m = models[j];
    if (attended[j] > 0)
      learn_predictability(m, availability_at_dawn[j], comfort_sum[j], attended[j],
                           predictability_learning, k);
    // The bond grows with how responsive the caregiver is, not with time
    // together: infants attach to those who answer their signals, even
    // harshly (Schaffer & Emerson 1964; Bowlby 1969). New bonds form more
    // slowly once the sensitive period wanes (late-placed children; Dozier et al. 2001).
    if (responded[j] > 0)
      m.bond += k.bond_rate * readiness * plasticity_today * static_cast<float>(responded[j]) /
                static_cast<float>(attended[j]);
    else
      m.bond *= 1.0f - k.bond_decay;
  }
  learn_predictability(dyad.general, general_at_dawn, general_comfort, k.episodes_per_day,
                       predictability_learning, k);
  // Bonds to caregivers no longer in the infant's life fade too.
  for (std::size_t j = 0; j < kCaregiverSlots; ++j)
    if (!caregivers[j].present_in_life()) models[j].bond *= 1.0f - k.bond_decay;

  // The slow, cortisol-like component integrates unsoothed distress.
  const float day_distress = distress_sum / static_cast<float>(k.episodes_per_day);
  infant.slow_arousal += (day_distress - infant.slow_arousal) / k.slow_days;
  // Early care calibrates the stress system while plasticity is high; later
  // experience moves the set point only slowly (Gunnar & Quevedo 2007; Tottenham 2012).
  infant.stress_set_point +=
      plasticity_today * (infant.slow_arousal - infant.stress_set_point) / k.calibration_days;

  // Institutional staff turnover: the best-known staff member leaves and the
  // child starts again with someone new (expectations carry over, the bond does not).
  if (active[kPrimarySlot] && caregivers[kPrimarySlot].role == CaregiverRole::Institution) {
    RandomStream staff(in.seed, in.dyad, in.day, Stream::Staff);
    if (staff.uniform() < k.institution_turnover_per_day) models[kPrimarySlot].bond = 0;
  }

  const WorkingModel& figure_model = principal_model(dyad, in.day);
  if (has_attachment_figure(dyad, in.day)) {
    if (!infant.attached()) infant.onset_day = static_cast<std::uint16_t>(std::min(in.day + 1, 65535u));
    infant.strategy = dominant_strategy(strategy_weights(figure_model, k));
  } else {
    infant.strategy = Strategy::None;
  }
  return tally;
}

}  // namespace attachsim
