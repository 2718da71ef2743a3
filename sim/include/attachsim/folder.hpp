// An opened folder whose entries are created, renamed and removed without ever following a symbolic
// link.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace attachsim {

// A file-system fault or refusal, with the path and the reason in what().
class FolderError : public std::runtime_error {
 public:
  explicit FolderError(const std::string& message) : std::runtime_error(message) {}
};

// Holds the folder's descriptor: every operation is relative to it (openat,
// renameat, unlinkat), so a folder renamed or replaced by a symbolic link
// while a program works in it cannot send a file elsewhere. The folder's own
// path may pass through symbolic links (that is the user's choice of --out);
// nothing below it is followed: a planted link is refused or removed as a
// link, never written through.
class Folder {
 public:
  enum class Kind { None, File, Folder, Link, Other };

  Folder() = default;
  ~Folder();
  Folder(Folder&& other) noexcept;
  Folder& operator=(Folder&& other) noexcept;
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;

  // Opens the folder at `path`; with `create`, makes it and its parents first.
  static Folder open(const std::filesystem::path& path, bool create);
  // A folder inside this one, never through a link; made when `create` and absent.
  // Throws FolderError when `name` is a link, a file, or cannot be made.
  Folder sub(const std::string& name, bool create) const;
  // The same, or nothing when there is no folder `name` (a link or a file still throws).
  std::optional<Folder> find_sub(const std::string& name) const;

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path path(const std::string& name) const { return path_ / name; }
  explicit operator bool() const { return fd_ >= 0; }

  Kind kind(const std::string& name) const;           // of the entry itself (links not followed)
  std::vector<std::string> names() const;             // every entry but . and .., sorted
  std::uint64_t size(const std::string& name) const;  // bytes of a file (0 if none)
  // Removes a file or link (never what a link points to); false if there was none.
  bool remove_file(const std::string& name) const;
  // Removes a folder and everything in it, links as links. Stops early (false)
  // when `stop` becomes true; what is left can be removed later.
  bool remove_tree(const std::string& name, const std::atomic<bool>* stop = nullptr) const;
  // Renames an entry within this folder, replacing `to` (a link at `to` is replaced, not followed).
  void rename(const std::string& from, const std::string& to) const;
  // Makes `name` a symbolic link to `target`, replacing whatever entry was there in one rename.
  void link(const std::string& target, const std::string& name) const;
  std::string read_link(const std::string& name) const;  // "" if not a link
  // A small file's text (at most max_bytes), or nothing when there is no such file; never through a
  // link.
  std::optional<std::string> read_text(const std::string& name,
                                       std::size_t max_bytes = 1u << 20) const;
  // A file's size and CRC-32C, read in pieces (results can be large); nothing when there is
  // no such file. Never through a link.
  struct Checksum {
    std::uint64_t bytes = 0;
    std::uint32_t crc = 0;
  };
  std::optional<Checksum> checksum(const std::string& name) const;
  // Makes the folder's entries (creations, renames) durable.
  void sync() const;
  // Makes every file written on this folder's file system durable (one syncfs).
  void sync_file_system() const;

 private:
  Folder(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

// "<path>: <what>: <strerror(error)>", the form of every FolderError.
std::string system_message(const std::filesystem::path& path, const std::string& what, int error);

}  // namespace attachsim
