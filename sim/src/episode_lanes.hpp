// The episode kernel across SIMD lanes: a day's episodes of several dyads side by side.
//
// Included by one source file per lane width (episode_lanes.cpp: 4 lanes for
// any target; episode_lanes_avx2.cpp: 8 lanes built with AVX2). Everything
// here has internal linkage, so the two builds of it never mix at link time.
// It must stay bit-for-bit the same as run_episodes in dyad_step.cpp: the
// same operations in the same order on the same values, with a learning rate
// multiplied by a 0/1 mask where run_episodes selects the learner (tested).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include "attachsim/model_constants.hpp"
#include "attachsim/random.hpp"
#include "attachsim/working_model.hpp"
#include "day_plan.hpp"

// The kernels are internal, so GCC's note that vectors wider than the base
// target's registers are passed differently with and without AVX does not
// apply (GCC reports it at the end of the file, so it cannot be popped).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace attachsim::detail {
namespace {

// GCC vector extensions: one vector holds one value of every lane. A lane's
// care index is never used to index memory; each care index's fields are
// selected with masks instead, so the lanes need no gathers.
// (Spelled out per width: GCC drops vector_size from a dependent alias in a template.)
template <int kLanes>
struct LaneVectors;
template <>
struct LaneVectors<4> {
  typedef float Floats __attribute__((vector_size(16)));
  typedef std::int32_t Masks __attribute__((vector_size(16)));
  typedef std::uint32_t Words __attribute__((vector_size(16)));
  typedef std::uint64_t Wide __attribute__((vector_size(32)));
};
template <>
struct LaneVectors<8> {
  typedef float Floats __attribute__((vector_size(32)));
  typedef std::int32_t Masks __attribute__((vector_size(32)));
  typedef std::uint32_t Words __attribute__((vector_size(32)));
  typedef std::uint64_t Wide __attribute__((vector_size(64)));
};

// Philox4x32-10 (Salmon et al. 2011) for one counter per lane, with AVX2:
// the same rounds, multipliers and key schedule as Random123's
// r123::Philox4x32, so every lane's four words are bit for bit what that
// generator returns for its counter and key (tested). Lanes are independent
// dyads, so the ten rounds of eight lanes run side by side.
#if defined(__AVX2__)
struct PhiloxLanes8 {
  // The high and low halves of x * multiplier in every 32-bit lane.
  static void mulhilo(std::uint32_t multiplier, __m256i x, __m256i& hi, __m256i& lo) {
    const __m256i m = _mm256_set1_epi64x(multiplier);
    const __m256i even = _mm256_mul_epu32(x, m);                        // lanes 0, 2, 4, 6
    const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);  // lanes 1, 3, 5, 7
    lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
    hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
  }

  // ctr: the four counter words of every lane, replaced by the output.
  static void generate(__m256i ctr[4], __m256i key0, __m256i key1) {
    const __m256i bump0 = _mm256_set1_epi32(static_cast<int>(0x9E3779B9u));  // PHILOX_W32_0
    const __m256i bump1 = _mm256_set1_epi32(static_cast<int>(0xBB67AE85u));  // PHILOX_W32_1
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        key0 = _mm256_add_epi32(key0, bump0);
        key1 = _mm256_add_epi32(key1, bump1);
      }
      __m256i hi0, lo0, hi1, lo1;
      mulhilo(0xD2511F53u, ctr[0], hi0, lo0);  // PHILOX_M4x32_0
      mulhilo(0xCD9E8D57u, ctr[2], hi1, lo1);  // PHILOX_M4x32_1
      ctr[0] = _mm256_xor_si256(_mm256_xor_si256(hi1, ctr[1]), key0);
      ctr[1] = lo1;
      ctr[2] = _mm256_xor_si256(_mm256_xor_si256(hi0, ctr[3]), key1);
      ctr[3] = lo0;
    }
  }
};
#endif

// What both lane kernels share: the vector types, a constant in every lane,
// and one value per lane gathered into a vector.
template <int kLanes>
struct LaneOps {
  using Floats = typename LaneVectors<kLanes>::Floats;
  using Masks = typename LaneVectors<kLanes>::Masks;
  using Words = typename LaneVectors<kLanes>::Words;

  static Floats splat(float x) { return Floats{} + x; }

  // One row of a lane-major table (a field of every lane) as a vector.
  static Floats load(const float* row) {
    Floats v;
    std::memcpy(&v, row, sizeof v);
    return v;
  }
  static Masks load(const std::int32_t* row) {
    Masks v;
    std::memcpy(&v, row, sizeof v);
    return v;
  }
  static void store(float* row, Floats v) { std::memcpy(row, &v, sizeof v); }
  static void store(std::int32_t* row, Masks v) { std::memcpy(row, &v, sizeof v); }

  // field(lane) for every lane. Built in registers: eight scalar stores
  // read back as one vector would stall on store forwarding.
  template <class F>
  static Floats gather(F field) {
    return gather_lanes(field, std::make_integer_sequence<int, kLanes>{});
  }
  // The same for an integer field.
  template <class F>
  static Masks gather_int(F field) {
    return gather_int_lanes(field, std::make_integer_sequence<int, kLanes>{});
  }

 private:
  template <class F, int... kLane>
  static Floats gather_lanes(F field, std::integer_sequence<int, kLane...>) {
    return Floats{static_cast<float>(field(kLane))...};
  }
  template <class F, int... kLane>
  static Masks gather_int_lanes(F field, std::integer_sequence<int, kLane...>) {
    return Masks{static_cast<std::int32_t>(field(kLane))...};
  }
};

// signal_pressure and provisional_strategy (working_model.cpp) for one model
// per lane: the same operations on the same values, portable_exp included, so
// the same bits (tested through step_dyads). The step needs them twice a
// dyad-day, and as a chain of dependent operations one dyad at a time they
// cost as much as the episodes.
template <int kLanes>
struct StrategyLanes : LaneOps<kLanes> {
  using typename LaneOps<kLanes>::Floats;
  using typename LaneOps<kLanes>::Masks;
  using typename LaneOps<kLanes>::Words;
  using LaneOps<kLanes>::splat;
  using LaneOps<kLanes>::gather;

  // portable_exp, lane by lane.
  static Floats exp(Floats x) {
    const Masks valid = x > splat(-87.0f);
    x = x > splat(88.0f) ? splat(88.0f) : x;
    Floats n = x * splat(1.44269504f) + splat(0.5f);
#if defined(__AVX2__)
    if constexpr (kLanes == 8) {
      n = (Floats)_mm256_floor_ps((__m256)n);  // same-size vector casts keep the bits
    } else {
      for (int l = 0; l < kLanes; ++l) n[l] = std::floor(n[l]);
    }
#else
    for (int l = 0; l < kLanes; ++l) n[l] = std::floor(n[l]);
#endif
    const Floats r = (x - n * splat(0.693359375f)) + n * splat(2.12194440e-4f);
    Floats p = splat(1.0f / 5040.0f);
    p = p * r + splat(1.0f / 720.0f);
    p = p * r + splat(1.0f / 120.0f);
    p = p * r + splat(1.0f / 24.0f);
    p = p * r + splat(1.0f / 6.0f);
    p = p * r + splat(0.5f);
    p = p * r + splat(1.0f);
    p = p * r + splat(1.0f);
    const Masks biased = __builtin_convertvector(n, Masks) + 127;
    Floats scale;
    const Words bits = reinterpret_cast<const Words&>(biased) << 23;
    std::memcpy(&scale, &bits, sizeof scale);
    return valid ? p * scale : splat(0.0f);
  }

  static Floats logistic(Floats x) {
    return splat(1.0f) / (splat(1.0f) + exp(-x));
  }

  struct Weights {
    Floats minimising, maximising;
  };
  static Weights weights(const WorkingModel* const m[kLanes],
                         const ModelConstants* const k[kLanes]) {
    const Floats acceptance = gather([&](int l) { return m[l]->acceptance; });
    const Floats predictability = gather([&](int l) { return m[l]->predictability; });
    const Floats availability = gather([&](int l) { return m[l]->availability; });
    const Floats width = gather([&](int l) { return k[l]->strategy_width; });
    const Floats min_at = gather([&](int l) { return k[l]->minimising_threshold; });
    const Floats max_at = gather([&](int l) { return k[l]->maximising_threshold; });
    const Floats reliability = splat(0.5f) * (predictability + availability);
    Weights w;
    w.minimising = logistic((min_at - acceptance) / width);
    w.maximising = logistic((max_at - reliability) / width) * (splat(1.0f) - w.minimising);
    return w;
  }

  // signal_pressure(*m[l], *k[l]) into out[l].
  static void signal_pressure(const WorkingModel* const m[kLanes],
                              const ModelConstants* const k[kLanes], float out[kLanes]) {
    const Weights w = weights(m, k);
    const Floats pressure = w.maximising - w.minimising;
    for (int l = 0; l < kLanes; ++l) out[l] = pressure[l];
  }

  // provisional_strategy(*m[l], *k[l]) into out[l].
  static void provisional_strategy(const WorkingModel* const m[kLanes],
                                   const ModelConstants* const k[kLanes], Strategy out[kLanes]) {
    const Floats threat = gather([&](int l) { return m[l]->threat; });
    const Floats conflict_at = gather([&](int l) { return k[l]->conflict_threshold; });
    const Floats conflict_width = gather([&](int l) { return k[l]->conflict_width; });
    const Floats x = (threat - conflict_at) / conflict_width;
    const Masks conflict = (x > splat(1e-3f)) | ((x > splat(0.0f)) & (logistic(x) > splat(0.5f)));
    const Weights w = weights(m, k);
    const Floats open = (splat(1.0f) - w.minimising) * (splat(1.0f) - w.maximising);
    // dominant_strategy without a branch per lane (the outcome is close to random).
    const Masks open_wins = (open >= w.minimising) & (open >= w.maximising);
    const Masks minimising_wins = w.minimising >= w.maximising;
    const auto code = [](Strategy st) { return Masks{} + static_cast<std::int32_t>(st); };
    const Masks chosen = conflict ? code(Strategy::Conflict)
                                  : (open_wins ? code(Strategy::Open)
                                               : (minimising_wins ? code(Strategy::Minimising)
                                                                  : code(Strategy::Maximising)));
    for (int l = 0; l < kLanes; ++l) out[l] = static_cast<Strategy>(chosen[l]);
  }
};

template <int kLanes>
struct EpisodeLanes : LaneOps<kLanes> {
  using typename LaneOps<kLanes>::Floats;
  using typename LaneOps<kLanes>::Masks;
  using typename LaneOps<kLanes>::Words;
  using LaneOps<kLanes>::splat;
  using LaneOps<kLanes>::gather;
  using LaneOps<kLanes>::load;
  using LaneOps<kLanes>::store;

  // Blocks first to first + count - 1 of each lane's `stream` (and
  // `substream`) for its (seed, dyad, day), as RandomStream::block gives
  // them: out[4 * b + w][lane] is word w of block first + b.
  static void blocks(const DayInput in[kLanes], Stream stream, int count,
                     std::uint32_t (*out)[kLanes], std::uint32_t substream = 0, int first = 0) {
#if defined(__AVX2__)
    if constexpr (kLanes == 8) {
      alignas(32) std::uint32_t dyad[8], day[8], key0[8], key1[8];
      for (int l = 0; l < 8; ++l) {
        dyad[l] = in[l].dyad;
        day[l] = in[l].day;
        key0[l] = static_cast<std::uint32_t>(in[l].seed);
        key1[l] = static_cast<std::uint32_t>(in[l].seed >> 32);
      }
      const auto load = [](const std::uint32_t* v) {
        return _mm256_load_si256(reinterpret_cast<const __m256i*>(v));
      };
      const __m256i dyads = load(dyad), days = load(day), k0 = load(key0), k1 = load(key1);
      const __m256i streams = _mm256_set1_epi32(
          static_cast<int>((static_cast<std::uint32_t>(stream) << 24) ^ substream));
      for (int b = 0; b < count; ++b) {
        __m256i ctr[4] = {dyads, days, streams, _mm256_set1_epi32(first + b)};
        PhiloxLanes8::generate(ctr, k0, k1);
        for (int w = 0; w < 4; ++w)
          _mm256_store_si256(reinterpret_cast<__m256i*>(out[4 * b + w]), ctr[w]);
      }
      return;
    }
#endif
    for (int l = 0; l < kLanes; ++l) {
      const RandomStream random(in[l].seed, in[l].dyad, in[l].day, stream, substream);
      for (int b = 0; b < count; ++b) {
        const auto block = random.block(static_cast<std::uint32_t>(first + b));
        for (int w = 0; w < 4; ++w) out[4 * b + w][l] = block.v[w];
      }
    }
  }

  // The day's episode numbers of every lane (two per episode, a block per two episodes).
  static void episode_draws(const DayInput in[kLanes], int episodes,
                            std::uint32_t (*draws)[kLanes]) {
    blocks(in, Stream::Episode, (episodes + 1) / 2, draws);
  }

  // kSlots: 3 in general; 1 when every lane's episodes can only go to slot 0
  // or nobody (the other slots and the staff have no presence, and nobody
  // else is the principal figure), which skips the other slots' arithmetic.
  // Slots that no episode reaches keep their models and zero sums either way.
  template <std::size_t kSlots>
  static void run(const DayInput in[kLanes], int episodes, const DayPlanLanes<kLanes>& plan,
                  DyadState* const dyads[kLanes], EpisodeSumsLanes<kLanes>& sums) {
    // The day's random numbers, lane by lane from each dyad's own stream, in
    // the order run_episodes draws them.
    constexpr int kMaxEpisodes = 48;  // infant.episodes_per_day's upper bound
    alignas(sizeof(Floats)) std::uint32_t draws[2 * kMaxEpisodes + 2][kLanes];  // whole blocks
    episode_draws(in, episodes, draws);
    const Floats one = splat(1.0f), zero = splat(0.0f);
    const Floats c0 = load(plan.cumulative[0]);
    const Floats c1 = load(plan.cumulative[1]);
    const Floats c2 = load(plan.cumulative[2]);
    const Floats c3 = load(plan.cumulative[3]);
    // A field per care index, selected by the "at or above bound j" masks.
    struct ByWho {
      Floats v[kNobody + 1];
      Floats pick(Masks ge0, Masks ge1, Masks ge2, Masks ge3) const {
        if constexpr (kSlots == 1)  // ge0 == ge1 == ge2 == ge3: slot 0 or nobody
          return ge0 ? v[4] : v[0];
        else
          return ge3 ? v[4] : (ge2 ? v[3] : (ge1 ? v[2] : (ge0 ? v[1] : v[0])));
      }
    };
    const auto by_who = [&](const float(&field)[kNobody + 1][kLanes]) {
      ByWho b;
      for (std::size_t j = 0; j <= kNobody; ++j)
        b.v[j] = kSlots == 1 && j != 0 && j != kNobody ? zero : load(field[j]);
      return b;
    };
    const ByWho notice = by_who(plan.notice), fright_below = by_who(plan.fright),
                rebuff_below = by_who(plan.rebuff), prompt_below = by_who(plan.prompt),
                misread_below = by_who(plan.misread), comfort = by_who(plan.comfort);
    const Floats learning = load(plan.learning);
    const Floats threat_learning = load(plan.threat_learning);
    const Floats missing_learning = load(plan.missing_learning);
    const Floats alarm = load(plan.alarm);
    const Floats alarm_unanswered = load(plan.alarm_unanswered);
    const Floats alarm_frightened = load(plan.alarm_frightened);
    const Floats soothing = load(plan.soothing);
    const Floats delayed = load(plan.delayed_comfort);
    const Masks has_figure = load(plan.has_figure) != 0;
    const Masks principal = load(plan.principal);
    // The slot that learns of nobody coming, as a mask per slot.
    Masks missed[kSlots];
    for (std::size_t j = 0; j < kSlots; ++j)
      missed[j] = has_figure & (principal == static_cast<std::int32_t>(j));

    // State carried through the day, per lane.
    Floats availability[kSlots], acceptance[kSlots], threat[kSlots];
    for (std::size_t j = 0; j < kSlots; ++j) {
      availability[j] = gather([&](int l) { return dyads[l]->models[j].availability; });
      acceptance[j] = gather([&](int l) { return dyads[l]->models[j].acceptance; });
      threat[j] = gather([&](int l) { return dyads[l]->models[j].threat; });
    }
    Floats general_availability = gather([&](int l) { return dyads[l]->general.availability; });
    Floats general_acceptance = gather([&](int l) { return dyads[l]->general.acceptance; });
    Floats general_threat = gather([&](int l) { return dyads[l]->general.threat; });
    Floats comfort_sum[kSlots] = {}, distress_sum = zero, general_comfort = zero;
    Masks attended[kSlots] = {}, responded[kSlots] = {}, responses = {};

    const Words low16 = Words{} + 0xFFFFu;
    const Floats scale16 = splat(0x1p-16f);
    for (int e = 0; e < episodes; ++e) {
      Words first, second;
      std::memcpy(&first, draws[2 * e], sizeof first);
      std::memcpy(&second, draws[2 * e + 1], sizeof second);
      // As RandomStream::uniform_pair16: low 16 bits, then high 16 bits.
      const Floats u_who = __builtin_convertvector(first & low16, Floats) * scale16;
      const Floats u_notice = __builtin_convertvector(first >> 16, Floats) * scale16;
      const Floats u_prompt = __builtin_convertvector(second & low16, Floats) * scale16;
      const Floats u_kind = __builtin_convertvector(second >> 16, Floats) * scale16;

      const Masks ge0 = u_who >= c0;
      const Masks ge1 = kSlots == 1 ? ge0 : u_who >= c1;
      const Masks ge2 = kSlots == 1 ? ge0 : u_who >= c2;
      const Masks ge3 = kSlots == 1 ? ge0 : u_who >= c3;
      const Masks is[kCaregiverSlots] = {~ge0, ge0 & ~ge1, ge1 & ~ge2};
      const Masks nobody = ge3;
      const Floats prompt_at = prompt_below.pick(ge0, ge1, ge2, ge3);
      const Masks noticed = u_notice < notice.pick(ge0, ge1, ge2, ge3);
      const Masks fright = noticed & (u_kind < fright_below.pick(ge0, ge1, ge2, ge3));
      const Masks rebuff = noticed & ~fright & (u_kind < rebuff_below.pick(ge0, ge1, ge2, ge3));
      const Masks kind = noticed & ~fright & ~rebuff;
      const Masks prompt = kind & (u_prompt < prompt_at);
      const Masks misread =
          kind & ~prompt & ((u_prompt - prompt_at) < misread_below.pick(ge0, ge1, ge2, ge3));
      const Masks comforted = kind & ~misread;

      const Floats outcome =
          comfort.pick(ge0, ge1, ge2, ge3) * (prompt ? one : delayed) * (comforted ? one : zero);
      const Floats soothed = alarm * (one - soothing * outcome);
      const Floats after = fright ? alarm_frightened : (noticed ? soothed : alarm_unanswered);
      distress_sum += after;
      const Floats felt = outcome * (one - (after < one ? after : one));
      const Floats bid_met = comforted ? one : zero;
      const Floats frightened = fright ? one : zero;
      const Floats accept_learning = learning * ((noticed & ~fright) ? one : zero);
      const Floats response_threat_learning = threat_learning * (noticed ? one : zero);
      general_availability += learning * (felt - general_availability);
      general_acceptance += accept_learning * (bid_met - general_acceptance);
      general_threat += response_threat_learning * (frightened - general_threat);
      general_comfort += felt;
      for (std::size_t j = 0; j < kSlots; ++j) {
        const Floats rate = is[j] ? learning : ((nobody & missed[j]) ? missing_learning : zero);
        availability[j] += rate * (felt - availability[j]);
        acceptance[j] += (is[j] ? accept_learning : zero) * (bid_met - acceptance[j]);
        threat[j] += (is[j] ? response_threat_learning : zero) * (frightened - threat[j]);
        comfort_sum[j] += is[j] ? felt : zero;
        attended[j] -= is[j];
        responded[j] -= is[j] & noticed;
      }
      responses -= noticed;
    }

    for (int l = 0; l < kLanes; ++l) {
      DyadState& d = *dyads[l];
      for (std::size_t j = 0; j < kSlots; ++j) {
        d.models[j].availability = availability[j][l];
        d.models[j].acceptance = acceptance[j][l];
        d.models[j].threat = threat[j][l];
      }
      d.general.availability = general_availability[l];
      d.general.acceptance = general_acceptance[l];
      d.general.threat = general_threat[l];
    }
    // Slots no episode can reach (kSlots == 1) and the scratch slot sum to zero.
    for (std::size_t j = 0; j < kSlots; ++j) {
      store(sums.comfort_sum[j], comfort_sum[j]);
      store(sums.attended[j], attended[j]);
      store(sums.responded[j], responded[j]);
    }
    for (std::size_t j = kSlots; j <= kScratch; ++j) {
      store(sums.comfort_sum[j], zero);
      store(sums.attended[j], Masks{});
      store(sums.responded[j], Masks{});
    }
    store(sums.distress_sum, distress_sum);
    store(sums.general_comfort, general_comfort);
    store(sums.responses, responses);
  }
};

}  // namespace
}  // namespace attachsim::detail
