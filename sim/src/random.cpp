// Transforms from uniform draws that do not depend on the standard library's implementation.
#include "attachsim/random.hpp"

#include <cmath>

namespace attachsim {

float RandomStream::normal() noexcept {
  const float u1 = uniform_open();
  const float u2 = uniform();
  return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.2831853f * u2);
}

}  // namespace attachsim
