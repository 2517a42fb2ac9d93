// Calendar arithmetic on plain {y, m, d} triples (UTC, proleptic Gregorian). No Date.now() anywhere:
// the machine's clock is never evidence for a date in an article.
import { getSolarDate } from '@dqcai/vn-lunar';
import type { PartialDate } from '../../types.ts';

export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** What is known of the anchor: a year, perhaps a month, perhaps a day. */
export interface Anchor {
  y: number | null;
  m: number | null;
  d: number | null;
  value: string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function fmtDay(x: YMD): string {
  return `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`;
}
export function fmtMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}
export function fmtYear(y: number): string {
  return pad(y, 4);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function toDays(x: YMD): number {
  return Math.floor(Date.UTC(x.y, x.m - 1, x.d) / 86_400_000);
}
export function fromDays(n: number): YMD {
  const t = new Date(n * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
export function addDays(x: YMD, n: number): YMD {
  return fromDays(toDays(x) + n);
}
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(x: YMD): number {
  const w = new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week value `2024-W05` of a day. */
export function isoWeek(x: YMD): string {
  const thursday = addDays(x, 4 - isoWeekday(x));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  const week = Math.floor((toDays(thursday) - toDays(jan1)) / 7) + 1;
  return `${pad(thursday.y, 4)}-W${pad(week)}`;
}

/** The Monday of the ISO week containing x. */
export function mondayOf(x: YMD): YMD {
  return addDays(x, 1 - isoWeekday(x));
}

/** Parses a PartialDate (or TimeML value) into what the tagger can anchor on. `XXXX-…` gives no year. */
export function parseAnchor(p: PartialDate | null): Anchor | null {
  if (!p || !p.value) return null;
  const m = /^(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?/.exec(p.value);
  if (!m) return null;
  const y = m[1] === 'XXXX' ? null : Number(m[1]);
  const mo = m[2] ? Number(m[2]) : null;
  const d = m[3] ? Number(m[3]) : null;
  if (y === null && mo === null) return null;
  return { y, m: mo, d, value: p.value };
}

export function anchorDay(a: Anchor | null): YMD | null {
  return a && a.y !== null && a.m !== null && a.d !== null ? { y: a.y, m: a.m, d: a.d } : null;
}

/**
 * The year for a day-and-month given without one (`Ngày 12/11`, `Nov. 19`), from the anchor.
 * Rule: of the anchor's year and the years either side, take the date nearest the anchor, where days
 * after the anchor count triple — news mostly reports what has happened, and announces what is coming
 * only a little ahead. An anchor known to the month is taken as its 15th; to the year, as its 2nd July.
 */
/** How much more a day after the anchor weighs than a day before it (see nearestYear). */
export const FUTURE_WEIGHT = 3;

export function nearestYear(month: number, day: number, a: Anchor | null): number | null {
  if (!a || a.y === null) return null;
  const ref: YMD = { y: a.y, m: a.m ?? 7, d: a.d ?? (a.m ? 15 : 2) };
  if (a.m === null) return a.y;
  const r = toDays(ref);
  let best: number | null = null;
  let bestCost = Infinity;
  for (const y of [a.y - 1, a.y, a.y + 1]) {
    const dd = Math.min(day, daysInMonth(y, month));
    const delta = toDays({ y, m: month, d: dd }) - r;
    const cost = delta > 0 ? FUTURE_WEIGHT * delta : -delta;
    if (cost < bestCost) {
      bestCost = cost;
      best = y;
    }
  }
  return best;
}

/** Gregorian date of a Vietnamese lunar day/month in the lunar year `year` (null outside the table). */
export function lunarToSolar(day: number, month: number, year: number): YMD | null {
  // The conversion is pure and slow; the same few holidays come up again and again.
  const cacheable = Number.isInteger(day) && Number.isInteger(month) && Number.isInteger(year) && day >= 0 && day < 100 && month >= 0 && month < 100;
  if (!cacheable) return lunarToSolarUncached(day, month, year);
  const key = year * 10_000 + month * 100 + day;
  let hit = lunarCache.get(key);
  if (hit === undefined) {
    hit = lunarToSolarUncached(day, month, year);
    if (lunarCache.size < 10_000) lunarCache.set(key, hit);
  }
  return hit && { ...hit };
}

const lunarCache = new Map<number, YMD | null>();

function lunarToSolarUncached(day: number, month: number, year: number): YMD | null {
  try {
    const s = getSolarDate(day, month, year);
    if (!s || !s.year || !s.month || !s.day) return null;
    return { y: s.year, m: s.month, d: s.day };
  } catch {
    return null;
  }
}
