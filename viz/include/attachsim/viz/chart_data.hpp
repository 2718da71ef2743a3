// The data behind the charts: shares over age, histograms, the sensitivity x security scatter,
// reference bands.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "attachsim/aggregates.hpp"
#include "attachsim/infant.hpp"

namespace attachsim::viz {

// One day of the population, recorded after every step from the engine's aggregates.
struct DaySample {
  std::uint32_t day = 0;
  std::array<float, kStrategyCount> strategy{};  // share of all infants per provisional strategy
  float attached = 0;                            // share with a discriminated attachment
  float security = 0;                            // mean security expectation
  float infant_stress = 0;                       // mean slow arousal
  float sensitivity = 0;                         // mean slot-0 caregiver sensitivity
  float caregiver_stress = 0;                    // mean slot-0 caregiver stress

  // Share among infants that have a strategy (a discriminated figure): the
  // denominator the classification percentages of the field use. 0 when none has.
  float share_among_attached(Strategy s) const;
};
DaySample day_sample(const Aggregates& a);

// Age in months of a day of life.
float age_months(std::uint32_t day);

struct Histogram {
  float lo = 0, hi = 1;
  std::vector<std::uint32_t> counts;
  std::uint32_t total = 0;  // values counted (NaN skipped)
  double mean = 0;
  float bin_width() const;
  float bin_centre(std::size_t i) const;
  std::uint32_t tallest() const;
};
// Values below lo go into the first bin and above hi into the last, so every
// finite value is counted; NaN is skipped.
Histogram histogram(std::span<const float> values, float lo, float hi, int bins);

struct Scatter {
  std::vector<std::pair<float, float>> points;  // a deterministic, evenly spaced subsample
  double r = 0;         // Pearson r over every pair used, not just the subsample
  std::uint32_t n = 0;  // pairs used
};
// Pairs (x[i], y[i]) where `include[i]` and both are finite; at most max_points drawn.
Scatter scatter(std::span<const float> x, std::span<const float> y,
                std::span<const Strategy> strategy, std::size_t max_points);

// A published reference range drawn as a band on the shares-over-age chart.
struct ReferenceBand {
  std::string label;  // "C1 A (3-way)"
  Strategy strategy;  // the line it belongs to: A minimising, B open, C maximising, D conflict
  float low = 0, high = 0;               // share (0-1)
  float from_month = 12, to_month = 18;  // the ages the Strange Situation is used at
  std::string source;
};
// Which published ranges apply to a population.
enum class ReferenceSet : std::uint8_t {
  LowRisk,  // brief C1 (3-way A/B/C) and C2 (D): normative low-risk samples
  World,    // brief C4: the mixed-risk world population of Madigan et al. 2023
};
std::vector<ReferenceBand> reference_bands(ReferenceSet set);
const char* reference_set_name(ReferenceSet set);

// Paired what-if: the what-if arm minus the main arm, day by day, over the days both have.
struct DayDifference {
  std::uint32_t day = 0;
  std::array<float, kStrategyCount> strategy{};  // percentage points among attached (None: of all)
  float security = 0;                            // mean security expectation
  float infant_stress = 0;
  float attached =
      0;  // the smaller share attached of the two arms (shares are noise while it is tiny)
};
std::vector<DayDifference> difference_series(std::span<const DaySample> main,
                                             std::span<const DaySample> what_if);

// Paired effect size of the same dyads under two conditions: mean difference
// over the SD of the differences (Cohen's d_z); NaN pairs skipped; 0 without variance.
double paired_d(std::span<const float> main, std::span<const float> what_if);

}  // namespace attachsim::viz
