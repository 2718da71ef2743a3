// The ImGui renderer on SFML: indexed ImGui triangles expanded into SFML vertex lists per draw
// command.
#include "imgui_sfml_renderer.hpp"

#include <imgui.h>

#include <SFML/Graphics/RenderStates.hpp>
#include <SFML/Graphics/View.hpp>
#include <algorithm>

namespace attachsim::viz {

void ImGuiSfmlRenderer::create_font_texture() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  font_.create(static_cast<unsigned>(width), static_cast<unsigned>(height));
  font_.update(pixels);
  io.Fonts->SetTexID(static_cast<ImTextureID>(&font_));
}

void ImGuiSfmlRenderer::render(sf::RenderTarget& target, const ImDrawData* data) {
  if (!data || data->CmdListsCount == 0) return;
  const sf::Vector2u size = target.getSize();
  const float width = static_cast<float>(size.x), height = static_cast<float>(size.y);
  if (width <= 0 || height <= 0) return;
  const sf::View restore = target.getView();
  const ImVec2 origin = data->DisplayPos;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    const ImDrawIdx* idx = list->IdxBuffer.Data;
    for (int c = 0; c < list->CmdBuffer.Size; ++c) {
      const ImDrawCmd& cmd = list->CmdBuffer[c];
      if (cmd.UserCallback) {
        // The reset-render-state sentinel needs nothing here: every command sets its own state.
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      const float x0 = std::max(cmd.ClipRect.x - origin.x, 0.0f);
      const float y0 = std::max(cmd.ClipRect.y - origin.y, 0.0f);
      const float x1 = std::min(cmd.ClipRect.z - origin.x, width);
      const float y1 = std::min(cmd.ClipRect.w - origin.y, height);
      if (x1 <= x0 || y1 <= y0) continue;
      const auto* texture = static_cast<const sf::Texture*>(cmd.TextureId);
      const sf::Vector2f scale = texture ? sf::Vector2f(static_cast<float>(texture->getSize().x),
                                                        static_cast<float>(texture->getSize().y))
                                         : sf::Vector2f(1, 1);
      vertices_.resize(cmd.ElemCount);
      for (unsigned i = 0; i < cmd.ElemCount; ++i) {
        const ImDrawVert& v = vtx[cmd.VtxOffset + idx[cmd.IdxOffset + i]];
        // ImU32 colours are packed as ABGR.
        const sf::Color colour(static_cast<sf::Uint8>(v.col), static_cast<sf::Uint8>(v.col >> 8),
                               static_cast<sf::Uint8>(v.col >> 16),
                               static_cast<sf::Uint8>(v.col >> 24));
        vertices_[i] = sf::Vertex(sf::Vector2f(v.pos.x - origin.x, v.pos.y - origin.y), colour,
                                  sf::Vector2f(v.uv.x * scale.x, v.uv.y * scale.y));
      }
      // Clipping: a view showing exactly the clip rectangle, drawn into the same rectangle.
      sf::View clip(sf::FloatRect(x0, y0, x1 - x0, y1 - y0));
      clip.setViewport(
          sf::FloatRect(x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height));
      target.setView(clip);
      sf::RenderStates states;
      states.texture = texture;
      target.draw(vertices_.data(), vertices_.size(), sf::Triangles, states);
    }
  }
  target.setView(restore);
}

}  // namespace attachsim::viz
