// Memory estimates from the engine's types, and the memory available under /proc, cgroups and
// rlimits.
#include "attachsim/scenario/resources.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

#include "attachsim/assessment.hpp"
#include "attachsim/dyad.hpp"

namespace attachsim::scenario {

std::uint64_t bytes_per_dyad() {
  // Held for the whole run: the engine's state, yesterday's stress (the
  // community input), the last class with each caregiver and overall.
  const std::uint64_t state = sizeof(DyadState) + sizeof(float) + 1 + kCaregiverSlots;
  // At an assessment: the records twice while assess_population compacts
  // them, or the records, a copy for a group, pointers, subgroups and
  // securities while the measures are computed; the larger of the two.
  const std::uint64_t records = sizeof(AssessmentRecord);
  const std::uint64_t assessing =
      std::max<std::uint64_t>(2 * records + 1, 2 * records + sizeof(std::uint16_t) +
                                                   2 * sizeof(void*) + 4 * sizeof(double));
  // A tenth more for the allocator and what this estimate does not see.
  return (state + assessing) * 11 / 10;
}

std::uint64_t bytes_needed(std::uint64_t dyads, unsigned parallel_runs) {
  return kBaseBytes + dyads * bytes_per_dyad() * std::max(1u, parallel_runs);
}

namespace {

// The first number after `key` in a file such as /proc/meminfo, times `scale`.
std::optional<std::uint64_t> read_number(const char* path, const std::string& key,
                                         std::uint64_t scale) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0) {
      unsigned long long v = 0;
      if (std::sscanf(line.c_str() + key.size(), "%llu", &v) == 1)
        return static_cast<std::uint64_t>(v) * scale;
    }
  return std::nullopt;
}

void keep_smaller(std::optional<std::uint64_t>& best, std::optional<std::uint64_t> candidate) {
  if (candidate && (!best || *candidate < *best)) best = candidate;
}

// Room under a cgroup's memory limit: v2 (memory.max) or v1 (memory.limit_in_bytes).
std::optional<std::uint64_t> cgroup_room() {
  const auto limit = read_number("/sys/fs/cgroup/memory.max", "", 1);
  if (limit) {
    const auto used = read_number("/sys/fs/cgroup/memory.current", "", 1).value_or(0);
    return *limit > used ? *limit - used : 0;
  }
  const auto v1 = read_number("/sys/fs/cgroup/memory/memory.limit_in_bytes", "", 1);
  if (v1 && *v1 < (1ull << 60)) {  // "no limit" is a huge number
    const auto used = read_number("/sys/fs/cgroup/memory/memory.usage_in_bytes", "", 1).value_or(0);
    return *v1 > used ? *v1 - used : 0;
  }
  return std::nullopt;  // "max" (no limit) does not parse as a number
}

}  // namespace

std::optional<std::uint64_t> available_memory() {
  std::optional<std::uint64_t> best = read_number("/proc/meminfo", "MemAvailable:", 1024);
  keep_smaller(best, cgroup_room());
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    const std::uint64_t used = read_number("/proc/self/status", "VmSize:", 1024).value_or(0);
    keep_smaller(best, limit.rlim_cur > used ? limit.rlim_cur - used : 0);
  }
  return best;
}

std::string memory_text(std::uint64_t bytes) {
  char text[32];
  if (bytes >= (1ull << 30))
    std::snprintf(text, sizeof text, "%.1f GiB",
                  static_cast<double>(bytes) / static_cast<double>(1ull << 30));
  else
    std::snprintf(text, sizeof text, "%.0f MiB",
                  static_cast<double>(bytes) / static_cast<double>(1ull << 20));
  return text;
}

void check_memory(const Scenario& s, unsigned parallel_runs) {
  const auto available = available_memory();
  if (!available) return;
  const std::uint64_t need = bytes_needed(s.run.dyads, parallel_runs);
  if (need <= *available) return;
  const unsigned runs = std::max(1u, parallel_runs);
  const std::uint64_t room = *available > kBaseBytes ? *available - kBaseBytes : 0;
  const std::uint64_t fit = room / (bytes_per_dyad() * runs);
  const std::string where = s.run.dyads_origin.empty() ? "run.dyads" : s.run.dyads_origin;
  throw ScenarioError(
      where + ": " + std::to_string(s.run.dyads) + " dyads need about " + memory_text(need) +
      " of memory (" + std::to_string(bytes_per_dyad()) + " bytes per dyad" +
      (runs > 1 ? " x " + std::to_string(runs) + " runs at once" : std::string()) + "), but " +
      memory_text(*available) + " is available; allowed: " +
      (fit == 0 ? std::string("more free memory (not even one dyad fits beside the program's own ") +
                      memory_text(kBaseBytes) + ")"
                : "at most " + std::to_string(fit) + " dyads" +
                      (runs > 1 ? " per run with --jobs " + std::to_string(runs) : std::string()) + " here"));
}

}  // namespace attachsim::scenario
