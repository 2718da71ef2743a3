// The last Strange Situation of the population, summarised in the field's terms: percentages and
// effect sizes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "attachsim/assessment.hpp"

namespace attachsim::viz {

struct AssessmentSummary {
  std::uint32_t day = 0;
  int slot = kPrimarySlot;
  std::vector<AssessmentRecord> records;  // dyads.csv rows, in dyad order
  ClassDistribution distribution;
  SensitivityLinks links;  // r of the caregiver's sensitivity with security, AV, RS, D (C3)
  // Cohen's d of security, infants above vs below the median reactivity (C5: weak, ~ -.14 on
  // security).
  double temperament_d_security = 0;
  // Cohen's d of the resistance scale (2nd reunion), same split (C5: moderate, ~ .30).
  double temperament_d_resistance = 0;
  // Odds ratio of an insecure class (A, C or D) for caregivers below vs above the median
  // sensitivity.
  double insecure_odds_ratio = 0;
  // Cohen's kappa of the 4-way class with the previous assessment of the same
  // dyads and slot (stability), when there is one.
  std::optional<double> stability_kappa;
  std::uint32_t stability_pairs = 0;
};

// Summarises `records` taken on `day`; `previous` (may be null) gives the stability kappa.
AssessmentSummary summarise_assessment(std::vector<AssessmentRecord> records, std::uint32_t day,
                                       int slot, const AssessmentSummary* previous);

// Cohen's kappa of the 4-way class between two assessments of the same dyads
// (the paired what-if: same babies, two conditions); pairs matched by dyad id.
struct Agreement {
  double kappa = 0;
  std::uint32_t pairs = 0;
  double secure_odds_ratio = 0;  // odds of B in the second set over the first
};
Agreement agreement(const std::vector<AssessmentRecord>& first,
                    const std::vector<AssessmentRecord>& second);

}  // namespace attachsim::viz
