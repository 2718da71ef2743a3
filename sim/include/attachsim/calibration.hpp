// Calibration targets C1-C6 of the science brief: the populations, the measurements and the checks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attachsim/population.hpp"

namespace attachsim {

// The normative low-risk population: the defaults (C1-C3, C5, C6).
Population low_risk_population();
// The mixed-risk "world" population of Madigan et al. 2023 (C4): low-risk
// families, families with cumulative socio-economic risk and caregiver
// depression, and a maltreating minority. Shares and values follow what those
// words mean (docs/model.md), not the target.
Population world_population();

struct TargetResult {
  std::string id;           // "C1"
  std::string measure;      // "B (3-way)"
  double target = 0;        // published value
  double low = 0, high = 0; // tolerance band
  double simulated = 0;
  bool pass = false;
  std::string source;
};

struct CalibrationOptions {
  std::uint32_t dyads = 10000;
  std::uint64_t seed = 20240601;
  bool include_world = true;  // C4 needs a second population
  // Changes applied to every subgroup of both populations (for exploring the fit).
  std::vector<std::pair<Param, double>> overrides;
};

// Runs the populations from birth and evaluates every target.
std::vector<TargetResult> evaluate_targets(const CalibrationOptions& options);

}  // namespace attachsim
