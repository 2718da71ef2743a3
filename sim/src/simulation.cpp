// The engine: setup, the parallel daily step, commands between steps, aggregates and replay.
#include "attachsim/simulation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "attachsim/dyad_step.hpp"
#include "attachsim/random.hpp"

namespace attachsim {

namespace {

// Role trait rows that describe an individual caregiver, by offset within the
// role's block of the table, and the caregiver field each one shifts.
struct TraitRow {
  std::size_t offset;
  float Caregiver::*field;
  float lo, hi;
};
constexpr TraitRow kTraitRows[] = {
    {role_offset(Param::primary_sensitivity), &Caregiver::sensitivity, 0, 1},
    {role_offset(Param::primary_consistency), &Caregiver::consistency, 0, 1},
    {role_offset(Param::primary_rejection), &Caregiver::rejection, 0, 1},
    {role_offset(Param::primary_frightening), &Caregiver::frightening, 0, 0.5f},
    {role_offset(Param::primary_risk), &Caregiver::risk, 0, 10},
};

struct RoleTrait {
  CaregiverRole role;
  const TraitRow* row;
};

std::optional<RoleTrait> role_trait(Param p) {
  const std::pair<Param, CaregiverRole> blocks[] = {
      {Param::primary_sensitivity, CaregiverRole::Primary},
      {Param::secondary_sensitivity, CaregiverRole::Secondary},
      {Param::daycare_sensitivity, CaregiverRole::Daycare},
      {Param::institution_sensitivity, CaregiverRole::Institution},
  };
  const auto index = static_cast<std::size_t>(p);
  for (const auto& [first, role] : blocks) {
    const auto start = static_cast<std::size_t>(first);
    if (index < start || index >= start + kRoleBlockSize) continue;
    for (const TraitRow& row : kTraitRows)
      if (row.offset == index - start) return RoleTrait{role, &row};
  }
  return std::nullopt;
}

// Per-caregiver values that are set (not shifted) from a role row.
void set_role_value(Param p, const ModelConstants& k, Caregiver& c) {
  const RoleConstants& r = k.role(c.role);
  const std::string_view name = info(p).name;
  if (name.ends_with(".hours") || name == "infant.waking_hours")
    c.presence = std::clamp(r.hours / k.waking_hours, 0.0f, 1.0f);
  if (name.ends_with(".children")) c.load = std::max(1.0f, r.children);
  if (name.ends_with(".depression_onset")) c.depression_onset = r.depression_onset / 365.25f;
}

struct Hasher {
  std::uint64_t h = 1469598103934665603ull;
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  }
  template <class T>
  void value(T v) {
    bytes(&v, sizeof v);
  }
};

}  // namespace

Simulation::Simulation(const Parameters& parameters, const SimulationConfig& config)
    : Simulation(Population{{Subgroup{"all", 1.0, parameters}}}, config) {}

Simulation::Simulation(const Population& population, const SimulationConfig& config)
    : config_(config), population_(population) {
  population_.validate();
  if (config.dyads < 1 || config.dyads > kMaxDyads)
    throw ParameterError("dyads: " + std::to_string(config.dyads) +
                         " is out of range; allowed: 1 to " + std::to_string(kMaxDyads));
  if (config.grain < 1) config_.grain = 1;
  for (const Subgroup& g : population_.groups)
    constants_.push_back(std::make_shared<const ModelConstants>(g.parameters));

  dyads_.resize(config.dyads);
  const std::size_t group_count = population_.groups.size();
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, config.dyads, config_.grain),
                    [&](const tbb::blocked_range<std::uint32_t>& range) {
                      for (std::uint32_t id = range.begin(); id != range.end(); ++id) {
                        std::size_t group = 0;
                        if (group_count > 1) {
                          RandomStream pick(config_.seed, id, 0, Stream::Subgroup);
                          const double u = pick.uniform();
                          double cumulative = 0;
                          for (group = 0; group + 1 < group_count; ++group) {
                            cumulative += population_.groups[group].share;
                            if (u < cumulative) break;
                          }
                        }
                        RandomStream random(config_.seed, id, 0, Stream::Setup);
                        dyads_[id] = draw_dyad(random, *constants_[group]);
                        dyads_[id].infant.group = static_cast<std::uint16_t>(group);
                        dyads_[id].infant.constants = static_cast<std::uint16_t>(group);
                      }
                    });
  grid_width_ = static_cast<std::uint32_t>(std::ceil(std::sqrt(static_cast<double>(config.dyads))));
  yesterday_stress_.resize(config.dyads);
  today_stress_.resize(config.dyads);
  day_sums_.resize(chunk_count());
  if (config_.history_days > 0) {
    ring_days_ = 2 * config_.history_days;
    input_ring_.assign(static_cast<std::size_t>(ring_days_) * config.dyads, 0.0f);
  }
  end_day_pass(0, 0);
}

const ModelConstants& Simulation::constants_of(std::uint32_t id) const {
  return *constants_.at(dyads_.at(id).infant.constants);
}

const Parameters& Simulation::parameters() const {
  return population_.groups.front().parameters;
}

std::vector<std::uint32_t> Simulation::neighbours(std::uint32_t id) const {
  const std::uint32_t n = dyad_count();
  if (!constants_of(id).community || n < 2) return {};
  const auto [left, right, up, down] = grid_neighbours(id);
  return {left, right, up, down};
}

std::array<std::uint32_t, 4> Simulation::grid_neighbours(std::uint32_t id) const {
  // A grid of width ceil(sqrt(n)) laid out row by row and wrapped at the ends:
  // left, right, up, down (no divisions: this runs for every dyad every day).
  const std::uint32_t n = dyad_count();
  const std::uint32_t w = grid_width_ < n ? grid_width_ : grid_width_ % n;
  return {id == 0 ? n - 1 : id - 1, id + 1 == n ? 0 : id + 1, id >= w ? id - w : id + n - w,
          id + w < n ? id + w : id + w - n};
}

float Simulation::neighbour_stress(std::uint32_t id) const {
  if (dyad_count() < 2) return yesterday_stress_[id];
  const auto [left, right, up, down] = grid_neighbours(id);
  return 0.25f * (yesterday_stress_[left] + yesterday_stress_[right] + yesterday_stress_[up] +
                  yesterday_stress_[down]);
}

void Simulation::command(Command c) {
  validate(c, dyad_count());
  if (const auto* set = std::get_if<SetParameter>(&c.action)) {
    // The change must leave every parameter set valid (e.g. state-of-mind shares).
    for (const auto& k : constants_) {
      Parameters trial = k->parameters;
      trial.set(set->parameter, set->value);
      trial.validate();
    }
  }
  if (c.selection.kind == Selection::Kind::Dyads) {
    std::sort(c.selection.dyads.begin(), c.selection.dyads.end());
    c.selection.dyads.erase(std::unique(c.selection.dyads.begin(), c.selection.dyads.end()),
                            c.selection.dyads.end());
  }
  pending_.push_back(std::move(c));
}

std::uint32_t Simulation::random_key(std::size_t log_index) const {
  const std::uint32_t key = log_[log_index].command.key;
  return key != kKeyFromLog ? key : static_cast<std::uint32_t>(log_index);
}

bool Simulation::selected(const Selection& s, std::size_t log_index, std::uint32_t id,
                          std::uint32_t on_day) const {
  switch (s.kind) {
    case Selection::Kind::All:
      return true;
    case Selection::Kind::Dyads:
      return std::binary_search(s.dyads.begin(), s.dyads.end(), id);
    case Selection::Kind::Share: {
      RandomStream r(config_.seed, id, on_day, Stream::Command, 2 * random_key(log_index));
      return r.uniform() < s.share;
    }
  }
  return false;
}

void Simulation::apply_to_dyad(const Command& c, std::size_t log_index, std::uint32_t id,
                               DyadState& d, std::uint32_t on_day) const {
  if (!selected(c.selection, log_index, id, on_day)) return;
  RandomStream random(config_.seed, id, on_day, Stream::Command, 2 * random_key(log_index) + 1);
  if (const auto* a = std::get_if<SetParameter>(&c.action)) {
    const ModelConstants& before = *constants_[d.infant.constants];
    const std::uint16_t next = log_[log_index].remap.at(d.infant.constants);
    const ModelConstants& after = *constants_[next];
    d.infant.constants = next;
    if (auto trait = role_trait(a->parameter)) {
      const float shift =
          static_cast<float>(after.parameters[a->parameter] - before.parameters[a->parameter]);
      for (Caregiver& cg : d.caregivers)
        if (cg.role == trait->role)
          cg.*(trait->row->field) =
              std::clamp(cg.*(trait->row->field) + shift, trait->row->lo, trait->row->hi);
    } else {
      for (Caregiver& cg : d.caregivers)
        if (cg.present_in_life()) set_role_value(a->parameter, after, cg);
    }
  } else if (const auto* r = std::get_if<ReplaceCaregiver>(&c.action)) {
    const auto slot = static_cast<std::size_t>(r->slot);
    const ModelConstants& k = *constants_[d.infant.constants];
    const auto generation = d.caregivers[slot].generation;
    d.caregivers[slot] = draw_caregiver(random, r->role, k);
    d.caregivers[slot].generation = static_cast<std::uint8_t>(std::min(generation + 1, 255));
    d.models[slot] = generalised_prior(d.general, k);
  } else if (const auto* rm = std::get_if<RemoveCaregiver>(&c.action)) {
    d.caregivers[static_cast<std::size_t>(rm->slot)].role = CaregiverRole::None;
  } else if (const auto* si = std::get_if<StartIntervention>(&c.action)) {
    Caregiver& cg = d.caregivers[static_cast<std::size_t>(si->slot)];
    if (cg.present_in_life()) {
      cg.sessions_left = static_cast<std::uint8_t>(si->sessions);
      cg.days_to_session = 0;
    }
  } else if (const auto* ei = std::get_if<EndIntervention>(&c.action)) {
    d.caregivers[static_cast<std::size_t>(ei->slot)].sessions_left = 0;
  } else if (const auto* sp = std::get_if<Separation>(&c.action)) {
    d.caregivers[static_cast<std::size_t>(sp->slot)].away_days =
        static_cast<std::uint16_t>(sp->days);
  } else if (const auto* sd = std::get_if<SetDepression>(&c.action)) {
    Caregiver& cg = d.caregivers[static_cast<std::size_t>(sd->slot)];
    if (sd->depressed) {
      const float days =
          -std::log(random.uniform_open()) * constants_[d.infant.constants]->depression_days;
      cg.depressed_days = static_cast<std::uint16_t>(std::clamp(days, 1.0f, 60000.0f));
    } else {
      cg.depressed_days = 0;
    }
  }
}

void Simulation::apply(const Command& c, std::size_t log_index) {
  if (const auto* set = std::get_if<SetParameter>(&c.action)) {
    // Parameter sets are never changed in place: a change makes new sets (or
    // reuses identical ones) for the sets the selected dyads live under and
    // moves those dyads onto them, so replay sees what was in force.
    std::vector<char> used(constants_.size(), 0);
    for (std::uint32_t id = 0; id < dyad_count(); ++id)
      if (selected(c.selection, log_index, id, day_)) used[dyads_[id].infant.constants] = 1;
    std::vector<std::uint16_t>& remap = log_[log_index].remap;
    const std::size_t existing = constants_.size();
    remap.resize(existing);
    for (std::size_t i = 0; i < existing; ++i) {
      remap[i] = static_cast<std::uint16_t>(i);
      if (!used[i]) continue;
      Parameters p = constants_[i]->parameters;
      p.set(set->parameter, set->value);
      const auto same = std::find_if(constants_.begin(), constants_.end(),
                                     [&](const auto& k) { return k->parameters == p; });
      if (same != constants_.end()) {
        remap[i] = static_cast<std::uint16_t>(same - constants_.begin());
      } else {
        if (constants_.size() >= 65535)
          throw ParameterError(
              "parameter changes: more than 65,535 different parameter sets in use at once; "
              "allowed: fewer changes to individual selections of dyads");
        remap[i] = static_cast<std::uint16_t>(constants_.size());
        constants_.push_back(std::make_shared<const ModelConstants>(p));
      }
    }
    if (c.selection.kind == Selection::Kind::All)
      for (Subgroup& g : population_.groups) g.parameters.set(set->parameter, set->value);
  }
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, dyad_count(), config_.grain),
                    [&](const tbb::blocked_range<std::uint32_t>& range) {
                      for (std::uint32_t id = range.begin(); id != range.end(); ++id)
                        apply_to_dyad(c, log_index, id, dyads_[id], day_);
                    });
}

void Simulation::compact_parameter_sets() {
  // Keep only the sets some dyad lives under. Older sets are what replay of
  // earlier days needs, so episode history restarts today.
  std::vector<int> index(constants_.size(), -1);
  std::vector<std::shared_ptr<const ModelConstants>> kept;
  for (DyadState& d : dyads_) {
    int& i = index[d.infant.constants];
    if (i < 0) {
      i = static_cast<int>(kept.size());
      kept.push_back(constants_[d.infant.constants]);
    }
    d.infant.constants = static_cast<std::uint16_t>(i);
  }
  constants_ = std::move(kept);
  if (config_.history_days > 0) {
    newer_ = Checkpoint{day_, dyads_};
    older_ = newer_;
  }
}

void Simulation::apply_pending() {
  std::vector<Command> commands;
  commands.swap(pending_);
  // Room for every set to be copied by the pending changes: compact first if needed.
  if (constants_.size() * (commands.size() + 1) > kMaxParameterSets) compact_parameter_sets();
  for (Command& c : commands) {
    log_.push_back(LoggedCommand{day_, std::move(c), {}});
    try {
      apply(log_.back().command, log_.size() - 1);
    } catch (...) {
      log_.pop_back();  // the command was refused before it changed any dyad
      throw;
    }
  }
}

void Simulation::checkpoint_if_due() {
  if (config_.history_days == 0) return;
  if (day_ == 0) {
    older_ = Checkpoint{0, dyads_};
    newer_ = older_;
  } else if (day_ % config_.history_days == 0) {
    older_ = std::move(newer_);
    newer_ = Checkpoint{day_, dyads_};
  }
}

void Simulation::step() {
  if (day_ >= kMaxDays)
    throw ParameterError("day " + std::to_string(day_) + ": the run is too long; allowed: up to " +
                         std::to_string(kMaxDays) + " days");
  checkpoint_if_due();
  apply_pending();
  std::atomic<std::uint64_t> episodes{0}, responses{0};
  float* ring = ring_days_
                    ? &input_ring_[static_cast<std::size_t>(day_ % ring_days_) * dyad_count()]
                    : nullptr;
  const std::uint32_t n = dyad_count();
  // One pass: each chunk of dyads is stepped, then summed for the day's
  // aggregates while it is still in cache. Neighbours read yesterday's stress
  // from one buffer while today's is written to the other.
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, chunk_count(), 1),
                    [&](const tbb::blocked_range<std::uint32_t>& chunks) {
                      constexpr std::uint32_t kBatch = 64;  // dyads handed to step_dyads at once
                      DayInput in[kBatch];
                      const ModelConstants* k[kBatch];
                      DyadState* d[kBatch];
                      std::uint64_t local_episodes = 0, local_responses = 0;
                      for (std::uint32_t c = chunks.begin(); c != chunks.end(); ++c) {
                        const std::uint32_t end = std::min(n, (c + 1) * kDayChunk);
                        for (std::uint32_t first = c * kDayChunk; first < end; first += kBatch) {
                          const std::uint32_t count = std::min(kBatch, end - first);
                          for (std::uint32_t i = 0; i < count; ++i) {
                            const std::uint32_t id = first + i;
                            // The next batch's dyads, while this batch is stepped.
                            if (id + kBatch < end) prefetch_dyad(dyads_[id + kBatch]);
                            d[i] = &dyads_[id];
                            k[i] = constants_[d[i]->infant.constants].get();
                            in[i] = DayInput{config_.seed, id, day_,
                                             k[i]->community ? neighbour_stress(id) : 0.0f};
                            if (ring) ring[id] = in[i].neighbour_stress;
                          }
                          const DayTally t = step_dyads({in, count}, {k, count}, {d, count});
                          local_episodes += t.episodes;
                          local_responses += t.responses;
                        }
                        day_sums_[c] = DaySums{};
                        for (std::uint32_t id = c * kDayChunk; id < end; ++id)
                          add_to_day_sums(day_sums_[c], id, day_ + 1);
                      }
                      episodes += local_episodes;
                      responses += local_responses;
                    });
  ++day_;
  finish_day_sums(episodes.load(), responses.load());
}

void Simulation::run_days(std::uint32_t days) {
  for (std::uint32_t i = 0; i < days; ++i) step();
}

void Simulation::add_to_day_sums(DaySums& sums, std::uint32_t id, std::uint32_t day) {
  const DyadState& d = dyads_[id];
  ++sums.strategy[static_cast<std::size_t>(d.infant.strategy)];
  const int figure = principal_figure(d.caregivers, d.models, day);
  const WorkingModel& m = figure < 0 ? d.general : d.models[static_cast<std::size_t>(figure)];
  if (figure >= 0 && m.bond >= kDiscriminationBond) ++sums.attached;
  const Caregiver& c0 = d.caregivers[kPrimarySlot];
  if (c0.depressed()) ++sums.depressed;
  today_stress_[id] = c0.stress;
  const float felt = security_expectation(m);
  const double v[5] = {felt, d.infant.slow_arousal, exploration(felt, d.infant.slow_arousal),
                       c0.sensitivity, c0.stress};
  for (std::size_t i = 0; i < 5; ++i) {
    sums.sum[i] += v[i];
    sums.sq[i] += v[i] * v[i];
  }
}

void Simulation::end_day_pass(std::uint64_t episodes, std::uint64_t responses) {
  const std::uint32_t n = dyad_count();
  tbb::parallel_for(std::uint32_t{0}, chunk_count(), [&](std::uint32_t c) {
    day_sums_[c] = DaySums{};
    const std::uint32_t end = std::min(n, (c + 1) * kDayChunk);
    for (std::uint32_t id = c * kDayChunk; id < end; ++id) add_to_day_sums(day_sums_[c], id, day_);
  });
  finish_day_sums(episodes, responses);
}

void Simulation::finish_day_sums(std::uint64_t episodes, std::uint64_t responses) {
  // Each primary's stress today is what its neighbours read tomorrow.
  yesterday_stress_.swap(today_stress_);
  const std::uint32_t n = dyad_count();
  Aggregates a;
  a.day = day_;
  a.dyads = n;
  a.episodes = episodes;
  a.responses = responses;
  double sum[5] = {}, sq[5] = {};
  for (const DaySums& p : day_sums_) {  // in chunk order: the same sums whatever the threads
    for (std::size_t s = 0; s < kStrategyCount; ++s) a.strategy[s] += p.strategy[s];
    a.attached += p.attached;
    a.caregivers_depressed += p.depressed;
    for (std::size_t i = 0; i < 5; ++i) {
      sum[i] += p.sum[i];
      sq[i] += p.sq[i];
    }
  }
  MeanSd* out[5] = {&a.security_expectation, &a.infant_arousal, &a.exploration,
                    &a.caregiver_sensitivity, &a.caregiver_stress};
  for (std::size_t i = 0; i < 5; ++i) {
    const double mean = sum[i] / n;
    out[i]->mean = mean;
    out[i]->sd = n > 1 ? std::sqrt(std::max(0.0, (sq[i] - n * mean * mean) / (n - 1))) : 0.0;
  }
  aggregates_ = a;
}

std::uint32_t Simulation::earliest_regenerable_day() const {
  return config_.history_days == 0 ? day_ : older_.day;
}

std::vector<Episode> Simulation::episodes(std::uint32_t id, std::uint32_t day) const {
  if (id >= dyad_count())
    throw ParameterError("dyad: " + std::to_string(id) + " does not exist; allowed: 0 to " +
                         std::to_string(dyad_count() - 1));
  if (day >= day_ || day < earliest_regenerable_day())
    throw ParameterError("day: " + std::to_string(day) + " cannot be regenerated; allowed: " +
                         std::to_string(earliest_regenerable_day()) + " to " +
                         (day_ ? std::to_string(day_ - 1) : std::string("(none yet)")));
  const Checkpoint& from = day >= newer_.day ? newer_ : older_;
  DyadState d = from.dyads[id];
  std::vector<Episode> out;
  for (std::uint32_t t = from.day; t <= day; ++t) {
    for (std::size_t i = 0; i < log_.size(); ++i)
      if (log_[i].day == t) apply_to_dyad(log_[i].command, i, id, d, t);
    const ModelConstants& k = *constants_[d.infant.constants];
    const float input = input_ring_[static_cast<std::size_t>(t % ring_days_) * dyad_count() + id];
    DayInput in{config_.seed, id, t, input};
    step_dyad(in, k, d, t == day ? &out : nullptr);
  }
  return out;
}

std::uint64_t Simulation::state_hash() const {
  Hasher h;
  h.value(day_);
  for (const DyadState& d : dyads_) {
    const Infant& i = d.infant;
    h.value(i.reactivity), h.value(i.soothability), h.value(i.maturation_day);
    h.value(i.slow_arousal), h.value(i.stress_set_point);
    h.value(i.onset_day);
    h.value(i.constants), h.value(i.strategy), h.value(i.group);
    for (const Caregiver& c : d.caregivers) {
      h.value(c.sensitivity), h.value(c.consistency), h.value(c.rejection);
      h.value(c.frightening), h.value(c.presence), h.value(c.load), h.value(c.risk);
      h.value(c.depression_onset), h.value(c.stress), h.value(c.disrupted_left),
          h.value(c.depressed_days), h.value(c.sessions_done);
      h.value(c.active_from_day), h.value(c.away_days), h.value(c.sessions_left),
          h.value(c.days_to_session);
      h.value(c.role), h.value(c.state_of_mind), h.value(c.generation);
    }
    for (const WorkingModel& m : d.models) {
      h.value(m.availability), h.value(m.acceptance), h.value(m.predictability);
      h.value(m.threat), h.value(m.bond);
    }
    {
      const WorkingModel& m = d.general;
      h.value(m.availability), h.value(m.acceptance), h.value(m.predictability);
      h.value(m.threat), h.value(m.bond);
    }
  }
  return h.h;
}

}  // namespace attachsim
