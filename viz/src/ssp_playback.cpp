// Step-by-step playback of a Strange Situation trace.
#include "attachsim/viz/ssp_playback.hpp"

#include <algorithm>
#include <cmath>

namespace attachsim::viz {

SspPlayback::SspPlayback(SspResult result) : result_(std::move(result)) {}

void SspPlayback::advance(std::size_t ticks) {
  shown_ = std::min(result_.trace.size(), shown_ + ticks);
}

void SspPlayback::play(double seconds, double ticks_per_second) {
  if (!(seconds > 0) || !(ticks_per_second > 0) || !std::isfinite(seconds * ticks_per_second))
    return;
  fraction_ += seconds * ticks_per_second;
  const double whole = std::floor(fraction_);
  fraction_ -= whole;
  advance(static_cast<std::size_t>(std::min(whole, 1e6)));
}

void SspPlayback::seek(std::size_t tick) {
  shown_ = std::min(result_.trace.size(), tick);
  fraction_ = 0;
}

void SspPlayback::seek_episode(int episode, int seconds) {
  const auto& trace = result_.trace;
  if (episode > 8) {
    seek(trace.size());
    return;
  }
  std::size_t last = trace.size();  // the episode's last tick, if it is shorter
  for (std::size_t i = 0; i < trace.size(); ++i) {
    if (trace[i].episode > episode) break;
    if (trace[i].episode < episode) continue;
    last = i;
    if (trace[i].second >= seconds) break;
  }
  seek(last == trace.size() ? 0 : last + 1);
}

const SspTick* SspPlayback::current() const {
  return shown_ == 0 ? nullptr : &result_.trace[shown_ - 1];
}

int SspPlayback::episode() const {
  const SspTick* t = current();
  return t ? t->episode : 0;
}

int SspPlayback::seconds_elapsed() const {
  // Ticks are 5 s; the trace records the second within each episode.
  int total = 0;
  for (std::size_t i = 0; i < shown_; ++i) {
    const SspTick& t = result_.trace[i];
    if (i + 1 == shown_ || result_.trace[i + 1].episode != t.episode) total += t.second + 5;
  }
  return total;
}

bool SspPlayback::episode_over(int episode) const {
  if (finished()) return !empty();
  const SspTick* t = current();
  return t && t->episode > episode;
}

bool SspPlayback::reunion1_earned() const {
  return episode_over(5);
}
bool SspPlayback::reunion2_earned() const {
  return episode_over(8);
}

std::array<int, 8> SspPlayback::acts_so_far() const {
  std::array<int, 8> counts{};
  for (std::size_t i = 0; i < shown_; ++i) ++counts[static_cast<std::size_t>(result_.trace[i].act)];
  return counts;
}

}  // namespace attachsim::viz
