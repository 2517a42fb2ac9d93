// The one engine every language table runs on: find candidate spans with the tables' rules, keep the
// longest non-overlapping ones, then join neighbours (a time with its date, a weekday with its date, a
// lunar holiday with the Gregorian date given in brackets after it) and apply modifiers (`đầu`, `early`,
// `trước`, `before`). Rules resolve against the anchor through the helpers below; a relative expression
// with no usable anchor gets value null, never the machine's clock.
import type { Precision, TimeExpression, TimeType } from '../../types.ts';
import {
  addDays,
  addMonths,
  anchorDay,
  daysInMonth,
  fmtDay,
  fmtMonth,
  fmtYear,
  isValidDay,
  isoWeek,
  isoWeekday,
  lunarToSolar,
  mondayOf,
  nearestYear,
  FUTURE_WEIGHT,
  type Anchor,
  type YMD,
} from './calendar.ts';
import { codeUnitClass, isSurrogate, type CodeUnitTest } from '../chars.ts';
import { buildIndex, candidates, WORD_START, type OpeningIndex } from './prefix.ts';

/** What a rule found, before it becomes a TimeExpression. */
export interface Hit {
  value: string | null;
  precision: Precision | null;
  type: TimeType;
  /** True when the value was computed from the anchor. */
  relative: boolean;
  mod?: 'before' | 'after' | 'approx' | null;
  /** A bare time of day (`T15:30`, `TEV`): joins an adjacent day; alone it falls on the anchor's day. */
  tod?: string;
  /** A part-of-day word (`chiều`, `morning`) that means nothing without a day next to it. */
  needsDay?: boolean;
  /** A bare weekday name: an adjacent full date wins over it. */
  weekday?: boolean;
  /** A lunar-calendar day, so a Gregorian date in brackets after it can confirm or fix the year. */
  lunar?: { day: number; month: number };
  /** Day and month stated without a year (`Ngày 12/11`): docdate re-resolves these. */
  monthDay?: { m: number; d: number };
  /** A year stated in the text (`năm 2024`, `tháng 5/2024`, `2023-09`). */
  explicitYear?: number;
  /** Offset in years from the anchor for `năm nay`/`this year` (0), `năm ngoái` (-1)… */
  yearOffset?: number;
}

export interface Ctx {
  text: string;
  anchor: Anchor | null;
  /** Numeric dates `a/b` read day-first (most of the world) or month-first (US English). */
  dayFirst: boolean;
}

export interface Rule {
  name: string;
  re: RegExp;
  resolve(m: RegExpExecArray, ctx: Ctx): Hit | null;
}

export interface LangTable {
  code: string;
  rules: Rule[];
  dayFirst: boolean;
  /** Words right before an expression that make it approximate and belong to it (`đầu`, `early`). */
  approxPrefix?: RegExp;
  /** Words right before an expression that make it a bound; kept out of the span (`trước`, `before`). */
  beforePrefix?: RegExp;
  afterPrefix?: RegExp;
  /** What may stand between a time and its day (`15h30 ngày 12/11`, `3 p.m. on Monday`). */
  joiner: RegExp;
  /** Cues after an explicit year that it is still ahead (`năm 2026 đang đến gần`): for docdate. */
  approachingCue?: RegExp;
  /** Words meaning the present year (`năm nay`, `this year`) are found by rules; docdate reads yearOffset. */
}

/** A candidate with its place in the text. */
export interface Found extends Hit {
  start: number;
  end: number;
  rule: string;
}

// ---- regex helpers for the tables ---------------------------------------------------------------

const L = '[\\p{L}\\p{N}]';
/** Wraps a pattern so it matches whole words only (Unicode-aware; `\b` is ASCII-only in JS). */
export function words(src: string, flags = 'giu'): RegExp {
  return new RegExp(`(?<!${L})(?:${src})(?!${L})`, flags);
}
export function alt(list: Iterable<string>): string {
  return [...list].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
}
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}
export function lookup(table: Record<string, number>, key: string | undefined): number | null {
  if (key === undefined) return null;
  const k = key.toLowerCase().replace(/\s+/g, ' ');
  return k in table ? table[k]! : /^\d+$/.test(k) ? Number(k) : null;
}

// ---- resolution helpers -------------------------------------------------------------------------

const NONE: Hit = { value: null, precision: null, type: 'date', relative: true };

export function day(x: YMD, relative = false): Hit {
  return { value: fmtDay(x), precision: 'day', type: 'date', relative };
}

/** A stated day, month and maybe year; the year otherwise comes from the anchor (nearestYear). */
export function dayMonth(ctx: Ctx, d: number, m: number, y: number | null): Hit | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  if (y !== null) {
    if (!isValidDay(y, m, d)) return null;
    return { ...day({ y, m, d }), explicitYear: y };
  }
  if (d > daysInMonth(2024, m)) return null;
  const yy = nearestYear(m, d, ctx.anchor);
  const monthDay = { m, d };
  if (yy === null) return { value: `XXXX-${fmtMonth(0, m).slice(5)}-${String(d).padStart(2, '0')}`, precision: 'day', type: 'date', relative: false, monthDay };
  return { ...day({ y: yy, m, d: Math.min(d, daysInMonth(yy, m)) }, true), monthDay };
}

export function monthYear(m: number, y: number): Hit | null {
  if (m < 1 || m > 12) return null;
  return { value: fmtMonth(y, m), precision: 'month', type: 'date', relative: false, explicitYear: y };
}

/** A month named without a year: the nearest such month to the anchor (same rule as days). */
export function monthOnly(ctx: Ctx, m: number): Hit | null {
  if (m < 1 || m > 12) return null;
  const y = nearestYear(m, 15, ctx.anchor);
  if (y === null) return { value: `XXXX-${String(m).padStart(2, '0')}`, precision: 'month', type: 'date', relative: false };
  return { value: fmtMonth(y, m), precision: 'month', type: 'date', relative: true };
}

export function year(y: number): Hit {
  return { value: fmtYear(y), precision: 'year', type: 'date', relative: false, explicitYear: y };
}

export function relDay(ctx: Ctx, n: number): Hit {
  const a = anchorDay(ctx.anchor);
  return a ? day(addDays(a, n), true) : NONE;
}

export function relWeek(ctx: Ctx, n: number): Hit {
  const a = anchorDay(ctx.anchor);
  if (!a) return NONE;
  const mon = addDays(mondayOf(a), 7 * n);
  const sun = addDays(mon, 6);
  return { value: isoWeek(mon), precision: mon.m === sun.m ? 'month' : 'year', type: 'date', relative: true };
}

export function relMonth(ctx: Ctx, n: number): Hit {
  const a = ctx.anchor;
  if (!a || a.y === null || a.m === null) return NONE;
  const r = addMonths(a.y, a.m, n);
  return { value: fmtMonth(r.y, r.m), precision: 'month', type: 'date', relative: true };
}

export function relYear(ctx: Ctx, n: number): Hit {
  const a = ctx.anchor;
  if (!a || a.y === null) return { ...NONE, yearOffset: n };
  return { value: fmtYear(a.y + n), precision: 'year', type: 'date', relative: true, yearOffset: n };
}

export function relQuarter(ctx: Ctx, n: number): Hit {
  const a = ctx.anchor;
  if (!a || a.y === null || a.m === null) return NONE;
  const q0 = a.y * 4 + Math.floor((a.m - 1) / 3) + n;
  return { value: `${fmtYear(Math.floor(q0 / 4))}-Q${(q0 % 4) + 1}`, precision: 'year', type: 'date', relative: true };
}

/** Quarter q (1–4) of year y, or of the anchor's year when y is null. */
export function quarter(ctx: Ctx, q: number, y: number | null): Hit | null {
  if (q < 1 || q > 4) return null;
  const yy = y ?? ctx.anchor?.y ?? null;
  return { value: `${yy === null ? 'XXXX' : fmtYear(yy)}-Q${q}`, precision: 'year', type: 'date', relative: y === null && yy !== null, ...(y !== null ? { explicitYear: y } : {}) };
}

export function half(ctx: Ctx, h: 1 | 2, y: number | null): Hit {
  const yy = y ?? ctx.anchor?.y ?? null;
  return { value: `${yy === null ? 'XXXX' : fmtYear(yy)}-H${h}`, precision: 'year', type: 'date', relative: y === null && yy !== null, ...(y !== null ? { explicitYear: y } : {}) };
}

/**
 * A weekday (1 = Monday … 7 = Sunday) relative to the anchor's day.
 * which: 'past' = most recent on or before the anchor; 'future' = next after it;
 * a number = that day of the ISO week `n` weeks from the anchor's week.
 */
export function weekday(ctx: Ctx, wd: number, which: 'past' | 'future' | number): Hit {
  const a = anchorDay(ctx.anchor);
  if (!a) return { value: `XXXX-WXX-${wd}`, precision: null, type: 'date', relative: false, weekday: typeof which !== 'number' };
  let x: YMD;
  if (which === 'past') x = addDays(a, -((isoWeekday(a) - wd + 7) % 7));
  else if (which === 'future') x = addDays(a, ((wd - isoWeekday(a) + 6) % 7) + 1);
  else x = addDays(mondayOf(a), 7 * which + wd - 1);
  return { ...day(x, true), weekday: typeof which !== 'number' };
}

export function duration(n: number | null, unit: string): Hit {
  const timeUnit = unit === 'H' || unit === 'MIN' || unit === 'S';
  const u = unit === 'MIN' ? 'M' : unit;
  return { value: `P${timeUnit ? 'T' : ''}${n === null ? 'X' : n}${u}`, precision: null, type: 'duration', relative: false };
}

export function set(value: string): Hit {
  return { value, precision: null, type: 'set', relative: false };
}

/** A bare time `T15:30`/`TEV`: kept as a needs-day hit, placed on a day by the engine. */
export function timeOfDay(tod: string, needsDay = false): Hit {
  return { value: null, precision: null, type: 'time', relative: false, tod, needsDay };
}

/** A lunar day/month: the Gregorian day in the lunar year nearest the anchor (same rule as days). */
export function lunar(ctx: Ctx, d: number, m: number, mod: Hit['mod'] = null): Hit {
  const a = ctx.anchor;
  const base: Hit = { value: null, precision: 'day', type: 'date', relative: true, lunar: { day: d, month: m }, mod };
  if (!a || a.y === null) return base;
  const ref = anchorDay(a) ?? { y: a.y, m: a.m ?? 7, d: a.m ? 15 : 2 };
  let best: YMD | null = null;
  let bestCost = Infinity;
  const candidates = a.m === null ? [a.y] : [a.y - 1, a.y, a.y + 1];
  for (const y of candidates) {
    const s = lunarToSolar(d, m, y);
    if (!s) continue;
    if (a.m === null && s.y !== a.y) continue;
    const delta = (Date.UTC(s.y, s.m - 1, s.d) - Date.UTC(ref.y, ref.m - 1, ref.d)) / 86_400_000;
    const cost = delta > 0 ? FUTURE_WEIGHT * delta : -delta;
    if (cost < bestCost) {
      bestCost = cost;
      best = s;
    }
  }
  return best ? { ...base, value: fmtDay(best) } : base;
}

// ---- the engine ---------------------------------------------------------------------------------

// ---- fast scanning ------------------------------------------------------------------------------
// A pattern that opens with a lookbehind (every `words()` pattern does) defeats V8's quick scan for a
// first character: the lookbehind runs at every position of the text. So each such rule also gets a
// looser twin without its leading lookbehinds, which V8 scans fast; wherever the twin matches, the
// rule itself is tried at that very position (sticky). Dropping a leading lookbehind only loosens a
// pattern, so every position where the rule matches is a position where the twin matches, and the
// rule's matches are exactly those of a plain global scan.

/** End (exclusive) of the group opening at src[i] === '(', or -1. */
function groupEnd(src: string, i: number): number {
  let depth = 0;
  let cls = false;
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (cls) {
      if (c === ']') cls = false;
      continue;
    }
    if (c === '[') cls = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k + 1;
  }
  return -1;
}

/** Whether a pattern has a capturing group (dropping it would renumber the groups after it). */
function hasCapture(src: string): boolean {
  let cls = false;
  for (let k = 0; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (cls) {
      if (c === ']') cls = false;
      continue;
    }
    if (c === '[') cls = true;
    else if (c === '(' && (src[k + 1] !== '?' || (src[k + 2] === '<' && src[k + 3] !== '=' && src[k + 3] !== '!'))) return true;
  }
  return false;
}

/** The pattern without the lookbehinds it opens with (also at the start of a leading `(?:` group). */
function loosen(src: string): string {
  for (;;) {
    if (src.startsWith('(?<=') || src.startsWith('(?<!')) {
      const e = groupEnd(src, 0);
      if (e < 0 || hasCapture(src.slice(4, e - 1))) return src;
      src = src.slice(e);
      continue;
    }
    if (src.startsWith('(?:')) return '(?:' + loosen(src.slice(3));
    return src;
  }
}

interface Scanner {
  /** The looser twin (global), or null when the rule opens with no lookbehind. */
  gate: RegExp | null;
  /** The rule's own pattern, sticky. */
  sticky: RegExp;
  /**
   * For a rule that opens with the word-start lookbehind (WORD_START): the rest of it, sticky, and the
   * lookbehind's class read with the rule's own flags. Where the code unit before a position is known
   * to be outside that class, the lookbehind holds and the rest alone decides, at about half the cost.
   */
  rest: RegExp | null;
  wordUnit: CodeUnitTest | null;
}
const scanners = new WeakMap<RegExp, Scanner>();
/** The lookbehind's class by flags (`iu` also takes what folds to a letter, such as U+0345). */
const wordUnits = new Map<string, CodeUnitTest>();
function wordUnitFor(flags: string): CodeUnitTest {
  let t = wordUnits.get(flags);
  if (!t) wordUnits.set(flags, (t = codeUnitClass(new RegExp('[\\p{L}\\p{N}]', flags))));
  return t;
}
function scannerFor(re: RegExp): Scanner {
  let s = scanners.get(re);
  if (!s) {
    const loose = re.global ? loosen(re.source) : re.source;
    let gate: RegExp | null = null;
    if (loose !== re.source) {
      try {
        gate = new RegExp(loose, re.flags);
      } catch {
        gate = null;
      }
    }
    const flags = re.flags.replace(/[gy]/g, '');
    const opensAtWord = flags.includes('u') && re.source.startsWith(WORD_START);
    s = {
      gate,
      sticky: new RegExp(re.source, flags + 'y'),
      rest: opensAtWord ? new RegExp(re.source.slice(WORD_START.length), flags + 'y') : null,
      wordUnit: opensAtWord ? wordUnitFor(flags) : null,
    };
    scanners.set(re, s);
  }
  return s;
}

/** The next match of global `re` at or after `from`, exactly as `re.exec` with lastIndex = from. */
function nextMatch(re: RegExp, text: string, from: number): RegExpExecArray | null {
  const { gate, sticky } = scannerFor(re);
  if (!gate) {
    re.lastIndex = from;
    return re.exec(text);
  }
  let x = from;
  while (x <= text.length) {
    gate.lastIndex = x;
    const g = gate.exec(text);
    if (!g) return null;
    if (g.index < x) break; // the engine stepped back (inside a surrogate pair): take the plain scan
    sticky.lastIndex = g.index;
    const m = sticky.exec(text);
    if (m) return m;
    x = g.index + 1;
  }
  if (x > text.length) return null;
  re.lastIndex = x;
  return re.exec(text);
}

/**
 * The non-empty matches of a global pattern in `text`, in order: those of `re.exec` from lastIndex 0
 * (stepping over empty matches), found through the pattern's looser twin.
 */
export function ruleMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = nextMatch(re, text, from))) {
    if (m[0].length === 0) {
      from = m.index + 1;
      continue;
    }
    from = m.index + m[0].length;
    out.push(m);
  }
  return out;
}

/** Every rule's matches in one text, in table and rule order. */
interface Matches {
  text: string;
  tables: LangTable[];
  found: { rule: Rule; m: RegExpExecArray }[];
}
// The matches of the last text: the pipeline tags one text again with a better anchor (docdate), and
// the patterns' matches do not depend on the anchor; only resolving them does.
let lastMatches: Matches | null = null;

/** The matches of global `re` at the given positions only (ascending), as `ruleMatches` would find them there. */
function matchesAt(re: RegExp, text: string, at: readonly number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (at.length === 0) return out;
  const { sticky, rest, wordUnit } = scannerFor(re);
  let from = 0;
  for (const p of at) {
    if (p < from) continue;
    // A code unit before p that is a surrogate may be half of a letter: the whole pattern reads it.
    const before = p > 0 ? text.charCodeAt(p - 1) : -1;
    const pattern = rest !== null && (before < 0 || (!isSurrogate(before) && !wordUnit!(before))) ? rest : sticky;
    pattern.lastIndex = p;
    const m = pattern.exec(text);
    // (A match elsewhere than p: the engine stepped back into a surrogate pair; no literal starts there.)
    if (!m || m.index !== p) continue;
    if (m[0].length === 0) {
      from = p + 1;
      continue;
    }
    from = p + m[0].length;
    out.push(m);
  }
  return out;
}

/** The distinct patterns of a list of tables, and the index of their openings (./prefix.ts). */
interface Plan {
  patterns: RegExp[];
  index: OpeningIndex;
}
const plans = new Map<string, { tables: LangTable[]; plan: Plan }[]>();
function planFor(tables: LangTable[]): Plan {
  const key = tables.map((t) => t.code).join(' ');
  let list = plans.get(key);
  if (!list) plans.set(key, (list = []));
  for (const x of list) if (x.tables.length === tables.length && x.tables.every((t, i) => t === tables[i])) return x.plan;
  const patterns = [...new Set(tables.flatMap((t) => t.rules.map((r) => r.re)))];
  const plan = { patterns, index: buildIndex(patterns) };
  list.push({ tables: [...tables], plan });
  return plan;
}

/** Every rule's matches by a plain scan of each pattern (what `matchAll` must agree with; tests compare). */
export function matchAllPlain(text: string, tables: LangTable[]): Matches['found'] {
  const byPattern = new Map<RegExp, RegExpExecArray[]>();
  const found: Matches['found'] = [];
  for (const t of tables) {
    for (const rule of t.rules) {
      let ms = byPattern.get(rule.re);
      if (!ms) byPattern.set(rule.re, (ms = ruleMatches(rule.re, text)));
      for (const m of ms) found.push({ rule, m });
    }
  }
  return found;
}

export function matchAll(text: string, tables: LangTable[]): Matches['found'] {
  const last = lastMatches;
  if (last && last.text === text && last.tables.length === tables.length && last.tables.every((t, i) => t === tables[i])) return last.found;
  const found: Matches['found'] = [];
  // A pattern shared by two tables (the numeric rules) is scanned once; a pattern with literal
  // openings is tried only where one of them is written.
  const { patterns, index } = planFor(tables);
  const at = candidates(index, text);
  const byPattern = new Map<RegExp, RegExpExecArray[]>();
  patterns.forEach((re, i) => byPattern.set(re, index.indexed[i] ? matchesAt(re, text, at[index.group[i]!]!) : ruleMatches(re, text)));
  for (const t of tables) {
    for (const rule of t.rules) {
      for (const m of byPattern.get(rule.re)!) found.push({ rule, m });
    }
  }
  lastMatches = { text, tables: [...tables], found };
  return found;
}

function collect(text: string, tables: LangTable[], ctx: Ctx): Found[] {
  const out: Found[] = [];
  for (const { rule, m } of matchAll(text, tables)) {
    const hit = rule.resolve(m, ctx);
    if (hit) out.push({ ...hit, start: m.index, end: m.index + m[0].length, rule: rule.name });
  }
  return out;
}

/** Longest first; on equal length, the earlier table/rule (more specific tables come first). */
export function choose(found: Found[]): Found[] {
  const order = found.map((f, i) => ({ f, i }));
  order.sort((a, b) => b.f.end - b.f.start - (a.f.end - a.f.start) || a.i - b.i);
  const chosen: Found[] = [];
  // Which chosen expression covers each character (its number + 1): an overlap is found by looking
  // at the candidate's own characters, not at every expression chosen so far (a text with thousands
  // of dates took seconds).
  const cover = new Int32Array(order.reduce((n, { f }) => Math.max(n, f.end), 0) + 1);
  for (const { f } of order) {
    if (overlapsCover(cover, f.start, f.end)) continue;
    chosen.push(f);
    cover.fill(chosen.length, f.start, f.end);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Whether [start, end) overlaps a covered span: a character of it covered, or (empty) inside one. */
function overlapsCover(cover: Int32Array, start: number, end: number): boolean {
  if (start === end) return start > 0 && cover[start - 1] !== 0 && cover[start - 1] === cover[start];
  for (let k = start; k < end; k++) if (cover[k] !== 0) return true;
  return false;
}

function gap(text: string, a: Found, b: Found, joiner: RegExp): boolean {
  if (b.start < a.end) return false;
  const between = text.slice(a.end, b.start);
  // Never across a line end: a dateline above the text (`October 13, 2005` / `On Wednesday, …`) is
  // another expression than the first words below it.
  return between === '' || (!between.includes('\n') && joiner.test(between));
}

const isDay = (f: Found): boolean => f.precision === 'day' && f.type === 'date' && !f.tod && !f.needsDay && !f.weekday;
const isDayLike = (f: Found): boolean => f.precision === 'day' && f.type === 'date' && !f.tod && !f.needsDay;

function joinTime(day: Found, time: Found, start: number, end: number): Found {
  const tod = time.tod ?? '';
  return {
    ...day,
    start,
    end,
    value: day.value ? `${day.value}${tod}` : null,
    type: 'time',
    tod: undefined,
    needsDay: false,
    relative: day.relative,
  };
}

const BRACKET_DATE = /^\s*\(\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\s*\)/u;

/** Two neighbours as one expression (a time with its date, a weekday with its date), or null. */
function joined(text: string, a: Found, b: Found, table: LangTable): Found | null {
  if (!gap(text, a, b, table.joiner)) return null;
  if ((a.tod || a.needsDay) && isDayLike(b)) return joinTime(b, a, a.start, b.end);
  if (isDayLike(a) && (b.tod || b.needsDay)) return joinTime(a, b, a.start, b.end);
  if (a.tod && b.needsDay && !a.needsDay) return { ...a, end: b.end, tod: shiftTod(a.tod, b.tod ?? '') };
  if (a.needsDay && b.tod && !b.needsDay) return { ...b, start: a.start, tod: shiftTod(b.tod, a.tod ?? '') };
  if (a.weekday && isDay(b)) return { ...b, start: a.start };
  if (isDay(a) && b.weekday) return { ...a, end: b.end };
  return null;
}

/** Joins neighbours, left to right, until nothing changes. */
function join(text: string, items: Found[], table: LangTable, ctx: Ctx): Found[] {
  // After a join at i, only the pair before it and the pairs after can join anew: go on from i - 1
  // (starting over from the first pair made this quadratic in the number of expressions).
  for (let i = 0; i + 1 < items.length; ) {
    const merged = joined(text, items[i]!, items[i + 1]!, table);
    if (!merged) {
      i++;
      continue;
    }
    items.splice(i, 2, merged);
    i = Math.max(0, i - 1);
  }
  // A Gregorian date in brackets right after an expression confirms it or, for a lunar day, fixes the year.
  for (const f of items) {
    const m = BRACKET_DATE.exec(text.slice(f.end));
    if (!m || f.type === 'duration' || f.type === 'set') continue;
    const [d, mo] = ctx.dayFirst ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
    const y = m[3] ? Number(m[3]) : null;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    const bracket = dayMonth(ctx, d, mo, y);
    if (!bracket) continue;
    if (f.lunar) {
      const fixed = lunarYearFor(f.lunar, mo, d, y, ctx.anchor);
      f.value = fixed ?? bracket.value;
      f.monthDay = { m: mo, d };
    } else if (!f.value || f.value.startsWith('XXXX') || f.precision !== 'day') {
      f.value = bracket.value;
      f.precision = 'day';
      f.monthDay = bracket.monthDay;
    }
    f.end += m[0].length;
  }
  // A bracket taken in above may have been a candidate of its own.
  return withoutContained(items);
}

/** The items no longer item contains (in their order), by one sweep in order of start. */
export function withoutContained(items: Found[]): Found[] {
  const order = items.map((_, i) => i).sort((a, b) => items[a]!.start - items[b]!.start || items[b]!.end - items[a]!.end);
  const contained = new Uint8Array(items.length);
  let endBefore = -1; // the furthest end of the items that start before the current start
  for (let k = 0; k < order.length; ) {
    const start = items[order[k]!]!.start;
    const groupEnd = items[order[k]!]!.end; // the longest of those starting here comes first
    let g = k;
    for (; g < order.length && items[order[g]!]!.start === start; g++) {
      const end = items[order[g]!]!.end;
      if (endBefore >= end || groupEnd > end) contained[order[g]!] = 1;
    }
    endBefore = Math.max(endBefore, groupEnd);
    k = g;
  }
  return items.filter((_, i) => !contained[i]);
}

/** The lunar year whose day `lunar` falls on Gregorian day/month (nearest the anchor; y if given). */
export function lunarYearFor(l: { day: number; month: number }, m: number, d: number, y: number | null, a: Anchor | null): string | null {
  const years = y !== null ? [y - 1, y] : a?.y != null ? [a.y - 1, a.y, a.y + 1, a.y - 2, a.y + 2] : [];
  for (const yy of years) {
    const s = lunarToSolar(l.day, l.month, yy);
    if (s && s.m === m && s.d === d && (y === null || s.y === y)) return fmtDay(s);
  }
  return null;
}

/** `T09:00` + part of day `TEV` → `T21:00`; a part of day alone stays as it is. */
function shiftTod(tod: string, pod: string): string {
  const m = /^T(\d{2}):(\d{2})$/.exec(tod);
  if (!m) return tod;
  let h = Number(m[1]);
  if ((pod === 'TAF' || pod === 'TEV' || pod === 'TNI') && h < 12 && !(pod === 'TNI' && h < 5)) h += 12;
  return `T${String(h).padStart(2, '0')}:${m[2]}`;
}

interface PrefixRes {
  approx: RegExp | undefined;
  before: RegExp | undefined;
  after: RegExp | undefined;
}
const prefixCache = new WeakMap<LangTable, PrefixRes>();
/** A table's prefix patterns anchored at the end of the text before an expression, compiled once. */
function prefixRes(table: LangTable): PrefixRes {
  let r = prefixCache.get(table);
  if (!r) {
    const tail = (re: RegExp | undefined): RegExp | undefined => re && new RegExp(`(?:${re.source})\\s*$`, 'iu');
    r = { approx: tail(table.approxPrefix), before: tail(table.beforePrefix), after: tail(table.afterPrefix) };
    prefixCache.set(table, r);
  }
  return r;
}

function modifiers(text: string, items: Found[], table: LangTable): void {
  const re = prefixRes(table);
  for (const f of items) {
    const before = text.slice(Math.max(0, f.start - 40), f.start);
    const approx = re.approx && re.approx.exec(before);
    if (approx && f.type !== 'set') {
      f.start -= approx[0].length;
      f.mod = 'approx';
      continue;
    }
    if (f.mod || f.type === 'duration' || f.type === 'set') continue;
    if (re.before && re.before.test(before)) f.mod = 'before';
    else if (re.after && re.after.test(before)) f.mod = 'after';
  }
}

/** Runs the tables over the text; the first table's settings (joiner, modifiers) govern. */
export function run(text: string, tables: LangTable[], anchor: Anchor | null): Found[] {
  const main = tables[0]!;
  const ctx: Ctx = { text, anchor, dayFirst: main.dayFirst };
  const items = join(text, choose(collect(text, tables, ctx)), main, ctx);
  const out: Found[] = [];
  for (const f of items) {
    if (f.needsDay) continue;
    if (f.tod) {
      // A time with no day beside it is on the anchor's day (TimeML's reading of news).
      const a = anchorDay(anchor);
      out.push({ ...f, value: `${a ? fmtDay(a) : 'XXXX-XX-XX'}${f.tod}`, precision: a ? 'day' : null, relative: !!a, tod: undefined });
      continue;
    }
    out.push(f);
  }
  modifiers(text, out, main);
  return out;
}

export function toExpression(text: string, f: Found, anchor: Anchor | null): TimeExpression {
  return {
    start: f.start,
    end: f.end,
    surface: text.slice(f.start, f.end),
    value: f.value,
    precision: f.value ? f.precision : null,
    type: f.type,
    anchor: f.relative && anchor ? anchor.value : null,
    mod: f.mod ?? null,
  };
}
