// Month names, weekday names and day-period words (`PM`, `م`) of many languages, built at module load
// from the CLDR data inside Node's ICU (`Intl.DateTimeFormat`), so no language needs a hand-written list.
// Pages are read with every language at once (a page's language is often unknown or wrong), so a name
// two languages give to different months (`listopad`: October in Croatian, November in Czech) is left out.
// English and Vietnamese keep their own tables (en.ts, vi.ts); these names are only ever read next to a
// four-digit year, which keeps short forms (`mar`, `set`, `out`) from reading ordinary words as dates.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

/** Languages whose calendars pages are likely to be written in (Gregorian calendar forced). */
export const CALENDAR_LOCALES: readonly string[] = [
  'de', 'fr', 'es', 'it', 'pt', 'ca', 'gl', 'eu', 'nl', 'da', 'sv', 'nb', 'nn', 'is', 'fi', 'et', 'lv', 'lt',
  'pl', 'cs', 'sk', 'sl', 'hr', 'bs', 'sr-Latn', 'sr', 'mk', 'bg', 'ru', 'uk', 'be', 'ro', 'hu', 'sq', 'el',
  'tr', 'az', 'ka', 'hy', 'kk', 'uz', 'id', 'ms', 'tl', 'sw', 'af', 'ar', 'ar-SY', 'ar-IQ', 'ar-LB', 'ar-MA',
  'ar-TN', 'ar-DZ', 'fa', 'ur', 'he', 'hi', 'bn', 'mr', 'ne', 'ta', 'te',
];

export interface CalendarWords {
  /** Lower-case month name or abbreviation (no trailing dot) -> month number. */
  months: Record<string, number>;
  /** Lower-case weekday names, long and short. */
  weekdays: string[];
  /** Lower-case words for before/after noon (`pm`, `م`, `مساءً`). */
  dayPeriods: string[];
}

const clean = (s: string) => s.normalize('NFC').toLowerCase().replace(/\.$/u, '').trim();

export function calendarWords(locales: readonly string[] = CALENDAR_LOCALES): CalendarWords {
  const months = new Map<string, Set<number>>();
  const weekdays = new Set<string>();
  const periods = new Set<string>();
  const addMonth = (name: string, m: number) => {
    const k = clean(name);
    // Numeric "months" (`1月`, `M01`) and one-letter forms say nothing.
    if (k.length < 3 || /\d/u.test(k)) return;
    const set = months.get(k) ?? new Set<number>();
    set.add(m);
    months.set(k, set);
  };
  for (const base of locales) {
    let locale: string;
    try {
      locale = Intl.getCanonicalLocales(`${base}-u-ca-gregory-nu-latn`)[0]!;
    } catch {
      continue;
    }
    // Three formatters per language (building one costs a few milliseconds): the standalone month, and a
    // weekday + day + month + 12-hour time in long and in short form, whose month is the "format" form
    // (the genitive in Slavic languages: `июня`, `października`).
    const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' });
    const standalone = fmt({ month: 'long' });
    const long = fmt({ weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', hour12: true });
    const short = fmt({ weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', hour12: true });
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2021, m, 15, m % 2 ? 9 : 21));
      addMonth(standalone.format(d), m + 1);
      for (const f of [long, short]) {
        for (const p of f.formatToParts(d)) {
          if (p.type === 'month') addMonth(p.value, m + 1);
          else if (p.type === 'dayPeriod') periods.add(clean(p.value));
        }
      }
    }
    for (let i = 0; i < 7; i++) {
      const d = new Date(Date.UTC(2021, 0, 4 + i));
      for (const f of [long, short]) {
        const w = f.formatToParts(d).find((p) => p.type === 'weekday');
        const k = w ? clean(w.value) : '';
        if (k.length >= 2) weekdays.add(k);
      }
    }
  }
  const out: Record<string, number> = {};
  for (const [k, set] of months) if (set.size === 1) out[k] = [...set][0]!;
  return {
    months: out,
    weekdays: [...weekdays].filter((w) => !(w in out)),
    dayPeriods: [...periods].filter((p) => p && !/\d/u.test(p)),
  };
}

let built: CalendarWords | null = null;
/**
 * The tables for CALENDAR_LOCALES, built on first use. Building them costs ~70 ms of CPU, paid by every
 * ingest thread; they are kept under node_modules/.cache/tinline, named by a hash of what they come
 * from (ICU and CLDR versions, the locales, this file), and later threads read them in a millisecond.
 */
export function calendar(): CalendarWords {
  if (built) return built;
  const v = process.versions;
  const tag = createHash('sha256')
    .update(JSON.stringify([v.icu, v.cldr, v.unicode, v.tz, CALENDAR_LOCALES]))
    // This file's own text, not `calendarWords.toString()`: tsx and the thread bundle compile it differently.
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex').slice(0, 16);
  const file = join(dirname(fileURLToPath(import.meta.url)), '../../../node_modules/.cache/tinline', `calendar-${tag}.json`);
  try {
    if (existsSync(file)) built = JSON.parse(readFileSync(file, 'utf8')) as CalendarWords;
  } catch {
    built = null;
  }
  if (!built) {
    built = calendarWords();
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Written aside and renamed: a thread reading it never sees half a file.
      const part = `${file}.${process.pid}.${threadId}.part`;
      writeFileSync(part, JSON.stringify(built));
      renameSync(part, file);
    } catch {
      // No cache (read-only tree): the next thread builds the tables again.
    }
  }
  return built;
}
