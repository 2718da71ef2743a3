// Tests of the classification rule and the security score on constructed codings
// (classification.cpp).
#include "attachsim/classification.hpp"

#include <gtest/gtest.h>

#include <string>

namespace attachsim {
namespace {

// The same scales at both reunions.
Coding coding(int ps, int cm, int rs, int av, int disorganisation = 1, float unsoothed = 0.1f,
              int formation = 5, bool approached = true) {
  Coding c;
  c.reunion1 = c.reunion2 = ReunionScales{ps, cm, rs, av};
  c.disorganisation = disorganisation;
  c.unsoothed = unsoothed;
  c.formation = formation;
  c.approached = approached;
  return c;
}

const Coding kA = coding(2, 1, 1, 6);
const Coding kB = coding(6, 5, 1, 1);
const Coding kC = coding(6, 6, 6, 1, 1, 0.3f);

TEST(Classify, ClearA) {
  const Classification r = classify(kA);
  EXPECT_EQ(r.class4, Class4::A);
  EXPECT_EQ(r.class3, Class3::A);
}

TEST(Classify, ClearB) {
  const Classification r = classify(kB);
  EXPECT_EQ(r.class4, Class4::B);
  EXPECT_EQ(r.class3, Class3::B);
}

TEST(Classify, ClearCByResistance) {
  const Classification r = classify(kC);
  EXPECT_EQ(r.class4, Class4::C);
  EXPECT_EQ(r.class3, Class3::C);
}

TEST(Classify, CByUnsoothedDistressWithoutAvoidance) {
  EXPECT_EQ(classify(coding(5, 5, 1, 1, 1, 0.5f)).class3, Class3::C);
  EXPECT_EQ(classify(coding(5, 5, 1, 1, 1, 0.49f)).class3, Class3::B);
  // With marked avoidance, unsoothed distress does not make it C.
  EXPECT_EQ(classify(coding(2, 2, 1, 6, 1, 0.9f)).class3, Class3::A);
}

TEST(Classify, ResistanceWithoutSeekingIsNotC) {
  // RS >= 4 counts only together with proximity and contact seeking.
  EXPECT_EQ(classify(coding(2, 2, 6, 1)).class3, Class3::B);
  EXPECT_EQ(classify(coding(4, 3, 4, 1)).class3, Class3::C) << "seeking exactly 3.5";
}

TEST(Classify, AvoidanceWithContactSeekingIsNotA) {
  EXPECT_EQ(classify(coding(6, 6, 1, 6)).class3, Class3::B);
}

TEST(Classify, ReunionsAreWeightedTowardTheSecond) {
  Coding c = kB;
  c.reunion2.av = 6;  // 0.4 * 1 + 0.6 * 6 = 4.0 < 4.5
  c.reunion2.ps = c.reunion2.cm = c.reunion1.ps = c.reunion1.cm = 2;
  EXPECT_EQ(classify(c).class3, Class3::B);
  c.reunion2.av = 7;  // 0.4 + 4.2 = 4.6
  EXPECT_EQ(classify(c).class3, Class3::A);
  // The first reunion alone cannot make it A.
  Coding d = c;
  d.reunion1.av = 7;
  d.reunion2.av = 3;  // 2.8 + 1.8 = 4.6 as well: both reunions count
  EXPECT_EQ(classify(d).class3, Class3::A);
  d.reunion2.av = 1;  // 2.8 + 0.6 = 3.4
  EXPECT_EQ(classify(d).class3, Class3::B);
}

TEST(Classify, DisorganisationFromFiveIsDWithItsBestFittingClass) {
  for (const Coding& base : {kA, kB, kC}) {
    Coding c = base;
    c.disorganisation = 4;
    EXPECT_EQ(classify(c).class4, classify(base).class4) << "4 is not D";
    for (int d = 5; d <= 9; ++d) {
      c.disorganisation = d;
      const Classification r = classify(c);
      EXPECT_EQ(r.class4, Class4::D);
      EXPECT_EQ(r.class3, classify(base).class3) << "D keeps the best-fitting organised class";
    }
  }
}

TEST(Classify, FormationDoesNotGateTheClass) {
  // Coders classify children with an incompletely formed attachment from
  // their behaviour (Zeanah et al. 2005): formation 2-4 changes nothing.
  for (const Coding& base : {kA, kB, kC}) {
    for (int formation = 2; formation <= 5; ++formation) {
      Coding c = base;
      c.formation = formation;
      c.approached = false;
      EXPECT_EQ(classify(c).class4, classify(base).class4) << formation;
      c.disorganisation = 8;
      EXPECT_EQ(classify(c).class4, Class4::D);
    }
  }
}

TEST(Classify, NoOrganisedAttachmentBehaviourIsCannotClassify) {
  for (const Coding& base : {kA, kB, kC}) {
    Coding c = base;
    c.formation = 1;
    c.approached = false;
    const Classification r = classify(c);
    EXPECT_EQ(r.class4, Class4::CC);
    EXPECT_EQ(r.class3, classify(base).class3) << "the forced class is still given";
    c.approached = true;  // it sought the caregiver: something organised to code
    EXPECT_EQ(classify(c).class4, classify(base).class4);
    c.approached = false;
    c.disorganisation = 6;  // disorganised behaviour is coded as D first
    EXPECT_EQ(classify(c).class4, Class4::D);
  }
}

TEST(Classify, ContradictoryStrategiesAreCannotClassify) {
  // Marked avoidance and marked resistance together (Main & Weston 1981).
  const Coding both = coding(3, 4, 6, 6);
  EXPECT_EQ(classify(both).class4, Class4::CC);
  EXPECT_EQ(classify(coding(2, 1, 1, 6)).class4, Class4::A);
  EXPECT_EQ(classify(coding(6, 6, 6, 1)).class4, Class4::C);
}

TEST(FormationRating, StepsWithTheBond) {
  EXPECT_EQ(formation_rating(0.0f), 1);
  EXPECT_EQ(formation_rating(0.24f), 1);
  EXPECT_EQ(formation_rating(0.25f), 2);
  EXPECT_EQ(formation_rating(0.5f), 3);
  EXPECT_EQ(formation_rating(0.75f), 4);
  EXPECT_EQ(formation_rating(0.99f), 4);
  EXPECT_EQ(formation_rating(1.0f), 5);
  EXPECT_EQ(formation_rating(3.0f), 5);
  EXPECT_EQ(formation_rating(-1.0f), 1);
}

TEST(Classify, AvoidantAndResistantTieBreak) {
  // Seeking exactly 3.5 satisfies both "<= 3.5" (A) and ">= 3.5" (C).
  EXPECT_EQ(classify(coding(3, 4, 5, 6)).class3, Class3::A) << "more avoidance than resistance";
  EXPECT_EQ(classify(coding(3, 4, 6, 5)).class3, Class3::C) << "more resistance than avoidance";
  EXPECT_EQ(classify(coding(3, 4, 5, 5)).class3, Class3::A) << "equal: avoidance decides";
}

TEST(SecurityScore, OrdersTheClasses) {
  const float a = security_score(kA), b = security_score(kB), c = security_score(kC);
  EXPECT_GT(b, a);
  EXPECT_GT(b, c);
  for (const Coding& base : {kA, kB, kC}) {
    Coding d = base;
    d.disorganisation = 7;
    EXPECT_LT(security_score(d), security_score(base));
    EXPECT_EQ(classify(d).security, security_score(d));
  }
}

TEST(SecurityScore, EndsAndClamping) {
  EXPECT_FLOAT_EQ(security_score(coding(7, 7, 1, 1, 1, 0.0f)), 1.0f);
  EXPECT_FLOAT_EQ(security_score(coding(1, 1, 7, 7, 9, 1.0f)), 0.0f);
  EXPECT_FLOAT_EQ(security_score(coding(7, 7, 1, 1, 1, 5.0f)),
                  security_score(coding(7, 7, 1, 1, 1, 1.0f)));
  EXPECT_FLOAT_EQ(security_score(coding(7, 7, 1, 1, 1, -1.0f)), 1.0f);
  // Each index weighs a quarter.
  EXPECT_FLOAT_EQ(security_score(coding(7, 7, 1, 7, 1, 0.0f)), 0.75f);
  EXPECT_FLOAT_EQ(security_score(coding(7, 7, 7, 1, 1, 0.0f)), 0.75f);
  EXPECT_FLOAT_EQ(security_score(coding(7, 7, 1, 1, 9, 0.0f)), 0.75f);
  EXPECT_FLOAT_EQ(security_score(coding(7, 7, 1, 1, 1, 1.0f)), 0.75f);
}

TEST(ClassName, Letters) {
  EXPECT_EQ(std::string(class_name(Class4::A)), "A");
  EXPECT_EQ(std::string(class_name(Class4::B)), "B");
  EXPECT_EQ(std::string(class_name(Class4::C)), "C");
  EXPECT_EQ(std::string(class_name(Class4::D)), "D");
  EXPECT_EQ(std::string(class_name(Class4::CC)), "CC");
  EXPECT_EQ(std::string(class_name(Class3::A)), "A");
  EXPECT_EQ(std::string(class_name(Class3::B)), "B");
  EXPECT_EQ(std::string(class_name(Class3::C)), "C");
}

}  // namespace
}  // namespace attachsim
