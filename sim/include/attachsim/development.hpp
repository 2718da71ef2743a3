// Age-dependent development: readiness for a discriminated attachment and the sensitive period.
#pragma once

#include "attachsim/model_constants.hpp"

namespace attachsim {

// Readiness to form a discriminated attachment (0-1): none in the pre-attachment
// phase, rising through "attachment in the making" to full at the infant's own
// maturation age (Bowlby 1969; Schaffer & Emerson 1964).
inline float attachment_readiness(float age_days, float maturation_day, const ModelConstants& k) {
  if (age_days <= k.preattachment_day) return 0.0f;
  if (age_days >= maturation_day) return 1.0f;
  return (age_days - k.preattachment_day) / (maturation_day - k.preattachment_day);
}

// Bowlby's phases of attachment development.
enum class Phase : unsigned char { PreAttachment, InTheMaking, ClearCut, GoalCorrected };
const char* phase_name(Phase p);

// The phase an infant is in: pre-attachment until the end of that phase,
// attachment in the making until its first discriminated attachment, clear-cut
// after, and a goal-corrected partnership from development.goal_corrected_age.
inline Phase developmental_phase(float age_days, bool attached, const ModelConstants& k) {
  if (age_days < k.preattachment_day) return Phase::PreAttachment;
  if (!attached) return Phase::InTheMaking;
  return age_days < k.goal_corrected_day ? Phase::ClearCut : Phase::GoalCorrected;
}

// How much alarm a separation from an attachment figure carries at this age:
// less once the child can share the caregiver's plans.
inline float separation_alarm(float age_days, const ModelConstants& k) {
  return age_days >= k.goal_corrected_day ? k.goal_corrected_tolerance : 1.0f;
}

// Plasticity of the working model (0-1): full in early infancy, falling toward
// a floor with a half-way age (sensitive period; Tottenham 2012; Nelson et al. 2007).
inline float plasticity(float age_days, const ModelConstants& k) {
  const float r = age_days / k.plasticity_age_days;
  return k.plasticity_floor + (1.0f - k.plasticity_floor) / (1.0f + r * r);
}

}  // namespace attachsim
