// Runs scenarios and sweeps to an output folder: units in parallel jobs, verified parts, results
// published together.
//
// A run writes its files straight into a staged result. A sweep writes each
// completed (point, replicate) unit as one part file, parts/unit-NNNNNNNN.part,
// with a trailer that records each section's bytes and rows, the sweep's
// fingerprint and a CRC-32C (unit_part.hpp); the result is then assembled from
// the verified parts in unit order, so it does not depend on --jobs, --threads
// or sharding, and memory stays flat because nothing of a finished run is kept.
// Results are staged and published by one rename (output_folder.hpp); what
// survives which fault is in docs/reliability.md.
#include "attachsim/scenario/experiment.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "attachsim/durable_file.hpp"
#include "attachsim/dyads_csv.hpp"
#include "attachsim/folder.hpp"
#include "attachsim/scenario/fingerprint.hpp"
#include "attachsim/scenario/output_folder.hpp"
#include "attachsim/scenario/plan.hpp"
#include "attachsim/scenario/resources.hpp"
#include "attachsim/scenario/scenario_run.hpp"
#include "attachsim/scenario/unit_part.hpp"

#ifndef ATTACHSIM_VERSION
#define ATTACHSIM_VERSION "unknown"
#endif
#ifndef ATTACHSIM_GIT_COMMIT
#define ATTACHSIM_GIT_COMMIT "unknown"
#endif
#ifndef ATTACHSIM_CXX_FLAGS
#define ATTACHSIM_CXX_FLAGS ""
#endif

namespace attachsim::scenario {

namespace fs = std::filesystem;

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string compiler_name();

std::string build_info() {
  return std::string("attachsim ") + ATTACHSIM_VERSION + "\ngit commit " + ATTACHSIM_GIT_COMMIT +
         "\ncompiler " + compiler_name() + "\nflags " + ATTACHSIM_CXX_FLAGS + "\n";
}

// ---- SHA-256 (FIPS 180-4)
// --------------------------------------------------------------------------

std::string sha256_hex(const std::string& text) {
  static constexpr std::uint32_t k[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  std::uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string m = text;
  const std::uint64_t bits = static_cast<std::uint64_t>(text.size()) * 8;
  m += static_cast<char>(0x80);
  while (m.size() % 64 != 56) m += '\0';
  for (int i = 7; i >= 0; --i) m += static_cast<char>((bits >> (8 * i)) & 0xFF);
  const auto rotr = [](std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
  for (std::size_t block = 0; block < m.size(); block += 64) {
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = static_cast<std::uint32_t>(
                 static_cast<unsigned char>(m[block + 4 * static_cast<std::size_t>(i)]))
                 << 24 |
             static_cast<std::uint32_t>(
                 static_cast<unsigned char>(m[block + 4 * static_cast<std::size_t>(i) + 1]))
                 << 16 |
             static_cast<std::uint32_t>(
                 static_cast<unsigned char>(m[block + 4 * static_cast<std::size_t>(i) + 2]))
                 << 8 |
             static_cast<std::uint32_t>(
                 static_cast<unsigned char>(m[block + 4 * static_cast<std::size_t>(i) + 3]));
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t t1 =
          hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      const std::uint32_t t2 =
          (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  char out[65];
  for (int i = 0; i < 8; ++i) std::snprintf(out + 8 * i, 9, "%08x", h[i]);
  return std::string(out, 64);
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  for (char c : line) {
    if (c == ',')
      fields.push_back(field), field.clear();
    else
      field += c;
  }
  fields.push_back(field);
  return fields;
}

namespace {

const char* const kArms[] = {"baseline", "variant", "difference"};

std::string num(double v) {
  return std::isfinite(v) ? shortest(v) : std::string();
}

// What every file of one sweep shares.
struct Design {
  Scenario scenario;  // with --set applied
  std::vector<Point> points;
  std::uint32_t replicates = 1;
  std::uint32_t arms = 1;
  std::uint32_t units = 1;
  bool sweep = false;
  std::string scenario_name;
  Fingerprint fingerprint_fields;  // everything that determines the output
  std::string fingerprint;         // its hash: in the manifest and every part's trailer
  std::vector<std::string> axis_names;
  std::vector<bool> axis_is_parameter;
  bool write_dyads = true;

  std::uint32_t point_of(std::uint32_t unit) const { return unit / replicates; }
  std::uint32_t replicate_of(std::uint32_t unit) const { return unit % replicates; }
  std::uint64_t seed_of(std::uint32_t unit) const {
    return sweep ? run_seed(scenario, point_of(unit), replicate_of(unit)) : scenario.run.seed;
  }
};

Design design_of(const Scenario& s, bool sweep) {
  Design d;
  d.scenario = s;
  d.sweep = sweep;
  if (!sweep) {
    d.scenario.sweep.axes.clear();
    d.scenario.sweep.replicates = 1;
  }
  d.points = sweep_points(d.scenario);
  d.replicates = sweep ? d.scenario.sweep.replicates : 1;
  d.arms = s.variant.present ? 2 : 1;
  d.units = static_cast<std::uint32_t>(d.points.size()) * d.replicates;
  d.scenario_name = !s.meta.name.empty() ? s.meta.name : fs::path(s.path).stem().string();
  for (const Axis& a : d.scenario.sweep.axes) {
    d.axis_names.push_back(a.name);
    d.axis_is_parameter.push_back(a.parameter.has_value());
  }
  d.write_dyads = s.output.dyads;
  Fingerprint& f = d.fingerprint_fields;
  f.add("program",
        std::string("attachsim ") + ATTACHSIM_VERSION + " (commit " + ATTACHSIM_GIT_COMMIT + ")");
  f.add("mode", sweep ? "sweep" : "run");
  // The scenario's text with every base file's text before it (Scenario::text), and --set.
  f.add("scenario", sha256_hex(s.text));
  std::string overrides;
  for (const ParameterSetting& o : s.overrides) {
    if (!overrides.empty()) overrides += ' ';
    overrides += info(o.parameter).name;
    overrides += '=';
    overrides += o.value.describe();
  }
  f.add("--set", overrides);
  f.add("dyads", std::to_string(s.run.dyads));
  f.add("days", std::to_string(s.run.days));
  f.add(sweep ? "master seed" : "seed",
        std::to_string(sweep ? master_seed(d.scenario) : s.run.seed));
  f.add("common random numbers", d.scenario.sweep.common_random_numbers ? "yes" : "no");
  f.add("points", std::to_string(d.points.size()));
  f.add("replicates", std::to_string(d.replicates));
  f.add("arms", std::to_string(d.arms));
  d.fingerprint = f.hash();
  return d;
}

const std::vector<std::string>& axis_names(const Design& d) {
  return d.axis_names;
}

std::string runs_header(const Design& d) {
  std::string h = "run_id,point_id,replicate,arm,seed,scenario,dyads,days";
  for (std::size_t j = 0; j < d.axis_names.size(); ++j)
    if (!d.axis_is_parameter[j]) {
      h += ',';
      h += csv_field(d.axis_names[j]);
    }
  for (const ParameterInfo& p : parameter_table()) {
    h += ',';
    h += p.name;
  }
  return h + ",status,wall_s\n";
}

std::string runs_row(const Design& d, std::uint32_t unit, std::uint32_t arm,
                     const Scenario& concrete, const char* status, double wall) {
  const std::uint32_t run_id = unit * d.arms + arm;
  std::string row = std::to_string(run_id) + "," + std::to_string(d.point_of(unit)) + "," +
                    std::to_string(d.replicate_of(unit)) + "," + kArms[arm] + "," +
                    std::to_string(d.seed_of(unit)) + "," + csv_field(d.scenario_name) + "," +
                    std::to_string(concrete.run.dyads) + "," + std::to_string(concrete.run.days);
  const Point& p = d.points[d.point_of(unit)];
  for (std::size_t j = 0; j < d.axis_names.size(); ++j)
    if (!d.axis_is_parameter[j]) {
      row += ',';
      row += num(p.values[j]);
    }
  const Parameters values = common_parameters(concrete);
  for (std::size_t i = 0; i < kParameterCount; ++i) {
    row += ',';
    row += num(values[static_cast<Param>(i)]);
  }
  return row + "," + status + "," + num(std::round(wall * 1000) / 1000) + "\n";
}

const char* const kTimeseriesMeasures =
    "share_open,share_minimising,share_maximising,share_conflict,share_no_strategy,"
    "share_attached,security_expectation_mean,security_expectation_sd,infant_arousal_mean,"
    "infant_arousal_sd,exploration_mean,exploration_sd,caregiver_sensitivity_mean,"
    "caregiver_sensitivity_sd,caregiver_stress_mean,caregiver_stress_sd,share_caregivers_depressed";

std::string timeseries_header(const Design& d) {
  std::string h = "run_id,arm,step,age_days";
  for (const std::string& a : axis_names(d)) {
    h += ',';
    h += csv_field(a);
  }
  return h + "," + kTimeseriesMeasures + "\n";
}

std::string axis_values(const Design& d, std::uint32_t unit) {
  std::string out;
  for (double v : d.points[d.point_of(unit)].values) {
    out += ',';
    out += num(v);
  }
  return out;
}

std::string timeseries_row(std::uint32_t run_id, std::uint32_t arm, const std::string& axes,
                           const Aggregates& a) {
  const double n = a.dyads ? a.dyads : 1;
  std::string row = std::to_string(run_id) + "," + kArms[arm] + "," + std::to_string(a.day) + "," +
                    std::to_string(a.day) + axes;
  for (Strategy s : {Strategy::Open, Strategy::Minimising, Strategy::Maximising, Strategy::Conflict,
                     Strategy::None}) {
    row += ',';
    row += num(a.share(s));
  }
  row += ',';
  row += num(a.attached / n);
  for (const MeanSd* m : {&a.security_expectation, &a.infant_arousal, &a.exploration,
                          &a.caregiver_sensitivity, &a.caregiver_stress}) {
    row += ',';
    row += num(m->mean);
    row += ',';
    row += num(m->sd);
  }
  return row + "," + num(a.caregivers_depressed / n) + "\n";
}

std::string dyads_header() {
  return "run_id,arm,subgroup,caregiver_id," + dyads_csv_header();
}

std::string summary_header(const Design& d) {
  std::string h = "point_id";
  for (const std::string& a : axis_names(d)) {
    h += ',';
    h += csv_field(a);
  }
  return h + ",arm,age_days,caregiver,subgroup,measure,n,mean,sd,ci_low,ci_high\n";
}

void write_measures(std::string& out, std::uint32_t run_id, std::uint32_t arm,
                    const std::vector<Measure>& ms) {
  for (const Measure& m : ms) {
    out += std::to_string(run_id) + ',' + kArms[arm] + ',' + std::to_string(m.age_days) + ',' +
           m.caregiver + ',' + m.subgroup + ',' + m.name + ',' + num(m.value) + '\n';
  }
}

// summary.csv, point by point: the measures of a point's replicates (consecutive
// units) are collected, then written as one row per measure with its spread.
class SummaryWriter {
 public:
  SummaryWriter(std::ostream& out, const Design& d) : out_(out), d_(d) {
    out_ << summary_header(d);
  }
  // The measures rows of one complete unit (units in ascending order).
  void add(std::uint32_t unit, const std::string& measures) {
    const std::uint32_t p = d_.point_of(unit);
    if (p != point_) flush();
    point_ = p;
    std::size_t start = 0;
    while (start < measures.size()) {
      std::size_t end = measures.find('\n', start);
      if (end == std::string::npos) end = measures.size();
      const std::vector<std::string> f = split_csv_line(measures.substr(start, end - start));
      start = end + 1;
      if (f.size() != 7) continue;
      const std::string key = f[1] + "," + f[2] + "," + f[3] + "," + f[4] + "," + f[5];
      auto [it, fresh] = values_.try_emplace(key);
      if (fresh) keys_.push_back(key);
      it->second.push_back(f[6].empty() ? std::nan("") : std::stod(f[6]));
    }
  }
  void flush() {
    if (keys_.empty()) return;
    const std::string axes = axis_values(d_, point_ * d_.replicates);
    for (const std::string& key : keys_) {
      const Spread s = spread(values_[key]);
      out_ << point_ << axes << ',' << key << ',' << s.n << ',' << num(s.mean) << ',' << num(s.sd)
           << ',' << num(s.ci_low) << ',' << num(s.ci_high) << '\n';
    }
    keys_.clear();
    values_.clear();
  }

 private:
  std::ostream& out_;
  const Design& d_;
  std::uint32_t point_ = 0;
  std::vector<std::string> keys_;
  std::map<std::string, std::vector<double>> values_;
};

}  // namespace

std::string compiler_name() {
#if defined(__clang__)
  return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  return std::string("gcc ") + __VERSION__;
#else
  return "unknown";
#endif
}

namespace {

// A stop (Ctrl-C, SIGTERM) while the result is assembled or parts are checked.
struct Stopped {};

bool stopping(const ExperimentOptions& o) {
  return o.stop && o.stop->load();
}

nlohmann::ordered_json fingerprint_json(const Fingerprint& f) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [name, value] : f.fields) j[name] = value;
  return j;
}

Fingerprint fingerprint_of(const nlohmann::json& manifest) {
  Fingerprint f;
  if (manifest.contains("fingerprint_fields") && manifest["fingerprint_fields"].is_object())
    for (const auto& [name, value] : manifest["fingerprint_fields"].items())
      f.add(name, value.is_string() ? value.get<std::string>() : value.dump());
  return f;
}

// A manifest's JSON text; invalid UTF-8 in a path or the command line is
// replaced (U+FFFD) rather than failing the run.
std::string manifest_text(const Design& d, const ExperimentOptions& o, const std::string& started,
                          const std::string& status, std::uint32_t done, std::uint32_t units_here,
                          const nlohmann::ordered_json& files = nlohmann::ordered_json::object()) {
  nlohmann::ordered_json j;
  j["attachsim_version"] = ATTACHSIM_VERSION;
  j["git_commit"] = ATTACHSIM_GIT_COMMIT;
  j["compiler"] = compiler_name();
  j["compiler_flags"] = ATTACHSIM_CXX_FLAGS;
  j["command_line"] = o.command_line;
  j["scenario"] = {{"path", d.scenario.path},
                   {"name", d.scenario_name},
                   {"sha256", sha256_hex(d.scenario.text)},
                   {"text", d.scenario.text}};
  j["overrides"] = o.sets;
  j["fingerprint"] = d.fingerprint;
  j["fingerprint_fields"] = fingerprint_json(d.fingerprint_fields);
  j["mode"] = d.sweep ? "sweep" : "run";
  j["dyads"] = d.scenario.run.dyads;
  j["days"] = d.scenario.run.days;
  j["seed"] = d.sweep ? master_seed(d.scenario) : d.scenario.run.seed;
  j["seed_rule"] = d.sweep ? (d.scenario.sweep.common_random_numbers
                                  ? "splitmix64(master seed, replicate): common random numbers"
                                  : "splitmix64(master seed, point, replicate)")
                           : "the scenario's seed";
  j["common_random_numbers"] = d.scenario.sweep.common_random_numbers;
  j["points"] = d.points.size();
  nlohmann::ordered_json axes = nlohmann::ordered_json::array();
  for (std::size_t a = 0; a < d.axis_names.size(); ++a)
    axes.push_back(
        {{"name", d.axis_names[a]}, {"parameter", static_cast<bool>(d.axis_is_parameter[a])}});
  j["axes"] = axes;
  nlohmann::ordered_json values = nlohmann::ordered_json::array();
  for (const Point& p : d.points) values.push_back(p.values);
  j["point_values"] = values;
  j["write_dyads"] = d.write_dyads;
  j["scenario_name"] = d.scenario_name;
  j["replicates"] = d.replicates;
  j["arms"] = d.arms;
  j["runs"] = d.units * d.arms;
  j["shard"] = std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count);
  j["units_in_shard"] = units_here;
  j["units_complete"] = done;
  j["threads"] = o.threads;
  j["jobs"] = o.jobs;
  j["started"] = started;
  j["finished"] = utc_now();
  j["status"] = status;
  j["files"] = files;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

nlohmann::json parse_manifest(const std::string& text) {
  if (text.empty()) return {};
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

// The bytes, rows and CRC-32C of a result file, as recorded in its manifest.
nlohmann::ordered_json file_record(DurableFile& f) {
  char crc[9];
  std::snprintf(crc, sizeof crc, "%08x", f.crc());
  return {{"bytes", f.bytes()}, {"rows", f.lines()}, {"crc32c", crc}};
}

// The rows that mark interrupted runs in runs.csv, by unit.
using InterruptedRows = std::map<std::uint32_t, std::string>;

// The result's files, written into a staging folder.
struct ResultFiles {
  DurableFile& runs;
  DurableFile& timeseries;
  DurableFile* dyads;
  DurableFile& summary;

  // `dyads_started`: a run's dyads.csv, already written with its header.
  ResultFiles(OutputFolder::Staging& staging, const Design& d, bool dyads_started = false)
      : runs(staging.file("runs.csv")),
        timeseries(staging.file("timeseries.csv")),
        dyads(d.write_dyads ? &staging.file("dyads.csv") : nullptr),
        summary(staging.file("summary.csv")) {
    runs.stream() << runs_header(d);
    timeseries.stream() << timeseries_header(d);
    if (dyads && !dyads_started) dyads->stream() << dyads_header();
  }
  void check() {
    runs.check();
    timeseries.check();
    if (dyads) dyads->check();
    summary.check();
  }
  // The manifest, with each file's record, written last.
  void finish(OutputFolder::Staging& staging,
              const std::function<std::string(const nlohmann::ordered_json&)>& manifest) {
    check();
    nlohmann::ordered_json files = nlohmann::ordered_json::object();
    files["runs.csv"] = file_record(runs);
    files["timeseries.csv"] = file_record(timeseries);
    if (dyads) files["dyads.csv"] = file_record(*dyads);
    files["summary.csv"] = file_record(summary);
    DurableFile& m = staging.file("manifest.json");
    m.stream() << manifest(files);
    m.check();
  }
};

// Assembles the result of `units` from verified parts (parts[unit] is the folder
// holding each complete unit's part) into `staging`. Throws ScenarioError naming
// a damaged part, Stopped when stopped; either way nothing is published.
void assemble(OutputFolder::Staging& staging, const Design& d,
              const std::vector<std::uint32_t>& units, const std::vector<const Folder*>& parts,
              const std::vector<bool>& complete, const InterruptedRows& interrupted_rows,
              const std::atomic<bool>* stop,
              const std::function<std::string(const nlohmann::ordered_json&)>& manifest) {
  ResultFiles files(staging, d);
  SummaryWriter summary(files.summary.stream(), d);
  std::string measures;
  for (std::uint32_t u : units) {
    if (stop && stop->load()) throw Stopped{};
    if (!complete[u]) {
      // runs.csv stays in run_id order whichever job stopped first.
      if (const auto rows = interrupted_rows.find(u); rows != interrupted_rows.end())
        files.runs.stream() << rows->second;
      continue;
    }
    measures.clear();
    const std::string problem =
        read_part(*parts[u], u, d.fingerprint, [&](Section section, std::string_view bytes) {
          switch (section) {
            case Section::Dyads:
              if (files.dyads) files.dyads->stream() << bytes;
              break;
            case Section::Timeseries:
              files.timeseries.stream() << bytes;
              break;
            case Section::Measures:
              measures += bytes;
              break;
            case Section::Runs:
              files.runs.stream() << bytes;
              break;
          }
        });
    if (!problem.empty())
      throw ScenarioError(
          parts[u]->path(part_name(u)).string() + ": " + problem +
          "; allowed: parts as attachsim wrote them (run the sweep again with --resume, "
          "which runs damaged units again)");
    summary.add(u, measures);
    files.check();  // a full disk is reported at once, not at the end
  }
  summary.flush();
  files.finish(staging, manifest);
}

// One unit's rows on their way to disk: dyads rows are streamed (to a part,
// or straight into a run's staged dyads.csv); the others are short and kept.
struct UnitRows {
  std::ostream* dyads = nullptr;
  std::function<void()> check_dyads;
  std::string timeseries, measures, runs;
};

struct UnitOutcome {
  bool complete = false;
  std::vector<Measure> measures[3];
  double dyad_days = 0;
};

class Progress {
 public:
  Progress(bool enabled, double total) : enabled_(enabled), total_(total) {
    if (enabled_) thread_ = std::thread([this] { loop(); });
  }
  ~Progress() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  void add(double work) {
    done_work_.fetch_add(static_cast<std::uint64_t>(work), std::memory_order_relaxed);
  }
  void unit_done() { units_.fetch_add(1, std::memory_order_relaxed); }

 private:
  void loop() {
    const auto start = std::chrono::steady_clock::now();
    const bool tty = isatty(STDERR_FILENO) != 0;
    auto last_line = start;
    bool drawn = false;
    for (;;) {
      bool finishing = false;
      {
        // Woken at once when the work ends: no process waits for a sleeping progress thread.
        std::unique_lock lock(mutex_);
        finishing = wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return done_; });
      }
      const auto now = std::chrono::steady_clock::now();
      const double elapsed = std::chrono::duration<double>(now - start).count();
      if (elapsed < 1.0 && !finishing) continue;  // nothing for runs shorter than a second
      if (finishing && !drawn) return;
      const double fraction =
          total_ > 0 ? std::min(1.0, static_cast<double>(done_work_.load()) / total_) : 1.0;
      const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
      char text[160];
      std::snprintf(text, sizeof text, "%5.1f%%  %u units done  %.0f s elapsed  ~%.0f s left",
                    100 * fraction, units_.load(), elapsed, eta);
      if (tty) {
        const int width = 30;
        const int filled = static_cast<int>(fraction * width);
        std::fprintf(stderr, "\r[%s%s] %s",
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), '.').c_str(), text);
        drawn = true;
        if (finishing) std::fprintf(stderr, "\n");
      } else if (finishing || std::chrono::duration<double>(now - last_line).count() >= 5.0 ||
                 !drawn) {
        std::fprintf(stderr, "attachsim: %s\n", text);
        last_line = now;
        drawn = true;
      }
      std::fflush(stderr);
      if (finishing) return;
    }
  }
  bool enabled_;
  double total_;
  std::atomic<std::uint64_t> done_work_{0};
  std::atomic<std::uint32_t> units_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

// Runs one unit (both arms) into `rows`. Stops early, incomplete, when `o.stop`
// is set (a signal: the unit's rows are marked interrupted) or `abort` is
// (another unit failed).
UnitOutcome run_unit(const Design& d, std::uint32_t unit, const ExperimentOptions& o,
                     const std::atomic<bool>& abort, Progress& progress,
                     InterruptedRows& interrupted_rows, std::mutex& rows_mutex, UnitRows& rows) {
  UnitOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  const Scenario baseline = at_point(d.scenario, d.points[d.point_of(unit)]);
  std::vector<Scenario> arms{baseline};
  if (d.arms == 2) arms.push_back(variant_of(baseline));
  const std::uint64_t seed = d.seed_of(unit);
  const std::string axes = axis_values(d, unit);
  std::vector<double> walls;
  for (std::uint32_t arm = 0; arm < d.arms; ++arm) {
    const auto arm_start = std::chrono::steady_clock::now();
    const std::uint32_t run_id = unit * d.arms + arm;
    ScenarioRun run(arms[arm], seed);
    if (rows.dyads)
      run.on_assessment = [&](const AssessmentResult& result) {
        const std::string run_prefix = std::to_string(run_id) + ',' + kArms[arm] + ',';
        std::string line;
        for (const AssessmentRecord& r : result.records) {
          // Appended piece by piece: no temporary strings per row.
          line.clear();
          line += run_prefix;
          line += run.subgroup_names()[run.subgroup(r.dyad)];
          line += ',';
          line += std::to_string(r.dyad);
          line += ':';
          line += std::to_string(r.slot);
          line += ':';
          line += std::to_string(r.generation);
          line += ',';
          append_dyads_row(line, r);
          line += '\n';
          *rows.dyads << line;
        }
        rows.check_dyads();  // a full disk stops the run at the assessment, not at its end
      };
    const std::uint32_t every = arms[arm].output.record_every_days;
    rows.timeseries += timeseries_row(run_id, arm, axes, run.simulation().aggregates());
    while (!run.finished()) {
      if (abort.load()) return outcome;
      if (o.stop && o.stop->load()) {
        std::lock_guard lock(rows_mutex);
        std::string& marked = interrupted_rows[unit];
        for (std::uint32_t a = 0; a < d.arms; ++a)
          marked += runs_row(
              d, unit, a, arms[a], "interrupted",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        return outcome;
      }
      run.step();
      progress.add(arms[arm].run.dyads);
      outcome.dyad_days += arms[arm].run.dyads;
      const std::uint32_t day = run.simulation().day();
      if (day % every == 0 || run.finished())
        rows.timeseries += timeseries_row(run_id, arm, axes, run.simulation().aggregates());
    }
    run.finish();
    outcome.measures[arm] = run.measures();
    write_measures(rows.measures, run_id, arm, outcome.measures[arm]);
    walls.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - arm_start).count());
  }
  if (d.arms == 2) {
    outcome.measures[2] = arm_differences(outcome.measures[0], outcome.measures[1]);
    write_measures(rows.measures, unit * d.arms, 2, outcome.measures[2]);
  }
  for (std::uint32_t arm = 0; arm < d.arms; ++arm)
    rows.runs += runs_row(d, unit, arm, arms[arm], "complete", walls[arm]);
  outcome.complete = true;
  progress.unit_done();
  return outcome;
}

// The manifest of a folder's current result ("" when it has none), read
// through .attachsim/current without following any other link.
std::string current_manifest_of(const Folder& folder) {
  const std::optional<Folder> state = folder.find_sub(".attachsim");
  if (!state) return "";
  const std::string target = state->read_link("current");
  if (target.rfind("results/", 0) != 0 || target.find('/', 8) != std::string::npos) return "";
  const std::optional<Folder> results = state->find_sub("results");
  if (!results) return "";
  const std::optional<Folder> result = results->find_sub(target.substr(8));
  return result ? result->read_text("manifest.json").value_or("") : "";
}

// Whether the result in `folder` still has every file its manifest records, byte for byte.
bool result_intact(const Folder& folder, const nlohmann::json& manifest) {
  if (!manifest.contains("files") || !manifest["files"].is_object()) return false;
  const std::optional<Folder> state = folder.find_sub(".attachsim");
  if (!state) return false;
  const std::string target = state->read_link("current");
  const std::optional<Folder> results = state->find_sub("results");
  if (!results || target.rfind("results/", 0) != 0) return false;
  const std::optional<Folder> result = results->find_sub(target.substr(8));
  if (!result) return false;
  for (const auto& [name, record] : manifest["files"].items()) {
    // Streamed: a sweep's dyads.csv can be far larger than memory allows to read whole.
    const std::optional<Folder::Checksum> sum = result->checksum(name);
    if (!sum) return false;
    char crc[9];
    std::snprintf(crc, sizeof crc, "%08x", sum->crc);
    if (record.value("bytes", std::uint64_t{0}) != sum->bytes || record.value("crc32c", "") != crc)
      return false;
  }
  return true;
}

// Removes the part files of ours from parts/ (never anything else), stopping when asked.
bool remove_parts(const Folder& parts, const ExperimentOptions& o, bool with_manifest) {
  for (const std::string& name : parts.names()) {
    if (stopping(o)) return false;
    if (is_part_file_name(name) || (with_manifest && name == "manifest.json"))
      parts.remove_file(name);
  }
  return true;
}

void note(const ExperimentOptions& o, const std::string& text) {
  if (o.progress) std::cerr << "attachsim: " << text << "\n";
}

}  // namespace

ExperimentResult run_experiment(const Scenario& scenario, const ExperimentOptions& o) {
  const Design d = design_of(scenario, o.sweep);
  if (o.out.empty())
    throw ScenarioError("--out: an empty folder name; allowed: a folder, e.g. --out out/run");
  if (o.shard_count < 1 || o.shard_index >= o.shard_count)
    throw ScenarioError("--shard " + std::to_string(o.shard_index) + "/" +
                        std::to_string(o.shard_count) +
                        ": not a shard; allowed: i/N with 0 <= i < N");
  std::vector<std::uint32_t> mine;
  for (std::uint32_t u = 0; u < d.units; ++u)
    if (u % o.shard_count == o.shard_index) mine.push_back(u);
  ExperimentResult result;
  result.units = static_cast<std::uint32_t>(mine.size());
  const std::string shard = std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count);
  // Before anything is written: a population that cannot fit is bad input, not a crash halfway.
  check_memory(d.scenario, std::max(1u, std::min<unsigned>(o.jobs, result.units)));

  OutputFolder folder(o.out, o.command_line);
  folder.tidy(o.stop);
  const nlohmann::json current = parse_manifest(folder.current_manifest());
  const bool current_complete = !current.empty() && current.value("status", "") == "complete";
  // A complete result of another scenario or seed is not replaced without --force:
  // `attachsim run` into a folder is never a silent way to lose a finished result.
  if (current_complete && !o.resume && !o.force) {
    Fingerprint ours, theirs;
    const Fingerprint recorded = fingerprint_of(current);
    for (const auto& [name, value] : d.fingerprint_fields.fields)
      if (name == "mode" || name == "scenario" || name == "seed" || name == "master seed")
        ours.add(name, value);
    for (const auto& [name, value] : recorded.fields)
      if (name == "mode" || name == "scenario" || name == "seed" || name == "master seed")
        theirs.add(name, value);
    if (!recorded.fields.empty())
      if (const std::optional<std::string> difference = ours.difference(theirs, o.out))
        throw ScenarioError(o.out + ": holds a complete result of another scenario or seed (" +
                            *difference + "); allowed: --force to replace it, or another --out");
  }
  std::optional<Folder> parts = o.sweep ? folder.parts(false) : std::nullopt;
  if (o.resume) {
    // The latest attempt's record: the running one's (in parts/) if there is one, else the
    // result's.
    nlohmann::json previous;
    if (parts) previous = parse_manifest(parts->read_text("manifest.json").value_or(""));
    if (previous.empty()) previous = current;
    if (!previous.empty()) {
      const std::optional<std::string> difference =
          d.fingerprint_fields.difference(fingerprint_of(previous), o.out);
      if (difference)
        throw ScenarioError(
            o.out + ": --resume: the folder holds a different sweep (" + *difference +
            "); allowed: the same scenario, --seed, --dyads, --months and --set as the "
            "interrupted sweep, or no --resume to start again");
    }
    // Finished before, and still intact: nothing to run, nothing to rewrite.
    if (current_complete && current.value("fingerprint", "") == d.fingerprint &&
        current.value("shard", "") == shard && result_intact(folder.folder(), current)) {
      bool parts_good =
          o.shard_count == 1;  // a shard keeps its parts for merge: they must be good too
      if (!parts_good && parts) {
        parts_good = true;
        for (std::uint32_t u : mine) {
          if (stopping(o)) {
            result.interrupted = result.kept_earlier = true;
            return result;
          }
          if (!read_part(*parts, u, d.fingerprint, nullptr).empty()) parts_good = false;
        }
      }
      if (parts_good) {
        result.units_done = result.units_resumed = result.units;
        result.already_complete = true;
        return result;
      }
    }
  }
  if (o.sweep) parts = folder.parts(true);
  // A fresh start: parts of an earlier sweep in this folder must not mix in (those
  // left by a stop here are refused by their fingerprint, and removed next time).
  if (parts && !o.resume) remove_parts(*parts, o, false);
  const std::string started = utc_now();
  std::vector<bool> complete(d.units, false);
  std::vector<std::uint32_t> todo;
  for (std::uint32_t u : mine) {
    // Stopped: the rest is not checked (nor run: the jobs see the stop at once).
    if (o.resume && parts && !stopping(o) && parts->kind(part_name(u)) != Folder::Kind::None) {
      const std::string problem = read_part(*parts, u, d.fingerprint, nullptr);
      if (problem.empty()) {
        complete[u] = true;
        ++result.units_resumed;
        continue;
      }
      note(o, parts->path(part_name(u)).string() + ": " + problem + "; it runs again");
      parts->remove_file(part_name(u));
      ++result.units_damaged;
    }
    todo.push_back(u);
  }
  // The running attempt's record stays in parts/ (for --resume): the folder's
  // manifest.json changes only together with the files it describes.
  if (parts) {
    DurableFile record(*parts, "manifest.json");
    record.stream() << manifest_text(d, o, started, "running", result.units_resumed, result.units);
    record.commit(DurableFile::Sync::Now);
  }

  // A run (one unit, no --resume) writes straight into its staged result; a sweep's units go to
  // parts.
  std::optional<OutputFolder::Staging> run_staging;
  UnitRows run_rows;
  if (!o.sweep) {
    run_staging.emplace(folder.stage());
    if (d.write_dyads) {
      DurableFile& dyads = run_staging->file("dyads.csv");
      dyads.stream() << dyads_header();
      run_rows.dyads = &dyads.stream();
      run_rows.check_dyads = [&dyads] { dyads.check(); };
    }
  }
  const auto start = std::chrono::steady_clock::now();
  const double total_work =
      static_cast<double>(todo.size()) * d.arms * d.scenario.run.dyads * d.scenario.run.days;
  InterruptedRows interrupted_rows;
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> abort{false};
  std::exception_ptr failure;
  // Parts reach the disk in groups (one syncfs a second at most), not one fsync each.
  auto last_sync = std::chrono::steady_clock::now();
  std::mutex sync_mutex;
  // Nothing of a finished unit is kept but a flag and its dyad-days (and the
  // first unit's measures, for the printed summary): memory stays flat however
  // many runs a sweep has.
  std::vector<char> done(todo.size(), 0);
  double dyad_days = 0;
  UnitOutcome first;
  {
    Progress progress(o.progress, total_work);
    const auto worker = [&] {
      for (;;) {
        const std::size_t i = next.fetch_add(1);
        if (i >= todo.size() || abort.load()) return;
        if (stopping(o)) return;
        try {
          UnitOutcome outcome;
          if (!o.sweep) {
            outcome = run_unit(d, todo[i], o, abort, progress, interrupted_rows, mutex, run_rows);
          } else {
            UnitPartWriter part(*parts, todo[i], d.fingerprint);
            UnitRows rows;
            if (d.write_dyads) {
              rows.dyads = &part.dyads();
              rows.check_dyads = [&part] { part.check(); };
            }
            outcome = run_unit(d, todo[i], o, abort, progress, interrupted_rows, mutex, rows);
            if (outcome.complete) {
              part.timeseries = std::move(rows.timeseries);
              part.measures = std::move(rows.measures);
              part.runs = std::move(rows.runs);
              part.commit();
              std::lock_guard lock(sync_mutex);
              if (std::chrono::steady_clock::now() - last_sync > std::chrono::seconds(1)) {
                parts->sync_file_system();
                last_sync = std::chrono::steady_clock::now();
              }
            }
          }
          done[i] = outcome.complete;
          std::lock_guard lock(mutex);
          dyad_days += outcome.dyad_days;
          if (i == 0) first = std::move(outcome);
        } catch (...) {
          std::lock_guard lock(mutex);
          if (!failure) failure = std::current_exception();
          abort.store(true);  // the other jobs stop too
          return;
        }
      }
    };
    const unsigned jobs = std::max(
        1u,
        std::min<unsigned>(o.jobs, static_cast<unsigned>(std::max<std::size_t>(todo.size(), 1))));
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads) t.join();
  }
  const auto forget_parts = [&] {
    // Nothing worth resuming: no parts/ left behind.
    if (parts && !std::any_of(mine.begin(), mine.end(), [&](std::uint32_t u) {
          return parts->kind(part_name(u)) == Folder::Kind::File;
        })) {
      parts->remove_file("manifest.json");
      ::unlinkat(folder.folder().fd(), "parts", AT_REMOVEDIR);
    }
  };
  if (failure) {
    // A fault (a full disk, a failed write): the folder's result stays as it was;
    // completed units stay in parts/ for --resume.
    if (parts) parts->sync_file_system();
    forget_parts();
    std::rethrow_exception(failure);
  }
  if (parts)
    parts->sync_file_system();  // the completed units are durable before the result is built
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (std::size_t i = 0; i < todo.size(); ++i) complete[todo[i]] = done[i] != 0;
  result.dyad_days = dyad_days;
  result.first_baseline = std::move(first.measures[0]);
  result.first_variant = std::move(first.measures[1]);
  result.first_difference = std::move(first.measures[2]);
  for (std::uint32_t u : mine) result.units_done += complete[u];
  result.interrupted = result.units_done < result.units;
  // An incomplete result never replaces a complete one: the earlier result stays, byte for byte.
  if (result.interrupted && current_complete) {
    result.kept_earlier = true;
    forget_parts();
    return result;
  }
  const auto manifest = [&](const nlohmann::ordered_json& files) {
    return manifest_text(d, o, started, result.interrupted ? "interrupted" : "complete",
                         result.units_done, result.units, files);
  };
  try {
    if (!o.sweep) {
      if (result.interrupted) run_staging.emplace(folder.stage());  // no rows of an unfinished run
      ResultFiles files(*run_staging, d, !result.interrupted);
      if (result.interrupted) {
        files.runs.stream() << interrupted_rows[0];
        SummaryWriter summary(files.summary.stream(), d);
      } else {
        files.runs.stream() << run_rows.runs;
        files.timeseries.stream() << run_rows.timeseries;
        SummaryWriter summary(files.summary.stream(), d);
        summary.add(0, run_rows.measures);
        summary.flush();
      }
      files.finish(*run_staging, manifest);
      folder.publish(*run_staging);
    } else {
      OutputFolder::Staging staging = folder.stage();
      std::vector<const Folder*> where(d.units, &*parts);
      // A complete attempt stops at Ctrl-C; an interrupted one was stopped already and
      // writes its partial result (a second Ctrl-C ends the process, which publishes nothing).
      const std::atomic<bool>* stop = result.interrupted ? nullptr : o.stop;
      assemble(staging, d, mine, where, complete, interrupted_rows, stop, manifest);
      if (stop && stop->load()) throw Stopped{};
      folder.publish(staging);
    }
  } catch (const Stopped&) {
    // Stopped while the result was assembled: nothing published; every
    // completed unit is in parts/, and --resume only assembles them.
    result.interrupted = true;
    result.assembly_stopped = true;
    return result;
  } catch (...) {
    forget_parts();
    throw;
  }
  // A complete unsharded result needs its parts no more (shards keep them for
  // merge), nor does an interrupted one without a completed unit to resume from.
  if (parts) {
    if (o.shard_count == 1 && !result.interrupted) {
      if (remove_parts(*parts, o, true))
        ::unlinkat(folder.folder().fd(), "parts", AT_REMOVEDIR);  // only if nothing else is in it
      else
        result.cleanup_stopped = true;
    } else {
      parts->remove_file("manifest.json");
      forget_parts();
    }
  }
  return result;
}

bool merge_experiments(const std::vector<std::string>& folders, const std::string& out,
                       const std::atomic<bool>* stop) {
  if (folders.empty())
    throw ScenarioError("merge: no folders; allowed: the shard folders of one sweep");
  std::vector<Folder> shards;
  std::vector<int> locks;
  struct Unlock {
    std::vector<int>& fds;
    ~Unlock() {
      for (int fd : fds)
        if (fd >= 0) ::close(fd);
    }
  } unlock{locks};
  std::vector<nlohmann::json> manifests;
  for (const std::string& f : folders) {
    try {
      shards.push_back(Folder::open(f, false));
    } catch (const FolderError& e) {
      throw ScenarioError(std::string(e.what()) +
                          "; allowed: folders written by attachsim sweep --shard");
    }
    locks.push_back(lock_for_reading(shards.back()));
    nlohmann::json m = parse_manifest(current_manifest_of(shards.back()));
    if (m.empty())
      throw ScenarioError(f +
                          ": no readable result (manifest.json); allowed: folders written by "
                          "attachsim sweep --shard");
    if (m.value("status", "") != "complete")
      throw ScenarioError(f + ": its sweep is " + m.value("status", std::string("unfinished")) +
                          "; allowed: complete shards (finish it with sweep --resume)");
    if (!manifests.empty()) {
      const std::optional<std::string> difference =
          fingerprint_of(m).difference(fingerprint_of(manifests.front()), folders.front());
      if (difference || m.value("fingerprint", "") != manifests.front().value("fingerprint", ""))
        throw ScenarioError(f + ": belongs to a different sweep than " + folders.front() + " (" +
                            difference.value_or("fingerprint") + "); allowed: shards of one sweep");
    }
    manifests.push_back(std::move(m));
  }
  const nlohmann::json& first = manifests.front();
  // The design as the manifest recorded it: enough to assemble the files.
  Design d;
  d.scenario.path = first["scenario"].value("path", "");
  d.scenario.text = first["scenario"].value("text", "");
  d.scenario.run.dyads = first.value("dyads", 0u);
  d.scenario.run.days = first.value("days", 0u);
  d.scenario.run.seed = first.value("seed", std::uint64_t{1});
  d.scenario.sweep.common_random_numbers = first.value("common_random_numbers", false);
  d.sweep = first.value("mode", "sweep") == "sweep";
  d.replicates = first.value("replicates", 1u);
  d.arms = first.value("arms", 1u);
  d.scenario_name = first.value("scenario_name", "");
  d.fingerprint = first.value("fingerprint", "");
  d.fingerprint_fields = fingerprint_of(first);
  d.write_dyads = first.value("write_dyads", true);
  for (const auto& a : first["axes"]) {
    d.axis_names.push_back(a["name"].get<std::string>());
    d.axis_is_parameter.push_back(a["parameter"].get<bool>());
  }
  std::uint32_t id = 0;
  for (const auto& v : first["point_values"])
    d.points.push_back(Point{id++, v.get<std::vector<double>>()});
  d.units = static_cast<std::uint32_t>(d.points.size()) * d.replicates;
  if (d.units == 0)
    throw ScenarioError(
        folders.front() +
        "/manifest.json: no runs recorded; allowed: a manifest written by attachsim sweep");
  std::vector<std::string> shard_names;
  for (const nlohmann::json& m : manifests) {
    const std::string s = m.value("shard", "0/1");
    if (std::find(shard_names.begin(), shard_names.end(), s) != shard_names.end())
      throw ScenarioError("merge: two folders are the same shard (" + s +
                          "); allowed: each shard once");
    shard_names.push_back(s);
  }
  std::vector<std::optional<Folder>> shard_parts;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    try {
      shard_parts.push_back(shards[i].find_sub("parts"));
    } catch (const FolderError& e) {
      throw ScenarioError(std::string(e.what()));
    }
  }
  std::vector<const Folder*> where(d.units, nullptr);
  std::vector<bool> complete(d.units, false);
  for (std::size_t i = 0; i < shards.size(); ++i) {
    if (!shard_parts[i]) continue;
    for (std::uint32_t u = 0; u < d.units; ++u) {
      if (stop && stop->load()) return false;
      if (shard_parts[i]->kind(part_name(u)) == Folder::Kind::None) continue;
      if (complete[u])
        throw ScenarioError(folders[i] + ": run unit " + std::to_string(u) + " is also in " +
                            where[u]->path().parent_path().string() +
                            "; allowed: each unit in one shard");
      complete[u] = true;
      where[u] = &*shard_parts[i];
    }
  }
  std::vector<std::uint32_t> missing;
  for (std::uint32_t u = 0; u < d.units; ++u)
    if (!complete[u]) missing.push_back(u);
  if (!missing.empty())
    throw ScenarioError("merge: " + std::to_string(missing.size()) + " of " +
                        std::to_string(d.units) +
                        " units are missing (first: " + std::to_string(missing.front()) +
                        "); allowed: every shard, each complete (finish one with --resume)");
  std::vector<std::uint32_t> all(d.units);
  for (std::uint32_t u = 0; u < d.units; ++u) all[u] = u;
  ExperimentOptions o;
  o.out = out;
  o.command_line = "attachsim merge";
  o.stop = stop;
  for (const auto& item : first["overrides"]) o.sets.push_back(item.get<std::string>());
  o.threads = first.value("threads", 0);
  o.jobs = first.value("jobs", 1u);
  OutputFolder target(out, "attachsim merge");
  target.tidy(stop);
  OutputFolder::Staging staging = target.stage();
  try {
    assemble(staging, d, all, where, complete, {}, stop, [&](const nlohmann::ordered_json& files) {
      return manifest_text(d, o, first.value("started", ""), "complete", d.units, d.units, files);
    });
  } catch (const Stopped&) {
    return false;
  }
  target.publish(staging);
  return true;
}

}  // namespace attachsim::scenario
