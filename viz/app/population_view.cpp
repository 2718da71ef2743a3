// The population view: texture upload, the zoomed image, hover tooltip, selection marks.
#include "population_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "attachsim/classification.hpp"
#include "ui_units.hpp"

namespace attachsim::viz {

void PopulationView::update(const std::shared_ptr<const DyadCells>& cells, Measure measure,
                            Arrangement arrangement) {
  if (!cells) return;
  const auto now = std::chrono::steady_clock::now();
  const bool new_population =
      !cells_ || cells_->count != cells->count || arranged_.position.size() != cells->count;
  const bool chosen = arranged_.arrangement != arrangement;
  // Sorted arrangements follow the strategies as they change: once the picture has settled (no
  // new cells for 150 ms: paused), else at most once a second, since a re-sort every frame would
  // make a playing picture shimmer and cost a sort per frame (100,000 dyads: tens of ms).
  if (cells != cells_) cells_changed_at_ = now;
  const bool settled = now - cells_changed_at_ > std::chrono::milliseconds(150);
  const bool stale = arrangement != Arrangement::Grid && cells != arranged_from_ &&
                     (settled || now - arranged_at_ > std::chrono::seconds(1));
  const bool rearrange = new_population || chosen || stale;
  if (!rearrange && coloured_ && cells == cells_ && measure == measure_) return;
  if (rearrange) {
    // Glide from the old places when the teacher picks another arrangement (and there are few
    // enough dyads); the once-a-second re-sorts while playing move few dyads and jump.
    animate_ = chosen && !new_population && cells->count <= kAnimatedDyads;
    if (animate_) {
      previous_position_ = arranged_.position;
      previous_width_ = arranged_.width;
      animation_start_ = now;
    }
    arranged_ = arrange(*cells, arrangement);
    arranged_from_ = cells;
    arranged_at_ = now;
    if (new_population) reset_zoom();
  }
  if (texture_.getSize().x != arranged_.width || texture_.getSize().y != arranged_.height) {
    texture_.create(arranged_.width, arranged_.height);
    texture_.setSmooth(false);  // a dyad is a crisp square at any zoom
  }
  // Colours by dyad, then each to its place; gaps between blocks and after the last dyad are
  // padding.
  const GridLayout by_id = cells->layout;
  colours_.resize(static_cast<std::size_t>(by_id.width) * by_id.height);
  colour_cells(*cells, measure, colours_);
  pixels_.assign(static_cast<std::size_t>(arranged_.width) * arranged_.height, kPaddingColour);
  for (std::uint32_t id = 0; id < cells->count; ++id)
    pixels_[arranged_.position[id]] = colours_[id];
  texture_.update(reinterpret_cast<const sf::Uint8*>(pixels_.data()));
  cells_ = cells;
  measure_ = measure;
  coloured_ = true;
}

bool PopulationView::animating() const {
  return animate_ &&
         std::chrono::duration<double>(std::chrono::steady_clock::now() - animation_start_)
                 .count() < kAnimationSeconds;
}

void PopulationView::draw_animation(ImDrawList* draw, float cell) const {
  const double t =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - animation_start_).count() /
      kAnimationSeconds;
  // Ease in and out (smoothstep).
  const auto f = static_cast<float>(std::clamp(t, 0.0, 1.0));
  const float e = f * f * (3 - 2 * f);
  const float size = std::max(cell, 1.0f);
  for (std::uint32_t id = 0; id < cells_->count; ++id) {
    const std::uint32_t from = previous_position_[id], to = arranged_.position[id];
    const float x0 = static_cast<float>(from % previous_width_),
                y0 = static_cast<float>(from / previous_width_);
    const float x1 = static_cast<float>(to % arranged_.width),
                y1 = static_cast<float>(to / arranged_.width);
    const ImVec2 a(image_min_.x + (x0 + (x1 - x0) * e) * cell,
                   image_min_.y + (y0 + (y1 - y0) * e) * cell);
    const Rgba c = colours_[id];
    draw->AddRectFilled(a, ImVec2(a.x + size, a.y + size), IM_COL32(c.r, c.g, c.b, 255));
  }
}

void PopulationView::draw_cell_shapes(ImDrawList* draw, float cell) const {
  // Zoomed in far enough, each cell of a categorical measure also shows its class's shape, so
  // the population view does not rest on colour alone either. Only the visible cells are drawn.
  if (!categorical(measure_) || cell < em(10)) return;
  const auto first = [&](float from, float origin) {
    return static_cast<std::uint32_t>(std::max(0.0f, std::floor((from - origin) / cell)));
  };
  const std::uint32_t col0 = first(view_min_.x, image_min_.x),
                      row0 = first(view_min_.y, image_min_.y);
  const std::uint32_t col1 = std::min(arranged_.width, first(view_max_.x, image_min_.x) + 1),
                      row1 = std::min(arranged_.height, first(view_max_.y, image_min_.y) + 1);
  const ImU32 ink = IM_COL32(20, 20, 26, 170);
  for (std::uint32_t row = row0; row < row1; ++row)
    for (std::uint32_t col = col0; col < col1; ++col) {
      const std::uint32_t id =
          arranged_.dyad_at[static_cast<std::size_t>(row) * arranged_.width + col];
      if (id == kNoDyad) continue;
      Strategy shape = cells_->strategy[id];
      if (measure_ == Measure::Class) {
        switch (cells_->provisional[id]) {
          case Class4::A:
            shape = Strategy::Minimising;
            break;
          case Class4::B:
            shape = Strategy::Open;
            break;
          case Class4::C:
            shape = Strategy::Maximising;
            break;
          case Class4::D:
            shape = Strategy::Conflict;
            break;
          case Class4::CC:  // no organised strategy toward this caregiver yet (grey)
            shape = Strategy::None;
            break;
        }
      }
      const ImVec2 centre(image_min_.x + (static_cast<float>(col) + 0.5f) * cell,
                          image_min_.y + (static_cast<float>(row) + 0.5f) * cell);
      strategy_glyph(draw, centre, cell * 0.3f, shape, ink);
    }
}

void PopulationView::draw_block_labels(ImDrawList* draw, float cell) const {
  if (arranged_.arrangement == Arrangement::Sensitivity ||
      arranged_.arrangement == Arrangement::Subgroup) {
    // The sensitivity axis, left of the grid when there is room for it.
    const ImU32 text = IM_COL32(200, 200, 210, 255);
    const float line = ImGui::GetTextLineHeight();
    const char* low = "low sensitivity";
    const char* high = "high";
    const float w = ImGui::CalcTextSize(low).x;
    if (image_min_.x - view_min_.x > w + 6) {
      draw->AddText(ImVec2(image_min_.x - w - 4, std::max(image_min_.y, view_min_.y)), text, low);
      const float hw = ImGui::CalcTextSize(high).x;
      const float bottom =
          image_min_.y + static_cast<float>(arranged_.blocks.front().height) * cell;
      draw->AddText(ImVec2(image_min_.x - hw - 4, std::min(bottom, view_max_.y) - line), text,
                    high);
    }
  }
  if (arranged_.blocks.size() < 2) return;
  for (const ArrangementBlock& b : arranged_.blocks) {
    char text[160];
    std::snprintf(text, sizeof text, "%s (%u)", b.label.c_str(), b.count);
    const ImVec2 at(image_min_.x + static_cast<float>(b.x) * cell,
                    image_min_.y + static_cast<float>(b.y) * cell);
    const ImVec2 extent = ImGui::CalcTextSize(text);
    const float w = std::min(extent.x, static_cast<float>(b.width) * cell);
    draw->AddRectFilled(at, ImVec2(at.x + w + 4, at.y + extent.y), IM_COL32(0, 0, 0, 190));
    draw->PushClipRect(at, ImVec2(at.x + static_cast<float>(b.width) * cell, at.y + extent.y),
                       true);
    draw->AddText(ImVec2(at.x + 2, at.y), IM_COL32(255, 255, 255, 255), text);
    draw->PopClipRect();
  }
}

void PopulationView::reset_zoom() {
  zoom_ = 1.0f;
  centre_ = ImVec2(0.5f, 0.5f);
}

void PopulationView::set_zoom(float zoom, ImVec2 centre) {
  zoom_ = std::clamp(zoom, 1.0f, 64.0f);
  centre_ = centre;
}

std::optional<std::uint32_t> PopulationView::dyad_at(ImVec2 p) const {
  if (!cells_ || image_max_.x <= image_min_.x) return std::nullopt;
  if (p.x < view_min_.x || p.y < view_min_.y || p.x >= view_max_.x || p.y >= view_max_.y)
    return std::nullopt;
  const float u = (p.x - image_min_.x) / (image_max_.x - image_min_.x);
  const float v = (p.y - image_min_.y) / (image_max_.y - image_min_.y);
  if (u < 0 || v < 0 || u >= 1 || v >= 1) return std::nullopt;
  const auto col = static_cast<std::uint32_t>(u * static_cast<float>(arranged_.width));
  const auto row = static_cast<std::uint32_t>(v * static_cast<float>(arranged_.height));
  const std::size_t position = static_cast<std::size_t>(row) * arranged_.width + col;
  if (position >= arranged_.dyad_at.size()) return std::nullopt;
  const std::uint32_t id = arranged_.dyad_at[position];
  if (id == kNoDyad || id >= cells_->count) return std::nullopt;
  return id;
}

ImVec2 PopulationView::cell_origin(std::uint32_t id) const {
  const float cw = (image_max_.x - image_min_.x) / static_cast<float>(arranged_.width);
  const float ch = (image_max_.y - image_min_.y) / static_cast<float>(arranged_.height);
  const std::uint32_t p = arranged_.position[id];
  return ImVec2(image_min_.x + static_cast<float>(p % arranged_.width) * cw,
                image_min_.y + static_cast<float>(p / arranged_.width) * ch);
}

void PopulationView::tooltip_for(std::uint32_t id) const {
  const DyadCells& c = *cells_;
  ImGui::BeginTooltip();
  ImGui::Text("Dyad %u (grid row %u, column %u)", id, id / c.layout.width, id % c.layout.width);
  if (id < c.subgroup.size() && c.subgroup[id] < c.subgroup_names.size() &&
      c.subgroup_names.size() > 1)
    ImGui::Text("Subgroup: %s", c.subgroup_names[c.subgroup[id]].c_str());
  ImGui::Text("Strategy: %s   class with primary: %s", strategy_name(c.strategy[id]),
              class_name(c.provisional[id]));
  ImGui::Text("Security expectation %.2f   infant stress %.2f", static_cast<double>(c.security[id]),
              static_cast<double>(c.infant_stress[id]));
  if (std::isnan(c.sensitivity[id]))
    ImGui::TextUnformatted("No caregiver in slot 0");
  else
    ImGui::Text("Caregiver sensitivity %.2f   stress %.2f", static_cast<double>(c.sensitivity[id]),
                static_cast<double>(c.caregiver_stress[id]));
  ImGui::TextDisabled("Click: inspect   Ctrl+click: add to the event selection");
  ImGui::EndTooltip();
}

PopulationViewInput PopulationView::draw(const char* id, ImVec2 size,
                                         std::optional<std::uint32_t> inspected,
                                         const std::set<std::uint32_t>& selection,
                                         const std::vector<std::uint32_t>& neighbours,
                                         bool tooltip) {
  PopulationViewInput input;
  ImGui::BeginChild(id, size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::InvisibleButton("canvas", ImVec2(std::max(avail.x, 8.0f), std::max(avail.y, 8.0f)),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  view_min_ = origin;
  view_max_ = ImVec2(origin.x + avail.x, origin.y + avail.y);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // No background fill: the window's clear colour frames the grid, and a blended
  // fill of the whole view is a noticeable cost under software rendering.
  if (!cells_ || cells_->count == 0) {
    ImGui::EndChild();
    return input;
  }
  // Fit the grid (square cells) in the view at zoom 1, then scale about the centre point.
  const GridLayout layout{arranged_.width, arranged_.height};
  const float fit = std::min(avail.x / static_cast<float>(layout.width),
                             avail.y / static_cast<float>(layout.height));
  const float cell = fit * zoom_;
  const ImVec2 grid(cell * static_cast<float>(layout.width),
                    cell * static_cast<float>(layout.height));
  const ImVec2 mid((view_min_.x + view_max_.x) / 2, (view_min_.y + view_max_.y) / 2);
  image_min_ = ImVec2(mid.x - centre_.x * grid.x, mid.y - centre_.y * grid.y);
  image_max_ = ImVec2(image_min_.x + grid.x, image_min_.y + grid.y);

  ImGuiIO& io = ImGui::GetIO();
  if (hovered && io.MouseWheel != 0) {
    // Zoom about the mouse: the grid point under it stays under it.
    const float u = (io.MousePos.x - image_min_.x) / grid.x,
                v = (io.MousePos.y - image_min_.y) / grid.y;
    const float next = std::clamp(zoom_ * std::pow(1.25f, io.MouseWheel), 1.0f, 64.0f);
    const float ratio = next / zoom_;
    zoom_ = next;
    const ImVec2 grid_next(grid.x * ratio, grid.y * ratio);
    const ImVec2 new_min(io.MousePos.x - u * grid_next.x, io.MousePos.y - v * grid_next.y);
    centre_ = ImVec2((mid.x - new_min.x) / grid_next.x, (mid.y - new_min.y) / grid_next.y);
  }
  // Pan: drag with the right or middle button (the left one selects).
  for (ImGuiMouseButton b : {ImGuiMouseButton_Right, ImGuiMouseButton_Middle})
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(b, 0.0f)) {
      const ImVec2 d = io.MouseDelta;
      centre_.x -= d.x / (cell * static_cast<float>(layout.width));
      centre_.y -= d.y / (cell * static_cast<float>(layout.height));
    }
  if (zoom_ <= 1.0f) centre_ = ImVec2(0.5f, 0.5f);
  centre_.x = std::clamp(centre_.x, 0.0f, 1.0f);
  centre_.y = std::clamp(centre_.y, 0.0f, 1.0f);
  image_min_ = ImVec2(mid.x - centre_.x * grid.x, mid.y - centre_.y * grid.y);
  image_max_ = ImVec2(image_min_.x + grid.x, image_min_.y + grid.y);

  draw->PushClipRect(view_min_, view_max_, true);
  if (animating() && previous_position_.size() == cells_->count)
    draw_animation(draw, cell);
  else
    draw->AddImage(static_cast<ImTextureID>(&texture_), image_min_, image_max_);
  if (!animating()) draw_cell_shapes(draw, cell);
  draw_block_labels(draw, cell);
  const auto outline = [&](std::uint32_t dyad, ImU32 colour, float thickness) {
    if (dyad >= cells_->count) return;
    const ImVec2 a = cell_origin(dyad);
    const float pad = std::max(1.5f, thickness);
    draw->AddRect(ImVec2(a.x - pad, a.y - pad), ImVec2(a.x + cell + pad, a.y + cell + pad), colour,
                  0, 0, thickness);
  };
  for (std::uint32_t n : neighbours) outline(n, IM_COL32(255, 255, 255, 120), 1.0f);
  for (std::uint32_t s : selection) outline(s, IM_COL32(255, 220, 0, 255), 1.5f);
  if (inspected) outline(*inspected, IM_COL32(255, 255, 255, 255), 2.0f);
  draw->PopClipRect();

  if (hovered) {
    const auto under = dyad_at(io.MousePos);
    if (under && tooltip) tooltip_for(*under);
    const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left);
    if (under && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && drag.x == 0 && drag.y == 0) {
      if (io.KeyCtrl)
        input.toggled = under;
      else
        input.clicked = under;
    }
  }
  ImGui::EndChild();
  return input;
}

}  // namespace attachsim::viz
