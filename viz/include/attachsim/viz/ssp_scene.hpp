// The animated Strange Situation room: who is where, from a played procedure's trace, tick by tick.
#pragma once

#include <cstddef>
#include <vector>

#include "attachsim/strange_situation.hpp"

namespace attachsim::viz {

// Room coordinates seen from above: x 0-1 from the left wall, y 0-1 from the wall with the door.
struct ScenePoint {
  float x = 0, y = 0;
};

// The fixed places of the room.
namespace room {
inline constexpr ScenePoint kDoor{0.10f, 0.0f};             // in the top wall, left
inline constexpr ScenePoint kInsideDoor{0.14f, 0.14f};      // where a searching infant waits
inline constexpr ScenePoint kCaregiverChair{0.22f, 0.78f};  // bottom left
inline constexpr ScenePoint kStrangerChair{0.80f, 0.78f};   // bottom right
inline constexpr ScenePoint kToys{0.58f, 0.34f};            // the middle of the room
inline constexpr ScenePoint kLap{0.31f, 0.70f};             // in contact with the caregiver
}  // namespace room

// An adult in the scene: in the room, or going out of the door on this tick (drawn faded).
struct SceneAdult {
  bool present = false;
  bool leaving = false;
  ScenePoint at;
};

// The room at one tick of the procedure.
struct SceneFrame {
  int episode = 0;  // 1-8
  SspAct act = SspAct::Explore;
  SceneAdult caregiver, stranger;
  bool door_open = false;  // someone comes in or goes out on this tick
  ScenePoint infant;
  ScenePoint facing;        // a unit vector: where the infant looks
  bool in_contact = false;  // held by / touching the caregiver
  bool approaching = false;
  bool turned_away = false;  // avoidance, or veering away in a disorganised approach
  bool frozen = false;       // a disorganised act (freezing, contradictory approach)
  bool resisting = false;
  float crying = 0;    // distress as shown (0-1); cries above 0.5
  float distress = 0;  // felt (0-1)
  // Closeness to the caregiver, 1 in contact, 0 across the room; negative when the caregiver is
  // out of the room.
  float proximity = -1;
  bool stranger_comforts = false;  // the stranger has come to a very distressed infant
};

// One frame per tick of `trace` (the procedure run with keep_trace): the model's acts placed in the
// room. Explores: at the toys; approaches and contact: at the caregiver; cries with the caregiver
// gone: at the door; turns away: stays put, facing away from the caregiver; a disorganised act
// with the caregiver present: half way towards her and turned aside (approach and veer away),
// otherwise frozen where it is; sits still or cries with the caregiver there: stays where it is.
std::vector<SceneFrame> build_scene(const std::vector<SspTick>& trace);

// Between two ticks for smooth movement: positions move from `from` to `to` as t goes 0-1; what the
// infant does is `to`'s.
SceneFrame blend(const SceneFrame& from, const SceneFrame& to, float t);

float distance(ScenePoint a, ScenePoint b);

}  // namespace attachsim::viz
