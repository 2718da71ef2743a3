// A file written under a fresh temporary name in a Folder, checksummed as written, made durable and
// renamed into place.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "attachsim/folder.hpp"

namespace attachsim {

class DurableFile {
 public:
  // When commit() makes the data durable: at once (fsync), or later by the
  // caller for many files together (Folder::sync_file_system), which costs one
  // flush instead of one per file.
  enum class Sync { Now, Later };

  // Creates "<name>.tmp-<pid>-<n>" in `folder` with O_CREAT|O_EXCL|O_NOFOLLOW:
  // an existing entry of that name (a planted link, a stale file) is never
  // opened; another name is tried. Throws FolderError when it cannot.
  // `shown_as`: the path messages name (a staged result's file is named by
  // where the user reads it, out/runs.csv); the folder's path and name by default.
  DurableFile(const Folder& folder, std::string name, std::string shown_as = "");
  // Removes the temporary file unless commit() succeeded.
  ~DurableFile();
  DurableFile(const DurableFile&) = delete;
  DurableFile& operator=(const DurableFile&) = delete;

  std::ostream& stream() { return *stream_; }
  // Throws FolderError ("<path>: cannot write: <reason>") if a write has failed.
  void check();
  // Of everything written so far (flushes first).
  std::uint32_t crc();
  std::uint64_t bytes();
  std::uint64_t lines();
  // Flushes, checks, syncs (Sync::Now), closes and renames into place.
  void commit(Sync sync = Sync::Now);

  const std::string& name() const { return name_; }
  std::string path() const { return shown_as_.empty() ? folder_->path(name_).string() : shown_as_; }

 private:
  class Buffer;
  const Folder* folder_;
  std::string name_, shown_as_, temporary_;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  bool committed_ = false;
};

}  // namespace attachsim
