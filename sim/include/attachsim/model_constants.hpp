// Parameters turned into the float constants the daily step and the instrument use.
#pragma once

#include <array>

#include "attachsim/caregiver.hpp"
#include "attachsim/parameters.hpp"

namespace attachsim {

// Per-role trait distribution (means and spreads) and state-of-mind shares.
struct RoleConstants {
  float sensitivity, sensitivity_sd, consistency, consistency_sd, rejection, rejection_sd;
  float frightening, frightening_sd, hours, children, risk, risk_sd;
  float depression, depression_onset, dismissing, preoccupied, unresolved;
};

// Everything derived from one Parameters value, computed once per change, not per dyad.
struct ModelConstants {
  explicit ModelConstants(const Parameters& p);

  Parameters parameters;
  int episodes_per_day;
  float waking_hours;
  float reactivity, reactivity_sd, soothability, soothability_sd;
  float preattachment_day, maturation_day, maturation_spread;
  float bond_rate, bond_decay, plasticity_age_days, plasticity_floor;
  float goal_corrected_day, goal_corrected_tolerance;
  float learning_rate, threat_gain, predictability_rate, predictability_gain, generalisation;
  float minimising_threshold, maximising_threshold, conflict_threshold, strategy_width,
      conflict_width, signal_gain;
  float capacity, trait_correlation, delayed_comfort, misreading;
  int consistency_block;
  float som_autonomous_sensitivity, som_dismissing_rejection, som_preoccupied_inconsistency,
      som_unresolved_frightening;
  float assessment_noise, assessment_cutoff;
  float collapse, collapse_slope, late_attachment;
  float disrupted_rate, disrupted_depression, disrupted_stress, disrupted_unresolved;
  float buffering, slow_days, calibration_days, sensitisation, fright_arousal, escalation;
  float hassle_rate, risk_hassle_rate, hassle_size, stress_recovery, stress_sensitivity,
      stress_rejection, stress_depression;
  float depression_days, depression_sensitivity, depression_rejection, depression_availability,
      depression_flat_affect;
  bool community;
  float community_support, community_contagion;
  float secondary_share, daycare_share, daycare_entry_day, institution_share, institution_rotation,
      institution_turnover_per_day;
  float intervention_gain, intervention_acceptance, intervention_consistency, intervention_calm,
      intervention_saturation;
  int intervention_interval;
  std::array<RoleConstants, kRoleCount> roles{};

  const RoleConstants& role(CaregiverRole r) const { return roles[static_cast<std::size_t>(r)]; }
};

// Days per month used throughout (365.25 / 12).
inline constexpr float kDaysPerMonth = 30.4375f;

}  // namespace attachsim
