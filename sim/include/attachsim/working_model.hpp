// The infant's internal working model of one caregiver and the strategy that follows from it.
#pragma once

#include "attachsim/infant.hpp"

namespace attachsim {

struct ModelConstants;

// What the infant has come to expect of one caregiver (Bowlby's internal
// working model), as running estimates updated by each caregiving episode.
// 20 bytes.
struct WorkingModel {
  float availability = 0.5f;    // expected chance that a signal brings comfort
  float acceptance = 0.8f;      // expected chance that a response accepts, not rebuffs, contact
  float predictability = 0.5f;  // how well the day's care matches what was expected
  float threat = 0.0f;          // expected chance that the caregiver's response frightens
  float bond = 0.0f;            // attachment strength; >= 1 is a discriminated attachment
};

// Bond at which a caregiver becomes a discriminated attachment figure.
inline constexpr float kDiscriminationBond = 1.0f;

// The newborn's prior: no history yet. Neutral; at the default learning rate
// most of it is gone within the first two months (~500 episodes).
inline constexpr WorkingModel kNewbornPrior{0.5f, 0.8f, 0.5f, 0.0f, 0.0f};

// Continuous pressure toward each strategy, each 0-1.
struct StrategyWeights {
  float minimising = 0;  // deactivation: bids for contact are expected to be rebuffed
  float maximising = 0;  // hyperactivation: care is expected to be unpredictable
  float conflict = 0;    // the haven is also a source of alarm
  float open() const { return (1 - minimising) * (1 - maximising); }
};

// `noise`, when given, adds to each pressure's logit (minimising, maximising,
// conflict): the infant's state on the day of an assessment.
StrategyWeights strategy_weights(const WorkingModel& model, const ModelConstants& k,
                                 float noise[3] = nullptr);

// What the daily step needs of the weights, without the exponentials it does
// not need: maximising minus minimising (how the strategy changes a signal's
// reach), and the dominant strategy. Each gives exactly what the same
// expression on strategy_weights gives (tested).
float signal_pressure(const WorkingModel& model, const ModelConstants& k);
Strategy provisional_strategy(const WorkingModel& model, const ModelConstants& k);

// Pull toward no organised strategy with a caregiver who is not reliably
// there (0-1): logistic(collapse - collapse_slope * min(1, bond) + noise). An
// infant without a formed bond to anyone, as in an institution, has no
// figure to organise its attachment behaviour around when alarmed
// (Zeanah et al. 2005; Lionetti et al. 2015). Used in the Strange Situation.
float collapse_pressure(float bond, const ModelConstants& k, float noise = 0.0f);

// How reliable care is expected to be: predictable and available (0-1).
float reliability(const WorkingModel& model);
// The dominant strategy: conflict when its pressure exceeds one half, else the largest of the rest.
Strategy dominant_strategy(const StrategyWeights& w);

// Felt security with this caregiver: expected comfort that is accepted,
// predictable and not frightening (0-1). Shown live as "security expectation".
// (Inline: the aggregates read it for every dyad every day.)
inline float security_expectation(const WorkingModel& m) {
  return m.availability * m.acceptance * (1.0f - m.threat) * (0.5f + 0.5f * m.predictability);
}

}  // namespace attachsim
