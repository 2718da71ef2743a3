// One dyad's complete state: the infant, its caregiver slots and its working model of each.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "attachsim/caregiver.hpp"
#include "attachsim/infant.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim {

using CaregiverSlots = std::array<Caregiver, kCaregiverSlots>;
using WorkingModels = std::array<WorkingModel, kCaregiverSlots>;

// A copy of one dyad (for checkpoints, replay and the inspector). 252 bytes;
// with the community's one float of yesterday's stress, 256 bytes per dyad.
struct DyadState {
  Infant infant;
  CaregiverSlots caregivers;
  WorkingModels models;
  // What the infant expects of caregivers in general, learned from every
  // episode with anyone (bond unused): the starting point for a new figure.
  WorkingModel general = kNewbornPrior;
};

// Any day: every caregiver counts as started.
inline constexpr std::uint32_t kAnyDay = 0xFFFFFFFFu;

// The slot of the infant's principal attachment figure on `day`: the strongest
// bond among caregivers in its life (started, not lost); the first such slot
// when nobody is bonded yet; -1 when no caregiver is in the infant's life.
// (Inline: the daily step and the aggregates call it for every dyad every day.)
inline int principal_figure(const CaregiverSlots& caregivers, const WorkingModels& models,
                            std::uint32_t day = kAnyDay) {
  int best = -1;
  float best_bond = -1;
  for (int j = 0; j < kCaregiverSlots; ++j) {
    if (!caregivers[static_cast<std::size_t>(j)].in_life_on(day)) continue;
    if (models[static_cast<std::size_t>(j)].bond > best_bond) {
      best_bond = models[static_cast<std::size_t>(j)].bond;
      best = j;
    }
  }
  return best;
}

// The working model of the principal figure, or the general model when there is none.
inline const WorkingModel& principal_model(const DyadState& dyad, std::uint32_t day) {
  const int figure = principal_figure(dyad.caregivers, dyad.models, day);
  return figure < 0 ? dyad.general : dyad.models[static_cast<std::size_t>(figure)];
}

// True when the infant has a discriminated attachment to a caregiver in its life on `day`.
inline bool has_attachment_figure(const DyadState& dyad, std::uint32_t day) {
  const int figure = principal_figure(dyad.caregivers, dyad.models, day);
  return figure >= 0 && dyad.models[static_cast<std::size_t>(figure)].bond >= kDiscriminationBond;
}

// The secure-base balance (0-1): the share of its time the infant spends
// exploring rather than keeping close. Felt security with the principal figure
// frees it to explore; slow arousal pulls it back. Derived, not stored.
float exploration(const DyadState& dyad, std::uint32_t day);
// The same from felt security and slow arousal.
inline float exploration(float felt_security, float slow_arousal) {
  return std::clamp(felt_security * (1.0f - std::min(1.0f, slow_arousal)), 0.0f, 1.0f);
}

}  // namespace attachsim
