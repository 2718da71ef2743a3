// Reads scenario files (TOML, with toml++): merging bases, checking every key and value, reporting file:line:column.
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "attachsim/command.hpp"
#include "attachsim/dyads_csv.hpp"
#include "attachsim/model_constants.hpp"
#include "attachsim/scenario/scenario.hpp"
#include "attachsim/simulation.hpp"
#include "toml_depth.hpp"

namespace attachsim::scenario {

std::string SourcePlace::text() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

ScenarioError::ScenarioError(const SourcePlace& where, const std::string& key,
                             const std::string& problem)
    : std::runtime_error(where.text() + ": " + (key.empty() ? "" : key + ": ") + problem) {}

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::Assessment: return "assessment";
    case EventKind::Intervention: return "intervention";
    case EventKind::Placement: return "placement";
    case EventKind::DaycareEntry: return "daycare_entry";
    case EventKind::Loss: return "loss";
    case EventKind::Separation: return "separation";
    case EventKind::DepressionOnset: return "depression_onset";
    case EventKind::DepressionRemission: return "depression_remission";
    case EventKind::Set: return "set";
  }
  return "?";
}

std::vector<EventSpec> Scenario::timeline() const {
  std::vector<EventSpec> out = events;
  const bool assessed = std::any_of(out.begin(), out.end(), [](const EventSpec& e) {
    return e.kind == EventKind::Assessment;
  });
  if (!assessed) {
    EventSpec e;
    e.kind = EventKind::Assessment;
    e.days = {std::min<std::uint32_t>(run.days, 365)};  // 12 months = day 365
    e.where.file = path;
    out.insert(out.begin(), e);
  }
  return out;
}

namespace {

constexpr double kDaysPerMonthD = 30.4375;
constexpr std::size_t kMaxBaseChain = 16;
constexpr std::uint32_t kMaxReplicates = 10000;
constexpr std::uint64_t kMaxPoints = 1000000;

std::string nearest(std::string_view key, const std::vector<std::string>& allowed) {
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const std::string& a : allowed) {
    const std::size_t d = edit_distance(key, a);
    if (d < best_distance) best_distance = d, best = a;
  }
  return best;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

std::string number_text(double v) { return shortest(v); }

// ---- reading values with their places -------------------------------------------------------------

class Reader {
 public:
  explicit Reader(std::string fallback_file) : fallback_(std::move(fallback_file)) {}

  SourcePlace place(const toml::node& n) const {
    const toml::source_region& s = n.source();
    SourcePlace p;
    p.file = s.path ? *s.path : fallback_;
    p.line = static_cast<int>(s.begin.line);
    p.column = static_cast<int>(s.begin.column);
    return p;
  }
  [[noreturn]] void fail(const toml::node& n, const std::string& key, const std::string& problem) const {
    throw ScenarioError(place(n), key, problem);
  }

  void check_keys(const toml::table& t, const std::string& prefix,
                  const std::vector<std::string>& allowed) const {
    for (const auto& [k, v] : t) {
      const std::string key(k.str());
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        fail(v, dotted(prefix, key),
             "unknown key; did you mean '" + nearest(key, allowed) + "'? allowed: " + join(allowed));
    }
  }

  static std::string dotted(const std::string& prefix, const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
  }

  double number(const toml::node& n, const std::string& key) const {
    double v = 0;
    if (auto i = n.as_integer())
      v = static_cast<double>(i->get());
    else if (auto f = n.as_floating_point())
      v = f->get();
    else
      fail(n, key, std::string("expected a number, found ") + type_name(n) + "; allowed: a number");
    if (!std::isfinite(v)) fail(n, key, "not a finite number; allowed: a finite number");
    return v;
  }
  double number_in(const toml::node& n, const std::string& key, double lo, double hi,
                   const std::string& unit = "") const {
    const double v = number(n, key);
    if (v < lo || v > hi)
      fail(n, key, number_text(v) + " is out of range; allowed: from " + number_text(lo) + " to " +
                       number_text(hi) + (unit.empty() ? "" : " " + unit));
    return v;
  }
  std::int64_t integer_in(const toml::node& n, const std::string& key, std::int64_t lo,
                          std::int64_t hi) const {
    const auto i = n.as_integer();
    if (!i) {
      if (auto f = n.as_floating_point(); f && std::isfinite(f->get()) && f->get() == std::floor(f->get())) {
        // Compare before converting: a huge float does not fit an integer.
        const double v = f->get();
        if (v < static_cast<double>(lo) || v > static_cast<double>(hi))
          fail(n, key, number_text(v) + " is out of range; allowed: from " + std::to_string(lo) + " to " +
                           std::to_string(hi));
        return static_cast<std::int64_t>(v);
      }
      fail(n, key, std::string("expected a whole number, found ") + type_name(n) +
                       "; allowed: a whole number from " + std::to_string(lo) + " to " +
                       std::to_string(hi));
    }
    return integer_in_value(n, key, i->get(), lo, hi);
  }
  std::string string(const toml::node& n, const std::string& key) const {
    if (auto s = n.as_string()) return s->get();
    fail(n, key, std::string("expected a string, found ") + type_name(n) + "; allowed: a quoted string");
  }
  // A name shown in CSV files and messages: one line of printable text (no NUL,
  // tab, line break or other control character).
  std::string name(const toml::node& n, const std::string& key) const {
    std::string s = string(n, key);
    for (char c : s)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        char code[8];
        std::snprintf(code, sizeof code, "U+%04X",
                      static_cast<unsigned>(static_cast<unsigned char>(c)));
        fail(n, key,
             std::string("holds the control character ") + code +
                 "; allowed: one line of printable text");
      }
    return s;
  }
  bool boolean(const toml::node& n, const std::string& key) const {
    if (auto b = n.as_boolean()) return b->get();
    fail(n, key, std::string("expected true or false, found ") + type_name(n) + "; allowed: true, false");
  }
  const toml::table& table(const toml::node& n, const std::string& key) const {
    if (auto t = n.as_table()) return *t;
    fail(n, key, std::string("expected a table, found ") + type_name(n) + "; allowed: a table");
  }
  static const char* type_name(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::table: return "a table";
      case toml::node_type::array: return "an array";
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "an integer";
      case toml::node_type::floating_point: return "a number";
      case toml::node_type::boolean: return "a boolean";
      case toml::node_type::date:
      case toml::node_type::time:
      case toml::node_type::date_time: return "a date or time";
      default: return "nothing";
    }
  }

  const std::string& fallback() const { return fallback_; }

 private:
  std::int64_t integer_in_value(const toml::node& n, const std::string& key, std::int64_t v,
                                std::int64_t lo, std::int64_t hi) const {
    if (v < lo || v > hi)
      fail(n, key, std::to_string(v) + " is out of range; allowed: from " + std::to_string(lo) +
                       " to " + std::to_string(hi));
    return v;
  }
  std::string fallback_;
};

// ---- parsing and merging bases ----------------------------------------------------------------------

struct Document {
  toml::table table;
  std::string text;
};

toml::table parse_text(const std::string& text, const std::string& name) {
  if (const auto deep = find_excess_nesting(text))
    throw ScenarioError(SourcePlace{name, deep->line, deep->column}, "",
                        "nested more than " + std::to_string(kMaxTomlDepth) +
                            " levels deep (tables, arrays, dotted keys); allowed: at most " +
                            std::to_string(kMaxTomlDepth) + " levels");
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    SourcePlace p{name, static_cast<int>(e.source().begin.line),
                  static_cast<int>(e.source().begin.column)};
    throw ScenarioError(p, "", "malformed TOML: " + std::string(e.description()) +
                                   "; allowed: TOML 1.0 (https://toml.io)");
  }
}

std::string size_text(std::uintmax_t bytes);

std::string read_file(const std::filesystem::path& path, const std::string& referrer) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw ScenarioError((referrer.empty() ? "" : referrer + ": ") + path.string() +
                        ": cannot open the scenario file (" +
                        (std::filesystem::exists(path, error) ? "not a regular file" : "no such file") +
                        "); allowed: a readable .toml file");
  // Checked before reading: a huge file is refused at once, without reading it.
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > kMaxScenarioBytes)
    throw ScenarioError(path.string() + ": the file is " + size_text(size) +
                        "; allowed: a scenario file of at most " + size_text(kMaxScenarioBytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path.string() + ": cannot read the scenario file; allowed: a readable .toml file");
  // At most one byte more than the limit, in case the file grew since its size was read.
  std::string text(static_cast<std::size_t>(kMaxScenarioBytes) + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad())
    throw ScenarioError(path.string() +
                        ": cannot read the scenario file; allowed: a readable .toml file");
  if (text.size() > kMaxScenarioBytes)
    throw ScenarioError(path.string() + ": the file is larger than " +
                        size_text(kMaxScenarioBytes) + "; allowed: a scenario file of at most " +
                        size_text(kMaxScenarioBytes));
  return text;
}

// "3 bytes", "100 MiB".
std::string size_text(std::uintmax_t bytes) {
  if (bytes < (1u << 20)) return std::to_string(bytes) + " bytes";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1u << 20));
  return text;
}

// Event arrays merge by appending, an event with a base event's id replacing it.
void merge_events(toml::array& base, toml::array&& child) {
  for (auto&& node : child) {
    const toml::table* t = node.as_table();
    const auto id = t ? (*t)["id"].value<std::string>() : std::nullopt;
    auto same = base.end();
    if (id)
      same = std::find_if(base.begin(), base.end(), [&](const toml::node& b) {
        const toml::table* bt = b.as_table();
        return bt && (*bt)["id"].value<std::string>() == id;
      });
    if (same != base.end())
      base.replace(same, std::move(node));  // moves keep the source positions
    else
      base.push_back(std::move(node));
  }
}

void merge_tables(toml::table& base, toml::table&& child, const std::string& path) {
  for (auto&& [k, v] : child) {
    const std::string key(k.str());
    const std::string here = path.empty() ? key : path + "." + key;
    toml::node* existing = base.get(k);
    if (existing && existing->is_table() && v.is_table() && here != "meta") {
      merge_tables(*existing->as_table(), std::move(*v.as_table()), here);
    } else if (existing && existing->is_array() && v.is_array() &&
               (here == "event" || here == "variant.event")) {
      merge_events(*existing->as_array(), std::move(*v.as_array()));
    } else if (here == "meta" && existing && existing->is_table() && v.is_table()) {
      // A scenario's lesson is its own; only the name carries over when missing.
      toml::table meta = std::move(*v.as_table());
      if (!meta.contains("name"))
        if (auto name = (*existing->as_table())["name"].value<std::string>()) meta.insert("name", *name);
      base.insert_or_assign(k, std::move(meta));
    } else {
      base.insert_or_assign(k, std::move(v));
    }
  }
}

Document load_document(const std::filesystem::path& path, const std::string& display,
                       const std::string& referrer, std::vector<std::string>& chain) {
  // The non-throwing form: a name the file system refuses (too long, say)
  // is bad input like a missing file, not a crash (found by the fuzzer).
  std::error_code error;
  const std::string canonical = std::filesystem::weakly_canonical(path, error).string();
  if (error)
    throw ScenarioError((referrer.empty() ? "" : referrer + ": ") + display +
                        ": cannot open the scenario file (" + error.message() +
                        "); allowed: a readable .toml file");
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end())
    throw ScenarioError(referrer + ": base: " + display +
                        " extends itself (a circular chain of bases); allowed: a chain without cycles");
  chain.push_back(canonical);
  Document doc;
  doc.text = read_file(path, referrer);
  doc.table = parse_text(doc.text, display);
  // An empty file is almost always a mistake (a failed download, a wrong name);
  // the built-in default population is `attachsim run` without a file.
  if (doc.table.empty())
    throw ScenarioError(
        SourcePlace{display, 1, 1}, "",
        std::string(doc.text.empty() ? "the file is empty"
                                     : "the file holds no settings, only comments") +
            "; allowed: a scenario with at least one key, e.g. [run] dyads = 1000");
  if (toml::node* base = doc.table.get("base")) {
    Reader reader(display);
    const std::string base_name = reader.string(*base, "base");
    // Each base is a level of recursion and a copy of the texts before it: a
    // chain of thousands of files would exhaust the stack and the memory.
    if (chain.size() > kMaxBaseChain)
      reader.fail(*base, "base",
                  "a chain of more than " + std::to_string(kMaxBaseChain) +
                      " bases; allowed: at most " + std::to_string(kMaxBaseChain) + " bases");
    const std::filesystem::path base_path = path.parent_path() / base_name;
    const std::string base_display = (std::filesystem::path(display).parent_path() / base_name).string();
    Document parent = load_document(base_path, base_display, reader.place(*base).text(), chain);
    doc.table.erase("base");
    toml::table merged = std::move(parent.table);
    merge_tables(merged, std::move(doc.table), "");
    doc.table = std::move(merged);
    doc.text = parent.text + "\n# ---- " + display + " (extends " + base_display + ") ----\n" + doc.text;
  }
  chain.pop_back();
  return doc;
}

// ---- the scenario -----------------------------------------------------------------------------------

const std::vector<std::string> kTopKeys = {"base", "meta", "run", "parameters", "subgroup",
                                           "event", "output", "sweep", "variant"};
const std::vector<std::string> kCaregivers = {"primary", "secondary", "daycare"};
const std::vector<std::string> kRoles = {"primary", "secondary", "daycare", "institution"};
const std::vector<std::string> kKinds = {"assessment", "intervention", "placement",
                                         "daycare_entry", "loss", "separation",
                                         "depression_onset", "depression_remission", "set"};
const std::vector<std::string> kEventFields = {"age_months", "age_weeks", "age_days",
                                               "sessions", "days", "share"};

bool is_parameter_prefix(const std::string& prefix) {
  for (const ParameterInfo& p : parameter_table())
    if (p.name.size() > prefix.size() && p.name.substr(0, prefix.size()) == prefix &&
        p.name[prefix.size()] == '.')
      return true;
  return false;
}

class ScenarioReader {
 public:
  ScenarioReader(const toml::table& root, const std::string& file) : root_(root), r_(file) {}

  Scenario read() {
    Scenario s;
    r_.check_keys(root_, "", kTopKeys);
    if (const toml::node* n = root_.get("meta")) read_meta(r_.table(*n, "meta"), s.meta);
    if (const toml::node* n = root_.get("run")) read_run(r_.table(*n, "run"), s.run);
    if (const toml::node* n = root_.get("output")) read_output(r_.table(*n, "output"), s.output);
    if (const toml::node* n = root_.get("parameters"))
      read_settings(r_.table(*n, "parameters"), "parameters", "", true, s.parameters);
    if (const toml::node* n = root_.get("subgroup")) read_subgroups(*n, s);
    if (const toml::node* n = root_.get("event")) read_events(*n, "event", s, s.events);
    if (const toml::node* n = root_.get("variant")) read_variant(r_.table(*n, "variant"), s);
    if (const toml::node* n = root_.get("sweep")) read_sweep(r_.table(*n, "sweep"), s);
    for (const PendingLastClass& p : pending_last_class_) {
      const auto before = [&](const EventSpec& e) {
        return e.kind == EventKind::Assessment && !e.days.empty() && e.days.front() < p.first_day;
      };
      if (std::none_of(s.events.begin(), s.events.end(), before) &&
          std::none_of(s.variant.events.begin(), s.variant.events.end(), before))
        throw ScenarioError(p.where, p.key,
                            "no assessment before this event; allowed: last_class only after an assessment event");
    }
    return s;
  }

 private:
  void read_meta(const toml::table& t, Meta& meta) {
    r_.check_keys(t, "meta", {"name", "summary", "lesson"});
    if (const toml::node* n = t.get("name")) meta.name = r_.name(*n, "meta.name");
    if (const toml::node* n = t.get("summary")) meta.summary = r_.string(*n, "meta.summary");
    if (const toml::node* n = t.get("lesson")) meta.lesson = r_.string(*n, "meta.lesson");
  }

  void read_run(const toml::table& t, RunSettings& run) {
    r_.check_keys(t, "run", {"dyads", "months", "days", "seed"});
    if (const toml::node* n = t.get("dyads")) {
      run.dyads = static_cast<std::uint32_t>(r_.integer_in(*n, "run.dyads", 1, kMaxDyads));
      run.dyads_origin = r_.place(*n).text() + ": run.dyads";
    }
    const toml::node* months = t.get("months");
    const toml::node* days = t.get("days");
    if (months && days)
      r_.fail(*days, "run.days", "both run.months and run.days are given; allowed: one of them");
    const double max_months = kMaxDays / kDaysPerMonthD;
    if (months) {
      const double m = r_.number(*months, "run.months");
      if (!(m > 0) || m > max_months)
        r_.fail(*months, "run.months",
                number_text(m) + " is out of range; allowed: more than 0 and at most " +
                    number_text(std::floor(max_months)) + " months");
      run.days = static_cast<std::uint32_t>(std::lround(m * kDaysPerMonthD));
      if (run.days < 1) run.days = 1;
    }
    if (days) run.days = static_cast<std::uint32_t>(r_.integer_in(*days, "run.days", 1, kMaxDays));
    if (const toml::node* n = t.get("seed"))
      run.seed = static_cast<std::uint64_t>(
          r_.integer_in(*n, "run.seed", 0, std::numeric_limits<std::int64_t>::max()));
  }

  void read_output(const toml::table& t, OutputSpec& out) {
    r_.check_keys(t, "output", {"record_every_days", "dyads"});
    if (const toml::node* n = t.get("record_every_days"))
      out.record_every_days =
          static_cast<std::uint32_t>(r_.integer_in(*n, "output.record_every_days", 1, 365));
    if (const toml::node* n = t.get("dyads")) out.dyads = r_.boolean(*n, "output.dyads");
  }

  // Parameters: dotted keys and sub-tables flatten to table names; a table
  // with a `dist` key is a distribution.
  void read_settings(const toml::table& t, const std::string& key_prefix,
                     const std::string& name_prefix, bool distributions, Settings& out) {
    for (const auto& [k, v] : t) {
      const std::string name = Reader::dotted(name_prefix, std::string(k.str()));
      const std::string key = Reader::dotted(key_prefix, std::string(k.str()));
      const std::optional<Param> p = find_parameter(name);
      if (const toml::table* sub = v.as_table(); sub && !sub->contains("dist")) {
        if (!is_parameter_prefix(name)) unknown_parameter(v, key, name);
        read_settings(*sub, key, name, distributions, out);
        continue;
      }
      if (!p) unknown_parameter(v, key, name);
      for (const ParameterSetting& already : out)
        if (already.parameter == *p)
          r_.fail(v, key, "set twice (also at " + already.where.text() + "); allowed: one value per parameter");
      ParameterSetting setting;
      setting.parameter = *p;
      setting.where = r_.place(v);
      if (const toml::table* dist = v.as_table()) {
        if (!distributions)
          r_.fail(v, key, "a distribution is not allowed here; allowed: a number");
        setting.value = read_distribution(*dist, key, *p);
      } else {
        const double value = r_.number(v, key);
        if (auto problem = check_value(*p, value)) r_.fail(v, key, *problem);
        setting.value = Distribution::fixed(value);
      }
      out.push_back(std::move(setting));
    }
  }

  [[noreturn]] void unknown_parameter(const toml::node& v, const std::string& key, const std::string& name) {
    r_.fail(v, key, "unknown parameter '" + name + "'; did you mean '" + nearest_parameter_name(name) +
                        "'? allowed: the names listed by `attachsim describe`");
  }

  Distribution read_distribution(const toml::table& t, const std::string& key, Param p) {
    const ParameterInfo& row = info(p);
    const std::vector<std::string> kinds = {"fixed", "normal", "uniform", "beta", "categorical"};
    const std::string kind = r_.string(*t.get("dist"), key + ".dist");
    Distribution d;
    const auto need = [&](const char* field) -> const toml::node& {
      const toml::node* n = t.get(field);
      if (!n)
        r_.fail(t, key, "a " + kind + " distribution needs '" + field + "'; allowed: " +
                            "see docs/scenarios.md, Parameters");
      return *n;
    };
    const auto in_range = [&](const toml::node& n, const std::string& field) {
      return r_.number_in(n, key + "." + field, row.min, row.max, std::string(row.unit));
    };
    std::vector<std::string> allowed = {"dist", "strata"};
    if (kind == "fixed") {
      allowed.insert(allowed.end(), {"value"});
      d.kind = Distribution::Kind::Fixed;
      d.value = r_.number(need("value"), key + ".value");
      if (auto problem = check_value(p, d.value)) r_.fail(need("value"), key + ".value", *problem);
    } else if (kind == "normal") {
      allowed.insert(allowed.end(), {"mean", "sd", "min", "max"});
      d.kind = Distribution::Kind::Normal;
      d.mean = in_range(need("mean"), "mean");
      d.sd = r_.number_in(need("sd"), key + ".sd", 0, row.max - row.min);
      d.min = t.get("min") ? in_range(*t.get("min"), "min") : row.min;
      d.max = t.get("max") ? in_range(*t.get("max"), "max") : row.max;
      if (d.min > d.max) r_.fail(*t.get("max"), key + ".max", "below min; allowed: max >= min");
    } else if (kind == "uniform") {
      allowed.insert(allowed.end(), {"min", "max"});
      d.kind = Distribution::Kind::Uniform;
      d.min = in_range(need("min"), "min");
      d.max = in_range(need("max"), "max");
      if (d.min > d.max) r_.fail(*t.get("max"), key + ".max", "below min; allowed: max >= min");
    } else if (kind == "beta") {
      allowed.insert(allowed.end(), {"alpha", "beta", "min", "max"});
      d.kind = Distribution::Kind::Beta;
      d.alpha = r_.number_in(need("alpha"), key + ".alpha", 0.01, 1000);
      d.beta = r_.number_in(need("beta"), key + ".beta", 0.01, 1000);
      d.min = t.get("min") ? in_range(*t.get("min"), "min") : std::max(0.0, row.min);
      d.max = t.get("max") ? in_range(*t.get("max"), "max") : std::min(1.0, row.max);
      if (d.min > d.max) r_.fail(t, key + ".max", "below min; allowed: max >= min");
    } else if (kind == "categorical") {
      allowed.insert(allowed.end(), {"values", "weights"});
      d.kind = Distribution::Kind::Categorical;
      const toml::array* values = need("values").as_array();
      const toml::array* weights = need("weights").as_array();
      if (!values || values->empty())
        r_.fail(need("values"), key + ".values", "expected a non-empty list of numbers; allowed: e.g. [0, 1]");
      if (!weights || weights->size() != values->size())
        r_.fail(need("weights"), key + ".weights",
                "expected a list as long as values (" + std::to_string(values->size()) +
                    "); allowed: one weight per value");
      for (const toml::node& v : *values) {
        const double x = r_.number(v, key + ".values");
        if (auto problem = check_value(p, x)) r_.fail(v, key + ".values", *problem);
        d.values.push_back(x);
      }
      double total = 0;
      for (const toml::node& w : *weights) {
        d.weights.push_back(r_.number_in(w, key + ".weights", 0, 1e12));
        total += d.weights.back();
      }
      if (!(total > 0)) r_.fail(need("weights"), key + ".weights", "all zero; allowed: weights with a positive sum");
    } else {
      r_.fail(*t.get("dist"), key + ".dist",
              "unknown distribution '" + kind + "'; did you mean '" + nearest(kind, kinds) +
                  "'? allowed: " + join(kinds));
    }
    r_.check_keys(t, key, allowed);
    if (const toml::node* n = t.get("strata"))
      d.strata = static_cast<int>(r_.integer_in(*n, key + ".strata", 2, 100));
    if (row.integer() && (d.kind == Distribution::Kind::Normal || d.kind == Distribution::Kind::Uniform ||
                          d.kind == Distribution::Kind::Beta))
      r_.fail(t, key, std::string(row.name) +
                          " takes whole numbers; allowed: a number or a categorical distribution");
    return d;
  }

  void read_subgroups(const toml::node& n, Scenario& s) {
    const toml::array* list = n.as_array();
    if (!list || list->empty() || !list->is_array_of_tables())
      r_.fail(n, "subgroup", "expected one or more [[subgroup]] tables; allowed: [[subgroup]] name = ..., share = ...");
    s.subgroups.clear();
    double total = 0;
    for (const toml::node& item : *list) {
      const toml::table& t = *item.as_table();
      r_.check_keys(t, "subgroup", {"name", "share", "parameters"});
      SubgroupSpec g;
      const toml::node* name = t.get("name");
      if (!name) r_.fail(t, "subgroup", "has no name; allowed: name = \"...\" (unique)");
      g.name = r_.name(*name, "subgroup.name");
      if (g.name.empty() || g.name.find_first_of(",\"\n\r") != std::string::npos)
        r_.fail(*name, "subgroup.name", "'" + g.name + "' is empty or holds a comma, quote or line break; allowed: a plain name");
      for (const SubgroupSpec& other : s.subgroups)
        if (other.name == g.name) r_.fail(*name, "subgroup.name", "'" + g.name + "' is used twice; allowed: unique names");
      // "all" names the whole population in the measures and summaries: a subgroup of that
      // name would be averaged into the population's rows.
      if (g.name == "all")
        r_.fail(*name, "subgroup.name", "'all' is reserved for the whole population; allowed: another name");
      const toml::node* share = t.get("share");
      if (!share) r_.fail(t, "subgroup." + g.name, "has no share; allowed: share = a number from 0 to 1");
      g.share = r_.number_in(*share, "subgroup." + g.name + ".share", 0, 1);
      total += g.share;
      if (const toml::node* p = t.get("parameters"))
        read_settings(r_.table(*p, "subgroup.parameters"), "subgroup." + g.name + ".parameters", "",
                      true, g.parameters);
      s.subgroups.push_back(std::move(g));
    }
    if (std::abs(total - 1.0) > 1e-6)
      r_.fail(n, "subgroup", "the shares sum to " + number_text(total) + "; allowed: shares that sum to 1");
  }

  // The ages of an event, in days; every one after birth and within the run.
  std::vector<std::uint32_t> read_ages(const toml::table& t, const std::string& key,
                                       const Scenario& s, bool assessment) {
    const std::vector<std::pair<std::string, double>> units = {
        {"age_months", kDaysPerMonthD}, {"age_weeks", 7.0}, {"age_days", 1.0}};
    const toml::node* found = nullptr;
    std::string unit;
    double scale = 1;
    for (const auto& [name, days] : units)
      if (const toml::node* n = t.get(name)) {
        if (found) r_.fail(*n, key + "." + name, "the age is given twice; allowed: one of age_months, age_weeks, age_days");
        found = n, unit = name, scale = days;
      }
    if (!found) r_.fail(t, key, "has no age; allowed: age_months, age_weeks or age_days");
    std::vector<std::uint32_t> days;
    const auto add = [&](const toml::node& n) {
      days.push_back(age_to_day(n, key + "." + unit, r_.number(n, key + "." + unit), scale, s, assessment));
    };
    if (const toml::array* list = found->as_array()) {
      if (list->empty()) r_.fail(*found, key + "." + unit, "an empty list; allowed: one age or a list of ages");
      for (const toml::node& n : *list) add(n);
    } else {
      add(*found);
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
  }

 public:
  // An age in days for an event; assessments may be on the last day (the end of the run).
  std::uint32_t age_to_day(const toml::node& n, const std::string& key, double age, double scale,
                           const Scenario& s, bool assessment) const {
    const double end = s.run.days / scale;
    const long day = std::lround(age * scale);
    const bool within = assessment ? day <= static_cast<long>(s.run.days) : day < static_cast<long>(s.run.days);
    if (!(age > 0) || day < 1)
      r_.fail(n, key, number_text(age) + " is not after birth; allowed: an age of at least one day");
    if (!within)
      r_.fail(n, key, "at " + number_text(age) + " this event is past the end of the run (" +
                          number_text(end) + "); allowed: " +
                          (assessment ? "up to the end of the run" : "before the end of the run"));
    return static_cast<std::uint32_t>(day);
  }

 private:
  int read_slot(const toml::table& t, const std::string& key) {
    const toml::node* n = t.get("caregiver");
    if (!n) return kPrimarySlot;
    const std::string name = r_.string(*n, key + ".caregiver");
    const auto it = std::find(kCaregivers.begin(), kCaregivers.end(), name);
    if (it == kCaregivers.end())
      r_.fail(*n, key + ".caregiver", "unknown caregiver '" + name + "'; did you mean '" +
                                          nearest(name, kCaregivers) + "'? allowed: " + join(kCaregivers));
    return static_cast<int>(it - kCaregivers.begin());
  }

  Target read_target(const toml::node& n, const std::string& key, const Scenario& s,
                     std::uint32_t first_day) {
    Target target;
    if (const auto text = n.value<std::string>()) {
      if (*text != "all") r_.fail(n, key, "unknown target '" + *text + "'; allowed: \"all\" or a table such as { share = 0.3 }");
      return target;
    }
    const toml::table& t = r_.table(n, key);
    r_.check_keys(t, key, {"share", "subgroup", "last_class", "sensitivity_below"});
    if (const toml::node* v = t.get("share")) target.share = r_.number_in(*v, key + ".share", 0, 1);
    if (const toml::node* v = t.get("subgroup")) {
      // One subgroup ("high") or several (["high", "very high"]).
      std::vector<std::string> names;
      for (const SubgroupSpec& g : s.subgroups) names.push_back(g.name);
      const auto add = [&](const toml::node& g) {
        const std::string name = r_.string(g, key + ".subgroup");
        if (std::find(names.begin(), names.end(), name) == names.end())
          r_.fail(g, key + ".subgroup", "unknown subgroup '" + name + "'; did you mean '" +
                                            nearest(name, names) + "'? allowed: " + join(names));
        if (std::find(target.subgroups.begin(), target.subgroups.end(), name) == target.subgroups.end())
          target.subgroups.push_back(name);
      };
      if (const toml::array* list = v->as_array()) {
        if (list->empty()) r_.fail(*v, key + ".subgroup", "an empty list; allowed: one subgroup or a list of them");
        for (const toml::node& g : *list) add(g);
      } else {
        add(*v);
      }
    }
    if (const toml::node* v = t.get("sensitivity_below"))
      target.sensitivity_below = r_.number_in(*v, key + ".sensitivity_below", 0, 1);
    if (const toml::node* v = t.get("last_class")) {
      const std::vector<std::string> classes = {"A", "B", "C", "D", "CC", "secure", "insecure"};
      const auto add = [&](const toml::node& c) {
        const std::string name = r_.string(c, key + ".last_class");
        if (name == "secure") target.last_class.push_back(Class4::B);
        else if (name == "insecure")
          target.last_class.insert(target.last_class.end(),
                                   {Class4::A, Class4::C, Class4::D, Class4::CC});
        else if (name.size() == 1 && name[0] >= 'A' && name[0] <= 'D')
          target.last_class.push_back(static_cast<Class4>(name[0] - 'A'));
        else if (name == "CC")
          target.last_class.push_back(Class4::CC);
        else
          r_.fail(c, key + ".last_class", "unknown class '" + name + "'; did you mean '" +
                                              nearest(name, classes) + "'? allowed: " + join(classes));
      };
      if (const toml::array* list = v->as_array()) {
        if (list->empty()) r_.fail(*v, key + ".last_class", "an empty list; allowed: one or more classes");
        for (const toml::node& c : *list) add(c);
      } else {
        add(*v);
      }
      // Checked once every event is read: an earlier assessment may be written further down.
      pending_last_class_.push_back(PendingLastClass{r_.place(*v), key + ".last_class", first_day});
    }
    return target;
  }

  void read_events(const toml::node& n, const std::string& key, const Scenario& s,
                   std::vector<EventSpec>& out) {
    const toml::array* list = n.as_array();
    if (!list || !list->is_array_of_tables())
      r_.fail(n, key, "expected [[" + key + "]] tables; allowed: [[" + key + "]] kind = ..., age_months = ...");
    for (const toml::node& item : *list) {
      const toml::table& t = *item.as_table();
      const toml::node* kind_node = t.get("kind");
      if (!kind_node) r_.fail(t, key, "has no kind; allowed: kind = one of " + join(kKinds));
      const std::string kind = r_.string(*kind_node, key + ".kind");
      const auto it = std::find(kKinds.begin(), kKinds.end(), kind);
      if (it == kKinds.end())
        r_.fail(*kind_node, key + ".kind", "unknown event kind '" + kind + "'; did you mean '" +
                                               nearest(kind, kKinds) + "'? allowed: " + join(kKinds));
      EventSpec e;
      e.kind = static_cast<EventKind>(it - kKinds.begin());
      e.where = r_.place(t);
      const std::string here = key + "." + kind;
      std::vector<std::string> allowed = {"id", "kind", "age_months", "age_weeks", "age_days"};
      switch (e.kind) {
        case EventKind::Assessment: allowed.push_back("caregiver"); break;
        case EventKind::Intervention: allowed.insert(allowed.end(), {"caregiver", "sessions", "target"}); break;
        case EventKind::Placement: allowed.insert(allowed.end(), {"caregiver", "role", "target"}); break;
        case EventKind::DaycareEntry: allowed.push_back("target"); break;
        case EventKind::Separation: allowed.insert(allowed.end(), {"caregiver", "days", "target"}); break;
        case EventKind::Set: allowed.insert(allowed.end(), {"parameters", "target"}); break;
        default: allowed.insert(allowed.end(), {"caregiver", "target"}); break;
      }
      r_.check_keys(t, here, allowed);
      if (const toml::node* v = t.get("id")) {
        e.id = r_.string(*v, here + ".id");
        if (e.id.empty() || !std::all_of(e.id.begin(), e.id.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
            }))
          r_.fail(*v, here + ".id", "'" + e.id + "' is not a plain name; allowed: letters, digits and _");
        for (const EventSpec& other : out)
          if (other.id == e.id) r_.fail(*v, here + ".id", "'" + e.id + "' is used twice; allowed: unique ids");
      }
      e.days = read_ages(t, here, s, e.kind == EventKind::Assessment);
      e.slot = e.kind == EventKind::DaycareEntry ? kDaycareSlot : read_slot(t, here);
      if (e.kind == EventKind::DaycareEntry) e.role = CaregiverRole::Daycare;
      if (const toml::node* v = t.get("role")) {
        const std::string role = r_.string(*v, here + ".role");
        const auto r = std::find(kRoles.begin(), kRoles.end(), role);
        if (r == kRoles.end())
          r_.fail(*v, here + ".role", "unknown role '" + role + "'; did you mean '" + nearest(role, kRoles) +
                                          "'? allowed: " + join(kRoles));
        e.role = static_cast<CaregiverRole>(1 + (r - kRoles.begin()));
      }
      if (const toml::node* v = t.get("sessions"))
        e.sessions = static_cast<int>(r_.integer_in(*v, here + ".sessions", 1, kMaxInterventionSessions));
      if (const toml::node* v = t.get("days"))
        e.separation_days = static_cast<int>(r_.integer_in(*v, here + ".days", 1, kMaxSeparationDays));
      if (const toml::node* v = t.get("parameters")) {
        Settings settings;
        read_settings(r_.table(*v, here + ".parameters"), here + ".parameters", "", false, settings);
        for (const ParameterSetting& p : settings) e.set.emplace_back(p.parameter, p.value.value);
      }
      if (e.kind == EventKind::Set && e.set.empty())
        r_.fail(t, here, "changes nothing; allowed: parameters = { name = value, ... }");
      if (const toml::node* v = t.get("target")) e.target = read_target(*v, here + ".target", s, e.days.front());
      // Serials: baseline events count from 0, variant events from 2^20,
      // except that a variant event replacing a baseline event keeps its serial.
      const bool in_variant = &out == &s.variant.events;
      e.serial = static_cast<std::uint32_t>(out.size()) + (in_variant ? (1u << 20) : 0u);
      if (in_variant && !e.id.empty())
        for (const EventSpec& b : s.events)
          if (b.id == e.id) e.serial = b.serial;
      out.push_back(std::move(e));
    }
  }

  void read_variant(const toml::table& t, Scenario& s) {
    r_.check_keys(t, "variant", {"name", "parameters", "event"});
    s.variant.present = true;
    if (const toml::node* n = t.get("name")) s.variant.name = r_.name(*n, "variant.name");
    if (const toml::node* n = t.get("parameters"))
      read_settings(r_.table(*n, "variant.parameters"), "variant.parameters", "", true, s.variant.parameters);
    if (const toml::node* n = t.get("event")) read_events(*n, "variant.event", s, s.variant.events);
    if (s.variant.parameters.empty() && s.variant.events.empty())
      r_.fail(t, "variant", "changes nothing; allowed: parameters and/or [[variant.event]]");
  }

  void read_sweep(const toml::table& t, Scenario& s) {
    r_.check_keys(t, "sweep", {"replicates", "seed", "design", "samples", "common_random_numbers", "axes"});
    SweepSpec& w = s.sweep;
    w.present = true;
    if (const toml::node* n = t.get("replicates"))
      w.replicates = static_cast<std::uint32_t>(r_.integer_in(*n, "sweep.replicates", 1, kMaxReplicates));
    if (const toml::node* n = t.get("seed"))
      w.seed = static_cast<std::uint64_t>(r_.integer_in(*n, "sweep.seed", 0, std::numeric_limits<std::int64_t>::max()));
    if (const toml::node* n = t.get("design")) {
      const std::string design = r_.string(*n, "sweep.design");
      if (design != "grid" && design != "latin_hypercube")
        r_.fail(*n, "sweep.design", "unknown design '" + design + "'; allowed: grid, latin_hypercube");
      w.latin_hypercube = design == "latin_hypercube";
    }
    if (const toml::node* n = t.get("samples")) {
      if (!w.latin_hypercube) r_.fail(*n, "sweep.samples", "samples belongs to a Latin hypercube; allowed: design = \"latin_hypercube\"");
      w.samples = static_cast<std::uint32_t>(r_.integer_in(*n, "sweep.samples", 1, 100000));
    }
    if (const toml::node* n = t.get("common_random_numbers"))
      w.common_random_numbers = r_.boolean(*n, "sweep.common_random_numbers");
    if (const toml::node* n = t.get("axes")) read_axes(r_.table(*n, "sweep.axes"), "sweep.axes", "", s);
    // Tables come back sorted by key; the axes keep the order of the file.
    std::stable_sort(w.axes.begin(), w.axes.end(), [](const Axis& a, const Axis& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    std::uint64_t points = w.latin_hypercube ? w.samples : 1;
    if (!w.latin_hypercube)
      for (const Axis& a : w.axes) {
        points *= a.values.size();
        if (points > kMaxPoints)
          throw ScenarioError(a.where, "sweep.axes", "more than 1,000,000 points; allowed: at most 1,000,000");
      }
    if (points * w.replicates > kMaxPoints * 10)
      r_.fail(t, "sweep", std::to_string(points * w.replicates) + " runs; allowed: at most 10,000,000");
  }

  void read_axes(const toml::table& t, const std::string& key_prefix, const std::string& name_prefix,
                 Scenario& s) {
    for (const auto& [k, v] : t) {
      const std::string name = Reader::dotted(name_prefix, std::string(k.str()));
      const std::string key = Reader::dotted(key_prefix, std::string(k.str()));
      const toml::table* sub = v.as_table();
      if (sub && !sub->contains("from") && !sub->contains("to")) {
        read_axes(*sub, key, name, s);
        continue;
      }
      Axis a;
      a.name = name;
      a.where = r_.place(v);
      for (const Axis& other : s.sweep.axes)
        if (other.name == name) r_.fail(v, key, "a second axis over the same value; allowed: one axis each");
      // What the axis varies, and the check of each value.
      std::function<void(const toml::node&, double)> check;
      if (name.rfind("event.", 0) == 0) {
        const std::string rest = name.substr(6);
        const auto dot = rest.find('.');
        a.event_id = rest.substr(0, dot);
        a.field = dot == std::string::npos ? "" : rest.substr(dot + 1);
        // An event of the timeline or of the variant.
        std::vector<EventSpec> all = s.events;
        all.insert(all.end(), s.variant.events.begin(), s.variant.events.end());
        const auto e = std::find_if(all.begin(), all.end(),
                                    [&](const EventSpec& x) { return !x.id.empty() && x.id == a.event_id; });
        if (e == all.end()) {
          std::vector<std::string> ids;
          for (const EventSpec& x : all)
            if (!x.id.empty()) ids.push_back(x.id);
          r_.fail(v, key, "no event has id '" + a.event_id + "'; allowed: " +
                              (ids.empty() ? "give the event an id first" : join(ids)));
        }
        if (std::find(kEventFields.begin(), kEventFields.end(), a.field) == kEventFields.end())
          r_.fail(v, key, "unknown event field '" + a.field + "'; did you mean '" + nearest(a.field, kEventFields) +
                              "'? allowed: " + join(kEventFields));
        const EventSpec event = *e;
        if (a.field == "sessions" && event.kind != EventKind::Intervention)
          r_.fail(v, key, "sessions belongs to an intervention; allowed: an intervention event's sessions");
        if (a.field == "days" && event.kind != EventKind::Separation)
          r_.fail(v, key, "days belongs to a separation; allowed: a separation event's days");
        if (a.field == "share" && event.kind == EventKind::Assessment)
          r_.fail(v, key, "an assessment has no target share; allowed: the share of another event");
        check = [this, key, field = a.field, &s, event](const toml::node& n, double x) {
          if (field == "sessions") {
            if (x != std::floor(x) || x < 1 || x > kMaxInterventionSessions)
              r_.fail(n, key, number_text(x) + " is not allowed; allowed: whole numbers from 1 to " +
                                  std::to_string(kMaxInterventionSessions));
          } else if (field == "days") {
            if (x != std::floor(x) || x < 1 || x > kMaxSeparationDays)
              r_.fail(n, key, number_text(x) + " is not allowed; allowed: whole numbers from 1 to " +
                                  std::to_string(kMaxSeparationDays));
          } else if (field == "share") {
            if (x < 0 || x > 1) r_.fail(n, key, number_text(x) + " is out of range; allowed: from 0 to 1");
          } else {
            const double scale = field == "age_months" ? kDaysPerMonthD : field == "age_weeks" ? 7.0 : 1.0;
            age_to_day(n, key, x, scale, s, event.kind == EventKind::Assessment);
          }
        };
      } else {
        a.parameter = find_parameter(name);
        if (!a.parameter) unknown_parameter(v, key, name);
        check = [this, key, p = *a.parameter](const toml::node& n, double x) {
          if (auto problem = check_value(p, x)) r_.fail(n, key, *problem);
        };
      }
      if (const toml::array* list = v.as_array()) {
        if (s.sweep.latin_hypercube)
          r_.fail(v, key, "a Latin hypercube needs ranges; allowed: { from = ..., to = ... }");
        if (list->empty()) r_.fail(v, key, "an empty list; allowed: one or more values");
        for (const toml::node& x : *list) {
          a.values.push_back(r_.number(x, key));
          check(x, a.values.back());
        }
      } else if (sub) {
        r_.check_keys(*sub, key, {"from", "to", "steps"});
        const toml::node* from = sub->get("from");
        const toml::node* to = sub->get("to");
        if (!from || !to) r_.fail(v, key, "a range needs from and to; allowed: { from = ..., to = ..., steps = ... }");
        a.range = true;
        a.from = r_.number(*from, key + ".from");
        a.to = r_.number(*to, key + ".to");
        check(*from, a.from);
        check(*to, a.to);
        if (const toml::node* steps = sub->get("steps")) {
          const auto n = r_.integer_in(*steps, key + ".steps", 2, 10000);
          for (std::int64_t i = 0; i < n; ++i)
            a.values.push_back(a.from + (a.to - a.from) * static_cast<double>(i) / static_cast<double>(n - 1));
        } else if (!s.sweep.latin_hypercube) {
          r_.fail(v, key, "a grid range needs steps; allowed: { from = ..., to = ..., steps = 2 or more }");
        }
        if (a.parameter && info(*a.parameter).integer())
          for (double& x : a.values) x = std::round(x);
        if (a.field == "sessions" || a.field == "days")
          for (double& x : a.values) x = std::round(x);
        // Whole-number axes: more steps than whole numbers in the range would run
        // some values twice (4, 5, 5 for 3 steps from 4 to 5): refused, not repeated.
        for (std::size_t i = 1; i < a.values.size(); ++i)
          if (a.values[i] == a.values[i - 1]) {
            const double whole = std::floor(std::fabs(a.to - a.from)) + 1;
            r_.fail(v, key, std::to_string(a.values.size()) + " steps from " + number_text(a.from) + " to " +
                                number_text(a.to) + " repeat values once rounded to whole numbers (" +
                                number_text(a.values[i]) + " twice); allowed: at most " + number_text(whole) +
                                " steps for this whole-number axis");
          }
      } else {
        r_.fail(v, key, std::string("expected a list or a range, found ") + Reader::type_name(v) +
                            "; allowed: [values] or { from = ..., to = ..., steps = ... }");
      }
      s.sweep.axes.push_back(std::move(a));
    }
  }

  struct PendingLastClass {
    SourcePlace where;
    std::string key;
    std::uint32_t first_day;
  };
  const toml::table& root_;
  Reader r_;
  std::vector<PendingLastClass> pending_last_class_;
};

Scenario finish(const toml::table& table, const std::string& display, std::string text) {
  Scenario s = ScenarioReader(table, display).read();
  s.text = std::move(text);
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  std::vector<std::string> chain;
  Document doc = load_document(path, path, "", chain);
  Scenario s = finish(doc.table, path, std::move(doc.text));
  s.path = path;
  return s;
}

Scenario parse_scenario(const std::string& text, const std::string& name, const std::string& directory) {
  toml::table table = parse_text(text, name);
  std::string all_text = text;
  if (toml::node* base = table.get("base")) {
    Reader reader(name);
    const std::string base_name = reader.string(*base, "base");
    std::vector<std::string> chain;
    Document parent = load_document(std::filesystem::path(directory) / base_name,
                                    (std::filesystem::path(directory) / base_name).string(),
                                    reader.place(*base).text(), chain);
    table.erase("base");
    merge_tables(parent.table, std::move(table), "");
    table = std::move(parent.table);
    all_text = parent.text + "\n# ---- " + name + " ----\n" + text;
  }
  return finish(table, name, std::move(all_text));
}

}  // namespace attachsim::scenario
