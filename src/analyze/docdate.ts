// Publication date from the article's own words, when the page gave none or only part of one.
// Each rule says what it read in `evidence`. The machine's clock is never used.
//
// Rules, strongest first:
//  (d) a lunar holiday with its Gregorian date in brackets (`trước ngày đầu năm mới Âm lịch (10/2)`)
//      names a year: the latest year, no later than what bounds the article (its page dates), whose
//      lunar day falls on that Gregorian day. The article reports it soon after: that month.
//  (b) a stated year that is still ahead (`năm 2026 đang đến gần`, `2026 is approaching`) puts the
//      article in the year before; `năm nay`/`this year` then means that year.
//  (c) a day and month with no year (`Ngày 12/11`) take the latest year the text states (`trong năm
//      2024`, `tháng 5/2024`) — or the next one if the day would fall before a dated mention of that year.
//  (a) otherwise the latest fully dated past event bounds the date from below: that month, approximately.
//  (e) with no year anywhere, a day and month stay as they are with the year unknown (`XXXX-11-18`).
import type { PartialDate } from '../types.ts';
import { lunarToSolar, parseAnchor, addDays, fmtDay, fmtMonth, fmtYear, type YMD } from './time/calendar.ts';
import { tableFor, tagTimesDetailed, type Found } from './time/index.ts';

export interface DocDateInput {
  text: string;
  language: string;
  current: PartialDate;
  /** Dates the page showed that are not the publication date: upper bounds only. */
  pageDates?: PartialDate[];
}

const ymd = (v: string | null): YMD | null => {
  const m = v && /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
};
const cmp = (a: YMD, b: YMD): number => a.y - b.y || a.m - b.m || a.d - b.d;
const quote = (f: Found, text: string): string => `'${text.slice(f.start, f.end).trim()}'`;

function around(date: YMD, evidence: string): PartialDate {
  return { value: fmtMonth(date.y, date.m), precision: 'month', evidence, kind: 'approximate' };
}

export function inferDocumentDate(input: DocDateInput): PartialDate {
  const { text, language, current } = input;
  const known = parseAnchor(current);
  if (known?.y != null && (current.precision === 'day' || current.precision === 'month')) return current;

  // What bounds the article from above: the latest page date (the day the page was shown).
  let upper: YMD | null = null;
  for (const p of input.pageDates ?? []) {
    const a = parseAnchor(p);
    if (a?.y == null) continue;
    const d: YMD = { y: a.y, m: a.m ?? 12, d: a.d ?? 31 };
    if (!upper || cmp(d, upper) > 0) upper = d;
  }
  const yearKnown = known?.y ?? null;
  const maxYear = yearKnown ?? upper?.y ?? null;

  const found = tagTimesDetailed(text, { language, anchor: yearKnown !== null ? current : null });
  const table = tableFor(language);

  // (d) lunar day confirmed by a Gregorian date in brackets
  for (const f of found) {
    if (!f.lunar || !f.monthDay || maxYear === null) continue;
    for (let y = maxYear; y >= maxYear - 60; y--) {
      const s = lunarToSolar(f.lunar.day, f.lunar.month, y);
      if (!s || s.m !== f.monthDay.m || s.d !== f.monthDay.d) continue;
      if (upper && cmp(s, upper) > 0) continue;
      const event = f.mod === 'before' ? addDays(s, -1) : s;
      const bound = upper ? ` (page date ${fmtDay(upper)} bounds the year)` : '';
      return around(event, `inferred from ${quote(f, text)}: lunar ${f.lunar.day}/${f.lunar.month} fell on ${fmtDay(s)} in ${y}${f.mod === 'before' ? ', the event before it' : ''}${bound}`);
    }
  }

  // (b) a stated year still ahead
  const present = found.find((f) => f.yearOffset === 0);
  let cueYear: number | null = null;
  let cueEvidence = '';
  const ahead = new Set<Found>();
  for (const f of found) {
    if (f.explicitYear === undefined || f.precision !== 'year' || !table.approachingCue) continue;
    const cue = table.approachingCue.exec(text.slice(f.end, f.end + 40));
    if (!cue) continue;
    ahead.add(f);
    if (cueYear === null) {
      cueYear = f.explicitYear - 1;
      cueEvidence = `'${text.slice(f.start, f.end + cue[0].length).trim()}'`;
    }
  }
  const year = yearKnown ?? cueYear;

  // (c) day and month without a year
  const partial = found.filter((f) => f.monthDay && !f.lunar && f.explicitYear === undefined);
  const stated = found.filter((f) => f.explicitYear !== undefined && !ahead.has(f) && (maxYear === null || f.explicitYear <= maxYear));
  if (partial.length) {
    const p = partial[0]!;
    const md = p.monthDay!;
    if (year !== null) {
      const evidence = yearKnown !== null ? `inferred from ${quote(p, text)} in ${year}` : `inferred from ${quote(p, text)} with the year from ${cueEvidence}`;
      return { value: fmtDay({ y: year, m: md.m, d: md.d }), precision: 'day', evidence, kind: 'approximate' };
    }
    if (stated.length) {
      let y = Math.max(...stated.map((f) => f.explicitYear!));
      const latest = stated
        .map((f) => ({ f, d: ymd(f.value) ?? (f.value && /^\d{4}-\d{2}$/.test(f.value) ? { ...ymd(`${f.value}-01`)! } : null) }))
        .filter((x): x is { f: Found; d: YMD } => !!x.d && x.d.y === y)
        .sort((a, b) => cmp(b.d, a.d))[0];
      if (latest && cmp({ y, m: md.m, d: md.d }, latest.d) < 0 && (maxYear === null || y + 1 <= maxYear)) y += 1;
      const sources = stated.filter((f) => f.explicitYear === y).map((f) => quote(f, text));
      return around({ y, m: md.m, d: md.d }, `inferred from ${quote(p, text)} with the year from ${[...new Set(sources)].join(', ') || String(y)}`);
    }
  }

  if (cueYear !== null) {
    const lead = present ? `${quote(present, text)} (${fmtYear(cueYear)}) with ` : `${fmtYear(cueYear)}: `;
    return { value: fmtYear(cueYear), precision: 'year', evidence: `inferred from ${lead}${cueEvidence}`, kind: 'approximate' };
  }

  // (a) the latest fully dated past event
  const dated = found
    .map((f) => ({ f, d: f.explicitYear !== undefined && f.precision === 'day' ? ymd(f.value) : null }))
    .filter((x): x is { f: Found; d: YMD } => !!x.d && (!upper || cmp(x.d, upper) <= 0) && (yearKnown === null || x.d.y === yearKnown))
    .sort((a, b) => cmp(b.d, a.d));
  if (dated.length) {
    const { f, d } = dated[0]!;
    return around(d, `inferred from ${quote(f, text)}: published on or after the latest dated event`);
  }

  if (yearKnown !== null) return current;

  // (e) a day and month with the year unknown
  if (partial.length) {
    const p = partial[0]!;
    return { value: p.value, precision: 'day', evidence: `inferred from ${quote(p, text)}; no year in the text`, kind: 'approximate' };
  }
  return current;
}
