// Tests of Folder and DurableFile (folder.cpp, durable_file.cpp): no link is followed, temporaries
// are unique, counts and checksums.
#include "attachsim/folder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "attachsim/crc32c.hpp"
#include "attachsim/durable_file.hpp"

namespace attachsim {
namespace {

namespace fs = std::filesystem;

class FolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("attachsim_folder_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "out");
    fs::create_directories(dir_ / "elsewhere");
    std::ofstream(dir_ / "elsewhere" / "victim.txt") << "keep me";
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

TEST_F(FolderTest, ASubFolderThatIsALinkIsRefused) {
  fs::create_directory_symlink(dir_ / "elsewhere", dir_ / "out" / "parts");
  const Folder out = Folder::open(dir_ / "out", false);
  try {
    out.sub("parts", true);
    ADD_FAILURE() << "followed a link";
  } catch (const FolderError& e) {
    EXPECT_NE(std::string(e.what()).find("parts: is a symbolic link"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(out.find_sub("parts"), FolderError);
  EXPECT_FALSE(out.find_sub("absent").has_value());
}

TEST_F(FolderTest, RemoveTreeRemovesLinksNotWhatTheyPointAt) {
  fs::create_directories(dir_ / "out" / "stale" / "inner");
  fs::create_directory_symlink(dir_ / "elsewhere", dir_ / "out" / "stale" / "inner" / "link");
  fs::create_symlink(dir_ / "elsewhere" / "victim.txt", dir_ / "out" / "stale" / "file-link");
  const Folder out = Folder::open(dir_ / "out", false);
  EXPECT_TRUE(out.remove_tree("stale"));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "stale"));
  EXPECT_EQ(read(dir_ / "elsewhere" / "victim.txt"), "keep me");
}

TEST_F(FolderTest, RemoveTreeStopsWhenAsked) {
  fs::create_directories(dir_ / "out" / "many");
  for (int i = 0; i < 10; ++i) std::ofstream(dir_ / "out" / "many" / std::to_string(i)) << i;
  const Folder out = Folder::open(dir_ / "out", false);
  const std::atomic<bool> stop{true};
  EXPECT_FALSE(out.remove_tree("many", &stop));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "many"));
}

TEST_F(FolderTest, LinkReplacesAnEntryInOneRename) {
  const Folder out = Folder::open(dir_ / "out", false);
  std::ofstream(dir_ / "out" / "runs.csv") << "old";
  out.link("target/runs.csv", "runs.csv");
  EXPECT_EQ(out.read_link("runs.csv"), "target/runs.csv");
  EXPECT_EQ(out.kind("runs.csv"), Folder::Kind::Link);
  EXPECT_FALSE(out.read_text("runs.csv").has_value()) << "read_text must not follow a link";
}

TEST_F(FolderTest, DurableFileCountsAndChecksumsWhatItWrites) {
  const Folder out = Folder::open(dir_ / "out", false);
  const std::string text = "a,b\n1,2\n3,4\n";
  DurableFile f(out, "x.csv");
  f.stream() << text;
  EXPECT_FALSE(fs::exists(dir_ / "out" / "x.csv")) << "visible before commit";
  EXPECT_EQ(f.bytes(), text.size());
  EXPECT_EQ(f.lines(), 3u);
  EXPECT_EQ(f.crc(), crc32c(0, text));
  f.commit();
  EXPECT_EQ(read(dir_ / "out" / "x.csv"), text);
}

TEST_F(FolderTest, DurableFileLargeWritesAreExact) {
  const Folder out = Folder::open(dir_ / "out", false);
  std::string text;
  for (int i = 0; i < 100000; ++i) text += std::to_string(i) + ",row\n";
  DurableFile f(out, "big.csv");
  for (std::size_t i = 0; i < text.size(); i += 777)
    f.stream() << std::string_view(text).substr(i, 777);
  EXPECT_EQ(f.crc(), crc32c(0, text));
  f.commit(DurableFile::Sync::Later);
  EXPECT_EQ(read(dir_ / "out" / "big.csv"), text);
}

TEST_F(FolderTest, DurableFileNeverOpensAPlantedTemporary) {
  const Folder out = Folder::open(dir_ / "out", false);
  for (int n = 0; n < 20; ++n)
    fs::create_symlink(
        dir_ / "elsewhere" / "victim.txt",
        dir_ / "out" / ("r.csv.tmp-" + std::to_string(::getpid()) + "-" + std::to_string(n)));
  {
    DurableFile f(out, "r.csv");
    f.stream() << "mine";
    f.commit();
  }
  EXPECT_EQ(read(dir_ / "elsewhere" / "victim.txt"), "keep me");
  EXPECT_EQ(read(dir_ / "out" / "r.csv"), "mine");
}

TEST_F(FolderTest, AnAbandonedDurableFileLeavesNothing) {
  const Folder out = Folder::open(dir_ / "out", false);
  {
    DurableFile f(out, "gone.csv");
    f.stream() << "half";
  }
  EXPECT_TRUE(out.names().empty());
}

TEST_F(FolderTest, ChecksumReadsAFileInPieces) {
  std::string text;
  for (int i = 0; i < 300000; ++i) text += std::to_string(i) + ",row\n";  // several pieces of 1 MiB
  { std::ofstream(dir_ / "out" / "big.csv", std::ios::binary) << text; }
  const Folder out = Folder::open(dir_ / "out", false);
  const auto sum = out.checksum("big.csv");
  ASSERT_TRUE(sum.has_value());
  EXPECT_EQ(sum->bytes, text.size());
  EXPECT_EQ(sum->crc, crc32c(0, text));
  EXPECT_FALSE(out.checksum("absent.csv").has_value());
  fs::create_symlink(dir_ / "out" / "big.csv", dir_ / "out" / "link.csv");
  EXPECT_FALSE(out.checksum("link.csv").has_value()) << "followed a link";
}

TEST_F(FolderTest, MessagesNameTheShownPath) {
  const Folder out = Folder::open(dir_ / "out", false);
  DurableFile f(out, "x.csv", "res/x.csv");
  EXPECT_EQ(f.path(), "res/x.csv");
}

}  // namespace
}  // namespace attachsim
