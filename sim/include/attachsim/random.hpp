// Counter-based random numbers keyed by (seed, dyad, step, stream): the same draw whatever thread
// computes it.
#pragma once

#include <Random123/philox.h>

#include <cstdint>

namespace attachsim {

// Independent purposes get independent streams, so adding draws to one
// mechanism never shifts the numbers another mechanism sees.
enum class Stream : std::uint32_t {
  Setup = 1,    // drawing a dyad's traits at birth
  Day = 2,      // daily caregiver state: consistency, stress, depression
  Episode = 3,  // caregiving episodes within a day
  Staff = 4,    // retired (staff turnover now draws from Day); kept so the numbers stay stable
  Command = 5,  // commands applied between steps (replacement caregivers, selections)
  StrangeSituation = 6,
  Subgroup = 7,
  Sweep = 8,  // sweep designs (Latin hypercube), keyed by the master seed
};

// A Philox4x32-10 generator for one (seed, dyad, step, stream) tuple. Each
// call of the bijection yields four 32-bit numbers and all four are used
// before the draw counter advances. Copies are cheap; no state is shared.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint32_t dyad, std::uint32_t step, Stream stream,
               std::uint32_t substream = 0) noexcept {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    counter_ = {{dyad, step, (static_cast<std::uint32_t>(stream) << 24) ^ substream, 0}};
  }

  // Starts the stream with its first block already computed elsewhere (the
  // step computes the first block of eight dyads' streams at once); the
  // numbers that follow are exactly those of a fresh stream.
  void prime(const r123::Philox4x32::ctr_type& first_block) noexcept {
    block_ = first_block;
    counter_.v[3] = 1;
    used_ = 0;
  }

  // Next raw 32-bit number.
  std::uint32_t next_u32() noexcept {
    if (used_ == 4) refill();
    return block_.v[used_++];
  }

  // Uniform in [0, 1) with 24 bits of resolution (exact in float).
  float uniform() noexcept { return to_uniform(next_u32()); }
  // The same from a given 32-bit number (one word of a block()).
  static float to_uniform(std::uint32_t bits) noexcept {
    return static_cast<float>(bits >> 8) * 0x1p-24f;
  }

  // Two uniforms in [0, 1) with 16 bits of resolution each, from one 32-bit
  // number: enough for the many everyday decisions (steps of 1/65,536), at
  // half the cost.
  void uniform_pair16(float& first, float& second) noexcept {
    const std::uint32_t bits = next_u32();
    first = static_cast<float>(bits & 0xFFFFu) * 0x1p-16f;
    second = static_cast<float>(bits >> 16) * 0x1p-16f;
  }

  // Uniform in (0, 1): never zero, safe for logarithms.
  float uniform_open() noexcept { return (static_cast<float>(next_u32() >> 8) + 0.5f) * 0x1p-24f; }

  // Standard normal via Box-Muller; uses two uniforms, the second value is
  // discarded so the number of raw draws per call is fixed.
  float normal() noexcept;

  // The four numbers the index-th Philox call of a fresh stream yields (draws
  // 4*index to 4*index+3), without touching this stream: for kernels that
  // take a whole day's numbers at once.
  r123::Philox4x32::ctr_type block(std::uint32_t index) const noexcept {
    r123::Philox4x32::ctr_type counter = counter_;
    counter.v[3] = index;
    return r123::Philox4x32{}(counter, key_);
  }

  // Number of Philox calls made so far (for benchmarks of the draw budget).
  std::uint32_t calls() const noexcept { return counter_.v[3]; }

 private:
  void refill() noexcept {
    block_ = r123::Philox4x32{}(counter_, key_);
    ++counter_.v[3];
    used_ = 0;
  }

  r123::Philox4x32::key_type key_{};
  r123::Philox4x32::ctr_type counter_{};
  r123::Philox4x32::ctr_type block_{};
  unsigned used_ = 4;
};

}  // namespace attachsim
