// One completed sweep unit on disk: its rows for every output file in one part file, with a
// verifiable trailer.
//
// parts/unit-NNNNNNNN.part holds, in this order, the unit's dyads.csv rows,
// timeseries.csv rows, measures (the rows summary.csv is computed from) and
// runs.csv rows, then one trailer line:
//   #attachsim-part 1 unit=N fingerprint=<sha256> dyads=<bytes>/<rows> timeseries=<b>/<r>
//       measures=<b>/<r> runs=<b>/<r> crc32c=<8 hex digits>
// The CRC-32C covers every byte before its own digits. A part is good only if
// the trailer parses, names this unit and this folder's fingerprint, the
// sizes add up to the file's size, every section has the rows it says, and
// the checksum matches: a truncated, emptied, garbled or foreign part is
// found, named and run again (--resume) or refused (merge).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "attachsim/durable_file.hpp"
#include "attachsim/folder.hpp"

namespace attachsim::scenario {

enum class Section { Dyads, Timeseries, Measures, Runs };
inline constexpr std::size_t kSections = 4;

std::string part_name(std::uint32_t unit);  // "unit-00000012.part"
// Whether a file name is one attachsim writes in parts/ (a part or its temporary).
bool is_part_file_name(const std::string& name);

// Writes one unit's part: dyads rows stream to the file as they come (they can
// be large); the other sections are short and kept in memory until commit.
class UnitPartWriter {
 public:
  UnitPartWriter(const Folder& parts, std::uint32_t unit, std::string fingerprint);
  std::ostream& dyads() { return file_.stream(); }
  std::string timeseries, measures, runs;
  // Throws FolderError if a write has failed (a full disk): checked after each batch of rows.
  void check() { file_.check(); }
  // Appends the buffered sections and the trailer and renames the part into
  // place. Its data reach the disk at the caller's next Folder::sync_file_system.
  void commit();
  std::string path() const { return file_.path(); }

 private:
  DurableFile file_;
  std::uint32_t unit_;
  std::string fingerprint_;
};

struct PartTrailer {
  std::uint32_t unit = 0;
  std::string fingerprint;
  std::array<std::uint64_t, kSections> bytes{}, rows{};
  std::uint32_t crc = 0;
};

// Reads parts/<part_name(unit)>, handing each section's bytes to `sink` in file
// order as they are read (a null sink only checks). Returns "" when the part is
// good, else what is wrong with it ("missing", "cut short", "checksum does not
// match", ...). A sink may have been given bytes of a part that turns out bad:
// callers that copy must discard what they wrote.
std::string read_part(const Folder& parts, std::uint32_t unit, const std::string& fingerprint,
                      const std::function<void(Section, std::string_view)>& sink);

}  // namespace attachsim::scenario
