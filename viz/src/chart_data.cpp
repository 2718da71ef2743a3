// Computing the charts' data: shares over age, histograms, scatter with r, reference bands,
// differences.
#include "attachsim/viz/chart_data.hpp"

#include <algorithm>
#include <cmath>

#include "attachsim/model_constants.hpp"
#include "attachsim/statistics.hpp"

namespace attachsim::viz {

float DaySample::share_among_attached(Strategy s) const {
  const float with_strategy = 1.0f - strategy[static_cast<int>(Strategy::None)];
  if (s == Strategy::None) return strategy[static_cast<int>(Strategy::None)];
  return with_strategy > 0 ? strategy[static_cast<int>(s)] / with_strategy : 0.0f;
}

DaySample day_sample(const Aggregates& a) {
  DaySample s;
  s.day = a.day;
  for (int i = 0; i < kStrategyCount; ++i)
    s.strategy[static_cast<std::size_t>(i)] = static_cast<float>(a.share(static_cast<Strategy>(i)));
  s.attached = a.dyads ? static_cast<float>(a.attached) / static_cast<float>(a.dyads) : 0.0f;
  s.security = static_cast<float>(a.security_expectation.mean);
  s.infant_stress = static_cast<float>(a.infant_arousal.mean);
  s.sensitivity = static_cast<float>(a.caregiver_sensitivity.mean);
  s.caregiver_stress = static_cast<float>(a.caregiver_stress.mean);
  return s;
}

float age_months(std::uint32_t day) {
  return static_cast<float>(day) / kDaysPerMonth;
}

float Histogram::bin_width() const {
  return counts.empty() ? 0.0f : (hi - lo) / static_cast<float>(counts.size());
}
float Histogram::bin_centre(std::size_t i) const {
  return lo + (static_cast<float>(i) + 0.5f) * bin_width();
}
std::uint32_t Histogram::tallest() const {
  return counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
}

Histogram histogram(std::span<const float> values, float lo, float hi, int bins) {
  Histogram h;
  h.lo = lo;
  h.hi = hi > lo ? hi : lo + 1.0f;
  h.counts.assign(static_cast<std::size_t>(std::max(bins, 1)), 0);
  const float scale = static_cast<float>(h.counts.size()) / (h.hi - h.lo);
  const auto last = static_cast<long>(h.counts.size()) - 1;
  double sum = 0;
  for (float v : values) {
    if (!std::isfinite(v)) continue;
    const long bin = std::clamp(static_cast<long>(std::floor((v - h.lo) * scale)), 0L, last);
    ++h.counts[static_cast<std::size_t>(bin)];
    ++h.total;
    sum += v;
  }
  h.mean = h.total ? sum / h.total : 0.0;
  return h;
}

Scatter scatter(std::span<const float> x, std::span<const float> y,
                std::span<const Strategy> strategy, std::size_t max_points) {
  Scatter s;
  std::vector<double> xs, ys;
  const std::size_t n = std::min({x.size(), y.size(), strategy.size()});
  xs.reserve(n);
  ys.reserve(n);
  std::vector<std::uint32_t> used;
  used.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    // Only infants with a discriminated figure: before that, security is the
    // newborn's prior, not something care has shaped.
    if (strategy[i] == Strategy::None || !std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    xs.push_back(x[i]);
    ys.push_back(y[i]);
    used.push_back(static_cast<std::uint32_t>(i));
  }
  s.n = static_cast<std::uint32_t>(xs.size());
  s.r = s.n >= 2 ? pearson_r(xs, ys) : 0.0;
  if (!std::isfinite(s.r)) s.r = 0.0;
  const std::size_t stride =
      max_points == 0 ? used.size() + 1
                      : std::max<std::size_t>(1, (used.size() + max_points - 1) / max_points);
  for (std::size_t j = 0; j < used.size(); j += stride)
    s.points.emplace_back(x[used[j]], y[used[j]]);
  return s;
}

std::vector<ReferenceBand> reference_bands(ReferenceSet set) {
  // Brief §4: target +- tolerance, as shares.
  if (set == ReferenceSet::World) {
    const std::string source = "C4: Madigan et al. 2023 (285 studies, 4-way)";
    return {{"C4 B", Strategy::Open, 0.466f, 0.566f, 12, 18, source},
            {"C4 A", Strategy::Minimising, 0.097f, 0.197f, 12, 18, source},
            {"C4 C", Strategy::Maximising, 0.052f, 0.152f, 12, 18, source},
            {"C4 D", Strategy::Conflict, 0.185f, 0.285f, 12, 18, source}};
  }
  const std::string c1 = "C1: Ainsworth et al. 1978; van IJzendoorn & Kroonenberg 1988 (3-way)";
  const std::string c2 = "C2: van IJzendoorn, Schuengel & Bakermans-Kranenburg 1999 (4-way)";
  return {{"C1 B", Strategy::Open, 0.58f, 0.74f, 12, 18, c1},
          {"C1 A", Strategy::Minimising, 0.15f, 0.29f, 12, 18, c1},
          {"C1 C", Strategy::Maximising, 0.06f, 0.18f, 12, 18, c1},
          {"C2 D", Strategy::Conflict, 0.10f, 0.20f, 12, 18, c2}};
}

const char* reference_set_name(ReferenceSet set) {
  return set == ReferenceSet::World ? "C4 (mixed-risk world)" : "C1, C2 (normative low-risk)";
}

std::vector<DayDifference> difference_series(std::span<const DaySample> main,
                                             std::span<const DaySample> what_if) {
  std::vector<DayDifference> out;
  std::size_t j = 0;
  for (const DaySample& a : main) {
    while (j < what_if.size() && what_if[j].day < a.day) ++j;
    if (j == what_if.size()) break;
    const DaySample& b = what_if[j];
    if (b.day != a.day) continue;
    DayDifference d;
    d.day = a.day;
    for (int s = 0; s < kStrategyCount; ++s) {
      const auto strategy = static_cast<Strategy>(s);
      d.strategy[static_cast<std::size_t>(s)] =
          100.0f * (b.share_among_attached(strategy) - a.share_among_attached(strategy));
    }
    d.security = b.security - a.security;
    d.infant_stress = b.infant_stress - a.infant_stress;
    d.attached = std::min(a.attached, b.attached);
    out.push_back(d);
  }
  return out;
}

double paired_d(std::span<const float> main, std::span<const float> what_if) {
  const std::size_t n = std::min(main.size(), what_if.size());
  double sum = 0, sum2 = 0;
  std::size_t used = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(main[i]) || !std::isfinite(what_if[i])) continue;
    const double d = static_cast<double>(what_if[i]) - main[i];
    sum += d;
    sum2 += d * d;
    ++used;
  }
  if (used < 2) return 0.0;
  const double mean = sum / static_cast<double>(used);
  const double var =
      (sum2 - static_cast<double>(used) * mean * mean) / static_cast<double>(used - 1);
  return var > 1e-18 ? mean / std::sqrt(var) : 0.0;
}

}  // namespace attachsim::viz
