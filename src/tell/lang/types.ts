// What `tell` needs to know about a language: stop words for salience and the words that
// render a partial date. One table per language; unknown languages fall back to the neutral one.
import type { Precision } from '../../types.ts';

export interface TellLanguage {
  /** Lower-cased, NFC stop words (a Vietnamese multi-syllable word is one entry, spaces inside). */
  stopWords: ReadonlySet<string>;
  /** Renders a date known at `precision`; `year` is null when unknown. */
  formatDate(parts: { year: number | null; month: number | null; day: number | null }, precision: Precision): string;
}
