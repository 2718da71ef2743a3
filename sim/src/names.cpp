// Display names of the model's enumerations, used by output and the viewer.
#include "attachsim/caregiver.hpp"
#include "attachsim/development.hpp"
#include "attachsim/episode.hpp"
#include "attachsim/infant.hpp"

namespace attachsim {

std::string_view role_name(CaregiverRole role) {
  switch (role) {
    case CaregiverRole::Primary: return "primary";
    case CaregiverRole::Secondary: return "secondary";
    case CaregiverRole::Daycare: return "daycare";
    case CaregiverRole::Institution: return "institution";
    case CaregiverRole::None: break;
  }
  return "none";
}

std::string_view state_of_mind_name(StateOfMind som) {
  switch (som) {
    case StateOfMind::Dismissing: return "dismissing";
    case StateOfMind::Preoccupied: return "preoccupied";
    case StateOfMind::Unresolved: return "unresolved";
    case StateOfMind::Autonomous: break;
  }
  return "autonomous";
}

const char* strategy_name(Strategy s) {
  switch (s) {
    case Strategy::Open: return "open";
    case Strategy::Minimising: return "minimising";
    case Strategy::Maximising: return "maximising";
    case Strategy::Conflict: return "conflict";
    case Strategy::None: break;
  }
  return "none";
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::PreAttachment: return "pre-attachment";
    case Phase::InTheMaking: return "attachment in the making";
    case Phase::ClearCut: return "clear-cut attachment";
    case Phase::GoalCorrected: break;
  }
  return "goal-corrected partnership";
}

const char* response_name(Response r) {
  switch (r) {
    case Response::PromptComfort: return "prompt comfort";
    case Response::LateComfort: return "late comfort";
    case Response::Rebuff: return "rebuff";
    case Response::Fright: return "fright";
    case Response::Misread: return "misread";
    case Response::None: break;
  }
  return "no response";
}

}  // namespace attachsim
