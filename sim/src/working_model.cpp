// Strategy pressures and felt security computed from a working model.
#include "attachsim/working_model.hpp"

#include <cmath>

#include "attachsim/model_constants.hpp"
#include "attachsim/portable_exp.hpp"

namespace attachsim {

namespace {
// With portable_exp, so the strategies come out the same on every machine.
float logistic(float x) {
  return 1.0f / (1.0f + portable_exp(-x));
}
}  // namespace

float collapse_pressure(float bond, const ModelConstants& k, float noise) {
  const float formed = bond < 1.0f ? (bond > 0.0f ? bond : 0.0f) : 1.0f;
  return logistic(k.collapse - k.collapse_slope * formed + noise);
}

float reliability(const WorkingModel& m) {
  return 0.5f * (m.predictability + m.availability);
}

StrategyWeights strategy_weights(const WorkingModel& m, const ModelConstants& k, float noise[3]) {
  StrategyWeights w;
  // Bids for contact that are rebuffed teach the infant to deactivate (Ainsworth; Main 1990).
  w.minimising = logistic((k.minimising_threshold - m.acceptance) / k.strategy_width +
                          (noise ? noise[0] : 0.0f));
  // Care that is unreliable, unpredictable or seldom there, while not rebuffing,
  // rewards keeping signals up (hyperactivation; Ainsworth's C mothers were
  // inconsistent and unresponsive rather than rejecting). A minimising infant
  // has already given up signalling, so minimising takes precedence.
  w.maximising = logistic((k.maximising_threshold - reliability(m)) / k.strategy_width +
                          (noise ? noise[1] : 0.0f)) *
                 (1.0f - w.minimising);
  // Fright from the haven leaves no organised solution (Main & Hesse 1990).
  w.conflict =
      logistic((m.threat - k.conflict_threshold) / k.conflict_width + (noise ? noise[2] : 0.0f));
  return w;
}

float signal_pressure(const WorkingModel& m, const ModelConstants& k) {
  const float minimising = logistic((k.minimising_threshold - m.acceptance) / k.strategy_width);
  const float maximising =
      logistic((k.maximising_threshold - reliability(m)) / k.strategy_width) * (1.0f - minimising);
  return maximising - minimising;
}

Strategy provisional_strategy(const WorkingModel& m, const ModelConstants& k) {
  // Conflict wins when its pressure exceeds one half, i.e. when exp(-x) < 1:
  // always for x clearly above 0, never for x <= 0; only a sliver near 0
  // needs the exponential to decide exactly as strategy_weights would.
  const float x = (m.threat - k.conflict_threshold) / k.conflict_width;
  if (x > 1e-3f || (x > 0.0f && logistic(x) > 0.5f)) return Strategy::Conflict;
  StrategyWeights w;
  w.minimising = logistic((k.minimising_threshold - m.acceptance) / k.strategy_width);
  w.maximising = logistic((k.maximising_threshold - reliability(m)) / k.strategy_width) *
                 (1.0f - w.minimising);
  w.conflict = 0.0f;
  return dominant_strategy(w);
}

Strategy dominant_strategy(const StrategyWeights& w) {
  if (w.conflict > 0.5f) return Strategy::Conflict;
  const float open = w.open();
  if (open >= w.minimising && open >= w.maximising) return Strategy::Open;
  return w.minimising >= w.maximising ? Strategy::Minimising : Strategy::Maximising;
}

}  // namespace attachsim
