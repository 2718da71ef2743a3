// From a scenario to concrete runs: sweep points, per-run seeds, the paired variant, the engine's population.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attachsim/command.hpp"
#include "attachsim/population.hpp"
#include "attachsim/scenario/scenario.hpp"

namespace attachsim::scenario {

// One point of a sweep: a value per axis (none without a sweep).
struct Point {
  std::uint32_t id = 0;
  std::vector<double> values;
};

// The sweep's points in order: a grid with the first axis varying slowest, or
// a Latin hypercube drawn from the master seed. One empty point without axes.
std::vector<Point> sweep_points(const Scenario& s);
// The master seed of the sweep ([sweep] seed, else [run] seed).
std::uint64_t master_seed(const Scenario& s);
// A run's seed from (master seed, point, replicate), or (master seed,
// replicate) with common random numbers (SplitMix64 mixing).
std::uint64_t run_seed(const Scenario& s, std::uint32_t point, std::uint32_t replicate);

// The scenario with a sweep point applied: parameter axes as overrides on
// every subgroup, event fields replaced in the events (and variant events) with that id.
Scenario at_point(const Scenario& s, const Point& p);
// The paired variant: its parameters as overrides, its events merged in (by id).
Scenario variant_of(const Scenario& s);
// Adds `--set` values as overrides (before any axis or variant).
void add_overrides(Scenario& s, const std::vector<std::pair<Param, double>>& values,
                   const std::string& origin);

// The engine's population: every subgroup with its settings and the
// overrides, distributions expanded into strata (each a subgroup of the engine).
struct BuiltPopulation {
  Population population;
  std::vector<std::uint16_t> subgroup_of;  // engine subgroup -> scenario subgroup index
  std::vector<std::string> names;          // scenario subgroup names
};
// Throws ScenarioError (with the place of the offending setting) when a
// combination is not allowed (e.g. state-of-mind shares above 1).
BuiltPopulation build_population(const Scenario& s);

// The population-wide parameter values for the runs table: [parameters] and
// the overrides, a distribution at its mean.
Parameters common_parameters(const Scenario& s);

// Checks that every event is within the run (after --months changed its length). Throws ScenarioError.
void check_within_run(const Scenario& s);

// What the engine is told to do when an event happens (none for an
// assessment): the one translation ScenarioRun and check_runnable share.
std::vector<Action> actions_of(const EventSpec& e);

// Checks everything that can only be checked on the built populations (every
// point, both arms) without running anything, including every event's
// commands by the engine's own validate(): what passes `attachsim check`
// runs. Throws ScenarioError.
void check_runnable(const Scenario& s);

}  // namespace attachsim::scenario
