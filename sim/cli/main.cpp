// attachsim: the command-line tool. Runs scenarios and sweeps, merges shards, checks files,
// validates calibration.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "attachsim/calibration.hpp"
#include "attachsim/dyads_csv.hpp"
#include "attachsim/model_constants.hpp"
#include "attachsim/parameters.hpp"
#include "attachsim/scenario/bundled.hpp"
#include "attachsim/scenario/experiment.hpp"
#include "attachsim/scenario/plan.hpp"
#include "attachsim/scenario/resources.hpp"
#include "attachsim/scenario/scenario.hpp"
#include "attachsim/scenario/set_option.hpp"
#include "attachsim/simulation.hpp"

namespace {

using namespace attachsim;
using namespace attachsim::scenario;

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

// Set by SIGINT/SIGTERM; runs check it between days and stop cleanly.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_signal(int signal) {
  g_stop.store(true);
  std::signal(signal, SIG_DFL);  // a second Ctrl-C ends at once
}

std::optional<tbb::global_control> thread_limit(int threads) {
  if (threads <= 0) return std::nullopt;
  return std::optional<tbb::global_control>(std::in_place,
                                            tbb::global_control::max_allowed_parallelism,
                                            static_cast<std::size_t>(threads));
}

// A whole number from the command line, parsed strictly: decimal digits only,
// no sign, no wrap-around and no clamping (--seed -1 and --shard 0/4294967297
// are refused, not turned into other numbers).
std::uint64_t whole_number(const std::string& option, const std::string& text, std::uint64_t min,
                           std::uint64_t max) {
  std::uint64_t value = 0;
  const bool digits =
      !text.empty() && text.size() <= 20 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!digits || error != std::errc() || end != text.data() + text.size() || value < min ||
      value > max)
    throw ParameterError(option + ": '" + text + "' is not allowed; allowed: a whole number from " +
                         std::to_string(min) + " to " + std::to_string(max));
  return value;
}

// Options shared by run and sweep (whole numbers as text, parsed by whole_number).
struct Common {
  std::string scenario;
  std::string out;
  std::optional<std::string> seed;
  std::optional<std::string> dyads;
  std::optional<double> months;
  std::string threads = "0";
  std::vector<std::string> sets;
  bool force = false;
};

void add_common(CLI::App* cmd, Common& c, bool scenario_required) {
  auto* file = cmd->add_option("scenario", c.scenario, "Scenario file (scenarios/*.toml)");
  if (scenario_required) file->required();
  cmd->add_option("--seed", c.seed,
                  "Seed (run) or master seed (sweep), 0 to 2^64-1; same seed, same output");
  cmd->add_option("--dyads", c.dyads, "Number of caregiver-infant dyads (1 to 50,000,000)");
  cmd->add_option("--months", c.months, "Age at the end of the run, in months");
  cmd->add_option("--threads", c.threads, "Worker threads (0 = all cores, at most 1024)");
  cmd->add_option("--set", c.sets, "Override a parameter for every subgroup: --set name=value");
  cmd->add_option("--out", c.out, "Output folder (default: out/<scenario name>)");
  cmd->add_flag("--force", c.force,
                "Replace a complete result of another scenario or seed in --out");
}

int threads_of(const std::string& text) {
  return static_cast<int>(whole_number("--threads", text, 0, 1024));
}

// The scenario with the command line's overrides applied and checked.
Scenario prepare(const Common& c, bool sweep) {
  Scenario s;
  if (c.scenario.empty()) {
    s.meta.name = "default (low-risk)";
    s.path = "";
    s.text = "# the built-in default: the calibrated low-risk population\n";
  } else {
    s = load_scenario(resolve_scenario(c.scenario));
  }
  if (c.dyads) {
    s.run.dyads = static_cast<std::uint32_t>(whole_number("--dyads", *c.dyads, 1, kMaxDyads));
    s.run.dyads_origin = "--dyads";
  }
  if (c.seed) {
    const std::uint64_t seed =
        whole_number("--seed", *c.seed, 0, std::numeric_limits<std::uint64_t>::max());
    if (sweep)
      s.sweep.seed = seed;
    else
      s.run.seed = seed;
  }
  if (c.months) {
    if (!(*c.months > 0) || *c.months > kMaxDays / kDaysPerMonth)
      throw ParameterError("--months: " + shortest(*c.months) +
                           " is out of range; allowed: more than 0 and at most 2135");
    s.run.days = std::max<std::uint32_t>(
        1, static_cast<std::uint32_t>(std::lround(*c.months * kDaysPerMonth)));
  }
  add_overrides(s, parse_sets(c.sets), "--set");
  check_runnable(s);
  return s;
}

std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) out += (i ? " " : "") + std::string(argv[i]);
  return out;
}

double months_of(std::uint32_t days) {
  return static_cast<double>(days) / 30.4375;
}

double measure(const std::vector<Measure>& ms, std::uint32_t day, const std::string& caregiver,
               const std::string& name, const std::string& group = "all") {
  for (const Measure& m : ms)
    if (m.age_days == day && m.caregiver == caregiver && m.subgroup == group && m.name == name)
      return m.value;
  return std::nan("");
}

void print_assessments(const std::vector<Measure>& ms, const char* title) {
  std::vector<std::pair<std::uint32_t, std::string>> seen;
  for (const Measure& m : ms)
    if (!m.caregiver.empty() &&
        std::find(seen.begin(), seen.end(), std::pair(m.age_days, m.caregiver)) == seen.end())
      seen.emplace_back(m.age_days, m.caregiver);
  std::cout << std::fixed;
  for (const auto& [day, caregiver] : seen) {
    const auto v = [&](const char* name) { return measure(ms, day, caregiver, name); };
    std::cout << std::setprecision(1) << title << "Strange Situation at " << months_of(day)
              << " months with the " << caregiver << " caregiver, " << static_cast<long>(v("n"))
              << " infants\n";
    if (!std::isfinite(v("pct_B"))) {
      std::cout << "  no infant was assessed with this caregiver\n";  // "nan%" explains nothing
      continue;
    }
    std::cout << "  4-way:  A " << v("pct_A") << "%  B " << v("pct_B") << "%  C " << v("pct_C")
              << "%  D " << v("pct_D") << "%  CC " << v("pct_CC") << "%   (D + CC " << v("pct_D_CC")
              << "%; attachment fully formed: " << v("pct_fully_formed") << "%)\n"
              << "  3-way:  A " << v("pct_A3") << "%  B " << v("pct_B3") << "%  C " << v("pct_C3")
              << "%\n";
    // One row per subgroup when there are several: the comparison a scenario with
    // subgroups is usually about (low vs high risk, foster vs institution).
    std::vector<std::string> groups;
    for (const Measure& m : ms)
      if (m.age_days == day && m.caregiver == caregiver && m.subgroup != "all" &&
          std::find(groups.begin(), groups.end(), m.subgroup) == groups.end())
        groups.push_back(m.subgroup);
    for (const std::string& g : groups) {
      const auto w = [&](const char* name) { return measure(ms, day, caregiver, name, g); };
      if (!std::isfinite(w("pct_B"))) continue;
      std::cout << std::setprecision(1) << "    " << std::left << std::setw(14) << g << std::right
                << " n " << std::setw(6) << static_cast<long>(w("n")) << "   A " << std::setw(5)
                << w("pct_A") << "%  B " << std::setw(5) << w("pct_B") << "%  C " << std::setw(5)
                << w("pct_C") << "%  D+CC " << std::setw(5) << w("pct_D_CC") << "%\n";
    }
    if (std::isfinite(v("r_sensitivity_security")))
      std::cout << std::setprecision(3)
                << "  r(caregiver sensitivity, security) = " << v("r_sensitivity_security") << "\n";
    if (std::isfinite(v("kappa_4way")))
      std::cout << std::setprecision(2) << "  stability since the last assessment: kappa "
                << v("kappa_4way") << ", " << std::setprecision(1) << v("pct_same_class")
                << "% the same class\n";
  }
}

void print_differences(const std::vector<Measure>& ms, const std::string& variant) {
  for (const Measure& m : ms) {
    if (m.name != "d_security" || m.subgroup != "all") continue;
    const auto v = [&](const char* name) { return measure(ms, m.age_days, m.caregiver, name); };
    std::cout << std::fixed << std::setprecision(1) << "Variant '" << variant
              << "' minus baseline at " << months_of(m.age_days) << " months (" << m.caregiver
              << "): B " << std::showpos << v("diff_pct_B") << " points, A " << v("diff_pct_A")
              << ", C " << v("diff_pct_C") << ", D " << v("diff_pct_D") << std::noshowpos
              << std::setprecision(2) << "; d(security) " << m.value << ", odds ratio of B "
              << v("odds_ratio_B") << "\n";
  }
}

// Stopped while the scenario was read and checked: nothing has run, so the
// output folder's earlier results stay as they are.
bool stopped_before_running(const std::string& out) {
  if (!g_stop.load()) return false;
  std::cerr << "attachsim: interrupted before anything ran; " << out << " is unchanged\n";
  return true;
}

int finish_message(const ExperimentResult& r, const std::string& out, bool sweep) {
  if (r.cleanup_stopped) {
    std::cerr << "attachsim: interrupted while removing " << out << "/parts; the result in " << out
              << " is complete (the parts left are removed by the next sweep in this folder)\n";
    return kExitFailure;
  }
  if (r.assembly_stopped) {
    std::cerr << "attachsim: interrupted while writing the result; all " << r.units_done << " of "
              << r.units << " runs are complete in " << out << "/parts and " << out
              << " is unchanged; the same command with --resume writes the result without running "
                 "them again\n";
    return kExitFailure;
  }
  if (r.interrupted) {
    std::cerr << "attachsim: interrupted; " << r.units_done << " of " << r.units
              << " runs complete";
    if (r.kept_earlier)
      std::cerr << "; the earlier complete result in " << out << " is unchanged"
                << (sweep && r.units_done > 0
                        ? " and the completed runs are kept in " + out + "/parts"
                        : std::string());
    else
      std::cerr << " and kept in " << out;
    std::cerr << (sweep ? "; continue with the same command and --resume\n" : "\n");
    return kExitFailure;
  }
  return 0;
}

// What run and sweep share: the folder, threads, progress, Ctrl-C and the manifest's record.
ExperimentOptions experiment_options(const Common& c, const std::string& args) {
  ExperimentOptions o;
  o.out = c.out;
  o.force = c.force;
  o.threads = threads_of(c.threads);
  o.progress = true;
  o.stop = &g_stop;
  o.command_line = args;
  o.sets = c.sets;
  return o;
}

int run_command(const Common& c, const std::string& args) {
  auto limit = thread_limit(threads_of(c.threads));
  const Scenario s = prepare(c, false);
  if (stopped_before_running(c.out)) return kExitFailure;
  const ExperimentOptions o = experiment_options(c, args);
  const ExperimentResult r = run_experiment(s, o);
  std::cout << "attachsim: " << (s.meta.name.empty() ? c.scenario : s.meta.name) << " - "
            << s.run.dyads << " dyads from birth to " << std::setprecision(3)
            << months_of(s.run.days) << " months, seed " << s.run.seed << ", "
            << tbb::info::default_concurrency() << " cores available\n";
  print_assessments(r.first_baseline, s.variant.present ? "[baseline] " : "");
  if (s.variant.present) {
    print_assessments(r.first_variant, "[variant] ");
    print_differences(r.first_difference, s.variant.name);
  }
  const double pct_attached = measure(r.first_baseline, s.run.days, "", "pct_attached");
  if (std::isfinite(pct_attached))
    std::cout << std::fixed << std::setprecision(1) << "At the end: " << pct_attached
              << "% with a discriminated attachment; strategies open "
              << measure(r.first_baseline, s.run.days, "", "pct_open") << "%, minimising "
              << measure(r.first_baseline, s.run.days, "", "pct_minimising") << "%, maximising "
              << measure(r.first_baseline, s.run.days, "", "pct_maximising") << "%, conflict "
              << measure(r.first_baseline, s.run.days, "", "pct_conflict") << "%\n";
  if (r.seconds > 0)
    std::cout << std::setprecision(2) << "Simulated " << r.dyad_days / 1e6
              << " million dyad-days in " << r.seconds << " s (" << r.dyad_days / r.seconds / 1e6
              << " M dyad-days/s)\n";
  if (!r.interrupted)
    std::cout << "Wrote " << c.out << "/{runs,timeseries," << (s.output.dyads ? "dyads," : "")
              << "summary}.csv and manifest.json\n";
  return finish_message(r, c.out, false);
}

// The sweep's results at a glance, from its summary.csv: one row per point and arm at
// the last assessment of the primary caregiver, means over replicates with the 95%
// confidence interval of the main effect (the paired difference's d when there is a variant).
void print_sweep_table(const std::string& out) {
  std::ifstream in(out + "/summary.csv");
  std::string line;
  if (!std::getline(in, line)) return;
  const std::vector<std::string> header = split_csv_line(line);
  const auto column = [&](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t arm = column("arm"), age = column("age_days"), caregiver = column("caregiver"),
                    group = column("subgroup"), name = column("measure"), mean = column("mean"),
                    low = column("ci_low"), high = column("ci_high"), n = column("n");
  if (high >= header.size()) return;
  struct Row {
    std::string point, arm;
    std::map<std::string, std::array<std::string, 4>> values;  // mean, low, high, n
  };
  std::vector<Row> rows;
  std::string last_age;
  std::vector<std::vector<std::string>> records;
  while (std::getline(in, line)) {
    std::vector<std::string> f = split_csv_line(line);
    if (f.size() != header.size() || f[caregiver] != "primary" || f[group] != "all") continue;
    if (last_age.empty() || std::stod(f[age]) > std::stod(last_age)) last_age = f[age];
    records.push_back(std::move(f));
  }
  for (const auto& f : records) {
    if (f[age] != last_age) continue;
    std::string point;
    for (std::size_t i = 0; i < arm; ++i) point += (i ? " " : "") + f[i];
    if (rows.empty() || rows.back().point != point || rows.back().arm != f[arm])
      rows.push_back({point, f[arm], {}});
    rows.back().values[f[name]] = {f[mean], f[low], f[high], f[n]};
  }
  if (rows.empty()) return;
  const auto value = [](const Row& r, const char* measure, int precision) {
    const auto it = r.values.find(measure);
    if (it == r.values.end() || it->second[0].empty()) return std::string("-");
    std::ostringstream text;
    text << std::fixed << std::setprecision(precision) << std::stod(it->second[0]);
    return text.str();
  };
  std::string axes;
  for (std::size_t i = 0; i < arm; ++i) axes += (i ? " " : "") + header[i];
  std::size_t width = axes.size() + 2;
  for (const Row& r : rows) width = std::max(width, r.point.size() + 2);
  const int w = static_cast<int>(width);
  std::cout << "Results at " << std::fixed << std::setprecision(1)
            << months_of(static_cast<std::uint32_t>(std::stod(last_age)))
            << " months (primary caregiver; means over replicates; " << out
            << "/summary.csv has every measure):\n"
            << "  " << std::left << std::setw(w) << axes << std::setw(11) << "arm" << std::right
            << std::setw(7) << "B%" << std::setw(7) << "A%" << std::setw(7) << "C%" << std::setw(8)
            << "D+CC%" << std::setw(8) << "r"
            << "   d(security) [95% CI]\n";
  for (const Row& r : rows) {
    std::cout << "  " << std::left << std::setw(w) << r.point << std::setw(11) << r.arm
              << std::right;
    if (r.arm == "difference") {
      std::cout << std::setw(7) << value(r, "diff_pct_B", 1) << std::setw(7)
                << value(r, "diff_pct_A", 1) << std::setw(7) << value(r, "diff_pct_C", 1)
                << std::setw(8) << value(r, "diff_pct_D_CC", 1) << std::setw(8) << "";
      if (const auto it = r.values.find("d_security");
          it != r.values.end() && !it->second[0].empty()) {
        std::cout << "   " << value(r, "d_security", 2);
        if (!it->second[1].empty())
          std::cout << " [" << std::setprecision(2) << std::stod(it->second[1]) << ", "
                    << std::stod(it->second[2]) << "]";
      }
    } else {
      std::cout << std::setw(7) << value(r, "pct_B", 1) << std::setw(7) << value(r, "pct_A", 1)
                << std::setw(7) << value(r, "pct_C", 1) << std::setw(8) << value(r, "pct_D_CC", 1)
                << std::setw(8) << value(r, "r_sensitivity_security", 3);
    }
    std::cout << "\n";
  }
}

struct SweepOptions {
  unsigned jobs = 1;
  std::string shard = "0/1";
  bool resume = false;
};

int sweep_command(const Common& c, const SweepOptions& w, const std::string& args) {
  auto limit = thread_limit(threads_of(c.threads));
  const Scenario s = prepare(c, true);
  ExperimentOptions o = experiment_options(c, args);
  o.sweep = true;
  o.jobs = w.jobs;
  o.resume = w.resume;
  const auto slash = w.shard.find('/');
  const auto bad_shard = [&] {
    return ParameterError("--shard " + w.shard +
                          ": not a shard; allowed: i/N with whole numbers 0 <= i < N <= " +
                          std::to_string(std::numeric_limits<std::uint32_t>::max()) + ", e.g. 0/4");
  };
  if (slash == std::string::npos) throw bad_shard();
  try {
    const std::uint64_t limit_n = std::numeric_limits<std::uint32_t>::max();
    o.shard_index =
        static_cast<std::uint32_t>(whole_number("--shard", w.shard.substr(0, slash), 0, limit_n));
    o.shard_count =
        static_cast<std::uint32_t>(whole_number("--shard", w.shard.substr(slash + 1), 1, limit_n));
  } catch (const ParameterError&) {
    throw bad_shard();
  }
  if (o.shard_index >= o.shard_count) throw bad_shard();
  if (stopped_before_running(c.out)) return kExitFailure;
  const ExperimentResult r = run_experiment(s, o);
  if (r.already_complete) {
    std::cout << "attachsim sweep: " << c.out << " is already complete (" << r.units_done << " of "
              << r.units << " units of shard " << w.shard << "); nothing to do\n";
    return 0;
  }
  const std::uint32_t points = static_cast<std::uint32_t>(sweep_points(s).size());
  std::cout << "attachsim sweep: " << (s.meta.name.empty() ? c.scenario : s.meta.name) << " - "
            << points << " points x " << s.sweep.replicates << " replicates"
            << (s.variant.present ? " x 2 arms" : "") << ", " << s.run.dyads
            << " dyads each; shard " << w.shard << ": " << r.units_done << " of " << r.units
            << " units complete (" << r.units_resumed << " kept from before)\n";
  if (r.seconds > 0)
    std::cout << std::fixed << std::setprecision(1) << "Simulated " << r.dyad_days / 1e6
              << " million dyad-days in " << r.seconds << " s\n";
  if (!r.interrupted || r.cleanup_stopped) print_sweep_table(c.out);
  if (r.units_damaged > 0)
    std::cout << r.units_damaged << " damaged part(s) found in " << c.out
              << "/parts were run again\n";
  if (!r.interrupted || r.cleanup_stopped)
    std::cout << "Wrote " << c.out << "/{runs,timeseries," << (s.output.dyads ? "dyads," : "")
              << "summary}.csv and manifest.json\n";
  return finish_message(r, c.out, true);
}

int check_command(const std::vector<std::string>& files) {
  int status = 0;
  for (const std::string& f : files) {
    try {
      const Scenario s = load_scenario(resolve_scenario(f));
      check_runnable(s);
      const auto points = sweep_points(s).size();
      std::cout << f << ": ok - " << (s.meta.name.empty() ? "(no name)" : s.meta.name) << "; "
                << s.subgroups.size() << " subgroup(s), " << s.events.size() << " event(s)"
                << (s.sweep.present ? ", sweep of " + std::to_string(points) + " point(s) x " +
                                          std::to_string(s.sweep.replicates) + " replicate(s)"
                                    : "")
                << (s.variant.present ? ", paired variant '" + s.variant.name + "'" : "") << "\n";
    } catch (const ScenarioError& e) {
      std::cerr << e.what() << "\n";
      status = kExitBadInput;
    } catch (const ParameterError& e) {
      std::cerr << f << ": " << e.what() << "\n";
      status = kExitBadInput;
    }
  }
  return status;
}

int validate_targets(std::uint32_t dyads, std::uint64_t seed, int threads,
                     const std::vector<std::string>& sets) {
  auto limit = thread_limit(threads);
  Scenario population;  // the targets' populations are run one at a time
  population.run.dyads = dyads;
  population.run.dyads_origin = "--dyads";
  check_memory(population, 1);
  CalibrationOptions options;
  options.overrides = parse_sets(sets);
  options.dyads = dyads;
  options.seed = seed;
  const auto results = evaluate_targets(options);
  bool all = true;
  std::cout << std::left << std::setw(4) << "id" << std::setw(46) << "measure" << std::right
            << std::setw(10) << "target" << std::setw(18) << "allowed" << std::setw(11)
            << "simulated"
            << "  pass\n";
  for (const auto& r : results) {
    std::ostringstream allowed;
    allowed << std::fixed << std::setprecision(2) << r.low << ".." << r.high;
    std::cout << std::left << std::setw(4) << r.id << std::setw(46) << r.measure << std::right
              << std::fixed << std::setprecision(2) << std::setw(10) << r.target << std::setw(18)
              << allowed.str() << std::setw(11) << r.simulated << "  " << (r.pass ? "yes" : "NO")
              << "\n";
    all = all && r.pass;
  }
  std::cout << (all ? "All targets met.\n" : "Some targets are not met.\n");
  return all ? 0 : kExitFailure;
}

void describe(bool json) {
  if (json) {
    nlohmann::ordered_json table = nlohmann::ordered_json::array();
    for (const ParameterInfo& p : parameter_table())
      table.push_back({{"name", p.name},
                       {"unit", p.unit},
                       {"min", p.min},
                       {"max", p.max},
                       {"default", p.default_value},
                       {"integer", p.integer()},
                       {"help", p.help}});
    std::cout << table.dump(2) << "\n";
    return;
  }
  std::cout << "name,unit,min,max,default,help\n";
  for (const ParameterInfo& p : parameter_table())
    std::cout << csv_field(std::string(p.name)) << ',' << csv_field(std::string(p.unit)) << ','
              << shortest(p.min) << ',' << shortest(p.max) << ',' << shortest(p.default_value)
              << ",\"" << p.help << "\"\n";
}

// The commands, for did-you-mean.
constexpr const char* kCommands[] = {"run", "sweep", "merge", "check", "validate", "describe"};

// An unknown first word: one line naming it, the nearest command and the allowed ones.
std::optional<std::string> unknown_command(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  const std::string word = argv[1];
  std::string nearest;
  std::size_t best = std::string::npos;
  for (const char* c : kCommands) {
    if (word == c) return std::nullopt;
    if (const std::size_t d = edit_distance(word, c); d < best) best = d, nearest = c;
  }
  std::string allowed;
  for (const char* c : kCommands) allowed += (allowed.empty() ? "" : ", ") + std::string(c);
  return "'" + word + "' is not a command" +
         (best <= 3 ? "; did you mean '" + nearest + "'?" : std::string()) +
         " allowed: " + allowed + " (attachsim --help)";
}

int dispatch(int argc, char** argv) {
  if (const std::optional<std::string> problem = unknown_command(argc, argv)) {
    std::cerr << "attachsim: " << *problem << "\n";
    return kExitBadInput;
  }
  CLI::App app{"attachsim: an agent-based simulation of how caregiver-infant attachment forms"};
  app.set_version_flag("--version", build_info());
  app.require_subcommand(1);
  const std::string args = command_line(argc, argv);

  Common run_options;
  auto* run_cmd =
      app.add_subcommand("run",
                         "Run a scenario once and write its CSV files\n"
                         "Example: attachsim run scenarios/depression.toml --out out/depression");
  add_common(run_cmd, run_options, false);

  Common sweep_common;
  SweepOptions sweep_options;
  auto* sweep_cmd = app.add_subcommand(
      "sweep",
      "Run a scenario's sweep (points x replicates, and its paired variant)\n"
      "Example: attachsim sweep scenarios/sensitivity_dose.toml --out out/dose --jobs 2");
  add_common(sweep_cmd, sweep_common, true);
  std::string sweep_jobs = "1";
  sweep_cmd->add_option("--jobs", sweep_jobs, "Runs at once (1 to 256)");
  sweep_cmd->add_option("--shard", sweep_options.shard,
                        "Run only shard i of N (i/N), to merge later");
  sweep_cmd->add_flag("--resume", sweep_options.resume,
                      "Keep the completed runs in --out and run the rest");

  std::vector<std::string> merge_dirs;
  std::string merge_out;
  auto* merge_cmd = app.add_subcommand("merge",
                                       "Merge the folders of a sharded sweep\n"
                                       "Example: attachsim merge out/s0 out/s1 --out out/all");
  merge_cmd->add_option("folders", merge_dirs, "Shard folders")->required();
  merge_cmd->add_option("--out", merge_out, "Output folder")->required();

  std::vector<std::string> check_files;
  auto* check_cmd = app.add_subcommand("check",
                                       "Check scenario files without running them\n"
                                       "Example: attachsim check scenarios/*.toml");
  check_cmd->add_option("scenario", check_files, "Scenario files")->required();

  std::string validate_dyads = "10000", validate_seed = "20240601", validate_threads = "0";
  bool validate_quick = false;
  std::vector<std::string> validate_sets;
  auto* validate_cmd =
      app.add_subcommand("validate",
                         "Run calibration targets C1-C6 and report each; exit 0 only if all pass\n"
                         "Example: attachsim validate --quick");
  validate_cmd->add_option("--dyads", validate_dyads, "Dyads per population (100 to 50,000,000)");
  validate_cmd->add_flag("--quick", validate_quick, "Fewer dyads (4,000): faster, noisier");
  validate_cmd->add_option("--seed", validate_seed, "Random seed (0 to 2^64-1)");
  validate_cmd->add_option("--threads", validate_threads,
                           "Worker threads (0 = all cores, at most 1024)");
  validate_cmd->add_option("--set", validate_sets, "Override a parameter: --set name=value");

  bool describe_json = false;
  auto* describe_cmd = app.add_subcommand("describe",
                                          "Print the parameter table (CSV, or JSON with --json)\n"
                                          "Example: attachsim describe --json");
  describe_cmd->add_flag("--json", describe_json, "JSON instead of CSV");

  try {
    app.parse(argc, argv);
  } catch (const CLI::RequiredError& e) {
    if (app.get_subcommands().empty()) {
      std::cerr << "attachsim: a command is required; allowed: run, sweep, merge, check, validate, "
                   "describe "
                   "(attachsim --help)\n";
      return kExitBadInput;
    }
    return app.exit(e) == 0 ? 0 : kExitBadInput;
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  // Commands that write an output folder stop cleanly on Ctrl-C/SIGTERM (checked
  // between days, parts and files: within a second); the others keep the
  // default, which ends them at once (they write nothing but standard output).
  if (*run_cmd || *sweep_cmd || *merge_cmd) {
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
  }
  // A file-size limit (ulimit -f) must fail the write, which is reported and
  // cleaned up, not kill the process and leave temporary files behind.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    // No --out: out/<scenario name>, never one shared folder that each run silently replaces.
    if (*run_cmd && run_cmd->count("--out") == 0)
      run_options.out = default_out(run_options.scenario);
    if (*sweep_cmd && sweep_cmd->count("--out") == 0)
      sweep_common.out = default_out(sweep_common.scenario);
    if (*run_cmd) return run_command(run_options, args);
    if (*sweep_cmd) {
      sweep_options.jobs = static_cast<unsigned>(whole_number("--jobs", sweep_jobs, 1, 256));
      return sweep_command(sweep_common, sweep_options, args);
    }
    if (*merge_cmd) {
      if (!merge_experiments(merge_dirs, merge_out, &g_stop)) {
        std::cerr << "attachsim: interrupted; " << merge_out << " is unchanged\n";
        return kExitFailure;
      }
      std::cout << "Merged " << merge_dirs.size() << " folders into " << merge_out << "\n";
      return 0;
    }
    if (*check_cmd) return check_command(check_files);
    if (*validate_cmd) {
      const auto dyads =
          static_cast<std::uint32_t>(whole_number("--dyads", validate_dyads, 100, kMaxDyads));
      const std::uint64_t seed =
          whole_number("--seed", validate_seed, 0, std::numeric_limits<std::uint64_t>::max());
      return validate_targets(validate_quick ? 4000 : dyads, seed, threads_of(validate_threads),
                              validate_sets);
    }
    if (*describe_cmd) {
      describe(describe_json);
      return 0;
    }
  } catch (const ScenarioError& e) {
    std::cerr << "attachsim: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const ParameterError& e) {
    std::cerr << "attachsim: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "attachsim: out of memory; allowed: fewer --dyads or --jobs\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "attachsim: " << e.what() << "\n";
    return kExitFailure;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe (attachsim ... | head -1) is a write error to report, not a
  // signal that kills the process: a finished result is already on disk by then.
  std::signal(SIGPIPE, SIG_IGN);
  const int code = dispatch(argc, argv);
  errno = 0;
  std::cout.flush();
  if (!std::cout || std::ferror(stdout)) {
    const int error = errno;
    std::cerr << "attachsim: cannot write to standard output"
              << (error ? std::string(" (") + std::strerror(error) + ")" : std::string()) << "\n";
    return code == 0 ? kExitFailure : code;
  }
  return code;
}
