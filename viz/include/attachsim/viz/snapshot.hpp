// What the viewer draws from: an immutable picture of the session, published by the simulation
// thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attachsim/aggregates.hpp"
#include "attachsim/dyad.hpp"
#include "attachsim/episode.hpp"
#include "attachsim/model_constants.hpp"
#include "attachsim/parameters.hpp"
#include "attachsim/strange_situation.hpp"
#include "attachsim/viz/assessment_summary.hpp"
#include "attachsim/viz/chart_data.hpp"
#include "attachsim/viz/dyad_cells.hpp"
#include "attachsim/viz/population_history.hpp"

namespace attachsim::viz {

// The result of one population assessment, as a chart marker.
struct AssessmentPoint {
  std::uint32_t day = 0;
  float a3 = 0, b3 = 0, c3 = 0;  // forced 3-way shares of the classifiable
  float d4 = 0;                  // 4-way D share of the classifiable
};

// One simulated population as the charts see it.
struct ArmView {
  std::shared_ptr<const DyadCells> cells;
  Aggregates aggregates;
  std::shared_ptr<const std::vector<DaySample>> series;  // one per simulated day, from day 0
  std::shared_ptr<const AssessmentSummary> assessment;   // the last one, or null
  std::vector<AssessmentPoint> assessments;              // every one so far
  Histogram security, infant_stress, sensitivity;
  Scatter sensitivity_security;  // slot-0 sensitivity x security expectation, attached infants
};

// The selected dyad in detail (copied, so the inspector never touches the engine).
struct InspectedDyad {
  std::uint32_t id = 0;
  DyadState state;
  std::shared_ptr<const ModelConstants> constants;
  std::vector<Episode> episodes;  // the last days' episodes regenerated from the seed, oldest first
  std::uint32_t regenerable_from = 0;  // earliest day whose episodes could be regenerated
  std::vector<HistoryPoint> history;   // working model and stress over age
  std::vector<std::uint32_t> neighbours;
  std::optional<DyadState> what_if;  // the same dyad in the what-if arm
};

// A Strange Situation run on request for the inspector, with its trace.
struct StrangeSituationRun {
  std::uint64_t serial = 0;
  std::uint32_t dyad = 0;
  std::uint32_t day = 0;
  int slot = 0;
  SspResult result;
};

// The paired what-if: the same dyads and random draws with one parameter changed.
struct CompareSpec {
  Param parameter = Param::primary_sensitivity;
  double value = 0;
  bool from_birth = false;     // restart both arms from birth (else fork now)
  bool variant = false;        // the scenario's own [variant] instead of one parameter
  std::uint32_t from_day = 0;  // day the arms parted
};

struct Snapshot {
  std::uint64_t serial = 0;
  std::uint32_t day = 0;
  std::uint32_t end_day = 0;
  std::uint32_t dyads = 0;
  std::uint64_t seed = 0;
  bool playing = false;
  bool working = false;  // stepping toward a target or a request still pending
  double speed = 0;      // requested days per second; 0 = as fast as possible
  double measured_days_per_second = 0;
  double step_ms = 0;     // wall time of one simulated day (both arms), moving average
  double publish_ms = 0;  // wall time of building one snapshot, moving average
  int threads = 0;        // threads the engine steps with
  std::string source_name, source_origin, lesson;
  std::string source_summary;  // the scenario's one-line [meta] summary
  std::string variant_name;    // the scenario's paired variant, "" when it has none
  bool scenario = false;       // the source is a scenario file (its runner applies its events)
  ReferenceSet references = ReferenceSet::LowRisk;
  std::vector<std::uint32_t> assessment_days;
  Parameters parameters;  // in force for subgroup 0 (what the sliders show)
  ArmView main;
  std::optional<ArmView> what_if;
  std::optional<CompareSpec> compare;
  std::optional<InspectedDyad> inspected;
  std::shared_ptr<const StrangeSituationRun> strange_situation;
  std::vector<std::string> log;  // commands applied and notices, oldest first (the last 40)
  std::string error;             // the last error, with what is allowed
  std::uint64_t error_serial = 0;
};

}  // namespace attachsim::viz
