// Places the Strange Situation's acts in the room (ssp_scene.hpp).
#include "attachsim/viz/ssp_scene.hpp"

#include <algorithm>
#include <cmath>

namespace attachsim::viz {
namespace {

ScenePoint lerp(ScenePoint a, ScenePoint b, float t) {
  return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

ScenePoint direction(ScenePoint from, ScenePoint to) {
  const float d = distance(from, to);
  if (d < 1e-4f) return {0, -1};
  return {(to.x - from.x) / d, (to.y - from.y) / d};
}

// Play moves the infant around the toys a little, so that exploring is seen as movement.
ScenePoint at_toys(std::size_t tick) {
  const float angle = 2.4f * static_cast<float>(tick % 13);
  return {room::kToys.x + 0.07f * std::cos(angle), room::kToys.y + 0.05f * std::sin(angle)};
}

// Across the room from the lap to the far corner is about 0.8.
constexpr float kFar = 0.7f;

}  // namespace

float distance(ScenePoint a, ScenePoint b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

std::vector<SceneFrame> build_scene(const std::vector<SspTick>& trace) {
  std::vector<SceneFrame> frames;
  frames.reserve(trace.size());
  const auto& specs = ssp_episodes();
  ScenePoint infant = room::kDoor;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const SspTick& tick = trace[i];
    const int e = std::clamp(static_cast<int>(tick.episode), 1, 8);
    const SspEpisodeSpec& spec = specs[static_cast<std::size_t>(e - 1)];
    const bool first = i == 0 || trace[i - 1].episode != tick.episode;
    const SspEpisodeSpec* before =
        i == 0 ? nullptr
               : &specs[static_cast<std::size_t>(std::clamp<int>(trace[i - 1].episode, 1, 8) - 1)];

    SceneFrame f;
    f.episode = e;
    f.act = tick.act;
    f.crying = tick.expressed;
    f.distress = tick.distress;
    const auto adult = [&](bool now, bool was, ScenePoint chair) {
      SceneAdult a;
      a.present = now;
      a.at = chair;
      if (first && now && !was) {
        a.at = lerp(room::kDoor, chair, 0.25f);  // coming in
        f.door_open = true;
      }
      if (first && !now && was) {
        a.leaving = true;
        a.at = room::kDoor;
        f.door_open = true;
      }
      return a;
    };
    f.caregiver = adult(spec.caregiver, before ? before->caregiver : false, room::kCaregiverChair);
    f.stranger = adult(spec.stranger, before ? before->stranger : false, room::kStrangerChair);
    if (i == 0) {
      // Brought into the playroom in the caregiver's arms.
      f.caregiver.at = lerp(room::kDoor, room::kCaregiverChair, 0.25f);
      f.door_open = true;
      infant = {f.caregiver.at.x + 0.06f, f.caregiver.at.y};
    }
    const bool caregiver_here = spec.caregiver;
    const ScenePoint lap = room::kLap;

    // The first tick: still in the caregiver's arms, whatever it does.
    if (i > 0) switch (tick.act) {
        case SspAct::Explore:
          infant = at_toys(i);
          f.facing = direction(infant, room::kToys);
          break;
        case SspAct::Approach:
          infant = lap;
          f.approaching = true;
          f.in_contact = true;
          break;
        case SspAct::Contact:
          infant = lap;
          f.in_contact = true;
          break;
        case SspAct::Resist:
          infant = lap;
          f.in_contact = true;
          f.resisting = true;
          break;
        case SspAct::Avoid:
          // Turns away where it is; off the lap if it was there.
          if (distance(infant, lap) < 0.05f) infant = at_toys(i);
          f.turned_away = true;
          break;
        case SspAct::Cry:
          if (!caregiver_here) infant = lerp(infant, room::kInsideDoor, 0.6f);  // goes to the door
          break;
        case SspAct::Disorganised:
          f.frozen = true;
          if (caregiver_here) {
            // Approaches and veers away: half way to the caregiver, off to the side, turned.
            const ScenePoint half = lerp(infant, lap, 0.5f);
            infant = {std::clamp(half.x + 0.08f, 0.05f, 0.95f),
                      std::clamp(half.y - 0.08f, 0.05f, 0.95f)};
            f.turned_away = true;
          }
          break;
        case SspAct::Still:
          if (distance(infant, lap) < 0.05f && !caregiver_here) infant = at_toys(i);
          break;
      }
    // Alone the infant cannot be on the caregiver's lap.
    if (!caregiver_here && distance(infant, lap) < 0.05f) infant = lerp(lap, room::kToys, 0.3f);
    f.infant = infant;

    // The stranger offers comfort to a very distressed infant when alone with it (the model's
    // rule: distress above 0.6 with the stranger and no caregiver).
    const bool stranger_entering = first && spec.stranger && !(before && before->stranger);
    if (spec.stranger && !spec.caregiver && !stranger_entering && tick.distress > 0.6f) {
      f.stranger.at = {std::clamp(infant.x + 0.09f, 0.05f, 0.95f),
                       std::clamp(infant.y + 0.05f, 0.05f, 0.95f)};
      f.stranger_comforts = true;
    }

    // Facing.
    const ScenePoint towards_caregiver = direction(infant, f.caregiver.at);
    if (f.turned_away && caregiver_here)
      f.facing = {-towards_caregiver.x, -towards_caregiver.y};
    else if (f.in_contact || (caregiver_here && tick.act == SspAct::Cry))
      f.facing = towards_caregiver;
    else if (!caregiver_here && tick.act == SspAct::Cry)
      f.facing = direction(infant, room::kDoor);
    else if (tick.act == SspAct::Explore)
      f.facing = direction(infant, room::kToys);
    else
      f.facing = caregiver_here ? towards_caregiver : direction(infant, room::kDoor);
    if (f.facing.x == 0 && f.facing.y == 0) f.facing = {0, -1};

    f.proximity =
        caregiver_here
            ? (f.in_contact ? 1.0f : std::clamp(1.0f - distance(infant, lap) / kFar, 0.0f, 0.95f))
            : -1.0f;
    frames.push_back(f);
  }
  return frames;
}

SceneFrame blend(const SceneFrame& from, const SceneFrame& to, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  SceneFrame f = to;
  f.infant = lerp(from.infant, to.infant, t);
  if (from.caregiver.present && to.caregiver.present)
    f.caregiver.at = lerp(from.caregiver.at, to.caregiver.at, t);
  if (from.stranger.present && to.stranger.present)
    f.stranger.at = lerp(from.stranger.at, to.stranger.at, t);
  // Turn halfway through the move.
  if (t < 0.5f) f.facing = from.facing;
  return f;
}

}  // namespace attachsim::viz
