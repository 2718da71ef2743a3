// Percentages and effect sizes of a population's Strange Situation (brief C1-C5).
#include "attachsim/viz/assessment_summary.hpp"

#include <algorithm>
#include <cmath>

#include "attachsim/statistics.hpp"

namespace attachsim::viz {

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

double finite_or_zero(double x) {
  return std::isfinite(x) ? x : 0.0;
}

// Every assessed infant gets a class (A, B, C, D or CC; Zeanah et al. 2005).
bool classifiable(const AssessmentRecord&) {
  return true;
}

int resistance(const AssessmentRecord& r) {
  return r.coding.reunion2.rs;
}

}  // namespace

AssessmentSummary summarise_assessment(std::vector<AssessmentRecord> records, std::uint32_t day,
                                       int slot, const AssessmentSummary* previous) {
  AssessmentSummary s;
  s.day = day;
  s.slot = slot;
  s.distribution = distribution(records);
  s.links = sensitivity_links(records);

  std::vector<double> reactivity, sensitivity;
  for (const AssessmentRecord& r : records)
    if (classifiable(r)) {
      reactivity.push_back(r.reactivity);
      sensitivity.push_back(r.sensitivity);
    }
  const double reactivity_median = median(reactivity);
  const double sensitivity_median = median(sensitivity);
  std::vector<double> calm_security, reactive_security, calm_rs, reactive_rs;
  double low_insecure = 0, low_secure = 0, high_insecure = 0, high_secure = 0;
  for (const AssessmentRecord& r : records) {
    if (!classifiable(r)) continue;
    const bool reactive = r.reactivity > reactivity_median;
    (reactive ? reactive_security : calm_security).push_back(r.classification.security);
    (reactive ? reactive_rs : calm_rs).push_back(resistance(r));
    const bool insecure = r.classification.class4 != Class4::B;
    if (r.sensitivity < sensitivity_median)
      (insecure ? low_insecure : low_secure) += 1;
    else
      (insecure ? high_insecure : high_secure) += 1;
  }
  s.temperament_d_security = finite_or_zero(cohens_d(calm_security, reactive_security));
  s.temperament_d_resistance = finite_or_zero(cohens_d(calm_rs, reactive_rs));
  s.insecure_odds_ratio =
      s.distribution.classified
          ? finite_or_zero(odds_ratio(low_insecure, low_secure, high_insecure, high_secure))
          : 0.0;

  if (previous && previous->slot == slot && !previous->records.empty()) {
    const Agreement a = agreement(previous->records, records);
    if (a.pairs > 0) {
      s.stability_kappa = a.kappa;
      s.stability_pairs = a.pairs;
    }
  }
  s.records = std::move(records);
  return s;
}

Agreement agreement(const std::vector<AssessmentRecord>& first,
                    const std::vector<AssessmentRecord>& second) {
  // Both are in dyad order (assess_population's contract): merge by id.
  std::vector<int> a, b;
  double first_b = 0, first_other = 0, second_b = 0, second_other = 0;
  std::size_t j = 0;
  for (const AssessmentRecord& r : first) {
    while (j < second.size() && second[j].dyad < r.dyad) ++j;
    if (j == second.size()) break;
    if (second[j].dyad != r.dyad) continue;
    a.push_back(static_cast<int>(r.classification.class4));
    b.push_back(static_cast<int>(second[j].classification.class4));
    (r.classification.class4 == Class4::B ? first_b : first_other) += 1;
    (second[j].classification.class4 == Class4::B ? second_b : second_other) += 1;
  }
  Agreement out;
  out.pairs = static_cast<std::uint32_t>(a.size());
  if (out.pairs > 0) {
    out.kappa = finite_or_zero(cohens_kappa(a, b, 5));
    out.secure_odds_ratio =
        finite_or_zero(odds_ratio(second_b, second_other, first_b, first_other));
  }
  return out;
}

}  // namespace attachsim::viz
