// Writes dyads.csv rows with numbers in shortest round-trip form.
#include "attachsim/dyads_csv.hpp"

#include <charconv>
#include <string_view>

namespace attachsim {

std::string shortest(float value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string shortest(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string dyads_csv_header() {
  return "dyad_id,caregiver_slot,caregiver_role,sensitivity,temperament,age_months,age_days,"
         "class4,class3,security,ps,cm,rs,av,ps_r1,cm_r1,rs_r1,av_r1,disorg,unsoothed,"
         "adult_anxiety,adult_avoidance,adult_style,formation\n";
}

namespace {

// Each number goes straight into the line with std::to_chars (the same text
// std::to_string and shortest() give), so a row costs no temporary strings:
// the writer keeps ahead of the engine (>= 200 MB/s).
template <class Number>
void append_number(std::string& line, Number value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  line.append(buffer, result.ptr);
}

template <class Number>
void append_field(std::string& line, Number value) {
  line += ',';
  append_number(line, value);
}

void append_field(std::string& line, std::string_view text) {
  line += ',';
  line += text;
}

}  // namespace

void append_dyads_row(std::string& line, const AssessmentRecord& r) {
  const Coding& c = r.coding;
  append_number(line, r.dyad);
  append_field(line, r.slot);
  append_field(line, role_name(r.role));
  append_field(line, r.sensitivity);
  append_field(line, r.reactivity);
  append_field(line, static_cast<double>(r.day) / 30.4375);
  append_field(line, r.day);
  append_field(line, std::string_view(class_name(r.classification.class4)));
  append_field(line, std::string_view(class_name(r.classification.class3)));
  append_field(line, r.classification.security);
  for (const ReunionScales* s : {&c.reunion2, &c.reunion1}) {
    append_field(line, s->ps);
    append_field(line, s->cm);
    append_field(line, s->rs);
    append_field(line, s->av);
  }
  append_field(line, c.disorganisation);
  append_field(line, c.unsoothed);
  append_field(line, r.readout.anxiety);
  append_field(line, r.readout.avoidance);
  append_field(line, std::string_view(style_name(r.readout.style)));
  append_field(line, c.formation);
}

void write_dyads_csv(std::ostream& out, std::span<const AssessmentRecord> records) {
  std::string line;
  for (const AssessmentRecord& r : records) {
    line.clear();
    append_dyads_row(line, r);
    line += '\n';
    out << line;
  }
}

}  // namespace attachsim
