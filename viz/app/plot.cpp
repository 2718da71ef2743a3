// The chart primitives on ImGui draw lists.
#include "plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace attachsim::viz {

ImU32 to_imgui(unsigned char r, unsigned char g, unsigned char b, unsigned char a) {
  return IM_COL32(r, g, b, a);
}

Plot::Plot(const char* id, ImVec2 size, double x0, double x1, double y0, double y1,
           const char* title, const char* x_label, int y_ticks, const char* y_format)
    : draw_(ImGui::GetWindowDrawList()),
      x0_(x0),
      x1_(x1 > x0 ? x1 : x0 + 1),
      y0_(y0),
      y1_(y1 > y0 ? y1 : y0 + 1) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 40.0f), std::max(size.y, 40.0f)));
  hovered_ = ImGui::IsItemHovered();
  const float line = ImGui::GetTextLineHeight();
  // Room for the title above, tick labels left and below.
  min_ = ImVec2(origin.x + 38, origin.y + (title && *title ? line + 2 : 4));
  max_ = ImVec2(origin.x + size.x - 6,
                origin.y + size.y - (x_label && *x_label ? 2 * line + 2 : line + 4));
  const ImU32 frame = IM_COL32(110, 110, 120, 255), grid = IM_COL32(70, 70, 80, 120),
              text = IM_COL32(200, 200, 205, 255);
  draw_->AddRectFilled(min_, max_, IM_COL32(20, 20, 26, 255));
  if (title && *title) draw_->AddText(ImVec2(origin.x + 4, origin.y), text, title);
  char label[32];
  for (int i = 0; i <= y_ticks; ++i) {
    const double y = y0_ + (y1_ - y0_) * i / y_ticks;
    const ImVec2 p = to_screen(x0_, y);
    draw_->AddLine(ImVec2(min_.x, p.y), ImVec2(max_.x, p.y), grid);
    std::snprintf(label, sizeof label, y_format, y);
    const ImVec2 extent = ImGui::CalcTextSize(label);
    draw_->AddText(ImVec2(min_.x - extent.x - 3, p.y - extent.y / 2), text, label);
  }
  // X ticks at a round step giving about five labels.
  const double span = x1_ - x0_;
  // About one label per 55 pixels, at most five.
  const double labels = std::clamp(static_cast<double>(max_.x - min_.x) / 55.0, 1.0, 5.0);
  const double raw = span / labels;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 3.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  for (double x = std::ceil(x0_ / step) * step; x <= x1_ + 1e-9; x += step) {
    const ImVec2 p = to_screen(x, y0_);
    draw_->AddLine(ImVec2(p.x, min_.y), ImVec2(p.x, max_.y), grid);
    std::snprintf(label, sizeof label, "%g", x);
    const ImVec2 extent = ImGui::CalcTextSize(label);
    draw_->AddText(ImVec2(p.x - extent.x / 2, max_.y + 1), text, label);
  }
  if (x_label && *x_label) {
    const ImVec2 extent = ImGui::CalcTextSize(x_label);
    draw_->AddText(ImVec2((min_.x + max_.x - extent.x) / 2, max_.y + line + 1), text, x_label);
  }
  draw_->AddRect(min_, max_, frame);
}

ImVec2 Plot::to_screen(double x, double y) const {
  const double tx = (x - x0_) / (x1_ - x0_), ty = (y - y0_) / (y1_ - y0_);
  return ImVec2(static_cast<float>(min_.x + tx * (max_.x - min_.x)),
                static_cast<float>(max_.y - ty * (max_.y - min_.y)));
}

double Plot::x_at(float screen_x) const {
  return x0_ + (screen_x - min_.x) / (max_.x - min_.x) * (x1_ - x0_);
}

void Plot::line(std::span<const float> xs, std::span<const float> ys, ImU32 colour,
                float thickness) const {
  const std::size_t n = std::min(xs.size(), ys.size());
  if (n < 2) return;
  // Thin long series to about two points per pixel: the look is the same, the vertex count bounded.
  const auto pixels = static_cast<std::size_t>(std::max(1.0f, max_.x - min_.x));
  const std::size_t stride = std::max<std::size_t>(1, n / (2 * pixels));
  std::vector<ImVec2> points;
  points.reserve(n / stride + 2);
  for (std::size_t i = 0; i < n; i += stride) points.push_back(to_screen(xs[i], ys[i]));
  if ((n - 1) % stride != 0) points.push_back(to_screen(xs[n - 1], ys[n - 1]));
  draw_->PushClipRect(min_, max_, true);
  draw_->AddPolyline(points.data(), static_cast<int>(points.size()), colour, 0, thickness);
  draw_->PopClipRect();
}

void Plot::dashed(std::span<const float> xs, std::span<const float> ys, ImU32 colour) const {
  const std::size_t n = std::min(xs.size(), ys.size());
  draw_->PushClipRect(min_, max_, true);
  const std::size_t stride = std::max<std::size_t>(1, n / 60);
  for (std::size_t i = 0; i + stride < n; i += 2 * stride)
    draw_->AddLine(to_screen(xs[i], ys[i]), to_screen(xs[i + stride], ys[i + stride]), colour,
                   1.2f);
  draw_->PopClipRect();
}

void Plot::band(double x0, double x1, double y0, double y1, ImU32 colour) const {
  draw_->PushClipRect(min_, max_, true);
  draw_->AddRectFilled(to_screen(x0, y1), to_screen(x1, y0), colour);
  draw_->PopClipRect();
}

void Plot::point(double x, double y, ImU32 colour, float radius) const {
  const ImVec2 p = to_screen(x, y);
  if (p.x < min_.x || p.x > max_.x || p.y < min_.y || p.y > max_.y) return;
  // Squares: four vertices each, so a thousand points stay cheap.
  draw_->AddRectFilled(ImVec2(p.x - radius / 2, p.y - radius / 2),
                       ImVec2(p.x + radius / 2, p.y + radius / 2), colour);
}

void Plot::marker(double x, double y, ImU32 colour) const {
  const ImVec2 p = to_screen(x, y);
  const float r = 5;
  const ImVec2 diamond[4] = {ImVec2(p.x, p.y - r), ImVec2(p.x + r, p.y), ImVec2(p.x, p.y + r),
                             ImVec2(p.x - r, p.y)};
  draw_->AddConvexPolyFilled(diamond, 4, colour);
  draw_->AddPolyline(diamond, 4, IM_COL32(255, 255, 255, 230), ImDrawFlags_Closed, 1.0f);
}

void Plot::bar(double x0, double x1, double y, ImU32 colour) const {
  const ImVec2 a = to_screen(x0, y), b = to_screen(x1, y0_);
  draw_->AddRectFilled(ImVec2(a.x + 0.5f, a.y), ImVec2(b.x - 0.5f, b.y), colour);
}

void Plot::vertical(double x, ImU32 colour) const {
  const ImVec2 p = to_screen(x, y0_);
  if (p.x < min_.x || p.x > max_.x) return;
  draw_->AddLine(ImVec2(p.x, min_.y), ImVec2(p.x, max_.y), colour);
}

void Plot::horizontal(double y, ImU32 colour) const {
  const ImVec2 p = to_screen(x0_, y);
  if (p.y < min_.y || p.y > max_.y) return;
  draw_->AddLine(ImVec2(min_.x, p.y), ImVec2(max_.x, p.y), colour);
}

void Plot::legend(const std::vector<std::pair<std::string, ImU32>>& entries) const {
  float x = min_.x + 4;
  const float y = min_.y + 3;
  const float line = ImGui::GetTextLineHeight();
  for (const auto& [label, colour] : entries) {
    const ImVec2 extent = ImGui::CalcTextSize(label.c_str());
    if (x + extent.x + 14 > max_.x) break;
    draw_->AddRectFilled(ImVec2(x, y + 3), ImVec2(x + 8, y + line - 3), colour);
    draw_->AddText(ImVec2(x + 11, y), IM_COL32(220, 220, 225, 255), label.c_str());
    x += extent.x + 20;
  }
}

}  // namespace attachsim::viz
