// OutputFolder: the lock (flock), staged results, the pointer swap and clean-up of what killed
// processes left.
#include "attachsim/scenario/output_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <ctime>

#include "attachsim/scenario/scenario.hpp"
#include "attachsim/scenario/unit_part.hpp"

namespace attachsim::scenario {

const char* const kResultFiles[5] = {"runs.csv", "timeseries.csv", "dyads.csv", "summary.csv",
                                     "manifest.json"};

namespace {

constexpr const char* kState = ".attachsim";
constexpr const char* kCurrent = "current";
std::atomic<std::uint32_t> g_staging_serial{0};

// What the lock file says about its holder, on one line.
std::string holder_of(int fd) {
  char buffer[600];
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string text = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text.empty() ? "another attachsim" : text;
}

template <typename F>
auto as_bad_input(const std::string& out, F&& f) {
  try {
    return f();
  } catch (const FolderError& e) {
    throw ScenarioError(std::string(e.what()) +
                        (std::string(e.what()).find("allowed:") == std::string::npos
                             ? "; allowed: a folder you can write to (" + out + ")"
                             : ""));
  }
}

}  // namespace

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

OutputFolder::Staging::Staging(const Folder& results, std::string id,
                               std::filesystem::path shown_in)
    : results_(&results),
      shown_in_(std::move(shown_in)),
      id_(std::move(id)),
      folder_(results.sub(id_, false)) {}

OutputFolder::Staging::Staging(Staging&& other) noexcept
    : results_(other.results_),
      shown_in_(std::move(other.shown_in_)),
      id_(std::move(other.id_)),
      folder_(std::move(other.folder_)),
      files_(std::move(other.files_)),
      published_(other.published_) {
  other.results_ = nullptr;
}

OutputFolder::Staging::~Staging() {
  if (published_ || !results_) return;
  files_.clear();  // their temporaries go first
  try {
    results_->remove_tree(id_);
  } catch (const FolderError&) {
    // Left for the next writer's tidy().
  }
}

DurableFile& OutputFolder::Staging::file(const std::string& name) {
  for (const auto& f : files_)
    if (f->name() == name) return *f;
  files_.push_back(std::make_unique<DurableFile>(folder_, name, (shown_in_ / name).string()));
  return *files_.back();
}

void OutputFolder::Staging::commit_files() {
  for (const auto& f : files_) f->commit(DurableFile::Sync::Later);
}

OutputFolder::OutputFolder(const std::string& out, const std::string& command) {
  if (out.empty())
    throw ScenarioError("--out: an empty folder name; allowed: a folder, e.g. --out out/run");
  as_bad_input(out, [&] {
    folder_ = Folder::open(out, true);
    return 0;
  });
  // A folder the user made read-only stays untouched, although .attachsim/ inside it may
  // still be writable: a new result would change what its links show.
  if (::faccessat(AT_FDCWD, folder_.path().c_str(), W_OK | X_OK, AT_EACCESS) != 0)
    throw ScenarioError(system_message(folder_.path(), "cannot write in the output folder", errno) +
                        "; allowed: a folder you can write to");
  state_ = as_bad_input(out, [&] { return folder_.sub(kState, true); });
  lock_fd_ = ::openat(state_.fd(), "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (lock_fd_ < 0)
    throw ScenarioError(system_message(state_.path("lock"), "cannot open the lock", errno) +
                        "; allowed: a folder you can write to");
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const std::string holder = holder_of(lock_fd_);
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw ScenarioError(
        out + ": another attachsim is writing this folder (" + holder +
        "); allowed: one writer per folder: wait for it to finish or choose another --out");
  }
  const std::string holder =
      "pid " + std::to_string(::getpid()) + " since " + utc_now() + ": " + command + "\n";
  if (::ftruncate(lock_fd_, 0) == 0) {
    [[maybe_unused]] const ssize_t n = ::pwrite(lock_fd_, holder.data(), holder.size(), 0);
  }
  results_ = as_bad_input(out, [&] { return state_.sub("results", true); });
}

OutputFolder::~OutputFolder() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

std::optional<Folder> OutputFolder::parts(bool create) const {
  return as_bad_input(folder_.path().string(), [&]() -> std::optional<Folder> {
    if (create) return folder_.sub("parts", true);
    return folder_.find_sub("parts");
  });
}

std::string OutputFolder::current_manifest() const {
  const std::string target = state_.read_link(kCurrent);
  if (target.rfind("results/", 0) != 0) return "";
  const std::string id = target.substr(8);
  if (id.empty() || id.find('/') != std::string::npos) return "";
  const std::optional<Folder> result = results_.find_sub(id);
  if (!result) return "";
  return result->read_text("manifest.json").value_or("");
}

void OutputFolder::tidy(const std::atomic<bool>* stop) {
  const std::string current = state_.read_link(kCurrent);
  for (const std::string& id : results_.names()) {
    if (stop && stop->load()) return;
    if ("results/" + id != current) results_.remove_tree(id, stop);
  }
  // Temporaries of ours (a process killed between creating and renaming).
  for (const std::string& name : folder_.names())
    for (const char* file : kResultFiles)
      if (name.rfind(std::string(file) + ".tmp-", 0) == 0) folder_.remove_file(name);
  for (const std::string& name : state_.names())
    if (name.rfind("current.tmp-", 0) == 0) state_.remove_file(name);
  if (const std::optional<Folder> p = parts(false))
    for (const std::string& name : p->names()) {
      if (stop && stop->load()) return;
      if (is_part_file_name(name) && name.find(".tmp-") != std::string::npos) p->remove_file(name);
      if (name.rfind("manifest.json.tmp-", 0) == 0) p->remove_file(name);
    }
}

OutputFolder::Staging OutputFolder::stage() {
  for (int attempt = 0;; ++attempt) {
    const auto stamp = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    const std::string id = std::to_string(stamp) + "-" + std::to_string(::getpid()) + "-" +
                           std::to_string(g_staging_serial.fetch_add(1));
    if (::mkdirat(results_.fd(), id.c_str(), 0755) == 0)
      return Staging(results_, id, folder_.path());
    if (errno != EEXIST || attempt > 100)
      throw FolderError(system_message(results_.path(id), "cannot create the folder", errno));
  }
}

void OutputFolder::publish(Staging& staging) {
  staging.commit_files();
  // One flush for all files (syncfs), then the folder's entries.
  staging.folder().sync_file_system();
  staging.folder().sync();
  results_.sync();
  const std::string previous = state_.read_link(kCurrent);
  state_.link("results/" + staging.id_, kCurrent);  // the commit point: one rename
  staging.published_ = true;
  state_.sync();
  bool linked = false;
  for (const char* name : kResultFiles) {
    const std::string target = std::string(kState) + "/" + kCurrent + "/" + name;
    if (folder_.read_link(name) != target) {
      folder_.link(target, name);
      linked = true;
    }
  }
  if (linked) folder_.sync();
  if (previous.rfind("results/", 0) == 0 && previous != "results/" + staging.id_) {
    try {
      results_.remove_tree(previous.substr(8));
    } catch (const FolderError&) {
      // A later tidy() removes it.
    }
  }
}

int lock_for_reading(const Folder& folder) {
  const std::optional<Folder> state = folder.find_sub(kState);
  if (!state) return -1;
  const int fd = ::openat(state->fd(), "lock", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    const std::string holder = holder_of(fd);
    ::close(fd);
    throw ScenarioError(folder.path().string() + ": is being written by another attachsim (" +
                        holder + "); allowed: a finished folder: wait for it to finish");
  }
  return fd;
}

}  // namespace attachsim::scenario
