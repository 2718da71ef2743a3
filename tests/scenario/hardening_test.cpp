// Tests of the loader's and runner's limits: nesting depth, names, file size, empty files, and the
// memory estimate.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "attachsim/assessment.hpp"
#include "attachsim/dyad.hpp"
#include "attachsim/scenario/resources.hpp"
#include "attachsim/scenario/scenario.hpp"

namespace attachsim::scenario {
namespace {

namespace fs = std::filesystem;

std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "t.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return {};
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(NestingDepth, DeepArraysTablesAndDottedKeysAreRefusedWithTheirPlace) {
  // 65 levels: one more than allowed, in each form toml++ would recurse on.
  EXPECT_EQ(error_of("x = " + repeat("[", 65) + repeat("]", 65) + "\n")
                .rfind("t.toml:1:68: nested more than 64", 0),
            0u)
      << error_of("x = " + repeat("[", 65) + repeat("]", 65));
  EXPECT_NE(error_of("[a" + repeat(".a", 64) + "]\n").find("nested more than 64 levels deep"),
            std::string::npos);
  EXPECT_NE(error_of("[run]\nx" + repeat(".x", 63) + " = 1\n").find("t.toml:2:"),
            std::string::npos);
  EXPECT_NE(error_of("x = " + repeat("{a = ", 65) + "1" + repeat("}", 65)).find("nested more than"),
            std::string::npos);
  EXPECT_NE(error_of("[[a" + repeat(".a", 63) + "]]\n").find("nested more than"),
            std::string::npos);
}

TEST(NestingDepth, DotsAndBracketsInsideStringsAndCommentsDoNotCount) {
  const std::string dots = repeat(".", 200), brackets = repeat("[{", 200);
  // A multi-line string with an escaped quote and two quotes before its end (""""" closes it).
  const std::string lesson =
      "lesson = \"\"\"\n" + brackets + "\n" + dots + R"( \"""  """"")" + "\n";
  const std::string text =
      "# " + brackets + dots + "\n[meta]\nname = \"" + dots + brackets + "\"\n" + "summary = '" +
      brackets + "'\n" + lesson + "[parameters]\n\"primary.sensitivity\" = 0.6  # " + dots +
      "\n[sweep.axes]\nprimary.consistency = [\n  0.5,  # " + brackets + "\n  0.9,\n]\n";
  const Scenario s = parse_scenario(text, "t.toml");
  EXPECT_EQ(s.meta.name, dots + brackets);
  EXPECT_EQ(s.meta.lesson, brackets + "\n" + dots + R"( """  "")");
  ASSERT_EQ(s.sweep.axes.size(), 1u);
  EXPECT_EQ(s.sweep.axes[0].values.size(), 2u);
}

TEST(NestingDepth, WideButShallowInputIsFine) {
  std::string values;
  for (int i = 0; i < 5000; ++i) values += (i ? ", " : "") + std::to_string(0.1 + i * 1e-5);
  const Scenario s =
      parse_scenario("[sweep.axes]\nprimary.sensitivity = [" + values + "]\n", "t.toml");
  EXPECT_EQ(s.sweep.axes[0].values.size(), 5000u);
  // 60 levels of arrays inside one value are within the limit (toml++ allows 256).
  EXPECT_EQ(error_of("[meta]\nx = " + repeat("[", 60) + repeat("]", 60) + "\n").find("nested"),
            std::string::npos);
}

TEST(Names, ControlCharactersAreRefusedPathsAreJustText) {
  EXPECT_NE(error_of("[meta]\nname = \"a\\u0000b\"\n")
                .find("t.toml:2:8: meta.name: holds the control character U+0000"),
            std::string::npos);
  EXPECT_NE(error_of("[meta]\nname = \"tab\\there\"\n").find("U+0009"), std::string::npos);
  EXPECT_NE(error_of("[variant]\nname = \"a\\u007f\"\nparameters.primary.sensitivity = 0.7\n")
                .find("U+007F"),
            std::string::npos);
  // Names never become paths: slashes and dots are kept as written.
  EXPECT_EQ(parse_scenario("[meta]\nname = \"../../etc/passwd\"\n", "t.toml").meta.name,
            "../../etc/passwd");
  EXPECT_NE(error_of("[[event]]\nid = \"a/b\"\nkind = \"loss\"\nage_months = 3\n")
                .find("not a plain name"),
            std::string::npos);
}

class ScenarioFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attachsim_hardening_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::string load_error(const std::string& path) {
    try {
      load_scenario(path);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return {};
  }
  fs::path dir_;
};

TEST_F(ScenarioFile, EmptyAndCommentOnlyFilesAreRefused) {
  const std::string empty = write("empty.toml", "");
  EXPECT_EQ(load_error(empty), empty +
                                   ":1:1: the file is empty; allowed: a scenario with at least one "
                                   "key, e.g. [run] dyads = 1000");
  EXPECT_NE(load_error(write("comments.toml", "# x\n\n")).find("only comments"), std::string::npos);
  // Inline text keeps meaning "the defaults" (the viewer and tests build on it).
  EXPECT_EQ(parse_scenario("", "t.toml").run.dyads, 10000u);
}

TEST_F(ScenarioFile, SizeLimitIsExact) {
  const std::string at_limit =
      write("at.toml", "[run]\ndyads = 10\n" + std::string(kMaxScenarioBytes - 17, '#'));
  ASSERT_EQ(fs::file_size(at_limit), kMaxScenarioBytes);
  EXPECT_EQ(load_error(at_limit), "");
  const std::string over =
      write("over.toml", "[run]\ndyads = 10\n" + std::string(kMaxScenarioBytes - 16, '#'));
  EXPECT_EQ(load_error(over),
            over + ": the file is 1.0 MiB; allowed: a scenario file of at most 1.0 MiB");
}

TEST(Memory, EstimateFollowsTheEngineTypes) {
  EXPECT_GE(bytes_per_dyad(), sizeof(DyadState) + 2 * sizeof(AssessmentRecord));
  EXPECT_LT(bytes_per_dyad(), 4 * (sizeof(DyadState) + 2 * sizeof(AssessmentRecord)));
  EXPECT_EQ(bytes_needed(1000, 2) - kBaseBytes, 2 * (bytes_needed(1000, 1) - kBaseBytes));
  EXPECT_EQ(memory_text(3ull << 30), "3.0 GiB");
  EXPECT_EQ(memory_text(300ull << 20), "300 MiB");
}

TEST(Memory, AnAddressSpaceLimitIsRespected) {
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_AS, &before), 0);
  Scenario s;
  s.run.dyads = 50'000'000;
  s.run.dyads_origin = "x.toml:3:9: run.dyads";
  rlimit lower = before;
  lower.rlim_cur = 8ull << 30;  // 8 GiB: more than the test uses, less than 50M dyads need
  if (before.rlim_max != RLIM_INFINITY && before.rlim_max < lower.rlim_cur)
    lower.rlim_cur = before.rlim_max;
  ASSERT_EQ(setrlimit(RLIMIT_AS, &lower), 0);
  std::string message;
  try {
    check_memory(s, 1);
  } catch (const ScenarioError& e) {
    message = e.what();
  }
  setrlimit(RLIMIT_AS, &before);
  EXPECT_EQ(message.rfind("x.toml:3:9: run.dyads: 50000000 dyads need about ", 0), 0u) << message;
  EXPECT_NE(message.find("is available; allowed: at most "), std::string::npos) << message;
  s.run.dyads = 1000;
  EXPECT_NO_THROW(check_memory(s, 2));
}

}  // namespace
}  // namespace attachsim::scenario
