// Sampled per-dyad history: record, thin when full, read back one dyad.
#include "attachsim/viz/population_history.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "attachsim/dyad.hpp"
#include "attachsim/working_model.hpp"

namespace attachsim::viz {

namespace {

// Slow arousal is shown up to this value (the colour scale's top, with room).
constexpr float kStressScale = 4.0f;

std::uint8_t quantise(float unit) {
  if (!std::isfinite(unit)) return 0;
  return static_cast<std::uint8_t>(std::lround(std::clamp(unit, 0.0f, 1.0f) * 255.0f));
}
float unquantise(std::uint8_t q) {
  return static_cast<float>(q) / 255.0f;
}

}  // namespace

PopulationHistory::PopulationHistory(std::uint32_t dyads, std::uint32_t capacity,
                                     std::uint32_t first_interval)
    : dyads_(dyads), capacity_(std::max(capacity, 4u)), interval_(std::max(first_interval, 1u)) {
  days_.reserve(capacity_);
  data_.reserve(static_cast<std::size_t>(capacity_) * dyads_);
}

std::uint32_t PopulationHistory::capacity_for(std::uint32_t dyads, std::size_t budget_bytes) {
  const std::size_t per_sample = sizeof(Packed) * std::max<std::size_t>(dyads, 1);
  return static_cast<std::uint32_t>(std::clamp<std::size_t>(budget_bytes / per_sample, 8, 128));
}

void PopulationHistory::record_if_due(const Simulation& sim) {
  if (sim.day() % interval_ == 0 && (days_.empty() || days_.back() != sim.day())) record(sim);
}

void PopulationHistory::record(const Simulation& sim) {
  if (sim.dyad_count() != dyads_ || dyads_ == 0) return;
  if (!days_.empty() && days_.back() == sim.day()) return;
  if (days_.size() == capacity_) thin();
  const std::size_t base = data_.size();
  data_.resize(base + dyads_);
  const auto dyads = sim.dyads();
  const std::uint32_t day = sim.day();
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, dyads_, 2048),
                    [&](const tbb::blocked_range<std::uint32_t>& range) {
                      for (std::uint32_t id = range.begin(); id != range.end(); ++id) {
                        const DyadState& d = dyads[id];
                        const WorkingModel& m = principal_model(d, day);
                        const Caregiver& first = d.caregivers[kPrimarySlot];
                        data_[base + id] =
                            Packed{quantise(m.availability),
                                   quantise(m.acceptance),
                                   quantise(m.predictability),
                                   quantise(std::sqrt(std::max(m.threat, 0.0f))),
                                   quantise(security_expectation(m)),
                                   quantise(d.infant.slow_arousal / kStressScale),
                                   quantise(first.present_in_life() ? first.stress : 0.0f),
                                   0};
                      }
                    });
  days_.push_back(day);
}

void PopulationHistory::thin() {
  // Keep samples 0, 2, 4, ...: the interval doubles and the first day stays.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < days_.size(); i += 2, ++kept) {
    days_[kept] = days_[i];
    std::copy_n(data_.begin() + static_cast<std::ptrdiff_t>(i * dyads_), dyads_,
                data_.begin() + static_cast<std::ptrdiff_t>(kept * dyads_));
  }
  days_.resize(kept);
  data_.resize(kept * dyads_);
  interval_ *= 2;
}

std::vector<HistoryPoint> PopulationHistory::of(std::uint32_t dyad) const {
  std::vector<HistoryPoint> out;
  if (dyad >= dyads_) return out;
  out.reserve(days_.size());
  for (std::size_t i = 0; i < days_.size(); ++i) {
    const Packed& p = data_[i * dyads_ + dyad];
    const float threat_root = unquantise(p.threat);
    out.push_back(HistoryPoint{days_[i], unquantise(p.availability), unquantise(p.acceptance),
                               unquantise(p.predictability), threat_root * threat_root,
                               unquantise(p.security), unquantise(p.infant_stress) * kStressScale,
                               unquantise(p.caregiver_stress)});
  }
  return out;
}

}  // namespace attachsim::viz
