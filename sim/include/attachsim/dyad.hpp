// One dyad's complete state: the infant, its caregiver slots and its working model of each.
#pragma once

#include <array>

#include "attachsim/caregiver.hpp"
#include "attachsim/infant.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim {

using CaregiverSlots = std::array<Caregiver, kCaregiverSlots>;
using WorkingModels = std::array<WorkingModel, kCaregiverSlots>;

// A copy of one dyad (for checkpoints, replay and the inspector). 256 bytes.
struct DyadState {
  Infant infant;
  CaregiverSlots caregivers;
  WorkingModels models;
  // What the infant expects of caregivers in general, learned from every
  // episode with anyone (bond unused): the starting point for a new figure.
  WorkingModel general = kNewbornPrior;
};

// The slot of the infant's principal attachment figure: the strongest bond
// among caregivers in its life; the first such slot when nobody is bonded yet.
int principal_figure(const CaregiverSlots& caregivers, const WorkingModels& models);

}  // namespace attachsim
