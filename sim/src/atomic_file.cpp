// AtomicFile: a DurableFile in the folder of a path.
#include "attachsim/atomic_file.hpp"

namespace attachsim {

namespace {
std::filesystem::path folder_of(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}
}  // namespace

AtomicFile::AtomicFile(const std::filesystem::path& path)
    : folder_(Folder::open(folder_of(path), false)) {
  file_ = std::make_unique<DurableFile>(folder_, path.filename().string());
}

AtomicFile::~AtomicFile() = default;

void AtomicFile::commit() {
  file_->commit(DurableFile::Sync::Now);
  folder_.sync();
}

}  // namespace attachsim
