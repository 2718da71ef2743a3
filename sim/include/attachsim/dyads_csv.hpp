// The per-dyad assessment table (dyads.csv): one row per dyad and assessment.
#pragma once

#include <ostream>
#include <span>
#include <string>

#include "attachsim/assessment.hpp"

namespace attachsim {

// The header line, columns as documented in docs/csv.md.
std::string dyads_csv_header();
// Appends one record's columns (no line break) to `line`.
void append_dyads_row(std::string& line, const AssessmentRecord& record);
// Appends one row per record.
void write_dyads_csv(std::ostream& out, std::span<const AssessmentRecord> records);

// Shortest text that reads back as the same float (round-trip).
std::string shortest(float value);
std::string shortest(double value);

}  // namespace attachsim
