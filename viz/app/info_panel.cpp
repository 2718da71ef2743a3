// "How the model works" (NetLogo's Info tab): the scenario's [meta] summary and lesson, and
// docs/model.md section by section, read from the file at run time (never a second copy).
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

#include "ui_units.hpp"
#include "viewer.hpp"

namespace attachsim::viz {
namespace {

// Where model.md is looked for: $ATTACHSIM_DOCS, the source tree the viewer was built from, and
// docs/ under the working folder.
std::vector<std::filesystem::path> docs_folders() {
  std::vector<std::filesystem::path> folders;
  if (const char* env = std::getenv("ATTACHSIM_DOCS"); env && *env) folders.emplace_back(env);
  folders.emplace_back(ATTACHSIM_DOCS_DIR);
  folders.emplace_back("docs");
  return folders;
}

bool contains_folded(const std::string& text, const char* needle) {
  if (!*needle) return true;
  const std::string n(needle);
  return std::search(text.begin(), text.end(), n.begin(), n.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

bool section_matches(const DocSection& s, const char* filter) {
  if (contains_folded(s.title, filter)) return true;
  for (const DocBlock& b : s.blocks)
    if (contains_folded(b.text, filter)) return true;
  return false;
}

void draw_blocks(const DocSection& section) {
  ImGui::PushTextWrapPos(0);
  const ImVec4 dim(0.72f, 0.78f, 0.85f, 1);
  for (const DocBlock& b : section.blocks) {
    switch (b.kind) {
      case DocBlock::Kind::Paragraph:
        ImGui::TextUnformatted(b.text.c_str());
        ImGui::Spacing();
        break;
      case DocBlock::Kind::Bullet:
        if (b.indent > 0) ImGui::Indent(em(16) * static_cast<float>(b.indent));
        ImGui::Bullet();
        ImGui::TextUnformatted(b.text.c_str());
        if (b.indent > 0) ImGui::Unindent(em(16) * static_cast<float>(b.indent));
        break;
      case DocBlock::Kind::Code:
      case DocBlock::Kind::Table:
        ImGui::PushStyleColor(ImGuiCol_Text, dim);
        ImGui::TextUnformatted(b.text.empty() ? " " : b.text.c_str());
        ImGui::PopStyleColor();
        break;
      case DocBlock::Kind::Subheading:
        ImGui::TextColored(ImVec4(0.7f, 0.85f, 1.0f, 1), "%s", b.text.c_str());
        break;
    }
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

void Viewer::info_window() {
  if (!docs_) {
    docs_ = load_model_docs(docs_folders());
    // Start at the overview.
    for (std::size_t i = 0; i < docs_->sections.size(); ++i)
      if (docs_->sections[i].title.find("Overview") != std::string::npos) {
        info_section_ = static_cast<int>(i);
        break;
      }
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(em(900), display.x * 0.92f), display.y * 0.86f),
                           ImGuiCond_Appearing);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.09f, 0.09f, 0.11f, 1));  // floats over panels
  const bool open = ImGui::Begin("How the model works", &show_info_, ImGuiWindowFlags_NoCollapse);
  ImGui::PopStyleColor();
  if (open && ImGui::BeginTabBar("info tabs")) {
    const bool force = info_tab_forced_;
    info_tab_forced_ = false;
    if (ImGui::BeginTabItem("This scenario", nullptr,
                            force && !info_model_first_ ? ImGuiTabItemFlags_SetSelected : 0)) {
      info_scenario_tab();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("The model", nullptr,
                            force && info_model_first_ ? ImGuiTabItemFlags_SetSelected : 0)) {
      info_model_tab();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void Viewer::info_scenario_tab() {
  ImFont* large = large_font_ ? large_font_ : ImGui::GetFont();
  ImGui::PushFont(large);
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImVec4(0.7f, 0.85f, 1.0f, 1), "%s", snap_->source_name.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::TextDisabled("From %s", snap_->source_origin.c_str());
  ImGui::BeginChild("scenario text");
  ImGui::PushTextWrapPos(0);
  if (!snap_->source_summary.empty()) {
    ImGui::TextColored(ImVec4(1, 0.9f, 0.6f, 1), "In one line");
    ImGui::TextUnformatted(snap_->source_summary.c_str());
    ImGui::Spacing();
  }
  ImGui::TextColored(ImVec4(1, 0.9f, 0.6f, 1), "The lesson");
  ImGui::TextUnformatted(snap_->lesson.c_str());
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextDisabled(
      "The summary and lesson are the scenario's own [meta] (docs/scenarios.md describes scenario "
      "files); the model behind every scenario is on the next tab.");
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

void Viewer::info_model_tab() {
  const ModelDocs& docs = *docs_;
  if (docs.sections.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.6f, 0.4f, 1), "%s", docs.error.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  info_section_ = std::clamp(info_section_, 0, static_cast<int>(docs.sections.size()) - 1);
  // Contents on the left (with a filter), the section on the right.
  const float contents_w = std::min(em(260), ImGui::GetContentRegionAvail().x * 0.36f);
  ImGui::BeginChild("contents", ImVec2(contents_w, 0), true);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##filter", "search the model", info_filter_, sizeof info_filter_);
  for (std::size_t i = 0; i < docs.sections.size(); ++i) {
    const DocSection& s = docs.sections[i];
    if (s.level > 3 && !*info_filter_) continue;  // parameter roles only when searching
    if (!section_matches(s, info_filter_)) continue;
    const float indent = em(12) * static_cast<float>(std::max(0, s.level - 2));
    if (indent > 0) ImGui::Indent(indent);
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(s.title.c_str(), info_section_ == static_cast<int>(i)))
      info_section_ = static_cast<int>(i);
    ImGui::PopID();
    if (indent > 0) ImGui::Unindent(indent);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("section");
  const DocSection& s = docs.sections[static_cast<std::size_t>(info_section_)];
  ImGui::PushFont(large_font_ ? large_font_ : ImGui::GetFont());
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImVec4(0.7f, 0.85f, 1.0f, 1), "%s", s.title.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::Separator();
  draw_blocks(s);
  // A ## section also shows its ### parts, so that reading on needs no clicks.
  if (s.level == 2)
    for (std::size_t j = static_cast<std::size_t>(info_section_) + 1;
         j < docs.sections.size() && docs.sections[j].level > 2; ++j) {
      ImGui::Spacing();
      ImGui::TextColored(ImVec4(0.7f, 0.85f, 1.0f, 1), "%s", docs.sections[j].title.c_str());
      draw_blocks(docs.sections[j]);
    }
  ImGui::Spacing();
  ImGui::TextDisabled("From %s", docs.source.string().c_str());
  ImGui::EndChild();
}

}  // namespace attachsim::viz
