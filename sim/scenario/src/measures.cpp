// Per-run measures of assessments and of the end state, arm differences, and spread across replicates.
#include "attachsim/scenario/measures.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "attachsim/scenario/distribution.hpp"
#include "attachsim/statistics.hpp"

namespace attachsim::scenario {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* const kCaregiverNames[] = {"primary", "secondary", "daycare"};

double percent(double part, double whole) { return whole > 0 ? 100.0 * part / whole : kNaN; }

struct Group {
  std::vector<const AssessmentRecord*> records;
};

MeanSd mean_sd(const std::vector<double>& v) {
  MeanSd m;
  if (v.empty()) return {kNaN, kNaN};
  for (double x : v) m.mean += x;
  m.mean /= static_cast<double>(v.size());
  if (v.size() < 2) return {m.mean, kNaN};
  for (double x : v) m.sd += (x - m.mean) * (x - m.mean);
  m.sd = std::sqrt(m.sd / static_cast<double>(v.size() - 1));
  return m;
}

// Every assessed infant has a class (A, B, C, D or CC), so every one counts.
std::vector<double> classified_security(const Group& g) {
  std::vector<double> out;
  for (const AssessmentRecord* r : g.records) out.push_back(r->classification.security);
  return out;
}

// D and CC together, as the literature reports them (and as kappa_4way counts them).
int four_way(Class4 c) {
  return c == Class4::CC ? static_cast<int>(Class4::D) : static_cast<int>(c);
}

}  // namespace

std::vector<Measure> assessment_measures(std::span<const AssessmentRecord> records,
                                         std::span<const std::uint16_t> subgroup_of,
                                         std::span<const std::string> subgroup_names,
                                         std::span<const std::uint8_t> previous) {
  std::vector<Measure> out;
  if (records.empty()) return out;
  const std::uint32_t day = records.front().day;
  const std::string caregiver = kCaregiverNames[records.front().slot];
  const auto add = [&](const std::string& group, const std::string& name, double value) {
    out.push_back(Measure{day, caregiver, group, name, value});
  };
  std::vector<Group> groups(subgroup_names.size() + 1);  // [0] = all
  groups[0].records.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    groups[0].records.push_back(&records[i]);
    if (subgroup_names.size() > 1) groups[1 + subgroup_of[i]].records.push_back(&records[i]);
  }
  const std::size_t shown = subgroup_names.size() > 1 ? groups.size() : 1;
  for (std::size_t g = 0; g < shown; ++g) {
    const std::string name = g == 0 ? "all" : subgroup_names[g - 1];
    // Reserved: at a million dyads, growing by doubling would hold twice the records at once.
    std::vector<AssessmentRecord> copy;
    copy.reserve(groups[g].records.size());
    for (const AssessmentRecord* r : groups[g].records) copy.push_back(*r);
    const ClassDistribution d = distribution(copy);
    const double n = static_cast<double>(copy.size()), c = d.classified;
    add(name, "n", n);
    add(name, "n_classified", c);
    add(name, "pct_A", percent(d.class4[0], c));
    add(name, "pct_B", percent(d.class4[1], c));
    add(name, "pct_C", percent(d.class4[2], c));
    add(name, "pct_D", percent(d.class4[3], c));
    add(name, "pct_CC", percent(d.class4[4], c));
    add(name, "pct_D_CC", percent(d.class4[3] + d.class4[4], c));
    add(name, "pct_fully_formed", percent(d.fully_formed, c));
    double formation = 0;
    for (const AssessmentRecord& r : copy) formation += r.coding.formation;
    add(name, "formation_mean", n > 0 ? formation / n : kNaN);
    add(name, "pct_A3", percent(d.class3[0], c));
    add(name, "pct_B3", percent(d.class3[1], c));
    add(name, "pct_C3", percent(d.class3[2], c));
    const MeanSd security = mean_sd(classified_security(groups[g]));
    add(name, "security_mean", security.mean);
    add(name, "security_sd", security.sd);
    const SensitivityLinks links = c >= 3 ? sensitivity_links(copy) : SensitivityLinks{kNaN, kNaN, kNaN, kNaN};
    add(name, "r_sensitivity_security", links.security);
    add(name, "r_sensitivity_avoidance", links.avoidance);
    add(name, "r_sensitivity_resistance", links.resistance);
    add(name, "r_sensitivity_disorganisation", links.disorganisation);
  }
  // Each subgroup against the first (the reference), among the classifiable.
  if (subgroup_names.size() > 1) {
    const std::vector<double> reference = classified_security(groups[1]);
    double ref_secure = 0;
    for (const AssessmentRecord* r : groups[1].records) ref_secure += r->classification.class4 == Class4::B;
    for (std::size_t g = 2; g < groups.size(); ++g) {
      const std::vector<double> here = classified_security(groups[g]);
      double secure = 0;
      for (const AssessmentRecord* r : groups[g].records) secure += r->classification.class4 == Class4::B;
      const auto nh = static_cast<double>(here.size()), nr = static_cast<double>(reference.size());
      const std::string name = subgroup_names[g - 1];
      if (here.empty() || reference.empty()) {
        for (const char* m : {"effect_B_pp", "effect_d_security", "effect_odds_ratio_B", "effect_r_security"})
          add(name, m, kNaN);
        continue;
      }
      add(name, "effect_B_pp", percent(secure, nh) - percent(ref_secure, nr));
      add(name, "effect_d_security", here.size() > 1 && reference.size() > 1 ? cohens_d(reference, here) : kNaN);
      add(name, "effect_odds_ratio_B", odds_ratio(secure, nh - secure, ref_secure, nr - ref_secure));
      std::vector<double> member, security;
      for (double x : reference) member.push_back(0), security.push_back(x);
      for (double x : here) member.push_back(1), security.push_back(x);
      add(name, "effect_r_security", pearson_r(member, security));
    }
  }
  // Stability against the previous assessment with this caregiver.
  if (!previous.empty()) {
    std::vector<int> before, now;
    for (const AssessmentRecord& r : records) {
      const std::uint8_t p = previous[r.dyad];
      if (p == kNotAssessed) continue;
      before.push_back(four_way(static_cast<Class4>(p)));
      now.push_back(four_way(r.classification.class4));
    }
    double same = 0;
    for (std::size_t i = 0; i < now.size(); ++i) same += before[i] == now[i];
    add("all", "n_stability", static_cast<double>(now.size()));
    add("all", "pct_same_class", percent(same, static_cast<double>(now.size())));
    add("all", "kappa_4way", now.size() > 1 ? cohens_kappa(before, now, 4) : kNaN);
  }
  return out;
}

std::vector<Measure> end_measures(const Aggregates& a) {
  std::vector<Measure> out;
  const auto add = [&](const char* name, double value) {
    out.push_back(Measure{a.day, "", "all", name, value});
  };
  const double n = a.dyads;
  add("pct_attached", percent(a.attached, n));
  add("pct_open", 100 * a.share(Strategy::Open));
  add("pct_minimising", 100 * a.share(Strategy::Minimising));
  add("pct_maximising", 100 * a.share(Strategy::Maximising));
  add("pct_conflict", 100 * a.share(Strategy::Conflict));
  add("pct_no_strategy", 100 * a.share(Strategy::None));
  add("security_expectation_mean", a.security_expectation.mean);
  add("security_expectation_sd", a.security_expectation.sd);
  add("infant_arousal_mean", a.infant_arousal.mean);
  add("infant_arousal_sd", a.infant_arousal.sd);
  add("exploration_mean", a.exploration.mean);
  add("caregiver_sensitivity_mean", a.caregiver_sensitivity.mean);
  add("caregiver_sensitivity_sd", a.caregiver_sensitivity.sd);
  add("caregiver_stress_mean", a.caregiver_stress.mean);
  add("caregiver_stress_sd", a.caregiver_stress.sd);
  add("pct_caregivers_depressed", percent(a.caregivers_depressed, n));
  return out;
}

std::vector<Measure> arm_differences(std::span<const Measure> baseline, std::span<const Measure> variant) {
  using Key = std::tuple<std::uint32_t, std::string, std::string, std::string>;
  std::map<Key, double> base;
  for (const Measure& m : baseline) base[{m.age_days, m.caregiver, m.subgroup, m.name}] = m.value;
  const auto find = [&](const Measure& m, const char* name) {
    const auto it = base.find({m.age_days, m.caregiver, m.subgroup, name});
    return it == base.end() ? kNaN : it->second;
  };
  std::map<Key, double> here;
  for (const Measure& m : variant) here[{m.age_days, m.caregiver, m.subgroup, m.name}] = m.value;
  const auto mine = [&](const Measure& m, const char* name) {
    const auto it = here.find({m.age_days, m.caregiver, m.subgroup, name});
    return it == here.end() ? kNaN : it->second;
  };
  std::vector<Measure> out;
  for (const Measure& m : variant) {
    const auto it = base.find({m.age_days, m.caregiver, m.subgroup, m.name});
    if (it == base.end() || m.name == "n" || m.name == "n_classified" || m.name == "n_stability") continue;
    out.push_back(Measure{m.age_days, m.caregiver, m.subgroup, "diff_" + m.name, m.value - it->second});
    if (m.name != "security_mean") continue;
    // Effect sizes between the arms from each arm's summary.
    const double nb = find(m, "n_classified"), nv = mine(m, "n_classified");
    const double sb = find(m, "security_sd"), sv = mine(m, "security_sd");
    const double pooled = std::sqrt(((nb - 1) * sb * sb + (nv - 1) * sv * sv) / (nb + nv - 2));
    const double d = nb > 1 && nv > 1 && pooled > 0 ? (m.value - it->second) / pooled : kNaN;
    out.push_back(Measure{m.age_days, m.caregiver, m.subgroup, "d_security", d});
    const double secure_v = mine(m, "pct_B") / 100 * nv, secure_b = find(m, "pct_B") / 100 * nb;
    const double ratio = nb > 0 && nv > 0 ? odds_ratio(std::round(secure_v), std::round(nv - secure_v),
                                                       std::round(secure_b), std::round(nb - secure_b))
                                          : kNaN;
    out.push_back(Measure{m.age_days, m.caregiver, m.subgroup, "odds_ratio_B", ratio});
  }
  return out;
}

double t_quantile(double p, double df) {
  // The t distribution's CDF through the regularised incomplete beta function.
  const auto cdf = [df](double t) {
    const double tail = 0.5 * beta_cdf(df / (df + t * t), df / 2, 0.5);
    return t >= 0 ? 1 - tail : tail;
  };
  double lo = -1e3, hi = 1e3;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

Spread spread(std::span<const double> values) {
  Spread s;
  double sum = 0;
  for (double v : values)
    if (std::isfinite(v)) sum += v, ++s.n;
  if (s.n == 0) return {0, kNaN, kNaN, kNaN, kNaN};
  s.mean = sum / s.n;
  if (s.n < 2) {
    s.sd = s.ci_low = s.ci_high = kNaN;
    return s;
  }
  double squares = 0;
  for (double v : values)
    if (std::isfinite(v)) squares += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(squares / (s.n - 1));
  const double half = t_quantile(0.975, s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n));
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
  return s;
}

}  // namespace attachsim::scenario
