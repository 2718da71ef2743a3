// Output files written under a temporary name and renamed into place only when complete and
// durable.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "attachsim/durable_file.hpp"
#include "attachsim/folder.hpp"

namespace attachsim {

// One file at a path (the viewer's exports): a DurableFile in the path's folder.
class AtomicFile {
 public:
  // Opens a fresh `<path>.tmp-<pid>-<n>` (O_EXCL|O_NOFOLLOW: never through a
  // planted link); throws std::runtime_error (FolderError) if it cannot.
  explicit AtomicFile(const std::filesystem::path& path);
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return file_->stream(); }
  // Flushes, checks for write errors (a full disk), fsyncs and renames into place.
  void commit();

 private:
  Folder folder_;
  std::unique_ptr<DurableFile> file_;
};

}  // namespace attachsim
