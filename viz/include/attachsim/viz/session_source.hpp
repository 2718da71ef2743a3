// Where a viewer session's population comes from: a built-in population now, a scenario file later.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "attachsim/caregiver.hpp"
#include "attachsim/command.hpp"
#include "attachsim/population.hpp"
#include "attachsim/scenario/scenario.hpp"
#include "attachsim/viz/chart_data.hpp"

namespace attachsim::viz {

// A command the session applies before simulating day `day` (scheduled events).
struct ScheduledCommand {
  std::uint32_t day = 0;
  Command command;
};

// Everything a session needs to start a run. Built-in populations fill it in
// code; a scenario loader fills it from a file (population, events,
// assessments and the lesson text of its [meta]).
struct SessionSource {
  std::string name;     // shown in the picker
  std::string origin;   // "built-in", or the file it was read from
  std::string summary;  // one line
  std::string lesson;   // the lesson panel's text for students
  Population population;
  std::uint32_t dyads = 10000;
  std::uint64_t seed = 1;
  std::uint32_t end_day = 548;  // the run pauses here (18 months)
  // Strange Situation assessments with `assessment_slot` at these days of life.
  std::vector<std::uint32_t> assessment_days{365};
  int assessment_slot = kPrimarySlot;
  std::vector<ScheduledCommand> schedule;  // sorted by day
  ReferenceSet references = ReferenceSet::LowRisk;
  // A scenario file: when set, the scenario library's runner builds the
  // population and applies the events and assessments (the fields population,
  // assessment_days and schedule above are then not used).
  std::shared_ptr<const scenario::Scenario> scenario;
  std::string variant_name;  // the scenario's [variant], "" when it has none
  // A sweep: the file as read (before a point is applied), each point's axis
  // values as text, and the point shown.
  std::shared_ptr<const scenario::Scenario> file;
  std::vector<std::string> sweep_points;
  std::size_t sweep_point = 0;
};

// Day of life at an age in months (rounded).
std::uint32_t day_at_months(double months);

// The populations the engine defines itself (calibration.hpp): the normative
// low-risk one (brief C1-C3) and the mixed-risk world (C4).
std::vector<SessionSource> builtin_sources();

// A scenario file as a session source (its first sweep point when it sweeps).
// Throws scenario::ScenarioError with "file:line:column: key: what; allowed".
SessionSource scenario_source(const std::filesystem::path& path);
// The same from a loaded scenario, at sweep point `point` (ignored without a sweep).
SessionSource scenario_source(const scenario::Scenario& s, std::size_t point = 0);
// The bundled scenario files in `dir` (*.toml), sorted by name.
std::vector<std::filesystem::path> bundled_scenarios(const std::filesystem::path& dir);

}  // namespace attachsim::viz
