// The population view: every dyad one texel of a texture, zoomed and panned in an ImGui child, with
// hover and click.
#pragma once

#include <imgui.h>

#include <SFML/Graphics/Texture.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "attachsim/viz/arrangement.hpp"
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
  // Recolours the texture when the cells or the measure changed. An arrangement other than the
  // grid is recomputed when chosen, for a new population, and at most once a second as the
  // cells change (strategies move); up to kAnimatedDyads the cells glide to their new places.
  void update(const std::shared_ptr<const DyadCells>& cells, Measure measure,
              Arrangement arrangement);
  const ArrangedCells& arranged() const { return arranged_; }
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
  // The re-sort animation: every dyad a quad between its old and new place (few dyads only).
  bool animating() const;
  void draw_animation(ImDrawList* draw, float cell) const;
  void draw_block_labels(ImDrawList* draw, float cell) const;
  void draw_cell_shapes(ImDrawList* draw, float cell) const;

  static constexpr std::uint32_t kAnimatedDyads = 12000;
  static constexpr double kAnimationSeconds = 0.8;

  sf::Texture texture_;
  std::vector<Rgba> pixels_;
  std::vector<Rgba> colours_;  // by dyad id
  ArrangedCells arranged_;
  std::shared_ptr<const DyadCells> arranged_from_;  // the cells the arrangement was made from
  std::vector<std::uint32_t> previous_position_;    // before the last re-sort (animation)
  std::uint32_t previous_width_ = 1;
  std::chrono::steady_clock::time_point arranged_at_{}, animation_start_{}, cells_changed_at_{};
  bool animate_ = false;
  std::shared_ptr<const DyadCells> cells_;
  Measure measure_ = Measure::Strategy;
  bool coloured_ = false;
  float zoom_ = 1.0f;                 // 1 = the whole population fits
  ImVec2 centre_{0.5f, 0.5f};         // the point of the grid (0-1) at the view's centre
  ImVec2 image_min_{}, image_max_{};  // where the grid lands on screen this frame
  ImVec2 view_min_{}, view_max_{};
};

}  // namespace attachsim::viz
