// A viewer session: the engine stepped on its own thread, steered by commands, publishing
// snapshots.
#pragma once

#include <tbb/task_arena.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "attachsim/command.hpp"
#include "attachsim/simulation.hpp"
#include "attachsim/viz/session_source.hpp"
#include "attachsim/viz/snapshot.hpp"

namespace attachsim::viz {

struct SessionSettings {
  std::size_t history_budget_bytes = std::size_t{64} << 20;  // per-dyad history (inspector charts)
  std::uint32_t history_interval = 7;  // days between history samples at first
  std::uint32_t episode_days = 2;      // days of episodes the inspector regenerates
  std::size_t scatter_points = 1500;   // points drawn; r uses every dyad
  int histogram_bins = 25;
  std::uint32_t grain = 256;  // dyads per parallel task
  // Threads the engine steps with; 0 = one fewer than the cores (at least 1). The UI
  // thread and the software renderer need a core of their own: with every core in
  // the engine's parallel loops, a descheduled worker stalls each step by a time slice.
  int threads = 0;
};

// The UI thread calls the public functions; one worker thread owns the
// engine. A step can take longer than a frame (100,000 dyads), so the UI only
// ever reads the last published Snapshot and never waits for a step. Every
// change is queued and applied between steps as an engine Command, so a
// slider moved during a step takes effect on the next one.
class Session {
 public:
  explicit Session(SessionSource source, SessionSettings settings = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The latest published picture (never null after construction returns).
  std::shared_ptr<const Snapshot> snapshot() const;

  void play(bool on);
  void toggle_play();
  void step_day();
  // Simulated days per second while playing; 0 = as fast as the machine goes.
  void set_speed(double days_per_second);
  // Simulates to `day` as fast as possible, whether playing or not.
  void advance_to(std::uint32_t day);
  // A new population from birth with this seed and size.
  void reset(std::uint64_t seed, std::uint32_t dyads);
  // Switches to another source and starts it from birth.
  void load(SessionSource source);

  // Checks the value against the table and the current set; queues it.
  // Returns the reason when refused. Repeated changes before the next step coalesce.
  std::optional<std::string> set_parameter(Param p, double value);
  // Values queued by set_parameter and not applied yet.
  std::map<Param, double> pending_parameters() const;
  // Checks and queues a command for both arms; returns the reason when refused.
  std::optional<std::string> apply(Command command);

  void select(std::optional<std::uint32_t> dyad);
  // Strange Situation of every dyad with the source's assessment slot, now.
  void assess_now();
  // A Strange Situation with a trace for one dyad, for step-by-step playback.
  void run_strange_situation(std::uint32_t dyad, int slot);

  // Starts the paired what-if arm (replacing any running one); returns the reason when refused.
  std::optional<std::string> start_compare(Param parameter, double value, bool from_birth);
  // Starts the scenario's own paired variant from birth; the reason when it has none.
  std::optional<std::string> start_variant_compare();
  void stop_compare();

  // Blocks until every queued request is handled, stepping toward advance_to
  // is done, and a snapshot reflecting that is published (tests, start-up).
  bool wait_idle(std::chrono::milliseconds timeout);

 private:
  struct Requests {
    std::optional<SessionSource> load;
    std::optional<std::pair<std::uint64_t, std::uint32_t>> reset;
    std::map<Param, double> parameters;
    std::vector<Command> commands;
    std::optional<std::optional<std::uint32_t>> select;
    bool assess = false;
    std::optional<std::pair<std::uint32_t, int>> strange_situation;
    std::optional<CompareSpec> compare;
    bool stop_compare = false;
    std::uint32_t steps = 0;
    std::optional<std::uint32_t> advance;
    bool any() const;
  };
  // Worker-thread state and functions (touched by the worker only).
  struct Arm;
  void run();
  void handle(Requests& r);
  // from_source: draw from the source's population; else keep the parameters now in force.
  void rebuild(std::uint64_t seed, std::uint32_t dyads, bool from_source = false);
  // A fresh arm from birth: the source's population (or its scenario's runner), the
  // slider changes, and for a what-if its change (or the scenario's variant).
  std::unique_ptr<Arm> make_arm(std::uint64_t seed, std::uint32_t dyads,
                                const std::optional<CompareSpec>& what_if);
  void advance_arm(Arm& arm);
  void record_assessment(Arm& arm, std::vector<AssessmentRecord> records, std::uint32_t day,
                         int slot);
  void fork_what_if(const CompareSpec& spec);
  void step_once();
  void assess_arms(bool scheduled);
  void publish();
  void note(std::string text);
  void fail(const std::exception& e);
  ArmView view_of(const Arm& arm) const;

  SessionSettings settings_;

  // Shared between the threads, under mutex_.
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_changed_;
  Requests requests_;
  bool quit_ = false;
  bool playing_ = false;
  double speed_ = 30;
  std::uint32_t advance_target_ = 0;
  bool idle_ = false;
  std::uint64_t request_serial_ = 0;  // bumped by every request
  std::uint64_t handled_serial_ = 0;  // the worker has handled requests up to this one
  std::shared_ptr<const Snapshot> published_;
  mutable bool consumed_ = true;
  std::uint32_t dyad_count_ = 0;  // for checking selections on the UI thread
  Parameters parameters_;         // last published, for checking values

  // Worker only.
  SessionSource source_;
  std::unique_ptr<Arm> main_, what_if_;
  std::optional<CompareSpec> compare_;
  std::map<Param, double> queued_;
  std::map<Param, double> slider_changes_;  // every slider value since the source was loaded  //
                                            // given to the engine, in force from the next step
  PopulationHistory history_;
  std::optional<std::uint32_t> selected_;
  std::shared_ptr<const StrangeSituationRun> ssp_;
  std::uint64_t ssp_serial_ = 0;
  std::vector<std::string> log_;
  std::size_t logged_commands_ = 0;
  std::string error_;
  std::uint64_t error_serial_ = 0;
  std::uint64_t serial_ = 0;
  bool dirty_ = true;
  bool paced_playing_ = false;
  bool repace_ = false;  // re-anchor the pace: days were simulated off the clock
  double paced_speed_ = 0;
  std::chrono::steady_clock::time_point pace_anchor_;
  std::uint32_t pace_anchor_day_ = 0;
  double measured_rate_ = 0;
  double step_ms_ = 0, publish_ms_ = 0;  // moving averages of the worker's costs
  std::unique_ptr<tbb::task_arena> arena_;
  std::chrono::steady_clock::time_point rate_anchor_;
  std::uint32_t rate_anchor_day_ = 0;

  std::thread worker_;
};

}  // namespace attachsim::viz
