// Tests of scenario distributions: normal and beta quantiles against known values, and the strata each kind expands into.
#include "attachsim/scenario/distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace attachsim::scenario {
namespace {

double total_probability(const std::vector<std::pair<double, double>>& support) {
  return std::accumulate(support.begin(), support.end(), 0.0,
                         [](double sum, const auto& vp) { return sum + vp.second; });
}

TEST(NormalQuantile, KnownValues) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963985, 1e-6);
  EXPECT_NEAR(normal_quantile(0.025), -1.959963985, 1e-6);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-12);
  EXPECT_NEAR(normal_quantile(0.8413447460685429), 1.0, 1e-6);
  EXPECT_NEAR(normal_quantile(0.999), 3.090232306, 1e-6);
}

TEST(NormalQuantile, IsMonotoneAndAntisymmetric) {
  double previous = -1e9;
  for (int i = 1; i < 100; ++i) {
    const double p = i / 100.0;
    const double q = normal_quantile(p);
    EXPECT_GT(q, previous);
    EXPECT_NEAR(q, -normal_quantile(1 - p), 1e-9);
    previous = q;
  }
}

TEST(BetaCdf, KnownValues) {
  EXPECT_DOUBLE_EQ(beta_cdf(0.0, 2, 3), 0.0);
  EXPECT_DOUBLE_EQ(beta_cdf(1.0, 2, 3), 1.0);
  EXPECT_NEAR(beta_cdf(0.5, 2, 3), 11.0 / 16.0, 1e-12);  // I_0.5(2,3) = (6 + 4 + 1) / 16
  EXPECT_NEAR(beta_cdf(0.3, 1, 1), 0.3, 1e-12);          // beta(1,1) is uniform
  EXPECT_NEAR(beta_cdf(0.6, 2, 1), 0.36, 1e-12);         // x^2
  EXPECT_NEAR(beta_cdf(0.9, 2, 2), 3 * 0.81 - 2 * 0.729, 1e-12);  // 3x^2 - 2x^3
}

TEST(BetaQuantile, KnownValues) {
  EXPECT_NEAR(beta_quantile(0.5, 2, 2), 0.5, 1e-9);
  EXPECT_NEAR(beta_quantile(0.3, 1, 1), 0.3, 1e-9);
  EXPECT_NEAR(beta_quantile(0.49, 2, 1), 0.7, 1e-9);  // sqrt(p)
  EXPECT_NEAR(beta_cdf(beta_quantile(0.8, 2.5, 7), 2.5, 7), 0.8, 1e-9);
}

TEST(BetaQuantile, SymmetricBetaIsSymmetric) {
  for (double p : {0.05, 0.1, 0.25, 0.4}) {
    EXPECT_NEAR(beta_quantile(p, 2, 2), 1 - beta_quantile(1 - p, 2, 2), 1e-9) << p;
    EXPECT_NEAR(beta_quantile(p, 5, 5), 1 - beta_quantile(1 - p, 5, 5), 1e-9) << p;
  }
}

TEST(Distribution, FixedIsOneValue) {
  const Distribution d = Distribution::fixed(0.7);
  EXPECT_FALSE(d.varies());
  const auto s = d.support();
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].first, 0.7);
  EXPECT_EQ(s[0].second, 1.0);
  EXPECT_DOUBLE_EQ(d.mean_value(), 0.7);
}

TEST(Distribution, NormalStrataAreMidQuantilesSummingToOne) {
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = 0.5;
  d.sd = 0.1;
  d.min = -100;  // effectively untruncated
  d.max = 100;
  d.strata = 4;
  EXPECT_TRUE(d.varies());
  const auto s = d.support();
  ASSERT_EQ(s.size(), 4u);
  EXPECT_NEAR(total_probability(s), 1.0, 1e-12);
  for (std::size_t i = 0; i < s.size(); ++i) {
    EXPECT_DOUBLE_EQ(s[i].second, 0.25);
    EXPECT_NEAR(s[i].first, 0.5 + 0.1 * normal_quantile((static_cast<double>(i) + 0.5) / 4), 1e-9);
  }
  EXPECT_NEAR(s[0].first, 0.5 - 0.1 * 1.150349380, 1e-6);  // z at 0.125
  EXPECT_NEAR(d.mean_value(), 0.5, 1e-9);
}

TEST(Distribution, TruncatedNormalStaysWithinBounds) {
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = 0.9;
  d.sd = 0.3;
  d.min = 0.2;
  d.max = 1.0;
  d.strata = 25;
  const auto s = d.support();
  ASSERT_EQ(s.size(), 25u);
  EXPECT_NEAR(total_probability(s), 1.0, 1e-12);
  for (const auto& [v, p] : s) {
    EXPECT_GE(v, 0.2);
    EXPECT_LE(v, 1.0);
  }
  for (std::size_t i = 1; i < s.size(); ++i) EXPECT_GT(s[i].first, s[i - 1].first);
  // Truncation at 1 pulls the mean below the untruncated 0.9.
  EXPECT_LT(d.mean_value(), 0.9);
}

TEST(Distribution, NormalWithoutSpreadIsTheClampedMean) {
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = 0.5;
  d.sd = 0;
  d.min = 0.6;
  d.max = 1;
  const auto s = d.support();
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].first, 0.6);
}

TEST(Distribution, UniformStrataAreEvenlySpaced) {
  Distribution d;
  d.kind = Distribution::Kind::Uniform;
  d.min = 0.2;
  d.max = 0.6;
  d.strata = 4;
  const auto s = d.support();
  ASSERT_EQ(s.size(), 4u);
  const double expected[] = {0.25, 0.35, 0.45, 0.55};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(s[i].first, expected[i], 1e-12);
    EXPECT_DOUBLE_EQ(s[i].second, 0.25);
  }
  EXPECT_NEAR(d.mean_value(), 0.4, 1e-12);
}

TEST(Distribution, BetaIsScaledAndSymmetric) {
  Distribution d;
  d.kind = Distribution::Kind::Beta;
  d.alpha = 2;
  d.beta = 2;
  d.min = 10;
  d.max = 20;
  d.strata = 10;
  const auto s = d.support();
  ASSERT_EQ(s.size(), 10u);
  EXPECT_NEAR(total_probability(s), 1.0, 1e-12);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(s[i].first - 10, 20 - s[9 - i].first, 1e-7) << i;
  for (const auto& [v, p] : s) {
    EXPECT_GT(v, 10);
    EXPECT_LT(v, 20);
  }
  EXPECT_NEAR(d.mean_value(), 15, 1e-7);
}

TEST(Distribution, CategoricalIsExact) {
  Distribution d;
  d.kind = Distribution::Kind::Categorical;
  d.values = {4, 8, 12, 16};
  d.weights = {1, 3, 0, 4};
  d.strata = 50;  // ignored: categories are exact
  const auto s = d.support();
  ASSERT_EQ(s.size(), 3u);  // the zero-weight value is left out
  EXPECT_EQ(s[0].first, 4);
  EXPECT_DOUBLE_EQ(s[0].second, 1.0 / 8);
  EXPECT_EQ(s[1].first, 8);
  EXPECT_DOUBLE_EQ(s[1].second, 3.0 / 8);
  EXPECT_EQ(s[2].first, 16);
  EXPECT_DOUBLE_EQ(s[2].second, 4.0 / 8);
  EXPECT_DOUBLE_EQ(d.mean_value(), (4.0 + 24 + 64) / 8);
}

TEST(Distribution, StrataCountIsTheNumberOfValues) {
  for (int strata : {2, 3, 10, 37, 100}) {
    Distribution d;
    d.kind = Distribution::Kind::Uniform;
    d.min = 0;
    d.max = 1;
    d.strata = strata;
    EXPECT_EQ(d.support().size(), static_cast<std::size_t>(strata));
    d.kind = Distribution::Kind::Normal;
    d.mean = 0.5;
    d.sd = 0.2;
    EXPECT_EQ(d.support().size(), static_cast<std::size_t>(strata));
    d.kind = Distribution::Kind::Beta;
    EXPECT_EQ(d.support().size(), static_cast<std::size_t>(strata));
    EXPECT_NEAR(total_probability(d.support()), 1.0, 1e-12);
  }
}

TEST(Distribution, DescribeNamesKindAndStrata) {
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = 0.5;
  d.sd = 0.1;
  d.min = 0;
  d.max = 1;
  EXPECT_EQ(d.describe(), "normal(mean 0.5, sd 0.1, 0..1) in 10 strata");
  EXPECT_EQ(Distribution::fixed(0.25).describe(), "0.25");
  Distribution c;
  c.kind = Distribution::Kind::Categorical;
  c.values = {1, 2};
  c.weights = {3, 1};
  EXPECT_EQ(c.describe(), "categorical(1:3, 2:1)");
}

}  // namespace
}  // namespace attachsim::scenario
