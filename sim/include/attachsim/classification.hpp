// The classification rule: reunion scales and the disorganisation rating to A, B, C, D or CC,
// and the separate rating of attachment formation (1-5).
#pragma once

#include <cstdint>

namespace attachsim {

// CC: cannot classify (Main & Weston 1981; Main & Solomon 1990): contradictory
// organised strategies, or no organised attachment behaviour at all. The
// literature reports it together with D (D + CC; Lionetti et al. 2015).
enum class Class4 : std::uint8_t { A, B, C, D, CC };
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
  ReunionScales reunion1;   // episode 5
  ReunionScales reunion2;   // episode 8 (weighted most)
  int disorganisation = 1;  // 1-9 (Main & Solomon 1990)
  float unsoothed = 0;      // distress left at the end of the second reunion (0-1)
  int formation = 5;        // attachment formation with this caregiver, 1-5 (Zeanah et al. 2005)
  bool approached = true;   // approached the caregiver in at least one reunion
};

// Zeanah et al.'s (2005) rating of attachment formation: 1 no attachment
// behaviour, 2 attachment behaviour that is unselective or fragmentary, 3 some
// preference, incompletely formed, 4 formed but not fully, 5 fully formed
// (a discriminated attachment). The virtual coder reads it from the bond to the
// caregiver: 1 below a quarter of a discriminated bond, then a step per quarter;
// 5 at a discriminated bond (>= 1).
int formation_rating(float bond);
inline constexpr int kFullyFormed = 5;

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
//   CC (cannot classify), when not D: the avoidant and the resistant criteria
//      both met (contradictory strategies, Main & Weston 1981), or no organised
//      attachment behaviour (formation 1 and no approach in either reunion)
// Every infant gets a class; formation is rated separately and does not gate it.
Classification classify(const Coding& coding);

// Continuous security (0-1): 1 minus the mean of the insecurity indices, each
// scaled to 0-1: avoidance, resistance, disorganisation and unsoothed distress.
float security_score(const Coding& coding);

}  // namespace attachsim
