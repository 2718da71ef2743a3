// Tests of run_experiment and merge_experiments in temporary folders: files, headers, row counts,
// jobs/shards/resume identity, SHA-256.
#include "attachsim/scenario/experiment.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "attachsim/scenario/plan.hpp"

namespace attachsim::scenario {
namespace {

namespace fs = std::filesystem;

// 2 points x 2 replicates x 2 arms = 8 runs of 80 dyads for 60 days; rows every 10 days.
const char* kSweep = R"([meta]
name = "tiny, with a comma"
[run]
dyads = 80
days = 60
seed = 3
[output]
record_every_days = 10
[parameters]
infant.reactivity = { dist = "normal", mean = 0.5, sd = 0.15, strata = 3 }
[[subgroup]]
name = "low"
share = 0.6
[[subgroup]]
name = "high"
share = 0.4
parameters.primary.risk = 3
[[event]]
kind = "assessment"
age_days = [40, 60]
[[event]]
id = "help"
kind = "intervention"
age_days = 20
sessions = 4
target = { subgroup = "high", share = 0.5 }
[variant]
name = "more sensitive"
parameters.primary.sensitivity = 0.8
[sweep]
replicates = 2
seed = 9
[sweep.axes]
primary.consistency = [0.6, 0.9]
event.help.age_days = [10, 30]
)";
// 2 x 2 points x 2 replicates = 8 units, x 2 arms = 16 runs; 7 timeseries rows each (days 0, 10,
// ..., 60).
constexpr std::size_t kUnits = 8, kRuns = 16, kRowsPerRun = 7;

class Experiment : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("attachsim_experiment_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    scenario_ = parse_scenario(kSweep, "tiny.toml");
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(root_);
  }
  std::string dir(const std::string& name) const { return (root_ / name).string(); }
  ExperimentResult run(const std::string& name, unsigned jobs = 1, std::uint32_t shard = 0,
                       std::uint32_t shards = 1, bool resume = false,
                       const std::atomic<bool>* stop = nullptr) const {
    ExperimentOptions o;
    o.out = dir(name);
    o.sweep = true;
    o.jobs = jobs;
    o.shard_index = shard;
    o.shard_count = shards;
    o.resume = resume;
    o.stop = stop;
    o.command_line = "test";
    return run_experiment(scenario_, o);
  }
  fs::path root_;
  Scenario scenario_;
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// runs.csv without its last column (wall_s, the only one that depends on timing).
std::string runs_without_wall(const fs::path& path) {
  std::string out;
  for (const std::string& line : lines(read(path))) out += line.substr(0, line.rfind(',')) + "\n";
  return out;
}

void expect_same_outputs(const std::string& a, const std::string& b) {
  EXPECT_EQ(runs_without_wall(fs::path(a) / "runs.csv"),
            runs_without_wall(fs::path(b) / "runs.csv"));
  for (const char* file : {"timeseries.csv", "dyads.csv", "summary.csv"})
    EXPECT_EQ(read(fs::path(a) / file), read(fs::path(b) / file)) << file;
}

std::vector<fs::path> temporaries(const fs::path& dir) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos)
      found.push_back(entry.path());
  return found;
}

std::string manifest_status(const fs::path& dir) {
  const std::string text = read(dir / "manifest.json");
  const auto at = text.find("\"status\": \"");
  if (at == std::string::npos) return "";
  const auto start = at + 11;
  return text.substr(start, text.find('"', start) - start);
}

TEST_F(Experiment, WritesEveryFileWithHeadersAndRows) {
  const ExperimentResult r = run("out");
  EXPECT_EQ(r.units, kUnits);
  EXPECT_EQ(r.units_done, kUnits);
  EXPECT_EQ(r.units_resumed, 0u);
  EXPECT_FALSE(r.interrupted);
  EXPECT_FALSE(r.first_baseline.empty());
  EXPECT_FALSE(r.first_variant.empty());
  EXPECT_FALSE(r.first_difference.empty());
  EXPECT_DOUBLE_EQ(r.dyad_days, static_cast<double>(kRuns * 80 * 60));
  const fs::path out = dir("out");
  for (const char* file :
       {"runs.csv", "timeseries.csv", "dyads.csv", "summary.csv", "manifest.json"})
    EXPECT_TRUE(fs::is_regular_file(out / file)) << file;
  EXPECT_TRUE(temporaries(out).empty());
  EXPECT_FALSE(fs::exists(out / "parts"));  // a complete unsharded result keeps no parts
  EXPECT_EQ(manifest_status(out), "complete");

  const std::vector<std::string> runs = lines(read(out / "runs.csv"));
  ASSERT_EQ(runs.size(), 1 + kRuns);
  EXPECT_EQ(runs[0].rfind(
                "run_id,point_id,replicate,arm,seed,scenario,dyads,days,event.help.age_days,", 0),
            0u)
      << runs[0];
  EXPECT_NE(runs[0].find(",primary.sensitivity,"), std::string::npos);
  EXPECT_EQ(runs[0].substr(runs[0].size() - 14), ",status,wall_s");
  // Run ids in order, arms alternating, seeds from (master seed, point, replicate).
  const std::vector<Point> points = sweep_points(scenario_);
  for (std::size_t i = 1; i < runs.size(); ++i) {
    const std::uint32_t run_id = static_cast<std::uint32_t>(i - 1), unit = run_id / 2;
    const std::string expected =
        std::to_string(run_id) + "," + std::to_string(unit / 2) + "," + std::to_string(unit % 2) +
        "," + (run_id % 2 ? "variant" : "baseline") + "," +
        std::to_string(run_seed(scenario_, unit / 2, unit % 2)) + ",\"tiny, with a comma\",80,60,";
    EXPECT_EQ(runs[i].rfind(expected, 0), 0u) << runs[i] << "\nexpected to start with " << expected;
    EXPECT_NE(runs[i].find(",complete,"), std::string::npos) << runs[i];
  }

  const std::vector<std::string> timeseries = lines(read(out / "timeseries.csv"));
  ASSERT_EQ(timeseries.size(), 1 + kRuns * kRowsPerRun);
  EXPECT_EQ(timeseries[0].rfind(
                "run_id,arm,step,age_days,primary.consistency,event.help.age_days,share_open,", 0),
            0u)
      << timeseries[0];
  EXPECT_EQ(timeseries[1].rfind("0,baseline,0,0,0.6,10,", 0), 0u) << timeseries[1];
  EXPECT_EQ(timeseries[kRowsPerRun].rfind("0,baseline,60,60,", 0), 0u) << timeseries[kRowsPerRun];

  const std::vector<std::string> dyads = lines(read(out / "dyads.csv"));
  ASSERT_EQ(dyads.size(), 1 + kRuns * 2 * 80);  // two assessments of every dyad
  EXPECT_EQ(dyads[0].rfind("run_id,arm,subgroup,caregiver_id,", 0), 0u) << dyads[0];

  const std::vector<std::string> summary = lines(read(out / "summary.csv"));
  EXPECT_EQ(summary[0],
            "point_id,primary.consistency,event.help.age_days,arm,age_days,caregiver,subgroup,"
            "measure,n,mean,sd,"
            "ci_low,ci_high");
  ASSERT_GT(summary.size(), 4u * 3u);
  std::size_t difference_rows = 0;
  for (std::size_t i = 1; i < summary.size(); ++i)
    difference_rows += summary[i].find(",difference,") != std::string::npos;
  EXPECT_GT(difference_rows, 0u);
}

TEST_F(Experiment, JobsDoNotChangeTheFiles) {
  run("one", 1);
  run("two", 2);
  expect_same_outputs(dir("one"), dir("two"));
}

TEST_F(Experiment, ShardsMergedEqualTheUnshardedSweep) {
  run("all");
  const ExperimentResult s0 = run("s0", 1, 0, 2);
  const ExperimentResult s1 = run("s1", 2, 1, 2);
  EXPECT_EQ(s0.units, kUnits / 2);
  EXPECT_EQ(s1.units, kUnits / 2);
  EXPECT_TRUE(fs::exists(fs::path(dir("s0")) / "parts"));  // kept for the merge
  merge_experiments({dir("s1"), dir("s0")}, dir("merged"));
  expect_same_outputs(dir("all"), dir("merged"));
  EXPECT_EQ(manifest_status(dir("merged")), "complete");
  EXPECT_TRUE(temporaries(dir("merged")).empty());
}

TEST_F(Experiment, MergeRefusesMissingShardsAndOtherSweeps) {
  run("s0", 1, 0, 2);
  EXPECT_THROW(merge_experiments({dir("s0")}, dir("merged")), ScenarioError);
  EXPECT_THROW(merge_experiments({dir("s0"), dir("s0")}, dir("merged")), ScenarioError);
  scenario_.run.dyads = 60;
  run("other", 1, 1, 2);
  EXPECT_THROW(merge_experiments({dir("s0"), dir("other")}, dir("merged")), ScenarioError);
  EXPECT_THROW(merge_experiments({}, dir("merged")), ScenarioError);
  EXPECT_THROW(merge_experiments({dir("nothing here")}, dir("merged")), ScenarioError);
}

TEST_F(Experiment, StopFlagInterruptsAndResumeCompletes) {
  const std::atomic<bool> stop{true};
  const ExperimentResult stopped = run("resumed", 1, 0, 1, false, &stop);
  EXPECT_TRUE(stopped.interrupted);
  EXPECT_EQ(stopped.units_done, 0u);
  EXPECT_EQ(manifest_status(dir("resumed")), "interrupted");
  EXPECT_TRUE(temporaries(dir("resumed")).empty());
  const ExperimentResult resumed = run("resumed", 2, 0, 1, true);
  EXPECT_FALSE(resumed.interrupted);
  EXPECT_EQ(resumed.units_done, kUnits);
  EXPECT_EQ(manifest_status(dir("resumed")), "complete");
  run("fresh");
  expect_same_outputs(dir("fresh"), dir("resumed"));
}

TEST_F(Experiment, ResumeKeepsCompletedShardUnits) {
  run("shard", 1, 0, 2);
  const ExperimentResult again = run("shard", 1, 0, 2, true);
  EXPECT_EQ(again.units_resumed, kUnits / 2);
  EXPECT_EQ(again.units_done, kUnits / 2);
  EXPECT_EQ(again.dyad_days, 0);
}

TEST_F(Experiment, ResumeOfADifferentScenarioIsRefused) {
  const std::atomic<bool> stop{true};
  run("out", 1, 0, 1, false, &stop);
  scenario_.sweep.seed = 4;  // another master seed: other runs
  try {
    run("out", 1, 0, 1, true);
    ADD_FAILURE() << "resumed a different scenario";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("--resume"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("master seed: 9 in"), std::string::npos) << e.what();
  }
  scenario_.sweep.seed = 9;
  scenario_.run.dyads = 81;
  try {
    run("out", 1, 0, 1, true);
    ADD_FAILURE() << "resumed another population size";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("dyads: 80 in"), std::string::npos) << e.what();
  }
  scenario_ = parse_scenario(std::string(kSweep) + "\n# another text\n", "tiny.toml");
  EXPECT_THROW(run("out", 1, 0, 1, true), ScenarioError);
}

TEST_F(Experiment, BadShardIsRefused) {
  EXPECT_THROW(run("out", 1, 2, 2), ScenarioError);
  EXPECT_THROW(run("out", 1, 0, 0), ScenarioError);
}

TEST_F(Experiment, RunModeIsOneUnitWithTheScenarioSeed) {
  ExperimentOptions o;
  o.out = dir("run");
  const ExperimentResult r = run_experiment(scenario_, o);
  EXPECT_EQ(r.units, 1u);
  const std::vector<std::string> runs = lines(read(fs::path(o.out) / "runs.csv"));
  ASSERT_EQ(runs.size(), 3u);  // both arms
  EXPECT_EQ(
      runs[0].rfind(
          "run_id,point_id,replicate,arm,seed,scenario,dyads,days,infant.episodes_per_day", 0),
      0u)
      << runs[0];
  EXPECT_EQ(runs[1].rfind("0,0,0,baseline,3,", 0), 0u) << runs[1];
  EXPECT_EQ(runs[2].rfind("1,0,0,variant,3,", 0), 0u) << runs[2];
  EXPECT_EQ(lines(read(fs::path(o.out) / "timeseries.csv")).size(), 1 + 2 * kRowsPerRun);
}

TEST_F(Experiment, WithoutDyadsNoDyadsFile) {
  scenario_.output.dyads = false;
  run("out");
  EXPECT_FALSE(fs::exists(fs::path(dir("out")) / "dyads.csv"));
  EXPECT_TRUE(fs::exists(fs::path(dir("out")) / "summary.csv"));
}

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(CsvField, QuotesWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(BuildInfo, NamesVersionAndCompiler) {
  const std::string info = build_info();
  EXPECT_EQ(info.rfind("attachsim ", 0), 0u);
  EXPECT_NE(info.find("\ncompiler "), std::string::npos);
}

}  // namespace
}  // namespace attachsim::scenario
