// Capturing the per-dyad display values from the engine's read-only snapshot.
#include "attachsim/viz/dyad_cells.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>

#include "attachsim/dyad.hpp"
#include "attachsim/strange_situation.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim::viz {

GridLayout grid_layout(std::uint32_t dyads) {
  if (dyads == 0) return {1, 1};
  const auto width = static_cast<std::uint32_t>(std::ceil(std::sqrt(static_cast<double>(dyads))));
  return {width, (dyads + width - 1) / width};
}

const char* measure_name(Measure m) {
  switch (m) {
    case Measure::Strategy:
      return "Provisional strategy";
    case Measure::Class:
      return "Provisional class (primary)";
    case Measure::SecurityExpectation:
      return "Security expectation";
    case Measure::InfantStress:
      return "Infant stress (slow arousal)";
    case Measure::CaregiverSensitivity:
      return "Caregiver sensitivity";
    case Measure::CaregiverStress:
      return "Caregiver stress";
  }
  return "?";
}

bool categorical(Measure m) {
  return m == Measure::Strategy || m == Measure::Class;
}

float DyadCells::value(Measure m, std::uint32_t id) const {
  switch (m) {
    case Measure::Strategy:
      return static_cast<float>(strategy[id]);
    case Measure::Class:
      return static_cast<float>(provisional[id]);
    default:
      return values(m)[id];
  }
}

std::span<const float> DyadCells::values(Measure m) const {
  switch (m) {
    case Measure::SecurityExpectation:
      return security;
    case Measure::InfantStress:
      return infant_stress;
    case Measure::CaregiverSensitivity:
      return sensitivity;
    case Measure::CaregiverStress:
      return caregiver_stress;
    default:
      return {};
  }
}

DyadCells capture_cells(const Simulation& sim) {
  DyadCells cells;
  cells.day = sim.day();
  cells.count = sim.dyad_count();
  cells.layout = grid_layout(cells.count);
  cells.community = cells.count > 0 && sim.constants_of(0).community;
  cells.strategy.resize(cells.count);
  cells.provisional.resize(cells.count);
  cells.security.resize(cells.count);
  cells.infant_stress.resize(cells.count);
  cells.sensitivity.resize(cells.count);
  cells.caregiver_stress.resize(cells.count);
  cells.subgroup.resize(cells.count);
  for (const Subgroup& g : sim.population().groups) cells.subgroup_names.push_back(g.name);
  const auto dyads = sim.dyads();
  const std::uint32_t day = sim.day();
  constexpr float kNone = std::numeric_limits<float>::quiet_NaN();
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, cells.count, 1024),
                    [&](const tbb::blocked_range<std::uint32_t>& range) {
                      for (std::uint32_t id = range.begin(); id != range.end(); ++id) {
                        const DyadState& d = dyads[id];
                        const Caregiver& first = d.caregivers[kPrimarySlot];
                        cells.strategy[id] = d.infant.strategy;
                        cells.provisional[id] =
                            provisional_class(d, kPrimarySlot, sim.constants_of(id));
                        cells.security[id] = security_expectation(principal_model(d, day));
                        cells.infant_stress[id] = d.infant.slow_arousal;
                        cells.subgroup[id] = d.infant.group;
                        const bool present = first.present_in_life();
                        cells.sensitivity[id] = present ? first.sensitivity : kNone;
                        cells.caregiver_stress[id] = present ? first.stress : kNone;
                      }
                    });
  return cells;
}

}  // namespace attachsim::viz
