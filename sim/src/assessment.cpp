// Population-wide Strange Situation assessments and their class distribution.
#include "attachsim/assessment.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>

#include "attachsim/statistics.hpp"

namespace attachsim {

std::vector<AssessmentRecord> assess_population(const Simulation& sim, int slot,
                                                std::uint32_t assessment) {
  const std::uint32_t n = sim.dyad_count();
  std::vector<AssessmentRecord> all(n);
  std::vector<char> has(n, 0);
  tbb::parallel_for(std::uint32_t{0}, n, [&](std::uint32_t id) {
    const DyadState& d = sim.dyad(id);
    const Caregiver& c = d.caregivers[static_cast<std::size_t>(slot)];
    if (!c.present_in_life()) return;
    const ModelConstants& k = sim.constants_of(id);
    AssessmentRecord& r = all[id];
    r.dyad = id;
    r.day = sim.day();
    r.slot = slot;
    r.role = c.role;
    r.generation = c.generation;
    r.sensitivity = c.sensitivity;
    r.reactivity = d.infant.reactivity;
    const SspResult ssp =
        run_strange_situation(d, slot, k, sim.seed(), id, sim.day(), assessment, false);
    r.coding = ssp.coding;
    r.classification = ssp.classification;
    r.readout = adult_readout(d.models[static_cast<std::size_t>(slot)], k);
    has[id] = 1;
  });
  // Usually every infant has a caregiver in the slot: no second copy.
  if (std::find(has.begin(), has.end(), 0) == has.end()) return all;
  std::vector<AssessmentRecord> out;
  out.reserve(n);
  for (std::uint32_t id = 0; id < n; ++id)
    if (has[id]) out.push_back(all[id]);
  return out;
}

double ClassDistribution::share4(Class4 c) const {
  return classified ? static_cast<double>(class4[static_cast<int>(c)]) / classified : 0.0;
}

double ClassDistribution::share_d_cc() const {
  return share4(Class4::D) + share4(Class4::CC);
}

double ClassDistribution::share_fully_formed() const {
  return classified ? static_cast<double>(fully_formed) / classified : 0.0;
}

double ClassDistribution::share3(Class3 c) const {
  return classified ? static_cast<double>(class3[static_cast<int>(c)]) / classified : 0.0;
}

ClassDistribution distribution(const std::vector<AssessmentRecord>& records) {
  ClassDistribution d;
  for (const auto& r : records) {
    ++d.class4[static_cast<int>(r.classification.class4)];
    ++d.classified;
    if (r.coding.formation >= kFullyFormed) ++d.fully_formed;
    ++d.class3[static_cast<int>(r.classification.class3)];
  }
  return d;
}

SensitivityLinks sensitivity_links(const std::vector<AssessmentRecord>& records) {
  std::vector<double> s, sec, av, rs, dis;
  for (const auto& r : records) {
    s.push_back(r.sensitivity);
    sec.push_back(r.classification.security);
    av.push_back(0.4 * r.coding.reunion1.av + 0.6 * r.coding.reunion2.av);
    rs.push_back(0.4 * r.coding.reunion1.rs + 0.6 * r.coding.reunion2.rs);
    dis.push_back(r.coding.disorganisation);
  }
  return {pearson_r(s, sec), pearson_r(s, av), pearson_r(s, rs), pearson_r(s, dis)};
}

}  // namespace attachsim
