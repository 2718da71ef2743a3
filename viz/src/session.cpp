// The session's worker thread: applies queued changes between steps, steps both arms, publishes
// snapshots.
#include "attachsim/viz/session.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "attachsim/assessment.hpp"
#include "attachsim/scenario/plan.hpp"
#include "attachsim/scenario/scenario_run.hpp"
#include "attachsim/viz/colour_map.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim::viz {

namespace {

using Clock = std::chrono::steady_clock;

// Largest population the viewer offers: beyond this the picture has more
// cells than the window has pixels and each step takes seconds.
constexpr std::uint32_t kMaxViewerDyads = 1'000'000;
constexpr std::size_t kLogLines = 40;
// Days of episodes the engine can regenerate for the inspector.
constexpr std::uint32_t kHistoryDays = 14;

// The current state of one dyad as a history point, so the inspector's charts reach today.
HistoryPoint point_now(const DyadState& d, std::uint32_t day) {
  const WorkingModel& m = principal_model(d, day);
  const Caregiver& first = d.caregivers[kPrimarySlot];
  return HistoryPoint{day,
                      m.availability,
                      m.acceptance,
                      m.predictability,
                      m.threat,
                      security_expectation(m),
                      d.infant.slow_arousal,
                      first.present_in_life() ? first.stress : 0.0f};
}

}  // namespace

// One simulated population and what has been recorded of it.
struct Session::Arm {
  // A scenario source runs through the scenario library's runner, which applies
  // the file's events (targets such as "insecure at the last assessment" are
  // evaluated on the day) and its assessments; a built-in population, or a
  // what-if forked from one, is a bare Simulation.
  std::unique_ptr<scenario::ScenarioRun> scenario_run;
  std::unique_ptr<Simulation> own;
  std::vector<DaySample> series;
  std::vector<AssessmentPoint> points;
  std::shared_ptr<const AssessmentSummary> assessment;
  std::uint32_t manual_assessments = 0;  // keys the random streams of "assess now"

  Simulation& sim() { return scenario_run ? scenario_run->simulation() : *own; }
  const Simulation& sim() const { return scenario_run ? scenario_run->simulation() : *own; }
};

bool Session::Requests::any() const {
  return load || reset || !parameters.empty() || !commands.empty() || select || assess ||
         strange_situation || compare || stop_compare || steps > 0 || advance;
}

Session::Session(SessionSource source, SessionSettings settings)
    : settings_(settings), source_(std::move(source)) {
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  const int threads = settings_.threads > 0 ? settings_.threads : std::max(1, cores - 1);
  arena_ = std::make_unique<tbb::task_arena>(threads);
  settings_.threads = threads;
  arena_->execute([this] {
    rebuild(source_.seed, source_.dyads, true);
    publish();
  });
  worker_ = std::thread([this] { arena_->execute([this] { run(); }); });
}

Session::~Session() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

std::shared_ptr<const Snapshot> Session::snapshot() const {
  std::lock_guard lock(mutex_);
  consumed_ = true;
  return published_;
}

// ---- requests from the UI thread -------------------------------------------------------------

void Session::play(bool on) {
  {
    std::lock_guard lock(mutex_);
    playing_ = on;
    ++request_serial_;
  }
  wake_.notify_all();
}

void Session::toggle_play() {
  {
    std::lock_guard lock(mutex_);
    playing_ = !playing_;
    ++request_serial_;
  }
  wake_.notify_all();
}

void Session::step_day() {
  {
    std::lock_guard lock(mutex_);
    ++requests_.steps;
    ++request_serial_;
  }
  wake_.notify_all();
}

void Session::set_speed(double days_per_second) {
  {
    std::lock_guard lock(mutex_);
    speed_ = std::isfinite(days_per_second) ? std::clamp(days_per_second, 0.0, 10000.0) : 0.0;
    ++request_serial_;
  }
  wake_.notify_all();
}

void Session::advance_to(std::uint32_t day) {
  {
    std::lock_guard lock(mutex_);
    requests_.advance = std::min(day, kMaxDays);
    ++request_serial_;
  }
  wake_.notify_all();
}

void Session::reset(std::uint64_t seed, std::uint32_t dyads) {
  {
    std::lock_guard lock(mutex_);
    requests_.reset = std::make_pair(seed, dyads);
    ++request_serial_;
  }
  wake_.notify_all();
}

void Session::load(SessionSource source) {
  {
    std::lock_guard lock(mutex_);
    requests_.load = std::move(source);
    requests_.reset.reset();
    ++request_serial_;
  }
  wake_.notify_all();
}

std::optional<std::string> Session::set_parameter(Param p, double value) {
  {
    std::lock_guard lock(mutex_);
    try {
      if (auto problem = check_value(p, value)) return std::string(info(p).name) + ": " + *problem;
      Parameters trial = parameters_;
      for (const auto& [queued, v] : requests_.parameters) trial.set(queued, v);
      trial.set(p, value);
      trial.validate();
    } catch (const ParameterError& e) {
      return std::string(e.what());
    }
    requests_.parameters[p] = value;
    ++request_serial_;
  }
  wake_.notify_all();
  return std::nullopt;
}

std::map<Param, double> Session::pending_parameters() const {
  std::lock_guard lock(mutex_);
  return requests_.parameters;
}

std::optional<std::string> Session::apply(Command command) {
  {
    std::lock_guard lock(mutex_);
    try {
      validate(command, dyad_count_);
    } catch (const ParameterError& e) {
      return std::string(e.what());
    }
    requests_.commands.push_back(std::move(command));
    ++request_serial_;
  }
  wake_.notify_all();
  return std::nullopt;
}

void Session::select(std::optional<std::uint32_t> dyad) {
  {
    std::lock_guard lock(mutex_);
    requests_.select = dyad;
    ++request_serial_;
  }
  wake_.notify_all();
}

void Session::assess_now() {
  {
    std::lock_guard lock(mutex_);
    requests_.assess = true;
    ++request_serial_;
  }
  wake_.notify_all();
}

void Session::run_strange_situation(std::uint32_t dyad, int slot) {
  {
    std::lock_guard lock(mutex_);
    requests_.strange_situation = std::make_pair(dyad, slot);
    ++request_serial_;
  }
  wake_.notify_all();
}

std::optional<std::string> Session::start_compare(Param parameter, double value, bool from_birth) {
  if (auto problem = check_value(parameter, value))
    return std::string(info(parameter).name) + ": " + *problem;
  {
    std::lock_guard lock(mutex_);
    try {
      Parameters trial = parameters_;
      trial.set(parameter, value);
      trial.validate();
    } catch (const ParameterError& e) {
      return std::string(e.what());
    }
    requests_.compare = CompareSpec{parameter, value, from_birth, 0};
    requests_.stop_compare = false;
    ++request_serial_;
  }
  wake_.notify_all();
  return std::nullopt;
}

std::optional<std::string> Session::start_variant_compare() {
  {
    std::lock_guard lock(mutex_);
    if (!published_ || published_->variant_name.empty())
      return std::string(
          "compare: this source defines no paired variant; allowed: a parameter "
          "and a value");
    CompareSpec spec;
    spec.variant = true;
    spec.from_birth = true;
    requests_.compare = spec;
    requests_.stop_compare = false;
    ++request_serial_;
  }
  wake_.notify_all();
  return std::nullopt;
}

void Session::stop_compare() {
  {
    std::lock_guard lock(mutex_);
    requests_.stop_compare = true;
    requests_.compare.reset();
    ++request_serial_;
  }
  wake_.notify_all();
}

bool Session::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const std::uint64_t wanted = request_serial_;
  return idle_changed_.wait_for(
      lock, timeout, [&] { return idle_ && handled_serial_ >= wanted && !requests_.any(); });
}

// ---- the worker ------------------------------------------------------------------------------

void Session::run() {
  for (;;) {
    Requests r;
    std::uint64_t serial = 0;
    bool step_due = false, advancing = false;
    {
      std::unique_lock lock(mutex_);
      for (;;) {
        if (quit_) return;
        const Clock::time_point now = Clock::now();
        const std::uint32_t day = main_->sim().day();
        if (playing_ != paced_playing_ || speed_ != paced_speed_ || !playing_ || repace_) {
          // Pace from now on: a pause, or a new speed, must not be made up for.
          pace_anchor_ = now;
          pace_anchor_day_ = day;
          paced_playing_ = playing_;
          paced_speed_ = speed_;
          repace_ = false;
        }
        if (playing_ && day >= source_.end_day) {
          playing_ = false;
          note("Reached the end of the run at " + std::to_string(day) +
               " days; press play to go on.");
          source_.end_day = std::min<std::uint32_t>(kMaxDays, day + day_at_months(6));
          dirty_ = true;
        }
        advancing = day < advance_target_;
        step_due = false;
        Clock::time_point next = now;
        if (playing_) {
          if (speed_ <= 0) {
            step_due = true;
          } else {
            const double done = static_cast<double>(day - pace_anchor_day_) + 1.0;
            next = pace_anchor_ + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(done / speed_));
            step_due = next <= now;
          }
        }
        if (requests_.any() || advancing || step_due || dirty_) break;
        idle_ = true;
        handled_serial_ = request_serial_;
        idle_changed_.notify_all();
        if (playing_)
          wake_.wait_until(lock, next);
        else
          wake_.wait(lock);
      }
      idle_ = false;
      r = std::move(requests_);
      requests_ = Requests{};
      serial = request_serial_;
    }

    try {
      handle(r);
      {
        std::lock_guard lock(mutex_);
        advancing = main_->sim().day() < advance_target_;
      }
      const Clock::time_point started = Clock::now();
      std::uint32_t stepped = 0;
      if (r.steps > 0) {
        for (std::uint32_t i = 0; i < r.steps; ++i) step_once();
        stepped = r.steps;
      } else if (advancing || step_due) {
        step_once();
        stepped = 1;
      }
      // Days simulated off the clock (an advance, single steps, a reset) must not
      // count against the pace: playing goes on from here at the chosen speed.
      if (r.steps > 0 || advancing || r.reset || r.load || r.compare) repace_ = true;
      if (stepped > 0) {
        const double ms =
            std::chrono::duration<double, std::milli>(Clock::now() - started).count() / stepped;
        step_ms_ = step_ms_ == 0 ? ms : 0.9 * step_ms_ + 0.1 * ms;
      }
    } catch (const std::exception& e) {
      fail(e);
      std::lock_guard lock(mutex_);
      playing_ = false;  // a failing step would fail again
      advance_target_ = 0;
    }

    bool publish_now = false;
    {
      std::lock_guard lock(mutex_);
      handled_serial_ = serial;
      const bool more =
          requests_.any() || main_->sim().day() < advance_target_ || (playing_ && speed_ <= 0);
      // Build a picture only when the UI has taken the last one, or when the
      // work is done: at full speed the worker steps instead of drawing.
      publish_now = dirty_ && (consumed_ || !more);
    }
    if (publish_now) publish();
  }
}

void Session::handle(Requests& r) {
  auto guarded = [this](auto&& f) {
    try {
      f();
    } catch (const std::exception& e) {
      fail(e);
    }
  };
  if (r.load) {
    guarded([&] {
      SessionSource previous = source_;
      source_ = std::move(*r.load);
      compare_.reset();
      try {
        rebuild(source_.seed, source_.dyads, true);
      } catch (...) {
        source_ = std::move(previous);
        throw;
      }
      note("Loaded " + source_.name + " (" + source_.origin + ")");
    });
  }
  if (r.reset)
    guarded([&] {
      rebuild(r.reset->first, r.reset->second);
      note("Reset: seed " + std::to_string(r.reset->first) + ", " +
           std::to_string(r.reset->second) + " dyads");
    });
  for (const auto& [p, value] : r.parameters)
    guarded([&, p = p, value = value] {
      const Command c{SetParameter{p, value}, Selection::all()};
      main_->sim().command(c);
      slider_changes_[p] = value;
      // The what-if arm differs from the main arm only by its own parameter.
      if (what_if_ && !(compare_ && compare_->parameter == p)) what_if_->sim().command(c);
      queued_[p] = value;
    });
  for (Command& c : r.commands)
    guarded([&] {
      main_->sim().command(c);
      if (what_if_) what_if_->sim().command(c);
      note("Queued for the next step: " + describe(c));
    });
  if (r.stop_compare && what_if_) {
    what_if_.reset();
    compare_.reset();
    note("Compare stopped");
  }
  if (r.compare) guarded([&] { fork_what_if(*r.compare); });
  if (r.advance) {
    // After any rebuild in the same batch: an advance asked for after a reset still happens.
    std::lock_guard lock(mutex_);
    advance_target_ = *r.advance;
  }
  if (r.select) {
    const std::optional<std::uint32_t> id = *r.select;
    selected_ = id && *id < main_->sim().dyad_count() ? id : std::nullopt;
  }
  if (r.assess) guarded([&] { assess_arms(false); });
  if (r.strange_situation)
    guarded([&] {
      const auto [id, slot] = *r.strange_situation;
      const Simulation& sim = main_->sim();
      if (id >= sim.dyad_count())
        throw ParameterError("dyad " + std::to_string(id) + " does not exist; allowed: 0 to " +
                             std::to_string(sim.dyad_count() - 1));
      if (slot < 0 || slot >= kCaregiverSlots ||
          !sim.dyad(id).caregivers[static_cast<std::size_t>(slot)].present_in_life())
        throw ParameterError("Strange Situation: dyad " + std::to_string(id) +
                             " has no caregiver in slot " + std::to_string(slot) +
                             "; allowed: a slot with a caregiver");
      auto run = std::make_shared<StrangeSituationRun>();
      run->serial = ++ssp_serial_;
      run->dyad = id;
      run->day = sim.day();
      run->slot = slot;
      // Its own assessment key, so watching one infant never shifts the
      // population assessments' random draws.
      run->result = attachsim::run_strange_situation(
          sim.dyad(id), slot, sim.constants_of(id), sim.seed(), id, sim.day(),
          1000 + static_cast<std::uint32_t>(ssp_serial_), true);
      ssp_ = std::move(run);
    });
  dirty_ = dirty_ || r.any();
}

std::unique_ptr<Session::Arm> Session::make_arm(std::uint64_t seed, std::uint32_t dyads,
                                                const std::optional<CompareSpec>& what_if) {
  auto arm = std::make_unique<Arm>();
  if (source_.scenario) {
    scenario::Scenario s =
        what_if && what_if->variant ? scenario::variant_of(*source_.scenario) : *source_.scenario;
    s.run.dyads = dyads;
    arm->scenario_run = std::make_unique<scenario::ScenarioRun>(s, seed, kHistoryDays);
    Arm* target = arm.get();
    arm->scenario_run->on_assessment = [this, target](const scenario::AssessmentResult& r) {
      record_assessment(*target, std::vector<AssessmentRecord>(r.records), r.day, r.slot);
    };
  } else {
    SimulationConfig config;
    config.seed = seed;
    config.dyads = dyads;
    config.grain = settings_.grain;
    config.history_days = kHistoryDays;
    arm->own = std::make_unique<Simulation>(source_.population, config);
  }
  // The viewer's slider changes since the source was loaded apply from birth too.
  for (const auto& [p, value] : slider_changes_)
    if (!(what_if && what_if->parameter == p && !what_if->variant))
      arm->sim().command(Command{SetParameter{p, value}, Selection::all()});
  if (what_if && !what_if->variant)
    arm->sim().command(Command{SetParameter{what_if->parameter, what_if->value}, Selection::all()});
  arm->series.push_back(day_sample(arm->sim().aggregates()));
  return arm;
}

void Session::rebuild(std::uint64_t seed, std::uint32_t dyads, bool from_source) {
  if (dyads == 0 || dyads > kMaxViewerDyads)
    throw ParameterError("dyads: " + std::to_string(dyads) + " is out of range; allowed: 1 to " +
                         std::to_string(kMaxViewerDyads));
  // Loading a source starts from the source as written; a reset keeps the
  // parameters the sliders have changed (they apply from birth).
  std::map<Param, double> kept = slider_changes_;
  if (from_source) slider_changes_.clear();
  try {
    main_ = make_arm(seed, dyads, std::nullopt);
  } catch (...) {
    slider_changes_ = std::move(kept);
    throw;
  }
  history_ = PopulationHistory(
      dyads, PopulationHistory::capacity_for(dyads, settings_.history_budget_bytes),
      settings_.history_interval);
  history_.record(main_->sim());
  what_if_.reset();
  queued_ = slider_changes_;  // given to the new arm, in force from its first step
  logged_commands_ = 0;
  ssp_.reset();
  if (selected_ && *selected_ >= dyads) selected_.reset();
  {
    std::lock_guard lock(mutex_);
    dyad_count_ = dyads;
    advance_target_ = 0;  // a new population from birth ends an advance asked for before it
  }
  if (compare_ && (compare_->variant ? !source_.variant_name.empty() : true)) {
    what_if_ = make_arm(seed, dyads, compare_);
    compare_->from_day = 0;
  } else {
    compare_.reset();
  }
  dirty_ = true;
}

void Session::fork_what_if(const CompareSpec& spec) {
  std::ostringstream text;
  if (spec.variant) {
    if (source_.variant_name.empty())
      throw ParameterError("compare: " + source_.name +
                           " defines no paired variant; allowed: a parameter and a value");
    // The scenario's own [variant]: both arms from birth with the same seed.
    compare_ = spec;
    compare_->from_birth = true;
    rebuild(main_->sim().seed(), main_->sim().dyad_count());
    text << "Compare: the scenario's variant \"" << source_.variant_name << "\", from birth";
    note(text.str());
    return;
  }
  if (spec.from_birth) {
    compare_ = spec;
    rebuild(main_->sim().seed(), main_->sim().dyad_count());
  } else {
    if (main_->scenario_run)
      throw ParameterError(
          "compare from now: a scenario's run (its events and assessments) cannot be copied "
          "mid-way; allowed: from birth (both arms restart with the same seed)");
    // Same dyads, same state, same seed: the counter-based random numbers make
    // every draw from here on identical in both arms unless the change alters it.
    auto arm = std::make_unique<Arm>();
    arm->own = std::make_unique<Simulation>(main_->sim());
    arm->own->command(Command{SetParameter{spec.parameter, spec.value}, Selection::all()});
    arm->series = main_->series;
    arm->points = main_->points;
    arm->assessment = main_->assessment;
    arm->manual_assessments = main_->manual_assessments;
    what_if_ = std::move(arm);
    compare_ = spec;
    compare_->from_day = main_->sim().day();
  }
  text << "Compare: what if " << info(spec.parameter).name << " = " << spec.value << ", from day "
       << compare_->from_day;
  note(text.str());
}

void Session::advance_arm(Arm& arm) {
  Simulation& sim = arm.sim();
  if (arm.scenario_run) {
    if (!arm.scenario_run->finished()) {
      arm.scenario_run->step();  // the day's events and assessments, then the day
      return;
    }
    arm.scenario_run->finish();  // the last day's assessments, once; then the population lives on
  } else {
    for (const ScheduledCommand& s : source_.schedule)
      if (s.day == sim.day()) sim.command(s.command);
  }
  sim.step();
}

void Session::step_once() {
  Simulation& a = main_->sim();
  if (a.day() >= kMaxDays) {
    std::lock_guard lock(mutex_);
    playing_ = false;
    return;
  }
  advance_arm(*main_);
  if (what_if_) advance_arm(*what_if_);
  queued_.clear();
  main_->series.push_back(day_sample(a.aggregates()));
  if (what_if_) what_if_->series.push_back(day_sample(what_if_->sim().aggregates()));
  history_.record_if_due(a);
  const auto& log = a.command_log();
  for (; logged_commands_ < log.size(); ++logged_commands_)
    note("Day " + std::to_string(log[logged_commands_].day) + ": " +
         describe(log[logged_commands_].command));
  if (!main_->scenario_run &&
      std::find(source_.assessment_days.begin(), source_.assessment_days.end(), a.day()) !=
          source_.assessment_days.end())
    assess_arms(true);

  const Clock::time_point now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - rate_anchor_).count();
  if (a.day() < rate_anchor_day_ || elapsed > 2.0) {
    rate_anchor_ = now;
    rate_anchor_day_ = a.day();
  } else if (elapsed >= 0.5) {
    measured_rate_ = static_cast<double>(a.day() - rate_anchor_day_) / elapsed;
    rate_anchor_ = now;
    rate_anchor_day_ = a.day();
  }
  dirty_ = true;
}

void Session::record_assessment(Arm& arm, std::vector<AssessmentRecord> records, std::uint32_t day,
                                int slot) {
  auto summary = std::make_shared<AssessmentSummary>(
      summarise_assessment(std::move(records), day, slot, arm.assessment.get()));
  const ClassDistribution& d = summary->distribution;
  arm.points.push_back(AssessmentPoint{
      day, static_cast<float>(d.share3(Class3::A)), static_cast<float>(d.share3(Class3::B)),
      static_cast<float>(d.share3(Class3::C)), static_cast<float>(d.share4(Class4::D))});
  arm.assessment = std::move(summary);
  if (&arm == main_.get()) {
    char text[200];
    std::snprintf(text, sizeof text,
                  "Strange Situation at day %u (slot %d): A %.1f%%  B %.1f%%  C %.1f%%  D %.1f%% "
                  "(4-way)",
                  day, slot, 100 * d.share4(Class4::A), 100 * d.share4(Class4::B),
                  100 * d.share4(Class4::C), 100 * d.share4(Class4::D));
    note(text);
  }
  dirty_ = true;
}

void Session::assess_arms(bool scheduled) {
  for (Arm* arm : {main_.get(), what_if_.get()}) {
    if (!arm) continue;
    const Simulation& sim = arm->sim();
    // Scheduled assessments use the command line's stream (0); "assess now"
    // its own, so asking never shifts a scheduled assessment's draws.
    const std::uint32_t key = scheduled ? 0 : ++arm->manual_assessments;
    record_assessment(*arm, assess_population(sim, source_.assessment_slot, key), sim.day(),
                      source_.assessment_slot);
  }
}

ArmView Session::view_of(const Arm& arm) const {
  ArmView v;
  auto cells = std::make_shared<DyadCells>(capture_cells(arm.sim()));
  v.aggregates = arm.sim().aggregates();
  v.series = std::make_shared<const std::vector<DaySample>>(arm.series);
  v.assessment = arm.assessment;
  v.assessments = arm.points;
  const int bins = settings_.histogram_bins;
  v.security = histogram(cells->security, 0.0f, 1.0f, bins);
  const ScaleRange stress = scale_range(Measure::InfantStress);
  v.infant_stress = histogram(cells->infant_stress, stress.lo, stress.hi, bins);
  v.sensitivity = histogram(cells->sensitivity, 0.0f, 1.0f, bins);
  v.sensitivity_security =
      scatter(cells->sensitivity, cells->security, cells->strategy, settings_.scatter_points);
  v.cells = std::move(cells);
  return v;
}

void Session::publish() {
  const Clock::time_point started = Clock::now();
  auto s = std::make_shared<Snapshot>();
  const Simulation& sim = main_->sim();
  s->day = sim.day();
  s->end_day = source_.end_day;
  s->dyads = sim.dyad_count();
  s->seed = sim.seed();
  s->source_name = source_.name;
  s->source_origin = source_.origin;
  s->lesson = source_.lesson;
  s->source_summary = source_.summary;
  s->variant_name = source_.variant_name;
  s->scenario = static_cast<bool>(source_.scenario);
  s->references = source_.references;
  s->assessment_days = source_.assessment_days;
  s->parameters = sim.parameters();
  for (const auto& [p, value] : queued_) s->parameters.set(p, value);
  s->main = view_of(*main_);
  if (what_if_) s->what_if = view_of(*what_if_);
  s->compare = compare_;
  if (selected_) {
    try {
      const std::uint32_t id = *selected_;
      InspectedDyad d;
      d.id = id;
      d.state = sim.dyad(id);
      d.constants = std::make_shared<const ModelConstants>(sim.constants_of(id));
      d.regenerable_from = sim.earliest_regenerable_day();
      const std::uint32_t span = settings_.episode_days;
      const std::uint32_t first =
          std::max(d.regenerable_from, sim.day() > span ? sim.day() - span : 0u);
      for (std::uint32_t t = first; t < sim.day(); ++t) {
        const auto day_episodes = sim.episodes(id, t);
        d.episodes.insert(d.episodes.end(), day_episodes.begin(), day_episodes.end());
      }
      d.history = history_.of(id);
      if (d.history.empty() || d.history.back().day != sim.day())
        d.history.push_back(point_now(d.state, sim.day()));
      d.neighbours = sim.neighbours(id);
      if (what_if_) d.what_if = what_if_->sim().dyad(id);
      s->inspected = std::move(d);
    } catch (const std::exception& e) {
      fail(e);
    }
  }
  s->strange_situation = ssp_;
  s->log = log_;
  s->error = error_;
  s->error_serial = error_serial_;
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  publish_ms_ = publish_ms_ == 0 ? ms : 0.9 * publish_ms_ + 0.1 * ms;
  s->step_ms = step_ms_;
  s->publish_ms = publish_ms_;
  s->threads = settings_.threads;
  {
    std::lock_guard lock(mutex_);
    s->serial = ++serial_;
    s->playing = playing_;
    s->speed = speed_;
    s->measured_days_per_second = playing_ || sim.day() < advance_target_ ? measured_rate_ : 0.0;
    s->working = sim.day() < advance_target_ || requests_.any();
    parameters_ = s->parameters;
    published_ = std::move(s);
    consumed_ = false;
    dirty_ = false;
  }
}

void Session::note(std::string text) {
  log_.push_back(std::move(text));
  if (log_.size() > kLogLines) log_.erase(log_.begin(), log_.end() - kLogLines);
  dirty_ = true;
}

void Session::fail(const std::exception& e) {
  error_ = e.what();
  ++error_serial_;
  note(std::string("Refused: ") + e.what());
}

}  // namespace attachsim::viz
