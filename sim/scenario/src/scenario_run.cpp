// Runs a concrete scenario: builds the population, turns timeline events into engine commands, assesses.
#include "attachsim/scenario/scenario_run.hpp"

#include <algorithm>

#include "attachsim/random.hpp"
#include "attachsim/scenario/plan.hpp"

namespace attachsim::scenario {

ScenarioRun::ScenarioRun(const Scenario& scenario, std::uint64_t seed, std::uint32_t history_days)
    : scenario_(scenario), timeline_(scenario.timeline()), built_(build_population(scenario)), seed_(seed) {
  SimulationConfig config;
  config.seed = seed;
  config.dyads = scenario.run.dyads;
  config.history_days = history_days;
  simulation_ = std::make_unique<Simulation>(built_.population, config);
  last_class_.assign(scenario.run.dyads, kNotAssessed);
  class_by_slot_.resize(kCaregiverSlots);
}

std::uint16_t ScenarioRun::subgroup(std::uint32_t dyad) const {
  return built_.subgroup_of.at(simulation_->dyad(dyad).infant.group);
}

void ScenarioRun::step() {
  if (finished()) return;
  run_events_due();
  simulation_->step();
}

void ScenarioRun::finish() {
  if (finished_ || !finished()) return;
  run_events_due();
  finished_ = true;
  const std::vector<Measure> end = end_measures(simulation_->aggregates());
  measures_.insert(measures_.end(), end.begin(), end.end());
}

void ScenarioRun::run_events_due() {
  const std::uint32_t today = simulation_->day();
  if (events_done_for_ == today) return;
  events_done_for_ = today;
  // Assessments see the dyads as they are at the start of the day, before
  // the day's other events (which take effect as the day is simulated).
  for (const EventSpec& e : timeline_)
    if (e.kind == EventKind::Assessment && std::binary_search(e.days.begin(), e.days.end(), today)) assess(e);
  for (const EventSpec& e : timeline_) {
    if (e.kind == EventKind::Assessment) continue;
    const auto at = std::lower_bound(e.days.begin(), e.days.end(), today);
    if (at != e.days.end() && *at == today) apply(e, static_cast<std::size_t>(at - e.days.begin()));
  }
}

void ScenarioRun::assess(const EventSpec& e) {
  const std::vector<AssessmentRecord> records = assess_population(*simulation_, e.slot);
  std::vector<std::uint16_t> groups;
  groups.reserve(records.size());
  for (const AssessmentRecord& r : records) groups.push_back(subgroup(r.dyad));
  const std::vector<Measure> found =
      assessment_measures(records, groups, built_.names, class_by_slot_[static_cast<std::size_t>(e.slot)]);
  measures_.insert(measures_.end(), found.begin(), found.end());
  std::vector<std::uint8_t>& by_slot = class_by_slot_[static_cast<std::size_t>(e.slot)];
  by_slot.assign(scenario_.run.dyads, kNotAssessed);
  std::fill(last_class_.begin(), last_class_.end(), kNotAssessed);
  for (const AssessmentRecord& r : records) {
    const auto c = static_cast<std::uint8_t>(r.classification.class4);
    by_slot[r.dyad] = c;
    last_class_[r.dyad] = c;
  }
  if (on_assessment) on_assessment(AssessmentResult{simulation_->day(), e.slot, records, found});
}

Selection ScenarioRun::select(const EventSpec& e, std::uint32_t key) const {
  const Target& t = e.target;
  if (t.everyone()) return Selection::all();
  // A share alone is the engine's own selection, except for a parameter
  // change, which may be several commands that must select the same dyads.
  if (t.subgroups.empty() && t.last_class.empty() && !t.sensitivity_below && e.kind != EventKind::Set)
    return Selection::random_share(t.share);
  // The subgroups the event reaches (all of them when none are named).
  std::vector<char> reached(built_.names.size(), t.subgroups.empty() ? 1 : 0);
  for (const std::string& name : t.subgroups)
    reached[static_cast<std::size_t>(std::find(built_.names.begin(), built_.names.end(), name) -
                                     built_.names.begin())] = 1;
  std::vector<std::uint32_t> ids;
  const std::uint32_t today = simulation_->day();
  for (std::uint32_t id = 0; id < simulation_->dyad_count(); ++id) {
    if (!reached[subgroup(id)]) continue;
    if (!t.last_class.empty() &&
        std::find(t.last_class.begin(), t.last_class.end(), static_cast<Class4>(last_class_[id])) ==
            t.last_class.end())
      continue;
    if (t.sensitivity_below) {
      const Caregiver& c = simulation_->dyad(id).caregivers[static_cast<std::size_t>(e.slot)];
      if (!c.present_in_life() || !(c.sensitivity < *t.sensitivity_below)) continue;
    }
    // The same draw the engine makes for a share selection with this key.
    if (t.share < 1) {
      RandomStream r(seed_, id, today, Stream::Command, 2 * key);
      if (!(r.uniform() < t.share)) continue;
    }
    ids.push_back(id);
  }
  return Selection::of(std::move(ids));
}

void ScenarioRun::apply(const EventSpec& e, std::size_t age_index) {
  // One key per (event, age): the same event draws the same numbers in both arms of a pair.
  const auto key = static_cast<std::uint32_t>((e.serial * 64u + std::min<std::size_t>(age_index, 63)) & 0x7FFFFFFFu);
  const Selection who = select(e, key);
  const auto send = [&](Action action) { simulation_->command(Command{std::move(action), who, key}); };
  for (Action& action : actions_of(e)) send(std::move(action));
}

}  // namespace attachsim::scenario
