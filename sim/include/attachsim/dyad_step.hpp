// One simulated day of one dyad: caregiver states, caregiving episodes, learning, development.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "attachsim/dyad.hpp"
#include "attachsim/episode.hpp"
#include "attachsim/model_constants.hpp"

namespace attachsim {

struct DayInput {
  std::uint64_t seed = 0;
  std::uint32_t dyad = 0;
  std::uint32_t day = 0;       // day of life being simulated (0 = birth day)
  float neighbour_stress = 0;  // mean stress of the primary's neighbours yesterday
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

// How step_dyads runs the episodes: one dyad at a time, or four or eight
// dyads side by side in SIMD lanes (eight needs AVX2 on x86-64). All give
// the same bits; Automatic takes the widest this CPU has.
enum class EpisodeKernel { Automatic, Scalar, Lanes4, Lanes8 };

// The kernel step_dyads will use when asked for `wanted` (Lanes8 falls back
// to Lanes4 without AVX2).
EpisodeKernel available_episode_kernel(EpisodeKernel wanted = EpisodeKernel::Automatic);

// The Episode-stream numbers step_dyads draws for these dyads on their day,
// drawn the way it draws them (a Philox block per two episodes, eight dyads
// at a time with AVX2): out[i * per_dyad + n] is number n of dyad i, where
// per_dyad = 4 * ceil(episodes / 2). For the draw-only benchmark kernel.
void draw_episode_numbers(std::span<const DayInput> in, int episodes, std::span<std::uint32_t> out,
                          EpisodeKernel kernel = EpisodeKernel::Automatic);

// Advances several dyads by one day (dyad i with in[i] under *k[i]): the
// engine's hot loop. Bit for bit the same as step_dyad on each, whatever the
// kernel and grouping (tested); step_dyad is the reference and the replay path.
DayTally step_dyads(std::span<const DayInput> in, std::span<const ModelConstants* const> k,
                    std::span<DyadState* const> dyads,
                    EpisodeKernel kernel = EpisodeKernel::Automatic);

// Asks the memory system for every cache line of a dyad, for writing. The
// caller of step_dyads asks for the next batch's dyads while it steps one
// batch: each dyad is visited once a day, and without this its first touch
// waited on memory (a tenth of a whole run, measured with perf).
inline void prefetch_dyad(const DyadState& dyad) {
  const char* bytes = reinterpret_cast<const char*>(&dyad);
  for (std::size_t offset = 0; offset < sizeof(DyadState); offset += 64)
    __builtin_prefetch(bytes + offset, 1);
  __builtin_prefetch(bytes + sizeof(DyadState) - 1, 1);
}

}  // namespace attachsim
