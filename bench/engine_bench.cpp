// Engine benchmarks: daily step, population step, Strange Situation, assessment, Philox draw
// budget, dyads.csv.
//
// Items are dyad-days for the stepping benchmarks, assessments for the
// Strange Situation ones, rows for dyads.csv. Multi-threaded benchmarks take
// the thread count as their argument and report wall-clock (real) time.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "attachsim/assessment.hpp"
#include "attachsim/dyad_step.hpp"
#include "attachsim/dyads_csv.hpp"
#include "attachsim/parameters.hpp"
#include "attachsim/population.hpp"
#include "attachsim/random.hpp"
#include "attachsim/simulation.hpp"
#include "attachsim/strange_situation.hpp"

namespace {

using namespace attachsim;

constexpr std::uint64_t kSeed = 1;
constexpr std::uint32_t kPopulation = 100'000;  // the goal's population size

std::uint32_t days_at(double months) {
  return static_cast<std::uint32_t>(std::lround(months * kDaysPerMonth));
}
const std::uint32_t kDays12 = days_at(12);  // 365: the Strange Situation age
const std::uint32_t kDays18 = days_at(18);  // 548: the goal's run length

// Per-step state of one dyad: the dyad itself plus the two floats of primary
// stress the engine keeps per dyad, yesterday's and today's (history_days = 0:
// no checkpoints).
constexpr std::size_t kStepStateBytes = sizeof(DyadState) + 2 * sizeof(float);

tbb::global_control thread_limit(std::int64_t threads) {
  return tbb::global_control(tbb::global_control::max_allowed_parallelism,
                             static_cast<std::size_t>(threads));
}

// Care arrangements for the one-dyad benchmarks.
//   0: the calibrated defaults (a primary caregiver only);
//   1: primary, secondary and day care from birth (three active caregivers).
Parameters arrangement(std::int64_t which) {
  Parameters p;
  if (which == 1) {
    p.set(Param::secondary_share, 1.0);
    p.set(Param::daycare_share, 1.0);
    p.set(Param::daycare_entry_age, 0.0);
  }
  return p;
}

SimulationConfig population_config(std::uint32_t dyads) {
  SimulationConfig c;
  c.seed = kSeed;
  c.dyads = dyads;
  c.history_days = 0;  // as the CLI runs
  return c;
}

// 100,000 default dyads aged 12 months (built once, with all cores).
const Simulation& twelve_month_olds() {
  static const Simulation sim = [] {
    Simulation s(Parameters{}, population_config(kPopulation));
    s.run_days(kDays12);
    return s;
  }();
  return sim;
}

const std::vector<AssessmentRecord>& twelve_month_records() {
  static const std::vector<AssessmentRecord> records =
      assess_population(twelve_month_olds(), kPrimarySlot);
  return records;
}

// ---- (a) one dyad, one day ------------------------------------------------------------------
// The dyad lives from birth to 18 months, then starts again from birth. Each
// new life draws its random numbers under a new dyad id: replaying the same
// (dyad, day) numbers lets the branch predictor learn the whole sequence of
// random outcomes, and the step then looks 25-40% cheaper than it is.
void BM_StepDyad(benchmark::State& state) {
  const ModelConstants k(arrangement(state.range(0)));
  RandomStream setup(kSeed, 0, 0, Stream::Setup);
  const DyadState birth = draw_dyad(setup, k);
  DyadState dyad = birth;
  std::uint32_t life = 0;
  std::uint32_t day = 0;
  std::uint64_t episodes = 0;
  for (auto _ : state) {
    // A neighbourhood as stressed as this caregiver (community is on by default).
    const DayInput in{kSeed, life, day, dyad.caregivers[kPrimarySlot].stress};
    const DayTally t = step_dyad(in, k, dyad);
    episodes += t.episodes;
    benchmark::DoNotOptimize(t);
    benchmark::ClobberMemory();
    if (++day == kDays18) {  // birth to 18 months, then a new life
      day = 0;
      ++life;
      dyad = birth;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["episodes_per_s"] =
      benchmark::Counter(static_cast<double>(episodes), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StepDyad)->ArgName("arrangement")->Arg(0)->Arg(1);

// ---- (b) the whole population, one day --------------------------------------------------------
// Args: threads, and the age (months) the population starts the benchmark at:
// 0 (newborns: no attachment yet, the cheapest days) or 12 (almost all attached).
// A whole run to 18 months costs about the mean over those ages.
void BM_PopulationStep(benchmark::State& state) {
  const bool newborn = state.range(1) == 0;
  if (!newborn) twelve_month_olds();  // built once, with every core, before the limit
  const auto limit = thread_limit(state.range(0));
  Simulation sim = newborn ? Simulation(Parameters{}, population_config(kPopulation))
                           : Simulation(twelve_month_olds());
  for (auto _ : state) sim.step();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sim.dyad_count()));
  state.counters["threads"] = static_cast<double>(state.range(0));
  state.counters["bytes_per_dyad"] = static_cast<double>(sizeof(DyadState));
  state.counters["step_state_bytes_per_dyad"] = static_cast<double>(kStepStateBytes);
  state.counters["last_day"] = static_cast<double>(sim.day());
}
BENCHMARK(BM_PopulationStep)
    ->ArgNames({"threads", "start_month"})
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({1, 12})
    ->Args({2, 12})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The daily step over an array of dyads, one thread, without the engine's
// other passes (neighbour input, aggregates): BM_PopulationStep/threads:1
// minus this is what Simulation::step adds. Args: dyads (1,000 fit in L2;
// 100,000 = 25 MB do not) and the kernel: 0 = step_dyads as the engine runs
// it (SIMD lanes), 1 = step_dyad one dyad at a time (the reference).
void BM_StepDyadArray(benchmark::State& state) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  const bool one_at_a_time = state.range(1) == 1;
  const Simulation birth(Parameters{}, population_config(n));
  std::vector<DyadState> dyads(birth.dyads().begin(), birth.dyads().end());
  const ModelConstants k{Parameters{}};
  std::vector<DayInput> in(n);
  std::vector<const ModelConstants*> constants(n, &k);
  std::vector<DyadState*> pointers(n);
  for (std::uint32_t id = 0; id < n; ++id) pointers[id] = &dyads[id];
  std::uint32_t day = 0;
  // Batches of 64 with their inputs filled just before, as Simulation::step
  // hands dyads to step_dyads (the input reads a caregiver's stress, as the
  // engine reads yesterday's), asking for the next batch's dyads as it does.
  constexpr std::uint32_t kBatch = 64;
  for (auto _ : state) {
    for (std::uint32_t first = 0; first < n; first += kBatch) {
      const std::uint32_t count = std::min(kBatch, n - first);
      for (std::uint32_t id = first; id < first + count; ++id) {
        if (id + kBatch < n) prefetch_dyad(dyads[id + kBatch]);
        in[id] = DayInput{kSeed, id, day, dyads[id].caregivers[kPrimarySlot].stress};
      }
      if (one_at_a_time) {
        for (std::uint32_t id = first; id < first + count; ++id)
          benchmark::DoNotOptimize(step_dyad(in[id], k, dyads[id]));
      } else {
        const std::span<const DayInput> batch_in(&in[first], count);
        const std::span<const ModelConstants* const> batch_k(&constants[first], count);
        const std::span<DyadState* const> batch_dyads(&pointers[first], count);
        benchmark::DoNotOptimize(step_dyads(batch_in, batch_k, batch_dyads));
      }
    }
    ++day;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.counters["episodes_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * n * k.episodes_per_day,
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StepDyadArray)
    ->ArgNames({"dyads", "one_at_a_time"})
    ->Args({1000, 0})
    ->Args({kPopulation, 0})
    ->Args({kPopulation, 1});

// ---- (c) one Strange Situation ------------------------------------------------------------------
void BM_StrangeSituation(benchmark::State& state) {
  const Simulation& sim = twelve_month_olds();
  // Cycle through 4,096 twelve-month-olds so every class's code path is in the mix.
  constexpr std::uint32_t kCycle = 4096;
  std::uint32_t id = 0;
  for (auto _ : state) {
    SspResult r = run_strange_situation(sim.dyad(id), kPrimarySlot, sim.constants_of(id),
                                        sim.seed(), id, sim.day());
    benchmark::DoNotOptimize(r);
    id = (id + 1) % kCycle;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StrangeSituation);

// ---- (d) assessing the whole population ---------------------------------------------------------
void BM_AssessPopulation(benchmark::State& state) {
  const Simulation& sim = twelve_month_olds();
  const auto limit = thread_limit(state.range(0));
  for (auto _ : state) {
    std::vector<AssessmentRecord> records = assess_population(sim, kPrimarySlot);
    benchmark::DoNotOptimize(records.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sim.dyad_count()));
}
BENCHMARK(BM_AssessPopulation)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// ---- (e) the random numbers alone ---------------------------------------------------------------
// Draws step_dyad makes for one dyad on one day (counted by reading src/dyad_step.cpp):
//   Day stream: per active caregiver (in the infant's life and day >= active_from_day)
//     2 uniforms in update_caregiver_day (depression onset, hassle), plus 1 for the
//       episode's length only on the rare day a depressive episode starts (not counted here);
//     + 1 uniform in care_today (the consistency spell) when care.consistency_block == 1;
//       otherwise one block of a spell stream serves all slots (one Philox call a day);
//     + 1 uniform for staff turnover when slot 0 is active institutional staff.
//   Episode stream: 2 32-bit numbers per episode (who & notice, prompt & kind: two
//     16-bit uniforms each), a whole Philox block (4 numbers) at a time and eight
//     dyads side by side with AVX2, as the lane kernel draws them
//     (draw_episode_numbers), and turned into floats.
// Each Philox4x32-10 call yields four 32-bit numbers, so with the defaults (one
// primary caregiver, 8 episodes) a dyad-day is 3 + 16 numbers = 1 + 4 = 5 Philox
// calls (an onset day's extra draw, or an institution's turnover draw, still
// fits in the first call).
struct DayDraws {
  std::uint32_t daily = 0;          // uniforms from the Day stream
  std::uint32_t spell_words = 0;    // words of the day's spell block (consistency_block > 1)
  std::uint32_t episode_pairs = 0;  // pairs of 16-bit uniforms (32-bit numbers) for the episodes
};

DayDraws draws_on(const DyadState& d, const ModelConstants& k, std::uint32_t day) {
  DayDraws n;
  for (std::size_t j = 0; j < kCaregiverSlots; ++j) {
    const Caregiver& c = d.caregivers[j];
    if (!c.present_in_life() || day < c.active_from_day) continue;
    n.daily += 2;
    if (k.consistency_block == 1)
      ++n.daily;
    else
      ++n.spell_words;
  }
  const Caregiver& c0 = d.caregivers[kPrimarySlot];
  if (c0.role == CaregiverRole::Institution && day >= c0.active_from_day) ++n.daily;
  n.episode_pairs = 2 * static_cast<std::uint32_t>(k.episodes_per_day);
  return n;
}

void BM_PhiloxDraws(benchmark::State& state) {
  // The same population as BM_PopulationStep, its draw plan taken at 13
  // months (after day-care entry, were there day care), single-threaded.
  const ModelConstants k{Parameters{}};
  const std::uint32_t plan_day = days_at(13);
  std::vector<DayDraws> plan;
  {
    const Simulation birth(Parameters{}, population_config(kPopulation));
    plan.reserve(birth.dyad_count());
    for (const DyadState& d : birth.dyads()) plan.push_back(draws_on(d, k, plan_day));
  }
  std::uint32_t day = 0;
  std::uint64_t calls = 0, numbers = 0;
  const int episodes = k.episodes_per_day;
  const std::size_t per_dyad = static_cast<std::size_t>(4 * ((episodes + 1) / 2));
  constexpr std::uint32_t kBatch = 64;  // as Simulation::step hands dyads to step_dyads
  std::vector<DayInput> in(kBatch);
  std::vector<std::uint32_t> words(kBatch * per_dyad);
  std::vector<float> uniforms(2 * kBatch * per_dyad);
  // Each draw is only materialised (DoNotOptimize), not summed: a running sum
  // would chain dozens of float additions a dyad-day, which the model does not have.
  for (auto _ : state) {
    for (std::uint32_t first = 0; first < plan.size(); first += kBatch) {
      const std::uint32_t count =
          std::min<std::uint32_t>(kBatch, static_cast<std::uint32_t>(plan.size()) - first);
      for (std::uint32_t i = 0; i < count; ++i) {
        // The day stream, one dyad at a time as plan_day draws it.
        const std::uint32_t id = first + i;
        const DayDraws& n = plan[id];
        RandomStream daily(kSeed, id, day, Stream::Day);
        for (std::uint32_t d = 0; d < n.daily; ++d) benchmark::DoNotOptimize(daily.uniform());
        if (n.spell_words > 0) {
          const RandomStream spells(kSeed, id, day, Stream::Day, 1);
          const auto block = spells.block(0);
          for (std::uint32_t w = 0; w < n.spell_words; ++w)
            benchmark::DoNotOptimize(RandomStream::to_uniform(block.v[w]));
          ++calls;
        }
        calls += daily.calls();
        numbers += n.daily + n.spell_words + n.episode_pairs;
        in[i] = DayInput{kSeed, id, day, 0.0f};
      }
      // The episode stream as the lane kernel draws it, and the 16-bit uniforms.
      draw_episode_numbers({in.data(), count}, episodes, {words.data(), count * per_dyad});
      for (std::size_t w = 0; w < count * per_dyad; ++w) {
        uniforms[2 * w] = static_cast<float>(words[w] & 0xFFFFu) * 0x1p-16f;
        uniforms[2 * w + 1] = static_cast<float>(words[w] >> 16) * 0x1p-16f;
      }
      benchmark::DoNotOptimize(uniforms.data());
      benchmark::ClobberMemory();
      calls += count * per_dyad / 4;
    }
    ++day;
  }
  const auto dyad_days = state.iterations() * static_cast<std::int64_t>(plan.size());
  state.SetItemsProcessed(dyad_days);
  state.counters["philox_calls_per_dyad_day"] =
      static_cast<double>(calls) / static_cast<double>(dyad_days);
  state.counters["u32_per_dyad_day"] =
      static_cast<double>(numbers) / static_cast<double>(dyad_days);
}
BENCHMARK(BM_PhiloxDraws)->Unit(benchmark::kMillisecond);

// ---- (f) writing dyads.csv
// ------------------------------------------------------------------------ Arg 0: into a
// std::ostringstream (formatting only); 1: through a std::ofstream to /dev/null.
void BM_DyadsCsv(benchmark::State& state) {
  const std::vector<AssessmentRecord>& records = twelve_month_records();
  std::int64_t bytes_per_pass = 0;  // /dev/null does not count, so measure once
  {
    std::ostringstream sized;
    write_dyads_csv(sized, records);
    bytes_per_pass = static_cast<std::int64_t>(sized.tellp());
  }
  if (state.range(0) == 0) {
    std::ostringstream out;
    for (auto _ : state) {
      out.str(std::string());
      write_dyads_csv(out, records);
      benchmark::ClobberMemory();
    }
  } else {
    std::ofstream out("/dev/null");
    for (auto _ : state) {
      write_dyads_csv(out, records);
      out.flush();
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes_per_pass);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records.size()));
  state.counters["rows"] = static_cast<double>(records.size());
}
BENCHMARK(BM_DyadsCsv)->ArgName("devnull")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// ---- the state size: a checkpoint's copy of one dyad
// -----------------------------------------------
void BM_DyadStateCopy(benchmark::State& state) {
  RandomStream setup(kSeed, 0, 0, Stream::Setup);
  const ModelConstants k{Parameters{}};
  std::vector<DyadState> from(1024, draw_dyad(setup, k)), to(1024);
  for (auto _ : state) {
    to = from;
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(from.size()));
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(from.size() * sizeof(DyadState)));
  state.counters["bytes_per_dyad"] = static_cast<double>(sizeof(DyadState));
  state.counters["step_state_bytes_per_dyad"] = static_cast<double>(kStepStateBytes);
}
BENCHMARK(BM_DyadStateCopy);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("sizeof(DyadState)", std::to_string(sizeof(DyadState)) + " bytes");
  benchmark::AddCustomContext(
      "step_state_per_dyad",
      std::to_string(kStepStateBytes) + " bytes (DyadState + yesterday's and today's stress)");
  benchmark::AddCustomContext("sizeof(Infant/Caregiver/WorkingModel)",
                              std::to_string(sizeof(Infant)) + "/" +
                                  std::to_string(sizeof(Caregiver)) + "/" +
                                  std::to_string(sizeof(WorkingModel)) + " bytes");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
