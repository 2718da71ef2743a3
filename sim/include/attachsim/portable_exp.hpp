// e^x from basic IEEE float operations only: the same bits on every machine and C library.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace attachsim {

// The daily step evaluates a logistic function four times per dyad-day. The
// C library's expf picks an implementation by CPU (glibc has separate FMA and
// non-FMA versions) and may change between releases, so its last bit is not
// guaranteed to be the same everywhere; this one uses only additions,
// multiplications and floor, in a fixed order (the build disables FMA
// contraction), so simulation output does not depend on the machine. It is
// also cheaper than a library call. Relative error below 3e-7 (two units in
// the last place; tested against std::exp); NaN passes through; below -87
// gives 0 and above 88 gives e^88.
inline float portable_exp(float x) {
  if (!(x > -87.0f)) return x != x ? x : 0.0f;
  if (x > 88.0f) x = 88.0f;
  // x = n ln2 + r with |r| <= ln2 / 2; ln2 split in two (Cody & Waite 1980)
  // so that n times the first part is exact.
  const float n = std::floor(x * 1.44269504f + 0.5f);
  const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
  // Taylor series of e^r to the r^7 term: the remainder is below 6e-9 of the result.
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  // 2^n built from its exponent bits (n is between -126 and 127 here).
  const auto biased = static_cast<std::uint32_t>(static_cast<std::int32_t>(n) + 127);
  return p * std::bit_cast<float>(biased << 23);
}

}  // namespace attachsim
