// Tests of the animated Strange Situation room's layout from episode data (ssp_scene.hpp).
#include "attachsim/viz/ssp_scene.hpp"

#include <gtest/gtest.h>

#include "attachsim/simulation.hpp"

namespace attachsim::viz {
namespace {

struct Step {
  int episode;
  SspAct act;
  float distress = 0.1f;
  float expressed = 0.1f;
};

// Each step is one 5 s tick; seconds count up within an episode.
std::vector<SspTick> trace_of(const std::vector<Step>& steps) {
  std::vector<SspTick> out;
  int second = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i > 0 && steps[i].episode != steps[i - 1].episode) second = 0;
    out.push_back(SspTick{static_cast<std::uint8_t>(steps[i].episode),
                          static_cast<std::uint16_t>(second), steps[i].distress, steps[i].expressed,
                          0.1f, steps[i].act});
    second += 5;
  }
  return out;
}

// Two ticks of each episode with the given act in every episode.
std::vector<Step> all_episodes(SspAct act) {
  std::vector<Step> steps;
  for (int e = 1; e <= 8; ++e) {
    steps.push_back({e, act});
    steps.push_back({e, act});
  }
  return steps;
}

float dot(ScenePoint a, ScenePoint b) {
  return a.x * b.x + a.y * b.y;
}

TEST(SspScene, WhoIsInTheRoomFollowsTheEpisodes) {
  const auto frames = build_scene(trace_of(all_episodes(SspAct::Explore)));
  ASSERT_EQ(frames.size(), 16u);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const SspEpisodeSpec& spec = ssp_episodes()[static_cast<std::size_t>(frames[i].episode - 1)];
    EXPECT_EQ(frames[i].caregiver.present, spec.caregiver) << "tick " << i;
    EXPECT_EQ(frames[i].stranger.present, spec.stranger) << "tick " << i;
  }
  // The door opens on the first tick of every episode in which someone comes or goes (all but 2)
  // and is shut otherwise.
  for (int e = 1; e <= 8; ++e) {
    const auto first = static_cast<std::size_t>(2 * (e - 1));
    EXPECT_EQ(frames[first].door_open, e != 2) << "episode " << e;
    EXPECT_FALSE(frames[first + 1].door_open) << "episode " << e;
  }
  // Episode 4: the caregiver goes out (drawn leaving at the door), the stranger stays.
  EXPECT_TRUE(frames[6].caregiver.leaving);
  EXPECT_LT(distance(frames[6].caregiver.at, room::kDoor), 1e-6f);
  EXPECT_FALSE(frames[7].caregiver.leaving);
  // Episode 5: she comes back in, on her way to her chair.
  EXPECT_TRUE(frames[8].caregiver.present);
  EXPECT_LT(distance(frames[8].caregiver.at, room::kDoor),
            distance(frames[9].caregiver.at, room::kDoor));
}

TEST(SspScene, ExploringIsAtTheToysAndContactIsAtTheCaregiver) {
  const auto frames = build_scene(trace_of({{1, SspAct::Explore},
                                            {2, SspAct::Explore},
                                            {2, SspAct::Explore},
                                            {5, SspAct::Approach},
                                            {5, SspAct::Contact},
                                            {5, SspAct::Resist}}));
  EXPECT_LT(distance(frames[1].infant, room::kToys), 0.1f);
  EXPECT_LT(frames[1].proximity, 0.5f);
  EXPECT_FALSE(frames[1].in_contact);
  EXPECT_TRUE(frames[3].approaching);
  for (std::size_t i = 3; i < 6; ++i) {
    EXPECT_TRUE(frames[i].in_contact);
    EXPECT_FLOAT_EQ(frames[i].proximity, 1.0f);
    EXPECT_LT(distance(frames[i].infant, room::kLap), 1e-6f);
    EXPECT_GT(dot(frames[i].facing, {room::kCaregiverChair.x - frames[i].infant.x,
                                     room::kCaregiverChair.y - frames[i].infant.y}),
              0.0f);
  }
  EXPECT_TRUE(frames[5].resisting);
}

TEST(SspScene, AvoidanceTurnsAwayFromTheCaregiver) {
  const auto frames =
      build_scene(trace_of({{2, SspAct::Explore}, {5, SspAct::Explore}, {5, SspAct::Avoid}}));
  const SceneFrame& f = frames[2];
  EXPECT_TRUE(f.turned_away);
  EXPECT_FALSE(f.in_contact);
  EXPECT_LT(f.proximity, 0.5f);
  const ScenePoint to_caregiver{f.caregiver.at.x - f.infant.x, f.caregiver.at.y - f.infant.y};
  EXPECT_LT(dot(f.facing, to_caregiver), 0.0f);
}

TEST(SspScene, CryingWhenLeftGoesToTheDoor) {
  const auto frames = build_scene(trace_of({{2, SspAct::Explore},
                                            {4, SspAct::Cry, 0.7f, 0.8f},
                                            {6, SspAct::Cry, 0.8f, 0.9f},
                                            {6, SspAct::Cry, 0.8f, 0.9f}}));
  EXPECT_LT(distance(frames[2].infant, room::kInsideDoor),
            distance(frames[0].infant, room::kInsideDoor));
  EXPECT_LT(distance(frames[3].infant, room::kInsideDoor), 0.1f);
  EXPECT_FLOAT_EQ(frames[3].crying, 0.9f);
  EXPECT_LT(frames[3].proximity, 0.0f);  // the caregiver is out
  EXPECT_FALSE(frames[3].caregiver.present);
}

TEST(SspScene, ADisorganisedActApproachesAndVeersOrFreezes) {
  const auto frames = build_scene(trace_of({{2, SspAct::Explore},
                                            {5, SspAct::Explore},
                                            {5, SspAct::Disorganised, 0.5f, 0.4f},
                                            {6, SspAct::Explore},
                                            {6, SspAct::Disorganised, 0.5f, 0.4f}}));
  // With the caregiver: half way to her, turned aside, not in contact.
  const SceneFrame& veer = frames[2];
  EXPECT_TRUE(veer.frozen);
  EXPECT_TRUE(veer.turned_away);
  EXPECT_FALSE(veer.in_contact);
  EXPECT_LT(distance(veer.infant, room::kLap), distance(frames[1].infant, room::kLap));
  EXPECT_GT(veer.proximity, frames[1].proximity);
  // Alone: frozen where it was.
  EXPECT_TRUE(frames[4].frozen);
  EXPECT_LT(distance(frames[4].infant, frames[3].infant), 1e-6f);
}

TEST(SspScene, TheStrangerComesToAVeryDistressedInfant) {
  const auto frames = build_scene(trace_of(
      {{7, SspAct::Cry, 0.5f, 0.6f}, {7, SspAct::Cry, 0.5f, 0.6f}, {7, SspAct::Cry, 0.8f, 0.9f}}));
  EXPECT_FALSE(frames[1].stranger_comforts);
  EXPECT_LT(distance(frames[1].stranger.at, room::kStrangerChair), 1e-6f);
  EXPECT_TRUE(frames[2].stranger_comforts);
  EXPECT_LT(distance(frames[2].stranger.at, frames[2].infant), 0.15f);
}

TEST(SspScene, ReunionsShowTheDifferenceBetweenSeekingAndAvoiding) {
  // The same procedure up to the second reunion; then one infant goes to the caregiver and is held,
  // the other keeps playing and turns away.
  std::vector<Step> seeking, avoiding;
  for (int e = 1; e <= 7; ++e) {
    seeking.push_back({e, SspAct::Explore});
    avoiding.push_back({e, SspAct::Explore});
  }
  for (int i = 0; i < 6; ++i) {
    seeking.push_back({8, i == 0 ? SspAct::Approach : SspAct::Contact});
    avoiding.push_back({8, i % 2 ? SspAct::Avoid : SspAct::Explore});
  }
  const auto a = build_scene(trace_of(seeking)), b = build_scene(trace_of(avoiding));
  float near_a = 0, near_b = 0;
  int turned_b = 0;
  for (std::size_t i = 7; i < a.size(); ++i) {
    near_a += a[i].proximity;
    near_b += b[i].proximity;
    turned_b += b[i].turned_away;
  }
  EXPECT_GT(near_a, near_b + 2.0f);
  EXPECT_EQ(turned_b, 3);
}

TEST(SspScene, AModelTraceStaysInsideTheRoom) {
  SimulationConfig config;
  config.dyads = 30;
  config.history_days = 0;
  Simulation sim(Parameters{}, config);
  sim.run_days(400);
  for (std::uint32_t id = 0; id < 30; ++id) {
    const SspResult r = run_strange_situation(sim.dyad(id), kPrimarySlot, sim.constants_of(id),
                                              sim.seed(), id, sim.day(), 0, true);
    const auto frames = build_scene(r.trace);
    ASSERT_EQ(frames.size(), r.trace.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const SceneFrame& f = frames[i];
      EXPECT_EQ(f.episode, r.trace[i].episode);
      EXPECT_GE(f.infant.x, 0.0f);
      EXPECT_LE(f.infant.x, 1.0f);
      EXPECT_GE(f.infant.y, 0.0f);
      EXPECT_LE(f.infant.y, 1.0f);
      EXPECT_NEAR(f.facing.x * f.facing.x + f.facing.y * f.facing.y, 1.0f, 1e-3f);
      // Contact only with the caregiver in the room.
      if (f.in_contact) {
        EXPECT_TRUE(f.caregiver.present);
      }
    }
  }
}

TEST(SspScene, BlendMovesBetweenTicks) {
  const auto frames =
      build_scene(trace_of({{2, SspAct::Explore}, {5, SspAct::Explore}, {5, SspAct::Approach}}));
  const SceneFrame half = blend(frames[1], frames[2], 0.5f);
  EXPECT_NEAR(half.infant.x, (frames[1].infant.x + frames[2].infant.x) / 2, 1e-6f);
  EXPECT_EQ(half.act, SspAct::Approach);
  EXPECT_LT(distance(blend(frames[1], frames[2], 0).infant, frames[1].infant), 1e-6f);
  EXPECT_LT(distance(blend(frames[1], frames[2], 1).infant, frames[2].infant), 1e-6f);
}

}  // namespace
}  // namespace attachsim::viz
