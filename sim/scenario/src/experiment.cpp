// Runs scenarios and sweeps to disk: units in parallel jobs, one part file set per unit, assembly in unit order.
//
// Layout of an output folder: parts/unit-NNNNNNNN.{timeseries,dyads,measures,runs}.csv are
// written (each atomically) as each (point, replicate) unit completes, the runs part last, so
// a unit is complete exactly when its runs part exists. The final files are assembled from
// the parts in unit order, so they do not depend on --jobs, --threads or sharding; memory
// stays flat because nothing of a finished run is kept.
#include "attachsim/scenario/experiment.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "attachsim/atomic_file.hpp"
#include "attachsim/dyads_csv.hpp"
#include "attachsim/scenario/plan.hpp"
#include "attachsim/scenario/resources.hpp"
#include "attachsim/scenario/scenario_run.hpp"

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

// ---- SHA-256 (FIPS 180-4) --------------------------------------------------------------------------

std::string sha256_hex(const std::string& text) {
  static constexpr std::uint32_t k[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
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
      w[i] = static_cast<std::uint32_t>(static_cast<unsigned char>(m[block + 4 * static_cast<std::size_t>(i)])) << 24 |
             static_cast<std::uint32_t>(static_cast<unsigned char>(m[block + 4 * static_cast<std::size_t>(i) + 1])) << 16 |
             static_cast<std::uint32_t>(static_cast<unsigned char>(m[block + 4 * static_cast<std::size_t>(i) + 2])) << 8 |
             static_cast<std::uint32_t>(static_cast<unsigned char>(m[block + 4 * static_cast<std::size_t>(i) + 3]));
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  char out[65];
  for (int i = 0; i < 8; ++i) std::snprintf(out + 8 * i, 9, "%08x", h[i]);
  return std::string(out, 64);
}

namespace {

const char* const kArms[] = {"baseline", "variant", "difference"};

std::string num(double v) { return std::isfinite(v) ? shortest(v) : std::string(); }

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string unit_name(std::uint32_t unit) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "unit-%08u", unit);
  return buffer;
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
  std::string fingerprint;  // scenario hash + options that change results
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
  std::ostringstream f;
  f << sha256_hex(s.text) << "|" << s.run.dyads << "|" << s.run.days << "|" << s.run.seed << "|" << sweep;
  for (const ParameterSetting& o : s.overrides) f << "|" << info(o.parameter).name << "=" << o.value.describe();
  d.fingerprint = sha256_hex(f.str());
  return d;
}

const std::vector<std::string>& axis_names(const Design& d) { return d.axis_names; }

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

std::string runs_row(const Design& d, std::uint32_t unit, std::uint32_t arm, const Scenario& concrete,
                     const char* status, double wall) {
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
  for (Strategy s : {Strategy::Open, Strategy::Minimising, Strategy::Maximising, Strategy::Conflict, Strategy::None}) {
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

std::string dyads_header() { return "run_id,arm,subgroup,caregiver_id," + dyads_csv_header(); }

std::string summary_header(const Design& d) {
  std::string h = "point_id";
  for (const std::string& a : axis_names(d)) {
    h += ',';
    h += csv_field(a);
  }
  return h + ",arm,age_days,caregiver,subgroup,measure,n,mean,sd,ci_low,ci_high\n";
}

void write_measures(std::ostream& out, std::uint32_t run_id, std::uint32_t arm, const std::vector<Measure>& ms) {
  for (const Measure& m : ms)
    out << run_id << ',' << kArms[arm] << ',' << m.age_days << ',' << m.caregiver << ',' << m.subgroup << ','
        << m.name << ',' << num(m.value) << '\n';
}

fs::path part(const fs::path& dir, std::uint32_t unit, const char* what) {
  return dir / "parts" / (unit_name(unit) + "." + what + ".csv");
}

[[noreturn]] void write_failed(const fs::path& path);

// Appends a file's bytes to a stream (the file `target`), checked at once so
// that a full disk is reported with its reason.
void append_file(std::ostream& out, const fs::path& target, const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot read a completed run's part");
  // An empty part (an assessment that found nobody, e.g. of day-care caregivers
  // without day care): `<<` of an empty buffer sets failbit, which read as a write error.
  if (in.peek() == std::ifstream::traits_type::eof()) return;
  errno = 0;
  out << in.rdbuf();
  if (!out) write_failed(target);
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  for (char c : line) {
    if (c == ',') fields.push_back(field), field.clear();
    else field += c;
  }
  fields.push_back(field);
  return fields;
}

// summary.csv from the measures parts, point by point (units of a point are consecutive).
void write_summary(std::ostream& out, const Design& d, const std::vector<fs::path>& dirs,
                   const std::vector<bool>& complete) {
  out << summary_header(d);
  for (std::uint32_t p = 0; p < d.points.size(); ++p) {
    std::vector<std::string> keys;
    std::map<std::string, std::vector<double>> values;
    for (std::uint32_t r = 0; r < d.replicates; ++r) {
      const std::uint32_t unit = p * d.replicates + r;
      if (!complete[unit]) continue;
      std::ifstream in(part(dirs[unit], unit, "measures"));
      std::string line;
      while (std::getline(in, line)) {
        const std::vector<std::string> f = split(line);
        if (f.size() != 7) continue;
        const std::string key = f[1] + "," + f[2] + "," + f[3] + "," + f[4] + "," + f[5];
        auto [it, fresh] = values.try_emplace(key);
        if (fresh) keys.push_back(key);
        it->second.push_back(f[6].empty() ? std::nan("") : std::stod(f[6]));
      }
    }
    const std::string axes = axis_values(d, p * d.replicates);
    for (const std::string& key : keys) {
      const Spread s = spread(values[key]);
      out << p << axes << ',' << key << ',' << s.n << ',' << num(s.mean) << ',' << num(s.sd) << ','
          << num(s.ci_low) << ',' << num(s.ci_high) << '\n';
    }
  }
}

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

// A stream's write failed: the file and, when the system said why, the reason (ENOSPC, EFBIG, ...).
[[noreturn]] void write_failed(const fs::path& path) {
  const int error = errno;
  const bool known =
      error == ENOSPC || error == EFBIG || error == EDQUOT || error == EIO || error == EROFS;
  throw std::runtime_error(
      path.string() + ": cannot write: " +
      (known ? std::string(std::strerror(error)) : std::string("write failed (disk full?)")));
}

void check_stream(std::ostream& out, const fs::path& path) {
  if (!out) write_failed(path);
}

// Files committed as one: every one is flushed and checked before any is
// renamed into place, so a full disk leaves the folder's earlier files as they were.
struct Staged {
  AtomicFile* file;
  fs::path path;
};
void commit_together(std::initializer_list<Staged> files) {
  for (const Staged& f : files)
    if (f.file) {
      errno = 0;
      f.file->stream().flush();
      check_stream(f.file->stream(), f.path);
    }
  for (const Staged& f : files)
    if (f.file) f.file->commit();
}

std::string manifest_text(const Design& d, const ExperimentOptions& o, const std::string& started,
                          const std::string& status, std::uint32_t done, std::uint32_t units_here) {
  nlohmann::ordered_json j;
  j["attachsim_version"] = ATTACHSIM_VERSION;
  j["git_commit"] = ATTACHSIM_GIT_COMMIT;
  j["compiler"] = compiler_name();
  j["compiler_flags"] = ATTACHSIM_CXX_FLAGS;
  j["command_line"] = o.command_line;
  j["scenario"] = {{"path", d.scenario.path}, {"name", d.scenario_name},
                   {"sha256", sha256_hex(d.scenario.text)}, {"text", d.scenario.text}};
  j["overrides"] = o.sets;
  j["fingerprint"] = d.fingerprint;
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
    axes.push_back({{"name", d.axis_names[a]}, {"parameter", static_cast<bool>(d.axis_is_parameter[a])}});
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
  j["finished"] = now_utc();
  j["status"] = status;
  return j.dump(2) + "\n";
}

void write_manifest(const fs::path& path, const std::string& text) {
  AtomicFile file(path);
  file.stream() << text;
  commit_together({{&file, path}});
}

// The rows that mark interrupted runs in runs.csv, by unit.
using InterruptedRows = std::map<std::uint32_t, std::string>;

// Assembles the final files of `units` from parts found in dirs[unit], and
// the manifest; all or none of them replace the folder's earlier files.
void assemble(const fs::path& out, const Design& d, const std::vector<std::uint32_t>& units,
              const std::vector<fs::path>& dirs, const std::vector<bool>& complete,
              const InterruptedRows& interrupted_rows, const std::string& manifest) {
  AtomicFile runs(out / "runs.csv"), timeseries(out / "timeseries.csv"), summary(out / "summary.csv");
  std::unique_ptr<AtomicFile> dyads;
  if (d.write_dyads) dyads = std::make_unique<AtomicFile>(out / "dyads.csv");
  runs.stream() << runs_header(d);
  timeseries.stream() << timeseries_header(d);
  if (dyads) dyads->stream() << dyads_header();
  for (std::uint32_t u : units) {
    if (!complete[u]) {
      // runs.csv stays in run_id order whichever job stopped first.
      if (const auto rows = interrupted_rows.find(u); rows != interrupted_rows.end())
        runs.stream() << rows->second;
      continue;
    }
    append_file(runs.stream(), out / "runs.csv", part(dirs[u], u, "runs"));
    append_file(timeseries.stream(), out / "timeseries.csv", part(dirs[u], u, "timeseries"));
    if (dyads) append_file(dyads->stream(), out / "dyads.csv", part(dirs[u], u, "dyads"));
  }
  write_summary(summary.stream(), d, dirs, complete);
  AtomicFile manifest_file(out / "manifest.json");
  manifest_file.stream() << manifest;
  commit_together({{&timeseries, out / "timeseries.csv"},
                   {dyads.get(), out / "dyads.csv"},
                   {&summary, out / "summary.csv"},
                   {&runs, out / "runs.csv"},
                   {&manifest_file, out / "manifest.json"}});
}

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
    if (thread_.joinable()) thread_.join();
  }
  void add(double work) { done_work_.fetch_add(static_cast<std::uint64_t>(work), std::memory_order_relaxed); }
  void unit_done() { units_.fetch_add(1, std::memory_order_relaxed); }

 private:
  void loop() {
    const auto start = std::chrono::steady_clock::now();
    const bool tty = isatty(STDERR_FILENO) != 0;
    auto last_line = start;
    bool drawn = false;
    for (;;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      const bool finishing = [&] {
        std::lock_guard lock(mutex_);
        return done_;
      }();
      const auto now = std::chrono::steady_clock::now();
      const double elapsed = std::chrono::duration<double>(now - start).count();
      if (elapsed < 1.0 && !finishing) continue;  // nothing for runs shorter than a second
      if (finishing && !drawn) return;
      const double fraction = total_ > 0 ? std::min(1.0, static_cast<double>(done_work_.load()) / total_) : 1.0;
      const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
      char text[160];
      std::snprintf(text, sizeof text, "%5.1f%%  %u units done  %.0f s elapsed  ~%.0f s left",
                    100 * fraction, units_.load(), elapsed, eta);
      if (tty) {
        const int width = 30;
        const int filled = static_cast<int>(fraction * width);
        std::fprintf(stderr, "\r[%s%s] %s", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), '.').c_str(), text);
        drawn = true;
        if (finishing) std::fprintf(stderr, "\n");
      } else if (finishing || std::chrono::duration<double>(now - last_line).count() >= 5.0 || !drawn) {
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
  bool done_ = false;
  std::thread thread_;
};

// Runs one unit (both arms) into its part files. Stops early, leaving no
// part, when `o.stop` is set (a signal: the unit's rows are marked
// interrupted) or `abort` is (another unit failed).
UnitOutcome run_unit(const Design& d, std::uint32_t unit, const fs::path& out,
                     const ExperimentOptions& o, const std::atomic<bool>& abort, Progress& progress,
                     InterruptedRows& interrupted_rows, std::mutex& rows_mutex) {
  UnitOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  const Scenario baseline = at_point(d.scenario, d.points[d.point_of(unit)]);
  std::vector<Scenario> arms{baseline};
  if (d.arms == 2) arms.push_back(variant_of(baseline));
  const std::uint64_t seed = d.seed_of(unit);
  const std::string axes = axis_values(d, unit);
  const fs::path timeseries_path = part(out, unit, "timeseries"),
                 dyads_path = part(out, unit, "dyads");
  AtomicFile timeseries(timeseries_path), measures(part(out, unit, "measures"));
  std::unique_ptr<AtomicFile> dyads;
  if (d.scenario.output.dyads) dyads = std::make_unique<AtomicFile>(dyads_path);
  std::vector<double> walls;
  for (std::uint32_t arm = 0; arm < d.arms; ++arm) {
    const auto arm_start = std::chrono::steady_clock::now();
    const std::uint32_t run_id = unit * d.arms + arm;
    ScenarioRun run(arms[arm], seed);
    if (dyads)
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
          dyads->stream() << line;
        }
        check_stream(dyads->stream(), dyads_path);
      };
    const std::uint32_t every = arms[arm].output.record_every_days;
    timeseries.stream() << timeseries_row(run_id, arm, axes, run.simulation().aggregates());
    while (!run.finished()) {
      if (abort.load()) return outcome;
      if (o.stop && o.stop->load()) {
        std::lock_guard lock(rows_mutex);
        std::string& rows = interrupted_rows[unit];
        for (std::uint32_t a = 0; a < d.arms; ++a)
          rows += runs_row(
              d, unit, a, arms[a], "interrupted",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        return outcome;  // the part files are removed unfinished
      }
      run.step();
      progress.add(arms[arm].run.dyads);
      outcome.dyad_days += arms[arm].run.dyads;
      const std::uint32_t day = run.simulation().day();
      if (day % every == 0 || run.finished()) {
        // Checked as written: a full disk stops the run at once, not at its end.
        errno = 0;
        timeseries.stream() << timeseries_row(run_id, arm, axes, run.simulation().aggregates());
        check_stream(timeseries.stream(), timeseries_path);
      }
    }
    run.finish();
    outcome.measures[arm] = run.measures();
    write_measures(measures.stream(), run_id, arm, outcome.measures[arm]);
    walls.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - arm_start).count());
  }
  if (d.arms == 2) {
    outcome.measures[2] = arm_differences(outcome.measures[0], outcome.measures[1]);
    write_measures(measures.stream(), unit * d.arms, 2, outcome.measures[2]);
  }
  commit_together({{&timeseries, timeseries_path},
                   {&measures, part(out, unit, "measures")},
                   {dyads.get(), dyads_path}});
  AtomicFile runs(part(out, unit, "runs"));
  for (std::uint32_t arm = 0; arm < d.arms; ++arm)
    runs.stream() << runs_row(d, unit, arm, arms[arm], "complete", walls[arm]);
  commit_together(
      {{&runs, part(out, unit, "runs")}});  // last: the unit is complete once this file exists
  outcome.complete = true;
  progress.unit_done();
  return outcome;
}

nlohmann::json read_manifest(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return {};
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

// The record of the latest attempt in a folder: the running one's (in parts/)
// if there is one, else the finished one's.
nlohmann::json latest_manifest(const fs::path& dir) {
  nlohmann::json running = read_manifest(dir / "parts" / "manifest.json");
  return running.empty() ? read_manifest(dir / "manifest.json") : running;
}

bool holds_unit_parts(const fs::path& parts) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parts, error))
    if (entry.path().filename().string().rfind("unit-", 0) == 0) return true;
  return false;
}

}  // namespace

ExperimentResult run_experiment(const Scenario& scenario, const ExperimentOptions& o) {
  const Design d = design_of(scenario, o.sweep);
  const fs::path out(o.out);
  if (o.out.empty())
    throw ScenarioError("--out: an empty folder name; allowed: a folder, e.g. --out out/run");
  if (o.shard_count < 1 || o.shard_index >= o.shard_count)
    throw ScenarioError("--shard " + std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count) +
                        ": not a shard; allowed: i/N with 0 <= i < N");
  std::vector<std::uint32_t> mine;
  for (std::uint32_t u = 0; u < d.units; ++u)
    if (u % o.shard_count == o.shard_index) mine.push_back(u);
  ExperimentResult result;
  result.units = static_cast<std::uint32_t>(mine.size());
  const std::string shard = std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count);
  if (o.resume) {
    const nlohmann::json previous = latest_manifest(out);
    if (!previous.empty() && previous.value("fingerprint", "") != d.fingerprint)
      throw ScenarioError(o.out +
                          ": --resume: the folder holds a different scenario or options; allowed: "
                          "the same scenario, --seed, --dyads and --set as the interrupted sweep");
    // Finished before: nothing to run, nothing to rewrite.
    const bool files = fs::exists(out / "runs.csv") && fs::exists(out / "summary.csv") &&
                       fs::exists(out / "timeseries.csv") &&
                       (!d.write_dyads || fs::exists(out / "dyads.csv"));
    if (!previous.empty() && previous.value("status", "") == "complete" &&
        previous.value("shard", "") == shard && files) {
      result.units_done = result.units_resumed = result.units;
      result.already_complete = true;
      return result;
    }
  }
  // Before anything is written: a population that cannot fit is bad input, not a crash halfway.
  check_memory(d.scenario, std::max(1u, std::min<unsigned>(o.jobs, result.units)));
  std::error_code error;
  const bool had_parts = fs::exists(out / "parts", error);
  fs::create_directories(out / "parts", error);
  if (error)
    throw ScenarioError(o.out + ": cannot create the output folder (" + error.message() +
                        "); allowed: a folder you can write to");
  if (!o.resume) {
    // A fresh start: parts of an earlier sweep in this folder must not mix in.
    for (const auto& entry : fs::directory_iterator(out / "parts", error))
      if (entry.path().filename().string().rfind("unit-", 0) == 0) fs::remove(entry.path(), error);
  }
  // On a fault, the parts folder goes if it holds nothing worth resuming (a
  // `run` has no --resume), so that the folder is as it was.
  const auto tidy_after_fault = [&] {
    std::error_code ignored;
    if (!o.sweep) {
      if (!had_parts) fs::remove_all(out / "parts", ignored);
    } else if (!holds_unit_parts(out / "parts")) {
      fs::remove(out / "parts" / "manifest.json", ignored);
      if (!had_parts) fs::remove(out / "parts", ignored);
    }
  };
  const std::string started = now_utc();
  std::vector<bool> complete(d.units, false);
  std::vector<std::uint32_t> todo;
  for (std::uint32_t u : mine) {
    if (o.resume && fs::exists(part(out, u, "runs"))) {
      complete[u] = true;
      ++result.units_resumed;
    } else {
      todo.push_back(u);
    }
  }
  // The running attempt's record stays in parts/ (for --resume): the folder's
  // manifest.json is replaced only together with the files it describes.
  try {
    write_manifest(out / "parts" / "manifest.json",
                   manifest_text(d, o, started, "running", result.units_resumed, result.units));
  } catch (...) {
    tidy_after_fault();
    throw;
  }

  const auto start = std::chrono::steady_clock::now();
  const double total_work =
      static_cast<double>(todo.size()) * d.arms * d.scenario.run.dyads * d.scenario.run.days;
  InterruptedRows interrupted_rows;
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> abort{false};
  std::exception_ptr failure;
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
        if (o.stop && o.stop->load()) return;
        try {
          UnitOutcome outcome =
              run_unit(d, todo[i], out, o, abort, progress, interrupted_rows, mutex);
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
    const unsigned jobs = std::max(1u, std::min<unsigned>(o.jobs, static_cast<unsigned>(std::max<std::size_t>(todo.size(), 1))));
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads) t.join();
  }
  if (failure) {
    // A fault (a full disk, a failed write): the folder's final files stay as
    // they were; completed units stay in parts/ for --resume.
    tidy_after_fault();
    std::rethrow_exception(failure);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (std::size_t i = 0; i < todo.size(); ++i) complete[todo[i]] = done[i] != 0;
  result.dyad_days = dyad_days;
  result.first_baseline = std::move(first.measures[0]);
  result.first_variant = std::move(first.measures[1]);
  result.first_difference = std::move(first.measures[2]);
  for (std::uint32_t u : mine) result.units_done += complete[u];
  result.interrupted = result.units_done < result.units;
  std::vector<fs::path> dirs(d.units, out);
  try {
    assemble(out, d, mine, dirs, complete, interrupted_rows,
             manifest_text(d, o, started, result.interrupted ? "interrupted" : "complete",
                           result.units_done, result.units));
  } catch (...) {
    tidy_after_fault();  // a sweep keeps its parts: --resume assembles them once there is room
    throw;
  }
  fs::remove(out / "parts" / "manifest.json", error);
  // A complete unsharded result needs its parts no more (shards keep them for
  // merge), nor does an interrupted one without a completed unit to resume from
  // (an interrupted `run`, which has no --resume, never has one).
  if (o.shard_count == 1 && (!result.interrupted || !holds_unit_parts(out / "parts")))
    fs::remove_all(out / "parts", error);
  return result;
}

void merge_experiments(const std::vector<std::string>& folders, const std::string& out) {
  if (folders.empty()) throw ScenarioError("merge: no folders; allowed: the shard folders of one sweep");
  std::vector<nlohmann::json> manifests;
  for (const std::string& f : folders) {
    nlohmann::json m = read_manifest(fs::path(f) / "manifest.json");
    if (m.empty()) throw ScenarioError(f + ": no readable manifest.json; allowed: folders written by attachsim sweep --shard");
    if (!manifests.empty() && m.value("fingerprint", "") != manifests.front().value("fingerprint", ""))
      throw ScenarioError(f + ": belongs to a different scenario or options than " + folders.front() +
                          "; allowed: shards of one sweep");
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
  d.write_dyads = first.value("write_dyads", true);
  for (const auto& a : first["axes"]) {
    d.axis_names.push_back(a["name"].get<std::string>());
    d.axis_is_parameter.push_back(a["parameter"].get<bool>());
  }
  std::uint32_t id = 0;
  for (const auto& v : first["point_values"]) d.points.push_back(Point{id++, v.get<std::vector<double>>()});
  d.units = static_cast<std::uint32_t>(d.points.size()) * d.replicates;
  if (d.units == 0) throw ScenarioError(folders.front() + "/manifest.json: no runs recorded; allowed: a manifest written by attachsim sweep");
  for (const nlohmann::json& m : manifests)
    if (m.value("shard", "0/1") == first.value("shard", "0/1") && &m != &first)
      throw ScenarioError("merge: two folders are the same shard (" + first.value("shard", "") + "); allowed: each shard once");
  std::vector<fs::path> dirs(d.units);
  std::vector<bool> complete(d.units, false);
  for (std::size_t i = 0; i < folders.size(); ++i)
    for (std::uint32_t u = 0; u < d.units; ++u)
      if (fs::exists(part(folders[i], u, "runs"))) {
        if (complete[u])
          throw ScenarioError(folders[i] + ": run unit " + std::to_string(u) + " is also in " + dirs[u].string() +
                              "; allowed: each unit in one shard");
        complete[u] = true;
        dirs[u] = folders[i];
      }
  std::vector<std::uint32_t> missing;
  for (std::uint32_t u = 0; u < d.units; ++u)
    if (!complete[u]) missing.push_back(u);
  if (!missing.empty())
    throw ScenarioError("merge: " + std::to_string(missing.size()) + " of " + std::to_string(d.units) +
                        " units are missing (first: " + std::to_string(missing.front()) +
                        "); allowed: every shard, each complete (finish one with --resume)");
  std::error_code error;
  fs::create_directories(out, error);
  if (error) throw ScenarioError(out + ": cannot create the output folder (" + error.message() + ")");
  std::vector<std::uint32_t> all(d.units);
  for (std::uint32_t u = 0; u < d.units; ++u) all[u] = u;
  ExperimentOptions o;
  o.out = out;
  o.command_line = "attachsim merge";
  for (const auto& item : first["overrides"]) o.sets.push_back(item.get<std::string>());
  o.threads = first.value("threads", 0);
  o.jobs = first.value("jobs", 1u);
  assemble(out, d, all, dirs, complete, {},
           manifest_text(d, o, first.value("started", ""), "complete", d.units, d.units));
}

}  // namespace attachsim::scenario
