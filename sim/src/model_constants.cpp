// Derives the float constants of the daily step from a validated parameter set.
#include "attachsim/model_constants.hpp"

namespace attachsim {

namespace {

float f(const Parameters& p, Param id) {
  return static_cast<float>(p[id]);
}

RoleConstants role_constants(const Parameters& p, Param first) {
  // The same row of this role's block, named by the primary role's row.
  const auto at = [&](Param primary_row) {
    return f(p, static_cast<Param>(static_cast<std::size_t>(first) + role_offset(primary_row)));
  };
  return RoleConstants{at(Param::primary_sensitivity), at(Param::primary_sensitivity_sd),
                       at(Param::primary_consistency), at(Param::primary_consistency_sd),
                       at(Param::primary_rejection),   at(Param::primary_rejection_sd),
                       at(Param::primary_frightening), at(Param::primary_frightening_sd),
                       at(Param::primary_hours),       at(Param::primary_children),
                       at(Param::primary_risk),        at(Param::primary_risk_sd),
                       at(Param::primary_depression),  at(Param::primary_depression_onset),
                       at(Param::primary_dismissing),  at(Param::primary_preoccupied),
                       at(Param::primary_unresolved)};
}

}  // namespace

ModelConstants::ModelConstants(const Parameters& p) : parameters(p) {
  p.validate();
  episodes_per_day = static_cast<int>(p[Param::infant_episodes_per_day]);
  waking_hours = f(p, Param::infant_waking_hours);
  reactivity = f(p, Param::infant_reactivity);
  reactivity_sd = f(p, Param::infant_reactivity_sd);
  soothability = f(p, Param::infant_soothability);
  soothability_sd = f(p, Param::infant_soothability_sd);
  preattachment_day = f(p, Param::development_preattachment) * kDaysPerMonth;
  maturation_day = f(p, Param::development_maturation_age) * kDaysPerMonth;
  maturation_spread = f(p, Param::development_maturation_spread);
  bond_rate = f(p, Param::development_bond_rate);
  bond_decay = f(p, Param::development_bond_decay);
  plasticity_age_days = f(p, Param::development_plasticity_age) * kDaysPerMonth;
  plasticity_floor = f(p, Param::development_plasticity_floor);
  goal_corrected_day = f(p, Param::development_goal_corrected_age) * kDaysPerMonth;
  goal_corrected_tolerance = f(p, Param::development_goal_corrected_tolerance);
  learning_rate = f(p, Param::learning_rate);
  threat_gain = f(p, Param::learning_threat_gain);
  predictability_rate = f(p, Param::learning_predictability_rate);
  predictability_gain = f(p, Param::learning_predictability_gain);
  generalisation = f(p, Param::learning_generalisation);
  minimising_threshold = f(p, Param::strategy_minimising_threshold);
  maximising_threshold = f(p, Param::strategy_maximising_threshold);
  conflict_threshold = f(p, Param::strategy_conflict_threshold);
  strategy_width = f(p, Param::strategy_width);
  conflict_width = f(p, Param::strategy_conflict_width);
  signal_gain = f(p, Param::strategy_signal_gain);
  capacity = f(p, Param::care_capacity);
  trait_correlation = f(p, Param::care_trait_correlation);
  delayed_comfort = f(p, Param::care_delayed_comfort);
  misreading = f(p, Param::care_misreading);
  consistency_block = static_cast<int>(p[Param::care_consistency_block]);
  if (consistency_block < 1) consistency_block = 1;
  som_autonomous_sensitivity = f(p, Param::som_autonomous_sensitivity);
  som_dismissing_rejection = f(p, Param::som_dismissing_rejection);
  som_preoccupied_inconsistency = f(p, Param::som_preoccupied_inconsistency);
  som_unresolved_frightening = f(p, Param::som_unresolved_frightening);
  assessment_noise = f(p, Param::assessment_noise);
  assessment_cutoff = f(p, Param::assessment_cutoff);
  collapse = f(p, Param::strategy_collapse);
  collapse_slope = f(p, Param::strategy_collapse_slope);
  late_attachment = f(p, Param::development_late_attachment);
  disrupted_rate = f(p, Param::disrupted_rate);
  disrupted_depression = f(p, Param::disrupted_depression);
  disrupted_stress = f(p, Param::disrupted_stress);
  disrupted_unresolved = f(p, Param::disrupted_unresolved);
  buffering = f(p, Param::arousal_buffering);
  slow_days = f(p, Param::arousal_slow_days);
  calibration_days = f(p, Param::arousal_calibration_days);
  sensitisation = f(p, Param::arousal_sensitisation);
  fright_arousal = f(p, Param::arousal_fright);
  escalation = f(p, Param::arousal_escalation);
  hassle_rate = f(p, Param::stress_hassle_rate);
  risk_hassle_rate = f(p, Param::stress_risk_hassle_rate);
  hassle_size = f(p, Param::stress_hassle_size);
  stress_recovery = f(p, Param::stress_recovery);
  stress_sensitivity = f(p, Param::stress_sensitivity_effect);
  stress_rejection = f(p, Param::stress_rejection_effect);
  stress_depression = f(p, Param::stress_depression_effect);
  depression_days = f(p, Param::depression_duration) * kDaysPerMonth;
  depression_sensitivity = f(p, Param::depression_sensitivity_effect);
  depression_rejection = f(p, Param::depression_rejection_effect);
  depression_availability = f(p, Param::depression_availability_effect);
  depression_flat_affect = f(p, Param::depression_flat_affect);
  community = p[Param::community_layout] >= 1;
  community_support = f(p, Param::community_support);
  community_contagion = f(p, Param::community_contagion);
  secondary_share = f(p, Param::secondary_share);
  daycare_share = f(p, Param::daycare_share);
  daycare_entry_day = f(p, Param::daycare_entry_age) * kDaysPerMonth;
  institution_share = f(p, Param::institution_share);
  institution_rotation = f(p, Param::institution_rotation);
  institution_turnover_per_day = f(p, Param::institution_turnover) / 365.25f;
  intervention_gain = f(p, Param::intervention_gain);
  intervention_acceptance = f(p, Param::intervention_acceptance);
  intervention_consistency = f(p, Param::intervention_consistency);
  intervention_calm = f(p, Param::intervention_calm);
  intervention_saturation = std::max(f(p, Param::intervention_saturation), 1.0f);
  intervention_interval = static_cast<int>(p[Param::intervention_interval]);
  if (intervention_interval < 1) intervention_interval = 1;
  roles[static_cast<int>(CaregiverRole::Primary)] = role_constants(p, Param::primary_sensitivity);
  roles[static_cast<int>(CaregiverRole::Secondary)] =
      role_constants(p, Param::secondary_sensitivity);
  roles[static_cast<int>(CaregiverRole::Daycare)] = role_constants(p, Param::daycare_sensitivity);
  roles[static_cast<int>(CaregiverRole::Institution)] =
      role_constants(p, Param::institution_sensitivity);
}

}  // namespace attachsim
