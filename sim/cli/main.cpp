// attachsim: the command-line tool. Runs the default population, validates calibration, lists parameters.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "attachsim/assessment.hpp"
#include "attachsim/atomic_file.hpp"
#include "attachsim/calibration.hpp"
#include "attachsim/dyads_csv.hpp"
#include "attachsim/parameters.hpp"
#include "attachsim/simulation.hpp"

namespace {

using namespace attachsim;

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

struct RunOptions {
  std::uint32_t dyads = 10000;
  std::uint64_t seed = 1;
  int threads = 0;
  double months = 18;
  std::vector<double> assess_months{12};
  std::string out = "out";
  std::vector<std::string> sets;
};

std::optional<tbb::global_control> thread_limit(int threads) {
  if (threads <= 0) return std::nullopt;
  return std::optional<tbb::global_control>(std::in_place,
                                            tbb::global_control::max_allowed_parallelism,
                                            static_cast<std::size_t>(threads));
}

Parameters parameters_from(const std::vector<std::string>& sets) {
  Parameters p;
  for (const std::string& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos)
      throw ParameterError("--set " + s + ": expected key=value, e.g. --set primary.sensitivity=0.7");
    const std::string key = s.substr(0, eq), text = s.substr(eq + 1);
    double value = 0;
    std::size_t used = 0;
    try {
      value = std::stod(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text.size() || text.empty())
      throw ParameterError("--set " + key + ": '" + text + "' is not a number");
    p.set(key, value);
  }
  p.validate();
  return p;
}

void print_distribution(const std::vector<AssessmentRecord>& records, double months) {
  const ClassDistribution d = distribution(records);
  const SensitivityLinks links = sensitivity_links(records);
  std::cout << std::fixed << std::setprecision(1);
  std::cout << "Strange Situation at " << months << " months, " << records.size()
            << " infants with their primary caregiver\n";
  std::cout << "  4-way:  A " << 100 * d.share4(Class4::A) << "%  B " << 100 * d.share4(Class4::B)
            << "%  C " << 100 * d.share4(Class4::C) << "%  D " << 100 * d.share4(Class4::D)
            << "%   (U, no discriminated attachment: " << 100 * d.share4(Class4::U) << "% of all)\n";
  std::cout << "  3-way:  A " << 100 * d.share3(Class3::A) << "%  B " << 100 * d.share3(Class3::B)
            << "%  C " << 100 * d.share3(Class3::C) << "%\n";
  std::cout << std::setprecision(3) << "  r(caregiver sensitivity, security) = " << links.security
            << "\n";
}

int run(const RunOptions& o) {
  if (o.months <= 0 || o.months > kMaxDays / kDaysPerMonth)
    throw ParameterError("--months: " + std::to_string(o.months) +
                         " is out of range; allowed: more than 0 and at most 2135 (about 178 years)");
  const Parameters parameters = parameters_from(o.sets);
  const auto days = static_cast<std::uint32_t>(std::lround(o.months * kDaysPerMonth));
  std::vector<std::uint32_t> assess_days;
  for (double m : o.assess_months) {
    const auto d = static_cast<std::uint32_t>(std::lround(m * kDaysPerMonth));
    if (!(m > 0) || d > days)
      throw ParameterError("--assess: " + std::to_string(m) + " months is not within the run; allowed: more than 0 and at most --months (" + std::to_string(o.months) + ")");
    assess_days.push_back(d);
  }
  std::sort(assess_days.begin(), assess_days.end());
  auto limit = thread_limit(o.threads);

  const std::filesystem::path out_dir(o.out);
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    std::cerr << "attachsim: " << o.out << ": cannot create the output folder: " << error.message() << "\n";
    return kExitBadInput;
  }
  AtomicFile dyads_file(out_dir / "dyads.csv");
  dyads_file.stream() << dyads_csv_header();

  SimulationConfig config;
  config.seed = o.seed;
  config.dyads = o.dyads;
  config.history_days = 0;
  const auto start = std::chrono::steady_clock::now();
  Simulation sim(parameters, config);
  std::vector<AssessmentRecord> last;
  for (std::uint32_t d : assess_days) {
    sim.run_days(d - sim.day());
    last = assess_population(sim, kPrimarySlot);
    write_dyads_csv(dyads_file.stream(), last);
  }
  sim.run_days(days - sim.day());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  dyads_file.commit();

  std::cout << "attachsim: " << o.dyads << " dyads from birth to " << o.months << " months, seed "
            << o.seed << ", " << tbb::info::default_concurrency() << " cores available\n";
  if (!last.empty()) print_distribution(last, static_cast<double>(assess_days.back()) / kDaysPerMonth);
  const Aggregates& a = sim.aggregates();
  std::cout << std::setprecision(1) << "At " << o.months << " months: "
            << 100.0 * a.attached / a.dyads << "% with a discriminated attachment; strategies open "
            << 100 * a.share(Strategy::Open) << "%, minimising " << 100 * a.share(Strategy::Minimising)
            << "%, maximising " << 100 * a.share(Strategy::Maximising) << "%, conflict "
            << 100 * a.share(Strategy::Conflict) << "%\n";
  std::cout << std::setprecision(2) << "Simulated " << static_cast<double>(o.dyads) * days / 1e6
            << " million dyad-days in " << seconds << " s ("
            << static_cast<double>(o.dyads) * days / seconds / 1e6 << " M dyad-days/s)\n";
  std::cout << "Wrote " << (out_dir / "dyads.csv").string() << "\n";
  return 0;
}

int validate_targets(std::uint32_t dyads, std::uint64_t seed, int threads,
                     const std::vector<std::string>& sets) {
  auto limit = thread_limit(threads);
  CalibrationOptions options;
  const Parameters changed = parameters_from(sets);
  const Parameters defaults;
  for (std::size_t i = 0; i < kParameterCount; ++i)
    if (changed[static_cast<Param>(i)] != defaults[static_cast<Param>(i)])
      options.overrides.emplace_back(static_cast<Param>(i), changed[static_cast<Param>(i)]);
  options.dyads = dyads;
  options.seed = seed;
  const auto results = evaluate_targets(options);
  bool all = true;
  std::cout << std::left << std::setw(4) << "id" << std::setw(46) << "measure" << std::right
            << std::setw(10) << "target" << std::setw(18) << "allowed" << std::setw(11)
            << "simulated" << "  pass\n";
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

// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

void describe() {
  std::cout << "name,unit,min,max,default,help\n";
  for (const ParameterInfo& p : parameter_table())
    std::cout << csv_field(p.name) << ',' << csv_field(p.unit) << ',' << shortest(p.min) << ','
              << shortest(p.max) << ',' << shortest(p.default_value) << ",\"" << p.help << "\"\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"attachsim: an agent-based simulation of how caregiver-infant attachment forms"};
  app.set_version_flag("--version", std::string("attachsim ") + ATTACHSIM_VERSION);
  app.require_subcommand(1);

  RunOptions run_options;
  auto* run_cmd = app.add_subcommand("run", "Run the default population and write dyads.csv\n"
                                            "Example: attachsim run --dyads 10000 --seed 7 --out out/demo");
  run_cmd->add_option("--dyads", run_options.dyads, "Number of caregiver-infant dyads")
      ->check(CLI::Range(1u, kMaxDyads));
  run_cmd->add_option("--seed", run_options.seed, "Random seed (same seed, same output)");
  run_cmd->add_option("--threads", run_options.threads, "Worker threads (0 = all cores)")
      ->check(CLI::Range(0, 1024));
  run_cmd->add_option("--months", run_options.months, "Age at the end of the run, in months");
  run_cmd->add_option("--assess", run_options.assess_months,
                      "Ages (months) of the Strange Situation with the primary caregiver");
  run_cmd->add_option("--out", run_options.out, "Output folder");
  run_cmd->add_option("--set", run_options.sets, "Override a parameter: --set name=value");

  std::uint32_t validate_dyads = 10000;
  std::uint64_t validate_seed = 20240601;
  int validate_threads = 0;
  auto* validate_cmd = app.add_subcommand(
      "validate", "Run calibration targets C1-C6 and report each; exit 0 only if all pass\n"
                  "Example: attachsim validate --dyads 10000");
  validate_cmd->add_option("--dyads", validate_dyads, "Dyads per population")
      ->check(CLI::Range(100u, kMaxDyads));
  validate_cmd->add_option("--seed", validate_seed, "Random seed");
  validate_cmd->add_option("--threads", validate_threads, "Worker threads (0 = all cores)");
  std::vector<std::string> validate_sets;
  validate_cmd->add_option("--set", validate_sets, "Override a parameter: --set name=value");

  auto* describe_cmd = app.add_subcommand("describe", "Print the parameter table as CSV");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  try {
    if (*run_cmd) return run(run_options);
    if (*validate_cmd) return validate_targets(validate_dyads, validate_seed, validate_threads, validate_sets);
    if (*describe_cmd) {
      describe();
      return 0;
    }
  } catch (const ParameterError& e) {
    std::cerr << "attachsim: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "attachsim: " << e.what() << "\n";
    return kExitFailure;
  }
  return 0;
}
