// Tests of the charts' data: shares, histograms, scatter with r, reference bands, paired
// differences (chart_data.hpp).
#include "attachsim/viz/chart_data.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace attachsim::viz {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

TEST(DaySample, SharesAmongAttachedLeaveOutInfantsWithoutAFigure) {
  Aggregates a;
  a.day = 300;
  a.dyads = 100;
  a.strategy = {40, 20, 10, 10, 20};  // open, minimising, maximising, conflict, none
  a.attached = 80;
  const DaySample s = day_sample(a);
  EXPECT_EQ(s.day, 300u);
  EXPECT_FLOAT_EQ(s.strategy[0], 0.4f);
  EXPECT_FLOAT_EQ(s.attached, 0.8f);
  EXPECT_FLOAT_EQ(s.share_among_attached(Strategy::Open), 0.5f);
  EXPECT_FLOAT_EQ(s.share_among_attached(Strategy::Minimising), 0.25f);
  EXPECT_FLOAT_EQ(s.share_among_attached(Strategy::None), 0.2f);
}

TEST(DaySample, NobodyAttachedGivesZeroNotNaN) {
  Aggregates a;
  a.dyads = 10;
  a.strategy = {0, 0, 0, 0, 10};
  const DaySample s = day_sample(a);
  EXPECT_EQ(s.share_among_attached(Strategy::Open), 0.0f);
  Aggregates empty;
  EXPECT_EQ(day_sample(empty).share_among_attached(Strategy::Open), 0.0f);
}

TEST(Histogram, CountsEveryFiniteValueAndSkipsNaN) {
  const std::vector<float> v{0.0f, 0.05f, 0.5f, 0.99f, 1.0f, -3.0f, 7.0f, kNaN};
  const Histogram h = histogram(v, 0.0f, 1.0f, 10);
  ASSERT_EQ(h.counts.size(), 10u);
  EXPECT_EQ(h.total, 7u);
  EXPECT_EQ(h.counts[0], 3u);  // 0, 0.05 and the clamped -3
  EXPECT_EQ(h.counts[5], 1u);
  EXPECT_EQ(h.counts[9], 3u);  // 0.99, 1.0 and the clamped 7
  EXPECT_EQ(h.tallest(), 3u);
  EXPECT_FLOAT_EQ(h.bin_centre(0), 0.05f);
  EXPECT_NEAR(h.mean, (0.0 + 0.05 + 0.5 + 0.99 + 1.0 - 3.0 + 7.0) / 7, 1e-6);
}

TEST(Histogram, DegenerateInputsAreSafe) {
  const Histogram empty = histogram({}, 0.0f, 1.0f, 5);
  EXPECT_EQ(empty.total, 0u);
  EXPECT_EQ(empty.mean, 0.0);
  const std::vector<float> one{0.5f};
  const Histogram flat = histogram(one, 1.0f, 1.0f, 0);  // empty range, no bins
  EXPECT_EQ(flat.counts.size(), 1u);
  EXPECT_EQ(flat.total, 1u);
  EXPECT_GT(flat.hi, flat.lo);
}

TEST(Scatter, RUsesEveryAttachedPairAndTheSampleIsBounded) {
  std::vector<float> x, y;
  std::vector<Strategy> s;
  for (int i = 0; i < 10000; ++i) {
    x.push_back(static_cast<float>(i) / 10000.0f);
    y.push_back(static_cast<float>(i % 2 == 0 ? i : 10000 - i) / 10000.0f);
    s.push_back(i % 10 == 0 ? Strategy::None : Strategy::Open);
  }
  const Scatter sc = scatter(x, y, s, 500);
  EXPECT_EQ(sc.n, 9000u);  // infants without a figure are left out
  EXPECT_LE(sc.points.size(), 500u);
  EXPECT_GE(sc.points.size(), 450u);
  EXPECT_TRUE(std::isfinite(sc.r));
}

TEST(Scatter, PerfectLineGivesOneAndNoVarianceGivesZero) {
  const std::vector<float> x{0.1f, 0.2f, 0.3f, kNaN};
  const std::vector<float> y{0.2f, 0.4f, 0.6f, 0.5f};
  const std::vector<Strategy> s(4, Strategy::Open);
  EXPECT_NEAR(scatter(x, y, s, 100).r, 1.0, 1e-6);
  EXPECT_EQ(scatter(x, y, s, 100).n, 3u);
  const std::vector<float> constant{0.5f, 0.5f, 0.5f, 0.5f};
  EXPECT_EQ(scatter(constant, y, s, 100).r, 0.0);
  EXPECT_EQ(scatter({}, {}, {}, 100).n, 0u);
}

TEST(ReferenceBands, AreTheBriefsTargetsAndTolerances) {
  const auto low = reference_bands(ReferenceSet::LowRisk);
  ASSERT_EQ(low.size(), 4u);
  const auto band_of = [](const std::vector<ReferenceBand>& bands, Strategy s) {
    for (const auto& b : bands)
      if (b.strategy == s) return b;
    ADD_FAILURE();
    return bands.front();
  };
  // C1: A 22 +- 7, B 66 +- 8, C 12 +- 6; C2: D 15 +- 5 (percent).
  EXPECT_NEAR(band_of(low, Strategy::Minimising).low, 0.15, 1e-6);
  EXPECT_NEAR(band_of(low, Strategy::Minimising).high, 0.29, 1e-6);
  EXPECT_NEAR(band_of(low, Strategy::Open).low, 0.58, 1e-6);
  EXPECT_NEAR(band_of(low, Strategy::Open).high, 0.74, 1e-6);
  EXPECT_NEAR(band_of(low, Strategy::Maximising).low, 0.06, 1e-6);
  EXPECT_NEAR(band_of(low, Strategy::Maximising).high, 0.18, 1e-6);
  EXPECT_NEAR(band_of(low, Strategy::Conflict).low, 0.10, 1e-6);
  EXPECT_NEAR(band_of(low, Strategy::Conflict).high, 0.20, 1e-6);
  // C4: B 51.6, A 14.7, C 10.2, D 23.5, each +- 5.
  const auto world = reference_bands(ReferenceSet::World);
  EXPECT_NEAR(band_of(world, Strategy::Open).low, 0.466, 1e-6);
  EXPECT_NEAR(band_of(world, Strategy::Conflict).high, 0.285, 1e-6);
  for (const auto& b : low) {
    EXPECT_LT(b.low, b.high);
    EXPECT_EQ(b.from_month, 12.0f);
    EXPECT_EQ(b.to_month, 18.0f);
  }
}

TEST(DifferenceSeries, PairsDaysAndGivesPercentagePoints) {
  std::vector<DaySample> main(3), what_if(2);
  for (std::uint32_t d = 0; d < 3; ++d) {
    main[d].day = d;
    main[d].strategy = {0.5f, 0.3f, 0.1f, 0.1f, 0.0f};
    main[d].security = 0.4f;
  }
  for (std::uint32_t d = 0; d < 2; ++d) {
    what_if[d].day = d + 1;
    what_if[d].strategy = {0.6f, 0.2f, 0.1f, 0.1f, 0.0f};
    what_if[d].security = 0.5f;
  }
  const auto diff = difference_series(main, what_if);
  ASSERT_EQ(diff.size(), 2u);
  EXPECT_EQ(diff[0].day, 1u);
  EXPECT_NEAR(diff[0].strategy[0], 10.0f, 1e-4);
  EXPECT_NEAR(diff[0].strategy[1], -10.0f, 1e-4);
  EXPECT_NEAR(diff[1].security, 0.1f, 1e-6);
}

TEST(PairedD, IsTheMeanDifferenceOverItsSd) {
  const std::vector<float> a{0.0f, 0.0f, 0.0f, 0.0f};
  const std::vector<float> b{1.0f, 2.0f, 1.0f, 2.0f};
  // differences 1,2,1,2: mean 1.5, sd sqrt(1/3)
  EXPECT_NEAR(paired_d(a, b), 1.5 / std::sqrt(1.0 / 3.0), 1e-9);
  EXPECT_EQ(paired_d(a, a), 0.0);
  const std::vector<float> with_nan{kNaN, 0.0f};
  EXPECT_EQ(paired_d(with_nan, with_nan), 0.0);
}

}  // namespace
}  // namespace attachsim::viz
