import type { TellLanguage } from './types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Function words that say nothing about which event a sentence reports.
const STOP = `a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own said same says she should so some such than that
the their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves s t one two also
new year years day days week month months monday tuesday wednesday thursday friday saturday sunday told say
according mr mrs ms us`;

// Openings that lean on the sentence before: pronouns and demonstratives (`He said`, `This`), deictic
// places (`Here,`), and connectives to the previous statement (`However,`, `Meanwhile,`, `Also,`).
const BACK_REFERENCES = `he she they it its his her their him them this these that those such here, there, however
meanwhile also moreover furthermore additionally in_addition besides but and so thus therefore hence still instead
nevertheless nonetheless then later, earlier, afterwards at_the_same_time as_a_result in_response the_same
according_to_him according_to_her according_to_them both_sides the_two_sides both_countries the_two_countries
both_men the_two_men`;

/** `This year, …` names its own time; it does not point back. */
const SELF_CONTAINED = `this year|this week|this month|this morning|this afternoon|this evening|this weekend|this summer|this winter|this spring|this autumn|this fall|that day`;

export const en: TellLanguage = {
  stopWords: new Set(STOP.split(/\s+/).filter(Boolean)),
  backReferences: BACK_REFERENCES.split(/\s+/).filter(Boolean).map((w) => w.replace(/_/g, ' ')),
  // Not `that` (a conjunction as often as not) nor `such` (`such as`).
  demonstratives: ['this', 'these', 'those'],
  selfContained: SELF_CONTAINED.split('|'),
  formatDate({ year, month, day }, precision) {
    if (precision === 'year') return year === null ? 'year unknown' : String(year);
    const mon = month ? MONTHS[month - 1] : '';
    if (precision === 'month') return year === null ? `${mon}, year unknown` : `${mon} ${year}`;
    return year === null ? `${day} ${mon}, year unknown` : `${day} ${mon} ${year}`;
  },
};
