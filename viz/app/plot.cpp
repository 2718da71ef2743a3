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
  ImGui::InvisibleButton(id, ImVec2(std::max(size.x, em(40)), std::max(size.y, em(40))));
  hovered_ = ImGui::IsItemHovered();
  const float line = ImGui::GetTextLineHeight();
  // Room for the title above, tick labels left (as wide as the widest) and below.
  char label[32];
  float widest = 0;
  for (int i = 0; i <= y_ticks; ++i) {
    std::snprintf(label, sizeof label, y_format, y0_ + (y1_ - y0_) * i / y_ticks);
    widest = std::max(widest, ImGui::CalcTextSize(label).x);
  }
  min_ = ImVec2(origin.x + widest + em(6), origin.y + (title && *title ? line + em(2) : em(4)));
  max_ = ImVec2(origin.x + size.x - em(6),
                origin.y + size.y - (x_label && *x_label ? 2 * line + em(2) : line + em(4)));
  const ImU32 frame = IM_COL32(110, 110, 120, 255), grid = IM_COL32(70, 70, 80, 120),
              text = IM_COL32(200, 200, 205, 255);
  draw_->AddRectFilled(min_, max_, IM_COL32(20, 20, 26, 255));
  if (title && *title) {
    // A title wider than the chart is cut at the chart's edge rather than run into the next panel.
    draw_->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + line + em(2)), true);
    draw_->AddText(ImVec2(origin.x + em(4), origin.y), text, title);
    draw_->PopClipRect();
  }
  for (int i = 0; i <= y_ticks; ++i) {
    const double y = y0_ + (y1_ - y0_) * i / y_ticks;
    const ImVec2 p = to_screen(x0_, y);
    draw_->AddLine(ImVec2(min_.x, p.y), ImVec2(max_.x, p.y), grid);
    std::snprintf(label, sizeof label, y_format, y);
    const ImVec2 extent = ImGui::CalcTextSize(label);
    draw_->AddText(ImVec2(min_.x - extent.x - em(3), p.y - extent.y / 2), text, label);
  }
  // X ticks at a round step giving about five labels.
  const double span = x1_ - x0_;
  // About one label per 55 pixels (at scale 1), at most five.
  const double labels = std::clamp(static_cast<double>(max_.x - min_.x) / em(55), 1.0, 5.0);
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
  draw_->AddPolyline(points.data(), static_cast<int>(points.size()), colour, 0, em(thickness));
  draw_->PopClipRect();
}

void Plot::dashed(std::span<const float> xs, std::span<const float> ys, ImU32 colour) const {
  const std::size_t n = std::min(xs.size(), ys.size());
  draw_->PushClipRect(min_, max_, true);
  const std::size_t stride = std::max<std::size_t>(1, n / 60);
  for (std::size_t i = 0; i + stride < n; i += 2 * stride)
    draw_->AddLine(to_screen(xs[i], ys[i]), to_screen(xs[i + stride], ys[i + stride]), colour,
                   em(1.2f));
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
  const float h = em(radius) / 2;
  draw_->AddRectFilled(ImVec2(p.x - h, p.y - h), ImVec2(p.x + h, p.y + h), colour);
}

void Plot::marker(double x, double y, ImU32 colour) const {
  const ImVec2 p = to_screen(x, y);
  const float r = em(5);
  const ImVec2 diamond[4] = {ImVec2(p.x, p.y - r), ImVec2(p.x + r, p.y), ImVec2(p.x, p.y + r),
                             ImVec2(p.x - r, p.y)};
  draw_->AddConvexPolyFilled(diamond, 4, colour);
  draw_->AddPolyline(diamond, 4, IM_COL32(255, 255, 255, 230), ImDrawFlags_Closed, 1.0f);
}

void Plot::glyph(double x, double y, Strategy s, ImU32 colour) const {
  strategy_glyph(draw_, to_screen(x, y), em(5), s, colour, true);
}

void Plot::end_label(std::span<const float> xs, std::span<const float> ys, const char* text,
                     ImU32 colour) const {
  const std::size_t n = std::min(xs.size(), ys.size());
  if (n == 0) return;
  const ImVec2 p = to_screen(xs[n - 1], ys[n - 1]);
  const ImVec2 extent = ImGui::CalcTextSize(text);
  // Just right of the line's end, kept inside the plot.
  const float x = std::min(p.x + em(3), max_.x - extent.x - em(2));
  const float y = std::clamp(p.y - extent.y / 2, min_.y, max_.y - extent.y);
  draw_->AddRectFilled(ImVec2(x - 1, y), ImVec2(x + extent.x + 1, y + extent.y),
                       IM_COL32(20, 20, 26, 200));
  draw_->AddText(ImVec2(x, y), colour, text);
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

float Plot::legend(const std::vector<LegendItem>& entries) const {
  // Inside the plot's top edge, wrapping onto more rows rather than dropping entries.
  const float line = ImGui::GetTextLineHeight();
  float x = min_.x + em(4), y = min_.y + em(3);
  for (const LegendItem& e : entries) {
    const ImVec2 extent = ImGui::CalcTextSize(e.label.c_str());
    const float w = line + extent.x + em(10);
    if (x + w > max_.x && x > min_.x + em(4)) {
      x = min_.x + em(4);
      y += line;
    }
    draw_->AddRectFilled(ImVec2(x - em(2), y), ImVec2(x + w - em(6), y + line),
                         IM_COL32(20, 20, 26, 190));
    if (e.glyph)
      strategy_glyph(draw_, ImVec2(x + line / 2 - em(2), y + line / 2), line * 0.34f, *e.glyph,
                     e.colour);
    else
      draw_->AddRectFilled(ImVec2(x, y + line * 0.4f), ImVec2(x + line - em(6), y + line * 0.6f),
                           e.colour);
    draw_->AddText(ImVec2(x + line - em(2), y), IM_COL32(220, 220, 225, 255), e.label.c_str());
    x += w;
  }
  return y + line;
}

}  // namespace attachsim::viz
