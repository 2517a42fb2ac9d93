// All languages' tables, merged: scraped text rarely says what language it is before analysis, and the
// entries are chosen so that matching them in another language's text is harmless.
import type { ExtractLanguage } from './types.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';

export type { ExtractLanguage } from './types.ts';
export const LANGUAGES: readonly ExtractLanguage[] = [vi, en];

function merged(pick: (l: ExtractLanguage) => string[]): string[] {
  const all = new Set<string>();
  for (const l of LANGUAGES) for (const w of pick(l)) all.add(w.toLowerCase());
  // Longest first, so alternations prefer `tin cùng chuyên mục` over `tin`.
  return [...all].sort((a, b) => b.length - a.length);
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An alternation group (no capture) of the given words, longest first. */
export function alt(words: string[]): string {
  return `(?:${words.map(escapeRe).join('|')})`;
}

export const MONTHS: Record<string, number> = Object.assign({}, ...LANGUAGES.map((l) => l.months));
export const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length);
export const WEEKDAYS = merged((l) => l.weekdays);
export const DAY_WORDS = merged((l) => l.dayWords);
export const YEAR_WORDS = merged((l) => l.yearWords);
export const FUTURE_AFTER_YEAR = merged((l) => l.futureAfterYear);
export const SECTION_FOOTERS = new Set(merged((l) => l.sectionFooters));
export const CAPTION_LABELS = merged((l) => l.captionLabels);
export const PICTURE_WORDS = merged((l) => l.pictureWords);
export const CREDIT_OPENERS = merged((l) => l.creditOpeners);
export const REFERENCE_HEADINGS = new Set(merged((l) => l.referenceHeadings));
export const RELATED_LABELS = merged((l) => l.relatedLabels);
export const HOME_WORDS = merged((l) => l.homeWords);
export const END_MARKS = merged((l) => l.endMarks);
export const METADATA_KEYS = merged((l) => l.metadataKeys);
export const BYLINE_OPENERS = merged((l) => l.bylineOpeners);

/** Month-first reading of `a/b/yyyy` for a language tag (`en`, `en-US`); other English regions read day first. */
export function numericOrderFor(lang: string | null | undefined): 'dmy' | 'mdy' {
  if (!lang) return 'dmy';
  const [primary, region] = lang.toLowerCase().split(/[-_]/);
  const table = LANGUAGES.find((l) => l.code === primary);
  if (!table) return 'dmy';
  if (table.numericOrder === 'mdy' && region && region !== 'us') return 'dmy';
  return table.numericOrder;
}
