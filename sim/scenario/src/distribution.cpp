// Strata of the scenario distributions: quantile functions and the values the engine runs.
#include "attachsim/scenario/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "attachsim/dyads_csv.hpp"

namespace attachsim::scenario {

namespace {

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Continued fraction of the incomplete beta function (modified Lentz), valid
// where x < (a + 1) / (a + b + 2); the caller uses the symmetry otherwise.
double beta_fraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double dm = static_cast<double>(m);
    // Even step.
    double term = dm * (b - dm) * x / ((a + 2 * dm - 1) * (a + 2 * dm));
    d = 1.0 + term * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1.0 + term / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    // Odd step.
    term = -(a + dm) * (a + b + dm) * x / ((a + 2 * dm) * (a + 2 * dm + 1));
    d = 1.0 + term * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1.0 + term / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < 1e-15) break;
  }
  return h;
}

// Inverts a monotone increasing function on [lo, hi] by bisection: slow but
// exact to the last bits, and the same on every machine.
template <class F>
double invert(F cdf, double p, double lo, double hi) {
  for (int i = 0; i < 200 && lo < hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    (cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

double normal_quantile(double p) { return invert(normal_cdf, p, -40.0, 40.0); }

double beta_cdf(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(x, a, b) / a;
  return 1.0 - front * beta_fraction(1.0 - x, b, a) / b;
}

double beta_quantile(double p, double a, double b) {
  return invert([a, b](double x) { return beta_cdf(x, a, b); }, p, 0.0, 1.0);
}

std::vector<std::pair<double, double>> Distribution::support() const {
  std::vector<std::pair<double, double>> out;
  const auto n = static_cast<std::size_t>(strata);
  const double each = 1.0 / static_cast<double>(n);
  const auto middle = [n](std::size_t i) {
    return (static_cast<double>(i) + 0.5) / static_cast<double>(n);
  };
  switch (kind) {
    case Kind::Fixed: out.emplace_back(value, 1.0); break;
    case Kind::Normal: {
      if (sd <= 0) {
        out.emplace_back(std::clamp(mean, min, max), 1.0);
        break;
      }
      const double low = normal_cdf((min - mean) / sd), high = normal_cdf((max - mean) / sd);
      for (std::size_t i = 0; i < n; ++i) {
        const double q = mean + sd * normal_quantile(low + middle(i) * (high - low));
        out.emplace_back(std::clamp(q, min, max), each);
      }
      break;
    }
    case Kind::Uniform:
      for (std::size_t i = 0; i < n; ++i) out.emplace_back(min + middle(i) * (max - min), each);
      break;
    case Kind::Beta:
      for (std::size_t i = 0; i < n; ++i)
        out.emplace_back(min + beta_quantile(middle(i), alpha, beta) * (max - min), each);
      break;
    case Kind::Categorical: {
      const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
      for (std::size_t i = 0; i < values.size(); ++i)
        if (weights[i] > 0) out.emplace_back(values[i], weights[i] / total);
      break;
    }
  }
  return out;
}

double Distribution::mean_value() const {
  double sum = 0;
  for (const auto& [v, p] : support()) sum += v * p;
  return sum;
}

std::string Distribution::describe() const {
  std::ostringstream s;
  switch (kind) {
    case Kind::Fixed: s << shortest(value); break;
    case Kind::Normal:
      s << "normal(mean " << shortest(mean) << ", sd " << shortest(sd) << ", " << shortest(min)
        << ".." << shortest(max) << ")";
      break;
    case Kind::Uniform: s << "uniform(" << shortest(min) << ".." << shortest(max) << ")"; break;
    case Kind::Beta:
      s << "beta(" << shortest(alpha) << ", " << shortest(beta) << ", " << shortest(min) << ".."
        << shortest(max) << ")";
      break;
    case Kind::Categorical:
      s << "categorical(";
      for (std::size_t i = 0; i < values.size(); ++i)
        s << (i ? ", " : "") << shortest(values[i]) << ":" << shortest(weights[i]);
      s << ")";
      break;
  }
  if (kind != Kind::Fixed && kind != Kind::Categorical) s << " in " << strata << " strata";
  return s.str();
}

}  // namespace attachsim::scenario
