// Sweep points, per-run seeds, the paired variant and the engine population of a scenario.
#include "attachsim/scenario/plan.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "attachsim/model_constants.hpp"
#include "attachsim/random.hpp"

namespace attachsim::scenario {

namespace {

// SplitMix64's finaliser (Steele, Lea & Flood 2014): well-mixed seeds from counters.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr std::size_t kMaxCombinations = 4096;

}  // namespace

std::uint64_t master_seed(const Scenario& s) { return s.sweep.seed.value_or(s.run.seed); }

std::uint64_t run_seed(const Scenario& s, std::uint32_t point, std::uint32_t replicate) {
  std::uint64_t h = mix(master_seed(s));
  h = mix(h ^ (s.sweep.common_random_numbers ? 0u : std::uint64_t{point} + 1));
  return mix(h ^ (std::uint64_t{replicate} + 1));
}

std::vector<Point> sweep_points(const Scenario& s) {
  const std::vector<Axis>& axes = s.sweep.axes;
  std::vector<Point> points;
  if (axes.empty()) return {Point{}};
  if (s.sweep.latin_hypercube) {
    const std::uint32_t n = s.sweep.samples;
    points.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) points[i].id = i;
    for (std::size_t j = 0; j < axes.size(); ++j) {
      // One point per stratum of every axis, the strata permuted (Fisher-Yates).
      RandomStream random(master_seed(s), static_cast<std::uint32_t>(j), 0, Stream::Sweep);
      std::vector<std::uint32_t> order(n);
      std::iota(order.begin(), order.end(), 0u);
      for (std::uint32_t i = n; i > 1; --i) {
        const auto k = static_cast<std::uint32_t>(random.uniform() * static_cast<float>(i));
        std::swap(order[i - 1], order[std::min(k, i - 1)]);
      }
      const Axis& a = axes[j];
      for (std::uint32_t i = 0; i < n; ++i) {
        const double u = (order[i] + static_cast<double>(random.uniform())) / n;
        double x = a.from + u * (a.to - a.from);
        const bool whole = (a.parameter && info(*a.parameter).integer()) || a.field == "sessions" ||
                           a.field == "days";
        if (whole) x = std::round(x);
        points[i].values.push_back(x);
      }
    }
    return points;
  }
  std::size_t total = 1;
  for (const Axis& a : axes) total *= a.values.size();
  points.resize(total);
  for (std::size_t i = 0; i < total; ++i) {
    points[i].id = static_cast<std::uint32_t>(i);
    std::size_t rest = i;
    points[i].values.resize(axes.size());
    for (std::size_t j = axes.size(); j-- > 0;) {
      points[i].values[j] = axes[j].values[rest % axes[j].values.size()];
      rest /= axes[j].values.size();
    }
  }
  return points;
}

Scenario at_point(const Scenario& s, const Point& p) {
  Scenario out = s;
  for (std::size_t j = 0; j < p.values.size() && j < s.sweep.axes.size(); ++j) {
    const Axis& a = s.sweep.axes[j];
    const double x = p.values[j];
    if (a.parameter) {
      out.overrides.push_back(ParameterSetting{*a.parameter, Distribution::fixed(x), a.where});
      continue;
    }
    const auto set_field = [&](EventSpec& e) {
      if (e.id != a.event_id) return;
      if (a.field == "sessions") e.sessions = static_cast<int>(x);
      else if (a.field == "days") e.separation_days = static_cast<int>(x);
      else if (a.field == "share") e.target.share = x;
      else {
        const double scale = a.field == "age_months" ? 30.4375 : a.field == "age_weeks" ? 7.0 : 1.0;
        e.days = {static_cast<std::uint32_t>(std::lround(x * scale))};
      }
    };
    std::for_each(out.events.begin(), out.events.end(), set_field);
    std::for_each(out.variant.events.begin(), out.variant.events.end(), set_field);
  }
  return out;
}

Scenario variant_of(const Scenario& s) {
  Scenario out = s;
  out.overrides.insert(out.overrides.end(), s.variant.parameters.begin(), s.variant.parameters.end());
  for (const EventSpec& e : s.variant.events) {
    const auto same = std::find_if(out.events.begin(), out.events.end(), [&](const EventSpec& b) {
      return !e.id.empty() && b.id == e.id;
    });
    if (same != out.events.end())
      *same = e;
    else
      out.events.push_back(e);
  }
  out.variant = VariantSpec{};
  return out;
}

void add_overrides(Scenario& s, const std::vector<std::pair<Param, double>>& values,
                   const std::string& origin) {
  for (const auto& [p, v] : values)
    s.overrides.push_back(ParameterSetting{p, Distribution::fixed(v), SourcePlace{origin, 0, 0}});
}

BuiltPopulation build_population(const Scenario& s) {
  BuiltPopulation built;
  built.population.groups.clear();
  for (std::size_t g = 0; g < s.subgroups.size(); ++g) {
    const SubgroupSpec& spec = s.subgroups[g];
    built.names.push_back(spec.name);
    // The last setting of each parameter wins.
    std::vector<const ParameterSetting*> last(kParameterCount, nullptr);
    for (const Settings* list : {&s.parameters, &spec.parameters, &s.overrides})
      for (const ParameterSetting& p : *list) last[static_cast<std::size_t>(p.parameter)] = &p;
    Parameters fixed;
    std::vector<const ParameterSetting*> varying;
    for (const ParameterSetting* p : last) {
      if (!p) continue;
      if (p->value.varies())
        varying.push_back(p);
      else
        fixed.set(p->parameter, p->value.value);
    }
    // Every combination of the varying parameters' strata is an engine subgroup.
    std::vector<std::vector<std::pair<double, double>>> supports;
    std::size_t combinations = 1;
    for (const ParameterSetting* p : varying) {
      supports.push_back(p->value.support());
      combinations *= supports.back().size();
      if (combinations > kMaxCombinations)
        throw ScenarioError(p->where, std::string(info(p->parameter).name),
                            "subgroup '" + spec.name + "' has more than 4,096 combinations of strata; allowed: fewer strata or fewer distributions");
    }
    for (std::size_t c = 0; c < combinations; ++c) {
      Subgroup engine{spec.name, spec.share, fixed};
      std::size_t rest = c;
      for (std::size_t v = supports.size(); v-- > 0;) {
        const auto& [value, probability] = supports[v][rest % supports[v].size()];
        rest /= supports[v].size();
        engine.parameters.set(varying[v]->parameter, value);
        engine.share *= probability;
      }
      try {
        engine.parameters.validate();
      } catch (const ParameterError& e) {
        // Point at the latest setting of a parameter the message names.
        const std::string message = e.what();
        const ParameterSetting* where = nullptr;
        for (const Settings* list : {&s.parameters, &spec.parameters, &s.overrides})
          for (const ParameterSetting& setting : *list)
            if (message.find(info(setting.parameter).name) != std::string::npos) where = &setting;
        if (!where)
          for (const Settings* list : {&s.parameters, &spec.parameters, &s.overrides})
            if (!list->empty()) where = &list->back();
        throw ScenarioError(where ? where->where : SourcePlace{s.path, 0, 0},
                            "subgroup " + spec.name, e.what());
      }
      if (engine.share > 0) {
        built.population.groups.push_back(std::move(engine));
        built.subgroup_of.push_back(static_cast<std::uint16_t>(g));
      }
    }
  }
  if (built.population.groups.size() > kMaxSubgroups)
    throw ScenarioError(SourcePlace{s.path, 0, 0}, "subgroup",
                        std::to_string(built.population.groups.size()) +
                            " parameter sets after expanding distributions; allowed: at most " +
                            std::to_string(kMaxSubgroups));
  // Shares may drift from 1 in the last bits after multiplying strata.
  double total = 0;
  for (const Subgroup& g : built.population.groups) total += g.share;
  for (Subgroup& g : built.population.groups) g.share /= total;
  return built;
}

Parameters common_parameters(const Scenario& s) {
  Parameters p;
  for (const Settings* list : {&s.parameters, &s.overrides})
    for (const ParameterSetting& setting : *list) {
      double v = setting.value.mean_value();
      if (info(setting.parameter).integer()) v = std::round(v);
      p.set(setting.parameter, v);
    }
  return p;
}

void check_within_run(const Scenario& s) {
  for (const std::vector<EventSpec>* list : {&s.events, &s.variant.events})
    for (const EventSpec& e : *list)
      for (std::uint32_t day : e.days) {
        const bool ok = e.kind == EventKind::Assessment ? day <= s.run.days : day < s.run.days;
        if (!ok)
          throw ScenarioError(e.where, event_kind_name(e.kind),
                              "at day " + std::to_string(day) + " this event is past the end of the run (day " +
                                  std::to_string(s.run.days) + "); allowed: a longer run or an earlier age");
      }
}

std::vector<Action> actions_of(const EventSpec& e) {
  switch (e.kind) {
    case EventKind::Assessment: return {};
    case EventKind::Intervention: return {StartIntervention{e.slot, e.sessions}};
    case EventKind::Placement: return {ReplaceCaregiver{e.slot, e.role}};
    case EventKind::DaycareEntry: return {ReplaceCaregiver{kDaycareSlot, CaregiverRole::Daycare}};
    case EventKind::Loss: return {RemoveCaregiver{e.slot}};
    case EventKind::Separation: return {Separation{e.slot, e.separation_days}};
    case EventKind::DepressionOnset: return {SetDepression{e.slot, true}};
    case EventKind::DepressionRemission: return {SetDepression{e.slot, false}};
    case EventKind::Set: {
      std::vector<Action> out;
      for (const auto& [parameter, value] : e.set) out.emplace_back(SetParameter{parameter, value});
      return out;
    }
  }
  return {};
}

namespace {
// Every event's commands as the engine will check them when they are sent.
void check_commands(const Scenario& s) {
  for (const EventSpec& e : s.timeline())
    for (Action& action : actions_of(e)) {
      try {
        validate(Command{std::move(action), Selection::all(), 0}, s.run.dyads);
      } catch (const ParameterError& error) {
        throw ScenarioError(e.where, "event", error.what());
      }
    }
}
}  // namespace

void check_runnable(const Scenario& s) {
  check_within_run(s);
  for (const Point& p : sweep_points(s)) {
    const Scenario here = at_point(s, p);
    check_within_run(here);
    check_commands(here);
    build_population(here);
    if (here.variant.present) {
      const Scenario variant = variant_of(here);
      check_commands(variant);
      build_population(variant);
    }
  }
}

}  // namespace attachsim::scenario
