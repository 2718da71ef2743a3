// Tests of the measure explanations shown on hover and in the F1 help (measure_notes.hpp).
#include "attachsim/viz/measure_notes.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace attachsim::viz {
namespace {

TEST(MeasureNotes, EveryNoteHasANameAHoverTextAndAOneLineHelp) {
  std::set<std::string_view> names;
  for (const MeasureNoteText& n : measure_notes()) {
    EXPECT_FALSE(n.name.empty());
    EXPECT_GT(n.hover.size(), 60u) << n.name;
    EXPECT_FALSE(n.help.empty()) << n.name;
    EXPECT_EQ(n.help.find('\n'), std::string_view::npos) << n.name << ": the help is one line";
    EXPECT_LE(n.help.size(), 160u) << n.name;
    EXPECT_TRUE(names.insert(n.name).second) << n.name << " twice";
    EXPECT_EQ(&measure_note(n.note), &n);
  }
}

// The pairs the issue names as confusing are each explained against each other.
TEST(MeasureNotes, TheConfusablePairsAreContrasted) {
  const auto mentions = [](MeasureNote n, std::string_view word) {
    return measure_note(n).hover.find(word) != std::string_view::npos;
  };
  EXPECT_TRUE(mentions(MeasureNote::StrategyAtHome, "Strange Situation class"));
  EXPECT_TRUE(mentions(MeasureNote::ScatterR, "table's r"));
  EXPECT_TRUE(mentions(MeasureNote::TableR, "classifiable"));
  EXPECT_TRUE(mentions(MeasureNote::PairedD, "same babies"));
  EXPECT_TRUE(mentions(MeasureNote::GroupD, "different infants"));
  EXPECT_TRUE(mentions(MeasureNote::SecurityScale, "coded"));
  EXPECT_TRUE(mentions(MeasureNote::SecurityExpectation, "working model"));
}

}  // namespace
}  // namespace attachsim::viz
