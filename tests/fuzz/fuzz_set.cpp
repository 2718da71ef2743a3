// Fuzz target: `--set name=value` text (one assignment a line) -> parameter overrides applied to
// a population, or a clean ParameterError/ScenarioError. Built as fuzz_scenario.cpp is.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "attachsim/parameters.hpp"
#include "attachsim/scenario/plan.hpp"
#include "attachsim/scenario/scenario.hpp"
#include "attachsim/scenario/set_option.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  try {
    // What run, sweep and validate do with their --set options.
    const auto values = attachsim::scenario::parse_sets(lines);
    attachsim::scenario::Scenario s;
    attachsim::scenario::add_overrides(s, values, "--set");
    attachsim::scenario::check_runnable(s);
  } catch (const attachsim::ParameterError&) {
  } catch (const attachsim::scenario::ScenarioError&) {
  }
  return 0;
}
