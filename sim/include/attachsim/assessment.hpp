// Strange Situation assessments of a whole population at one moment, and their summary.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "attachsim/adult_style.hpp"
#include "attachsim/simulation.hpp"
#include "attachsim/strange_situation.hpp"

namespace attachsim {

// One infant assessed with one caregiver.
struct AssessmentRecord {
  std::uint32_t dyad = 0;
  std::uint32_t day = 0;
  int slot = 0;
  CaregiverRole role = CaregiverRole::Primary;
  std::uint8_t generation =
      0;                  // which caregiver of that slot (0 = from birth; placements count up)
  float sensitivity = 0;  // the assessed caregiver's trait
  float reactivity = 0;   // the infant's temperament
  Coding coding;
  Classification classification;
  AdultReadout readout;
};

// Assesses every dyad with the caregiver in `slot` (dyads without one are
// skipped), in parallel, in dyad order. Leaves the simulation unchanged.
std::vector<AssessmentRecord> assess_population(const Simulation& sim, int slot,
                                                std::uint32_t assessment = 0);

// Every assessed infant gets a class (A, B, C, D or CC): `classified` counts them all.
struct ClassDistribution {
  std::array<std::uint32_t, 5> class4{};  // A, B, C, D, CC
  std::array<std::uint32_t, 3> class3{};  // forced A, B, C
  std::uint32_t classified = 0;           // all assessed
  std::uint32_t fully_formed = 0;         // formation rated 5 (a discriminated attachment)
  double share4(Class4 c) const;          // of all assessed
  double share3(Class3 c) const;          // of all assessed
  double share_d_cc() const;              // D + CC, as the literature reports them together
  double share_fully_formed() const;      // attachment fully formed (Zeanah et al. 2005)
};

ClassDistribution distribution(const std::vector<AssessmentRecord>& records);

// r of the assessed caregiver's sensitivity with security, AV, RS and D (every assessed infant).
struct SensitivityLinks {
  double security = 0, avoidance = 0, resistance = 0, disorganisation = 0;
};
SensitivityLinks sensitivity_links(const std::vector<AssessmentRecord>& records);

}  // namespace attachsim
