// The classification rule: reunion scales and the disorganisation rating to A, B, C, D or U.
#pragma once

#include <cstdint>

namespace attachsim {

enum class Class4 : std::uint8_t { A, B, C, D, U };
enum class Class3 : std::uint8_t { A, B, C };

const char* class_name(Class4 c);
const char* class_name(Class3 c);

// Ainsworth's interactive scales for one reunion (each 1-7).
struct ReunionScales {
  int ps = 1;  // proximity and contact seeking
  int cm = 1;  // contact maintaining
  int rs = 1;  // resistance
  int av = 1;  // avoidance
};

// What the classification reads.
struct Coding {
  ReunionScales reunion1;      // episode 5
  ReunionScales reunion2;      // episode 8 (weighted most)
  int disorganisation = 1;     // 1-9 (Main & Solomon 1990)
  float unsoothed = 0;         // distress left at the end of the second reunion (0-1)
  bool discriminated = true;   // the infant has a discriminated attachment to this caregiver
};

struct Classification {
  Class4 class4 = Class4::B;
  Class3 class3 = Class3::B;  // forced three-way: the best-fitting organised pattern
  float security = 0.5f;      // continuous security score (0-1)
};

// The rule (docs/model.md, "Classification"). Reunion scales are combined
// 0.4 x episode 5 + 0.6 x episode 8.
//   A: avoidance >= 4.5 and (PS + CM) / 2 <= 3.5 (marked avoidance, little contact seeking)
//   C: resistance >= 4 with (PS + CM) / 2 >= 3.5, or unsoothed distress >= 0.5 without
//      marked avoidance (high distress that contact does not settle)
//   both: the larger of avoidance and resistance decides;  B: otherwise
//   D: disorganisation >= 5, with the A/B/C above as its best-fitting class
//   U: no discriminated attachment to this caregiver (forced class still reported)
Classification classify(const Coding& coding);

// Continuous security (0-1): 1 minus the mean of the insecurity indices, each
// scaled to 0-1: avoidance, resistance, disorganisation and unsoothed distress.
float security_score(const Coding& coding);

}  // namespace attachsim
