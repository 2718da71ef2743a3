// Tests of the per-dyad assessment table dyads.csv: header, rows, shortest round-trip numbers
// (dyads_csv.cpp).
#include "attachsim/dyads_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "attachsim/random.hpp"
#include "test_support.hpp"

namespace attachsim {
namespace {

std::vector<std::string> split(const std::string& line, char sep = ',') {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

std::vector<std::string> header_columns() {
  std::string h = dyads_csv_header();
  EXPECT_EQ(h.back(), '\n');
  h.pop_back();
  return split(h);
}

int column(const std::vector<std::string>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  return -1;
}

AssessmentRecord sample_record() {
  AssessmentRecord r;
  r.dyad = 42;
  r.day = 365;
  r.slot = kPrimarySlot;
  r.role = CaregiverRole::Primary;
  r.sensitivity = 0.1f;
  r.reactivity = 0.7f;
  r.coding.reunion1 = ReunionScales{2, 3, 4, 5};
  r.coding.reunion2 = ReunionScales{6, 5, 1, 2};
  r.coding.disorganisation = 6;
  r.coding.unsoothed = 0.25f;
  r.classification = classify(r.coding);
  r.readout = AdultReadout{0.3f, 0.6f, AdultStyle::Dismissing};
  return r;
}

TEST(DyadsCsv, HeaderHasTheDocumentedColumns) {
  const auto columns = header_columns();
  for (const char* name : {"dyad_id",
                           "caregiver_slot",
                           "caregiver_role",
                           "sensitivity",
                           "temperament",
                           "age_months",
                           "age_days",
                           "class4",
                           "class3",
                           "security",
                           "ps",
                           "cm",
                           "rs",
                           "av",
                           "ps_r1",
                           "cm_r1",
                           "rs_r1",
                           "av_r1",
                           "disorg",
                           "unsoothed",
                           "adult_anxiety",
                           "adult_avoidance",
                           "adult_style",
                           "formation"})
    EXPECT_NE(column(columns, name), -1) << name;
  EXPECT_EQ(columns.front(), "dyad_id");
  std::set<std::string> unique(columns.begin(), columns.end());
  EXPECT_EQ(unique.size(), columns.size()) << "no column twice";
}

TEST(DyadsCsv, RowMatchesTheHeaderAndTheRecord) {
  const AssessmentRecord r = sample_record();
  std::ostringstream out;
  write_dyads_csv(out, std::vector<AssessmentRecord>{r});
  const std::string text = out.str();
  ASSERT_FALSE(text.empty());
  ASSERT_EQ(text.back(), '\n');
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
  const auto fields = split(text.substr(0, text.size() - 1));
  const auto columns = header_columns();
  ASSERT_EQ(fields.size(), columns.size());
  const auto at = [&](const char* name) {
    return fields[static_cast<std::size_t>(column(columns, name))];
  };
  EXPECT_EQ(at("dyad_id"), "42");
  EXPECT_EQ(at("caregiver_slot"), "0");
  EXPECT_EQ(at("caregiver_role"), "primary");
  EXPECT_EQ(std::strtof(at("sensitivity").c_str(), nullptr), 0.1f);
  EXPECT_EQ(std::strtof(at("temperament").c_str(), nullptr), 0.7f);
  EXPECT_EQ(at("age_days"), "365");
  EXPECT_NEAR(std::strtod(at("age_months").c_str(), nullptr), 365 / 30.4375, 1e-12);
  EXPECT_EQ(at("class4"), "D");
  EXPECT_EQ(at("class3"), class_name(r.classification.class3));
  EXPECT_EQ(std::strtof(at("security").c_str(), nullptr), r.classification.security);
  // ps, cm, rs, av are the second reunion (episode 8), the _r1 columns the first.
  EXPECT_EQ(at("ps"), "6");
  EXPECT_EQ(at("cm"), "5");
  EXPECT_EQ(at("rs"), "1");
  EXPECT_EQ(at("av"), "2");
  EXPECT_EQ(at("ps_r1"), "2");
  EXPECT_EQ(at("cm_r1"), "3");
  EXPECT_EQ(at("rs_r1"), "4");
  EXPECT_EQ(at("av_r1"), "5");
  EXPECT_EQ(at("disorg"), "6");
  EXPECT_EQ(std::strtof(at("unsoothed").c_str(), nullptr), 0.25f);
  EXPECT_EQ(std::strtof(at("adult_anxiety").c_str(), nullptr), 0.3f);
  EXPECT_EQ(std::strtof(at("adult_avoidance").c_str(), nullptr), 0.6f);
  EXPECT_EQ(at("adult_style"), "dismissing");
  EXPECT_EQ(at("formation"), std::to_string(r.coding.formation));
}

TEST(DyadsCsv, OneRowPerRecordInOrder) {
  std::vector<AssessmentRecord> records;
  for (std::uint32_t i = 0; i < 25; ++i) {
    AssessmentRecord r = sample_record();
    r.dyad = i * 3;
    if (i % 5 == 0) {  // no organised attachment behaviour, no disorganisation: cannot classify
      r.coding.formation = 1;
      r.coding.approached = false;
      r.coding.disorganisation = 1;
    }
    r.classification = classify(r.coding);
    records.push_back(r);
  }
  std::ostringstream out;
  write_dyads_csv(out, records);
  std::istringstream in(out.str());
  std::string line;
  std::size_t n = 0;
  const auto columns = header_columns();
  while (std::getline(in, line)) {
    const auto fields = split(line);
    ASSERT_EQ(fields.size(), columns.size());
    EXPECT_EQ(fields[0], std::to_string(records[n].dyad));
    EXPECT_EQ(fields[static_cast<std::size_t>(column(columns, "class4"))], n % 5 == 0 ? "CC" : "D");
    EXPECT_EQ(fields[static_cast<std::size_t>(column(columns, "formation"))],
              n % 5 == 0 ? "1" : "5");
    ++n;
  }
  EXPECT_EQ(n, records.size());
  std::ostringstream empty;
  write_dyads_csv(empty, std::vector<AssessmentRecord>{});
  EXPECT_EQ(empty.str(), "");
}

TEST(Shortest, RoundTripsFloatsAndDoubles) {
  RandomStream r(8, 0, 0, Stream::Setup);
  for (int i = 0; i < 20000; ++i) {
    const float f =
        r.uniform() * std::pow(10.0f, static_cast<float>(static_cast<int>(r.uniform() * 20) - 10));
    const std::string s = shortest(f);
    ASSERT_EQ(std::strtof(s.c_str(), nullptr), f) << s;
    const double d = static_cast<double>(r.uniform()) / 3.0 + 1e-9 * r.uniform();
    const std::string t = shortest(d);
    ASSERT_EQ(std::strtod(t.c_str(), nullptr), d) << t;
  }
  EXPECT_EQ(shortest(0.1f), "0.1");
  EXPECT_EQ(shortest(0.0f), "0");
  EXPECT_EQ(shortest(1.0), "1");
  EXPECT_EQ(shortest(0.25), "0.25");
  EXPECT_EQ(shortest(-2.5f), "-2.5");
}

}  // namespace
}  // namespace attachsim
