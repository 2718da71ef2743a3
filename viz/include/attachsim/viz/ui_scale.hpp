// Projection mode: the UI scale (from the window size, the command line, Ctrl +/-) and the
// dashboard layout it gives at any window size.
#pragma once

#include <optional>
#include <string_view>

namespace attachsim::viz {

// The body text is kBaseFontPx pixels at scale 1 (the size the layout was designed at, 1280x800).
inline constexpr float kBaseFontPx = 14.0f;
// The age clock and the monitors use a font this many times the body text.
inline constexpr float kLargeFontRatio = 2.5f;
inline constexpr float kMinUiScale = 0.75f;
inline constexpr float kMaxUiScale = 4.0f;

// The scale that makes a window of this size look like 1280x800 at scale 1: the smaller of
// the two ratios, at least 1, rounded down to a twentieth (1920x1080: 1.35, 3840x2160: 2.7).
float auto_ui_scale(unsigned width, unsigned height);
// Clamped to [kMinUiScale, kMaxUiScale].
float clamp_ui_scale(float scale);
// The next scale up (direction > 0) or down (< 0) on the steps 0.75, 1, 1.25, ..., 2, 2.5, 3, 3.5,
// 4; a scale between steps moves to the neighbouring step.
float step_ui_scale(float scale, int direction);
// "auto" (nothing: follow the window) or a number in range; anything else is an error message.
struct ParsedScale {
  std::optional<float> scale;  // empty: auto
  std::optional<std::string_view> error;
};
ParsedScale parse_ui_scale(std::string_view text);

// Where the dashboard's panels go, in pixels (origin top left).
struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
};
struct DashboardLayout {
  Rect controls, model;     // left column: controls above, parameters and events below
  Rect monitors;            // top, over the centre and right: the age clock and the monitors
  Rect population, lesson;  // centre: the population, the lesson under it
  Rect analysis;            // right column: charts, inspector, compare, log
  Rect status;              // bottom row
};
// `menu_h` is the menu bar's height, `status_h` the status bar's, `monitors_h` the monitor strip's
// (all already at `scale`). The side columns take their share of the width with minimums that grow
// with the scale, but never leave the centre less than 30% of the width; the panels tile the window
// without gaps or overlap.
DashboardLayout dashboard_layout(float width, float height, float scale, float menu_h,
                                 float status_h, float monitors_h);

}  // namespace attachsim::viz
