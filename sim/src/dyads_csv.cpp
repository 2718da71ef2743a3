// Writes dyads.csv rows with numbers in shortest round-trip form.
#include "attachsim/dyads_csv.hpp"

#include <charconv>

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
         "adult_anxiety,adult_avoidance,adult_style\n";
}

void append_dyads_row(std::string& line, const AssessmentRecord& r) {
  const Coding& c = r.coding;
  line += std::to_string(r.dyad) + ',' + std::to_string(r.slot) + ',';
  line += role_name(r.role);
  line += ',' + shortest(r.sensitivity) + ',' + shortest(r.reactivity) + ',';
  line += shortest(static_cast<double>(r.day) / 30.4375) + ',' + std::to_string(r.day) + ',';
  line += class_name(r.classification.class4);
  line += ',';
  line += class_name(r.classification.class3);
  line += ',' + shortest(r.classification.security);
  for (const ReunionScales* s : {&c.reunion2, &c.reunion1})
    line += ',' + std::to_string(s->ps) + ',' + std::to_string(s->cm) + ',' +
            std::to_string(s->rs) + ',' + std::to_string(s->av);
  line += ',' + std::to_string(c.disorganisation) + ',' + shortest(c.unsoothed);
  line += ',' + shortest(r.readout.anxiety) + ',' + shortest(r.readout.avoidance) + ',';
  line += style_name(r.readout.style);
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
