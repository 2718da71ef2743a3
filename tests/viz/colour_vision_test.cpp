// Tests of the colour-vision simulation, CIEDE2000, and the class palette's safety
// (colour_vision.hpp).
#include "attachsim/viz/colour_vision.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "attachsim/viz/colour_map.hpp"

namespace attachsim::viz {
namespace {

// Sharma, Wu & Dalal (2005), table 1: pairs 1, 2, 3, 7, 17, 25 and 34 with their CIEDE2000.
TEST(ColourVision, Ciede2000MatchesSharmasTestData) {
  struct Pair {
    Lab a, b;
    double expected;
  };
  const std::array<Pair, 7> pairs{{
      {{50.0000, 2.6772, -79.7751}, {50.0000, 0.0000, -82.7485}, 2.0425},
      {{50.0000, 3.1571, -77.2803}, {50.0000, 0.0000, -82.7485}, 2.8615},
      {{50.0000, 2.8361, -74.0200}, {50.0000, 0.0000, -82.7485}, 3.4412},
      {{50.0000, 0.0000, 0.0000}, {50.0000, -1.0000, 2.0000}, 2.3669},
      {{50.0000, 2.5000, 0.0000}, {73.0000, 25.0000, -18.0000}, 27.1492},
      {{60.2574, -34.0099, 36.2677}, {60.4626, -34.1751, 39.4387}, 1.2644},
      {{22.7233, 20.0904, -46.6940}, {23.0331, 14.9730, -42.5619}, 2.0373},
  }};
  for (const Pair& p : pairs) {
    EXPECT_NEAR(ciede2000(p.a, p.b), p.expected, 1e-4);
    EXPECT_NEAR(ciede2000(p.b, p.a), p.expected, 1e-4);  // symmetric
  }
  EXPECT_DOUBLE_EQ(ciede2000(Rgba{10, 20, 30, 255}, Rgba{10, 20, 30, 255}), 0.0);
}

TEST(ColourVision, LabOfWhiteBlackAndPrimaries) {
  const Lab white = to_lab({255, 255, 255, 255});
  EXPECT_NEAR(white.l, 100, 0.01);
  EXPECT_NEAR(white.a, 0, 0.01);
  EXPECT_NEAR(white.b, 0, 0.01);
  EXPECT_NEAR(to_lab({0, 0, 0, 255}).l, 0, 1e-9);
  const Lab red = to_lab({255, 0, 0, 255});  // sRGB red: L 53.24, a 80.09, b 67.20
  EXPECT_NEAR(red.l, 53.24, 0.05);
  EXPECT_NEAR(red.a, 80.09, 0.1);
  EXPECT_NEAR(red.b, 67.20, 0.1);
}

TEST(ColourVision, SimulationKeepsGreysAndMergesRedAndGreenForRedGreenDichromats) {
  for (Deficiency d : kDeficiencies)
    for (int level : {0, 60, 128, 200, 255}) {
      const auto v = static_cast<std::uint8_t>(level);
      const Rgba grey{v, v, v, 255};
      // Machado's rows sum to 1: neutral greys stay neutral (within rounding).
      EXPECT_LT(ciede2000(simulate(grey, d), grey), 1.0) << deficiency_name(d);
    }
  // A red and a green of similar lightness that normal vision tells apart easily.
  const Rgba red{200, 80, 60, 255}, green{100, 140, 60, 255};
  EXPECT_GT(ciede2000(red, green), 30);
  EXPECT_LT(
      ciede2000(simulate(red, Deficiency::Deuteranopia), simulate(green, Deficiency::Deuteranopia)),
      12);
  EXPECT_LT(
      ciede2000(simulate(red, Deficiency::Protanopia), simulate(green, Deficiency::Protanopia)),
      15);
}

std::vector<Rgba> class_palette() {
  std::vector<Rgba> out;
  for (Class4 c : {Class4::B, Class4::A, Class4::C, Class4::D, Class4::CC})
    out.push_back(class_colour(c));
  return out;
}

// The requirement: the class colours stay apart under the three common dichromacies.
TEST(ColourVision, ClassPaletteStaysApartForEveryViewer) {
  const std::vector<Rgba> palette = class_palette();
  for (Deficiency d : kDeficiencies) {
    const ClosestPair p = closest_pair(palette, d);
    EXPECT_GE(p.delta_e, kMinClassDeltaE)
        << deficiency_name(d) << ": classes " << p.first << " and " << p.second
        << " (B, A, C, D, U order) are only " << p.delta_e << " apart";
  }
}

// And each class colour is far from the empty cells and the panel background.
TEST(ColourVision, ClassColoursStandOutFromTheBackground) {
  for (Deficiency d : kDeficiencies)
    for (const Rgba& c : class_palette()) {
      EXPECT_GE(ciede2000(simulate(c, d), simulate(kPaddingColour, d)), kMinClassDeltaE);
      EXPECT_GE(ciede2000(simulate(c, d), simulate(kMissingColour, d)), kMinClassDeltaE);
    }
}

// The palette before issue 13 (red-green conventional colours) fails the same check: the test
// can tell a safe palette from an unsafe one.
TEST(ColourVision, TheOldConventionalPaletteWouldFail) {
  const std::vector<Rgba> old{
      {77, 175, 74, 255}, {55, 126, 210, 255}, {255, 140, 20, 255}, {228, 38, 48, 255}};
  EXPECT_LT(closest_pair(old, Deficiency::Protanopia).delta_e, kMinClassDeltaE);
  EXPECT_LT(closest_pair(old, Deficiency::Deuteranopia).delta_e, kMinClassDeltaE);
}

}  // namespace
}  // namespace attachsim::viz
