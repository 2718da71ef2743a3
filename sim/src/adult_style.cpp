// Adult-style readout from a working model.
#include "attachsim/adult_style.hpp"

#include <algorithm>

namespace attachsim {

const char* style_name(AdultStyle s) {
  switch (s) {
    case AdultStyle::Preoccupied: return "preoccupied";
    case AdultStyle::Dismissing: return "dismissing";
    case AdultStyle::Fearful: return "fearful";
    case AdultStyle::Secure: break;
  }
  return "secure";
}

AdultReadout adult_readout(const WorkingModel& model, const ModelConstants& k) {
  AdultReadout r;
  r.anxiety = std::clamp(1.0f - reliability(model), 0.0f, 1.0f);
  r.avoidance = std::clamp(1.0f - model.acceptance, 0.0f, 1.0f);
  const bool anxious = r.anxiety > 1.0f - k.maximising_threshold;
  const bool avoidant = r.avoidance > 1.0f - k.minimising_threshold;
  r.style = anxious ? (avoidant ? AdultStyle::Fearful : AdultStyle::Preoccupied)
                    : (avoidant ? AdultStyle::Dismissing : AdultStyle::Secure);
  return r;
}

}  // namespace attachsim
