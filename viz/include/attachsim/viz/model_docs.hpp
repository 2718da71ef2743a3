// "How the model works": docs/model.md read at run time and split into sections for the in-app
// page.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace attachsim::viz {

// One block of a section, its Markdown reduced to what the page draws.
struct DocBlock {
  enum class Kind { Paragraph, Bullet, Code, Table, Subheading };
  Kind kind = Kind::Paragraph;
  std::string text;  // inline Markdown removed (`code`, **bold**, *em*, [text](link) -> text)
  int indent = 0;    // bullets: nesting level
};

struct DocSection {
  std::string title;  // "1. Overview", "2.1 Infant (infant.hpp)"
  int level = 2;      // 2 for ##, 3 for ###, 4 for ####
  std::vector<DocBlock> blocks;
};

// Splits Markdown at its ##, ### and #### headings (text before the first ## goes into a section
// named after the # title, or "Introduction"). Paragraph lines are joined; a list item takes its
// continuation lines; fenced code and tables are kept line for line.
std::vector<DocSection> parse_markdown(std::string_view markdown);

// Inline Markdown to plain text.
std::string plain_inline(std::string_view text);

struct ModelDocs {
  std::vector<DocSection> sections;
  std::filesystem::path source;  // the file read, empty when none was found
  std::string error;             // why there are no sections (what was looked for)
};

// Reads model.md from the first folder of `folders` that has it.
ModelDocs load_model_docs(const std::vector<std::filesystem::path>& folders);

}  // namespace attachsim::viz
