// Time-expression tagging: finds dates, times, durations and sets in text and resolves them
// (TimeML-style values) against the article's date. Per-language knowledge lives in lang/*.ts; the
// engine (engine.ts) is shared. With no anchor, relative expressions get value null or an X-pattern.
import type { PartialDate, TimeExpression } from '../../types.ts';
import { parseAnchor, type Anchor } from './calendar.ts';
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

/** The last text tagged, with its tables, anchor and result. */
interface LastRun {
  text: string;
  tables: LangTable[];
  anchor: Anchor | null;
  found: Found[];
}
let lastRun: LastRun | null = null;

const sameAnchor = (a: Anchor | null, b: Anchor | null): boolean =>
  a === b || (a !== null && b !== null && a.y === b.y && a.m === b.m && a.d === b.d && a.value === b.value);

/**
 * `run`, remembered for the last text: the pipeline tags a body in analyze and then again in docdate,
 * mostly with the same anchor (none), and the result depends on nothing else. Callers get their own
 * copies (see `copyFound`), so the remembered result never changes.
 */
function runOnce(text: string, language: string, anchor: Anchor | null): Found[] {
  const tables = tablesFor(language);
  const last = lastRun;
  if (last && last.text === text && sameAnchor(last.anchor, anchor) && last.tables.length === tables.length && last.tables.every((t, i) => t === tables[i])) return last.found;
  const found = run(text, tables, anchor);
  lastRun = { text, tables, anchor, found };
  return found;
}

/** A Found that shares nothing with the remembered one. */
function copyFound(f: Found): Found {
  const c = { ...f };
  if (f.lunar) c.lunar = { ...f.lunar };
  if (f.monthDay) c.monthDay = { ...f.monthDay };
  return c;
}

/** Tagging with the engine's extra facts kept (lunar days, years stated, day-month without year). */
export function tagTimesDetailed(text: string, options: TagTimesOptions): Found[] {
  return runOnce(text, options.language, parseAnchor(options.anchor)).map(copyFound);
}

export function tagTimes(text: string, options: TagTimesOptions): TimeExpression[] {
  const anchor = parseAnchor(options.anchor);
  return runOnce(text, options.language, anchor).map((f) => toExpression(text, f, anchor));
}

export type { Found } from './engine.ts';
