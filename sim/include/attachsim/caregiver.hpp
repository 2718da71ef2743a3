// A caregiver of one infant: role, traits drawn at birth or replacement, and daily state.
#pragma once

#include <cstdint>
#include <string_view>

namespace attachsim {

enum class CaregiverRole : std::uint8_t { None, Primary, Secondary, Daycare, Institution };
inline constexpr int kRoleCount = 5;

// The parent's state of mind regarding attachment, as the Adult Attachment Interview codes it.
enum class StateOfMind : std::uint8_t { Autonomous, Dismissing, Preoccupied, Unresolved };

std::string_view role_name(CaregiverRole role);
std::string_view state_of_mind_name(StateOfMind som);

// Slots per infant: a home primary (or institutional staff), a secondary, and day care.
inline constexpr int kCaregiverSlots = 3;
inline constexpr int kPrimarySlot = 0;
inline constexpr int kSecondarySlot = 1;
inline constexpr int kDaycareSlot = 2;

// One caregiver. Traits are per-caregiver constants that commands may change;
// stress and depression evolve daily. 52 bytes.
struct Caregiver {
  float sensitivity = 0;       // probability of a prompt, appropriate response (0-1)
  float consistency = 1;       // day-to-day stability of responsiveness (0-1)
  float rejection = 0;         // share of responses that rebuff closeness (0-1)
  float frightening = 0;       // share of responses that frighten (0-0.5)
  float presence = 0;          // share of the infant's waking day present (0-1)
  float load = 1;              // children cared for at once (>= 1)
  float risk = 0;              // cumulative socio-economic risk factors (0-10)
  float depression_onset = 0;  // chance per day of a new depressive episode
  float stress = 0;            // current stress (0-1)
  float disrupted_left = 1;  // share of disrupted affective communication left after training (0-1)
  std::uint16_t depressed_days = 0;  // days left in the current depressive episode; 0 = none
  std::uint16_t active_from_day = 0; // first day of care (day care entry)
  std::uint16_t away_days = 0;       // days left of a planned separation (travel, hospital)
  std::uint8_t sessions_left = 0;    // intervention sessions still to come
  std::uint8_t days_to_session = 0;  // days until the next session
  std::uint8_t sessions_done = 0;    // intervention sessions received so far (saturates at 255)
  CaregiverRole role = CaregiverRole::None;
  StateOfMind state_of_mind = StateOfMind::Autonomous;
  std::uint8_t generation = 0;       // caregivers this slot had before this one (placements; saturates)

  bool present_in_life() const { return role != CaregiverRole::None; }
  // In the infant's life on `day`: not lost, and already started (day care entry).
  bool in_life_on(std::uint32_t day) const { return present_in_life() && day >= active_from_day; }
  bool depressed() const { return depressed_days > 0; }
};

}  // namespace attachsim
