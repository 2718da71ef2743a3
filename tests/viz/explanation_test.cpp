// Tests of the inspector's explanations (explanation.hpp): they follow the engine's thresholds and
// rule.
#include "attachsim/viz/explanation.hpp"

#include <gtest/gtest.h>

#include "attachsim/classification.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim::viz {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string all_reasons(const StrategyExplanation& e) {
  std::string out = e.headline;
  for (const auto& r : e.reasons) out += "\n" + r;
  return out;
}

// An attached infant whose primary caregiver model is `m`.
DyadState attached_to(WorkingModel m) {
  DyadState d;
  d.caregivers[kPrimarySlot].role = CaregiverRole::Primary;
  d.caregivers[kPrimarySlot].sensitivity = 0.6f;
  d.caregivers[kPrimarySlot].rejection = 0.4f;
  d.caregivers[kPrimarySlot].frightening = 0.08f;
  d.caregivers[kPrimarySlot].consistency = 0.5f;
  d.caregivers[kPrimarySlot].presence = 0.9f;
  m.bond = 2.0f;
  d.models[kPrimarySlot] = m;
  d.infant.onset_day = 200;
  return d;
}

class Explanation : public ::testing::Test {
 protected:
  ModelConstants k{Parameters{}};
};

TEST_F(Explanation, MinimisingNamesAcceptanceBelowItsThreshold) {
  const DyadState d = attached_to({0.9f, 0.3f, 0.9f, 0.0f, 0});
  ASSERT_EQ(dominant_strategy(strategy_weights(d.models[0], k)), Strategy::Minimising);
  const StrategyExplanation e = explain_strategy(d, k, 300);
  EXPECT_TRUE(contains(e.headline, "Minimising")) << e.headline;
  EXPECT_TRUE(contains(e.headline, "primary"));
  ASSERT_GE(e.reasons.size(), 3u);
  EXPECT_TRUE(contains(e.reasons[0], "30%")) << e.reasons[0];
  EXPECT_TRUE(contains(e.reasons[0], "70%")) << e.reasons[0];  // strategy.minimising_threshold
  EXPECT_TRUE(contains(e.reasons[0], "rejection 0.40")) << e.reasons[0];
}

TEST_F(Explanation, MaximisingNamesUnreliableCare) {
  const DyadState d = attached_to({0.3f, 0.95f, 0.3f, 0.0f, 0});
  ASSERT_EQ(dominant_strategy(strategy_weights(d.models[0], k)), Strategy::Maximising);
  const StrategyExplanation e = explain_strategy(d, k, 300);
  EXPECT_TRUE(contains(e.headline, "Maximising")) << e.headline;
  EXPECT_TRUE(contains(e.reasons[1], "below the 53%")) << e.reasons[1];
  EXPECT_TRUE(contains(e.reasons[1], "consistency 0.50")) << e.reasons[1];
}

TEST_F(Explanation, ConflictNamesFrightAboveItsThreshold) {
  const DyadState d = attached_to({0.9f, 0.95f, 0.9f, 0.2f, 0});
  ASSERT_EQ(dominant_strategy(strategy_weights(d.models[0], k)), Strategy::Conflict);
  const StrategyExplanation e = explain_strategy(d, k, 300);
  EXPECT_TRUE(contains(e.headline, "Conflict")) << e.headline;
  EXPECT_TRUE(contains(e.reasons[2], "20.0%")) << e.reasons[2];
  EXPECT_TRUE(contains(e.reasons[2], "6.0%")) << e.reasons[2];  // strategy.conflict_threshold
  EXPECT_TRUE(contains(e.reasons[2], "8.0%")) << e.reasons[2];  // the caregiver's rate
}

TEST_F(Explanation, OpenSaysEveryExpectationIsOnTheRightSide) {
  const DyadState d = attached_to({0.9f, 0.95f, 0.9f, 0.0f, 0});
  const StrategyExplanation e = explain_strategy(d, k, 300);
  EXPECT_TRUE(contains(e.headline, "Open")) << e.headline;
  EXPECT_TRUE(contains(all_reasons(e), "below the conflict threshold"));
}

TEST_F(Explanation, BeforeDiscriminationItNamesThePhaseAndTheBond) {
  DyadState d = attached_to({0.5f, 0.8f, 0.5f, 0.0f, 0});
  d.models[0].bond = 0.3f;
  const StrategyExplanation early = explain_strategy(d, k, 30);
  EXPECT_TRUE(contains(early.headline, "No discriminated attachment")) << early.headline;
  EXPECT_TRUE(contains(all_reasons(early), "pre-attachment")) << all_reasons(early);
  const StrategyExplanation later = explain_strategy(d, k, 150);
  EXPECT_TRUE(contains(all_reasons(later), "attachment in the making")) << all_reasons(later);
  EXPECT_TRUE(contains(all_reasons(later), "0.30")) << all_reasons(later);
}

TEST_F(Explanation, NoCaregiverAtAll) {
  DyadState d;
  const StrategyExplanation e = explain_strategy(d, k, 300);
  EXPECT_EQ(e.headline, "No caregiver in its life");
}

Coding coding(int ps, int cm, int rs, int av, int d, float unsoothed, int formation = 5) {
  Coding c;
  c.reunion1 = c.reunion2 = ReunionScales{ps, cm, rs, av};
  c.disorganisation = d;
  c.unsoothed = unsoothed;
  c.formation = formation;
  c.approached = formation > 1;
  return c;
}

TEST_F(Explanation, ClassificationSentencesFollowTheRule) {
  const auto sentence = [](const Coding& c) { return explain_classification(c, classify(c)); };
  const std::string a = sentence(coding(2, 2, 1, 6, 1, 0.1f));
  EXPECT_EQ(a.rfind("Avoidant (A)", 0), 0u) << a;
  EXPECT_TRUE(contains(a, "avoidance 6.0")) << a;
  const std::string c = sentence(coding(6, 6, 5, 1, 1, 0.2f));
  EXPECT_EQ(c.rfind("Resistant (C)", 0), 0u) << c;
  EXPECT_TRUE(contains(c, "resistance 5.0")) << c;
  const std::string c_unsoothed = sentence(coding(3, 3, 1, 2, 1, 0.7f));
  EXPECT_TRUE(contains(c_unsoothed, "not soothed")) << c_unsoothed;
  const std::string b = sentence(coding(5, 4, 1, 1, 2, 0.1f));
  EXPECT_EQ(b.rfind("Secure (B)", 0), 0u) << b;
  const std::string d = sentence(coding(5, 4, 1, 1, 7, 0.1f));
  EXPECT_EQ(d.rfind("D, disorganised", 0), 0u) << d;
  EXPECT_TRUE(contains(d, "7 of 9")) << d;
  EXPECT_TRUE(contains(d, "secure (B)")) << d;  // its best-fitting organised pattern
  const std::string u = sentence(coding(5, 4, 1, 1, 1, 0.1f, 1));
  EXPECT_EQ(u.rfind("CC, cannot classify", 0), 0u) << u;
  EXPECT_TRUE(contains(u, "formation 1 of 5")) << u;
}

TEST_F(Explanation, CombinedScalesWeightTheSecondReunion) {
  Coding c;
  c.reunion1 = {1, 1, 1, 1};
  c.reunion2 = {6, 6, 6, 6};
  const CombinedScales s = combined_scales(c);
  EXPECT_FLOAT_EQ(s.ps, 0.4f + 3.6f);
  EXPECT_FLOAT_EQ(s.seeking(), 4.0f);
}

TEST_F(Explanation, EpisodesSayWhoCameAndWhatFollowed) {
  DyadState d;
  d.caregivers[kPrimarySlot].role = CaregiverRole::Primary;
  Episode e;
  e.caregiver = 0;
  e.response = Response::PromptComfort;
  e.arousal_before = 0.8f;
  e.arousal_after = 0.1f;
  EpisodeLine line = describe_episode(e, d);
  EXPECT_EQ(line.who, "primary");
  EXPECT_EQ(line.response, "prompt comfort");
  EXPECT_EQ(line.outcome, "soothed");
  e.caregiver = -1;
  e.response = Response::None;
  e.arousal_after = 0.9f;
  line = describe_episode(e, d);
  EXPECT_EQ(line.who, "nobody");
  EXPECT_EQ(line.outcome, "left distressed");
  e.caregiver = -2;
  e.response = Response::Fright;
  EXPECT_EQ(describe_episode(e, d).who, "another staff member");
  EXPECT_EQ(describe_episode(e, d).outcome, "frightened");
}

}  // namespace
}  // namespace attachsim::viz
