// A scenario as loaded from its file: who the dyads are, what happens when, sweeps and a paired variant.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "attachsim/caregiver.hpp"
#include "attachsim/classification.hpp"
#include "attachsim/parameters.hpp"
#include "attachsim/scenario/distribution.hpp"

namespace attachsim::scenario {

// Where a value came from, for messages ("file:line:column").
struct SourcePlace {
  std::string file;
  int line = 0;
  int column = 0;
  std::string text() const;  // "file:line:column" (or just "file" without a line)
};

// Bad scenario input. what() is the whole one-line message:
// "file:line:column: key: what is wrong; allowed: ...".
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(const SourcePlace& where, const std::string& key, const std::string& problem);
  explicit ScenarioError(const std::string& message) : std::runtime_error(message) {}
};

// One parameter given a value (or a distribution) somewhere in the file.
struct ParameterSetting {
  Param parameter{};
  Distribution value;
  SourcePlace where;
};
// Settings in the order they apply; a later setting of a parameter wins.
using Settings = std::vector<ParameterSetting>;

struct SubgroupSpec {
  std::string name = "all";
  double share = 1.0;
  Settings parameters;  // on top of the scenario's [parameters]
};

enum class EventKind {
  Assessment,
  Intervention,
  Placement,
  DaycareEntry,
  Loss,
  Separation,
  DepressionOnset,
  DepressionRemission,
  Set
};
const char* event_kind_name(EventKind kind);

// Who an event happens to; the conditions combine with "and".
struct Target {
  double share = 1.0;
  std::vector<std::string> subgroups;  // empty: any subgroup; else one of these
  std::vector<Class4> last_class;  // empty: any class (no condition)
  std::optional<double> sensitivity_below;
  bool everyone() const {
    return share >= 1.0 && subgroups.empty() && last_class.empty() && !sensitivity_below;
  }
};

struct EventSpec {
  std::string id;  // optional; names the event for sweep axes and for replacing it in an extension
  EventKind kind = EventKind::Assessment;
  std::vector<std::uint32_t> days;  // ages (days) it happens at, ascending
  int slot = kPrimarySlot;          // the caregiver it concerns
  CaregiverRole role = CaregiverRole::Primary;  // placement: the new caregiver's role
  int sessions = 8;                             // intervention
  int separation_days = 7;                      // separation
  Target target;
  std::vector<std::pair<Param, double>> set;    // kind Set
  SourcePlace where;
  // Keys the event's random numbers (who a share selects, a new caregiver's
  // traits): the same event draws the same numbers in a paired variant.
  std::uint32_t serial = 0;
};

// A sweep axis: a parameter or a field of an event with an id.
struct Axis {
  std::string name;                 // as written: "primary.sensitivity", "event.help.age_months"
  std::optional<Param> parameter;   // a parameter axis
  std::string event_id, field;      // an event-field axis
  std::vector<double> values;       // grid values (list, or a range's steps)
  double from = 0, to = 0;          // a range's ends
  bool range = false;
  SourcePlace where;
};

struct SweepSpec {
  bool present = false;
  std::uint32_t replicates = 1;
  std::optional<std::uint64_t> seed;  // master seed; default the run's seed
  bool latin_hypercube = false;
  std::uint32_t samples = 10;
  bool common_random_numbers = false;
  std::vector<Axis> axes;
};

struct VariantSpec {
  bool present = false;
  std::string name = "variant";
  Settings parameters;             // on top of every subgroup's
  std::vector<EventSpec> events;   // added to (or, by id, replacing) the timeline
};

struct OutputSpec {
  std::uint32_t record_every_days = 7;
  bool dyads = true;
};

struct Meta {
  std::string name;
  std::string summary;
  std::string lesson;
};

struct RunSettings {
  std::uint32_t dyads = 10000;
  std::string dyads_origin;  // where dyads was set, for messages: "file:line:column: run.dyads",
                             // "--dyads" or ""
  std::uint32_t days = 548;  // 18 months
  std::uint64_t seed = 1;
};

struct Scenario {
  std::string path;     // the file it was loaded from ("" for text)
  std::string text;     // its text, with every base file's text before it (for the manifest)
  Meta meta;
  RunSettings run;
  Settings parameters;
  std::vector<SubgroupSpec> subgroups{SubgroupSpec{}};
  // Applied to every subgroup after its own settings, in order: --set, the
  // sweep point's axes, the paired variant's parameters.
  Settings overrides;
  std::vector<EventSpec> events;  // in file order
  SweepSpec sweep;
  VariantSpec variant;
  OutputSpec output;

  // The events with an assessment among them: the scenario's own, or the
  // default (primary caregiver at 12 months, or at the end if shorter).
  std::vector<EventSpec> timeline() const;
};

// Largest scenario file read (each file of a chain of bases): scenarios are
// written by hand, and a bigger file is refused before it is read.
inline constexpr std::uintmax_t kMaxScenarioBytes = 1u << 20;

// Reads and checks a scenario file (and its bases). Throws ScenarioError.
Scenario load_scenario(const std::string& path);
// The same from text; `name` stands in for the file name in messages, and
// `base` paths are resolved against `directory`.
Scenario parse_scenario(const std::string& text, const std::string& name,
                        const std::string& directory = ".");

}  // namespace attachsim::scenario
