// The virtual Strange Situation: 5-second ticks through 8 episodes, a virtual coder, and the class.
//
// The infant's felt distress rises toward what each episode asks of it
// (novelty, a stranger, separation, being alone), scaled by temperament and by
// how much the missing person matters (the bond). What the infant shows and
// does at reunion follows its strategy with this caregiver: open infants seek
// contact when distressed and are soothed by it; minimising infants mask
// distress and turn away; maximising infants amplify it, cling and resist, and
// settle slowly; conflicted infants show disorganised acts. A virtual coder
// turns the acts into Ainsworth's 7-point scales and a 9-point D rating.
#include "attachsim/strange_situation.hpp"

#include <algorithm>
#include <cmath>

#include "attachsim/development.hpp"
#include "attachsim/random.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim {

namespace {

constexpr int kTick = 5;                  // seconds per tick
constexpr float kRiseSeconds = 20;        // distress rises toward its target this fast
constexpr float kFallSeconds = 40;        // and falls back more slowly
constexpr float kCortisolSeconds = 1200;  // slow component lags ~20 min (Gunnar et al. 1989)
constexpr int kCutShortSeconds = 30;      // separation ended after 30 s of very high distress

float clamp01(float x) {
  return std::clamp(x, 0.0f, 1.0f);
}

// Alarm each episode carries: novelty, the stranger, separation with and
// without the stranger. Separation alarm scales with the bond to the caregiver.
float episode_alarm(int episode, float bond, float tolerance) {
  const float separation = std::min(1.0f, bond) * tolerance;
  switch (episode) {
    case 1:
      return 0.10f;
    case 2:
      return 0.05f;
    case 3:
      return 0.25f;
    case 4:
      return 0.25f + 0.45f * separation;
    case 6:
      return 0.35f + 0.55f * separation;
    case 7:
      return 0.25f + 0.45f * separation;
    default:
      return 0.0f;  // reunions: the caregiver is back
  }
}

struct Coder {
  // Per reunion tallies.
  bool approached = false;
  int latency = 0;           // seconds to the first approach
  float entry_distress = 0;  // shown distress when the caregiver came in
  float contact_distress = 0;
  int ticks = 0;
  int resist = 0;
  int avoid = 0;

  ReunionScales scales() const {
    ReunionScales s;
    const auto scale = [](float x) { return 1 + static_cast<int>(std::lround(6.0f * clamp01(x))); };
    const float seeking =
        approached ? (0.5f + 0.5f * (1.0f - std::min(1.0f, static_cast<float>(latency) / 90.0f))) *
                         (0.4f + 0.6f * entry_distress)
                   : 0.3f * entry_distress;
    s.ps = scale(seeking);
    s.cm = scale(3.0f * contact_distress / static_cast<float>(std::max(ticks, 1)));
    s.rs = scale(static_cast<float>(resist) / 6.0f);
    s.av = scale(static_cast<float>(avoid) / 6.0f);
    return s;
  }
};

}  // namespace

const std::array<SspEpisodeSpec, 8>& ssp_episodes() {
  static const std::array<SspEpisodeSpec, 8> kEpisodes = {{
      {"caregiver and infant brought in", true, false, 30, false, false},
      {"infant explores, caregiver present", true, false, 180, false, false},
      {"stranger enters and approaches", true, true, 180, false, false},
      {"first separation (stranger stays)", false, true, 180, true, false},
      {"first reunion", true, false, 180, false, true},
      {"second separation (infant alone)", false, false, 180, true, false},
      {"stranger returns", false, true, 180, true, false},
      {"second reunion", true, false, 180, false, true},
  }};
  return kEpisodes;
}

const char* act_name(SspAct a) {
  switch (a) {
    case SspAct::Explore:
      return "explores";
    case SspAct::Approach:
      return "approaches caregiver";
    case SspAct::Contact:
      return "in contact";
    case SspAct::Resist:
      return "resists contact";
    case SspAct::Avoid:
      return "turns away";
    case SspAct::Cry:
      return "cries";
    case SspAct::Disorganised:
      return "freezes / contradictory";
    case SspAct::Still:
      return "sits still";
  }
  return "";
}

SspResult run_strange_situation(const DyadState& dyad, int slot, const ModelConstants& k,
                                std::uint64_t seed, std::uint32_t dyad_id, std::uint32_t day,
                                std::uint32_t assessment, bool keep_trace) {
  const WorkingModel& m = dyad.models[static_cast<std::size_t>(slot)];
  const Infant& infant = dyad.infant;
  RandomStream random(seed, dyad_id, day, Stream::StrangeSituation, assessment);

  // The strategy with this caregiver, as the infant brings it on the day.
  float day_state[3];
  for (float& n : day_state) n = k.assessment_noise * random.normal();
  // The sensitive period: an attachment system first organised late, when
  // plasticity had already waned (after placement out of deprivation), is
  // pulled toward disorganisation (Smyke et al. 2010; Tottenham 2012). The
  // plasticity lost by the age of the first discriminated attachment, 0 for
  // an infant not yet attached (the collapse below covers it).
  if (infant.attached()) {
    const float lost = 1.0f - plasticity(static_cast<float>(infant.onset_day - 1), k);
    day_state[2] += k.late_attachment * lost;
  }
  const StrategyWeights w = strategy_weights(m, k, day_state);
  // Masking distress takes regulation a highly reactive infant lacks, so its
  // minimising shows less: temperament decides the side of the classification
  // (A1-B2 vs B3-C2) more than security itself (Belsky & Rovine 1987; Groh et al. 2017).
  const float minimising = clamp01(w.minimising * (1.5f - infant.reactivity));
  const float maximising = w.maximising;
  // Conflict from a frightening haven, or the collapse of any organised
  // strategy when this caregiver is not reliably there (no formed bond).
  const float conflict =
      1.0f - (1.0f - w.conflict) * (1.0f - collapse_pressure(m.bond, k, day_state[2]));
  const float temperament = 0.6f + 0.8f * infant.reactivity;
  const float felt_base = m.availability * m.acceptance;  // the secure base while present
  // Comfort from this caregiver: what the infant expects of it, its own
  // soothability, and how far hyperactivation keeps it from settling.
  const float soothing =
      infant.soothability * (0.4f + 0.6f * m.availability) * (1.0f - 0.7f * maximising);

  SspResult result;
  result.coding.formation = formation_rating(m.bond);
  const float arousal = std::max(infant.slow_arousal, infant.stress_set_point);
  float distress = clamp01(0.15f * arousal);
  float cortisol = arousal * 0.5f;
  float disorganised = 0;
  Coder coders[2];
  bool in_contact = false;

  for (int e = 1; e <= 8; ++e) {
    const SspEpisodeSpec& spec = ssp_episodes()[static_cast<std::size_t>(e - 1)];
    Coder* coder = spec.reunion ? &coders[e == 5 ? 0 : 1] : nullptr;
    int high_for = 0;
    int seconds = 0;
    in_contact = false;
    if (coder)
      coder->entry_distress =
          clamp01(distress * (1.0f - 0.8f * minimising) * (1.0f + 0.4f * maximising));
    for (seconds = 0; seconds < spec.seconds; seconds += kTick) {
      const float u_act = random.uniform();
      const float u_resist = random.uniform();
      const float u_avoid = random.uniform();
      const float u_disorg = random.uniform();
      float target =
          episode_alarm(e, m.bond, separation_alarm(static_cast<float>(day), k)) * temperament +
          0.15f * arousal;
      if (spec.caregiver) target *= 1.0f - 0.5f * felt_base;
      const float tau = target > distress ? kRiseSeconds : kFallSeconds;
      distress += (target - distress) * static_cast<float>(kTick) / tau;
      // A stranger offers some comfort to a very distressed infant.
      if (spec.stranger && !spec.caregiver && distress > 0.6f)
        distress -= 0.05f * infant.soothability * distress;
      const float expressed =
          clamp01(distress * (1.0f - 0.8f * minimising) * (1.0f + 0.4f * maximising));
      SspAct act =
          expressed > 0.5f ? SspAct::Cry : (distress < 0.3f ? SspAct::Explore : SspAct::Still);

      // Disorganised acts: most likely under alarm and at the caregiver's return.
      const float p_disorg = conflict * (0.05f + 0.3f * distress) * (spec.reunion ? 1.5f : 1.0f);
      if (u_disorg < p_disorg) {
        disorganised += 1.0f;
        act = SspAct::Disorganised;
      }
      if (coder) {
        ++coder->ticks;
        if (!in_contact) {
          // Seeking proximity: driven by shown distress, held back by minimising.
          const float p_approach = (1.0f - minimising) * (0.05f + 0.6f * expressed);
          if (u_act < p_approach) {
            in_contact = true;
            if (!coder->approached) coder->latency = seconds;
            coder->approached = true;
            act = SspAct::Approach;
          } else if (seconds < 90 && u_avoid < 0.4f * minimising) {
            // Looks away, turns away, ignores the caregiver: as much when
            // stressed as when calm (Ainsworth: avoidance peaks at the second reunion).
            ++coder->avoid;
            act = SspAct::Avoid;
          }
        } else {
          distress -= distress * soothing * static_cast<float>(kTick) / 20.0f;
          coder->contact_distress += std::max(expressed, 0.1f);
          act = SspAct::Contact;
          if (u_resist < maximising * (0.1f + 0.8f * expressed)) {
            ++coder->resist;  // pushes away, kicks, squirms while in contact
            act = SspAct::Resist;
          }
          // Settled infants return to play; others stay.
          if (distress < 0.2f && u_act < 0.3f * (1.0f - maximising)) in_contact = false;
        }
      }
      distress = clamp01(distress);
      cortisol += (distress - cortisol) * static_cast<float>(kTick) / kCortisolSeconds;
      if (keep_trace)
        result.trace.push_back(SspTick{static_cast<std::uint8_t>(e),
                                       static_cast<std::uint16_t>(seconds), distress, expressed,
                                       cortisol, act});
      // Separations are cut short when the infant is very distressed.
      if (spec.separation) {
        high_for = expressed >= k.assessment_cutoff ? high_for + kTick : 0;
        if (high_for >= kCutShortSeconds) {
          seconds += kTick;
          break;
        }
      }
    }
    result.episode_seconds[static_cast<std::size_t>(e - 1)] = std::min(seconds, spec.seconds);
  }
  result.coding.reunion1 = coders[0].scales();
  result.coding.reunion2 = coders[1].scales();
  result.coding.unsoothed = clamp01(distress * (1.0f + 0.4f * maximising));
  result.coding.approached = coders[0].approached || coders[1].approached;
  // The coder's 1-9 rating grows with the amount of disorganised behaviour;
  // twenty acts (of ~250 ticks) is the strongest rating.
  result.coding.disorganisation =
      1 + static_cast<int>(std::lround(8.0f * clamp01(disorganised / 20.0f)));
  result.cortisol_end = cortisol;
  result.classification = classify(result.coding);
  return result;
}

Class4 provisional_class(const DyadState& dyad, int slot, const ModelConstants& k) {
  const WorkingModel& m = dyad.models[static_cast<std::size_t>(slot)];
  // No discriminated figure yet: no organised strategy to show (grey in live views).
  if (m.bond < kDiscriminationBond) return Class4::CC;
  switch (dominant_strategy(strategy_weights(m, k))) {
    case Strategy::Minimising:
      return Class4::A;
    case Strategy::Maximising:
      return Class4::C;
    case Strategy::Conflict:
      return Class4::D;
    default:
      return Class4::B;
  }
}

}  // namespace attachsim
