// Tests of the population view's colour maps and legends (colour_map.hpp).
#include "attachsim/viz/colour_map.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <tuple>

namespace attachsim::viz {
namespace {

float luma(Rgba c) {
  return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}

TEST(ColourMap, StrategiesHaveDistinctColours) {
  std::set<std::tuple<int, int, int>> seen;
  for (int s = 0; s < kStrategyCount; ++s) {
    const Rgba c = strategy_colour(static_cast<Strategy>(s));
    seen.insert({c.r, c.g, c.b});
    EXPECT_EQ(c.a, 255);
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kStrategyCount));
}

TEST(ColourMap, ClassesUseTheStrategyColours) {
  EXPECT_EQ(class_colour(Class4::A), strategy_colour(Strategy::Minimising));
  EXPECT_EQ(class_colour(Class4::B), strategy_colour(Strategy::Open));
  EXPECT_EQ(class_colour(Class4::C), strategy_colour(Strategy::Maximising));
  EXPECT_EQ(class_colour(Class4::D), strategy_colour(Strategy::Conflict));
  EXPECT_EQ(class_colour(Class4::CC), strategy_colour(Strategy::None));
}

TEST(ColourMap, SequentialScaleRisesInLightnessAndClamps) {
  float previous = -1;
  for (int i = 0; i <= 20; ++i) {
    const float l = luma(sequential_colour(static_cast<float>(i) / 20.0f));
    EXPECT_GT(l, previous) << "at step " << i;
    previous = l;
  }
  EXPECT_EQ(sequential_colour(-5.0f), sequential_colour(0.0f));
  EXPECT_EQ(sequential_colour(7.0f), sequential_colour(1.0f));
  EXPECT_EQ(sequential_colour(std::numeric_limits<float>::quiet_NaN()), kMissingColour);
  EXPECT_EQ(sequential_colour(std::numeric_limits<float>::infinity()), sequential_colour(1.0f));
}

TEST(ColourMap, LegendsDescribeEveryMeasure) {
  for (int m = 0; m < kMeasureCount; ++m) {
    const auto measure = static_cast<Measure>(m);
    const auto entries = legend(measure);
    EXPECT_EQ(entries.size(), 5u) << measure_name(measure);
    for (const auto& e : entries) EXPECT_FALSE(e.label.empty());
  }
  EXPECT_EQ(legend(Measure::Strategy)[0].colour, strategy_colour(Strategy::Open));
  EXPECT_EQ(legend(Measure::InfantStress).back().label, "2");
}

DyadCells three_cells() {
  DyadCells c;
  c.count = 3;
  c.layout = grid_layout(3);
  c.strategy = {Strategy::Open, Strategy::Conflict, Strategy::None};
  c.provisional = {Class4::B, Class4::D, Class4::CC};
  c.security = {0.0f, 1.0f, 0.5f};
  c.infant_stress = {0.0f, 4.0f, 1.0f};
  c.sensitivity = {0.2f, std::numeric_limits<float>::quiet_NaN(), 0.9f};
  c.caregiver_stress = {0.1f, std::numeric_limits<float>::quiet_NaN(), 0.3f};
  return c;
}

TEST(ColourMap, CellsGetTheirColoursAndPaddingIsMarked) {
  const DyadCells cells = three_cells();
  ASSERT_EQ(cells.layout.width, 2u);
  ASSERT_EQ(cells.layout.height, 2u);
  std::vector<Rgba> pixels(4);
  colour_cells(cells, Measure::Strategy, pixels);
  EXPECT_EQ(pixels[0], strategy_colour(Strategy::Open));
  EXPECT_EQ(pixels[1], strategy_colour(Strategy::Conflict));
  EXPECT_EQ(pixels[2], strategy_colour(Strategy::None));
  EXPECT_EQ(pixels[3], kPaddingColour);

  colour_cells(cells, Measure::CaregiverSensitivity, pixels);
  EXPECT_EQ(pixels[1], kMissingColour);  // no caregiver in slot 0
  EXPECT_EQ(pixels[0], sequential_colour(0.2f));
  colour_cells(cells, Measure::InfantStress, pixels);
  EXPECT_EQ(pixels[1], sequential_colour(1.0f));  // beyond the scale: clamped, not wrapped
  EXPECT_EQ(pixels[2], sequential_colour(0.5f));
}

TEST(GridLayout, MatchesTheEngineCommunityGrid) {
  // Width ceil(sqrt(n)), row by row: the layout of Simulation::grid_neighbours.
  EXPECT_EQ(grid_layout(10000).width, 100u);
  EXPECT_EQ(grid_layout(10000).height, 100u);
  EXPECT_EQ(grid_layout(100000).width, 317u);
  EXPECT_EQ(grid_layout(100000).height, 316u);
  EXPECT_EQ(grid_layout(1).width, 1u);
  EXPECT_EQ(grid_layout(0).width, 1u);
  for (std::uint32_t n : {1u, 2u, 7u, 99u, 12345u}) {
    const GridLayout g = grid_layout(n);
    EXPECT_GE(g.width * g.height, n);
    EXPECT_LT(g.width * (g.height - 1), n);
  }
}

}  // namespace
}  // namespace attachsim::viz
