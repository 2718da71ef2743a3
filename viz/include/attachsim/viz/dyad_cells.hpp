// Per-dyad values the population view colours and the charts read, captured from the engine after a
// step.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "attachsim/classification.hpp"
#include "attachsim/infant.hpp"
#include "attachsim/simulation.hpp"

namespace attachsim::viz {

// The population as a grid, row by row: the same layout as the engine's
// community grid (width ceil(sqrt(n))), so neighbours on screen are neighbours
// in the model when the community is on.
struct GridLayout {
  std::uint32_t width = 1;
  std::uint32_t height = 1;
};
GridLayout grid_layout(std::uint32_t dyads);

// What can colour a cell.
enum class Measure : std::uint8_t {
  Strategy,              // provisional strategy toward the principal figure
  Class,                 // provisional class with the primary caregiver (A, B, C, D, U)
  SecurityExpectation,   // felt security with the principal figure (0-1)
  InfantStress,          // slow, cortisol-like arousal (>= 0)
  CaregiverSensitivity,  // slot 0 caregiver's sensitivity trait (0-1)
  CaregiverStress,       // slot 0 caregiver's current stress (0-1)
};
inline constexpr int kMeasureCount = 6;
const char* measure_name(Measure m);
bool categorical(Measure m);

// One array per measure, indexed by dyad id. Values that do not exist (no
// caregiver in slot 0) are NaN; the colour map shows them as missing.
struct DyadCells {
  std::uint32_t day = 0;
  std::uint32_t count = 0;
  GridLayout layout;
  bool community = false;  // the engine's neighbourhood is on: the grid is the community
  std::vector<Strategy> strategy;
  std::vector<Class4> provisional;
  std::vector<float> security;
  std::vector<float> infant_stress;
  std::vector<float> sensitivity;
  std::vector<float> caregiver_stress;
  std::vector<std::uint16_t> subgroup;      // the population subgroup each dyad was drawn from
  std::vector<std::string> subgroup_names;  // by subgroup index

  // The value of a continuous measure (categorical ones give their enum as a number).
  float value(Measure m, std::uint32_t id) const;
  std::span<const float> values(Measure m) const;  // continuous measures only
};

// Reads every dyad of `sim` (in parallel; the simulation must not be stepping).
DyadCells capture_cells(const Simulation& sim);

}  // namespace attachsim::viz
