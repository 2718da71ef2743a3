// One run of a concrete scenario: the engine population stepped day by day with the timeline's events.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "attachsim/assessment.hpp"
#include "attachsim/scenario/measures.hpp"
#include "attachsim/scenario/plan.hpp"
#include "attachsim/simulation.hpp"

namespace attachsim::scenario {

// The result of one assessment event, handed to the observer before it is dropped.
struct AssessmentResult {
  std::uint32_t day = 0;
  int slot = kPrimarySlot;
  const std::vector<AssessmentRecord>& records;
  const std::vector<Measure>& measures;
};

class ScenarioRun {
 public:
  // `scenario` is concrete (a sweep point and arm applied). Builds the
  // population (throws ScenarioError on a combination that is not allowed).
  ScenarioRun(const Scenario& scenario, std::uint64_t seed, std::uint32_t history_days = 0);

  // Called after every assessment (e.g. to write the rows and free them).
  std::function<void(const AssessmentResult&)> on_assessment;

  // Runs the assessments due today, queues today's other events, then
  // simulates the day. Does nothing once finished.
  void step();
  // Runs the assessments due on the last day; call once after the last step.
  void finish();
  bool finished() const { return simulation_->day() >= scenario_.run.days; }

  const Simulation& simulation() const { return *simulation_; }
  // For commands from outside (the viewer's sliders); events still apply.
  Simulation& simulation() { return *simulation_; }
  const Scenario& scenario() const { return scenario_; }
  std::uint32_t end_day() const { return scenario_.run.days; }
  // The scenario subgroup of a dyad, and the subgroups' names.
  std::uint16_t subgroup(std::uint32_t dyad) const;
  const std::vector<std::string>& subgroup_names() const { return built_.names; }
  // Every measure so far (assessments, then the end state after finish()).
  const std::vector<Measure>& measures() const { return measures_; }
  // Each dyad's class at the most recent assessment (kNotAssessed before any).
  const std::vector<std::uint8_t>& last_class() const { return last_class_; }

 private:
  void run_events_due();
  void assess(const EventSpec& e);
  void apply(const EventSpec& e, std::size_t age_index);
  Selection select(const EventSpec& e, std::uint32_t key) const;

  Scenario scenario_;
  std::vector<EventSpec> timeline_;
  BuiltPopulation built_;
  std::uint64_t seed_;
  std::unique_ptr<Simulation> simulation_;
  std::vector<Measure> measures_;
  std::vector<std::uint8_t> last_class_;
  std::vector<std::vector<std::uint8_t>> class_by_slot_;  // the last class with each caregiver
  std::uint32_t events_done_for_ = 0xFFFFFFFFu;            // the day whose events are applied
  bool finished_ = false;
};

}  // namespace attachsim::scenario
