// Dates as pages and scraped texts write them. Everything keeps the calendar day written in the text
// (a timestamp's local day, never converted to UTC); nothing here reads the clock.
import type { PartialDate, Precision } from '../types.ts';
import { calendar } from './lang/calendar.ts';
import { DAY_WORDS, FUTURE_AFTER_YEAR, MONTHS, MONTH_NAMES, WEEKDAYS, YEAR_WORDS, alt } from './lang/index.ts';

export interface Ymd {
  y: number | null;
  m: number;
  d: number | null;
}

export interface DateMatch extends Ymd {
  index: number;
  text: string;
  /** A time of day was written with the date (`19:20`). */
  hasTime?: boolean;
}

/** Years outside this range are read as noise (ids, prices), not dates. No clock: the bound is fixed. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2099;

function validYmd(y: number | null, m: number, d: number | null): boolean {
  if (y !== null && (y < MIN_YEAR || y > MAX_YEAR)) return false;
  if (m < 1 || m > 12) return false;
  if (d === null) return true;
  const days = [31, y !== null && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : y === null ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d >= 1 && d <= days[m - 1]!;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function ymdValue(x: Ymd): { value: string; precision: Precision } {
  const y = x.y === null ? 'XXXX' : String(x.y);
  if (x.d === null) return { value: `${y}-${pad(x.m)}`, precision: 'month' };
  return { value: `${y}-${pad(x.m)}-${pad(x.d)}`, precision: 'day' };
}

export function partial(x: Ymd, evidence: string, kind: PartialDate['kind'] = 'exact'): PartialDate {
  return { ...ymdValue(x), evidence, kind };
}

/** `YYYY`, `YYYY-MM`, `YYYY-MM-DD…` (given metadata) -> a PartialDate, or null when it is not one. */
export function parseGivenDate(s: string): PartialDate | null {
  const t = s.trim();
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:$|[T\s])/.exec(t);
  if (!m) {
    const loose = parseTimestamp(t);
    return loose ? partial(loose, `given: ${t}`) : null;
  }
  const y = Number(m[1]);
  if (m[2] === undefined) return y >= 1000 ? { value: m[1]!, precision: 'year', evidence: `given: ${t}`, kind: 'exact' } : null;
  const mo = Number(m[2]);
  const d = m[3] === undefined ? null : Number(m[3]);
  if (mo < 1 || mo > 12 || (d !== null && (d < 1 || d > 31))) return null;
  return partial({ y, m: mo, d }, `given: ${t}`);
}

// ---- digits of other scripts -----------------------------------------------------------------

// Per code unit outside ASCII: 1 a decimal digit, 2 not; 0 not looked up yet. A digit outside the
// BMP is left as it is, so only BMP units matter.
const digitClass = new Uint8Array(0x10000);

function hasOtherDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    let k = digitClass[c]!;
    if (k === 0) digitClass[c] = k = /\p{Nd}/u.test(String.fromCharCode(c)) ? 1 : 2;
    if (k === 1) return true;
  }
  return false;
}

const digitValue = new Map<number, number>();
/**
 * The text with every decimal digit of another script (`٠٧`, `১৬`, `０７`) written as an ASCII digit, one
 * character for one, so indices into it are indices into the original. A digit's value is its distance
 * from the first digit of its run (Unicode keeps each script's ten digits together, zero first).
 */
export function asciiDigits(text: string): string {
  if (!hasOtherDigits(text)) return text;
  return text.replace(/(?![0-9])\p{Nd}/gu, (c) => {
    if (c.length !== 1) return c;
    const cp = c.charCodeAt(0);
    let v = digitValue.get(cp);
    if (v === undefined) {
      v = 0;
      while (v < 9 && /\p{Nd}/u.test(String.fromCharCode(cp - v - 1))) v++;
      digitValue.set(cp, v);
    }
    return String(v);
  });
}

// ---- machine-written timestamps (meta tags, JSON-LD, <time datetime>) ----------------------

/**
 * A timestamp as metadata writes it: ISO 8601 (the written day kept, whatever the offset), `YYYY/MM/DD`,
 * `YYYYMMDD`, epoch seconds or milliseconds (read in UTC: there is no local day to keep), or any
 * human-written date `findDates` understands.
 */
export function parseTimestamp(raw: string, order: 'dmy' | 'mdy' = 'dmy'): Ymd | null {
  const s = asciiDigits(raw.trim().slice(0, 200));
  if (!s) return null;
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?![\d])/.exec(s);
  if (m) {
    const x = { y: Number(m[1]), m: Number(m[2]), d: m[3] === undefined ? null : Number(m[3]) };
    return validYmd(x.y, x.m, x.d) ? x : null;
  }
  m = /^(\d{4})(\d{2})(\d{2})(?:$|T|\s|\d{2,6}$)/.exec(s);
  if (m) {
    const x = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    return validYmd(x.y, x.m, x.d) ? x : null;
  }
  m = /^(\d{10}|\d{13})$/.exec(s);
  if (m) {
    const ms = m[1]!.length === 13 ? Number(m[1]) : Number(m[1]) * 1000;
    const dt = new Date(ms);
    const x = { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
    return validYmd(x.y, x.m, x.d) ? x : null;
  }
  const found = findDates(s, order).find((f) => f.y !== null);
  return found ?? null;
}

// ---- human-written dates --------------------------------------------------------------------

const MONTH_RE = alt(MONTH_NAMES);
const SEP = '[/.\\-]';
// `year`: every match holds a four-digit year (a text without four digits in a row has no match).
const PATTERNS: { re: RegExp; year?: true; read: (m: RegExpExecArray, order: 'dmy' | 'mdy') => Ymd | null }[] = [
  // 2023-11-02, 2023/11/02, 2023.11.02 (year first is never ambiguous)
  { re: /(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/gu, year: true, read: (m) => ({ y: +m[1]!, m: +m[3]!, d: +m[4]! }) },
  // 2023年11月2日
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu, year: true, read: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! }) },
  // 2/11/2023, 02.11.2023, 2-11-2023: day first unless the numbers or the language say otherwise
  {
    re: new RegExp(`(?<![\\d./-])(\\d{1,2})(${SEP})(\\d{1,2})\\2(\\d{4})(?![\\d])`, 'gu'),
    year: true,
    read: (m, order) => dayMonth(+m[1]!, +m[3]!, +m[4]!, order),
  },
  // ngày 2 tháng 11 năm 2023, 2 tháng 11, 2023
  { re: /(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:,|năm)\s*(\d{4}))?(?!\d)/giu, read: (m) => ({ y: m[3] ? +m[3] : null, m: +m[2]!, d: +m[1]! }) },
  // November 2, 2023 / Nov. 2 2023 / November 2
  {
    re: new RegExp(`(?<![\\p{L}])(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?:,?\\s+(\\d{4}))?(?!\\d)`, 'giu'),
    read: (m) => ({ y: m[3] ? +m[3] : null, m: MONTHS[m[1]!.toLowerCase()]!, d: +m[2]! }),
  },
  // 2 November 2023 / 2nd of November, 2023
  {
    re: new RegExp(`(?<![\\d])(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?(${MONTH_RE})\\.?(?![\\p{L}])(?:,?\\s+(\\d{4}))?(?!\\d)`, 'giu'),
    read: (m) => ({ y: m[3] ? +m[3] : null, m: MONTHS[m[2]!.toLowerCase()]!, d: +m[1]! }),
  },
  // November 2023
  { re: new RegExp(`(?<![\\p{L}\\d]\\s?)(${MONTH_RE})\\.?,?\\s+(\\d{4})(?!\\d)`, 'giu'), year: true, read: (m) => ({ y: +m[2]!, m: MONTHS[m[1]!.toLowerCase()]!, d: null }) },
  // tháng 5/2024, 5/2024
  { re: /(?<![\d./-])(\d{1,2})\/(\d{4})(?![\d/])/gu, year: true, read: (m) => ({ y: +m[2]!, m: +m[1]!, d: null }) },
  // 12/11 (no year): a day and a month, day first unless the language says otherwise
  {
    re: /(?<![\d./-])(\d{1,2})\/(\d{1,2})(?![\d]|\/\d)/gu,
    read: (m, order) => dayMonth(+m[1]!, +m[2]!, null, order),
  },
];

// Month names of every language in lang/calendar.ts (and en/vi), only ever next to a four-digit year: a
// word is read first and looked up after, so the regular expressions stay small whatever the tables hold.
const WORD = '\\p{L}[\\p{L}\\p{M}]*';
const MONTH_WORD = `(${WORD}(?:\\s+${WORD})?)\\.?(?:\\s*/\\s*(${WORD})\\.?)?`;
let allMonths: Record<string, number> | null = null;
/** A month name of any language (`oktober`, `października`, `تشرين الأول`), or 0. */
export function monthNumber(word: string): number {
  allMonths ??= { ...calendar().months, ...MONTHS };
  return allMonths[word.normalize('NFC').toLowerCase().replace(/\.$/u, '')] ?? 0;
}
/** `نيسان / أبريل`: two names for one month are fine, two months are not a date. */
function monthOf(m: RegExpExecArray, i: number): number {
  // Two words are one name (`tháng mười`, `تشرين الأول`) or a name and a connector (`abril de 2020`).
  const a = monthNumber(m[i]!) || monthNumber(m[i]!.split(/\s+/u)[0]!);
  if (!a) return 0;
  return m[i + 1] === undefined || monthNumber(m[i + 1]!) === a ? a : 0;
}
const WORLD_PATTERNS: typeof PATTERNS = [
  // 9. Oktober 2020 / 2 de abril de 2020 / 24 نيسان / أبريل 2020 / 29 июня 2020 г.
  {
    re: new RegExp(`(?<![\\d.])(\\d{1,2})\\.?\\s+(?:de\\s+|d['’]\\s*)?${MONTH_WORD},?\\s+(?:de\\s+|del\\s+)?(\\d{4})(?!\\d)`, 'giu'),
    year: true,
    read: (m) => {
      const mo = monthOf(m, 2);
      return mo ? { y: +m[4]!, m: mo, d: +m[1]! } : null;
    },
  },
  // Oktober 9, 2020
  {
    re: new RegExp(`(?<![\\p{L}\\d])${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'giu'),
    year: true,
    read: (m) => {
      const mo = monthOf(m, 1);
      return mo ? { y: +m[4]!, m: mo, d: +m[3]! } : null;
    },
  },
  // 2020. október 9. / 2020 m. spalio 9 d.
  {
    re: new RegExp(`(?<![\\d.])(\\d{4})\\.?\\s+(?:m\\.\\s+)?${MONTH_WORD}\\s+(\\d{1,2})(?![\\d:])`, 'giu'),
    year: true,
    read: (m) => {
      const mo = monthOf(m, 2);
      return mo ? { y: +m[1]!, m: mo, d: +m[4]! } : null;
    },
  },
  // 2020년 3월 4일
  { re: /(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/gu, year: true, read: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! }) },
];

const DIGIT = /[0-9]/;
const YEAR_DIGITS = /[0-9]{4}/;
const ALL_PATTERNS = [...PATTERNS, ...WORLD_PATTERNS];

function dayMonth(a: number, b: number, y: number | null, order: 'dmy' | 'mdy'): Ymd | null {
  if (a > 12 && b <= 12) return { y, m: b, d: a };
  if (b > 12 && a <= 12) return { y, m: a, d: b };
  return order === 'mdy' ? { y, m: a, d: b } : { y, m: b, d: a };
}

/** Every date written in `text`, in text order; overlapping readings keep the earliest, longest one. */
export function findDates(raw: string, order: 'dmy' | 'mdy' = 'dmy'): DateMatch[] {
  const text = asciiDigits(raw);
  // Every pattern needs a digit, and most a four-digit year: text without them skips those patterns.
  if (!DIGIT.test(text)) return [];
  const hasYear = YEAR_DIGITS.test(text);
  const out: DateMatch[] = [];
  for (const p of ALL_PATTERNS) {
    if (p.year && !hasYear) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const x = p.read(m, order);
      if (x && validYmd(x.y, x.m, x.d)) out.push({ ...x, index: m.index, text: m[0] });
    }
  }
  out.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const kept: DateMatch[] = [];
  let end = -1;
  for (const d of out) {
    if (d.index < end) continue;
    kept.push(d);
    end = d.index + d.text.length;
  }
  for (const d of kept) {
    const after = text.slice(d.index + d.text.length, d.index + d.text.length + 12);
    if (/^\s*(?:,|-|lúc|at|\|)?\s*\d{1,2}[:h]\d{2}/iu.test(after)) d.hasTime = true;
  }
  return kept;
}

const TIME_RE = '\\d{1,2}[:h]\\d{2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?';
const ZONE_RE = '(?:\\(?\\s*(?:gmt|utc)\\s*[+-]?\\s*\\d{0,2}(?::?\\d{2})?\\s*\\)?|\\b(?:ict|est|edt|pst|pdt|cet|cest|bst|ist|jst|[a-z]{2,4}t)\\b)';

/**
 * A line that is only a date (optionally a weekday, a time and a zone): `Tuesday, November 19, 2024`,
 * `Thứ năm, 2/11/2023, 19:20 (GMT+7)`. Returns the date found, or null.
 */
export function dateOnlyLine(line: string, order: 'dmy' | 'mdy' = 'dmy'): DateMatch | null {
  const trimmed = line.trim();
  // asciiDigits keeps the length: the cheap test first.
  if (trimmed.length < 6 || trimmed.length > 80) return null;
  const t = asciiDigits(trimmed);
  const dates = findDates(t, order);
  if (dates.length !== 1 || dates[0]!.d === null) return null;
  const d = dates[0]!;
  let rest = (t.slice(0, d.index) + ' ' + t.slice(d.index + d.text.length)).toLowerCase();
  const words = lineWords();
  rest = rest
    .replace(words.weekday, ' ')
    .replace(words.time, () => {
      d.hasTime = true;
      return ' ';
    })
    .replace(new RegExp(ZONE_RE, 'giu'), ' ')
    .replace(words.day, ' ')
    .replace(/(?<!\p{L})(?:lúc|at|cập nhật|updated|published|posted|today)(?!\p{L})/gu, ' ');
  return /^[\s,.|:;()\-–—/،؛]*$/u.test(rest) ? d : null;
}

let lineRes: { weekday: RegExp; time: RegExp; day: RegExp } | null = null;
function lineWords(): { weekday: RegExp; time: RegExp; day: RegExp } {
  if (lineRes) return lineRes;
  const cal = calendar();
  const weekdays = [...new Set([...WEEKDAYS, ...cal.weekdays])].sort((a, b) => b.length - a.length);
  // A day-period word (`PM`, `م`) counts only right after a time: alone, `de` or `to` are ordinary words.
  const periods = [...cal.dayPeriods].sort((a, b) => b.length - a.length);
  lineRes = {
    weekday: new RegExp(`(?<!\\p{L})${alt(weekdays)}(?!\\p{L})`, 'gu'),
    time: new RegExp(`${TIME_RE}(?:\\s*${alt(periods)}(?!\\p{L}))?`, 'giu'),
    day: new RegExp(`(?<!\\p{L})${alt(DAY_WORDS)}(?!\\p{L})`, 'gu'),
  };
  return lineRes;
}

// ---- dates in URLs -----------------------------------------------------------------------------

/** `/2023/11/02/`, `/2023-11-02-…`, `…-20231102…`, or `/2023/11/` (month only). */
export function dateFromUrl(url: string): DateMatch | null {
  let path = url;
  try {
    const u = new URL(url);
    path = u.pathname + u.search;
  } catch {
    /* a bare path is fine */
  }
  const tries: [RegExp, (m: RegExpExecArray) => Ymd][] = [
    [/(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)/, (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! })],
    [/(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/, (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! })],
    [/\/((?:19|20)\d{2})\/(\d{1,2})\//, (m) => ({ y: +m[1]!, m: +m[2]!, d: null })],
  ];
  for (const [re, read] of tries) {
    const m = re.exec(path);
    if (!m) continue;
    const x = read(m);
    if (validYmd(x.y, x.m, x.d)) return { ...x, index: m.index, text: m[0] };
  }
  return null;
}

// ---- years a text mentions -----------------------------------------------------------------

export interface YearMention {
  year: number;
  text: string;
  /** The text says the year is still to come (`năm 2026 đang đến gần`). */
  future: boolean;
}

const YEAR_MENTION = new RegExp(
  `(?:(?<![\\p{L}])${alt(YEAR_WORDS)}\\s+|(?<![\\p{L}])tháng\\s+\\d{1,2}\\s*[/,]?\\s*(?:năm\\s+)?|(?<![\\d./-])\\d{1,2}/|(?<![\\p{L}])${MONTH_RE}\\.?\\s+(?:\\d{1,2},?\\s+)?)((?:19|20)\\d{2})(?![\\d/])`,
  'giu',
);

// yearsMentioned tries YEAR_MENTION only just before each place a year can stand (found by a far
// cheaper expression): a mention ends with its year, and what comes before the year is at most three
// runs of letters or digits (`tháng 5 năm`) with blanks, `/`, `,` or `.` between them. Running the
// whole expression along a long body costs tens of microseconds per kilobyte.
const YEAR_AT = /(?:19|20)\d{2}(?![\d/])/g;
const YEAR_MENTION_AT = new RegExp(YEAR_MENTION.source, 'iuy');

const isAsciiAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isMentionSeparator = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x2f || c === 0x2c || c === 0x2e;

/**
 * The earliest index (not before `from`) a mention of the year at `year` can start at. Any character
 * outside ASCII counts as part of a run: that joins runs, so the bound only moves earlier.
 */
function mentionStart(text: string, year: number, from: number): number {
  let i = year;
  let runs = 0;
  let inRun = false;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c < 0x80 && isMentionSeparator(c)) inRun = false;
    else if (c < 0x80 && !isAsciiAlnum(c)) break;
    else if (!inRun) {
      if (++runs > 3) break;
      inRun = true;
    }
    i--;
  }
  return i;
}

/** Years the text states as years (`năm 2024`, `tháng 5/2024`, `in 2024`, `May 2024`), in order. */
export function yearsMentioned(text: string): YearMention[] {
  const out: YearMention[] = [];
  // What a global YEAR_MENTION search finds, in the same order: no mention starts before `from`, and
  // a mention starting at or before a year's place ends with that year (years do not overlap, and
  // the digits before a mention's year are at most two).
  let from = 0;
  YEAR_AT.lastIndex = 0;
  for (let y = YEAR_AT.exec(text); y; y = YEAR_AT.exec(text)) {
    if (y.index < from) continue;
    let m: RegExpExecArray | null = null;
    for (let s = mentionStart(text, y.index, from); s <= y.index && !m; s++) {
      // The second half of a surrogate pair is no place to start (a `u` search never tries it).
      if ((text.charCodeAt(s) & 0xfc00) === 0xdc00 && (text.charCodeAt(s - 1) & 0xfc00) === 0xd800) continue;
      YEAR_MENTION_AT.lastIndex = s;
      m = YEAR_MENTION_AT.exec(text);
    }
    if (!m) {
      from = y.index + 1;
      continue;
    }
    from = m.index + m[0].length;
    const after = text.slice(from, from + 24).toLowerCase();
    const future = FUTURE_AFTER_YEAR.some((f) => after.trimStart().startsWith(f));
    out.push({ year: Number(m[1]), text: m[0], future });
  }
  return out;
}
