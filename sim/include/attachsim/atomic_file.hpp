// Output files written under a temporary name and renamed into place only when complete.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace attachsim {

class AtomicFile {
 public:
  // Opens `<path>.tmp-<pid>` for writing; throws std::runtime_error if it cannot.
  explicit AtomicFile(std::filesystem::path path);
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  // Flushes, checks for write errors (a full disk) and renames into place.
  void commit();

 private:
  std::filesystem::path path_, temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace attachsim
