// Population measures after a step, reduced in a fixed order so they do not depend on threads.
#pragma once

#include <array>
#include <cstdint>

#include "attachsim/infant.hpp"

namespace attachsim {

struct MeanSd {
  double mean = 0;
  double sd = 0;
};

struct Aggregates {
  std::uint32_t day = 0;
  std::uint32_t dyads = 0;
  std::array<std::uint32_t, kStrategyCount> strategy{};  // infants per provisional strategy
  std::uint32_t attached = 0;            // with a discriminated attachment now
  MeanSd security_expectation;           // felt security with the principal figure (0-1)
  MeanSd infant_arousal;                 // slow, cortisol-like arousal
  MeanSd exploration;                    // secure-base balance
  MeanSd caregiver_sensitivity;          // slot 0 (primary or staff) trait
  MeanSd caregiver_stress;               // slot 0 stress
  std::uint32_t caregivers_depressed = 0;  // slot 0 in a depressive episode
  std::uint64_t episodes = 0;            // episodes simulated in the last step
  std::uint64_t responses = 0;           // of which a caregiver responded

  double share(Strategy s) const {
    return dyads ? static_cast<double>(strategy[static_cast<int>(s)]) / dyads : 0.0;
  }
};

}  // namespace attachsim
