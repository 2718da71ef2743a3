// Tests of part files (unit_part.cpp): a written part reads back section by section; every kind of
// damage is found.
#include "attachsim/scenario/unit_part.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace attachsim::scenario {
namespace {

namespace fs = std::filesystem;

class UnitPart : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("attachsim_part_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    parts_ = Folder::open(dir_, false);
    UnitPartWriter w(parts_, 7, "fp");
    for (int i = 0; i < 2000; ++i) w.dyads() << "0,baseline,all," << i << ",row\n";
    w.timeseries = "0,baseline,0,0\n0,baseline,7,7\n";
    w.measures = "0,baseline,365,primary,all,pct_B,60\n";
    w.runs = "0,0,0,baseline,1\n";
    w.commit();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path file() const { return dir_ / part_name(7); }
  std::string check(const std::string& fingerprint = "fp") const {
    return read_part(parts_, 7, fingerprint, nullptr);
  }
  fs::path dir_;
  Folder parts_;
};

TEST_F(UnitPart, ReadsBackSectionBySection) {
  std::string sections[kSections];
  EXPECT_EQ(
      read_part(parts_, 7, "fp",
                [&](Section s, std::string_view bytes) { sections[static_cast<int>(s)] += bytes; }),
      "");
  EXPECT_EQ(std::count(sections[0].begin(), sections[0].end(), '\n'), 2000);
  EXPECT_EQ(sections[0].substr(0, 22), "0,baseline,all,0,row\n0");
  EXPECT_EQ(sections[1], "0,baseline,0,0\n0,baseline,7,7\n");
  EXPECT_EQ(sections[2], "0,baseline,365,primary,all,pct_B,60\n");
  EXPECT_EQ(sections[3], "0,0,0,baseline,1\n");
  EXPECT_TRUE(is_part_file_name(part_name(7)));
  EXPECT_FALSE(is_part_file_name("unit-notes.txt"));
  EXPECT_FALSE(is_part_file_name("notes.part"));
}

TEST_F(UnitPart, EveryDamageIsFound) {
  const auto size = fs::file_size(file());
  EXPECT_NE(check("another sweep"), "");
  EXPECT_NE(read_part(parts_, 8, "fp", nullptr), "") << "a missing part";
  fs::copy_file(file(), dir_ / part_name(8));
  EXPECT_NE(read_part(parts_, 8, "fp", nullptr), "") << "a part renamed to another unit";
  for (const std::uintmax_t cut : {std::uintmax_t{1}, std::uintmax_t{50}, size / 2, size - 1}) {
    fs::copy_file(dir_ / part_name(8), file(), fs::copy_options::overwrite_existing);
    fs::resize_file(file(), size - cut);
    EXPECT_NE(check(), "") << "cut by " << cut;
  }
  for (const std::uintmax_t at : {std::uintmax_t{0}, std::uintmax_t{1000}, size - 30, size - 5}) {
    fs::copy_file(dir_ / part_name(8), file(), fs::copy_options::overwrite_existing);
    std::fstream f(file(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(at));
    const char c = static_cast<char>(f.get());
    f.seekp(static_cast<std::streamoff>(at));
    f.put(static_cast<char>(c ^ 0x01));
    f.close();
    EXPECT_NE(check(), "") << "a flipped bit at " << at;
  }
  std::ofstream(file(), std::ios::trunc).close();
  EXPECT_EQ(check(), "empty");
  fs::copy_file(dir_ / part_name(8), file(), fs::copy_options::overwrite_existing);
  EXPECT_EQ(check(), "") << "the undamaged copy";
}

}  // namespace
}  // namespace attachsim::scenario
