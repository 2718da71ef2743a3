// DurableFile: a stream buffer over write(2) that counts bytes and lines and keeps a CRC-32C as it
// writes.
#include "attachsim/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <memory>
#include <streambuf>

#include "attachsim/crc32c.hpp"

namespace attachsim {

namespace {
std::atomic<std::uint64_t> g_temporary_serial{0};
}

class DurableFile::Buffer : public std::streambuf {
 public:
  // 64 KiB, not initialised: a sweep of many tiny units opens one file per unit, and
  // a bigger or zeroed buffer cost more than the unit itself (page faults, memset).
  explicit Buffer(int fd) : fd_(fd), data_(new char[kSize]) {
    setp(data_.get(), data_.get() + kSize);
  }
  ~Buffer() override {
    if (fd_ >= 0) ::close(fd_);
  }
  int error() const { return error_; }
  std::uint32_t crc() const { return crc_; }
  std::uint64_t bytes() const { return bytes_; }
  std::uint64_t lines() const { return lines_; }
  bool flush_all() { return drain(); }
  int close_file() {
    const int result = fd_ >= 0 ? ::close(fd_) : 0;
    fd_ = -1;
    return result;
  }
  int fd() const { return fd_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::streamsize done = 0;
    while (done < n) {
      const std::streamsize room = epptr() - pptr();
      if (room == 0) {
        if (!drain()) return done;
        continue;
      }
      const std::streamsize k = std::min(room, n - done);
      std::copy_n(s + done, k, pptr());
      pbump(static_cast<int>(k));
      done += k;
    }
    return done;
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  // Writes out what is buffered; the checksum and counts follow what was written.
  bool drain() {
    const char* p = pbase();
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    if (size == 0) return error_ == 0;
    if (error_ != 0) return false;
    crc_ = crc32c(crc_, p, size);
    bytes_ += size;
    lines_ += static_cast<std::uint64_t>(std::count(p, p + size, '\n'));
    std::size_t written = 0;
    while (written < size) {
      const ssize_t n = ::write(fd_, p + written, size - written);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      written += static_cast<std::size_t>(n);
    }
    setp(data_.get(), data_.get() + kSize);
    return true;
  }

  static constexpr std::size_t kSize = 64 * 1024;
  int fd_;
  std::unique_ptr<char[]> data_;
  int error_ = 0;
  std::uint32_t crc_ = 0;
  std::uint64_t bytes_ = 0, lines_ = 0;
};

DurableFile::DurableFile(const Folder& folder, std::string name, std::string shown_as)
    : folder_(&folder), name_(std::move(name)), shown_as_(std::move(shown_as)) {
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temporary_ = name_ + ".tmp-" + std::to_string(::getpid()) + "-" +
                 std::to_string(g_temporary_serial.fetch_add(1));
    fd = ::openat(folder.fd(), temporary_.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) throw FolderError(system_message(path(), "cannot open for writing", errno));
  buffer_ = std::make_unique<Buffer>(fd);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

DurableFile::~DurableFile() {
  if (!committed_) {
    buffer_->close_file();
    ::unlinkat(folder_->fd(), temporary_.c_str(), 0);
  }
}

void DurableFile::check() {
  if (buffer_->error() != 0)
    throw FolderError(system_message(path(), "cannot write", buffer_->error()));
  if (!*stream_) throw FolderError(path() + ": cannot write: the write failed");
}

std::uint32_t DurableFile::crc() {
  buffer_->flush_all();
  return buffer_->crc();
}
std::uint64_t DurableFile::bytes() {
  buffer_->flush_all();
  return buffer_->bytes();
}
std::uint64_t DurableFile::lines() {
  buffer_->flush_all();
  return buffer_->lines();
}

void DurableFile::commit(Sync sync) {
  stream_->flush();
  buffer_->flush_all();
  check();
  if (sync == Sync::Now && ::fsync(buffer_->fd()) != 0)
    throw FolderError(system_message(path(), "cannot write (fsync)", errno));
  if (buffer_->close_file() != 0)
    throw FolderError(system_message(path(), "cannot write (close)", errno));
  folder_->rename(temporary_, name_);
  committed_ = true;
}

}  // namespace attachsim
