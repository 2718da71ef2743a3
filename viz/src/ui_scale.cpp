// UI scale steps and the dashboard layout for projection mode.
#include "attachsim/viz/ui_scale.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace attachsim::viz {

namespace {

constexpr std::array<float, 10> kSteps{0.75f, 1.0f, 1.25f, 1.5f, 1.75f,
                                       2.0f,  2.5f, 3.0f,  3.5f, 4.0f};

}  // namespace

float clamp_ui_scale(float scale) {
  if (!std::isfinite(scale)) return 1.0f;
  return std::clamp(scale, kMinUiScale, kMaxUiScale);
}

float auto_ui_scale(unsigned width, unsigned height) {
  const float ratio =
      std::min(static_cast<float>(width) / 1280.0f, static_cast<float>(height) / 800.0f);
  return clamp_ui_scale(std::max(1.0f, std::floor(ratio * 20.0f + 1e-4f) / 20.0f));
}

float step_ui_scale(float scale, int direction) {
  scale = clamp_ui_scale(scale);
  if (direction > 0) {
    for (float s : kSteps)
      if (s > scale + 1e-4f) return s;
    return kMaxUiScale;
  }
  if (direction < 0) {
    for (auto it = kSteps.rbegin(); it != kSteps.rend(); ++it)
      if (*it < scale - 1e-4f) return *it;
    return kMinUiScale;
  }
  return scale;
}

ParsedScale parse_ui_scale(std::string_view text) {
  if (text == "auto" || text.empty()) return {};
  const std::string copy(text);
  char* end = nullptr;
  const float value = std::strtof(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value))
    return {std::nullopt, "expected auto or a number from 0.75 to 4"};
  if (value < kMinUiScale || value > kMaxUiScale)
    return {std::nullopt, "out of range; allowed: auto or 0.75 to 4"};
  return {value, std::nullopt};
}

DashboardLayout dashboard_layout(float width, float height, float scale, float menu_h,
                                 float status_h, float monitors_h) {
  scale = clamp_ui_scale(scale);
  DashboardLayout l;
  const float body = std::max(height - menu_h - status_h, 1.0f);
  // Side columns: a share of the width, at least what their content needs at this scale.
  float left = std::clamp(std::round(width * 0.25f), 260.0f * scale, 420.0f * scale);
  float right = std::clamp(std::round(width * 0.34f), 320.0f * scale, 640.0f * scale);
  // A scale too large for the window: the sides give way before the centre drops below 30%.
  const float sides = width * 0.70f;
  if (left + right > sides) {
    const float shrink = sides / (left + right);
    left = std::round(left * shrink);
    right = std::round(right * shrink);
  }
  const float centre = width - left - right;
  const float controls_h = std::round(std::min(body * 0.40f, 300.0f * scale));
  monitors_h = std::min(monitors_h, std::round(body * 0.3f));
  const float population_h = std::round((body - monitors_h) * 0.68f);
  l.controls = {0, menu_h, left, controls_h};
  l.model = {0, menu_h + controls_h, left, body - controls_h};
  // The monitor strip spans the centre and the right column: wide enough for large numbers.
  l.monitors = {left, menu_h, centre + right, monitors_h};
  l.population = {left, menu_h + monitors_h, centre, population_h};
  l.lesson = {left, l.population.bottom(), centre, body - monitors_h - population_h};
  l.analysis = {left + centre, menu_h + monitors_h, right, body - monitors_h};
  l.status = {0, menu_h + body, width, status_h};
  return l;
}

}  // namespace attachsim::viz
