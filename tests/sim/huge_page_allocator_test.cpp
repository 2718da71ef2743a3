// Tests of HugePageAllocator: big blocks 2 MB-aligned, small ones ordinary, both usable and freed.
#include "attachsim/huge_page_allocator.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <new>
#include <vector>

#include "attachsim/dyad.hpp"

namespace attachsim {
namespace {

TEST(HugePageAllocator, AlignsBigBlocksToTwoMegabytes) {
  std::vector<DyadState, HugePageAllocator<DyadState>> dyads(100000);
  EXPECT_EQ(
      reinterpret_cast<std::uintptr_t>(dyads.data()) % HugePageAllocator<DyadState>::kHugePage, 0u);
  dyads.back().infant.reactivity = 0.25f;  // the whole block is writable
  EXPECT_EQ(dyads.back().infant.reactivity, 0.25f);
  EXPECT_EQ(dyads.front().general.availability, kNewbornPrior.availability);  // value-initialised
}

TEST(HugePageAllocator, SmallBlocksAndCopiesWork) {
  std::vector<float, HugePageAllocator<float>> small(10, 1.5f);
  std::vector<float, HugePageAllocator<float>> copy = small;
  copy.resize(1 << 20, 2.0f);  // grows from a small block to a big one
  EXPECT_EQ(copy[9], 1.5f);
  EXPECT_EQ(copy.back(), 2.0f);
  copy.resize(3);
  copy.shrink_to_fit();  // back to a small block
  EXPECT_EQ(copy.size(), 3u);
}

TEST(HugePageAllocator, RefusesASizeThatOverflows) {
  HugePageAllocator<DyadState> allocator;
  EXPECT_THROW(static_cast<void>(allocator.allocate(SIZE_MAX / 8)), std::bad_array_new_length);
}

}  // namespace
}  // namespace attachsim
