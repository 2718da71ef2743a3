// An output folder as a transaction: one writer at a time, results staged and published together by
// one rename.
//
// Layout (docs/reliability.md):
//   out/runs.csv, timeseries.csv, dyads.csv, summary.csv, manifest.json
//         symbolic links to .attachsim/current/<same name>
//   out/.attachsim/current     a link to results/<id>: the folder's result (swapped by one rename)
//   out/.attachsim/results/<id>/  complete results (the current one) and one being staged
//   out/.attachsim/lock        the advisory lock; names its holder
//   out/parts/                 a sweep's completed units (unit-NNNNNNNN.part) and manifest.json
//                              (the running attempt's record), for --resume and merge
// A reader who opens out/runs.csv and out/manifest.json sees one result or
// the other, never a mix: the five links never change once made; only
// `current` moves, in one rename, to a result that is complete on disk.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attachsim/durable_file.hpp"
#include "attachsim/folder.hpp"

namespace attachsim::scenario {

// The five files of a result, in the order they are written.
extern const char* const kResultFiles[5];

class OutputFolder {
 public:
  // A result being written: files are created in it, then published (or, if
  // abandoned, removed when it goes out of scope).
  class Staging {
   public:
    Staging(Staging&& other) noexcept;
    Staging& operator=(Staging&&) = delete;
    ~Staging();
    const Folder& folder() const { return folder_; }
    DurableFile& file(const std::string& name);  // created on first use
    // Commits every file (without a sync each: one syncfs covers them at publish).
    void commit_files();

   private:
    friend class OutputFolder;
    Staging(const Folder& results, std::string id, std::filesystem::path shown_in);
    const Folder* results_;
    std::filesystem::path shown_in_;  // where the files are read (--out), for messages
    std::string id_;
    Folder folder_;
    std::vector<std::unique_ptr<DurableFile>> files_;
    bool published_ = false;
  };

  // Opens (creating) `out` and takes its lock, or throws ScenarioError naming the
  // holder when another attachsim is writing it. `command` is recorded for that message.
  OutputFolder(const std::string& out, const std::string& command);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  const Folder& folder() const { return folder_; }
  // parts/ (made when `create`); never through a link.
  std::optional<Folder> parts(bool create) const;
  // The current result's manifest text, or "" when the folder has no result.
  std::string current_manifest() const;
  // Removes what killed processes left: unpublished results, temporaries of ours.
  void tidy(const std::atomic<bool>* stop);

  Staging stage();
  // Makes `staging` the folder's result: its files durable, then `current` swapped
  // in one rename, then the previous result removed.
  void publish(Staging& staging);

 private:
  Folder folder_, state_, results_;
  int lock_fd_ = -1;
};

// The time now, UTC, as 2026-12-06T04:52:48Z (manifests, the lock's holder).
std::string utc_now();

// Takes a shared lock on a folder that merge reads, so that it is not being
// written meanwhile; throws ScenarioError naming the writer if it is. Returns
// the descriptor to close when done (-1 for a folder without a lock file).
int lock_for_reading(const Folder& folder);

}  // namespace attachsim::scenario
