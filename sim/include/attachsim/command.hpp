// Commands: every change from outside the engine, applied between steps (sliders, events, interventions).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "attachsim/caregiver.hpp"
#include "attachsim/parameters.hpp"

namespace attachsim {

// Which dyads a command applies to.
struct Selection {
  enum class Kind { All, Dyads, Share };
  Kind kind = Kind::All;
  std::vector<std::uint32_t> dyads;  // Kind::Dyads: ids, any order
  double share = 1.0;                // Kind::Share: each dyad selected with this chance (reproducible)

  static Selection all() { return {}; }
  static Selection of(std::vector<std::uint32_t> ids) { return {Kind::Dyads, std::move(ids), 1.0}; }
  static Selection random_share(double s) { return {Kind::Share, {}, s}; }
};

// Change a parameter. Trait means of a role also shift every existing
// caregiver of that role by the same amount, keeping individual differences.
struct SetParameter {
  Param parameter;
  double value;
};
// A new caregiver in a slot (foster placement, adoption, entry to day care): traits
// drawn from the role's distributions; the infant starts from a generalised model.
struct ReplaceCaregiver {
  int slot = kPrimarySlot;
  CaregiverRole role = CaregiverRole::Primary;
};
// The caregiver leaves the infant's life (loss); the bond fades.
struct RemoveCaregiver {
  int slot = kPrimarySlot;
};
// Start a sensitivity intervention: weekly (intervention.interval) sessions.
struct StartIntervention {
  int slot = kPrimarySlot;
  int sessions = 8;
};
struct EndIntervention {
  int slot = kPrimarySlot;
};
// A planned separation: the caregiver is away for `days` days (travel, a
// hospital stay), then returns. The infant meets its signals unanswered by them.
struct Separation {
  int slot = kPrimarySlot;
  int days = 7;
};
// Onset (an episode of depression.duration mean length) or remission of depression.
struct SetDepression {
  int slot = kPrimarySlot;
  bool depressed = true;
};
// Limits of the actions' fields: the scenario loader, sweeps and `check` use these same
// numbers, so that whatever passes `check` also runs.
inline constexpr int kMaxSeparationDays = 60000;  // the engine counts separation days in 16 bits
inline constexpr int kMaxInterventionSessions = 255;

using Action = std::variant<SetParameter, ReplaceCaregiver, RemoveCaregiver, StartIntervention,
                            EndIntervention, SetDepression, Separation>;

// A command's random numbers (which dyads a share selects, a new caregiver's
// traits) are keyed by (seed, dyad, day, key). By default the key is the
// command's position in the log; a caller that runs paired populations sets
// its own key so that the same event draws the same numbers in both, even
// when one of them has extra commands.
inline constexpr std::uint32_t kKeyFromLog = 0xFFFFFFFFu;

struct Command {
  Action action;
  Selection selection;
  std::uint32_t key = kKeyFromLog;  // < 2^31 when set
};

// Checks slots, roles and counts; throws ParameterError with what is allowed.
void validate(const Command& command, std::uint32_t dyad_count);

// A one-line description ("set primary.sensitivity = 0.8 for 30% of dyads").
std::string describe(const Command& command);

}  // namespace attachsim
