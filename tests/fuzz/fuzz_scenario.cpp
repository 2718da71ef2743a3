// Fuzz target: scenario TOML text -> a loaded and checked scenario, or a clean
// ScenarioError/ParameterError.
//
// Built two ways: with clang and -fsanitize=fuzzer (the libFuzzer target, preset `fuzz`), and
// with the normal compiler and replay_main.cpp (replays the seeds and every regression in `make
// test`). Any other exception, a crash, a leak or undefined behaviour is a finding.
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "attachsim/parameters.hpp"
#include "attachsim/scenario/plan.hpp"
#include "attachsim/scenario/scenario.hpp"

namespace {

namespace fs = std::filesystem;

// The folder the fuzzed text pretends to live in: a private temporary copy of the
// test data's base files, so `base = "..."` exercises merging and cycle detection
// without the fuzzer being able to name any other file on the machine.
class BaseFolder {
 public:
  BaseFolder() {
    const fs::path data = ATTACHSIM_FUZZ_TEST_DATA;
    path_ = fs::temp_directory_path() / ("attachsim-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(path_ / "support");
    for (const char* name : {"base.toml", "extension.toml", "chain.toml"})
      fs::copy_file(data / "good" / name, path_ / name, fs::copy_options::overwrite_existing);
    fs::copy_file(data / "bad" / "circular_base.toml", path_ / "circular_base.toml",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(data / "bad" / "support" / "circular_partner.toml",
                  path_ / "support" / "circular_partner.toml",
                  fs::copy_options::overwrite_existing);
  }
  ~BaseFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// True when the text may name a base file outside the folder: an absolute path,
// "." or ".." anywhere in it. Only then is the text parsed twice, so the usual
// input (no "base" key at all) costs nothing extra.
bool names_outside_file(const std::string& text) {
  // Without the letters "base" or an escape (\u0062ase) there can be no base key.
  if (text.find("base") == std::string::npos && text.find("\\u") == std::string::npos &&
      text.find("\\U") == std::string::npos)
    return false;
  toml::table table;
  try {
    table = toml::parse(std::string_view(text), std::string_view("fuzz.toml"));
  } catch (const toml::parse_error&) {
    return false;  // the loader reports the same malformed TOML, before any base is read
  }
  const auto base = table["base"].value<std::string>();
  if (!base) return false;
  if (base->empty() || base->find('\0') != std::string::npos) return true;
  const fs::path p(*base);
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) return true;
  for (const fs::path& part : p)
    if (part == "." || part == "..") return true;
  return false;
}

// Sweep points check_runnable would build; a sweep of a million points is valid
// but takes seconds to check, which is work, not a finding.
std::uint64_t point_count(const attachsim::scenario::Scenario& s) {
  if (!s.sweep.present) return 1;
  if (s.sweep.latin_hypercube) return s.sweep.samples;
  std::uint64_t n = 1;
  for (const auto& axis : s.sweep.axes) n *= std::max<std::uint64_t>(axis.values.size(), 1);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const BaseFolder folder;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (names_outside_file(text)) return -1;  // not added to the corpus
  try {
    const attachsim::scenario::Scenario s =
        attachsim::scenario::parse_scenario(text, "fuzz.toml", folder.path().string());
    (void)s.timeline();
    if (point_count(s) <= 64) attachsim::scenario::check_runnable(s);
  } catch (const attachsim::scenario::ScenarioError&) {
  } catch (const attachsim::ParameterError&) {
  }
  return 0;
}
