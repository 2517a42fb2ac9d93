// Time-expression tagging: finds dates, times, durations and sets in text and resolves them
// (TimeML-style values) against the article's date. Per-language knowledge lives in lang/*.ts; the
// engine (engine.ts) is shared. With no anchor, relative expressions get value null or an X-pattern.
import type { PartialDate, TimeExpression } from '../../types.ts';
import { parseAnchor } from './calendar.ts';
import { run, toExpression, type Found, type LangTable } from './engine.ts';
import { en } from './lang/en.ts';
import { generic } from './lang/generic.ts';
import { vi } from './lang/vi.ts';

export interface TagTimesOptions {
  /** ISO 639-1 code (`vi`, `en`, …); unknown languages get numeric and month-name dates only. */
  language: string;
  /** The article's publication date, against which relative expressions resolve. */
  anchor: PartialDate | null;
}

const TABLES: Record<string, LangTable> = { vi, en };

/** The tables for a language: its own first (its settings govern), then the generic one. */
export function tablesFor(language: string): LangTable[] {
  const own = TABLES[language.toLowerCase().split(/[-_]/)[0] ?? ''];
  return own ? [own, generic] : [generic];
}

/** The table of a language, for callers that need its cues (docdate). */
export function tableFor(language: string): LangTable {
  return tablesFor(language)[0]!;
}

/** Tagging with the engine's extra facts kept (lunar days, years stated, day-month without year). */
export function tagTimesDetailed(text: string, options: TagTimesOptions): Found[] {
  return run(text, tablesFor(options.language), parseAnchor(options.anchor));
}

export function tagTimes(text: string, options: TagTimesOptions): TimeExpression[] {
  const anchor = parseAnchor(options.anchor);
  return run(text, tablesFor(options.language), anchor).map((f) => toExpression(text, f, anchor));
}

export type { Found } from './engine.ts';
