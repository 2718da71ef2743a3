// Colour maps of the population view and their legends.
#include "attachsim/viz/colour_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace attachsim::viz {

Rgba strategy_colour(Strategy s) {
  // Okabe & Ito's (2008) colour-universal set: bluish green, sky blue, orange and vermillion stay
  // at least kMinClassDeltaE (CIEDE2000) apart under simulated protanopia, deuteranopia and
  // tritanopia (tests/viz/colour_vision_test.cpp); "none yet" is a dark grey.
  switch (s) {
    case Strategy::Open:
      return {0, 158, 115, 255};
    case Strategy::Minimising:
      return {86, 180, 233, 255};
    case Strategy::Maximising:
      return {230, 159, 0, 255};
    case Strategy::Conflict:
      return {213, 94, 0, 255};
    case Strategy::None:
      return {110, 110, 110, 255};
  }
  return kMissingColour;
}

Rgba class_colour(Class4 c) {
  switch (c) {
    case Class4::A:
      return strategy_colour(Strategy::Minimising);
    case Class4::B:
      return strategy_colour(Strategy::Open);
    case Class4::C:
      return strategy_colour(Strategy::Maximising);
    case Class4::D:
      return strategy_colour(Strategy::Conflict);
    case Class4::CC:
      return strategy_colour(Strategy::None);
  }
  return kMissingColour;
}

Rgba sequential_colour(float t) {
  if (std::isnan(t)) return kMissingColour;
  // Viridis at nine evenly spaced stops: ordered in lightness, readable by
  // people with the common colour-vision deficiencies and on a projector.
  static constexpr std::array<std::array<float, 3>, 9> kStops{{{68, 1, 84},
                                                               {71, 44, 122},
                                                               {59, 81, 139},
                                                               {44, 113, 142},
                                                               {33, 144, 141},
                                                               {39, 173, 129},
                                                               {92, 200, 99},
                                                               {170, 220, 50},
                                                               {253, 231, 37}}};
  const float x = std::clamp(t, 0.0f, 1.0f) * static_cast<float>(kStops.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(x), kStops.size() - 2);
  const float f = x - static_cast<float>(i);
  auto mix = [&](std::size_t channel) {
    return static_cast<std::uint8_t>(
        std::lround(kStops[i][channel] + f * (kStops[i + 1][channel] - kStops[i][channel])));
  };
  return {mix(0), mix(1), mix(2), 255};
}

ScaleRange scale_range(Measure m) {
  // Slow arousal has no upper bound; 2 is beyond what chronic unsoothed
  // distress reaches in the calibrated populations (docs/model.md).
  if (m == Measure::InfantStress) return {0.0f, 2.0f};
  return {0.0f, 1.0f};
}

const char* strategy_label(Strategy s) {
  switch (s) {
    case Strategy::Open:
      return "B open";
    case Strategy::Minimising:
      return "A minimising";
    case Strategy::Maximising:
      return "C maximising";
    case Strategy::Conflict:
      return "D conflict";
    case Strategy::None:
      break;
  }
  return "none yet";
}

std::vector<LegendEntry> legend(Measure m) {
  std::vector<LegendEntry> out;
  if (m == Measure::Strategy) {
    for (Strategy s : {Strategy::Open, Strategy::Minimising, Strategy::Maximising,
                       Strategy::Conflict, Strategy::None})
      out.push_back({strategy_label(s), strategy_colour(s)});
    return out;
  }
  if (m == Measure::Class) {
    for (Class4 c : {Class4::B, Class4::A, Class4::C, Class4::D, Class4::CC})
      out.push_back({class_name(c), class_colour(c)});
    return out;
  }
  const ScaleRange range = scale_range(m);
  for (int i = 0; i <= 4; ++i) {
    const float t = static_cast<float>(i) / 4.0f;
    char label[32];
    std::snprintf(label, sizeof label, "%.2g",
                  static_cast<double>(range.lo + t * (range.hi - range.lo)));
    out.push_back({label, sequential_colour(t)});
  }
  return out;
}

void colour_cells(const DyadCells& cells, Measure m, std::span<Rgba> pixels) {
  const std::size_t n = std::min<std::size_t>(cells.count, pixels.size());
  if (m == Measure::Strategy) {
    for (std::size_t i = 0; i < n; ++i) pixels[i] = strategy_colour(cells.strategy[i]);
  } else if (m == Measure::Class) {
    for (std::size_t i = 0; i < n; ++i) pixels[i] = class_colour(cells.provisional[i]);
  } else {
    const ScaleRange range = scale_range(m);
    const float scale = 1.0f / (range.hi - range.lo);
    const std::span<const float> v = cells.values(m);
    for (std::size_t i = 0; i < n; ++i) pixels[i] = sequential_colour((v[i] - range.lo) * scale);
  }
  std::fill(pixels.begin() + static_cast<std::ptrdiff_t>(n), pixels.end(), kPaddingColour);
}

}  // namespace attachsim::viz
