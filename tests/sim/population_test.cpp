// Tests of drawing newborn dyads and caregivers, generalised priors and subgroup validation (population.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "attachsim/population.hpp"
#include "attachsim/statistics.hpp"
#include "test_support.hpp"

namespace attachsim {
namespace {

using testing::same_state;

constexpr int kDraws = 20000;

std::vector<Caregiver> draw_many(const Parameters& p, CaregiverRole role, int n = kDraws) {
  const ModelConstants k(p);
  std::vector<Caregiver> out;
  for (int i = 0; i < n; ++i) {
    RandomStream r(11, static_cast<std::uint32_t>(i), 0, Stream::Setup);
    out.push_back(draw_caregiver(r, role, k));
  }
  return out;
}

std::vector<DyadState> dyads_from(const Parameters& p, int n = kDraws) {
  const ModelConstants k(p);
  std::vector<DyadState> out;
  for (int i = 0; i < n; ++i) {
    RandomStream r(13, static_cast<std::uint32_t>(i), 0, Stream::Setup);
    out.push_back(draw_dyad(r, k));
  }
  return out;
}

TEST(DrawCaregiver, IsReproducible) {
  const ModelConstants k{Parameters{}};
  RandomStream a(1, 2, 0, Stream::Setup), b(1, 2, 0, Stream::Setup), c(1, 3, 0, Stream::Setup);
  const Caregiver x = draw_caregiver(a, CaregiverRole::Primary, k);
  const Caregiver y = draw_caregiver(b, CaregiverRole::Primary, k);
  const Caregiver z = draw_caregiver(c, CaregiverRole::Primary, k);
  EXPECT_TRUE(testing::same_caregiver(x, y));
  EXPECT_FALSE(testing::same_caregiver(x, z));
}

TEST(DrawCaregiver, TraitsStayInTheirRanges) {
  Parameters p;
  p.set("primary.sensitivity_sd", 0.5);  // wide spreads push draws against the bounds
  p.set("primary.frightening", 0.45);
  p.set("primary.frightening_sd", 0.25);
  p.set("primary.risk_sd", 5);
  for (const Caregiver& c : draw_many(p, CaregiverRole::Primary, 5000)) {
    ASSERT_GE(c.sensitivity, 0.0f);
    ASSERT_LE(c.sensitivity, 1.0f);
    ASSERT_GE(c.consistency, 0.0f);
    ASSERT_LE(c.consistency, 1.0f);
    ASSERT_GE(c.rejection, 0.0f);
    ASSERT_LE(c.rejection, 1.0f);
    ASSERT_GE(c.frightening, 0.0f);
    ASSERT_LE(c.frightening, 0.5f);
    ASSERT_GE(c.risk, 0.0f);
    ASSERT_LE(c.risk, 10.0f);
    ASSERT_GE(c.presence, 0.0f);
    ASSERT_LE(c.presence, 1.0f);
    ASSERT_GE(c.load, 1.0f);
    ASSERT_EQ(c.role, CaregiverRole::Primary);
    ASSERT_EQ(c.stress, 0.0f);
  }
}

TEST(DrawCaregiver, MeansAndStateOfMindSharesFollowTheParameters) {
  const Parameters p;
  const auto cs = draw_many(p, CaregiverRole::Primary);
  double sensitivity = 0;
  int som[4] = {};
  int depressed = 0;
  for (const Caregiver& c : cs) {
    sensitivity += c.sensitivity;
    ++som[static_cast<int>(c.state_of_mind)];
    depressed += c.depressed() ? 1 : 0;
  }
  const double n = static_cast<double>(cs.size());
  const double dis = p[Param::primary_dismissing], pre = p[Param::primary_preoccupied],
               unr = p[Param::primary_unresolved];
  EXPECT_NEAR(som[static_cast<int>(StateOfMind::Dismissing)] / n, dis, 0.012);
  EXPECT_NEAR(som[static_cast<int>(StateOfMind::Preoccupied)] / n, pre, 0.012);
  EXPECT_NEAR(som[static_cast<int>(StateOfMind::Unresolved)] / n, unr, 0.012);
  // Autonomous caregivers get the sensitivity bonus.
  const double expected = p[Param::primary_sensitivity] +
                          (1 - dis - pre - unr) * p[Param::som_autonomous_sensitivity];
  EXPECT_NEAR(sensitivity / n, expected, 0.01);
  EXPECT_NEAR(depressed / n, p[Param::primary_depression], 0.01);
  // Presence is hours over the infant's waking day.
  EXPECT_FLOAT_EQ(cs.front().presence, static_cast<float>(p[Param::primary_hours] /
                                                          p[Param::infant_waking_hours]));
}

TEST(DrawCaregiver, SensitivityConsistencyAndAcceptanceShareAFactor) {
  Parameters p;
  p.set("primary.dismissing", 0);
  p.set("primary.preoccupied", 0);
  p.set("primary.unresolved", 0);
  p.set("care.trait_correlation", 0.6);
  const auto cs = draw_many(p, CaregiverRole::Primary);
  std::vector<double> s, c, r;
  for (const Caregiver& g : cs) s.push_back(g.sensitivity), c.push_back(g.consistency), r.push_back(g.rejection);
  EXPECT_GT(pearson_r(s, c), 0.4);
  EXPECT_LT(pearson_r(s, r), -0.4);
  p.set("care.trait_correlation", 0);
  const auto independent = draw_many(p, CaregiverRole::Primary);
  s.clear(), c.clear();
  for (const Caregiver& g : independent) s.push_back(g.sensitivity), c.push_back(g.consistency);
  EXPECT_LT(std::abs(pearson_r(s, c)), 0.03);
}

TEST(DrawCaregiver, StateOfMindShiftsItsDimension) {
  Parameters p;
  p.set("primary.sensitivity_sd", 0);
  p.set("primary.consistency_sd", 0);
  p.set("primary.rejection_sd", 0);
  p.set("primary.frightening_sd", 0);
  const ModelConstants k(p);
  bool seen[4] = {};
  for (const Caregiver& c : draw_many(p, CaregiverRole::Primary, 2000)) {
    seen[static_cast<int>(c.state_of_mind)] = true;
    switch (c.state_of_mind) {
      case StateOfMind::Autonomous:
        EXPECT_FLOAT_EQ(c.sensitivity, 0.62f + k.som_autonomous_sensitivity);
        break;
      case StateOfMind::Dismissing:
        EXPECT_FLOAT_EQ(c.rejection, 0.15f + k.som_dismissing_rejection);
        EXPECT_FLOAT_EQ(c.sensitivity, 0.62f);
        break;
      case StateOfMind::Preoccupied:
        EXPECT_FLOAT_EQ(c.consistency, 0.8f - k.som_preoccupied_inconsistency);
        break;
      case StateOfMind::Unresolved:
        EXPECT_FLOAT_EQ(c.frightening, 0.005f + k.som_unresolved_frightening);
        break;
    }
  }
  for (bool s : seen) EXPECT_TRUE(s);
}

TEST(DrawDyad, DefaultArrangementIsOneHomePrimary) {
  for (const DyadState& d : dyads_from(Parameters{}, 2000)) {
    ASSERT_EQ(d.caregivers[kPrimarySlot].role, CaregiverRole::Primary);
    ASSERT_FALSE(d.caregivers[kSecondarySlot].present_in_life());
    ASSERT_FALSE(d.caregivers[kDaycareSlot].present_in_life());
    ASSERT_EQ(d.infant.strategy, Strategy::None);
    ASSERT_FALSE(d.infant.attached());
    for (const WorkingModel& m : d.models) ASSERT_TRUE(testing::same_model(m, kNewbornPrior));
    ASSERT_GE(d.infant.reactivity, 0.0f);
    ASSERT_LE(d.infant.reactivity, 1.0f);
    ASSERT_GE(d.infant.soothability, 0.0f);
    ASSERT_LE(d.infant.soothability, 1.0f);
  }
}

TEST(DrawDyad, CareArrangementSharesFollowTheParameters) {
  Parameters p;
  p.set("secondary.share", 0.4);
  p.set("daycare.share", 0.25);
  p.set("daycare.entry_age", 9);
  p.set("institution.share", 0.1);
  const ModelConstants k(p);
  const auto ds = dyads_from(p);
  int secondary = 0, daycare = 0, institution = 0;
  for (const DyadState& d : ds) {
    if (d.caregivers[kSecondarySlot].role == CaregiverRole::Secondary) ++secondary;
    if (d.caregivers[kDaycareSlot].role == CaregiverRole::Daycare) {
      ++daycare;
      EXPECT_EQ(d.caregivers[kDaycareSlot].active_from_day,
                static_cast<std::uint16_t>(9 * kDaysPerMonth));
    }
    if (d.caregivers[kPrimarySlot].role == CaregiverRole::Institution) {
      ++institution;
    } else {
      EXPECT_EQ(d.caregivers[kPrimarySlot].role, CaregiverRole::Primary);
    }
  }
  const double n = static_cast<double>(ds.size());
  EXPECT_NEAR(secondary / n, 0.4, 0.015);
  EXPECT_NEAR(daycare / n, 0.25, 0.015);
  EXPECT_NEAR(institution / n, 0.1, 0.01);

  p.set("institution.share", 1);
  for (const DyadState& d : dyads_from(p, 500))
    ASSERT_EQ(d.caregivers[kPrimarySlot].role, CaregiverRole::Institution);
}

TEST(DrawDyad, MaturationIsRightSkewedAroundTheMedianAge) {
  const Parameters p;
  const ModelConstants k(p);
  const auto ds = dyads_from(p);
  std::vector<float> days;
  for (const DyadState& d : ds) {
    ASSERT_GT(d.infant.maturation_day, k.preattachment_day);
    days.push_back(d.infant.maturation_day);
  }
  std::sort(days.begin(), days.end());
  const float median = days[days.size() / 2];
  EXPECT_NEAR(median, k.maturation_day, 4.0f);
  double mean = 0;
  for (float d : days) mean += d;
  mean /= static_cast<double>(days.size());
  EXPECT_GT(mean, median) << "log-normal: the mean lies above the median";
  // Temperament spread matches its parameter.
  std::vector<double> reactivity;
  for (const DyadState& d : ds) reactivity.push_back(d.infant.reactivity);
  double m = 0, v = 0;
  for (double r : reactivity) m += r;
  m /= static_cast<double>(reactivity.size());
  for (double r : reactivity) v += (r - m) * (r - m);
  v /= static_cast<double>(reactivity.size());
  EXPECT_NEAR(m, p[Param::infant_reactivity], 0.01);
  EXPECT_NEAR(std::sqrt(v), p[Param::infant_reactivity_sd], 0.01);
}

TEST(DrawDyad, IsReproducible) {
  const ModelConstants k{Parameters{}};
  RandomStream a(3, 9, 0, Stream::Setup), b(3, 9, 0, Stream::Setup);
  EXPECT_TRUE(same_state(draw_dyad(a, k), draw_dyad(b, k)));
}

TEST(GeneralisedPrior, FromANewbornIsTheNewbornPrior) {
  const ModelConstants k{Parameters{}};
  EXPECT_TRUE(testing::same_model(generalised_prior(kNewbornPrior, k), kNewbornPrior));
}

TEST(GeneralisedPrior, CarriesOverAShareOfWhatCaregiversAreLikeInGeneral) {
  Parameters p;
  p.set("learning.generalisation", 0.6);
  const ModelConstants k(p);
  const WorkingModel general{0.9f, 0.3f, 0.7f, 0.2f, 5.0f};
  const WorkingModel prior = generalised_prior(general, k);
  EXPECT_NEAR(prior.availability, 0.6f * 0.9f + 0.4f * kNewbornPrior.availability, 1e-6);
  EXPECT_NEAR(prior.acceptance, 0.6f * 0.3f + 0.4f * kNewbornPrior.acceptance, 1e-6);
  EXPECT_NEAR(prior.predictability, 0.6f * 0.7f + 0.4f * kNewbornPrior.predictability, 1e-6);
  EXPECT_NEAR(prior.threat, 0.6f * 0.2f + 0.4f * kNewbornPrior.threat, 1e-6);
  EXPECT_EQ(prior.bond, 0.0f) << "a new figure starts without a bond";
  p.set("learning.generalisation", 0);
  EXPECT_TRUE(testing::same_model(generalised_prior(general, ModelConstants(p)), kNewbornPrior));
}

TEST(PrincipalFigure, IsTheStrongestBondAmongCaregiversInTheInfantsLife) {
  CaregiverSlots cs{};
  WorkingModels ms{};
  EXPECT_EQ(principal_figure(cs, ms), -1) << "nobody in the infant's life: no figure";
  cs[0].role = CaregiverRole::Primary;
  cs[1].role = CaregiverRole::Secondary;
  ms[0].bond = 0.5f;
  ms[1].bond = 1.5f;
  ms[2].bond = 9.0f;  // absent
  EXPECT_EQ(principal_figure(cs, ms), kSecondarySlot);
  cs[1].role = CaregiverRole::None;
  EXPECT_EQ(principal_figure(cs, ms), kPrimarySlot);
  cs[0].role = CaregiverRole::None;
  cs[2].role = CaregiverRole::Daycare;
  EXPECT_EQ(principal_figure(cs, ms), kDaycareSlot);
  // Ties go to the first slot.
  cs[0].role = CaregiverRole::Primary;
  ms[0].bond = ms[2].bond;
  EXPECT_EQ(principal_figure(cs, ms), kPrimarySlot);
}

TEST(PopulationValidate, RejectsBadSubgroups) {
  Population p;
  EXPECT_NO_THROW(p.validate());
  p.groups.push_back(Subgroup{"extra", 0.5, Parameters{}});
  EXPECT_THROW(p.validate(), ParameterError) << "shares sum to 1.5";
  p.groups[0].share = 0.5;
  EXPECT_NO_THROW(p.validate());
  p.groups[1].share = -0.1;
  p.groups[0].share = 1.1;
  EXPECT_THROW(p.validate(), ParameterError);
  p.groups[0].share = std::nan("");
  p.groups[1].share = 0.5;
  EXPECT_THROW(p.validate(), ParameterError);
  p.groups[0].share = 0.5;
  p.groups[1].parameters.set("primary.dismissing", 0.9);
  EXPECT_THROW(p.validate(), ParameterError) << "a subgroup's parameters are validated too";
  Population empty;
  empty.groups.clear();
  EXPECT_THROW(empty.validate(), ParameterError);
}

}  // namespace
}  // namespace attachsim
