// The adult-style readout of a working model: anxiety, avoidance and Bartholomew's four styles.
#pragma once

#include <cstdint>

#include "attachsim/model_constants.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim {

enum class AdultStyle : std::uint8_t { Secure, Preoccupied, Dismissing, Fearful };
const char* style_name(AdultStyle s);

struct AdultReadout {
  float anxiety = 0;    // negative model of self: care cannot be counted on (0-1)
  float avoidance = 0;  // negative model of others: closeness is rebuffed (0-1)
  AdultStyle style = AdultStyle::Secure;
};

// Anxiety = 1 - reliability (predictability and availability), avoidance = 1 - acceptance (Brennan, Clark &
// Shaver 1998 dimensions mapped onto the working model). A dimension is high
// beyond the same threshold the infant's strategy uses; the two give the four
// styles of Bartholomew & Horowitz (1991).
AdultReadout adult_readout(const WorkingModel& model, const ModelConstants& k);

}  // namespace attachsim
