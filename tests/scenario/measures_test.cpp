// Tests of run measures on hand-made assessment records: shares, effects against the first subgroup, stability, arm differences, spread.
#include "attachsim/scenario/measures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

namespace attachsim::scenario {
namespace {

AssessmentRecord record(std::uint32_t dyad, Class4 c4, Class3 c3, float security, float sensitivity = 0.5f) {
  AssessmentRecord r;
  r.dyad = dyad;
  r.day = 300;
  r.slot = kSecondarySlot;
  r.classification.class4 = c4;
  r.classification.class3 = c3;
  r.classification.security = security;
  r.sensitivity = sensitivity;
  return r;
}

std::optional<double> find(const std::vector<Measure>& ms, const std::string& subgroup, const std::string& name) {
  std::optional<double> found;
  for (const Measure& m : ms)
    if (m.subgroup == subgroup && m.name == name) {
      EXPECT_FALSE(found) << name << " of " << subgroup << " twice";
      found = m.value;
    }
  return found;
}

double value(const std::vector<Measure>& ms, const std::string& subgroup, const std::string& name) {
  const auto v = find(ms, subgroup, name);
  EXPECT_TRUE(v) << "no measure " << name << " of " << subgroup;
  return v.value_or(-12345);
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= static_cast<double>(x.size());
  my /= static_cast<double>(y.size());
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx), syy += (y[i] - my) * (y[i] - my);
  return sxy / std::sqrt(sxx * syy);
}

const std::vector<std::string> kAll = {"all"};

TEST(AssessmentMeasures, SharesOfOneGroup) {
  std::vector<AssessmentRecord> records;
  const Class4 classes[] = {Class4::B, Class4::B, Class4::B, Class4::B, Class4::B,
                            Class4::A, Class4::A, Class4::C, Class4::D, Class4::CC};
  const Class3 forced[] = {Class3::B, Class3::B, Class3::B, Class3::B, Class3::B,
                           Class3::A, Class3::A, Class3::C, Class3::C, Class3::A};
  const float security[] = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f, 0.0f};
  for (std::uint32_t i = 0; i < 10; ++i) records.push_back(record(i, classes[i], forced[i], security[i], security[i]));
  records[9].coding.formation = 1;
  records[8].coding.formation = 3;
  const std::vector<std::uint16_t> groups(10, 0);
  const std::vector<Measure> ms = assessment_measures(records, groups, kAll, {});
  for (const Measure& m : ms) {
    EXPECT_EQ(m.age_days, 300u);
    EXPECT_EQ(m.caregiver, "secondary");
    EXPECT_EQ(m.subgroup, "all");
  }
  EXPECT_EQ(value(ms, "all", "n"), 10);
  EXPECT_EQ(value(ms, "all", "n_classified"), 10) << "every infant gets a class";
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_A"), 20);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_B"), 50);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_C"), 10);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_D"), 10);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_CC"), 10);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_D_CC"), 20);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_fully_formed"), 80);
  EXPECT_DOUBLE_EQ(value(ms, "all", "formation_mean"), (8 * 5 + 3 + 1) / 10.0);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_A3"), 30);  // the CC's forced class counts
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_B3"), 50);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_C3"), 20);
  EXPECT_NEAR(value(ms, "all", "security_mean"), 0.45, 1e-6);  // everyone: 0.9 ... 0.0
  EXPECT_NEAR(value(ms, "all", "security_sd"), std::sqrt(0.0916666667), 1e-6);
  EXPECT_NEAR(value(ms, "all", "r_sensitivity_security"), 1.0, 1e-9);
  // No subgroup effects with one group, no stability without a previous assessment.
  EXPECT_FALSE(find(ms, "all", "effect_B_pp"));
  EXPECT_FALSE(find(ms, "all", "kappa_4way"));
}

TEST(AssessmentMeasures, NoRecordsNoMeasures) {
  EXPECT_TRUE(assessment_measures({}, {}, kAll, {}).empty());
}

TEST(AssessmentMeasures, UndefinedValuesAreNaN) {
  const std::vector<AssessmentRecord> records = {record(0, Class4::B, Class3::B, 0.7f)};
  const std::vector<std::uint16_t> groups = {0};
  const std::vector<Measure> ms = assessment_measures(records, groups, kAll, {});
  EXPECT_DOUBLE_EQ(value(ms, "all", "security_mean"), 0.7f);
  EXPECT_TRUE(std::isnan(value(ms, "all", "security_sd")));
  EXPECT_TRUE(std::isnan(value(ms, "all", "r_sensitivity_security")));
  // Everyone cannot-classify: a class like any other.
  const std::vector<AssessmentRecord> none = {record(0, Class4::CC, Class3::A, 0.2f)};
  const std::vector<Measure> u = assessment_measures(none, groups, kAll, {});
  EXPECT_DOUBLE_EQ(value(u, "all", "pct_B"), 0);
  EXPECT_DOUBLE_EQ(value(u, "all", "pct_CC"), 100);
  EXPECT_DOUBLE_EQ(value(u, "all", "pct_D_CC"), 100);
}

TEST(AssessmentMeasures, SubgroupsAndEffectsAgainstTheFirst) {
  std::vector<AssessmentRecord> records = {
      record(0, Class4::B, Class3::B, 0.5f), record(1, Class4::B, Class3::B, 0.6f),
      record(2, Class4::A, Class3::A, 0.7f), record(3, Class4::B, Class3::B, 0.8f),
      record(4, Class4::A, Class3::A, 0.2f), record(5, Class4::C, Class3::C, 0.3f),
      record(6, Class4::B, Class3::B, 0.4f), record(7, Class4::A, Class3::A, 0.5f),
  };
  // Interleave the groups: subgroup_of is per record, not by position.
  std::swap(records[1], records[5]);
  std::vector<std::uint16_t> groups;
  for (const AssessmentRecord& r : records) groups.push_back(r.dyad < 4 ? 0 : 1);
  const std::vector<std::string> names = {"ref", "other"};
  const std::vector<Measure> ms = assessment_measures(records, groups, names, {});
  EXPECT_EQ(value(ms, "all", "n"), 8);
  EXPECT_EQ(value(ms, "ref", "n"), 4);
  EXPECT_EQ(value(ms, "other", "n"), 4);
  EXPECT_DOUBLE_EQ(value(ms, "ref", "pct_B"), 75);
  EXPECT_DOUBLE_EQ(value(ms, "other", "pct_B"), 25);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_B"), 50);
  EXPECT_NEAR(value(ms, "ref", "security_mean"), 0.65, 1e-6);
  EXPECT_NEAR(value(ms, "other", "security_mean"), 0.35, 1e-6);
  // Effects only for the subgroups after the first.
  EXPECT_FALSE(find(ms, "ref", "effect_B_pp"));
  EXPECT_FALSE(find(ms, "all", "effect_B_pp"));
  EXPECT_DOUBLE_EQ(value(ms, "other", "effect_B_pp"), -50);
  const double sd = std::sqrt(((0.15 * 0.15 + 0.05 * 0.05) * 2) / 3);  // both groups: 0.129...
  EXPECT_NEAR(value(ms, "other", "effect_d_security"), (0.35 - 0.65) / sd, 1e-5);
  EXPECT_NEAR(value(ms, "other", "effect_odds_ratio_B"), (1.0 / 3) / (3.0 / 1), 1e-12);
  const std::vector<double> member = {0, 0, 0, 0, 1, 1, 1, 1};
  const std::vector<double> security = {0.5, 0.6, 0.7, 0.8, 0.2, 0.3, 0.4, 0.5};
  EXPECT_NEAR(value(ms, "other", "effect_r_security"), pearson(member, security), 1e-6);
}

TEST(AssessmentMeasures, EffectsOfAnEmptySubgroupAreNaN) {
  const std::vector<AssessmentRecord> records = {record(0, Class4::B, Class3::B, 0.5f),
                                                 record(1, Class4::A, Class3::A, 0.6f)};
  const std::vector<std::uint16_t> groups = {0, 0};
  const std::vector<std::string> names = {"ref", "empty"};
  const std::vector<Measure> ms = assessment_measures(records, groups, names, {});
  EXPECT_EQ(value(ms, "empty", "n"), 0);
  EXPECT_TRUE(std::isnan(value(ms, "empty", "effect_B_pp")));
  EXPECT_TRUE(std::isnan(value(ms, "empty", "effect_d_security")));
}

TEST(AssessmentMeasures, StabilityAgainstThePreviousAssessment) {
  const std::vector<AssessmentRecord> records = {
      record(0, Class4::B, Class3::B, 0.5f),  record(1, Class4::A, Class3::A, 0.5f),
      record(2, Class4::A, Class3::A, 0.5f),  record(3, Class4::C, Class3::C, 0.5f),
      record(4, Class4::B, Class3::B, 0.5f),   // not assessed before
      record(5, Class4::B, Class3::B, 0.5f),   // CC before (counts as D)
      record(7, Class4::CC, Class3::B, 0.5f),  // CC now (counts as D)
  };
  const auto c = [](Class4 k) { return static_cast<std::uint8_t>(k); };
  // Indexed by dyad id (dyad 6 is not in this assessment).
  const std::vector<std::uint8_t> previous = {c(Class4::B), c(Class4::B), c(Class4::A),
                                              c(Class4::C), kNotAssessed, c(Class4::CC),
                                              c(Class4::D), c(Class4::B)};
  const std::vector<std::uint16_t> groups(records.size(), 0);
  const std::vector<Measure> ms = assessment_measures(records, groups, kAll, previous);
  EXPECT_EQ(value(ms, "all", "n_stability"), 6);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_same_class"), 50);
  // With CC as D. Before: A 1, B 3, C 1, D 1; now: A 2, B 2, C 1, D 1; agreement 3/6; chance 10/36.
  EXPECT_NEAR(value(ms, "all", "kappa_4way"), (0.5 - 10.0 / 36) / (1 - 10.0 / 36), 1e-12);
}

TEST(AssessmentMeasures, PerfectStabilityIsKappaOne) {
  const std::vector<AssessmentRecord> records = {record(0, Class4::B, Class3::B, 0.5f),
                                                 record(1, Class4::A, Class3::A, 0.5f),
                                                 record(2, Class4::D, Class3::C, 0.5f)};
  const std::vector<std::uint8_t> previous = {1, 0, 3};
  const std::vector<std::uint16_t> groups(3, 0);
  const std::vector<Measure> ms = assessment_measures(records, groups, kAll, previous);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_same_class"), 100);
  EXPECT_DOUBLE_EQ(value(ms, "all", "kappa_4way"), 1);
}

TEST(EndMeasures, FromAggregates) {
  Aggregates a;
  a.day = 400;
  a.dyads = 200;
  a.attached = 150;
  a.strategy[static_cast<int>(Strategy::Open)] = 100;
  a.caregivers_depressed = 20;
  a.security_expectation = {0.6, 0.1};
  const std::vector<Measure> ms = end_measures(a);
  for (const Measure& m : ms) {
    EXPECT_EQ(m.age_days, 400u);
    EXPECT_EQ(m.caregiver, "");
    EXPECT_EQ(m.subgroup, "all");
  }
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_attached"), 75);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_open"), 50);
  EXPECT_DOUBLE_EQ(value(ms, "all", "pct_caregivers_depressed"), 10);
  EXPECT_DOUBLE_EQ(value(ms, "all", "security_expectation_mean"), 0.6);
}

std::vector<Measure> arm(double pct_b, double security_mean, double n, double extra) {
  std::vector<Measure> ms;
  for (const auto& [name, v] : std::vector<std::pair<std::string, double>>{
           {"n", n}, {"n_classified", n}, {"pct_B", pct_b}, {"security_mean", security_mean},
           {"security_sd", 0.2}, {"n_stability", n}})
    ms.push_back(Measure{365, "primary", "all", name, v});
  ms.push_back(Measure{365, "", "all", "pct_attached", extra});
  return ms;
}

TEST(ArmDifferences, DifferencesEffectSizeAndOddsRatio) {
  const std::vector<Measure> baseline = arm(50, 0.5, 100, 80);
  std::vector<Measure> variant = arm(60, 0.6, 100, 90);
  variant.push_back(Measure{365, "primary", "all", "only_in_variant", 1});
  const std::vector<Measure> d = arm_differences(baseline, variant);
  EXPECT_DOUBLE_EQ(value(d, "all", "diff_pct_B"), 10);
  EXPECT_NEAR(value(d, "all", "diff_security_mean"), 0.1, 1e-12);
  EXPECT_DOUBLE_EQ(value(d, "all", "diff_security_sd"), 0);
  EXPECT_DOUBLE_EQ(value(d, "all", "diff_pct_attached"), 10);
  EXPECT_NEAR(value(d, "all", "d_security"), 0.5, 1e-12);
  EXPECT_NEAR(value(d, "all", "odds_ratio_B"), (60.0 / 40) / (50.0 / 50), 1e-12);
  // Counts are not differenced; measures of one arm only are left out.
  EXPECT_FALSE(find(d, "all", "diff_n"));
  EXPECT_FALSE(find(d, "all", "diff_n_classified"));
  EXPECT_FALSE(find(d, "all", "diff_n_stability"));
  EXPECT_FALSE(find(d, "all", "diff_only_in_variant"));
  for (const Measure& m : d)
    if (m.name == "diff_pct_attached") {
      EXPECT_EQ(m.caregiver, "");
    }
}

TEST(ArmDifferences, IdenticalArmsDifferByNothing) {
  const std::vector<Measure> a = arm(55, 0.52, 80, 70);
  const std::vector<Measure> d = arm_differences(a, a);
  for (const Measure& m : d) {
    EXPECT_DOUBLE_EQ(m.value, m.name == "odds_ratio_B" ? 1 : 0) << m.name;
  }
}

TEST(Spread, TQuantiles) {
  EXPECT_NEAR(t_quantile(0.975, 1), 12.7062047, 1e-5);
  EXPECT_NEAR(t_quantile(0.975, 2), 4.3026527, 1e-5);
  EXPECT_NEAR(t_quantile(0.975, 10), 2.2281389, 1e-5);
  EXPECT_NEAR(t_quantile(0.975, 30), 2.0422725, 1e-5);
  EXPECT_NEAR(t_quantile(0.975, 1e6), 1.959966, 1e-4);
  EXPECT_NEAR(t_quantile(0.5, 5), 0.0, 1e-6);
  EXPECT_NEAR(t_quantile(0.025, 10), -2.2281389, 1e-5);
}

TEST(Spread, MeanSdAndConfidenceInterval) {
  const std::vector<double> values = {1, 2, 3, 4, std::nan("")};
  const Spread s = spread(values);
  EXPECT_EQ(s.n, 4u);  // NaN left out
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_NEAR(s.sd, std::sqrt(5.0 / 3), 1e-12);
  const double half = 3.1824463 * std::sqrt(5.0 / 3) / 2;
  EXPECT_NEAR(s.ci_low, 2.5 - half, 1e-5);
  EXPECT_NEAR(s.ci_high, 2.5 + half, 1e-5);
}

TEST(Spread, FewValues) {
  const std::vector<double> one = {3};
  const Spread s1 = spread(one);
  EXPECT_EQ(s1.n, 1u);
  EXPECT_EQ(s1.mean, 3);
  EXPECT_TRUE(std::isnan(s1.sd));
  EXPECT_TRUE(std::isnan(s1.ci_low));
  EXPECT_TRUE(std::isnan(s1.ci_high));
  const std::vector<double> none = {std::nan("")};
  const Spread s0 = spread(none);
  EXPECT_EQ(s0.n, 0u);
  EXPECT_TRUE(std::isnan(s0.mean));
  const std::vector<double> same = {2, 2, 2};
  const Spread s3 = spread(same);
  EXPECT_EQ(s3.sd, 0);
  EXPECT_EQ(s3.ci_low, 2);
  EXPECT_EQ(s3.ci_high, 2);
}

}  // namespace
}  // namespace attachsim::scenario
