// Tests of the step-by-step Strange Situation playback (ssp_playback.hpp).
#include "attachsim/viz/ssp_playback.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "attachsim/simulation.hpp"

namespace attachsim::viz {
namespace {

SspResult traced_run() {
  SimulationConfig config;
  config.dyads = 50;
  config.history_days = 0;
  Simulation sim(Parameters{}, config);
  sim.run_days(365);
  return run_strange_situation(sim.dyad(3), kPrimarySlot, sim.constants_of(3), sim.seed(), 3,
                               sim.day(), 0, true);
}

TEST(SspPlayback, ScoresAppearOnlyOnceTheirBehaviourHasBeenSeen) {
  const SspResult result = traced_run();
  ASSERT_FALSE(result.trace.empty());
  SspPlayback p(result);
  EXPECT_EQ(p.episode(), 0);
  EXPECT_EQ(p.current(), nullptr);
  EXPECT_FALSE(p.reunion1_earned());
  int last_episode = 0;
  bool reunion1_seen_during_6 = false;
  while (!p.finished()) {
    p.advance(1);
    const int e = p.episode();
    EXPECT_GE(e, last_episode);  // episodes only move forward
    last_episode = e;
    if (e <= 5) {
      EXPECT_FALSE(p.reunion1_earned()) << "episode " << e;
    }
    if (e == 6) reunion1_seen_during_6 = p.reunion1_earned();
    if (!p.finished()) {
      EXPECT_FALSE(p.reunion2_earned()) << "episode " << e;
      EXPECT_FALSE(p.class_earned());
    }
  }
  EXPECT_TRUE(reunion1_seen_during_6);
  EXPECT_EQ(last_episode, 8);
  EXPECT_TRUE(p.reunion2_earned());
  EXPECT_TRUE(p.class_earned());
  const auto acts = p.acts_so_far();
  EXPECT_EQ(static_cast<std::size_t>(std::accumulate(acts.begin(), acts.end(), 0)),
            result.trace.size());
  // The whole procedure's length is the episodes' actual lengths.
  EXPECT_EQ(p.seconds_elapsed(),
            std::accumulate(result.episode_seconds.begin(), result.episode_seconds.end(), 0));
}

TEST(SspPlayback, PlayAdvancesByElapsedTimeAndKeepsFractions) {
  SspPlayback p(traced_run());
  p.play(0.25, 2.0);  // half a tick
  EXPECT_EQ(p.shown(), 0u);
  p.play(0.25, 2.0);
  EXPECT_EQ(p.shown(), 1u);
  p.play(-1.0, 2.0);
  p.play(1.0, std::numeric_limits<double>::infinity());
  EXPECT_EQ(p.shown(), 1u);  // nonsense input changes nothing
  p.play(1e9, 1e9);
  EXPECT_TRUE(p.finished());
  p.restart();
  EXPECT_EQ(p.shown(), 0u);
  p.seek(1u << 30);
  EXPECT_EQ(p.shown(), p.total());
}

TEST(SspPlayback, SeeksToAnEpisode) {
  SspPlayback p(traced_run());
  for (int e = 1; e <= 8; ++e) {
    p.seek_episode(e);
    ASSERT_NE(p.current(), nullptr);
    EXPECT_EQ(p.episode(), e);
    EXPECT_EQ(p.current()->second, 0);
    p.seek_episode(e, 30);
    EXPECT_EQ(p.episode(), e);
    // 30 s in, or the episode's last tick when it was cut short before.
    EXPECT_LE(p.current()->second, 30);
    if (p.result().episode_seconds[static_cast<std::size_t>(e - 1)] > 30) {
      EXPECT_EQ(p.current()->second, 30);
    }
  }
  p.seek_episode(9);
  EXPECT_TRUE(p.finished());
  EXPECT_TRUE(p.class_earned());
}

TEST(SspPlayback, AnEmptyPlaybackIsSafe) {
  SspPlayback p;
  EXPECT_TRUE(p.empty());
  EXPECT_TRUE(p.finished());
  EXPECT_FALSE(p.class_earned());
  p.advance(3);
  EXPECT_EQ(p.seconds_elapsed(), 0);
  p.seek_episode(5, 30);
  EXPECT_EQ(p.shown(), 0u);
}

}  // namespace
}  // namespace attachsim::viz
