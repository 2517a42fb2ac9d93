// What `tell` needs to know about a language: stop words for salience, the words that render a partial
// date, and the openings that point back into the article. One table per language; unknown languages
// fall back to the neutral one.
import type { Precision } from '../../types.ts';

export interface TellLanguage {
  /** Lower-cased, NFC stop words (a Vietnamese multi-syllable word is one entry, spaces inside). */
  stopWords: ReadonlySet<string>;
  /** Renders a date known at `precision`; `year` is null when unknown. */
  formatDate(parts: { year: number | null; month: number | null; day: number | null }, precision: Precision): string;
  /**
   * Lower-cased NFC openings that lean on what came before (`here,`, `however`, `tại đây`): a sentence
   * starting with one reads badly alone, as a timeline line or a summary sentence does. An entry matches
   * when the sentence starts with it and the next character is not a letter or digit; an entry may end
   * in punctuation (`there,` catches `There, …` and leaves `There were …`).
   */
  backReferences?: readonly string[];
  /** Titles or pronouns that back-reference unless a capitalised name follows (`Ông cho biết` vs `Ông Nam`). */
  pronounsUnlessNamed?: readonly string[];
  /**
   * Demonstratives that, inside the opening clause, point back to something named before (`Since this
   * mechanism was set up, …`, `Tại cuộc họp đó, …`). Single lower-cased words.
   */
  demonstratives?: readonly string[];
  /**
   * Openings, and two-word phrases around a demonstrative, that stand alone although they look like a
   * back-reference (`this year`, `tuần này`, `nào đó`).
   */
  selfContained?: readonly string[];
}
