// Small charts drawn with ImGui's draw lists (ImPlot is not packaged): axes, lines, bands, points,
// bars.
#pragma once

#include <imgui.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "attachsim/infant.hpp"
#include "ui_units.hpp"

namespace attachsim::viz {

// A plotting rectangle and its data ranges. Created by begin_plot, which draws
// the frame, grid and tick labels and reserves the space in the layout.
class Plot {
 public:
  // Reserves `size` (width <= 0: all available) and draws the frame and axes.
  Plot(const char* id, ImVec2 size, double x0, double x1, double y0, double y1, const char* title,
       const char* x_label, int y_ticks = 4, const char* y_format = "%.2g");

  ImVec2 to_screen(double x, double y) const;
  double x_at(float screen_x) const;
  bool hovered() const { return hovered_; }
  ImVec2 mouse() const { return ImGui::GetIO().MousePos; }
  ImDrawList* draw() const { return draw_; }

  void line(std::span<const float> xs, std::span<const float> ys, ImU32 colour,
            float thickness = 1.5f) const;
  void dashed(std::span<const float> xs, std::span<const float> ys, ImU32 colour) const;
  // A horizontal band from x0 to x1 between y0 and y1.
  void band(double x0, double x1, double y0, double y1, ImU32 colour) const;
  void point(double x, double y, ImU32 colour, float radius = 3.0f) const;
  void marker(double x, double y, ImU32 colour) const;  // a diamond with an outline
  // The strategy's or class's shape (ui_units.hpp) with an outline.
  void glyph(double x, double y, Strategy s, ImU32 colour) const;
  // `text` just right of the last point of a line: series named where they are, not by colour.
  void end_label(std::span<const float> xs, std::span<const float> ys, const char* text,
                 ImU32 colour) const;
  void bar(double x0, double x1, double y, ImU32 colour) const;
  void vertical(double x, ImU32 colour) const;
  void horizontal(double y, ImU32 colour) const;
  struct LegendItem {
    std::string label;
    ImU32 colour;
    std::optional<Strategy> glyph = std::nullopt;  // a class's shape, else a line swatch
  };
  // Draws the entries inside the top of the plot, wrapping; returns the y below the last row.
  float legend(const std::vector<LegendItem>& entries) const;

 private:
  ImDrawList* draw_;
  ImVec2 min_, max_;
  double x0_, x1_, y0_, y1_;
  bool hovered_ = false;
};

ImU32 to_imgui(unsigned char r, unsigned char g, unsigned char b, unsigned char a = 255);

}  // namespace attachsim::viz
