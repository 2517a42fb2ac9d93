// What the analyzer needs to know about one language. Each language is one table; code that uses
// them never asks which language it is looking at.
import type { Segmenter } from '../segment.ts';

export interface LanguageTables {
  code: string;
  /** Words written with a final dot that does not end a sentence (`TS`, `Mr`, `Jan`), without the dot. */
  abbreviations: ReadonlySet<string>;
  /** Joins syllables into words (`Hà Nội`); absent: every word piece is a token. */
  segmenter?: () => Segmenter;
  /** Titles and roles that precede a person's name (`Chủ tịch`, `Foreign Minister`). Longest first is not needed. */
  personTitles: readonly string[];
  /** Honorifics and pronoun-like cues right before a name (`ông`, `bà`, `Mr`). */
  honorifics: readonly string[];
  /** Words that make a following name a person although they are not a title (`người đồng cấp`). */
  personCues: readonly string[];
  /** Words that head an organisation name (`Bộ`, `Hội đồng`, `Ministry`). */
  orgHeads: readonly string[];
  /** Words that end an organisation name in languages that put the head last (`Council`, `Party`). */
  orgTails: readonly string[];
  /** Whether an organisation name may go on in lower case after its head (`Tổ chức hợp tác Thượng Hải`). */
  orgLowercaseContinuation: boolean;
  /** Lower-case words an organisation name never runs through (verbs and function words that end it). */
  orgStopWords: ReadonlySet<string>;
  /** Words after which a name is a place (`tại`, `ở`, `thủ đô`, `in`). */
  locationCues: readonly string[];
  /**
   * Whether a lone capitalised word opening a sentence is a name only with evidence (the same word
   * capitalised elsewhere, a type the document gives it). For languages without tables: their
   * sentence openers (`Selon`, `Les`, `Sin embargo`) are unknown, and a wrong name is worse than a
   * missed one. Languages with tables decide by their lexicon and whether the text also writes the
   * word in lower case.
   */
  loneInitialNeedsEvidence?: boolean;
  /** Capitalised words that are never a name on their own (months, weekdays, sentence openers). */
  notNames: ReadonlySet<string>;
  /** Legal-form words that end a company name (`Inc`, `Corp`): the name without them is the same company. */
  legalSuffixes?: readonly string[];
  /** Words that end a place name (`Airport`, `River`): a capitalised run ending in one is a place. */
  locationTails?: readonly string[];
  /** Common nouns right before a name that make it an organisation (`automaker GM`, `rival Boeing`). */
  orgCuesBefore?: readonly string[];
  /** Words right after a name (or its possessive) that make it an organisation (`Boeing shares`, `Apple's CEO`). */
  orgCuesAfter?: readonly string[];
  /**
   * Which place names the language abbreviates by their syllable initials (`TQ` for `Trung Quốc`): its
   * own. Other places' initials would type unrelated acronyms (`MEM`, a photo agency, from the French
   * `Meurthe-et-Moselle`).
   */
  placeInitials?: (name: string) => boolean;
  /** Lower-case words that may sit inside a name (`of`, `de`, `bin`). */
  nameConnectors: ReadonlySet<string>;
}
