// Exports: the data behind the current charts as tidy CSV, the run's dyads.csv, and PNG pictures,
// all written atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "attachsim/viz/snapshot.hpp"

namespace attachsim::viz {

// One row of the chart data in long ("tidy") form: chart, series, x, y.
// docs/viewer.md lists every chart and what its x and y are.
struct ChartRow {
  std::string chart;
  std::string series;
  double x = 0;
  double y = 0;
};
std::vector<ChartRow> chart_rows(const Snapshot& snapshot);

// Writes chart_rows as CSV (header chart,series,x,y; numbers in shortest round-trip form).
void write_chart_csv(const std::filesystem::path& path, const Snapshot& snapshot);

// The last population assessment as dyads.csv, with the command line's writer
// (docs/csv.md). Throws std::runtime_error when there has been no assessment.
void write_run_data(const std::filesystem::path& path, const AssessmentSummary& assessment);

// Encodes RGBA pixels (row by row, top first) as PNG and writes them atomically.
void write_png(const std::filesystem::path& path, std::uint32_t width, std::uint32_t height,
               const std::uint8_t* rgba);

// "<dir>/<stem>-day0365-<n>.<ext>": a name in `dir` that does not exist yet.
std::filesystem::path export_path(const std::filesystem::path& dir, const std::string& stem,
                                  std::uint32_t day, const std::string& extension);

}  // namespace attachsim::viz
