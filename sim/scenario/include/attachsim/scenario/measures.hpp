// The measures of one run (class shares, links, effects, end state) and their summary across replicates.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "attachsim/aggregates.hpp"
#include "attachsim/assessment.hpp"

namespace attachsim::scenario {

// One number of one run, addressed by when, with whom, in which group, what.
struct Measure {
  std::uint32_t age_days = 0;
  std::string caregiver;  // "primary", "secondary", "daycare"; "" for the end state
  std::string subgroup;   // "all" or a subgroup name
  std::string name;       // e.g. "pct_B", "r_sensitivity_security", "effect_d_security"
  double value = 0;       // NaN when undefined (e.g. a correlation without variance)
};

// The measures of one assessment: for everyone and (with several subgroups)
// each subgroup: counts, 4-way and forced 3-way shares, security, links with
// sensitivity; each subgroup against the first (percentage points, d, odds
// ratio, r); and, given an earlier assessment with the same caregiver, the
// stability (kappa and share unchanged). `subgroup_of[i]` is the scenario
// subgroup of records[i]; `previous` holds each dyad's class at the earlier
// assessment (kNotAssessed where there was none), indexed by dyad id.
inline constexpr std::uint8_t kNotAssessed = 255;
std::vector<Measure> assessment_measures(std::span<const AssessmentRecord> records,
                                         std::span<const std::uint16_t> subgroup_of,
                                         std::span<const std::string> subgroup_names,
                                         std::span<const std::uint8_t> previous);
// The population at the end of the run.
std::vector<Measure> end_measures(const Aggregates& a);
// Variant minus baseline for every measure both have, plus Cohen's d of
// security and the odds ratio of a secure classification between the arms.
std::vector<Measure> arm_differences(std::span<const Measure> baseline, std::span<const Measure> variant);

// Mean, sd and a 95% confidence interval (Student's t) across replicates.
struct Spread {
  std::uint32_t n = 0;
  double mean = 0, sd = 0, ci_low = 0, ci_high = 0;  // sd and CI NaN for n < 2
};
Spread spread(std::span<const double> values);  // NaN values are left out
// Student's t quantile (two-sided 95% uses p = 0.975).
double t_quantile(double p, double degrees_of_freedom);

}  // namespace attachsim::scenario
