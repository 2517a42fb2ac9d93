// Partial dates as `tell` handles them: keys at their real precision, ordering, day distances.
import type { PartialDate, Precision } from '../types.ts';
import type { TellDocLike } from './text.ts';

export interface DateParts {
  year: number | null;
  month: number | null;
  day: number | null;
  precision: Precision;
}

/** A date key: the TimeML-like value at its own precision (`2024-11-12`, `2024-11`, `2025`, `XXXX-11-18`). */
export type DateKey = string;

/**
 * Reads a TimeML-like value. `--11-18` (ISO 8601's year-less form) and `XXXX-11-18` are the same date.
 * Returns null for anything that is not a calendar date (durations, weeks, seasons, `PRESENT_REF`).
 */
export function parseDateValue(value: string | null | undefined): DateParts | null {
  if (!value) return null;
  const v = value.trim().replace(/^--/, 'XXXX-');
  const m = /^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}))?)?$/.exec(v);
  if (!m) return null;
  const year = m[1] === 'XXXX' ? null : Number(m[1]);
  const month = m[2] && m[2] !== 'XX' ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (month === null || day < 1 || day > 31)) return null;
  if (year === null && month === null) return null; // `XXXX` alone says nothing
  const precision: Precision = day !== null ? 'day' : month !== null ? 'month' : 'year';
  return { year, month, day, precision };
}

export function dateKey(p: DateParts): DateKey {
  const y = p.year === null ? 'XXXX' : String(p.year).padStart(4, '0');
  if (p.precision === 'year') return y;
  const mm = String(p.month).padStart(2, '0');
  if (p.precision === 'month') return `${y}-${mm}`;
  return `${y}-${mm}-${String(p.day).padStart(2, '0')}`;
}

/** Normalized key of a PartialDate, or null when it carries no calendar date. */
export function partialDateKey(d: PartialDate | null | undefined): DateKey | null {
  const p = parseDateValue(d?.value);
  return p ? dateKey(p) : null;
}

/** True when `inner` lies inside `outer` and is finer (2024-11-12 inside 2024-11 inside 2024). */
export function isFinerWithin(inner: DateParts, outer: DateParts): boolean {
  const rank = { year: 0, month: 1, day: 2 } as const;
  if (rank[inner.precision] <= rank[outer.precision]) return false;
  if (outer.year !== null && inner.year !== outer.year) return false;
  if (outer.year === null && inner.year !== null) return false;
  if (outer.precision === 'month' && inner.month !== outer.month) return false;
  return true;
}

/**
 * Sort number: year, month, day; a coarse date sorts before the days inside it (`Nov 2024` opens
 * November). `year` overrides an unknown year with an estimate.
 */
export function sortNumber(p: DateParts, year: number | null = p.year): number {
  return (year ?? 0) * 10000 + (p.month ?? 0) * 100 + (p.day ?? 0);
}

/** Days since 0001-01-01 of the first day the date covers (unknown year: year 1). */
export function ordinal(p: DateParts): number {
  return Math.floor(Date.UTC(p.year ?? 1, (p.month ?? 1) - 1, p.day ?? 1) / 86_400_000);
}

/** Day distance between two day-precision keys; null otherwise. */
export function dayDistance(a: DateParts, b: DateParts): number | null {
  if (a.precision !== 'day' || b.precision !== 'day' || a.year === null || b.year === null) return null;
  return Math.abs(ordinal(a) - ordinal(b));
}

/** Calendar dates each sentence mentions, bounds (`before 10/2`) left out: the event is not on that day. */
export function mentionedDates(docs: TellDocLike[]): Map<string, Set<DateKey>> {
  const out = new Map<string, Set<DateKey>>();
  docs.forEach((d, doc) => {
    for (const t of d.analysis.times) {
      if (t.type !== 'date' || t.mod === 'before' || t.mod === 'after') continue;
      const p = parseDateValue(t.value);
      if (!p) continue;
      const index =
        t.sentence ?? d.analysis.sentences.findIndex((s) => t.start >= s.start && t.start < s.end);
      if (index === undefined || index < 0) continue;
      const k = `${doc}:${index}`;
      if (!out.has(k)) out.set(k, new Set());
      out.get(k)!.add(dateKey(p));
    }
  });
  return out;
}
