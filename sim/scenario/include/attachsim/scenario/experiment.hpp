// Running a scenario or a sweep to an output folder: jobs, shards, resume, interruption, assembled
// CSV and manifest.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "attachsim/scenario/measures.hpp"
#include "attachsim/scenario/scenario.hpp"

namespace attachsim::scenario {

struct ExperimentOptions {
  std::string out;                // output folder
  bool sweep = false;             // false: the scenario once, with its own seed and no axes
  unsigned jobs = 1;              // runs at once
  int threads = 0;                // recorded in the manifest (the caller limits TBB)
  std::uint32_t shard_index = 0;  // this process runs units u with u % shard_count == shard_index
  std::uint32_t shard_count = 1;
  bool resume = false;                      // keep completed runs found in `out`
  bool force = false;                       // replace a complete result of another scenario or seed
  bool progress = false;                    // progress on stderr
  const std::atomic<bool>* stop = nullptr;  // set (e.g. by SIGINT) to stop cleanly
  std::string command_line;                 // for the manifest
  std::vector<std::string> sets;            // --set values as given, for the manifest
};

struct ExperimentResult {
  std::uint32_t units = 0;       // (point, replicate) pairs in this shard
  std::uint32_t units_done = 0;  // complete, including those kept by --resume
  std::uint32_t units_resumed = 0;
  bool interrupted = false;
  bool already_complete = false;    // --resume of a finished folder: nothing was run or written
  std::uint32_t units_damaged = 0;  // --resume found these parts damaged and ran them again
  bool kept_earlier = false;        // interrupted over a complete result, which was kept as it was
  bool assembly_stopped = false;  // stopped while the result was assembled: every unit is in parts/
  bool cleanup_stopped = false;   // the result is complete; stopped while removing its parts
  std::vector<Measure> first_baseline, first_variant,
      first_difference;  // of the first unit run here
  double seconds = 0;
  double dyad_days = 0;  // simulated here
};

// Runs every unit and publishes runs.csv, timeseries.csv, dyads.csv,
// summary.csv and manifest.json in `out` together (one rename; see
// output_folder.hpp). Throws ScenarioError for bad input before writing
// anything (e.g. --resume of a different sweep, naming the field that differs;
// a population that does not fit in memory; a folder that cannot be created or
// that another attachsim is writing), and FolderError (a std::runtime_error) on
// a fault while running (a full disk): then the folder's result is untouched
// and a sweep's completed units stay in parts/ for --resume. An interrupted
// attempt never replaces a complete result.
ExperimentResult run_experiment(const Scenario& scenario, const ExperimentOptions& options);

// Merges the shards' folders into `out`: the same files, byte for byte, as
// one unsharded sweep (except timing). Throws ScenarioError when the folders
// do not belong to one sweep (naming the field that differs), a unit is
// missing, or a part is damaged (naming it). Returns false, with `out`
// unchanged, when `stop` became true.
bool merge_experiments(const std::vector<std::string>& folders, const std::string& out,
                       const std::atomic<bool>* stop = nullptr);

// Version, git commit, compiler and flags, one per line (for --version).
std::string build_info();

// A CSV field, quoted when needed (RFC 4180).
std::string csv_field(const std::string& text);
// The fields of one line of the CSV attachsim writes, split at commas (used on rows whose
// fields hold no quoted commas: measures and summary.csv's numeric columns).
std::vector<std::string> split_csv_line(const std::string& line);
// SHA-256 of a text, in hex (the manifest's scenario hash).
std::string sha256_hex(const std::string& text);

}  // namespace attachsim::scenario
