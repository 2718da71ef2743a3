// Tests of the output folder as a transaction (output_folder.cpp): publish swaps results whole, the
// lock, clean-up.
#include "attachsim/scenario/output_folder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "attachsim/scenario/scenario.hpp"

namespace attachsim::scenario {
namespace {

namespace fs = std::filesystem;

class OutputFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("attachsim_outfolder_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // Publishes a result whose every file says `text`.
  static void publish(OutputFolder& folder, const std::string& text) {
    OutputFolder::Staging staging = folder.stage();
    for (const char* name : kResultFiles) staging.file(name).stream() << text << " " << name;
    folder.publish(staging);
  }
  fs::path dir_;
};

TEST_F(OutputFolderTest, AResultAppearsWholeAndReplacesTheOldOneWhole) {
  OutputFolder folder(dir_.string(), "test");
  EXPECT_EQ(folder.current_manifest(), "");
  publish(folder, "first");
  for (const char* name : kResultFiles) EXPECT_EQ(read(dir_ / name), std::string("first ") + name);
  EXPECT_EQ(folder.current_manifest(), "first manifest.json");
  publish(folder, "second");
  for (const char* name : kResultFiles) EXPECT_EQ(read(dir_ / name), std::string("second ") + name);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / ".attachsim" / "results"),
                          fs::directory_iterator()),
            1)
      << "the previous result is removed once the new one is published";
}

TEST_F(OutputFolderTest, AnAbandonedStagingLeavesTheResultAsItWas) {
  OutputFolder folder(dir_.string(), "test");
  publish(folder, "first");
  {
    OutputFolder::Staging staging = folder.stage();
    staging.file("runs.csv").stream() << "half";
    staging.commit_files();
  }  // a fault: never published
  EXPECT_EQ(read(dir_ / "runs.csv"), "first runs.csv");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / ".attachsim" / "results"),
                          fs::directory_iterator()),
            1);
}

TEST_F(OutputFolderTest, ASecondWriterFailsAtOnceNamingTheFirst) {
  OutputFolder first(dir_.string(), "attachsim sweep first.toml");
  try {
    OutputFolder second(dir_.string(), "attachsim run");
    ADD_FAILURE() << "two writers on one folder";
  } catch (const ScenarioError& e) {
    const std::string message = e.what();
    EXPECT_NE(
        message.find("another attachsim is writing this folder (pid " + std::to_string(::getpid())),
        std::string::npos)
        << message;
    EXPECT_NE(message.find("attachsim sweep first.toml"), std::string::npos) << message;
  }
  EXPECT_THROW(lock_for_reading(Folder::open(dir_, false)), ScenarioError);
}

TEST_F(OutputFolderTest, TheLockIsFreedWithItsHolder) {
  { OutputFolder first(dir_.string(), "first"); }
  OutputFolder second(dir_.string(), "second");
  SUCCEED();
}

TEST_F(OutputFolderTest, TidyRemovesWhatAKilledWriterLeftAndNothingElse) {
  {
    OutputFolder folder(dir_.string(), "test");
    publish(folder, "kept");
  }
  fs::create_directories(dir_ / ".attachsim" / "results" / "123-killed");
  std::ofstream(dir_ / ".attachsim" / "results" / "123-killed" / "runs.csv") << "half";
  std::ofstream(dir_ / "runs.csv.tmp-99999-0") << "half";
  fs::create_directories(dir_ / "parts");
  std::ofstream(dir_ / "parts" / "unit-00000001.part.tmp-99999-3") << "half";
  std::ofstream(dir_ / "parts" / "notes.txt") << "mine";
  OutputFolder folder(dir_.string(), "test");
  folder.tidy(nullptr);
  EXPECT_FALSE(fs::exists(dir_ / ".attachsim" / "results" / "123-killed"));
  EXPECT_FALSE(fs::exists(dir_ / "runs.csv.tmp-99999-0"));
  EXPECT_FALSE(fs::exists(dir_ / "parts" / "unit-00000001.part.tmp-99999-3"));
  EXPECT_TRUE(fs::exists(dir_ / "parts" / "notes.txt"));
  EXPECT_EQ(read(dir_ / "runs.csv"), "kept runs.csv");
}

TEST_F(OutputFolderTest, PlantedLinksAreNotFollowed) {
  fs::create_directories(dir_);
  fs::create_directories(dir_.string() + "-elsewhere");
  std::ofstream(dir_.string() + "-elsewhere/victim.txt") << "keep me";
  fs::create_symlink(dir_.string() + "-elsewhere/victim.txt", dir_ / "runs.csv");
  fs::create_directory_symlink(dir_.string() + "-elsewhere", dir_ / "parts");
  OutputFolder folder(dir_.string(), "test");
  publish(folder, "mine");
  EXPECT_EQ(read(dir_.string() + "-elsewhere/victim.txt"), "keep me");
  EXPECT_EQ(read(dir_ / "runs.csv"), "mine runs.csv");
  EXPECT_THROW(folder.parts(true), ScenarioError);
  fs::remove_all(dir_.string() + "-elsewhere");
}

}  // namespace
}  // namespace attachsim::scenario
