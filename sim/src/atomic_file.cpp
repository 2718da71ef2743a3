// Temporary-name-then-rename output files.
#include "attachsim/atomic_file.hpp"

#include <unistd.h>

#include <stdexcept>
#include <system_error>

namespace attachsim {

AtomicFile::AtomicFile(std::filesystem::path path)
    : path_(std::move(path)),
      temporary_(path_.string() + ".tmp-" + std::to_string(::getpid())) {
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error(path_.string() + ": cannot open for writing");
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicFile::commit() {
  out_.flush();
  out_.close();
  if (out_.fail()) throw std::runtime_error(path_.string() + ": write failed (disk full?)");
  std::error_code error;
  std::filesystem::rename(temporary_, path_, error);
  if (error) throw std::runtime_error(path_.string() + ": cannot rename into place: " + error.message());
  committed_ = true;
}

}  // namespace attachsim
