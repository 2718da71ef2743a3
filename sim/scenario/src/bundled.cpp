// Finding bundled scenarios by name, and the default output folder named after a scenario.
#include "attachsim/scenario/bundled.hpp"

#include <algorithm>
#include <cstdlib>

#include "attachsim/parameters.hpp"
#include "attachsim/scenario/scenario.hpp"

#ifndef ATTACHSIM_SCENARIO_DIR
#define ATTACHSIM_SCENARIO_DIR "scenarios"
#endif

namespace attachsim::scenario {

namespace fs = std::filesystem;

fs::path bundled_scenario_dir() {
  if (const char* env = std::getenv("ATTACHSIM_SCENARIOS"); env && *env) return env;
  std::error_code error;
  if (fs::is_regular_file("scenarios/baseline.toml", error)) return fs::absolute("scenarios");
  return ATTACHSIM_SCENARIO_DIR;
}

std::vector<std::string> bundled_scenario_names() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(bundled_scenario_dir(), error))
    if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string resolve_scenario(const std::string& given) {
  std::error_code error;
  if (given.empty() || fs::exists(given, error)) return given;
  const bool plain = given.find('/') == std::string::npos;
  const std::string name = given.size() > 5 && given.compare(given.size() - 5, 5, ".toml") == 0
                               ? given.substr(0, given.size() - 5)
                               : given;
  if (plain) {
    const fs::path bundled = bundled_scenario_dir() / (name + ".toml");
    if (fs::is_regular_file(bundled, error)) return bundled.string();
  }
  const std::vector<std::string> names = bundled_scenario_names();
  std::string nearest, allowed;
  std::size_t best = std::string::npos;
  for (const std::string& n : names) {
    allowed += (allowed.empty() ? "" : ", ") + n;
    if (const std::size_t d = edit_distance(fs::path(name).filename().string(), n); d < best)
      best = d, nearest = n;
  }
  throw ScenarioError(
      given + ": no such scenario file" + (plain ? " or bundled scenario" : std::string()) +
      (best <= 3 ? "; did you mean '" + nearest + "'? allowed: " : std::string("; allowed: ")) +
      "a scenario file, or a bundled scenario by name: " + allowed);
}

std::string default_out(const std::string& scenario_argument) {
  if (scenario_argument.empty()) return "out/default";
  return (fs::path("out") / fs::path(scenario_argument).stem()).string();
}

}  // namespace attachsim::scenario
