// Nesting-depth pre-scan of TOML text: tables, dotted keys, arrays and inline tables, in one linear
// pass.
#include "toml_depth.hpp"

#include <cstddef>
#include <vector>

namespace attachsim::scenario {

namespace {

class Scanner {
 public:
  Scanner(std::string_view text, int limit) : text_(text), limit_(limit) {}

  std::optional<TomlDepthProblem> run() {
    while (i_ < text_.size() && !problem_) {
      const char c = text_[i_];
      if (c == '#') {
        skip_comment();
      } else if (c == '"' || c == '\'') {
        skip_string();
        started_key_ = true;
      } else if (c == '\n') {
        advance();
        // A new line ends a statement unless an array spans lines.
        if (stack_.empty()) expect_key();
      } else if (mode_ == Mode::Key) {
        key_char(c);
      } else {
        value_char(c);
      }
    }
    return problem_;
  }

 private:
  enum class Mode { Key, Value };
  struct Frame {
    bool table;  // an inline table (else an array)
    int depth;   // the depth of the values directly inside it
  };

  void key_char(char c) {
    if (c == '[' && stack_.empty() && !started_key_) {
      header();
      return;
    }
    if (c == '.') {
      ++segments_;
      check(base() + segments_);
    } else if (c == '=') {
      value_depth_ = base() + segments_;
      mode_ = Mode::Value;
    } else if (c == '}' && !stack_.empty() && stack_.back().table) {
      close();  // an empty inline table: {}
    } else if (c != ' ' && c != '\t' && c != '\r') {
      started_key_ = true;
    }
    advance();
  }

  void value_char(char c) {
    if (c == '{') {
      stack_.push_back(Frame{true, value_depth_});
      check(value_depth_ + 1);
      advance();
      expect_key();
      return;
    }
    if (c == '[') {
      stack_.push_back(Frame{false, value_depth_ + 1});
      check(value_depth_ + 1);
      value_depth_ = stack_.back().depth;
    } else if (c == ',' && !stack_.empty()) {
      if (stack_.back().table) {
        advance();
        expect_key();
        return;
      }
      value_depth_ = stack_.back().depth;
    } else if ((c == ']' && !stack_.empty() && !stack_.back().table) ||
               (c == '}' && !stack_.empty() && stack_.back().table)) {
      close();
    }
    advance();
  }

  // A `[table]` or `[[array.of.tables]]` header; its depth is where the following keys start.
  void header() {
    advance();
    int depth = 1;
    if (i_ < text_.size() && text_[i_] == '[') {
      ++depth;  // an element of an array of tables
      advance();
    }
    while (i_ < text_.size() && text_[i_] != ']' && text_[i_] != '\n' && !problem_) {
      if (text_[i_] == '"' || text_[i_] == '\'') {
        skip_string();
        continue;
      }
      if (text_[i_] == '.') check(++depth);
      advance();
    }
    header_depth_ = depth;
    started_key_ = true;  // the rest of the line is not a key
  }

  void close() {
    stack_.pop_back();
    value_depth_ = stack_.empty() ? header_depth_ : stack_.back().depth;
    mode_ = Mode::Value;
  }

  void expect_key() {
    mode_ = Mode::Key;
    segments_ = 1;
    started_key_ = false;
  }

  int base() const { return stack_.empty() ? header_depth_ : stack_.back().depth; }

  void check(int depth) {
    if (depth > limit_ && !problem_) problem_ = TomlDepthProblem{line_, column_};
  }

  void skip_comment() {
    while (i_ < text_.size() && text_[i_] != '\n') advance();
  }

  // Basic ("...", """...""") and literal ('...', '''...''') strings; a line
  // break ends a single-line string (the parser reports it).
  void skip_string() {
    const char quote = text_[i_];
    const bool multi = text_.substr(i_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''");
    const std::size_t open = multi ? 3 : 1;
    for (std::size_t k = 0; k < open; ++k) advance();
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\\' && quote == '"') {
        advance();
        if (i_ < text_.size()) advance();
        continue;
      }
      if (!multi && c == '\n') return;
      if (c == quote &&
          (!multi || text_.substr(i_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''"))) {
        for (std::size_t k = 0; k < open; ++k) advance();
        // A multi-line string may end in up to two more quotes ("""a"""" is `a"`).
        while (multi && i_ < text_.size() && text_[i_] == quote) advance();
        return;
      }
      advance();
    }
  }

  void advance() {
    const unsigned char c = static_cast<unsigned char>(text_[i_++]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_;  // count code points, not continuation bytes
    }
  }

  std::string_view text_;
  int limit_;
  std::size_t i_ = 0;
  int line_ = 1, column_ = 1;
  Mode mode_ = Mode::Key;
  int header_depth_ = 0;  // the root table
  int segments_ = 1;
  int value_depth_ = 0;
  bool started_key_ = false;
  std::vector<Frame> stack_;
  std::optional<TomlDepthProblem> problem_;
};

}  // namespace

std::optional<TomlDepthProblem> find_excess_nesting(std::string_view text, int limit) {
  return Scanner(text, limit).run();
}

}  // namespace attachsim::scenario
