// Validation and description of commands.
#include "attachsim/command.hpp"

#include <sstream>

namespace attachsim {

namespace {

void check_slot(int slot) {
  if (slot < 0 || slot >= kCaregiverSlots)
    throw ParameterError("slot: " + std::to_string(slot) +
                         " is not a caregiver slot; allowed: 0 (primary), 1 (secondary), 2 (day care)");
}

std::string selection_text(const Selection& s) {
  switch (s.kind) {
    case Selection::Kind::All: return "all dyads";
    case Selection::Kind::Dyads: return std::to_string(s.dyads.size()) + " selected dyads";
    case Selection::Kind::Share: {
      std::ostringstream out;
      out << s.share * 100 << "% of dyads";
      return out.str();
    }
  }
  return "";
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

void validate(const Command& command, std::uint32_t dyad_count) {
  const Selection& s = command.selection;
  if (command.key != kKeyFromLog && command.key >= 0x80000000u)
    throw ParameterError("command key: " + std::to_string(command.key) +
                         " is out of range; allowed: below 2^31");
  if (s.kind == Selection::Kind::Share && !(s.share >= 0 && s.share <= 1))
    throw ParameterError("selection share: " + std::to_string(s.share) +
                         " is out of range; allowed: from 0 to 1");
  if (s.kind == Selection::Kind::Dyads)
    for (std::uint32_t id : s.dyads)
      if (id >= dyad_count)
        throw ParameterError("selection: dyad " + std::to_string(id) +
                             " does not exist; allowed: 0 to " + std::to_string(dyad_count - 1));
  std::visit(Overloaded{
                 [](const SetParameter& a) {
                   if (auto problem = check_value(a.parameter, a.value))
                     throw ParameterError(std::string(info(a.parameter).name) + ": " + *problem);
                 },
                 [](const ReplaceCaregiver& a) {
                   check_slot(a.slot);
                   if (a.role == CaregiverRole::None)
                     throw ParameterError(
                         "role: none is not a caregiver; allowed: primary, secondary, daycare, "
                         "institution");
                 },
                 [](const RemoveCaregiver& a) { check_slot(a.slot); },
                 [](const StartIntervention& a) {
                   check_slot(a.slot);
                   if (a.sessions < 1 || a.sessions > kMaxInterventionSessions)
                     throw ParameterError("sessions: " + std::to_string(a.sessions) +
                                          " is out of range; allowed: 1 to " +
                                          std::to_string(kMaxInterventionSessions));
                 },
                 [](const EndIntervention& a) { check_slot(a.slot); },
                 [](const SetDepression& a) { check_slot(a.slot); },
                 [](const Separation& a) {
                   check_slot(a.slot);
                   if (a.days < 1 || a.days > kMaxSeparationDays)
                     throw ParameterError("days: " + std::to_string(a.days) +
                                          " is out of range; allowed: 1 to " +
                                          std::to_string(kMaxSeparationDays));
                 },
             },
             command.action);
}

std::string describe(const Command& command) {
  std::ostringstream out;
  std::visit(Overloaded{
                 [&](const SetParameter& a) {
                   out << "set " << info(a.parameter).name << " = " << a.value;
                 },
                 [&](const ReplaceCaregiver& a) {
                   out << "new " << role_name(a.role) << " caregiver in slot " << a.slot;
                 },
                 [&](const RemoveCaregiver& a) { out << "loss of the caregiver in slot " << a.slot; },
                 [&](const StartIntervention& a) {
                   out << "sensitivity intervention, " << a.sessions << " sessions, slot " << a.slot;
                 },
                 [&](const EndIntervention& a) { out << "end of intervention, slot " << a.slot; },
                 [&](const SetDepression& a) {
                   out << (a.depressed ? "onset" : "remission") << " of depression, slot "
                       << a.slot;
                 },
                 [&](const Separation& a) {
                   out << "separation of " << a.days << " days from the caregiver in slot "
                       << a.slot;
                 },
             },
             command.action);
  out << " for " << selection_text(command.selection);
  return out.str();
}

}  // namespace attachsim
