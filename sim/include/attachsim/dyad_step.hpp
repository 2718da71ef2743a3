// One simulated day of one dyad: caregiver states, caregiving episodes, learning, development.
#pragma once

#include <cstdint>
#include <vector>

#include "attachsim/dyad.hpp"
#include "attachsim/episode.hpp"
#include "attachsim/model_constants.hpp"

namespace attachsim {

struct DayInput {
  std::uint64_t seed = 0;
  std::uint32_t dyad = 0;
  std::uint32_t day = 0;           // day of life being simulated (0 = birth day)
  float neighbour_stress = 0;      // mean stress of the primary's neighbours yesterday
};

// What the day produced beyond the state change (for counters and benchmarks).
struct DayTally {
  std::uint32_t episodes = 0;
  std::uint32_t responses = 0;
};

// Advances `dyad` by one day. Reads nothing but its arguments, so dyads can
// run in any order on any thread. When `record` is given, the day's episodes
// are appended to it.
DayTally step_dyad(const DayInput& in, const ModelConstants& k, DyadState& dyad,
                   std::vector<Episode>* record = nullptr);

}  // namespace attachsim
