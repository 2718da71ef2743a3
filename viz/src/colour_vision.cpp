// Machado et al. (2009) dichromacy matrices, sRGB <-> CIELAB and CIEDE2000.
#include "attachsim/viz/colour_vision.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace attachsim::viz {

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;

// Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color
// vision deficiency", IEEE TVCG 15(6), table of matrices at severity 1.0; they act on linear RGB.
constexpr Matrix kProtanopia{{{0.152286, 1.052583, -0.204868},
                              {0.114503, 0.786281, 0.099216},
                              {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia{{{0.367322, 0.860646, -0.227968},
                                {0.280085, 0.672501, 0.047413},
                                {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritanopia{{{1.255528, -0.076749, -0.178779},
                              {-0.078411, 0.930809, 0.147602},
                              {0.004733, 0.691367, 0.303900}}};

double to_linear(std::uint8_t v) {
  const double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

std::uint8_t to_srgb(double c) {
  c = std::clamp(c, 0.0, 1.0);
  const double v = c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
  return static_cast<std::uint8_t>(std::lround(v * 255.0));
}

double lab_f(double t) {
  constexpr double d = 6.0 / 29.0;
  return t > d * d * d ? std::cbrt(t) : t / (3 * d * d) + 4.0 / 29.0;
}

double degrees(double radians) {
  return radians * 180.0 / std::numbers::pi;
}
double radians(double deg) {
  return deg * std::numbers::pi / 180.0;
}

}  // namespace

std::string_view deficiency_name(Deficiency d) {
  switch (d) {
    case Deficiency::None:
      return "normal vision";
    case Deficiency::Protanopia:
      return "protanopia";
    case Deficiency::Deuteranopia:
      return "deuteranopia";
    case Deficiency::Tritanopia:
      return "tritanopia";
  }
  return "?";
}

Rgba simulate(Rgba c, Deficiency d) {
  const Matrix* m = nullptr;
  switch (d) {
    case Deficiency::None:
      return c;
    case Deficiency::Protanopia:
      m = &kProtanopia;
      break;
    case Deficiency::Deuteranopia:
      m = &kDeuteranopia;
      break;
    case Deficiency::Tritanopia:
      m = &kTritanopia;
      break;
  }
  const std::array<double, 3> in{to_linear(c.r), to_linear(c.g), to_linear(c.b)};
  std::array<std::uint8_t, 3> out{};
  for (std::size_t i = 0; i < 3; ++i)
    out[i] = to_srgb((*m)[i][0] * in[0] + (*m)[i][1] * in[1] + (*m)[i][2] * in[2]);
  return {out[0], out[1], out[2], c.a};
}

Lab to_lab(Rgba c) {
  const double r = to_linear(c.r), g = to_linear(c.g), b = to_linear(c.b);
  // sRGB (D65) to XYZ, divided by the D65 white (0.95047, 1, 1.08883).
  const double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  const double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
  const double fx = lab_f(x), fy = lab_f(y), fz = lab_f(z);
  return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

double ciede2000(const Lab& x, const Lab& y) {
  // Sharma, Wu & Dalal (2005), equations 2-21.
  const double c1 = std::hypot(x.a, x.b), c2 = std::hypot(y.a, y.b);
  const double c_mean = (c1 + c2) / 2;
  const double c7 = std::pow(c_mean, 7);
  const double g = 0.5 * (1 - std::sqrt(c7 / (c7 + std::pow(25.0, 7))));
  const double a1 = (1 + g) * x.a, a2 = (1 + g) * y.a;
  const double cp1 = std::hypot(a1, x.b), cp2 = std::hypot(a2, y.b);
  const auto hue = [](double b, double a) {
    if (a == 0 && b == 0) return 0.0;
    const double h = degrees(std::atan2(b, a));
    return h < 0 ? h + 360 : h;
  };
  const double hp1 = hue(x.b, a1), hp2 = hue(y.b, a2);
  const double dl = y.l - x.l, dc = cp2 - cp1;
  double dh = 0;
  if (cp1 * cp2 != 0) {
    dh = hp2 - hp1;
    if (dh > 180) dh -= 360;
    if (dh < -180) dh += 360;
  }
  const double dhh = 2 * std::sqrt(cp1 * cp2) * std::sin(radians(dh / 2));
  const double l_mean = (x.l + y.l) / 2, cp_mean = (cp1 + cp2) / 2;
  double hp_mean = hp1 + hp2;
  if (cp1 * cp2 != 0) {
    if (std::abs(hp1 - hp2) <= 180)
      hp_mean /= 2;
    else
      hp_mean = hp_mean < 360 ? (hp_mean + 360) / 2 : (hp_mean - 360) / 2;
  }
  const double t =
      1 - 0.17 * std::cos(radians(hp_mean - 30)) + 0.24 * std::cos(radians(2 * hp_mean)) +
      0.32 * std::cos(radians(3 * hp_mean + 6)) - 0.20 * std::cos(radians(4 * hp_mean - 63));
  const double d_theta = 30 * std::exp(-std::pow((hp_mean - 275) / 25, 2));
  const double cp7 = std::pow(cp_mean, 7);
  const double rc = 2 * std::sqrt(cp7 / (cp7 + std::pow(25.0, 7)));
  const double sl = 1 + 0.015 * std::pow(l_mean - 50, 2) / std::sqrt(20 + std::pow(l_mean - 50, 2));
  const double sc = 1 + 0.045 * cp_mean;
  const double sh = 1 + 0.015 * cp_mean * t;
  const double rt = -std::sin(radians(2 * d_theta)) * rc;
  const double tl = dl / sl, tc = dc / sc, th = dhh / sh;
  return std::sqrt(tl * tl + tc * tc + th * th + rt * tc * th);
}

double ciede2000(Rgba x, Rgba y) {
  return ciede2000(to_lab(x), to_lab(y));
}

ClosestPair closest_pair(std::span<const Rgba> colours, Deficiency d) {
  ClosestPair out{1e9, 0, 0};
  for (std::size_t i = 0; i < colours.size(); ++i)
    for (std::size_t j = i + 1; j < colours.size(); ++j) {
      const double e = ciede2000(simulate(colours[i], d), simulate(colours[j], d));
      if (e < out.delta_e) out = {e, i, j};
    }
  return out;
}

}  // namespace attachsim::viz
