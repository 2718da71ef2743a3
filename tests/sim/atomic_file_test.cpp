// Tests of output files written under a temporary name and renamed into place (atomic_file.cpp).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "attachsim/atomic_file.hpp"

namespace attachsim {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("attachsim_atomic_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  int temporaries() const {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir_))
      if (e.path().filename().string().find(".tmp-") != std::string::npos) ++n;
    return n;
  }

  fs::path dir_;
};

TEST_F(AtomicFileTest, NothingAppearsUntilCommit) {
  const fs::path target = dir_ / "out.csv";
  {
    AtomicFile f(target);
    f.stream() << "a,b\n1,2\n";
    f.stream().flush();
    EXPECT_FALSE(fs::exists(target)) << "the final name appears only on commit";
    EXPECT_EQ(temporaries(), 1);
    f.commit();
    EXPECT_TRUE(fs::exists(target));
    EXPECT_EQ(temporaries(), 0);
  }
  EXPECT_EQ(read(target), "a,b\n1,2\n");
  EXPECT_TRUE(fs::exists(target)) << "the destructor keeps a committed file";
}

TEST_F(AtomicFileTest, AbandonedFileLeavesNothing) {
  const fs::path target = dir_ / "out.csv";
  {
    AtomicFile f(target);
    f.stream() << "partial";
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_EQ(temporaries(), 0);
}

TEST_F(AtomicFileTest, AbandonedFileKeepsThePreviousVersion) {
  const fs::path target = dir_ / "out.csv";
  std::ofstream(target) << "old";
  {
    AtomicFile f(target);
    f.stream() << "new but incomplete";
  }
  EXPECT_EQ(read(target), "old");
  EXPECT_EQ(temporaries(), 0);
}

TEST_F(AtomicFileTest, CommitReplacesAnExistingFile) {
  const fs::path target = dir_ / "out.csv";
  std::ofstream(target) << "old";
  AtomicFile f(target);
  f.stream() << "new";
  f.commit();
  EXPECT_EQ(read(target), "new");
}

TEST_F(AtomicFileTest, UnopenablePathThrows) {
  EXPECT_THROW(AtomicFile(dir_ / "no" / "such" / "folder" / "out.csv"), std::runtime_error);
  EXPECT_THROW(AtomicFile(fs::path("/proc/nope/out.csv")), std::runtime_error);
}

TEST_F(AtomicFileTest, FailedRenameThrowsAndCleansUp) {
  const fs::path target = dir_ / "out.csv";
  fs::create_directories(target / "inside");  // a non-empty folder where the file should go
  {
    AtomicFile f(target);
    f.stream() << "data";
    EXPECT_THROW(f.commit(), std::runtime_error);
  }
  EXPECT_EQ(temporaries(), 0) << "a failed commit must not leave the temporary file";
  EXPECT_TRUE(fs::is_directory(target));
}

TEST_F(AtomicFileTest, WriteErrorIsReported) {
  // /dev/full accepts the open but fails every write: the disk-full case.
  ASSERT_TRUE(fs::exists("/dev/full"));
  // AtomicFile writes to <path>.tmp-<pid>; point that name at /dev/full.
  const fs::path target = dir_ / "full.csv";
  fs::create_symlink("/dev/full", target.string() + ".tmp-" + std::to_string(::getpid()));
  {
    AtomicFile f(target);
    for (int i = 0; i < 100000; ++i) f.stream() << "0123456789";
    EXPECT_THROW(f.commit(), std::runtime_error);
  }
  EXPECT_FALSE(fs::exists(target));
}

}  // namespace
}  // namespace attachsim
