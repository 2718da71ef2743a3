// An infant: temperament, developmental timing, and its arousal and provisional strategy.
#pragma once

#include <cstdint>

namespace attachsim {

// The provisional strategy an infant shows toward its principal attachment figure.
// None: no discriminated attachment figure yet (pre-attachment, or no consistent figure).
enum class Strategy : std::uint8_t { Open, Minimising, Maximising, Conflict, None };
inline constexpr int kStrategyCount = 5;

const char* strategy_name(Strategy s);

// 28 bytes.
struct Infant {
  float reactivity = 0.5f;     // temperament: negative reactivity (0-1)
  float soothability = 0.5f;   // temperament: share of arousal comfort removes (0-1)
  float maturation_day = 210;  // age (days) at which discrimination capacity is complete
  float slow_arousal = 0;      // cortisol-like load from unsoothed distress (>= 0, typically 0.3-2)
  float stress_set_point = 0;  // stress-system calibration from early care; changes slowly (>= 0)
  std::uint16_t onset_day = 0;   // 1 + day a discriminated attachment first appeared; 0 = not yet
  std::uint16_t constants = 0;   // index of the parameter set this dyad lives under
  Strategy strategy = Strategy::None;
  std::uint16_t group = 0;       // population subgroup it was drawn from (for output)

  bool attached() const { return onset_day != 0; }
};

}  // namespace attachsim
