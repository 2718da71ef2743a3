// Folder: POSIX *at() calls on an opened folder descriptor, with O_NOFOLLOW everywhere below it.
#include "attachsim/folder.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "attachsim/crc32c.hpp"

namespace attachsim {

namespace fs = std::filesystem;

std::string system_message(const fs::path& path, const std::string& what, int error) {
  return path.string() + ": " + what + ": " + std::strerror(error);
}

Folder::~Folder() {
  if (fd_ >= 0) ::close(fd_);
}

Folder::Folder(Folder&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
  other.fd_ = -1;
}

Folder& Folder::operator=(Folder&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    other.fd_ = -1;
  }
  return *this;
}

Folder Folder::open(const fs::path& path, bool create) {
  if (create) {
    std::error_code error;
    fs::create_directories(path, error);
    if (error) throw FolderError(path.string() + ": cannot create the folder: " + error.message());
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw FolderError(system_message(path, "cannot open the folder", errno));
  return Folder(fd, path);
}

Folder Folder::sub(const std::string& name, bool create) const {
  if (create && ::mkdirat(fd_, name.c_str(), 0755) != 0 && errno != EEXIST)
    throw FolderError(system_message(path(name), "cannot create the folder", errno));
  std::optional<Folder> found = find_sub(name);
  if (!found) throw FolderError(system_message(path(name), "cannot open the folder", ENOENT));
  return std::move(*found);
}

std::optional<Folder> Folder::find_sub(const std::string& name) const {
  const int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) return Folder(fd, path(name));
  const int error = errno;
  switch (kind(name)) {
    case Kind::None:
      return std::nullopt;
    case Kind::Link:
      throw FolderError(
          path(name).string() +
          ": is a symbolic link, which attachsim does not follow inside an output folder; "
          "allowed: a real folder (remove the link)");
    case Kind::File:
    case Kind::Other:
      throw FolderError(path(name).string() +
                        ": is not a folder; allowed: a folder (remove or rename the file)");
    case Kind::Folder:
      break;
  }
  throw FolderError(system_message(path(name), "cannot open the folder", error));
}

Folder::Kind Folder::kind(const std::string& name) const {
  struct stat st {};
  if (::fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return Kind::None;
  if (S_ISLNK(st.st_mode)) return Kind::Link;
  if (S_ISDIR(st.st_mode)) return Kind::Folder;
  if (S_ISREG(st.st_mode)) return Kind::File;
  return Kind::Other;
}

std::uint64_t Folder::size(const std::string& name) const {
  struct stat st {};
  if (::fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return 0;
  return static_cast<std::uint64_t>(st.st_size);
}

std::vector<std::string> Folder::names() const {
  std::vector<std::string> out;
  const int fd = ::openat(fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw FolderError(system_message(path_, "cannot list the folder", errno));
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    const int error = errno;
    ::close(fd);
    throw FolderError(system_message(path_, "cannot list the folder", error));
  }
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") out.push_back(name);
  }
  ::closedir(dir);
  std::sort(out.begin(), out.end());
  return out;
}

bool Folder::remove_file(const std::string& name) const {
  return ::unlinkat(fd_, name.c_str(), 0) == 0;
}

bool Folder::remove_tree(const std::string& name, const std::atomic<bool>* stop) const {
  if (kind(name) != Kind::Folder) {
    remove_file(name);
    return true;
  }
  {
    const Folder inner = sub(name, false);
    for (const std::string& entry : inner.names()) {
      if (stop && stop->load()) return false;
      if (inner.kind(entry) == Kind::Folder) {
        if (!inner.remove_tree(entry, stop)) return false;
      } else {
        inner.remove_file(entry);
      }
    }
  }
  if (::unlinkat(fd_, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT)
    throw FolderError(system_message(path(name), "cannot remove the folder", errno));
  return true;
}

void Folder::rename(const std::string& from, const std::string& to) const {
  if (::renameat(fd_, from.c_str(), fd_, to.c_str()) != 0)
    throw FolderError(system_message(path(to), "cannot rename into place", errno));
}

void Folder::link(const std::string& target, const std::string& name) const {
  if (read_link(name) == target) return;
  const std::string temporary = name + ".tmp-link-" + std::to_string(::getpid());
  ::unlinkat(fd_, temporary.c_str(), 0);
  if (::symlinkat(target.c_str(), fd_, temporary.c_str()) != 0)
    throw FolderError(system_message(path(name), "cannot create the link", errno));
  if (::renameat(fd_, temporary.c_str(), fd_, name.c_str()) != 0) {
    const int error = errno;
    ::unlinkat(fd_, temporary.c_str(), 0);
    throw FolderError(system_message(path(name), "cannot put the link into place", error));
  }
}

std::string Folder::read_link(const std::string& name) const {
  char buffer[4096];
  const ssize_t n = ::readlinkat(fd_, name.c_str(), buffer, sizeof buffer);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

std::optional<std::string> Folder::read_text(const std::string& name, std::size_t max_bytes) const {
  const int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) break;
  }
  ::close(fd);
  return text;
}

std::optional<Folder::Checksum> Folder::checksum(const std::string& name) const {
  const int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  Checksum sum;
  const std::unique_ptr<char[]> buffer(new char[1u << 20]);
  for (;;) {
    const ssize_t n = ::read(fd, buffer.get(), 1u << 20);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    sum.crc = crc32c(sum.crc, buffer.get(), static_cast<std::size_t>(n));
    sum.bytes += static_cast<std::uint64_t>(n);
  }
  ::close(fd);
  return sum;
}

void Folder::sync() const {
  if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS)
    throw FolderError(system_message(path_, "cannot make the folder durable (fsync)", errno));
}

void Folder::sync_file_system() const {
  if (::syncfs(fd_) != 0)
    throw FolderError(system_message(path_, "cannot make the files durable (syncfs)", errno));
}

}  // namespace attachsim
