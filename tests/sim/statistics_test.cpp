// Tests of the effect-size statistics: Pearson r, Cohen's d, odds ratio, Cohen's kappa (statistics.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "attachsim/random.hpp"
#include "attachsim/statistics.hpp"

namespace attachsim {
namespace {

TEST(PearsonR, PerfectPositiveAndNegative) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6};
  std::vector<double> up, down;
  for (double v : x) up.push_back(3 * v + 2), down.push_back(-0.5 * v + 10);
  EXPECT_NEAR(pearson_r(x, up), 1.0, 1e-12);
  EXPECT_NEAR(pearson_r(x, down), -1.0, 1e-12);
  EXPECT_NEAR(pearson_r(up, x), 1.0, 1e-12) << "symmetric";
}

TEST(PearsonR, ConstantOrTooShortIsZero) {
  const std::vector<double> x = {1, 2, 3, 4};
  const std::vector<double> flat = {7, 7, 7, 7};
  EXPECT_EQ(pearson_r(x, flat), 0.0);
  EXPECT_EQ(pearson_r(flat, x), 0.0);
  const std::vector<double> one = {1};
  EXPECT_EQ(pearson_r(one, one), 0.0);
  EXPECT_EQ(pearson_r({}, {}), 0.0);
}

TEST(PearsonR, KnownValue) {
  // x = 1..5, y = 2,4,5,4,5: r = 6 / sqrt(10 * 6) = 0.7745967
  const std::vector<double> x = {1, 2, 3, 4, 5}, y = {2, 4, 5, 4, 5};
  EXPECT_NEAR(pearson_r(x, y), 6.0 / std::sqrt(60.0), 1e-12);
}

TEST(PearsonR, IndependentDataNearZero) {
  RandomStream a(1, 0, 0, Stream::Setup), b(2, 0, 0, Stream::Setup);
  std::vector<double> x, y;
  for (int i = 0; i < 20000; ++i) x.push_back(a.normal()), y.push_back(b.normal());
  EXPECT_LT(std::abs(pearson_r(x, y)), 0.03);
}

TEST(CohensD, KnownValue) {
  // Means 2 and 4, both variances 1: d = (4 - 2) / 1 = 2 (b minus a).
  const std::vector<double> a = {1, 2, 3}, b = {3, 4, 5};
  EXPECT_NEAR(cohens_d(a, b), 2.0, 1e-12);
  EXPECT_NEAR(cohens_d(b, a), -2.0, 1e-12);
  // Unequal sizes and variances: pooled sd = sqrt((1 * 0.5 + 3 * 5/3) / 4).
  const std::vector<double> c = {0, 1}, d = {1, 2, 3, 4};
  const double pooled = std::sqrt((1 * 0.5 + 3 * (5.0 / 3.0)) / 4.0);
  EXPECT_NEAR(cohens_d(c, d), (2.5 - 0.5) / pooled, 1e-12);
}

TEST(CohensD, DegenerateCasesAreZero) {
  const std::vector<double> one = {1}, two = {1, 2}, flat = {3, 3, 3}, flat2 = {3, 3};
  EXPECT_EQ(cohens_d(one, two), 0.0);
  EXPECT_EQ(cohens_d(flat, flat2), 0.0);
}

TEST(OddsRatio, KnownValuesAndZeroCells) {
  EXPECT_NEAR(odds_ratio(20, 80, 10, 90), (20.0 * 90) / (80.0 * 10), 1e-12);
  EXPECT_NEAR(odds_ratio(10, 10, 10, 10), 1.0, 1e-12);
  // Haldane-Anscombe: 0.5 added to every cell when one is empty; finite and positive.
  const double zero_cell = odds_ratio(0, 10, 5, 5);
  EXPECT_NEAR(zero_cell, (0.5 * 5.5) / (10.5 * 5.5), 1e-12);
  EXPECT_TRUE(std::isfinite(odds_ratio(10, 0, 5, 5)));
  EXPECT_NEAR(odds_ratio(10, 0, 5, 5), (10.5 * 5.5) / (0.5 * 5.5), 1e-12);
  EXPECT_GT(odds_ratio(10, 0, 5, 5), 1.0);
}

TEST(CohensKappa, PerfectAgreementIsOne) {
  const std::vector<int> a = {0, 1, 2, 3, 4, 0, 1, 2, 1, 1};
  EXPECT_NEAR(cohens_kappa(a, a, 5), 1.0, 1e-12);
}

TEST(CohensKappa, KnownValue) {
  // 2x2 table: agree yes 20, agree no 15, disagree 5 and 10 (n = 50).
  // po = 0.7; pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = 0.4.
  std::vector<int> first, second;
  auto add = [&](int a, int b, int n) {
    for (int i = 0; i < n; ++i) first.push_back(a), second.push_back(b);
  };
  add(1, 1, 20);
  add(1, 0, 5);
  add(0, 1, 10);
  add(0, 0, 15);
  EXPECT_NEAR(cohens_kappa(first, second, 2), 0.4, 1e-12);
}

TEST(CohensKappa, ChanceAgreementIsNearZero) {
  RandomStream a(3, 0, 0, Stream::Setup), b(4, 0, 0, Stream::Setup);
  std::vector<int> x, y;
  for (int i = 0; i < 20000; ++i)
    x.push_back(static_cast<int>(a.uniform() * 4)), y.push_back(static_cast<int>(b.uniform() * 4));
  EXPECT_LT(std::abs(cohens_kappa(x, y, 4)), 0.02);
  // Systematic disagreement is below zero.
  const std::vector<int> p = {0, 1, 0, 1, 0, 1}, q = {1, 0, 1, 0, 1, 0};
  EXPECT_LT(cohens_kappa(p, q, 2), 0.0);
}

}  // namespace
}  // namespace attachsim
