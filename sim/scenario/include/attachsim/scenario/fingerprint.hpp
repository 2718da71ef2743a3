// Everything that determines an output folder's content, as named fields: --resume and merge refuse
// any difference.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attachsim::scenario {

struct Fingerprint {
  // In a fixed order; each value as text. Fields: the program (version and
  // commit), mode, the effective scenario (its text with every base file, and
  // the --set overrides), population size, length, seed (a sweep's master
  // seed), common random numbers, points, replicates and arms.
  std::vector<std::pair<std::string, std::string>> fields;

  void add(std::string name, std::string value) {
    fields.emplace_back(std::move(name), std::move(value));
  }
  // SHA-256 of "name=value\n" for every field, in hex.
  std::string hash() const;
  // The first field whose value differs, as "seed: <this folder's> in <where>, <mine> here"
  // ready for a message; nothing when the two agree. A field one side lacks differs.
  std::optional<std::string> difference(const Fingerprint& recorded,
                                        const std::string& where) const;
};

}  // namespace attachsim::scenario
