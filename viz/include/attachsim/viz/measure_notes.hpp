// What each measure on screen is, for the hover texts and the F1 help: the numbers that look
// alike or contradictory side by side (strategy vs class, two "security"s, two r's, two d's).
#pragma once

#include <span>
#include <string_view>

namespace attachsim::viz {

enum class MeasureNote {
  StrategyAtHome,         // provisional strategy, day by day
  StrangeSituationClass,  // the class the procedure codes
  SecurityExpectation,    // the working model's felt security (continuous, live)
  SecurityScale,          // the Strange Situation's coded security score
  ScatterR,               // r of sensitivity with security expectation, attached infants
  TableR,                 // r of sensitivity with the coded security score, classifiable infants
  PairedD,                // the what-if's d: the same babies, differences within pairs
  GroupD,                 // the table's d: two different groups of infants
  Attached,               // share with a discriminated attachment figure
  AgeClock,               // the age shown large
};

struct MeasureNoteText {
  MeasureNote note;
  std::string_view name;   // as labelled on screen
  std::string_view hover;  // a few lines, shown when the measure is hovered
  std::string_view help;   // one line for the F1 help
};

const MeasureNoteText& measure_note(MeasureNote note);
std::span<const MeasureNoteText> measure_notes();

}  // namespace attachsim::viz
