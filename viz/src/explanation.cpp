// The inspector's explanations, written from the same thresholds the engine uses.
#include "attachsim/viz/explanation.hpp"

#include <cctype>
#include <cstdio>
#include <string_view>

#include "attachsim/development.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim::viz {

namespace {

std::string format(const char* pattern, auto... values) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, pattern, values...);
  return buffer;
}

double percent(float share) {
  return 100.0 * static_cast<double>(share);
}

std::string role_of(const DyadState& dyad, int slot) {
  return std::string(role_name(dyad.caregivers[static_cast<std::size_t>(slot)].role));
}

const char* strategy_headline(Strategy s) {
  switch (s) {
    case Strategy::Open:
      return "Open (B-like): signals distress and expects comfort";
    case Strategy::Minimising:
      return "Minimising (A-like): masks distress, keeps bids for contact low";
    case Strategy::Maximising:
      return "Maximising (C-like): amplifies signals to keep uncertain care coming";
    case Strategy::Conflict:
      return "Conflict (D-like): the haven is also a source of alarm";
    case Strategy::None:
      break;
  }
  return "No discriminated attachment yet";
}

std::string responder(const Episode& e, const DyadState& dyad) {
  if (e.caregiver >= 0 && e.caregiver < kCaregiverSlots) return role_of(dyad, e.caregiver);
  return std::string(e.caregiver == -2 ? "another staff member" : "nobody");
}

}  // namespace

CombinedScales combined_scales(const Coding& c) {
  // The rule's weights (classification.hpp): the second reunion counts more.
  auto combine = [](int first, int second) {
    return 0.4f * static_cast<float>(first) + 0.6f * static_cast<float>(second);
  };
  return {combine(c.reunion1.ps, c.reunion2.ps), combine(c.reunion1.cm, c.reunion2.cm),
          combine(c.reunion1.rs, c.reunion2.rs), combine(c.reunion1.av, c.reunion2.av)};
}

StrategyExplanation explain_strategy(const DyadState& dyad, const ModelConstants& k,
                                     std::uint32_t day) {
  StrategyExplanation out;
  const int figure = principal_figure(dyad.caregivers, dyad.models, day);
  const float age = static_cast<float>(day);
  const double months = static_cast<double>(age / kDaysPerMonth);
  if (figure < 0) {
    out.headline = "No caregiver in its life";
    out.reasons.push_back(
        "Every caregiver slot is empty (loss or removal): nobody answers its signals, and what it "
        "expects of caregivers in general is all it has.");
    return out;
  }
  const WorkingModel& m = dyad.models[static_cast<std::size_t>(figure)];
  const Caregiver& cg = dyad.caregivers[static_cast<std::size_t>(figure)];
  const std::string role = role_of(dyad, figure);
  if (m.bond < kDiscriminationBond) {
    const Phase phase = developmental_phase(age, false, k);
    out.headline = strategy_headline(Strategy::None);
    out.reasons.push_back(format(
        "At %.1f months it is in Bowlby's phase of %s: its bond to the %s caregiver is %.2f of the "
        "1.0 that makes a discriminated attachment.",
        months, phase_name(phase), role.c_str(), static_cast<double>(m.bond)));
    if (age <= k.preattachment_day)
      out.reasons.push_back(format("Before %.1f months no infant discriminates between caregivers.",
                                   static_cast<double>(k.preattachment_day / kDaysPerMonth)));
    else
      out.reasons.push_back(format(
          "Its capacity for discrimination matures at %.1f months; bonds grow fastest with a "
          "caregiver who answers promptly (this one: sensitivity %.2f, present %.0f%% of the day).",
          static_cast<double>(dyad.infant.maturation_day / kDaysPerMonth),
          static_cast<double>(cg.sensitivity), percent(cg.presence)));
    return out;
  }

  const StrategyWeights w = strategy_weights(m, k);
  const Strategy strategy = dominant_strategy(w);
  out.headline = format("%s, toward its %s caregiver", strategy_headline(strategy), role.c_str());

  // Acceptance: the minimising threshold.
  if (m.acceptance < k.minimising_threshold)
    out.reasons.push_back(format(
        "It expects a bid for closeness to be accepted %.0f%% of the time, below the %.0f%% at "
        "which infants minimise: this caregiver rebuffs about %.0f%% of its responses (rejection "
        "%.2f).",
        percent(m.acceptance), percent(k.minimising_threshold), percent(cg.rejection),
        static_cast<double>(cg.rejection)));
  else
    out.reasons.push_back(format(
        "It expects closeness to be accepted %.0f%% of the time (minimising starts below %.0f%%): "
        "rejection %.2f.",
        percent(m.acceptance), percent(k.minimising_threshold), static_cast<double>(cg.rejection)));

  // Reliability: the maximising threshold.
  const float rel = reliability(m);
  if (rel < k.maximising_threshold)
    out.reasons.push_back(format(
        "It expects care to be reliable %.0f%% of the time (comfort comes %.0f%%, predictable "
        "%.0f%%), below the %.0f%% at which infants maximise: sensitivity %.2f, consistency %.2f, "
        "present %.0f%% of its day%s.",
        percent(rel), percent(m.availability), percent(m.predictability),
        percent(k.maximising_threshold), static_cast<double>(cg.sensitivity),
        static_cast<double>(cg.consistency), percent(cg.presence),
        cg.depressed() ? ", now depressed" : ""));
  else
    out.reasons.push_back(format(
        "It expects care to be reliable %.0f%% of the time (maximising starts below %.0f%%): "
        "sensitivity %.2f, consistency %.2f.",
        percent(rel), percent(k.maximising_threshold), static_cast<double>(cg.sensitivity),
        static_cast<double>(cg.consistency)));

  // Threat: the conflict threshold.
  if (m.threat > k.conflict_threshold)
    out.reasons.push_back(format(
        "It expects %.1f%% of responses to frighten or to be disrupted (withdrawn, contradictory), "
        "above the %.1f%% at which approach and fear collide: the caregiver's frightening or "
        "frightened behaviour rate is %.1f%%%s, and disrupted communication rises with "
        "depression, stress and an unresolved state of mind.",
        percent(m.threat), percent(k.conflict_threshold), percent(cg.frightening),
        cg.state_of_mind == StateOfMind::Unresolved ? " (unresolved state of mind)" : ""));
  else
    out.reasons.push_back(format("Expected fright %.1f%% is below the conflict threshold %.1f%%.",
                                 percent(m.threat), percent(k.conflict_threshold)));

  if (cg.stress > 0.3f)
    out.reasons.push_back(format(
        "The caregiver is stressed (%.2f), which costs sensitivity and adds rejection today.",
        static_cast<double>(cg.stress)));
  return out;
}

std::string explain_classification(const Coding& coding, const Classification& c) {
  const CombinedScales s = combined_scales(coding);
  const double seeking = s.seeking(), av = s.av, rs = s.rs;
  const double unsoothed = coding.unsoothed;
  std::string organised;
  switch (c.class3) {
    case Class3::A:
      organised = format(
          "avoidant (A): at reunion it turned away (avoidance %.1f, 4.5 or more is marked) and "
          "sought little contact (proximity and contact seeking %.1f, at most 3.5)",
          av, seeking);
      break;
    case Class3::C:
      if (rs >= 4.0 && seeking >= 3.5)
        organised = format(
            "resistant (C): it sought contact (proximity and contact seeking %.1f) and angrily "
            "resisted it (resistance %.1f, 4 or more is marked)",
            seeking, rs);
      else
        organised = format(
            "resistant (C): its distress was not soothed by the end of the second reunion (%.2f, "
            "0.5 or more) and it did not avoid (avoidance %.1f)",
            unsoothed, av);
      break;
    case Class3::B:
      organised = format(
          "secure (B): it greeted or sought the caregiver (proximity and contact seeking %.1f) "
          "without marked avoidance (%.1f) or resistance (%.1f), and settled (distress left %.2f)",
          seeking, av, rs, unsoothed);
      break;
  }
  if (c.class4 == Class4::CC)
    return format(
               "CC, cannot classify (reported with D): its organised strategies contradicted "
               "each other, or it showed no organised attachment behaviour (attachment "
               "formation %d of 5); the best-fitting organised pattern is ",
               coding.formation) +
           organised + ".";
  if (c.class4 == Class4::D)
    return format(
               "D, disorganised: the coder rated disorganisation %d of 9 (5 or more is D), "
               "contradictory or frozen behaviour in the caregiver's presence; the best-fitting "
               "organised pattern is ",
               coding.disorganisation) +
           organised + ".";
  std::string sentence = organised;
  sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  sentence += format("; disorganisation %d of 9.", coding.disorganisation);
  return sentence;
}

EpisodeLine describe_episode(const Episode& e, const DyadState& dyad) {
  EpisodeLine line{responder(e, dyad), std::string(response_name(e.response)), {}};
  const float before = e.arousal_before, after = e.arousal_after;
  const char* outcome = "left distressed";
  if (e.response == Response::Fright)
    outcome = "frightened";
  else if (after <= 0.35f * before)
    outcome = "soothed";
  else if (after < before)
    outcome = "partly soothed";
  line.outcome = std::string(outcome);
  return line;
}

}  // namespace attachsim::viz
