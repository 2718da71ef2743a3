// Colour maps: one colour per dyad for the chosen measure, and the legend that explains them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "attachsim/classification.hpp"
#include "attachsim/infant.hpp"
#include "attachsim/viz/dyad_cells.hpp"

namespace attachsim::viz {

struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba&) const = default;
};

// Cells with no value (no caregiver in the slot) and the padding after the last dyad.
inline constexpr Rgba kMissingColour{60, 60, 64, 255};
inline constexpr Rgba kPaddingColour{24, 24, 28, 255};

// The default, colour-safe palette (Okabe-Ito): B bluish green, A sky blue, C orange,
// D vermillion; no discriminated attachment yet (live views; CC in the Strange Situation) dark
// grey. The viewer never lets colour alone carry a class: legends, monitors and chart lines also
// show the letter and a shape.
Rgba strategy_colour(Strategy s);
// The strategy with the class it leads to, for legends and series ("B open", ..., "none yet").
const char* strategy_label(Strategy s);
Rgba class_colour(Class4 c);
// A perceptually ordered sequential scale (viridis stops), t clamped to 0-1; NaN is missing.
Rgba sequential_colour(float t);

// The value range a continuous measure's scale spans (values beyond are clamped).
struct ScaleRange {
  float lo = 0, hi = 1;
};
ScaleRange scale_range(Measure m);

struct LegendEntry {
  std::string label;
  Rgba colour;
};
// Categorical measures: one entry per category. Continuous: five stops from lo to hi.
std::vector<LegendEntry> legend(Measure m);

// Fills `pixels` (at least layout.width * layout.height, row by row) with the
// colour of each dyad; cells past the last dyad get the padding colour.
void colour_cells(const DyadCells& cells, Measure m, std::span<Rgba> pixels);

}  // namespace attachsim::viz
