// Writing and verifying part files: sections, trailer, CRC-32C.
#include "attachsim/scenario/unit_part.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <memory>

#include "attachsim/crc32c.hpp"

namespace attachsim::scenario {

namespace {

constexpr std::string_view kMagic = "#attachsim-part 1 ";
constexpr const char* kSectionNames[kSections] = {"dyads", "timeseries", "measures", "runs"};
constexpr std::size_t kMaxTrailer = 1024;

std::uint64_t count_lines(std::string_view text) {
  return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
}

// Parses "key=value" at the front of `rest` (value up to the next space or end).
bool take(std::string_view& rest, std::string_view key, std::string_view& value) {
  if (rest.substr(0, key.size()) != key || rest.size() <= key.size() || rest[key.size()] != '=')
    return false;
  rest.remove_prefix(key.size() + 1);
  const std::size_t end = std::min(rest.find(' '), rest.size());
  value = rest.substr(0, end);
  rest.remove_prefix(std::min(end + 1, rest.size()));
  return true;
}

template <typename T>
bool number(std::string_view text, T& out, int base = 10) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return error == std::errc() && end == text.data() + text.size();
}

// The trailer's text up to and including "crc32c=" (what the checksum covers with the body).
std::string trailer_prefix(const PartTrailer& t) {
  std::string s(kMagic);
  s += "unit=" + std::to_string(t.unit) + " fingerprint=" + t.fingerprint;
  for (std::size_t i = 0; i < kSections; ++i)
    s += std::string(" ") + kSectionNames[i] + "=" + std::to_string(t.bytes[i]) + "/" +
         std::to_string(t.rows[i]);
  return s + " crc32c=";
}

std::string hex8(std::uint32_t v) {
  char buffer[9];
  std::snprintf(buffer, sizeof buffer, "%08x", v);
  return buffer;
}

// Parses a trailer line (without its newline); false if it is not one.
bool parse_trailer(std::string_view line, PartTrailer& t) {
  if (line.substr(0, kMagic.size()) != kMagic) return false;
  std::string_view rest = line.substr(kMagic.size()), value;
  if (!take(rest, "unit", value) || !number(value, t.unit)) return false;
  if (!take(rest, "fingerprint", value) || value.empty()) return false;
  t.fingerprint = std::string(value);
  for (std::size_t i = 0; i < kSections; ++i) {
    if (!take(rest, kSectionNames[i], value)) return false;
    const std::size_t slash = value.find('/');
    if (slash == std::string_view::npos || !number(value.substr(0, slash), t.bytes[i]) ||
        !number(value.substr(slash + 1), t.rows[i]))
      return false;
  }
  if (!take(rest, "crc32c", value) || value.size() != 8 || !number(value, t.crc, 16)) return false;
  return rest.empty();
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

bool read_fully(int fd, char* data, std::size_t size, off_t offset) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, data + done, size - done, offset + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string part_name(std::uint32_t unit) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "unit-%08u.part", unit);
  return buffer;
}

bool is_part_file_name(const std::string& name) {
  if (name.size() < 18 || name.compare(0, 5, "unit-") != 0) return false;
  if (!std::all_of(name.begin() + 5, name.begin() + 13,
                   [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  const std::string rest = name.substr(13);
  return rest == ".part" || rest.rfind(".part.tmp-", 0) == 0;
}

UnitPartWriter::UnitPartWriter(const Folder& parts, std::uint32_t unit, std::string fingerprint)
    : file_(parts, part_name(unit)), unit_(unit), fingerprint_(std::move(fingerprint)) {}

void UnitPartWriter::commit() {
  PartTrailer t;
  t.unit = unit_;
  t.fingerprint = fingerprint_;
  t.bytes[0] = file_.bytes();
  t.rows[0] = file_.lines();
  const std::string* texts[] = {&timeseries, &measures, &runs};
  for (std::size_t i = 1; i < kSections; ++i) {
    t.bytes[i] = texts[i - 1]->size();
    t.rows[i] = count_lines(*texts[i - 1]);
    file_.stream() << *texts[i - 1];
  }
  file_.stream() << trailer_prefix(t);
  // The checksum so far covers the body and the trailer's prefix.
  t.crc = file_.crc();
  file_.stream() << hex8(t.crc) << '\n';
  file_.commit(DurableFile::Sync::Later);
}

std::string read_part(const Folder& parts, std::uint32_t unit, const std::string& fingerprint,
                      const std::function<void(Section, std::string_view)>& sink) {
  const std::string name = part_name(unit);
  const Descriptor fd(::openat(parts.fd(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return errno == ENOENT ? "missing" : "cannot be read";
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return "not a file";
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0) return "empty";
  // The trailer: the last line.
  const std::size_t tail = static_cast<std::size_t>(std::min<std::uint64_t>(size, kMaxTrailer));
  std::string end(tail, '\0');
  if (!read_fully(fd.get(), end.data(), tail, static_cast<off_t>(size - tail)))
    return "cannot be read";
  if (end.back() != '\n') return "cut short (no trailer)";
  std::string_view line(end);
  line.remove_suffix(1);
  if (const std::size_t newline = line.rfind('\n'); newline != std::string_view::npos)
    line.remove_prefix(newline + 1);
  PartTrailer t;
  if (!parse_trailer(line, t)) return "cut short or damaged (no valid trailer)";
  if (t.unit != unit)
    return "holds unit " + std::to_string(t.unit) + ", not " + std::to_string(unit);
  if (t.fingerprint != fingerprint) return "belongs to a different sweep (its fingerprint differs)";
  std::uint64_t body = 0;
  for (std::uint64_t b : t.bytes) body += b;
  if (body + line.size() + 1 != size)
    return "cut short or damaged (its size does not match its trailer)";
  // One pass over the body: checksum, rows per section, and the bytes to the sink.
  std::uint32_t crc = 0;
  std::array<std::uint64_t, kSections> rows{};
  // Sized to the part (most are small) and not initialised: a sweep of many tiny units reads one
  // per unit.
  const auto chunk = static_cast<std::size_t>(std::clamp<std::uint64_t>(body, 1, 1u << 20));
  const std::unique_ptr<char[]> buffer(new char[chunk]);
  std::uint64_t offset = 0;
  std::size_t section = 0;
  std::uint64_t section_left = t.bytes[0];
  while (offset < body) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, body - offset));
    if (!read_fully(fd.get(), buffer.get(), n, static_cast<off_t>(offset))) return "cannot be read";
    crc = crc32c(crc, buffer.get(), n);
    std::size_t at = 0;
    while (at < n) {
      while (section_left == 0 && section + 1 < kSections) section_left = t.bytes[++section];
      const auto k = static_cast<std::size_t>(std::min<std::uint64_t>(section_left, n - at));
      const std::string_view piece(buffer.get() + at, k);
      rows[section] += count_lines(piece);
      if (sink) sink(static_cast<Section>(section), piece);
      at += k;
      section_left -= k;
    }
    offset += n;
  }
  const std::string prefix = trailer_prefix(t);
  crc = crc32c(crc, prefix);
  if (crc != t.crc) return "damaged (its checksum does not match)";
  if (rows != t.rows) return "damaged (its row counts do not match)";
  return "";
}

}  // namespace attachsim::scenario
