// Effect-size statistics, computed in double in a fixed order.
#include "attachsim/statistics.hpp"

#include <cmath>
#include <vector>

namespace attachsim {

double pearson_r(std::span<const double> x, std::span<const double> y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) mx += x[i], my += y[i];
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy, sxx += dx * dx, syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return 0;
  return sxy / std::sqrt(sxx * syy);
}

double cohens_d(std::span<const double> a, std::span<const double> b) {
  if (a.size() < 2 || b.size() < 2) return 0;
  const auto moments = [](std::span<const double> v, double& mean, double& var) {
    mean = 0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(v.size());
    var = 0;
    for (double x : v) var += (x - mean) * (x - mean);
    var /= static_cast<double>(v.size() - 1);
  };
  double ma, va, mb, vb;
  moments(a, ma, va);
  moments(b, mb, vb);
  const double pooled = std::sqrt(((static_cast<double>(a.size()) - 1) * va +
                                   (static_cast<double>(b.size()) - 1) * vb) /
                                  static_cast<double>(a.size() + b.size() - 2));
  return pooled > 0 ? (mb - ma) / pooled : 0;
}

double odds_ratio(double a, double b, double c, double d) {
  if (a == 0 || b == 0 || c == 0 || d == 0) a += 0.5, b += 0.5, c += 0.5, d += 0.5;
  return (a * d) / (b * c);
}

double cohens_kappa(std::span<const int> first, std::span<const int> second, int categories) {
  const std::size_t n = std::min(first.size(), second.size());
  if (n == 0 || categories < 1) return 0;
  const auto k = static_cast<std::size_t>(categories);
  std::vector<double> row(k, 0), col(k, 0);
  double agree = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto a = static_cast<std::size_t>(first[i]), b = static_cast<std::size_t>(second[i]);
    if (a >= k || b >= k) continue;
    row[a] += 1, col[b] += 1;
    if (a == b) agree += 1;
  }
  const double total = static_cast<double>(n);
  double chance = 0;
  for (std::size_t c = 0; c < k; ++c) chance += (row[c] / total) * (col[c] / total);
  const double observed = agree / total;
  return chance < 1 ? (observed - chance) / (1 - chance) : 0;
}

}  // namespace attachsim
