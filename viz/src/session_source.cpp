// The built-in session sources and their lesson texts.
#include "attachsim/viz/session_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "attachsim/calibration.hpp"
#include "attachsim/model_constants.hpp"
#include "attachsim/scenario/plan.hpp"

namespace attachsim::viz {

std::uint32_t day_at_months(double months) {
  return static_cast<std::uint32_t>(std::lround(std::max(0.0, months) * kDaysPerMonth));
}

std::vector<SessionSource> builtin_sources() {
  std::vector<SessionSource> out;

  SessionSource low;
  low.name = "Low-risk families (default)";
  low.origin = "built-in";
  low.summary =
      "One consistent primary caregiver, a middle-class spread of sensitivity; "
      "Strange Situation at 12 months.";
  low.lesson =
      "Normative low-risk families (brief C1-C3)\n\n"
      "Every infant has one consistent primary caregiver. Caregivers differ in sensitivity, "
      "consistency, rejection and, rarely, frightening behaviour; a few become depressed.\n\n"
      "What to watch\n"
      "- Until about 2 months every cell is 'none yet': no infant discriminates between "
      "caregivers yet (pre-attachment). Strategies spread from about 3 months; by 9 months most "
      "infants have a discriminated attachment (Schaffer & Emerson 1964; the 'attached' "
      "monitor).\n"
      "- At 12 months the Strange Situation runs on everyone. Compare its markers with the bands: "
      "Ainsworth found about two thirds secure (B), a fifth avoidant (A), an eighth resistant (C), "
      "and later studies about 15% disorganised (D).\n"
      "- The scatter shows caregiver sensitivity against security: a real but modest link "
      "(r about .24, De Wolff & van IJzendoorn 1997). Sensitive care makes security likely, not "
      "certain. Arrange the population by sensitivity (O): A, C and D crowd the top rows (the "
      "least sensitive caregivers), B fills the bottom, with exceptions everywhere.\n\n"
      "Questions to ask\n"
      "1. Click an A (minimising) infant. What has it learned to expect when it asks for "
      "closeness?\n"
      "2. Lower primary.rejection while the run plays. Which share changes, and how fast? Why "
      "do older infants change more slowly (sensitive period)?\n"
      "3. Use Compare with primary.sensitivity raised by 0.1: same babies, same random draws. "
      "How many infants become secure, and why not all?";
  low.population = low_risk_population();
  out.push_back(low);

  SessionSource world;
  world.name = "Mixed-risk world (Madigan et al. 2023)";
  world.origin = "built-in";
  world.summary =
      "55% low-risk, 37% under cumulative socio-economic risk and depression, 8% "
      "maltreating; Strange Situation at 12 months.";
  world.lesson =
      "The mixed-risk world (brief C4)\n\n"
      "A population like the 285 studies pooled by Madigan et al. (2023): 55% low-risk families, "
      "37% with cumulative socio-economic risk (more stress, more postnatal depression, somewhat "
      "lower sensitivity, more unresolved loss) and 8% with maltreating, frightening care.\n\n"
      "What to watch\n"
      "- Colour by caregiver stress: stressed neighbourhoods cluster, because neighbours' stress "
      "spreads and their calm supports recovery (community grid).\n"
      "- Disorganisation (D, conflict) is far more common than in low-risk families: about a "
      "quarter. Click a D infant: its caregiver is the source of alarm and the haven at once. "
      "Arrange by subgroup (O) to see the three risk groups side by side.\n"
      "- The bands are the C4 ranges: B about 52%, A 15%, C 10%, D 24%.\n\n"
      "Questions to ask\n"
      "1. In the event panel, start a sensitivity intervention for everyone at 6 months. Which "
      "class shrinks most? Does a sensitivity intervention reach fright?\n"
      "2. Set stress.risk_hassle_rate to 0. What does poverty do through caregiver stress alone?";
  world.population = world_population();
  world.references = ReferenceSet::World;
  out.push_back(world);
  return out;
}

SessionSource scenario_source(const scenario::Scenario& file, std::size_t point) {
  scenario::Scenario s = file;
  SessionSource out;
  out.name = s.meta.name.empty() ? std::filesystem::path(s.path).stem().string() : s.meta.name;
  out.origin = s.path.empty() ? "scenario text" : s.path;
  out.summary = s.meta.summary;
  out.lesson = s.meta.lesson.empty() ? s.meta.summary : s.meta.lesson;
  if (s.sweep.present) {
    // The viewer shows one point at a time (the picker switches between them, on
    // the same seed: the same babies); the command line runs the whole sweep.
    const auto points = scenario::sweep_points(s);
    for (const scenario::Point& p : points) {
      std::string label;
      for (std::size_t i = 0; i < s.sweep.axes.size() && i < p.values.size(); ++i) {
        char value[96];
        std::snprintf(value, sizeof value, "%s%s = %g", i ? ", " : "", s.sweep.axes[i].name.c_str(),
                      p.values[i]);
        label += value;
      }
      out.sweep_points.push_back(label);
    }
    if (!points.empty()) {
      out.sweep_point = std::min(point, points.size() - 1);
      s = scenario::at_point(s, points[out.sweep_point]);
      out.lesson += "\n\n(This scenario is a sweep of " + std::to_string(points.size()) +
                    " points; shown: " + out.sweep_points[out.sweep_point] +
                    ". Choose another point under the picker; attachsim sweep runs them all.)";
    }
    out.file = std::make_shared<const scenario::Scenario>(file);
  }
  out.dyads = s.run.dyads;
  out.seed = s.run.seed;
  out.end_day = s.run.days;
  out.assessment_days.clear();
  out.assessment_slot = kPrimarySlot;
  bool first_assessment = true;
  for (const scenario::EventSpec& e : s.timeline())
    if (e.kind == scenario::EventKind::Assessment) {
      out.assessment_days.insert(out.assessment_days.end(), e.days.begin(), e.days.end());
      if (first_assessment) out.assessment_slot = e.slot;
      first_assessment = false;
    }
  std::sort(out.assessment_days.begin(), out.assessment_days.end());
  // The world population is the one the C4 ranges are about; every other
  // scenario is shown against the normative low-risk ranges C1 and C2.
  const std::string stem = std::filesystem::path(s.path).stem().string();
  out.references = stem == "world" ? ReferenceSet::World : ReferenceSet::LowRisk;
  if (s.variant.present) out.variant_name = s.variant.name;
  // Built once here so a combination the engine refuses is reported on loading.
  out.population = scenario::build_population(s).population;
  out.scenario = std::make_shared<const scenario::Scenario>(std::move(s));
  return out;
}

SessionSource scenario_source(const std::filesystem::path& path) {
  return scenario_source(scenario::load_scenario(path.string()), 0);
}

std::vector<std::filesystem::path> bundled_scenarios(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace attachsim::viz
