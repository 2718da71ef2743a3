// Parsing of the command line's `--set name=value` overrides, checked against the parameter table.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attachsim/parameters.hpp"

namespace attachsim::scenario {

// One `name=value`: a known parameter and a number inside its range (whole where
// the row is integer). Throws ParameterError: "--set name: what is wrong; allowed: ...".
std::pair<Param, double> parse_set(std::string_view assignment);
// Every `--set` in order (a later one of the same parameter wins when applied).
std::vector<std::pair<Param, double>> parse_sets(const std::vector<std::string>& assignments);

}  // namespace attachsim::scenario
