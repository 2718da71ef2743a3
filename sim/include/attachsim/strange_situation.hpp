// The virtual Strange Situation: the 8 episodes played on an infant and one caregiver, and coded.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "attachsim/classification.hpp"
#include "attachsim/dyad.hpp"
#include "attachsim/model_constants.hpp"

namespace attachsim {

// Who is in the room in each episode, and the planned length (Ainsworth et al. 1978).
struct SspEpisodeSpec {
  const char* name;
  bool caregiver, stranger;
  int seconds;
  bool separation;  // cut short when the infant is very distressed
  bool reunion;
};
const std::array<SspEpisodeSpec, 8>& ssp_episodes();

// The infant's behaviour in one 5-second tick (for the inspector's playback).
enum class SspAct : std::uint8_t {
  Explore,
  Approach,
  Contact,
  Resist,
  Avoid,
  Cry,
  Disorganised,
  Still
};
const char* act_name(SspAct a);

struct SspTick {
  std::uint8_t episode = 0;  // 1-8
  std::uint16_t second = 0;  // seconds into the episode
  float distress = 0;        // felt distress (0-1)
  float expressed = 0;       // distress as shown
  float cortisol = 0;        // slow component: follows distress with a ~20 min lag
  SspAct act = SspAct::Explore;
};

struct SspResult {
  Coding coding;
  Classification classification;
  std::array<int, 8> episode_seconds{};  // how long each episode actually ran
  float cortisol_end = 0;
  std::vector<SspTick> trace;  // filled only when asked for
};

// Runs the procedure with caregiver `slot` on `dyad` at its current state.
// Reads the state, never changes it. `assessment` distinguishes repeated
// assessments on the same day (it keys the random stream).
SspResult run_strange_situation(const DyadState& dyad, int slot, const ModelConstants& k,
                                std::uint64_t seed, std::uint32_t dyad_id, std::uint32_t day,
                                std::uint32_t assessment = 0, bool keep_trace = false);

// A cheap provisional classification from the working model alone, for live
// views: the strategy with the caregiver, CC when there is no discriminated figure.
Class4 provisional_class(const DyadState& dyad, int slot, const ModelConstants& k);

}  // namespace attachsim
