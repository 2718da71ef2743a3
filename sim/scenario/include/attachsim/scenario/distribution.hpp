// A parameter value that varies between dyads: fixed, normal, uniform, beta or categorical, drawn as strata.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace attachsim::scenario {

struct Distribution {
  enum class Kind { Fixed, Normal, Uniform, Beta, Categorical };
  Kind kind = Kind::Fixed;
  double value = 0;             // Fixed
  double mean = 0, sd = 0;      // Normal
  double min = 0, max = 1;      // Normal (truncation), Uniform, Beta (scale)
  double alpha = 1, beta = 1;   // Beta
  std::vector<double> values;   // Categorical
  std::vector<double> weights;  // Categorical, same length, > 0 in total
  int strata = 10;              // continuous kinds: equally likely values drawn

  static Distribution fixed(double v) {
    Distribution d;
    d.value = v;
    return d;
  }
  bool varies() const { return kind != Kind::Fixed; }

  // The values the engine runs and their probabilities (summing to 1): the
  // quantile at the middle of each of `strata` equally likely strata for
  // continuous kinds; the categories for a categorical one; one value when fixed.
  std::vector<std::pair<double, double>> support() const;
  // The distribution's mean (of its support), for the runs table.
  double mean_value() const;
  // "normal(mean 0.5, sd 0.1, 0..1)", for messages and the manifest.
  std::string describe() const;
};

// Quantile functions used by the strata (exposed for tests).
double normal_quantile(double p);                       // standard normal
double beta_quantile(double p, double alpha, double beta);  // regularised incomplete beta inverse
double beta_cdf(double x, double alpha, double beta);

}  // namespace attachsim::scenario
