// The engine: a population of dyads stepped a day at a time, in parallel and deterministically.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "attachsim/aggregates.hpp"
#include "attachsim/command.hpp"
#include "attachsim/dyad.hpp"
#include "attachsim/episode.hpp"
#include "attachsim/huge_page_allocator.hpp"
#include "attachsim/model_constants.hpp"
#include "attachsim/population.hpp"

namespace attachsim {

struct SimulationConfig {
  std::uint64_t seed = 1;
  std::uint32_t dyads = 10000;
  // Dyads per parallel task; any value gives the same results.
  std::uint32_t grain = 256;
  // Days of episode history that can be regenerated on demand (0 = none; saves memory).
  std::uint32_t history_days = 14;
};

// Largest population the engine accepts (memory is checked by the caller).
inline constexpr std::uint32_t kMaxDyads = 50'000'000;
// Parameter sets live at once (dyads index them with 16 bits).
inline constexpr std::size_t kMaxParameterSets = 60'000;
// Longest run: day counters are 16-bit in the hot state.
inline constexpr std::uint32_t kMaxDays = 65'000;

class Simulation {
 public:
  // Draws the population at birth. Throws ParameterError on bad input.
  Simulation(const Population& population, const SimulationConfig& config);
  Simulation(const Parameters& parameters, const SimulationConfig& config);

  // Queues a command; it is applied at the start of the next step, in order.
  // Throws ParameterError if it is invalid (nothing is queued then).
  void command(Command c);

  // Simulates one day for every dyad. Threads come from the caller's TBB arena.
  void step();
  void run_days(std::uint32_t days);

  // ---- read-only snapshot ----
  std::uint32_t day() const { return day_; }  // days simulated = age in days of every infant
  std::uint32_t dyad_count() const { return static_cast<std::uint32_t>(dyads_.size()); }
  std::uint64_t seed() const { return config_.seed; }
  std::span<const DyadState> dyads() const { return dyads_; }
  const DyadState& dyad(std::uint32_t id) const { return dyads_.at(id); }
  const Aggregates& aggregates() const { return aggregates_; }
  // The parameter set a dyad currently lives under.
  const ModelConstants& constants_of(std::uint32_t id) const;
  const ModelConstants& constants(std::uint16_t index) const { return *constants_.at(index); }
  const Population& population() const { return population_; }
  // Parameters currently in force for subgroup 0 (what sliders show).
  const Parameters& parameters() const;
  // Neighbours of a dyad on the community grid (empty without a community).
  std::vector<std::uint32_t> neighbours(std::uint32_t id) const;
  // Every command applied so far, with the day it took effect.
  struct LoggedCommand {
    std::uint32_t day;
    Command command;
    std::vector<std::uint16_t> remap;  // SetParameter: old parameter-set index -> new
  };
  const std::vector<LoggedCommand>& command_log() const { return log_; }

  // Regenerates the episodes of dyad `id` on day `day` exactly as they
  // happened, by replaying that dyad from the last checkpoint with the same
  // random numbers. `day` must be within the last history_days days.
  std::vector<Episode> episodes(std::uint32_t id, std::uint32_t day) const;
  // First day whose episodes can still be regenerated.
  std::uint32_t earliest_regenerable_day() const;

  // Hash of the complete state (for determinism tests).
  std::uint64_t state_hash() const;

 private:
  void apply_pending();
  void compact_parameter_sets();
  void apply(const Command& c, std::size_t log_index);
  void apply_to_dyad(const Command& c, std::size_t log_index, std::uint32_t id, DyadState& d,
                     std::uint32_t on_day) const;
  // The key of a logged command's random numbers (Command::key, or its log position).
  std::uint32_t random_key(std::size_t log_index) const;
  bool selected(const Selection& s, std::size_t log_index, std::uint32_t id,
                std::uint32_t on_day) const;
  float neighbour_stress(std::uint32_t id) const;
  std::array<std::uint32_t, 4> grid_neighbours(std::uint32_t id) const;
  // The day's sums over one fixed chunk of kDayChunk dyads; chunks are
  // reduced in order, so the aggregates do not depend on the threads.
  static constexpr std::uint32_t kDayChunk = 1024;
  struct DaySums {
    std::array<std::uint32_t, kStrategyCount> strategy{};
    std::uint32_t attached = 0, depressed = 0;
    double sum[5] = {}, sq[5] = {};
  };
  std::uint32_t chunk_count() const { return (dyad_count() + kDayChunk - 1) / kDayChunk; }
  // Adds dyad `id` to a chunk's sums and records its primary's stress for tomorrow.
  void add_to_day_sums(DaySums& sums, std::uint32_t id, std::uint32_t day);
  // The aggregates from the chunk sums (step() sums as it steps; this pass is
  // for the state at construction).
  void end_day_pass(std::uint64_t episodes, std::uint64_t responses);
  void finish_day_sums(std::uint64_t episodes, std::uint64_t responses);
  void checkpoint_if_due();

  SimulationConfig config_;
  Population population_;
  std::vector<std::shared_ptr<const ModelConstants>> constants_;
  std::vector<DyadState, HugePageAllocator<DyadState>> dyads_;
  std::vector<float> yesterday_stress_;  // slot-0 stress at the end of the previous day
  std::vector<float> today_stress_;      // ... of this day, written while the day is stepped
  std::vector<DaySums> day_sums_;        // one per chunk
  std::uint32_t grid_width_ = 1;
  std::uint32_t day_ = 0;
  std::vector<Command> pending_;
  std::vector<LoggedCommand> log_;
  Aggregates aggregates_;
  // Episode history: two checkpoints and the community input since the older one.
  struct Checkpoint {
    std::uint32_t day = 0;
    std::vector<DyadState, HugePageAllocator<DyadState>> dyads;
  };
  Checkpoint older_, newer_;
  std::vector<float> input_ring_;  // [day % ring_days][dyad]
  std::uint32_t ring_days_ = 0;
};

}  // namespace attachsim
