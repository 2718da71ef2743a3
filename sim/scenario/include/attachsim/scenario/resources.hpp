// The memory a run needs and the memory there is: a population that would not fit is refused before
// it is allocated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "attachsim/scenario/scenario.hpp"

namespace attachsim::scenario {

// Peak bytes per dyad of one run (an upper estimate): the engine's state of
// each dyad, and an assessment's records and measures while they exist,
// from sizeof of the engine's types (so it follows changes to them).
std::uint64_t bytes_per_dyad();
// Bytes a process needs besides its populations (code, threads, buffers).
inline constexpr std::uint64_t kBaseBytes = 64ull << 20;
// Peak bytes of `parallel_runs` runs of `dyads` dyads at once.
std::uint64_t bytes_needed(std::uint64_t dyads, unsigned parallel_runs);

// Memory this process may still use, in bytes: the smallest of the system's
// available memory (MemAvailable), the room left under a cgroup's limit
// (containers, systemd), and under the address-space limit (ulimit -v).
// Nothing when none of them can be read (not Linux).
std::optional<std::uint64_t> available_memory();

// Throws ScenarioError when `parallel_runs` runs of the scenario's population
// would need more memory than is available: the message names where the
// number of dyads was set, the memory needed and the memory available, and
// the largest population that fits.
void check_memory(const Scenario& s, unsigned parallel_runs);

// "1.5 GiB", "320 MiB".
std::string memory_text(std::uint64_t bytes);

}  // namespace attachsim::scenario
