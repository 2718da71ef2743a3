// Tests of the counter-based random streams (random.hpp/.cpp): reproducibility, independence,
// distributions.
#include "attachsim/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace attachsim {
namespace {

std::vector<std::uint32_t> raw(RandomStream s, int n) {
  std::vector<std::uint32_t> out;
  for (int i = 0; i < n; ++i) out.push_back(s.next_u32());
  return out;
}

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= n, my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

constexpr int kDraws = 100000;

TEST(RandomStream, SameKeyGivesSameSequence) {
  const auto a = raw(RandomStream(42, 7, 3, Stream::Episode), 1000);
  const auto b = raw(RandomStream(42, 7, 3, Stream::Episode), 1000);
  EXPECT_EQ(a, b);
  // Copies continue identically from where they were taken.
  RandomStream s(42, 7, 3, Stream::Episode);
  for (int i = 0; i < 5; ++i) s.next_u32();
  RandomStream copy = s;
  for (int i = 0; i < 100; ++i) ASSERT_EQ(s.next_u32(), copy.next_u32());
}

TEST(RandomStream, EveryKeyComponentChangesTheSequence) {
  const auto base = raw(RandomStream(42, 7, 3, Stream::Episode), 16);
  EXPECT_NE(base, raw(RandomStream(43, 7, 3, Stream::Episode), 16)) << "seed";
  EXPECT_NE(base, raw(RandomStream(42 + (std::uint64_t{1} << 32), 7, 3, Stream::Episode), 16))
      << "high half of the seed";
  EXPECT_NE(base, raw(RandomStream(42, 8, 3, Stream::Episode), 16)) << "dyad";
  EXPECT_NE(base, raw(RandomStream(42, 7, 4, Stream::Episode), 16)) << "step";
  EXPECT_NE(base, raw(RandomStream(42, 7, 3, Stream::Day), 16)) << "stream";
  EXPECT_NE(base, raw(RandomStream(42, 7, 3, Stream::Episode, 1), 16)) << "substream";
  // Swapping dyad and step must not give the same numbers either.
  EXPECT_NE(raw(RandomStream(42, 3, 7, Stream::Episode), 16), base);
}

TEST(RandomStream, AllStreamsOfOneDyadDayDiffer) {
  const Stream all[] = {Stream::Setup,   Stream::Day,     Stream::Episode,
                        Stream::Staff,   Stream::Command, Stream::StrangeSituation,
                        Stream::Subgroup};
  std::vector<std::vector<std::uint32_t>> seqs;
  for (Stream s : all) seqs.push_back(raw(RandomStream(1, 0, 0, s), 8));
  for (std::size_t i = 0; i < seqs.size(); ++i)
    for (std::size_t j = i + 1; j < seqs.size(); ++j)
      EXPECT_NE(seqs[i], seqs[j]) << i << " vs " << j;
}

TEST(RandomStream, CountsPhiloxCallsInBlocksOfFour) {
  RandomStream s(5, 1, 2, Stream::Setup);
  EXPECT_EQ(s.calls(), 0u);
  s.next_u32();
  EXPECT_EQ(s.calls(), 1u);
  for (int i = 0; i < 3; ++i) s.next_u32();
  EXPECT_EQ(s.calls(), 1u);
  s.next_u32();
  EXPECT_EQ(s.calls(), 2u);
  // normal() takes exactly two raw draws.
  RandomStream t(5, 1, 2, Stream::Setup);
  t.normal();
  t.normal();
  EXPECT_EQ(t.calls(), 1u);
  t.normal();
  EXPECT_EQ(t.calls(), 2u);
}

TEST(RandomStream, UniformIsInHalfOpenUnitInterval) {
  RandomStream s(9, 1, 1, Stream::Episode);
  float lo = 1, hi = 0;
  for (int i = 0; i < kDraws; ++i) {
    const float u = s.uniform();
    ASSERT_GE(u, 0.0f);
    ASSERT_LT(u, 1.0f);
    lo = std::min(lo, u), hi = std::max(hi, u);
  }
  EXPECT_LT(lo, 1e-3f);
  EXPECT_GT(hi, 1.0f - 1e-3f);
}

TEST(RandomStream, UniformOpenExcludesBothEnds) {
  RandomStream s(9, 2, 1, Stream::Episode);
  for (int i = 0; i < kDraws; ++i) {
    const float u = s.uniform_open();
    ASSERT_GT(u, 0.0f);
    ASSERT_LT(u, 1.0f);
    ASSERT_TRUE(std::isfinite(std::log(u)));
  }
}

TEST(RandomStream, UniformMeanAndVariance) {
  RandomStream s(123, 4, 5, Stream::Day);
  double sum = 0, sq = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = s.uniform();
    sum += u, sq += u * u;
  }
  const double mean = sum / kDraws, var = sq / kDraws - mean * mean;
  EXPECT_NEAR(mean, 0.5, 0.004);        // sd of the mean ~0.0009
  EXPECT_NEAR(var, 1.0 / 12.0, 0.002);  // sd of the variance ~0.0003
}

TEST(RandomStream, NormalMeanVarianceAndTails) {
  RandomStream s(321, 4, 5, Stream::Setup);
  double sum = 0, sq = 0, cube = 0;
  int beyond2 = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double z = s.normal();
    ASSERT_TRUE(std::isfinite(z));
    sum += z, sq += z * z, cube += z * z * z;
    if (std::abs(z) > 2) ++beyond2;
  }
  const double mean = sum / kDraws, var = sq / kDraws - mean * mean;
  EXPECT_NEAR(mean, 0.0, 0.015);  // sd of the mean ~0.003
  EXPECT_NEAR(var, 1.0, 0.025);   // sd of the variance ~0.0045
  EXPECT_NEAR(cube / kDraws, 0.0, 0.06);
  EXPECT_NEAR(static_cast<double>(beyond2) / kDraws, 0.0455, 0.005);
}

TEST(RandomStream, StreamsAreUncorrelated) {
  RandomStream a(77, 10, 20, Stream::Episode);
  RandomStream b(77, 10, 20, Stream::Day);
  RandomStream c(77, 11, 20, Stream::Episode);  // neighbouring dyad
  RandomStream d(77, 10, 21, Stream::Episode);  // next day
  std::vector<double> xa, xb, xc, xd, lag;
  for (int i = 0; i < kDraws; ++i) {
    xa.push_back(a.uniform()), xb.push_back(b.uniform());
    xc.push_back(c.uniform()), xd.push_back(d.uniform());
  }
  lag.assign(xa.begin() + 1, xa.end());
  std::vector<double> head(xa.begin(), xa.end() - 1);
  EXPECT_LT(std::abs(correlation(xa, xb)), 0.02);
  EXPECT_LT(std::abs(correlation(xa, xc)), 0.02);
  EXPECT_LT(std::abs(correlation(xa, xd)), 0.02);
  EXPECT_LT(std::abs(correlation(head, lag)), 0.02) << "successive draws of one stream";
}

TEST(RandomStream, ManyShortStreamsAreUncorrelatedAcrossDyads) {
  // The engine draws a handful of numbers per (dyad, day): the first draw of
  // adjacent dyads must not be related.
  std::vector<double> first, second;
  for (std::uint32_t dyad = 0; dyad < kDraws; ++dyad) {
    first.push_back(RandomStream(5, dyad, 0, Stream::Setup).uniform());
    second.push_back(RandomStream(5, dyad + 1, 0, Stream::Setup).uniform());
  }
  EXPECT_LT(std::abs(correlation(first, second)), 0.02);
  double sum = 0;
  for (double u : first) sum += u;
  EXPECT_NEAR(sum / kDraws, 0.5, 0.004);
}

}  // namespace
}  // namespace attachsim

namespace attachsim {
namespace {

TEST(RandomStream, PrimedWithItsFirstBlockGivesTheSameNumbers) {
  RandomStream fresh(42, 7, 100, Stream::Day);
  RandomStream primed(42, 7, 100, Stream::Day);
  primed.prime(RandomStream(42, 7, 100, Stream::Day).block(0));
  for (int i = 0; i < 23; ++i) ASSERT_EQ(primed.next_u32(), fresh.next_u32()) << i;
  EXPECT_EQ(primed.calls(), fresh.calls());
}

}  // namespace
}  // namespace attachsim
