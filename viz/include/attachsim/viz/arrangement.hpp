// Where each dyad sits in the population view: the community grid, or sorted by caregiver
// sensitivity, by strategy, or in small multiples per subgroup, so the story shows at a glance.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attachsim/viz/dyad_cells.hpp"

namespace attachsim::viz {

enum class Arrangement : std::uint8_t {
  Grid,         // by dyad id: the engine's community grid (neighbours are neighbours)
  Sensitivity,  // by the primary caregiver's sensitivity, lowest at the top
  Strategy,     // grouped by strategy (B, A, C, D, none yet), by sensitivity within each
  Subgroup,     // one square per population subgroup, each by sensitivity (small multiples)
};
inline constexpr int kArrangementCount = 4;
const char* arrangement_name(Arrangement a);
// One line under the view saying how to read it.
const char* arrangement_caption(Arrangement a);

inline constexpr std::uint32_t kNoDyad = 0xffffffffu;

// A labelled rectangle of cells (a subgroup's square; the whole grid otherwise).
struct ArrangementBlock {
  std::string label;
  std::uint32_t x = 0, y = 0, width = 0, height = 0;  // in cells
  std::uint32_t count = 0;                            // dyads in it
};

struct ArrangedCells {
  Arrangement arrangement = Arrangement::Grid;
  std::uint32_t width = 1, height = 1;  // the texture, in cells
  std::vector<std::uint32_t> position;  // position[dyad] = row * width + column
  std::vector<std::uint32_t> dyad_at;   // dyad_at[position] = dyad, or kNoDyad for a gap
  std::vector<ArrangementBlock> blocks;
};

// Sensitivity sorts ascending with the dyads without a caregiver last, ties by dyad id, so the
// result is the same for the same cells. Subgroup blocks are squares of ceil(sqrt(n)) cells,
// placed in rows of ceil(sqrt(groups)) with a gap between them.
ArrangedCells arrange(const DyadCells& cells, Arrangement a);

}  // namespace attachsim::viz
