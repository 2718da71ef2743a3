// Drawing a population of dyads at birth, and new caregivers, from the parameter set.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attachsim/dyad.hpp"
#include "attachsim/model_constants.hpp"
#include "attachsim/random.hpp"

namespace attachsim {

// A part of the population with its own parameter set (e.g. 30% high-risk).
struct Subgroup {
  std::string name = "all";
  double share = 1.0;
  Parameters parameters;
};

// Most subgroups a population may have (each is a parameter set; dyads index
// them with 16 bits, and commands may copy each set).
inline constexpr std::size_t kMaxSubgroups = 16384;

// The population the engine draws dyads from; the shares must sum to 1.
struct Population {
  std::vector<Subgroup> groups{Subgroup{}};
  // Checks shares and every group's parameters; throws ParameterError.
  void validate() const;
};

// A caregiver of `role` drawn from the role's trait distributions, including
// the state of mind and the partial shift it brings to the traits.
Caregiver draw_caregiver(RandomStream& random, CaregiverRole role, const ModelConstants& k);

// A newborn dyad drawn from one parameter set: temperament, timing, care arrangement.
DyadState draw_dyad(RandomStream& random, const ModelConstants& k);

// The working model a new caregiver starts with: partly carried over from
// what the infant expects of caregivers in general, partly the newborn's prior.
WorkingModel generalised_prior(const WorkingModel& general, const ModelConstants& k);

}  // namespace attachsim
