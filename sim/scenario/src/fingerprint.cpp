// Fingerprint: hash and the first differing field, for --resume and merge messages.
#include "attachsim/scenario/fingerprint.hpp"

#include "attachsim/scenario/experiment.hpp"

namespace attachsim::scenario {

std::string Fingerprint::hash() const {
  std::string text;
  for (const auto& [name, value] : fields) text += name + "=" + value + "\n";
  return sha256_hex(text);
}

std::optional<std::string> Fingerprint::difference(const Fingerprint& recorded,
                                                   const std::string& where) const {
  const auto shown = [](const std::string& v) {
    if (v.size() > 40) return v.substr(0, 16) + "...";  // hashes and long override lists
    return v.empty() ? std::string("(none)") : v;
  };
  for (const auto& [name, value] : fields) {
    const std::string* theirs = nullptr;
    for (const auto& [n, v] : recorded.fields)
      if (n == name) theirs = &v;
    if (!theirs)
      return name + ": not recorded in " + where + " (written by another version of attachsim)";
    if (*theirs != value)
      return name + ": " + shown(*theirs) + " in " + where + ", " + shown(value) + " here";
  }
  if (recorded.fields.size() != fields.size())
    return "fields: " + where + " records others than this version of attachsim does";
  return std::nullopt;
}

}  // namespace attachsim::scenario
