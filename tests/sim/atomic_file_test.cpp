// Tests of output files written under a temporary name and renamed into place (atomic_file.cpp).
#include "attachsim/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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
  // A file-size limit (ulimit -f) makes writes fail with EFBIG, as a full disk does with ENOSPC.
  // In a child process, so that the limit does not reach the other tests.
  const fs::path target = dir_ / "full.csv";
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      AtomicFile f(target);
      for (int i = 0; i < 100000; ++i) f.stream() << "0123456789";
      f.commit();
    } catch (const std::runtime_error& e) {
      const std::string message = e.what();
      ::_exit(message.find("full.csv: cannot write: File too large") != std::string::npos ? 0 : 2);
    }
    ::_exit(1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0)
      << "1: no error was reported; 2: the message does not name the file and reason";
  EXPECT_FALSE(fs::exists(target));
  EXPECT_EQ(temporaries(), 0);
}

TEST_F(AtomicFileTest, APlantedLinkAtATemporaryNameIsNotFollowed) {
  // Someone expects the temporary name (<path>.tmp-<pid>-0) and plants a link to a file elsewhere.
  const fs::path victim = dir_ / "victim.txt";
  { std::ofstream(victim) << "keep me"; }
  const fs::path target = dir_ / "out.csv";
  for (int n = 0; n < 50; ++n)
    fs::create_symlink(
        victim, target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(n));
  {
    AtomicFile f(target);
    f.stream() << "result";
    f.commit();
  }
  EXPECT_EQ(read(victim), "keep me");
  EXPECT_EQ(read(target), "result");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(target)));
}

TEST_F(AtomicFileTest, CommitReplacesAPlantedLinkInsteadOfWritingThroughIt) {
  const fs::path victim = dir_ / "victim.txt";
  { std::ofstream(victim) << "keep me"; }
  const fs::path target = dir_ / "out.csv";
  fs::create_symlink(victim, target);
  {
    AtomicFile f(target);
    f.stream() << "result";
    f.commit();
  }
  EXPECT_EQ(read(victim), "keep me");
  EXPECT_FALSE(fs::is_symlink(fs::symlink_status(target)));
  EXPECT_EQ(read(target), "result");
}

}  // namespace
}  // namespace attachsim
