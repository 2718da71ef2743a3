// Parsing of the command line's `--set name=value` overrides (shared by run, sweep, validate and
// the fuzz tests).
#include "attachsim/scenario/set_option.hpp"

#include <exception>

namespace attachsim::scenario {

std::pair<Param, double> parse_set(std::string_view assignment) {
  const std::string s(assignment);
  const auto eq = s.find('=');
  if (eq == std::string::npos)
    throw ParameterError("--set " + s +
                         ": expected key=value; allowed: e.g. --set primary.sensitivity=0.7");
  const std::string key = s.substr(0, eq), text = s.substr(eq + 1);
  const auto p = find_parameter(key);
  if (!p)
    throw ParameterError("--set " + key + ": unknown parameter; did you mean '" +
                         nearest_parameter_name(key) +
                         "'? allowed: the names listed by `attachsim describe`");
  double value = 0;
  std::size_t used = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty())
    throw ParameterError("--set " + key + ": '" + text + "' is not a number; allowed: a number");
  if (auto problem = check_value(*p, value)) throw ParameterError("--set " + key + ": " + *problem);
  return {*p, value};
}

std::vector<std::pair<Param, double>> parse_sets(const std::vector<std::string>& assignments) {
  std::vector<std::pair<Param, double>> out;
  out.reserve(assignments.size());
  for (const std::string& s : assignments) out.push_back(parse_set(s));
  return out;
}

}  // namespace attachsim::scenario
