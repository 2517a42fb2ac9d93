// Dates as spans of possible days, so that `2024-11`, `2024-11-12`, `before 2024-02-10` and the
// year-less `XXXX-11-18` can be compared at the coarser of two precisions without inventing any.
import type { PartialDate, Precision, TimeExpression } from '../types.ts';

const DAY_MS = 86_400_000;

/** Possible days [lo, hi] (days since 1970-01-01, ±Infinity when open), plus a month/day for year-less dates. */
export interface DaySpan {
  lo: number;
  hi: number;
  month?: number;
  day?: number;
}

export const OPEN_SPAN: DaySpan = { lo: -Infinity, hi: Infinity };

export const PRECISION_RANK: Record<Precision, number> = { year: 1, month: 2, day: 3 };

export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export interface SpanOptions {
  /** How far before a `before` bound the happening may lie (and after an `after` bound). */
  boundDays: number;
  /** How much an `approx` value is widened on each side. */
  approxDays: number;
}

/** The span a TimeML-like value covers; null when it names no calendar date (durations, sets). */
export function valueSpan(value: string | null | undefined): DaySpan | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const d = dayNumber(+m[1]!, +m[2]!, +m[3]!);
    return { lo: d, hi: d };
  }
  m = /^(\d{4})-(\d{2})(?!\d)/.exec(value);
  if (m && +m[2]! >= 1 && +m[2]! <= 12) {
    const y = +m[1]!;
    const mo = +m[2]!;
    return { lo: dayNumber(y, mo, 1), hi: dayNumber(y, mo, lastDay(y, mo)) };
  }
  m = /^(\d{4})(?!\d)/.exec(value);
  // `2024`, and coarse forms such as `2024-W45`, `2024-Q1`, `2024-SU`: the year is all we trust.
  if (m) return { lo: dayNumber(+m[1]!, 1, 1), hi: dayNumber(+m[1]!, 12, 31) };
  m = /^(?:XXXX|--)-?(\d{2})(?:-(\d{2}))?/.exec(value);
  if (m) {
    const span: DaySpan = { lo: -Infinity, hi: Infinity, month: +m[1]! };
    if (m[2]) span.day = +m[2];
    return span;
  }
  return null;
}

export function dateSpan(date: PartialDate | null | undefined, options: SpanOptions): DaySpan {
  if (!date?.value) return OPEN_SPAN;
  const span = valueSpan(date.value);
  if (!span) return OPEN_SPAN;
  return widen(span, date.kind === 'before' ? 'before' : date.kind === 'after' ? 'after' : date.kind === 'approximate' ? 'approx' : null, options);
}

export function widen(span: DaySpan, mod: 'before' | 'after' | 'approx' | null | undefined, options: SpanOptions): DaySpan {
  if (!Number.isFinite(span.lo) || !Number.isFinite(span.hi)) return span;
  if (mod === 'before') return { ...span, lo: span.lo - options.boundDays, hi: span.lo };
  if (mod === 'after') return { ...span, lo: span.hi, hi: span.hi + options.boundDays };
  if (mod === 'approx') return { ...span, lo: span.lo - options.approxDays, hi: span.hi + options.approxDays };
  return span;
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Whether a bounded span [lo, hi] holds a day with this month (and day). */
function holdsMonthDay(lo: number, hi: number, month: number, day: number | undefined, tol: number): boolean {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi - lo > 400) return true;
  for (let y = yearOf(lo - tol); y <= yearOf(hi + tol); y++) {
    const a = day ? dayNumber(y, month, day) : dayNumber(y, month, 1);
    const b = day ? a : dayNumber(y, month, lastDay(y, month));
    if (a <= hi + tol && b >= lo - tol) return true;
  }
  return false;
}

/**
 * Two spans agree when some day lies in both (within `tol` days). A year-less month/day agrees with
 * another only on the same month (and day), and with a dated span only if that span holds it.
 */
export function compatible(a: DaySpan, b: DaySpan, tol: number): boolean {
  if (Math.max(a.lo, b.lo) - Math.min(a.hi, b.hi) > tol) return false;
  if (a.month !== undefined && b.month !== undefined) {
    if (a.month !== b.month) return false;
    if (a.day !== undefined && b.day !== undefined && Math.abs(a.day - b.day) > tol) return false;
    return true;
  }
  const md = a.month !== undefined ? a : b.month !== undefined ? b : null;
  if (!md) return true;
  const other = md === a ? b : a;
  return holdsMonthDay(other.lo, other.hi, md.month!, md.day, tol);
}

/** The days both allow (callers check `compatible` first; the result may be inverted by up to tol). */
export function intersect(a: DaySpan, b: DaySpan): DaySpan {
  const out: DaySpan = { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
  const month = a.month ?? b.month;
  const day = a.day ?? b.day;
  if (month !== undefined) out.month = month;
  if (day !== undefined) out.day = day;
  return out;
}

export function isBounded(span: DaySpan): boolean {
  return Number.isFinite(span.lo) && Number.isFinite(span.hi);
}

/** A number to sort by: the middle of a bounded span; year-less dates before every dated one, by month-day. */
export function sortKey(span: DaySpan): number {
  if (isBounded(span)) return (span.lo + span.hi) / 2;
  if (span.month !== undefined) return -1e7 + span.month * 32 + (span.day ?? 0);
  return Infinity;
}

/** A time expression as a partial date (its modifier kept as the kind). */
export function timeToDate(t: TimeExpression, evidence: string): PartialDate {
  const date: PartialDate = { value: t.value, precision: t.precision, evidence };
  date.kind = t.mod === 'before' ? 'before' : t.mod === 'after' ? 'after' : t.mod === 'approx' ? 'approximate' : 'exact';
  return date;
}

export function spanOfTime(t: TimeExpression, options: SpanOptions): DaySpan | null {
  const span = valueSpan(t.value);
  return span ? widen(span, t.mod ?? null, options) : null;
}

export function precisionOf(value: string | null): Precision | null {
  if (!value) return null;
  if (/^(\d{4}|XXXX)-\d{2}-\d{2}/.test(value)) return 'day';
  if (/^(\d{4}|XXXX)-\d{2}(?!\d)/.test(value)) return 'month';
  if (/^\d{4}/.test(value)) return 'year';
  return null;
}

/** Fill a year-less `XXXX-MM-DD` from a bounded publication span: the latest such day not after it. */
export function resolveYear(value: string, published: DaySpan, slackDays: number): string | null {
  const m = /^XXXX-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m || !isBounded(published)) return null;
  const month = +m[1]!;
  const day = m[2] ? +m[2] : 1;
  const top = yearOf(published.hi);
  for (let y = top; y >= top - 1; y--) {
    if (dayNumber(y, month, day) <= published.hi + slackDays) return `${y}-${m[1]}${m[2] ? `-${m[2]}` : ''}`;
  }
  return null;
}
