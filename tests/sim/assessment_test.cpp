// Tests of population-wide assessments, class distributions and sensitivity links (assessment.cpp).
#include "attachsim/assessment.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "test_support.hpp"

namespace attachsim {
namespace {

using testing::population_config;
using testing::same_coding;
using testing::same_record;

TEST(AssessPopulation, LeavesTheSimulationUnchanged) {
  Simulation sim(Parameters{}, population_config(4, 600));
  sim.run_days(330);
  const std::uint64_t before = sim.state_hash();
  const Aggregates aggregates = sim.aggregates();
  assess_population(sim, kPrimarySlot);
  assess_population(sim, kPrimarySlot, 1);
  EXPECT_EQ(sim.state_hash(), before);
  EXPECT_TRUE(testing::same_aggregates(sim.aggregates(), aggregates));
  EXPECT_EQ(sim.day(), 330u);
}

TEST(AssessPopulation, OneRecordPerDyadWithThatCaregiverInDyadOrder) {
  Parameters p;
  p.set("secondary.share", 0.5);
  Simulation sim(p, population_config(4, 800));
  sim.run_days(300);
  const auto primary = assess_population(sim, kPrimarySlot);
  ASSERT_EQ(primary.size(), 800u);
  const auto secondary = assess_population(sim, kSecondarySlot);
  std::size_t with_secondary = 0;
  for (const DyadState& d : sim.dyads())
    with_secondary += d.caregivers[kSecondarySlot].present_in_life();
  EXPECT_EQ(secondary.size(), with_secondary);
  EXPECT_GT(with_secondary, 300u);
  EXPECT_LT(with_secondary, 500u);
  for (std::size_t i = 0; i < primary.size(); ++i) {
    const AssessmentRecord& r = primary[i];
    ASSERT_EQ(r.dyad, i);
    const DyadState& d = sim.dyad(r.dyad);
    EXPECT_EQ(r.day, 300u);
    EXPECT_EQ(r.slot, kPrimarySlot);
    EXPECT_EQ(r.role, CaregiverRole::Primary);
    EXPECT_EQ(r.sensitivity, d.caregivers[kPrimarySlot].sensitivity);
    EXPECT_EQ(r.reactivity, d.infant.reactivity);
    // The record is what the instrument says for that dyad.
    const SspResult direct = run_strange_situation(d, kPrimarySlot, sim.constants_of(r.dyad),
                                                   sim.seed(), r.dyad, sim.day());
    EXPECT_TRUE(same_coding(r.coding, direct.coding)) << "dyad " << r.dyad;
    EXPECT_EQ(r.classification.class4, direct.classification.class4);
  }
  for (std::size_t i = 1; i < secondary.size(); ++i) {
    EXPECT_LT(secondary[i - 1].dyad, secondary[i].dyad);
    EXPECT_EQ(secondary[i].role, CaregiverRole::Secondary);
    EXPECT_EQ(secondary[i].slot, kSecondarySlot);
  }
}

TEST(AssessPopulation, ReproducibleAndKeyedByAssessment) {
  Simulation sim(Parameters{}, population_config(9, 500));
  sim.run_days(365);
  const auto a = assess_population(sim, kPrimarySlot);
  const auto b = assess_population(sim, kPrimarySlot);
  const auto c = assess_population(sim, kPrimarySlot, 1);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.size(), c.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_TRUE(same_record(a[i], b[i])) << "dyad " << i;
    if (!same_coding(a[i].coding, c[i].coding)) ++differ;
  }
  EXPECT_GT(differ, a.size() / 2) << "a repeated assessment is a new draw of the day's state";
}

TEST(Distribution, CountsAndShares) {
  std::vector<AssessmentRecord> records;
  const Class4 classes[] = {Class4::A,  Class4::B, Class4::B,  Class4::C, Class4::D,
                            Class4::CC, Class4::B, Class4::CC, Class4::D, Class4::A};
  const Class3 forced[] = {Class3::A, Class3::B, Class3::B, Class3::C, Class3::A,
                           Class3::C, Class3::B, Class3::B, Class3::C, Class3::A};
  for (int i = 0; i < 10; ++i) {
    AssessmentRecord r;
    r.classification.class4 = classes[i];
    r.classification.class3 = forced[i];
    r.coding.formation = i < 7 ? 5 : 2;
    records.push_back(r);
  }
  const ClassDistribution d = distribution(records);
  EXPECT_EQ(d.classified, 10u) << "every assessed infant has a class";
  EXPECT_EQ(d.class4[static_cast<int>(Class4::B)], 3u);
  EXPECT_EQ(d.class4[static_cast<int>(Class4::CC)], 2u);
  EXPECT_EQ(d.fully_formed, 7u);
  // 3-way counts everyone, with D and CC forced into their best fit.
  EXPECT_EQ(d.class3[static_cast<int>(Class3::A)], 3u);
  EXPECT_EQ(d.class3[static_cast<int>(Class3::B)], 4u);
  EXPECT_EQ(d.class3[static_cast<int>(Class3::C)], 3u);
  EXPECT_DOUBLE_EQ(d.share4(Class4::B), 3.0 / 10);
  EXPECT_DOUBLE_EQ(d.share4(Class4::D), 2.0 / 10);
  EXPECT_DOUBLE_EQ(d.share4(Class4::CC), 2.0 / 10);
  EXPECT_DOUBLE_EQ(d.share_d_cc(), 4.0 / 10);
  EXPECT_DOUBLE_EQ(d.share_fully_formed(), 7.0 / 10);
  EXPECT_DOUBLE_EQ(d.share3(Class3::C), 3.0 / 10);
  EXPECT_DOUBLE_EQ(d.share4(Class4::A) + d.share4(Class4::B) + d.share4(Class4::C) +
                       d.share4(Class4::D) + d.share4(Class4::CC),
                   1.0);
  const ClassDistribution none = distribution({});
  EXPECT_EQ(none.share4(Class4::B), 0.0);
  EXPECT_EQ(none.share3(Class3::B), 0.0);
  EXPECT_EQ(none.share4(Class4::CC), 0.0);
  EXPECT_EQ(none.share_fully_formed(), 0.0);
}

TEST(SensitivityLinks, CorrelatesSensitivityWithTheCodingOfEveryone) {
  std::vector<AssessmentRecord> records;
  for (int i = 0; i < 20; ++i) {
    AssessmentRecord r;
    r.sensitivity = static_cast<float>(i) / 20.0f;
    r.coding.reunion1.av = r.coding.reunion2.av = 7 - i / 4;  // falls with sensitivity
    r.coding.reunion1.rs = r.coding.reunion2.rs = 1 + i / 4;  // rises with sensitivity
    r.coding.disorganisation = 3;                             // constant
    r.classification.security = r.sensitivity;
    r.classification.class4 = Class4::B;
    records.push_back(r);
  }
  AssessmentRecord cannot_classify;  // counted like everyone else
  cannot_classify.sensitivity = 1;
  cannot_classify.classification.security = 1;
  cannot_classify.coding.reunion1.av = cannot_classify.coding.reunion2.av = 1;
  cannot_classify.coding.reunion1.rs = cannot_classify.coding.reunion2.rs = 7;
  cannot_classify.coding.disorganisation = 3;
  cannot_classify.classification.class4 = Class4::CC;
  records.push_back(cannot_classify);
  const SensitivityLinks l = sensitivity_links(records);
  EXPECT_NEAR(l.security, 1.0, 1e-6);
  EXPECT_LT(l.avoidance, -0.9);
  EXPECT_GT(l.resistance, 0.9);
  EXPECT_EQ(l.disorganisation, 0.0);
}

}  // namespace
}  // namespace attachsim
