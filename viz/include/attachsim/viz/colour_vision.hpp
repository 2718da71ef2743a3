// Colour-vision deficiency simulation (Machado, Oliveira & Fernandes 2009) and colour difference
// (CIEDE2000), to check that the class colours stay apart for viewers with CVD.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "attachsim/viz/colour_map.hpp"

namespace attachsim::viz {

// The three common dichromacies (severity 1.0: the strongest form, the hardest case).
enum class Deficiency { None, Protanopia, Deuteranopia, Tritanopia };
inline constexpr std::array<Deficiency, 4> kDeficiencies{
    Deficiency::None, Deficiency::Protanopia, Deficiency::Deuteranopia, Deficiency::Tritanopia};
std::string_view deficiency_name(Deficiency d);

// How `c` (sRGB) looks to a viewer with `d`: Machado et al.'s 3x3 matrix applied to linear RGB,
// clamped to the gamut and encoded back to sRGB.
Rgba simulate(Rgba c, Deficiency d);

struct Lab {
  double l = 0, a = 0, b = 0;
};
// CIELAB under D65 (sRGB's white point).
Lab to_lab(Rgba c);
// CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1.
double ciede2000(const Lab& x, const Lab& y);
double ciede2000(Rgba x, Rgba y);

// The class colours must differ by at least this CIEDE2000 for every viewer (normal vision and
// the three dichromacies). About 1 is just noticeable side by side; Okabe-Ito's set keeps its
// category colours 10 or more apart for dichromats, and 10 is where small patches of two
// categories on a projector stay easy to tell apart (docs/viewer.md, "Colour").
inline constexpr double kMinClassDeltaE = 10.0;

// The smallest CIEDE2000 between any two of `colours` as seen with `d`, and which pair it is.
struct ClosestPair {
  double delta_e = 0;
  std::size_t first = 0, second = 0;
};
ClosestPair closest_pair(std::span<const Rgba> colours, Deficiency d);

}  // namespace attachsim::viz
