// Draws newborn dyads and caregivers from the parameter set's distributions.
#include "attachsim/population.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace attachsim {

namespace {

float clamp01(float x) {
  return std::clamp(x, 0.0f, 1.0f);
}

std::uint16_t episode_days(RandomStream& random, float mean_days) {
  // Exponentially distributed episode length, at least one day.
  const float days = -std::log(random.uniform_open()) * mean_days;
  return static_cast<std::uint16_t>(std::clamp(days, 1.0f, 60000.0f));
}

}  // namespace

void Population::validate() const {
  if (groups.empty())
    throw ParameterError("population: no subgroups; allowed: 1 to " +
                         std::to_string(kMaxSubgroups) + " subgroups");
  if (groups.size() > kMaxSubgroups)
    throw ParameterError("population: " + std::to_string(groups.size()) +
                         " subgroups; allowed: 1 to " + std::to_string(kMaxSubgroups) +
                         " subgroups");
  double total = 0;
  for (const auto& g : groups) {
    if (!std::isfinite(g.share) || g.share < 0 || g.share > 1)
      throw ParameterError("subgroup " + g.name + ": share " + std::to_string(g.share) +
                           " out of range; allowed: from 0 to 1");
    total += g.share;
    g.parameters.validate();
  }
  if (std::abs(total - 1.0) > 1e-6)
    throw ParameterError("population: subgroup shares sum to " + std::to_string(total) +
                         "; allowed: shares that sum to 1");
}

Caregiver draw_caregiver(RandomStream& random, CaregiverRole role, const ModelConstants& k) {
  const RoleConstants& r = k.role(role);
  Caregiver c;
  c.role = role;
  // Sensitivity, consistency and acceptance share a common factor: Ainsworth's
  // home scales were substantially intercorrelated (Ainsworth et al. 1978).
  const float shared = std::sqrt(k.trait_correlation);
  const float own = std::sqrt(1.0f - k.trait_correlation);
  const float common = random.normal();
  const float z_sensitivity = shared * common + own * random.normal();
  const float z_consistency = shared * common + own * random.normal();
  const float z_acceptance = shared * common + own * random.normal();
  float sensitivity = r.sensitivity + r.sensitivity_sd * z_sensitivity;
  float consistency = r.consistency + r.consistency_sd * z_consistency;
  float rejection = r.rejection - r.rejection_sd * z_acceptance;
  float frightening = r.frightening + r.frightening_sd * random.normal();
  c.risk = std::clamp(r.risk + r.risk_sd * random.normal(), 0.0f, 10.0f);

  // State of mind shapes caregiving only partly (the transmission gap;
  // van IJzendoorn 1995): each state shifts one dimension by a set amount.
  const float u = random.uniform();
  if (u < r.dismissing) {
    c.state_of_mind = StateOfMind::Dismissing;
    rejection += k.som_dismissing_rejection;
  } else if (u < r.dismissing + r.preoccupied) {
    c.state_of_mind = StateOfMind::Preoccupied;
    consistency -= k.som_preoccupied_inconsistency;
  } else if (u < r.dismissing + r.preoccupied + r.unresolved) {
    c.state_of_mind = StateOfMind::Unresolved;
    frightening += k.som_unresolved_frightening;
  } else {
    c.state_of_mind = StateOfMind::Autonomous;
    sensitivity += k.som_autonomous_sensitivity;
  }
  c.sensitivity = clamp01(sensitivity);
  c.consistency = clamp01(consistency);
  c.rejection = clamp01(rejection);
  c.frightening = std::clamp(frightening, 0.0f, 0.5f);
  c.presence = clamp01(r.hours / k.waking_hours);
  c.load = std::max(1.0f, r.children);
  c.depression_onset = r.depression_onset / 365.25f;
  if (random.uniform() < r.depression) c.depressed_days = episode_days(random, k.depression_days);
  return c;
}

DyadState draw_dyad(RandomStream& random, const ModelConstants& k) {
  DyadState d;
  Infant& infant = d.infant;
  infant.reactivity = clamp01(k.reactivity + k.reactivity_sd * random.normal());
  infant.soothability = clamp01(k.soothability + k.soothability_sd * random.normal());
  // Discrimination matures after the pre-attachment phase, sooner in some
  // infants than others; the time it takes is right-skewed (log-normal), so
  // a few infants take until well past their first birthday.
  const float ramp = std::max(k.maturation_day - k.preattachment_day, 1.0f);
  infant.maturation_day =
      k.preattachment_day + ramp * std::exp(k.maturation_spread * random.normal());
  infant.strategy = Strategy::None;

  const bool institution = random.uniform() < k.institution_share;
  const bool secondary = random.uniform() < k.secondary_share;
  const bool daycare = random.uniform() < k.daycare_share;
  d.caregivers[kPrimarySlot] =
      draw_caregiver(random, institution ? CaregiverRole::Institution : CaregiverRole::Primary, k);
  if (secondary) d.caregivers[kSecondarySlot] = draw_caregiver(random, CaregiverRole::Secondary, k);
  if (daycare) {
    d.caregivers[kDaycareSlot] = draw_caregiver(random, CaregiverRole::Daycare, k);
    d.caregivers[kDaycareSlot].active_from_day =
        static_cast<std::uint16_t>(std::clamp(k.daycare_entry_day, 0.0f, 60000.0f));
  }
  d.models.fill(kNewbornPrior);
  return d;
}

WorkingModel generalised_prior(const WorkingModel& general, const ModelConstants& k) {
  const float g = k.generalisation;
  WorkingModel prior;
  prior.availability = g * general.availability + (1 - g) * kNewbornPrior.availability;
  prior.acceptance = g * general.acceptance + (1 - g) * kNewbornPrior.acceptance;
  prior.predictability = g * general.predictability + (1 - g) * kNewbornPrior.predictability;
  prior.threat = g * general.threat + (1 - g) * kNewbornPrior.threat;
  prior.bond = 0;
  return prior;
}

float exploration(const DyadState& dyad, std::uint32_t day) {
  return exploration(security_expectation(principal_model(dyad, day)), dyad.infant.slow_arousal);
}

}  // namespace attachsim
