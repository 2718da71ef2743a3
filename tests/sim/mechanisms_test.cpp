// The direction of each mechanism of the science brief (section 5) on whole populations run to 12
// months and assessed.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "attachsim/assessment.hpp"
#include "attachsim/statistics.hpp"
#include "test_support.hpp"

namespace attachsim {
namespace {

using testing::describe_distribution;
using testing::kTwelveMonths;
using testing::mean_security;
using testing::months_to_days;
using testing::population_config;

constexpr std::uint32_t kDyads = 4000;
constexpr std::uint64_t kSeed = 515;

struct Outcome {
  ClassDistribution classes;
  double security = 0;         // mean security score of those with a fully formed attachment
  double security_all = 0;     // mean security score of everyone assessed
  double stress = 0;           // mean slot-0 caregiver stress at the end
  double attached = 0;         // share with a discriminated attachment at the end
  double onset_day = 0;        // mean onset day among the attached
  std::vector<double> scores;  // security scores of everyone assessed (all get a class)
  double sd() const {
    double m = 0, v = 0;
    for (double x : scores) m += x;
    m /= static_cast<double>(scores.size());
    for (double x : scores) v += (x - m) * (x - m);
    return std::sqrt(v / static_cast<double>(scores.size() - 1));
  }
  std::string text() const {
    return describe_distribution(classes) + "; security " + std::to_string(security) + " (sd " +
           std::to_string(sd()) + ")" + " (all " + std::to_string(security_all) + "); stress " +
           std::to_string(stress) + "; attached " + std::to_string(attached) + "; onset " +
           std::to_string(onset_day);
  }
};

Outcome measure(const Simulation& sim) {
  Outcome o;
  const auto records = assess_population(sim, kPrimarySlot);
  o.classes = distribution(records);
  o.security = mean_security(records, true);
  o.security_all = mean_security(records, false);
  for (const auto& r : records) o.scores.push_back(r.classification.security);
  o.stress = sim.aggregates().caregiver_stress.mean;
  o.attached = static_cast<double>(sim.aggregates().attached) / sim.dyad_count();
  double onset = 0;
  std::size_t n = 0;
  for (const DyadState& d : sim.dyads())
    if (d.infant.attached()) onset += d.infant.onset_day - 1, ++n;
  o.onset_day = n ? onset / static_cast<double>(n) : 0;
  return o;
}

Outcome run(const Parameters& p, std::uint32_t days = kTwelveMonths) {
  Simulation sim(p, population_config(kSeed, kDyads));
  sim.run_days(days);
  return measure(sim);
}

Parameters with(std::initializer_list<std::pair<const char*, double>> values) {
  Parameters p;
  for (const auto& [name, value] : values) p.set(name, value);
  return p;
}

// Cohen's d of security, `better` minus `worse`: the effect in the field's terms.
double security_d(const Outcome& worse, const Outcome& better) {
  return cohens_d(worse.scores, better.scores);
}

// The smallest effect on security a mechanism must show: a small effect (d = 0.1).
constexpr double kMinimalD = 0.1;

double d_share(const Outcome& o) {
  return o.classes.share4(Class4::D);
}
double a_share(const Outcome& o) {
  return o.classes.share3(Class3::A);
}
double c_share(const Outcome& o) {
  return o.classes.share3(Class3::C);
}

TEST(MechanismSlow, MoreFrighteningBehaviourMeansMoreD) {
  const Outcome low = run(with({{"primary.frightening", 0.0}, {"primary.unresolved", 0.0}}));
  const Outcome high = run(with({{"primary.frightening", 0.03}}));
  EXPECT_GT(d_share(high), d_share(low) + 0.05)
      << "low: " << low.text() << "\nhigh: " << high.text();
  EXPECT_GT(security_d(high, low), kMinimalD) << "security falls with frightening care";
}

TEST(MechanismSlow, MoreDisruptedCommunicationMeansMoreD) {
  // Lyons-Ruth et al. (1999): withdrawal, contradictory cues and role confusion
  // (AMBIANCE) predict D beyond frightening behaviour.
  const Outcome low = run(with({{"disrupted.rate", 0.0}}));
  const Outcome high = run(with({{"disrupted.rate", 0.04}}));
  EXPECT_GT(d_share(high), d_share(low) + 0.05)
      << "low: " << low.text() << "\nhigh: " << high.text();
  EXPECT_GT(security_d(high, low), kMinimalD);
}

TEST(MechanismSlow, DepressionReachesDThroughDisruptedCommunication) {
  // Depressed throughout the first year (clinical samples; Martins & Gaffan 2000).
  const auto depressed = [](double disrupted) {
    return run(with({{"primary.depression", 1.0},
                     {"depression.duration", 36.0},
                     {"disrupted.depression", disrupted}}));
  };
  const Outcome well = run(with({{"primary.depression", 0.0}, {"primary.depression_onset", 0.0}}));
  const Outcome without = depressed(0.0);
  const Outcome with_route = depressed(0.03);
  EXPECT_GT(d_share(with_route), d_share(without) + 0.05)
      << "without: " << without.text() << "\nwith: " << with_route.text();
  EXPECT_GT(d_share(with_route), d_share(well) + 0.05) << "well: " << well.text();
}

TEST(MechanismSlow, MoreStressMeansMoreDThroughDisruptedCommunication) {
  const auto stressed = [](double disrupted) {
    return run(with({{"primary.risk", 5.0},
                     {"stress.risk_hassle_rate", 0.15},
                     {"primary.depression", 0.0},
                     {"primary.depression_onset", 0.0},
                     {"disrupted.stress", disrupted}}));
  };
  const Outcome low = stressed(0.0);
  const Outcome high = stressed(0.05);
  EXPECT_GT(d_share(high), d_share(low) + 0.03)
      << "low: " << low.text() << "\nhigh: " << high.text();
}

TEST(MechanismSlow, MoreUnresolvedStatesOfMindMeanMoreD) {
  const Outcome low = run(with({{"primary.unresolved", 0.0}}));
  const Outcome high = run(with(
      {{"primary.unresolved", 0.6}, {"primary.dismissing", 0.1}, {"primary.preoccupied", 0.05}}));
  EXPECT_GT(d_share(high), d_share(low) + 0.05)
      << "low: " << low.text() << "\nhigh: " << high.text();
}

TEST(MechanismSlow, LessConsistencyMeansMoreC) {
  const Outcome consistent = run(with({{"primary.consistency", 0.95}}));
  const Outcome inconsistent = run(with({{"primary.consistency", 0.3}}));
  EXPECT_GT(c_share(inconsistent), c_share(consistent) + 0.03)
      << "consistent: " << consistent.text() << "\ninconsistent: " << inconsistent.text();
}

TEST(MechanismSlow, MoreRejectionMeansMoreA) {
  const Outcome accepting = run(with({{"primary.rejection", 0.05}}));
  const Outcome rejecting = run(with({{"primary.rejection", 0.35}}));
  EXPECT_GT(a_share(rejecting), a_share(accepting) + 0.05)
      << "accepting: " << accepting.text() << "\nrejecting: " << rejecting.text();
}

TEST(MechanismSlow, MoreSensitivityMeansMoreSecurity) {
  const Outcome low = run(with({{"primary.sensitivity", 0.4}}));
  const Outcome high = run(with({{"primary.sensitivity", 0.8}}));
  EXPECT_GT(security_d(low, high), kMinimalD) << "low: " << low.text() << "\nhigh: " << high.text();
  EXPECT_GT(high.classes.share4(Class4::B), low.classes.share4(Class4::B));
}

TEST(MechanismSlow, InterventionAtFourMonthsRaisesSecurityAtTwelve) {
  const auto run_with = [](bool intervention) {
    Simulation sim(Parameters{}, population_config(kSeed, kDyads));
    sim.run_days(months_to_days(4));
    if (intervention) sim.command(Command{StartIntervention{kPrimarySlot, 16}, Selection::all()});
    sim.run_days(kTwelveMonths - sim.day());
    return measure(sim);
  };
  const Outcome control = run_with(false);
  const Outcome treated = run_with(true);
  EXPECT_GT(security_d(control, treated), kMinimalD)
      << "control: " << control.text() << "\ntreated: " << treated.text();
  EXPECT_GE(treated.classes.share4(Class4::B), control.classes.share4(Class4::B));
}

// A programme that trains "not frightening" (intervention.calm) lowers frightening
// behaviour and disrupted communication, so D falls; the same programme without
// that target leaves D where the frightening care put it.
TEST(MechanismSlow, NotFrighteningProgrammeLowersDisorganisation) {
  const auto run_with = [](double calm) {
    Parameters p = with({{"primary.frightening", 0.05},
                         {"primary.depression", 0.3},
                         {"primary.depression_onset", 1.5},
                         {"intervention.gain", 0.0},
                         {"intervention.acceptance", 0.0},
                         {"intervention.consistency", 0.0},
                         {"intervention.calm", calm}});
    Simulation sim(p, population_config(kSeed, kDyads));
    sim.run_days(months_to_days(4));
    sim.command(Command{StartIntervention{kPrimarySlot, 8}, Selection::all()});
    sim.run_days(kTwelveMonths - sim.day());
    return measure(sim);
  };
  const Outcome control = run_with(0.0);
  const Outcome treated = run_with(0.15);
  EXPECT_LT(treated.classes.share4(Class4::D) + 0.02, control.classes.share4(Class4::D))
      << "control: " << control.text() << "\ntreated: " << treated.text();
  EXPECT_GT(security_d(control, treated), kMinimalD)
      << "control: " << control.text() << "\ntreated: " << treated.text();
}

TEST(MechanismSlow, LessSensitivityMeansLaterOnset) {
  const Outcome low = run(with({{"primary.sensitivity", 0.3}}), months_to_days(8));
  const Outcome high = run(with({{"primary.sensitivity", 0.85}}), months_to_days(8));
  EXPECT_LT(low.attached, high.attached) << "low: " << low.text() << "\nhigh: " << high.text();
  EXPECT_GT(low.onset_day, high.onset_day + 3)
      << "low: " << low.text() << "\nhigh: " << high.text();
}

TEST(MechanismSlow, DepressionMeansLessSecurity) {
  // Depression during the first year (recurrent episodes), not only one that remits early.
  const Outcome well = run(with({{"primary.depression", 0.0}, {"primary.depression_onset", 0.0}}));
  const Outcome depressed =
      run(with({{"primary.depression", 0.3}, {"primary.depression_onset", 1.5}}));
  EXPECT_GT(security_d(depressed, well), kMinimalD)
      << "well: " << well.text() << "\ndepressed: " << depressed.text();
}

TEST(MechanismSlow, InstitutionalRearingLeavesFewFullyFormedAttachments) {
  // Yet the coder gives every child a class (Zeanah et al. 2005).
  const Outcome home = run(Parameters{});
  const Outcome institution = run(with({{"institution.share", 1.0}}));
  EXPECT_LT(institution.classes.share_fully_formed(), 0.15)
      << "home: " << home.text() << "\ninstitution: " << institution.text();
  EXPECT_GT(home.classes.share_fully_formed(), 0.8) << home.text();
  EXPECT_EQ(institution.classes.classified, kDyads) << "every child is classified";
}

TEST(MechanismSlow, NoReliableFigureMeansDisorganisation) {
  // The collapse of organised strategies in institutions (Zeanah et al. 2005;
  // Lionetti et al. 2015): most D or CC, few B.
  const Outcome home = run(Parameters{});
  const Outcome institution = run(with({{"institution.share", 1.0}}));
  EXPECT_GT(institution.classes.share_d_cc(), home.classes.share_d_cc() + 0.3)
      << "home: " << home.text() << "\ninstitution: " << institution.text();
  EXPECT_LT(institution.classes.share4(Class4::B), 0.35) << institution.text();
  const Outcome no_collapse = run(with({{"institution.share", 1.0}, {"strategy.collapse", -10.0}}));
  EXPECT_GT(institution.classes.share_d_cc(), no_collapse.classes.share_d_cc() + 0.3)
      << "without the collapse: " << no_collapse.text();
  const Outcome home_no_collapse = run(with({{"strategy.collapse", -10.0}}));
  EXPECT_NEAR(home.classes.share_d_cc(), home_no_collapse.classes.share_d_cc(), 0.02)
      << "a formed bond is not affected";
}

TEST(MechanismSlow, EarlierFosterPlacementMeansMoreSecurity) {
  // The Bucharest Early Intervention Project's design: placement into foster
  // care at different ages, everyone assessed at 42 months (Smyke et al. 2010).
  const auto placed_at = [](double months, double late_attachment = 2.0) {
    Simulation sim(
        with({{"institution.share", 1.0}, {"development.late_attachment", late_attachment}}),
        population_config(kSeed, kDyads));
    sim.run_days(months_to_days(months));
    sim.command(Command{ReplaceCaregiver{kPrimarySlot, CaregiverRole::Primary}, Selection::all()});
    sim.run_days(months_to_days(42) - sim.day());
    return measure(sim);
  };
  const Outcome early = placed_at(6);
  const Outcome late = placed_at(30);
  const auto secure_of_all = [](const Outcome& o) { return o.classes.share4(Class4::B); };
  EXPECT_GT(secure_of_all(early), secure_of_all(late) + 0.03)
      << "early: " << early.text() << "\nlate: " << late.text();
  EXPECT_GT(security_d(late, early), kMinimalD);
  EXPECT_GT(late.classes.share_d_cc(), early.classes.share_d_cc() + 0.03)
      << "late placement: more disorganised";
  // The difference comes from the sensitive period's consequence: without it,
  // the late-placed children catch up.
  const Outcome early_without = placed_at(6, 0.0);
  const Outcome late_without = placed_at(30, 0.0);
  EXPECT_GT(late.classes.share_d_cc() - early.classes.share_d_cc(),
            late_without.classes.share_d_cc() - early_without.classes.share_d_cc() + 0.03)
      << "without: early " << early_without.text() << "\nlate " << late_without.text();
}

TEST(MechanismSlow, MoreReactiveInfantsAreMoreOftenC) {
  const Outcome calm = run(with({{"infant.reactivity", 0.3}}));
  const Outcome reactive = run(with({{"infant.reactivity", 0.8}}));
  EXPECT_GT(c_share(reactive), c_share(calm) + 0.03)
      << "calm: " << calm.text() << "\nreactive: " << reactive.text();
}

TEST(MechanismSlow, CommunitySupportLowersCaregiverStress) {
  const Outcome little = run(with({{"community.support", 0.0}, {"primary.risk", 3}}));
  const Outcome much = run(with({{"community.support", 1.0}, {"primary.risk", 3}}));
  EXPECT_LT(much.stress, little.stress * 0.95)
      << "little: " << little.text() << "\nmuch: " << much.text();
}

}  // namespace
}  // namespace attachsim
