// Tests of the adult-style readout (anxiety, avoidance, Bartholomew's four styles) from a working model (adult_style.cpp).
#include <gtest/gtest.h>

#include <string>

#include "attachsim/adult_style.hpp"

namespace attachsim {
namespace {

const ModelConstants& defaults() {
  static const ModelConstants k{Parameters{}};
  return k;
}

TEST(AdultReadout, DimensionsComeFromReliabilityAndAcceptance) {
  const WorkingModel m{0.6f, 0.7f, 0.8f, 0.1f, 1.0f};
  const AdultReadout r = adult_readout(m, defaults());
  EXPECT_FLOAT_EQ(r.anxiety, 1.0f - 0.5f * (0.6f + 0.8f));
  EXPECT_FLOAT_EQ(r.avoidance, 1.0f - 0.7f);
}

TEST(AdultReadout, FourStyles) {
  const ModelConstants& k = defaults();
  EXPECT_EQ(adult_readout(WorkingModel{0.9f, 0.95f, 0.9f, 0, 1}, k).style, AdultStyle::Secure);
  EXPECT_EQ(adult_readout(WorkingModel{0.2f, 0.95f, 0.2f, 0, 1}, k).style, AdultStyle::Preoccupied);
  EXPECT_EQ(adult_readout(WorkingModel{0.9f, 0.3f, 0.9f, 0, 1}, k).style, AdultStyle::Dismissing);
  EXPECT_EQ(adult_readout(WorkingModel{0.2f, 0.3f, 0.2f, 0, 1}, k).style, AdultStyle::Fearful);
}

TEST(AdultReadout, ThresholdsAreTheInfantStrategyThresholds) {
  // Anxious exactly when reliability is below the maximising threshold,
  // avoidant exactly when acceptance is below the minimising threshold.
  Parameters p;
  p.set("strategy.maximising_threshold", 0.6);
  p.set("strategy.minimising_threshold", 0.5);
  const ModelConstants k(p);
  EXPECT_EQ(adult_readout(WorkingModel{0.55f, 0.9f, 0.55f, 0, 1}, k).style, AdultStyle::Preoccupied);
  EXPECT_EQ(adult_readout(WorkingModel{0.65f, 0.9f, 0.65f, 0, 1}, k).style, AdultStyle::Secure);
  EXPECT_EQ(adult_readout(WorkingModel{0.9f, 0.45f, 0.9f, 0, 1}, k).style, AdultStyle::Dismissing);
  EXPECT_EQ(adult_readout(WorkingModel{0.9f, 0.55f, 0.9f, 0, 1}, k).style, AdultStyle::Secure);
}

TEST(AdultReadout, StaysInRange) {
  const ModelConstants& k = defaults();
  for (float a : {0.0f, 0.5f, 1.0f})
    for (float c : {0.0f, 0.5f, 1.0f}) {
      const AdultReadout r = adult_readout(WorkingModel{a, c, a, 0, 1}, k);
      EXPECT_GE(r.anxiety, 0.0f);
      EXPECT_LE(r.anxiety, 1.0f);
      EXPECT_GE(r.avoidance, 0.0f);
      EXPECT_LE(r.avoidance, 1.0f);
    }
}

TEST(StyleName, Names) {
  EXPECT_EQ(std::string(style_name(AdultStyle::Secure)), "secure");
  EXPECT_EQ(std::string(style_name(AdultStyle::Preoccupied)), "preoccupied");
  EXPECT_EQ(std::string(style_name(AdultStyle::Dismissing)), "dismissing");
  EXPECT_EQ(std::string(style_name(AdultStyle::Fearful)), "fearful");
}

}  // namespace
}  // namespace attachsim
