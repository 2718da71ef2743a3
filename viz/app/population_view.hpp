// The population view: every dyad one texel of a texture, zoomed and panned in an ImGui child, with
// hover and click.
#pragma once

#include <imgui.h>

#include <SFML/Graphics/Texture.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "attachsim/viz/colour_map.hpp"
#include "attachsim/viz/dyad_cells.hpp"

namespace attachsim::viz {

// What happened in the view this frame.
struct PopulationViewInput {
  std::optional<std::uint32_t> clicked;  // plain click: inspect this dyad
  std::optional<std::uint32_t> toggled;  // ctrl+click: add to or remove from the event selection
};

// A texture, not a vertex array: 100,000 quads cost 25-33 ms a frame under
// llvmpipe, 100,000 texels 8-11 ms (toolchain.md).
class PopulationView {
 public:
  // Recolours the texture when the cells or the measure changed.
  void update(const std::shared_ptr<const DyadCells>& cells, Measure measure);
  // Draws in a child window of `size`; marks `inspected`, `selection` and the inspected dyad's
  // neighbours.
  PopulationViewInput draw(const char* id, ImVec2 size, std::optional<std::uint32_t> inspected,
                           const std::set<std::uint32_t>& selection,
                           const std::vector<std::uint32_t>& neighbours, bool tooltip);
  void reset_zoom();
  float zoom() const { return zoom_; }
  void set_zoom(float zoom, ImVec2 centre);

 private:
  std::optional<std::uint32_t> dyad_at(ImVec2 screen) const;
  ImVec2 cell_origin(std::uint32_t id) const;
  void tooltip_for(std::uint32_t id) const;

  sf::Texture texture_;
  std::vector<Rgba> pixels_;
  std::shared_ptr<const DyadCells> cells_;
  Measure measure_ = Measure::Strategy;
  bool coloured_ = false;
  float zoom_ = 1.0f;                 // 1 = the whole population fits
  ImVec2 centre_{0.5f, 0.5f};         // the point of the grid (0-1) at the view's centre
  ImVec2 image_min_{}, image_max_{};  // where the grid lands on screen this frame
  ImVec2 view_min_{}, view_max_{};
};

}  // namespace attachsim::viz
