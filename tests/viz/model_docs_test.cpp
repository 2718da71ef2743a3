// Tests of the "How the model works" page's reading of docs/model.md (model_docs.hpp).
#include "attachsim/viz/model_docs.hpp"

#include <gtest/gtest.h>

namespace attachsim::viz {
namespace {

TEST(ModelDocs, SplitsAtHeadingsAndJoinsParagraphs) {
  const auto sections = parse_markdown(
      "# The model\n\nIntro line one\nline two.\n\n## 1. Overview\n\nText with `code` and "
      "**bold** and [a link](x.md).\n\n- first item\n  continues\n- second\n\n### 1.1 Part\n\n"
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nint x;\n\n```\n");
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[0].title, "The model");
  ASSERT_EQ(sections[0].blocks.size(), 1u);
  EXPECT_EQ(sections[0].blocks[0].text, "Intro line one line two.");
  EXPECT_EQ(sections[1].title, "1. Overview");
  EXPECT_EQ(sections[1].level, 2);
  ASSERT_EQ(sections[1].blocks.size(), 3u);
  EXPECT_EQ(sections[1].blocks[0].text, "Text with code and bold and a link.");
  EXPECT_EQ(sections[1].blocks[1].kind, DocBlock::Kind::Bullet);
  EXPECT_EQ(sections[1].blocks[1].text, "first item continues");
  EXPECT_EQ(sections[1].blocks[2].text, "second");
  EXPECT_EQ(sections[2].title, "1.1 Part");
  EXPECT_EQ(sections[2].level, 3);
  ASSERT_EQ(sections[2].blocks.size(), 4u);
  EXPECT_EQ(sections[2].blocks[0].kind, DocBlock::Kind::Table);
  EXPECT_EQ(sections[2].blocks[1].text, "| 1 | 2 |");
  EXPECT_EQ(sections[2].blocks[2].kind, DocBlock::Kind::Code);
  EXPECT_EQ(sections[2].blocks[2].text, "int x;");
  EXPECT_EQ(sections[2].blocks[3].text, "");  // blank lines inside code are kept
}

TEST(ModelDocs, InlineMarkdownKeepsMultiplication) {
  EXPECT_EQ(plain_inline("0.4 * a + *b* and __c__"), "0.4 * a + b and c");
  EXPECT_EQ(plain_inline("[A **b**](u) `x`"), "A b x");
}

TEST(ModelDocs, ReadsTheProjectsModelDescription) {
  const ModelDocs docs = load_model_docs({"/nonexistent", ATTACHSIM_DOCS_DIR});
  ASSERT_TRUE(docs.error.empty()) << docs.error;
  EXPECT_EQ(docs.source, std::filesystem::path(ATTACHSIM_DOCS_DIR) / "model.md");
  bool ssp = false, classification = false;
  for (std::size_t i = 0; i < docs.sections.size(); ++i) {
    const DocSection& s = docs.sections[i];
    ssp = ssp || s.title.find("The virtual Strange Situation") != std::string::npos;
    classification = classification || s.title.find("Classification") != std::string::npos;
    // Every section has text of its own or subsections that do.
    const bool parts = i + 1 < docs.sections.size() && docs.sections[i + 1].level > s.level;
    EXPECT_TRUE(!s.blocks.empty() || parts) << s.title;
  }
  EXPECT_TRUE(ssp);
  EXPECT_TRUE(classification);
  EXPECT_GT(docs.sections.size(), 20u);
}

TEST(ModelDocs, SaysWhereItLookedWhenTheFileIsMissing) {
  const ModelDocs docs = load_model_docs({"/nonexistent/a", "/nonexistent/b"});
  EXPECT_TRUE(docs.sections.empty());
  EXPECT_NE(docs.error.find("/nonexistent/a/model.md"), std::string::npos);
  EXPECT_NE(docs.error.find("/nonexistent/b/model.md"), std::string::npos);
  EXPECT_NE(docs.error.find("ATTACHSIM_DOCS"), std::string::npos);
}

}  // namespace
}  // namespace attachsim::viz
