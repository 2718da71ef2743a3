// Plain-language explanations for the inspector: why an infant has its strategy, what its class
// means, what an episode was.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attachsim/classification.hpp"
#include "attachsim/dyad.hpp"
#include "attachsim/episode.hpp"
#include "attachsim/model_constants.hpp"

namespace attachsim::viz {

// A headline ("Minimising (A-like) toward its primary caregiver") and the
// reasons, each comparing what the infant expects with the threshold that the
// parameter table sets, and naming the caregiver traits behind it.
struct StrategyExplanation {
  std::string headline;
  std::vector<std::string> reasons;
};
StrategyExplanation explain_strategy(const DyadState& dyad, const ModelConstants& k,
                                     std::uint32_t day);

// One sentence: the class and the coded behaviour that the rule read to give it
// (classification.hpp: A, C, B, D >= 5, CC for contradictory or absent organised behaviour).
std::string explain_classification(const Coding& coding, const Classification& classification);

// "signal 0.62 -> primary: prompt comfort -> arousal 0.70 -> 0.14 (soothed)".
struct EpisodeLine {
  std::string who;       // the responding caregiver, "nobody" or "another staff member"
  std::string response;  // response_name
  std::string outcome;   // soothed, partly soothed, left distressed, frightened
};
EpisodeLine describe_episode(const Episode& episode, const DyadState& dyad);

// Reunion scales combined as the classification rule combines them (0.4 x episode 5 + 0.6 x episode
// 8).
struct CombinedScales {
  float ps = 1, cm = 1, rs = 1, av = 1;
  float seeking() const { return (ps + cm) / 2.0f; }
};
CombinedScales combined_scales(const Coding& coding);

}  // namespace attachsim::viz
