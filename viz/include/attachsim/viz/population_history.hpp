// Every dyad's working model and stress sampled over age, so the inspector can show any baby's
// history.
#pragma once

#include <cstdint>
#include <vector>

#include "attachsim/simulation.hpp"

namespace attachsim::viz {

// One dyad at one sampled day, as shown in the inspector's charts.
struct HistoryPoint {
  std::uint32_t day = 0;
  float availability = 0, acceptance = 0, predictability = 0,
        threat = 0;            // principal figure's model
  float security = 0;          // security expectation with the principal figure
  float infant_stress = 0;     // slow arousal
  float caregiver_stress = 0;  // slot 0
};

// Sampled every `interval` days into a fixed number of slots; when full, every
// other sample is dropped and the interval doubles, so the whole life stays
// covered in bounded memory (8 bytes per dyad and sample, quantised to 1/255;
// threat on a square-root scale because it matters near 0.05).
class PopulationHistory {
 public:
  PopulationHistory() = default;
  // capacity: samples kept per dyad (>= 4); first_interval: days between samples at the start.
  PopulationHistory(std::uint32_t dyads, std::uint32_t capacity, std::uint32_t first_interval);

  // Samples for a population of this size within a memory budget (bytes).
  static std::uint32_t capacity_for(std::uint32_t dyads, std::size_t budget_bytes);

  // Records the population if `sim.day()` is due (a multiple of the interval).
  void record_if_due(const Simulation& sim);
  // Records unconditionally (the last sample may then fall between intervals).
  void record(const Simulation& sim);

  std::vector<HistoryPoint> of(std::uint32_t dyad) const;
  std::uint32_t interval() const { return interval_; }
  std::size_t samples() const { return days_.size(); }

 private:
  struct Packed {
    std::uint8_t availability, acceptance, predictability, threat, security, infant_stress,
        caregiver_stress, spare;
  };
  void thin();

  std::uint32_t dyads_ = 0;
  std::uint32_t capacity_ = 0;
  std::uint32_t interval_ = 1;
  std::vector<std::uint32_t> days_;
  std::vector<Packed> data_;  // [sample][dyad]
};

}  // namespace attachsim::viz
