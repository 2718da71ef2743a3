// The bundled scenarios: found by name (attachsim run institution) from any folder.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace attachsim::scenario {

// Where the bundled scenarios are: $ATTACHSIM_SCENARIOS if set, else
// ./scenarios when run from the project folder, else the source tree the
// program was built from.
std::filesystem::path bundled_scenario_dir();
// Their names (file names without .toml), sorted.
std::vector<std::string> bundled_scenario_names();
// A scenario argument as a path: an existing file as given, else a bundled
// scenario of that name ("institution" or "institution.toml"). Throws
// ScenarioError naming the argument, the nearest bundled name and the allowed ones.
std::string resolve_scenario(const std::string& given);
// The default output folder of a scenario argument: out/<its name> ("out/default" for none).
std::string default_out(const std::string& scenario_argument);

}  // namespace attachsim::scenario
