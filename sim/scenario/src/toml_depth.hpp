// A pre-scan of TOML text for nesting depth, so that hostile input cannot exhaust the stack of the
// parser.
#pragma once

#include <optional>
#include <string_view>

namespace attachsim::scenario {

// Deepest nesting a scenario may use: tables, arrays, inline tables and the
// segments of dotted keys all count. Real scenarios need about 5.
inline constexpr int kMaxTomlDepth = 64;

struct TomlDepthProblem {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 code points)
};

// The first place where `text` nests deeper than `limit`, or nothing.
// toml++ recurses once per level of a dotted key or table header (about
// 300 bytes of stack each) and in its destructors, so a line of 30,000
// `a.a.a...` crashes it; this scan is iterative and linear. It is lenient about
// malformed text, which the parser then reports.
std::optional<TomlDepthProblem> find_excess_nesting(std::string_view text,
                                                    int limit = kMaxTomlDepth);

}  // namespace attachsim::scenario
