// The texts that explain the viewer's measures (hover and F1 help).
#include "attachsim/viz/measure_notes.hpp"

#include <array>

namespace attachsim::viz {

namespace {

constexpr std::array<MeasureNoteText, 10> kNotes{{
    {MeasureNote::StrategyAtHome, "strategy at home",
     "The strategy the infant uses with its principal figure day by day, at home\n"
     "(B open, A minimising, C maximising, D conflict). It is provisional: it comes from\n"
     "what the infant expects of its caregiver and can change any day.\n"
     "It is not the Strange Situation class, which a coder gives from 21 minutes of\n"
     "separations and reunions: most infants get the class matching their strategy,\n"
     "but stress on the day and the reunion scales can move them.",
     "Strategy at home: what the infant does with its figure day by day (live, provisional); "
     "not the Strange Situation class."},
    {MeasureNote::StrangeSituationClass, "Strange Situation class",
     "The class (A avoidant, B secure, C resistant, D disorganised; CC cannot classify:\n"
     "contradictory strategies or no organised attachment behaviour) coded from the 8\n"
     "episodes of the Strange Situation, from the reunion scales (proximity seeking,\n"
     "contact maintenance, resistance, avoidance) and the disorganisation rating.\n"
     "3-way forces A/B/C; 4-way adds D (reported with CC as D + CC).",
     "Strange Situation class: coded from the procedure's reunions (A, B, C, D, CC cannot "
     "classify); 3-way forces A/B/C; formation (1-5) is rated separately."},
    {MeasureNote::SecurityExpectation, "security expectation",
     "Felt security with the principal figure in the infant's working model (0-1):\n"
     "expected comfort that is accepted, predictable and not frightening. Continuous and\n"
     "live; the population view, the scatter and the histograms show it.",
     "Security expectation: the working model's felt security (0-1), live, every day."},
    {MeasureNote::SecurityScale, "security (coded)",
     "The Strange Situation's continuous security score (0-1): 1 minus the mean of the\n"
     "coded insecurity indices (avoidance, resistance, disorganisation). It exists only\n"
     "on assessment days, for the classifiable infants. It is what the effect-size\n"
     "table correlates, as the field's meta-analyses do.",
     "Security (coded): the Strange Situation's score from the coded behaviour (0-1), only on "
     "assessment days; the table's r uses it."},
    {MeasureNote::ScatterR, "r (scatter)",
     "Pearson r of the primary caregiver's sensitivity with the infant's security\n"
     "expectation, over every infant with an attachment figure, today. It is larger than\n"
     "the table's r: expectation is the model's own state, read without error, while the\n"
     "table correlates behaviour coded in one short procedure (stress of the day,\n"
     "temperament and coding add noise), as real studies must. Infants without an\n"
     "attachment figure are left out: they have no expectation of anyone yet.",
     "r in the scatter: sensitivity with security expectation, infants with a figure, today; "
     "larger than the table's r, which uses the coded score."},
    {MeasureNote::TableR, "r (table)",
     "Pearson r of the assessed caregiver's sensitivity with the Strange Situation's\n"
     "coded scores (security, avoidance, resistance, disorganisation), classifiable\n"
     "infants only (U left out). This is the number comparable to the published\n"
     "meta-analytic r of about .24 (De Wolff & van IJzendoorn 1997).",
     "r in the table: sensitivity with the coded scores, classifiable infants; the one to "
     "compare with published r (~.24)."},
    {MeasureNote::PairedD, "paired d",
     "Paired d (what-if minus main): the mean of the per-infant differences divided by\n"
     "their standard deviation. The same babies with the same random draws are in both\n"
     "arms, so the differences vary little and a change of a few points gives a large d.\n"
     "It is not comparable with a d between two groups of different infants.",
     "Paired d (Compare): the same babies in both arms, difference over the SD of the "
     "differences; large for small changes; not a between-group d."},
    {MeasureNote::GroupD, "d (groups)",
     "Cohen's d between two groups of different infants (reactive against calm, split at\n"
     "the median): the difference of means over the pooled standard deviation, as in\n"
     "the published studies it is compared with.",
     "d in the table: two groups of different infants, difference over the pooled SD, as "
     "published."},
    {MeasureNote::Attached, "attached",
     "Share of all infants with a discriminated attachment figure (Bowlby's phase 3,\n"
     "usually from 6-8 months). Strategy shares are among these infants, the\n"
     "denominator the field's percentages use.",
     "Attached: share of infants with a discriminated figure; strategy shares are among them."},
    {MeasureNote::AgeClock, "age",
     "The population's age in months since birth (all infants are born on day 0); the\n"
     "day of the run below it. Playing pauses at the source's end age.",
     "Age clock: the population's age in months (all born on day 0), the day of the run below."},
}};

}  // namespace

const MeasureNoteText& measure_note(MeasureNote note) {
  for (const MeasureNoteText& n : kNotes)
    if (n.note == note) return n;
  return kNotes.front();
}

std::span<const MeasureNoteText> measure_notes() {
  return kNotes;
}

}  // namespace attachsim::viz
