// Helpers shared by the engine tests: field-wise state comparison and small population runs.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "attachsim/assessment.hpp"
#include "attachsim/dyad.hpp"
#include "attachsim/episode.hpp"
#include "attachsim/simulation.hpp"

namespace attachsim::testing {

// Runs `f`, expects a ParameterError, and returns its message.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ParameterError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw something other than ParameterError: " << e.what();
    return {};
  }
  ADD_FAILURE() << "did not throw";
  return {};
}

// Field-by-field equality (not memcmp: padding bytes are not part of the state).
// Fields added while the engine evolves are compared when they exist.
template <class C>
bool same_newer_caregiver_fields(const C& a, const C& b) {
  if constexpr (requires { a.away_days; })
    if (a.away_days != b.away_days) return false;
  return true;
}

inline bool same_caregiver(const Caregiver& a, const Caregiver& b) {
  return same_newer_caregiver_fields(a, b) && a.sensitivity == b.sensitivity &&
         a.consistency == b.consistency && a.rejection == b.rejection &&
         a.frightening == b.frightening && a.presence == b.presence && a.load == b.load &&
         a.risk == b.risk && a.depression_onset == b.depression_onset && a.stress == b.stress &&
         a.depressed_days == b.depressed_days && a.active_from_day == b.active_from_day &&
         a.sessions_left == b.sessions_left && a.days_to_session == b.days_to_session &&
         a.sessions_done == b.sessions_done && a.disrupted_left == b.disrupted_left &&
         a.role == b.role && a.state_of_mind == b.state_of_mind && a.generation == b.generation;
}

inline bool same_model(const WorkingModel& a, const WorkingModel& b) {
  return a.availability == b.availability && a.acceptance == b.acceptance &&
         a.predictability == b.predictability && a.threat == b.threat && a.bond == b.bond;
}

template <class I>
bool same_newer_infant_fields(const I& a, const I& b) {
  if constexpr (requires { a.stress_set_point; })
    if (a.stress_set_point != b.stress_set_point) return false;
  return true;
}

inline bool same_infant(const Infant& a, const Infant& b) {
  return same_newer_infant_fields(a, b) && a.reactivity == b.reactivity &&
         a.soothability == b.soothability && a.maturation_day == b.maturation_day &&
         a.slow_arousal == b.slow_arousal && a.onset_day == b.onset_day &&
         a.constants == b.constants && a.strategy == b.strategy && a.group == b.group;
}

template <class D>
bool same_newer_dyad_fields(const D& a, const D& b) {
  if constexpr (requires { a.general; })
    if (!same_model(a.general, b.general)) return false;
  return true;
}

inline bool same_state(const DyadState& a, const DyadState& b) {
  if (!same_infant(a.infant, b.infant) || !same_newer_dyad_fields(a, b)) return false;
  for (std::size_t j = 0; j < kCaregiverSlots; ++j)
    if (!same_caregiver(a.caregivers[j], b.caregivers[j]) || !same_model(a.models[j], b.models[j]))
      return false;
  return true;
}

inline bool same_episode(const Episode& a, const Episode& b) {
  return a.day == b.day && a.index == b.index && a.caregiver == b.caregiver &&
         a.response == b.response && a.signal == b.signal && a.arousal_before == b.arousal_before &&
         a.arousal_after == b.arousal_after;
}

inline bool same_episodes(const std::vector<Episode>& a, const std::vector<Episode>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_episode(a[i], b[i])) return false;
  return true;
}

inline bool same_scales(const ReunionScales& a, const ReunionScales& b) {
  return a.ps == b.ps && a.cm == b.cm && a.rs == b.rs && a.av == b.av;
}

inline bool same_coding(const Coding& a, const Coding& b) {
  return same_scales(a.reunion1, b.reunion1) && same_scales(a.reunion2, b.reunion2) &&
         a.disorganisation == b.disorganisation && a.unsoothed == b.unsoothed &&
         a.formation == b.formation && a.approached == b.approached;
}

inline bool same_record(const AssessmentRecord& a, const AssessmentRecord& b) {
  return a.dyad == b.dyad && a.day == b.day && a.slot == b.slot && a.role == b.role &&
         a.sensitivity == b.sensitivity && a.reactivity == b.reactivity &&
         same_coding(a.coding, b.coding) && a.classification.class4 == b.classification.class4 &&
         a.classification.class3 == b.classification.class3 &&
         a.classification.security == b.classification.security &&
         a.readout.anxiety == b.readout.anxiety && a.readout.avoidance == b.readout.avoidance &&
         a.readout.style == b.readout.style;
}

inline bool same_mean_sd(const MeanSd& a, const MeanSd& b) {
  return a.mean == b.mean && a.sd == b.sd;
}

inline bool same_aggregates(const Aggregates& a, const Aggregates& b) {
  return a.day == b.day && a.dyads == b.dyads && a.strategy == b.strategy &&
         a.attached == b.attached && same_mean_sd(a.security_expectation, b.security_expectation) &&
         same_mean_sd(a.infant_arousal, b.infant_arousal) &&
         same_mean_sd(a.exploration, b.exploration) &&
         same_mean_sd(a.caregiver_sensitivity, b.caregiver_sensitivity) &&
         same_mean_sd(a.caregiver_stress, b.caregiver_stress) &&
         a.caregivers_depressed == b.caregivers_depressed && a.episodes == b.episodes &&
         a.responses == b.responses;
}

// A simulation config without episode history (population runs).
inline SimulationConfig population_config(std::uint64_t seed, std::uint32_t dyads) {
  SimulationConfig c;
  c.seed = seed;
  c.dyads = dyads;
  c.grain = 256;
  c.history_days = 0;
  return c;
}

inline constexpr std::uint32_t kTwelveMonths = 365;

// Days for an age in months, as the CLI computes them.
inline std::uint32_t months_to_days(double months) {
  return static_cast<std::uint32_t>(months * static_cast<double>(kDaysPerMonth) + 0.5);
}

inline double mean_security(const std::vector<AssessmentRecord>& records, bool classifiable_only) {
  double sum = 0;
  std::size_t n = 0;
  for (const auto& r : records) {
    if (classifiable_only && r.coding.formation < kFullyFormed) continue;
    sum += r.classification.security;
    ++n;
  }
  return n ? sum / static_cast<double>(n) : 0.0;
}

inline std::string describe_distribution(const ClassDistribution& d) {
  return "A " + std::to_string(100 * d.share4(Class4::A)) + "% B " +
         std::to_string(100 * d.share4(Class4::B)) + "% C " +
         std::to_string(100 * d.share4(Class4::C)) + "% D " +
         std::to_string(100 * d.share4(Class4::D)) + "% CC " +
         std::to_string(100 * d.share4(Class4::CC)) + "%; 3-way A " +
         std::to_string(100 * d.share3(Class3::A)) + "% B " +
         std::to_string(100 * d.share3(Class3::B)) + "% C " +
         std::to_string(100 * d.share3(Class3::C)) + "%";
}

}  // namespace attachsim::testing
