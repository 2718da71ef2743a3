// Parsing of the command line's `--set name=value` overrides (shared by run, sweep, validate and
// the fuzz tests).
#include "attachsim/scenario/set_option.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

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
  // strtod, not stod: stod throws for a number too small to be normal (1e-320),
  // which is a number all the same (the range check below decides about it).
  const bool plain = !text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' ||
                                       text[0] == '+' || text[0] == '.');
  errno = 0;
  char* end = nullptr;
  const double value = plain ? std::strtod(text.c_str(), &end) : 0.0;
  if (errno == ERANGE && std::isinf(value))
    throw ParameterError("--set " + key + ": '" + text + "' is too large for a number; allowed: " +
                         "a number in the parameter's range (attachsim describe)");
  if (!plain || end != text.c_str() + text.size() || !std::isfinite(value))
    throw ParameterError("--set " + key + ": '" + text + "' is not a number; allowed: a number, e.g. 0.7 or 1e-3");
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
