// The classification rule from coded reunion behaviour (Ainsworth et al. 1978; Main & Solomon
// 1990).
#include "attachsim/classification.hpp"

#include <algorithm>

namespace attachsim {

namespace {
// Episode 8 carries more weight: the second separation is the stronger stressor.
constexpr float kFirstReunionWeight = 0.4f;
constexpr float kSecondReunionWeight = 0.6f;

float combined(int first, int second) {
  return kFirstReunionWeight * static_cast<float>(first) +
         kSecondReunionWeight * static_cast<float>(second);
}
}  // namespace

const char* class_name(Class4 c) {
  switch (c) {
    case Class4::A:
      return "A";
    case Class4::B:
      return "B";
    case Class4::C:
      return "C";
    case Class4::D:
      return "D";
    case Class4::CC:
      break;
  }
  return "CC";
}

const char* class_name(Class3 c) {
  switch (c) {
    case Class3::A:
      return "A";
    case Class3::C:
      return "C";
    case Class3::B:
      break;
  }
  return "B";
}

float security_score(const Coding& c) {
  const float av = (combined(c.reunion1.av, c.reunion2.av) - 1.0f) / 6.0f;
  const float rs = (combined(c.reunion1.rs, c.reunion2.rs) - 1.0f) / 6.0f;
  const float d = static_cast<float>(c.disorganisation - 1) / 8.0f;
  const float unsoothed = std::clamp(c.unsoothed, 0.0f, 1.0f);
  return 1.0f - (av + rs + d + unsoothed) / 4.0f;
}

int formation_rating(float bond) {
  if (!(bond < 1.0f)) return kFullyFormed;
  return 1 + std::clamp(static_cast<int>(bond * 4.0f), 0, 3);
}

Classification classify(const Coding& c) {
  const float ps = combined(c.reunion1.ps, c.reunion2.ps);
  const float cm = combined(c.reunion1.cm, c.reunion2.cm);
  const float rs = combined(c.reunion1.rs, c.reunion2.rs);
  const float av = combined(c.reunion1.av, c.reunion2.av);
  const float seeking = (ps + cm) / 2.0f;
  const bool avoidant = av >= 4.5f && seeking <= 3.5f;
  const bool resistant = (rs >= 4.0f && seeking >= 3.5f) || (c.unsoothed >= 0.5f && av < 4.5f);
  Classification out;
  if (avoidant && resistant)
    out.class3 = av >= rs ? Class3::A : Class3::C;
  else if (avoidant)
    out.class3 = Class3::A;
  else if (resistant)
    out.class3 = Class3::C;
  else
    out.class3 = Class3::B;
  // Contradictory organised strategies (avoidance and resistance both marked),
  // or no organised attachment behaviour to code: cannot classify.
  const bool contradictory = avoidant && resistant;
  const bool absent = c.formation <= 1 && !c.approached;
  if (c.disorganisation >= 5)
    out.class4 = Class4::D;
  else if (contradictory || absent)
    out.class4 = Class4::CC;
  else
    out.class4 = static_cast<Class4>(static_cast<int>(out.class3));
  out.security = security_score(c);
  return out;
}

}  // namespace attachsim
