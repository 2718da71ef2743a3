// Tests of portable_exp: accuracy against std::exp, edge cases, and that it gives fixed bits.
#include "attachsim/portable_exp.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace attachsim {
namespace {

TEST(PortableExp, WithinThreeTenMillionthsOfStdExpOverTheWholeRange) {
  double worst = 0;
  for (float x = -86.9f; x < 88.0f; x += 0.00731f) {
    const double exact = std::exp(static_cast<double>(x));
    const double error = std::abs(static_cast<double>(portable_exp(x)) - exact) / exact;
    worst = std::max(worst, error);
  }
  EXPECT_LT(worst, 3e-7);
}

TEST(PortableExp, ExactAtZeroAndIncreasing) {
  EXPECT_EQ(portable_exp(0.0f), 1.0f);
  float previous = portable_exp(-20.0f);
  for (float x = -20.0f; x < 20.0f; x += 0.001f) {
    const float y = portable_exp(x);
    ASSERT_GE(y, previous) << x;
    previous = y;
  }
}

TEST(PortableExp, EdgesSaturateAndNanPassesThrough) {
  EXPECT_EQ(portable_exp(-1000.0f), 0.0f);
  EXPECT_EQ(portable_exp(-std::numeric_limits<float>::infinity()), 0.0f);
  EXPECT_EQ(portable_exp(1000.0f), portable_exp(88.0f));
  EXPECT_TRUE(std::isfinite(portable_exp(std::numeric_limits<float>::infinity())));
  EXPECT_TRUE(std::isnan(portable_exp(std::numeric_limits<float>::quiet_NaN())));
}

TEST(PortableExp, KnownBits) {
  // Pinned values: a change to the algorithm (or an FMA contraction slipping
  // into the build) changes simulation output, and shows here first.
  EXPECT_EQ(std::bit_cast<std::uint32_t>(portable_exp(1.0f)), 0x402df854u);
  EXPECT_EQ(std::bit_cast<std::uint32_t>(portable_exp(-2.5f)), 0x3da81c2eu);
  EXPECT_EQ(std::bit_cast<std::uint32_t>(portable_exp(10.3f)), 0x46e84940u);
}

}  // namespace
}  // namespace attachsim
