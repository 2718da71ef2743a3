// The population view: texture upload, the zoomed image, hover tooltip, selection marks.
#include "population_view.hpp"

#include <algorithm>
#include <cmath>

#include "attachsim/classification.hpp"

namespace attachsim::viz {

void PopulationView::update(const std::shared_ptr<const DyadCells>& cells, Measure measure) {
  if (!cells) return;
  if (coloured_ && cells == cells_ && measure == measure_) return;
  const GridLayout layout = cells->layout;
  if (texture_.getSize().x != layout.width || texture_.getSize().y != layout.height) {
    texture_.create(layout.width, layout.height);
    texture_.setSmooth(false);  // a dyad is a crisp square at any zoom
  }
  pixels_.resize(static_cast<std::size_t>(layout.width) * layout.height);
  colour_cells(*cells, measure, pixels_);
  texture_.update(reinterpret_cast<const sf::Uint8*>(pixels_.data()));
  cells_ = cells;
  measure_ = measure;
  coloured_ = true;
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
  const auto col = static_cast<std::uint32_t>(u * static_cast<float>(cells_->layout.width));
  const auto row = static_cast<std::uint32_t>(v * static_cast<float>(cells_->layout.height));
  const std::uint32_t id = row * cells_->layout.width + col;
  if (id >= cells_->count) return std::nullopt;
  return id;
}

ImVec2 PopulationView::cell_origin(std::uint32_t id) const {
  const GridLayout layout = cells_->layout;
  const float cw = (image_max_.x - image_min_.x) / static_cast<float>(layout.width);
  const float ch = (image_max_.y - image_min_.y) / static_cast<float>(layout.height);
  return ImVec2(image_min_.x + static_cast<float>(id % layout.width) * cw,
                image_min_.y + static_cast<float>(id / layout.width) * ch);
}

void PopulationView::tooltip_for(std::uint32_t id) const {
  const DyadCells& c = *cells_;
  ImGui::BeginTooltip();
  ImGui::Text("Dyad %u (row %u, column %u)", id, id / c.layout.width, id % c.layout.width);
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
  const GridLayout layout = cells_->layout;
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
  draw->AddImage(static_cast<ImTextureID>(&texture_), image_min_, image_max_);
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
