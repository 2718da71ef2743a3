// One caregiving episode: the infant's signal, the caregiver's response or its absence, and the outcome.
#pragma once

#include <cstdint>

namespace attachsim {

enum class Response : std::uint8_t {
  None,           // nobody came (caregiver absent, busy or not noticing)
  PromptComfort,  // came promptly and comforted
  LateComfort,    // comforted, but late
  Rebuff,         // responded but rebuffed the bid for closeness
  Fright,         // responded in a frightening or frightened way
  Misread,        // responded, but misread the signal (fed a tired infant, overstimulated it)
};
inline constexpr int kResponseCount = 6;

const char* response_name(Response r);

// A recorded episode, regenerated on demand for the inspector.
struct Episode {
  std::uint32_t day = 0;
  std::uint8_t index = 0;       // episode within the day
  std::int8_t caregiver = -1;   // slot that responded; -1 nobody; -2 another staff member
  Response response = Response::None;
  float signal = 0;             // strength of the infant's signal as the caregiver meets it
  float arousal_before = 0;     // infant arousal when it signalled
  float arousal_after = 0;      // what was left after the response
};

}  // namespace attachsim
