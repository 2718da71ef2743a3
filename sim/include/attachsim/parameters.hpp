// The one parameter table (name, unit, range, default, help) and a validated set of values.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace attachsim {

// Every caregiver role has the same trait rows, expanded from one list so the
// roles can never drift apart. Arguments are the role's defaults.
#define ATTACHSIM_ROLE_ROWS(X, role, name, sens, sens_sd, cons, cons_sd, rej, rej_sd, fright,        \
                            fright_sd, hours, children, risk, risk_sd, dep, dep_onset, dis, pre, unr) \
  X(role##_sensitivity, name ".sensitivity", "0-1", 0, 1, sens,                                      \
    "Mean probability of a prompt, appropriate response to a signal (Ainsworth's sensitivity)")      \
  X(role##_sensitivity_sd, name ".sensitivity_sd", "0-1", 0, 0.5, sens_sd,                           \
    "Spread of sensitivity between caregivers")                                                     \
  X(role##_consistency, name ".consistency", "0-1", 0, 1, cons,                                      \
    "Mean stability of responsiveness from day to day; low = attuned some days, not others")        \
  X(role##_consistency_sd, name ".consistency_sd", "0-1", 0, 0.5, cons_sd,                           \
    "Spread of consistency between caregivers")                                                     \
  X(role##_rejection, name ".rejection", "0-1", 0, 1, rej,                                           \
    "Mean share of responses that rebuff the infant's bid for closeness (acceptance-rejection)")    \
  X(role##_rejection_sd, name ".rejection_sd", "0-1", 0, 0.5, rej_sd,                                \
    "Spread of rejection between caregivers")                                                       \
  X(role##_frightening, name ".frightening", "rate", 0, 0.5, fright,                                 \
    "Mean share of responses that are frightening or frightened (Main & Hesse 1990)")               \
  X(role##_frightening_sd, name ".frightening_sd", "rate", 0, 0.25, fright_sd,                       \
    "Spread of frightening behaviour between caregivers")                                           \
  X(role##_hours, name ".hours", "h/day", 0, 24, hours,                                              \
    "Hours per day the caregiver is with the infant while it is awake")                             \
  X(role##_children, name ".children", "children", 1, 30, children,                                  \
    "Children in this caregiver's care at the same time")                                          \
  X(role##_risk, name ".risk", "factors", 0, 10, risk,                                               \
    "Mean count of cumulative socio-economic risk factors (Sameroff 1987)")                        \
  X(role##_risk_sd, name ".risk_sd", "factors", 0, 5, risk_sd,                                       \
    "Spread of that count between caregivers")                                                      \
  X(role##_depression, name ".depression", "0-1", 0, 1, dep,                                         \
    "Share of caregivers in a depressive episode when the infant is born")                          \
  X(role##_depression_onset, name ".depression_onset", "1/year", 0, 5, dep_onset,                    \
    "Rate of new depressive episodes for an unstressed caregiver")                                  \
  X(role##_dismissing, name ".dismissing", "0-1", 0, 1, dis,                                         \
    "Share with a dismissing state of mind regarding attachment (AAI)")                             \
  X(role##_preoccupied, name ".preoccupied", "0-1", 0, 1, pre,                                       \
    "Share with a preoccupied state of mind regarding attachment (AAI)")                            \
  X(role##_unresolved, name ".unresolved", "0-1", 0, 1, unr,                                         \
    "Share with an unresolved state of mind regarding loss or trauma (AAI)")

// Identifies a row of the table.
enum class Param : std::size_t {
#define X(id, name, unit, lo, hi, def, help) id,
#define ATTACHSIM_ROLE_TRAITS(...) ATTACHSIM_ROLE_ROWS(X, __VA_ARGS__)
#include "attachsim/parameter_list.inc"
#undef ATTACHSIM_ROLE_TRAITS
#undef X
  count
};

inline constexpr std::size_t kParameterCount = static_cast<std::size_t>(Param::count);

// Every role's rows form one block in the order of ATTACHSIM_ROLE_ROWS; the
// offset of a row within its block is the same for every role.
inline constexpr std::size_t kRoleBlockSize =
    static_cast<std::size_t>(Param::secondary_sensitivity) -
    static_cast<std::size_t>(Param::primary_sensitivity);
constexpr std::size_t role_offset(Param primary_row) {
  return static_cast<std::size_t>(primary_row) - static_cast<std::size_t>(Param::primary_sensitivity);
}
static_assert(static_cast<std::size_t>(Param::daycare_sensitivity) -
                      static_cast<std::size_t>(Param::secondary_sensitivity) ==
                  kRoleBlockSize &&
              static_cast<std::size_t>(Param::institution_sensitivity) -
                      static_cast<std::size_t>(Param::daycare_sensitivity) ==
                  kRoleBlockSize,
              "role blocks must be contiguous and equally long");

// One row of the table.
struct ParameterInfo {
  std::string_view name;
  std::string_view unit;
  double min;
  double max;
  double default_value;
  std::string_view help;
  // Group for display: the part of the name before the dot ("primary", "infant", ...).
  std::string_view group() const { return name.substr(0, name.find('.')); }
  // True for rows whose values must be whole numbers.
  bool integer() const {
    return name == "community.layout" || name == "infant.episodes_per_day" ||
           name == "care.consistency_block" || name == "intervention.interval";
  }
};

// The whole table, in declaration order.
const std::array<ParameterInfo, kParameterCount>& parameter_table();
const ParameterInfo& info(Param p);
// Looks a parameter up by its dotted name.
std::optional<Param> find_parameter(std::string_view name);
// Levenshtein distance between two names, for "did you mean" messages.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The valid name closest to `name` (edit distance), for "did you mean" messages.
std::string nearest_parameter_name(std::string_view name);

// A bad value or name entering the engine. The message names the parameter and what is allowed.
class ParameterError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A complete, validated set of values, one per row.
class Parameters {
 public:
  // The calibrated defaults.
  Parameters();

  double operator[](Param p) const { return values_[static_cast<std::size_t>(p)]; }
  double get(Param p) const { return (*this)[p]; }

  // Sets one value after checking it is finite and inside its range (and whole
  // where the row is integer). Throws ParameterError naming the parameter and range.
  void set(Param p, double value);
  // Same, by name; an unknown name throws with the nearest valid name.
  void set(std::string_view name, double value);

  // Checks relations between rows (state-of-mind shares of a role sum to at most 1).
  void validate() const;

  bool operator==(const Parameters&) const = default;

 private:
  std::array<double, kParameterCount> values_{};
};

// Checks one value against a row; returns an explanation when it is not allowed.
std::optional<std::string> check_value(Param p, double value);

}  // namespace attachsim
