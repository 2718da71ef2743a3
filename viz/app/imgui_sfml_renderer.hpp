// Draws Dear ImGui's vertex lists with SFML (no raw GL): each command a triangle list, clipped by
// an sf::View.
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/Vertex.hpp>
#include <vector>

struct ImDrawData;

namespace attachsim::viz {

// ImTextureID is an sf::Texture*, so SFML textures (the population view)
// show in ImGui windows. Using SFML for both keeps one owner of the GL state:
// mixing ImGui's GL backends with SFML needs push/popGLStates every frame.
class ImGuiSfmlRenderer {
 public:
  // Builds the font atlas texture; call after fonts are added and a GL context exists.
  void create_font_texture();
  void render(sf::RenderTarget& target, const ImDrawData* data);

 private:
  sf::Texture font_;
  std::vector<sf::Vertex> vertices_;
};

}  // namespace attachsim::viz
