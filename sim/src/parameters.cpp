// The parameter table's rows, lookup by name, and range checks where values enter the engine.
#include "attachsim/parameters.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

namespace attachsim {

namespace {

constexpr std::array<ParameterInfo, kParameterCount> kTable = {{
#define X(id, name, unit, lo, hi, def, help) ParameterInfo{name, unit, lo, hi, def, help},
#define ATTACHSIM_ROLE_TRAITS(...) ATTACHSIM_ROLE_ROWS(X, __VA_ARGS__)
#include "attachsim/parameter_list.inc"
#undef ATTACHSIM_ROLE_TRAITS
#undef X
}};

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

const std::array<ParameterInfo, kParameterCount>& parameter_table() { return kTable; }

const ParameterInfo& info(Param p) { return kTable[static_cast<std::size_t>(p)]; }

std::optional<Param> find_parameter(std::string_view name) {
  for (std::size_t i = 0; i < kParameterCount; ++i)
    if (kTable[i].name == name) return static_cast<Param>(i);
  return std::nullopt;
}

std::string nearest_parameter_name(std::string_view name) {
  std::string_view best;
  std::size_t best_distance = static_cast<std::size_t>(-1);
  for (const auto& row : kTable) {
    const std::size_t d = edit_distance(name, row.name);
    if (d < best_distance) {
      best_distance = d;
      best = row.name;
    }
  }
  return std::string(best);
}

std::optional<std::string> check_value(Param p, double value) {
  const ParameterInfo& row = info(p);
  // Units like "0-1" would only repeat the range; others ("months", "h/day") say what it counts.
  const bool unit_adds = row.unit != "0-1" && row.unit != "x" && row.unit != "0/1";
  std::string allowed = "allowed: ";
  if (row.integer()) allowed += "a whole number ";
  allowed += "from ";
  allowed += format_number(row.min);
  allowed += " to ";
  allowed += format_number(row.max);
  if (unit_adds) {
    allowed += ' ';
    allowed += row.unit;
  }
  if (!std::isfinite(value)) return "not a finite number; " + allowed;
  if (value < row.min || value > row.max)
    return format_number(value) + " is out of range; " + allowed;
  if (row.integer() && value != std::floor(value))
    return format_number(value) + " is not a whole number; " + allowed;
  return std::nullopt;
}

Parameters::Parameters() {
  for (std::size_t i = 0; i < kParameterCount; ++i) values_[i] = kTable[i].default_value;
}

void Parameters::set(Param p, double value) {
  if (auto problem = check_value(p, value))
    throw ParameterError(std::string(info(p).name) + ": " + *problem);
  values_[static_cast<std::size_t>(p)] = value;
}

void Parameters::set(std::string_view name, double value) {
  const auto p = find_parameter(name);
  if (!p)
    throw ParameterError(std::string(name) + ": unknown parameter; did you mean " +
                         nearest_parameter_name(name) + "?");
  set(*p, value);
}

void Parameters::validate() const {
  const Param roles[][3] = {
      {Param::primary_dismissing, Param::primary_preoccupied, Param::primary_unresolved},
      {Param::secondary_dismissing, Param::secondary_preoccupied, Param::secondary_unresolved},
      {Param::daycare_dismissing, Param::daycare_preoccupied, Param::daycare_unresolved},
      {Param::institution_dismissing, Param::institution_preoccupied,
       Param::institution_unresolved},
  };
  for (const auto& shares : roles) {
    const double sum = get(shares[0]) + get(shares[1]) + get(shares[2]);
    if (sum > 1.0 + 1e-9) {
      const std::string_view role = info(shares[0]).group();
      throw ParameterError(std::string(role) + ".dismissing + " + std::string(role) +
                           ".preoccupied + " + std::string(role) + ".unresolved: shares sum to " +
                           format_number(sum) +
                           "; allowed: at most 1 (the rest are autonomous)");
    }
  }
}

}  // namespace attachsim
