// Tests of projection mode's scale steps and dashboard layout (ui_scale.hpp).
#include "attachsim/viz/ui_scale.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace attachsim::viz {
namespace {

TEST(UiScale, AutoScaleFollowsTheWindow) {
  EXPECT_FLOAT_EQ(auto_ui_scale(1280, 800), 1.0f);
  EXPECT_FLOAT_EQ(auto_ui_scale(1024, 700), 1.0f);  // never below 1 by itself
  EXPECT_NEAR(auto_ui_scale(1920, 1080), 1.35f, 1e-5f);
  EXPECT_NEAR(auto_ui_scale(3840, 2160), 2.7f, 1e-5f);
  EXPECT_FLOAT_EQ(auto_ui_scale(8192, 8192), kMaxUiScale);
}

TEST(UiScale, StepsGoUpAndDownAndStopAtTheEnds) {
  EXPECT_FLOAT_EQ(step_ui_scale(1.0f, 1), 1.25f);
  EXPECT_FLOAT_EQ(step_ui_scale(1.0f, -1), 0.75f);
  EXPECT_FLOAT_EQ(step_ui_scale(1.35f, 1), 1.5f);  // between steps: the neighbouring step
  EXPECT_FLOAT_EQ(step_ui_scale(1.35f, -1), 1.25f);
  EXPECT_FLOAT_EQ(step_ui_scale(2.0f, 1), 2.5f);
  EXPECT_FLOAT_EQ(step_ui_scale(kMaxUiScale, 1), kMaxUiScale);
  EXPECT_FLOAT_EQ(step_ui_scale(kMinUiScale, -1), kMinUiScale);
  float s = kMinUiScale;
  int steps = 0;
  while (s < kMaxUiScale && steps < 100) s = step_ui_scale(s, 1), ++steps;
  EXPECT_EQ(steps, 9);
}

TEST(UiScale, ParsesAutoAndNumbersAndRefusesTheRest) {
  EXPECT_FALSE(parse_ui_scale("auto").scale);
  EXPECT_FALSE(parse_ui_scale("auto").error);
  EXPECT_FLOAT_EQ(*parse_ui_scale("1.5").scale, 1.5f);
  EXPECT_TRUE(parse_ui_scale("1.5x").error);
  EXPECT_TRUE(parse_ui_scale("0.5").error);
  EXPECT_TRUE(parse_ui_scale("5").error);
  EXPECT_TRUE(parse_ui_scale("nan").error);
  EXPECT_FLOAT_EQ(clamp_ui_scale(std::nanf("")), 1.0f);
}

// The panels tile the window: no gaps, no overlaps, nothing outside, nothing empty.
void expect_tiles(const DashboardLayout& l, float w, float h, float menu_h) {
  const std::vector<Rect> left{l.controls, l.model};
  const std::vector<Rect> centre{l.monitors, l.population, l.lesson};
  const std::vector<Rect> right{l.monitors, l.analysis};
  for (const auto* column : {&left, &centre, &right}) {
    float y = menu_h;
    for (const Rect& r : *column) {
      EXPECT_FLOAT_EQ(r.y, y);
      EXPECT_GT(r.h, 0);
      y = r.bottom();
    }
    EXPECT_FLOAT_EQ(y, l.status.y);
  }
  EXPECT_FLOAT_EQ(l.analysis.y, l.monitors.bottom());
  EXPECT_FLOAT_EQ(l.analysis.bottom(), l.status.y);
  EXPECT_FLOAT_EQ(l.monitors.right(), w);
  EXPECT_FLOAT_EQ(l.controls.x, 0);
  EXPECT_FLOAT_EQ(l.population.x, l.controls.right());
  EXPECT_FLOAT_EQ(l.analysis.x, l.population.right());
  EXPECT_FLOAT_EQ(l.analysis.right(), w);
  EXPECT_FLOAT_EQ(l.status.bottom(), h);
  EXPECT_FLOAT_EQ(l.status.w, w);
  EXPECT_GE(l.population.w, 0.3f * w - 1);
}

TEST(UiScale, LayoutTilesTheWindowAtTheProjectorSizes) {
  struct Case {
    float w, h, scale;
  };
  for (const Case c :
       {Case{1280, 800, 1}, Case{1280, 800, 1.5f}, Case{1920, 1080, 1.35f}, Case{1920, 1080, 1.5f},
        Case{3840, 2160, 2.7f}, Case{1280, 800, 4}, Case{640, 480, 1}}) {
    SCOPED_TRACE(testing::Message() << c.w << "x" << c.h << " at " << c.scale);
    const float menu = 20 * c.scale, status = 26 * c.scale, monitors = 70 * c.scale;
    const DashboardLayout l = dashboard_layout(c.w, c.h, c.scale, menu, status, monitors);
    expect_tiles(l, c.w, c.h, menu);
  }
}

TEST(UiScale, SideColumnsGrowWithTheScaleWhenThereIsRoom) {
  const DashboardLayout one = dashboard_layout(1920, 1080, 1, 20, 26, 70);
  const DashboardLayout big = dashboard_layout(3840, 2160, 2.7f, 54, 70, 189);
  EXPECT_FLOAT_EQ(one.controls.w, 420);  // at scale 1 the column stops growing at 420 px
  EXPECT_FLOAT_EQ(big.controls.w, 960);  // at 2.7 it may take its quarter of the width
  EXPECT_GE(big.controls.w, 260 * 2.7f);
  // At 1280x800 and scale 1.5 the minimums hold: 390 and 480 pixels.
  const DashboardLayout zoomed = dashboard_layout(1280, 800, 1.5f, 30, 39, 105);
  EXPECT_FLOAT_EQ(zoomed.controls.w, 390);
  EXPECT_FLOAT_EQ(zoomed.analysis.w, 480);
}

}  // namespace
}  // namespace attachsim::viz
