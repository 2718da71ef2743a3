// Splits docs/model.md into the sections of the in-app "How the model works" page.
#include "attachsim/viz/model_docs.hpp"

#include <fstream>
#include <sstream>

namespace attachsim::viz {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

int heading_level(std::string_view line) {
  int n = 0;
  while (n < static_cast<int>(line.size()) && line[static_cast<std::size_t>(n)] == '#') ++n;
  if (n == 0 || n > 6 || static_cast<std::size_t>(n) >= line.size() ||
      line[static_cast<std::size_t>(n)] != ' ')
    return 0;
  return n;
}

// "- item", "* item", "1. item": the text after the marker, or npos.
std::size_t bullet_text(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') &&
      line[i + 1] == ' ')
    return i + 2;
  std::size_t j = i;
  while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
  if (j > i && j + 1 < line.size() && (line[j] == '.' || line[j] == ')') && line[j + 1] == ' ')
    return i;  // numbered items keep their number
  return std::string_view::npos;
}

}  // namespace

std::string plain_inline(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '`') continue;
    if (c == '*' || (c == '_' && i + 1 < text.size() && text[i + 1] == '_')) {
      // Emphasis markers (*, **, __) go; a lone * between spaces (multiplication) stays.
      const bool spaced = c == '*' && (i == 0 || text[i - 1] == ' ') &&
                          (i + 1 == text.size() || text[i + 1] == ' ');
      if (!spaced) {
        if (c == '_') ++i;
        continue;
      }
    }
    if (c == '[') {
      const std::size_t close = text.find(']', i);
      if (close != std::string_view::npos && close + 1 < text.size() && text[close + 1] == '(') {
        const std::size_t end = text.find(')', close);
        if (end != std::string_view::npos) {
          out += plain_inline(text.substr(i + 1, close - i - 1));
          i = end;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

std::vector<DocSection> parse_markdown(std::string_view markdown) {
  std::vector<DocSection> sections;
  std::string title = "Introduction";
  DocSection* current = nullptr;
  const auto section = [&]() -> DocSection& {
    if (!current) {
      sections.push_back(DocSection{title, 2, {}});
      current = &sections.back();
    }
    return *current;
  };
  DocBlock* open = nullptr;  // the paragraph or bullet that continuation lines join
  bool in_code = false;
  std::istringstream lines{std::string(markdown)};
  std::string raw;
  while (std::getline(lines, raw)) {
    const std::string_view line = trim(raw);
    if (line.starts_with("```")) {
      in_code = !in_code;
      open = nullptr;
      continue;
    }
    if (in_code) {
      std::string_view code = raw;
      if (!code.empty() && code.back() == '\r') code.remove_suffix(1);
      section().blocks.push_back({DocBlock::Kind::Code, std::string(code), 0});
      continue;
    }
    if (line.empty()) {
      open = nullptr;
      continue;
    }
    if (const int level = heading_level(line)) {
      const std::string text = plain_inline(trim(line.substr(static_cast<std::size_t>(level))));
      open = nullptr;
      if (level == 1) {
        title = text;
        continue;
      }
      if (level >= 5) {
        section().blocks.push_back({DocBlock::Kind::Subheading, text, 0});
        continue;
      }
      sections.push_back(DocSection{text, level, {}});
      current = &sections.back();
      continue;
    }
    if (line.front() == '|') {
      // Table rows as text; the |---| rule goes.
      if (line.find_first_not_of("|-: ") == std::string_view::npos) continue;
      section().blocks.push_back({DocBlock::Kind::Table, plain_inline(line), 0});
      open = nullptr;
      continue;
    }
    if (const std::size_t at = bullet_text(raw); at != std::string_view::npos) {
      const std::size_t spaces = raw.find_first_not_of(' ');
      section().blocks.push_back({DocBlock::Kind::Bullet,
                                  plain_inline(trim(std::string_view(raw).substr(at))),
                                  static_cast<int>(spaces / 2)});
      open = &section().blocks.back();
      continue;
    }
    if (open) {
      open->text += ' ';
      open->text += plain_inline(line);
      continue;
    }
    section().blocks.push_back({DocBlock::Kind::Paragraph, plain_inline(line), 0});
    open = &section().blocks.back();
  }
  return sections;
}

ModelDocs load_model_docs(const std::vector<std::filesystem::path>& folders) {
  ModelDocs docs;
  std::string looked;
  for (const std::filesystem::path& folder : folders) {
    if (folder.empty()) continue;
    const std::filesystem::path file = folder / "model.md";
    if (!looked.empty()) looked += ", ";
    looked += file.string();
    std::ifstream in(file, std::ios::binary);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    docs.sections = parse_markdown(text.str());
    docs.source = file;
    if (docs.sections.empty()) docs.error = file.string() + " has no sections";
    return docs;
  }
  docs.error =
      "The model's description (docs/model.md in attachsim's source) was not found; looked "
      "for " +
      (looked.empty() ? std::string("no folder") : looked) +
      ". Set ATTACHSIM_DOCS to the folder that has model.md.";
  return docs;
}

}  // namespace attachsim::viz
