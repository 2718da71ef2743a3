// Effect sizes in the field's terms: Pearson r, Cohen's d, odds ratios, Cohen's kappa.
#pragma once

#include <span>

namespace attachsim {

// Pearson correlation; 0 when either variable has no variance.
double pearson_r(std::span<const double> x, std::span<const double> y);
// Cohen's d of b minus a with the pooled standard deviation.
double cohens_d(std::span<const double> a, std::span<const double> b);
// Odds ratio of a 2x2 table [exposed yes/no] x [outcome yes/no], with 0.5
// added to every cell when one is empty (Haldane-Anscombe).
double odds_ratio(double exposed_yes, double exposed_no, double unexposed_yes, double unexposed_no);
// Cohen's kappa for two ratings of the same cases into `categories` categories.
double cohens_kappa(std::span<const int> first, std::span<const int> second, int categories);

}  // namespace attachsim
