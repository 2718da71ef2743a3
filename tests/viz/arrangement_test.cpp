// Tests of the population view's arrangements (arrangement.hpp).
#include "attachsim/viz/arrangement.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

namespace attachsim::viz {
namespace {

DyadCells make_cells(std::uint32_t n) {
  DyadCells c;
  c.count = n;
  c.layout = grid_layout(n);
  c.strategy.resize(n);
  c.provisional.resize(n);
  c.security.resize(n);
  c.infant_stress.resize(n);
  c.sensitivity.resize(n);
  c.caregiver_stress.resize(n);
  c.subgroup.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    // A scrambled sensitivity, a strategy cycling through all five, three subgroups.
    c.sensitivity[i] = static_cast<float>((i * 37u) % 101u) / 100.0f;
    c.strategy[i] = static_cast<Strategy>(i % kStrategyCount);
    c.subgroup[i] = static_cast<std::uint16_t>(i % 7 == 0 ? 2 : i % 2);
  }
  if (n > 5) c.sensitivity[5] = std::numeric_limits<float>::quiet_NaN();  // no caregiver
  c.subgroup_names = {"family", "foster care", "institution"};
  return c;
}

// position and dyad_at are inverse; every dyad has one place inside the texture.
void expect_permutation(const ArrangedCells& a, std::uint32_t n) {
  ASSERT_EQ(a.position.size(), n);
  ASSERT_EQ(a.dyad_at.size(), static_cast<std::size_t>(a.width) * a.height);
  std::set<std::uint32_t> places;
  for (std::uint32_t id = 0; id < n; ++id) {
    ASSERT_LT(a.position[id], a.dyad_at.size());
    EXPECT_EQ(a.dyad_at[a.position[id]], id);
    places.insert(a.position[id]);
  }
  EXPECT_EQ(places.size(), n);
  std::uint32_t filled = 0;
  for (std::uint32_t d : a.dyad_at) filled += d != kNoDyad;
  EXPECT_EQ(filled, n);
}

TEST(Arrangement, GridIsTheDyadOrder) {
  const DyadCells c = make_cells(50);
  const ArrangedCells a = arrange(c, Arrangement::Grid);
  expect_permutation(a, 50);
  EXPECT_EQ(a.width, c.layout.width);
  for (std::uint32_t id = 0; id < 50; ++id) EXPECT_EQ(a.position[id], id);
}

TEST(Arrangement, SensitivityRisesAlongTheRowsWithNoCaregiverLast) {
  const DyadCells c = make_cells(200);
  const ArrangedCells a = arrange(c, Arrangement::Sensitivity);
  expect_permutation(a, 200);
  float previous = -1;
  std::uint32_t last = 0;
  for (std::uint32_t p = 0; p < a.dyad_at.size(); ++p) {
    const std::uint32_t id = a.dyad_at[p];
    if (id == kNoDyad) continue;
    last = id;
    if (std::isnan(c.sensitivity[id])) continue;
    EXPECT_GE(c.sensitivity[id], previous) << "at place " << p;
    previous = c.sensitivity[id];
  }
  EXPECT_EQ(last, 5u);  // the dyad without a caregiver comes last
  // The same cells give the same places (ties broken by id).
  EXPECT_EQ(arrange(c, Arrangement::Sensitivity).position, a.position);
}

TEST(Arrangement, StrategiesAreContiguousInLegendOrder) {
  const DyadCells c = make_cells(120);
  const ArrangedCells a = arrange(c, Arrangement::Strategy);
  expect_permutation(a, 120);
  const Strategy order[] = {Strategy::Open, Strategy::Minimising, Strategy::Maximising,
                            Strategy::Conflict, Strategy::None};
  std::size_t at = 0;
  for (std::uint32_t p = 0; p < 120; ++p) {
    const Strategy s = c.strategy[a.dyad_at[p]];
    while (at < 5 && order[at] != s) ++at;
    ASSERT_LT(at, 5u) << "strategy out of order at place " << p;
  }
}

TEST(Arrangement, SubgroupsAreSeparateLabelledSquares) {
  const DyadCells c = make_cells(300);
  const ArrangedCells a = arrange(c, Arrangement::Subgroup);
  expect_permutation(a, 300);
  ASSERT_EQ(a.blocks.size(), 3u);
  EXPECT_EQ(a.blocks[0].label, "family");
  EXPECT_EQ(a.blocks[2].label, "institution");
  std::uint32_t total = 0;
  for (std::size_t g = 0; g < a.blocks.size(); ++g) {
    const ArrangementBlock& b = a.blocks[g];
    total += b.count;
    EXPECT_LE(b.x + b.width, a.width);
    EXPECT_LE(b.y + b.height, a.height);
    // Every dyad of the subgroup inside its block, and only those.
    for (std::uint32_t id = 0; id < 300; ++id) {
      const std::uint32_t x = a.position[id] % a.width, y = a.position[id] / a.width;
      const bool inside = x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;
      EXPECT_EQ(inside, c.subgroup[id] == g) << "dyad " << id << " block " << g;
    }
  }
  EXPECT_EQ(total, 300u);
}

TEST(Arrangement, OneSubgroupIsOneBlockAndEmptyIsFine) {
  DyadCells c = make_cells(10);
  c.subgroup.assign(10, 0);
  const ArrangedCells a = arrange(c, Arrangement::Subgroup);
  expect_permutation(a, 10);
  EXPECT_EQ(a.blocks.size(), 1u);
  const ArrangedCells none = arrange(make_cells(0), Arrangement::Sensitivity);
  EXPECT_TRUE(none.position.empty());
}

}  // namespace
}  // namespace attachsim::viz
