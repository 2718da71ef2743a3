// Playing a Strange Situation back tick by tick: the episode, the infant's state, and the scores as
// they are earned.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "attachsim/strange_situation.hpp"

namespace attachsim::viz {

class SspPlayback {
 public:
  SspPlayback() = default;
  // `result` must have been run with keep_trace; it is copied.
  explicit SspPlayback(SspResult result);

  // Moves forward by whole ticks (5 s of procedure each), stopping at the end.
  void advance(std::size_t ticks);
  // Moves forward by `seconds` of playback at `ticks_per_second`; remembers fractions.
  void play(double seconds, double ticks_per_second);
  void seek(std::size_t tick);
  void restart() { seek(0); }
  // To `seconds` into episode `episode` (1-8; a shorter episode to its last tick), or to the end
  // for episode 9. The tick shown is then the one at that time.
  void seek_episode(int episode, int seconds = 0);

  bool empty() const { return result_.trace.empty(); }
  bool finished() const { return shown_ >= result_.trace.size(); }
  // Ticks shown so far (the current tick is shown_ - 1).
  std::size_t shown() const { return shown_; }
  std::size_t total() const { return result_.trace.size(); }
  // How far playback is towards the next tick (0-1), for smooth animation.
  double fraction() const { return finished() ? 0.0 : fraction_; }
  const SspTick* current() const;
  // The episode now playing (1-8); 0 before the first tick.
  int episode() const;
  // Seconds of the procedure played so far.
  int seconds_elapsed() const;

  // Scores are shown once the behaviour they rate has all been seen:
  // reunion 1 after episode 5, reunion 2 after episode 8, disorganisation and
  // the class at the end (the coder rates the whole procedure).
  bool reunion1_earned() const;
  bool reunion2_earned() const;
  bool class_earned() const { return finished() && !empty(); }

  // How often each act has been seen so far (indexed by SspAct).
  std::array<int, 8> acts_so_far() const;

  const SspResult& result() const { return result_; }

 private:
  bool episode_over(int episode) const;

  SspResult result_;
  std::size_t shown_ = 0;
  double fraction_ = 0;
};

}  // namespace attachsim::viz
