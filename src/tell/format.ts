// Timelines as Markdown, JSON and the plain-text layout of timeline-summarization research (tilse).
import type { Precision, Timeline } from '../types.ts';
import { parseDateValue } from './dates.ts';
import { dateLanguage } from './lang/index.ts';

export type TimelineFormat = 'md' | 'json' | 'text';

export interface FormatOptions {
  lang?: 'vi' | 'en';
  /** How a citation names its article; default the first 8 characters of the id. */
  articleLabel?: (id: string) => string;
}

/** The date at its own precision, in words of `lang`: `12 Nov 2024`, `Nov 2024`, `2025`, `18 Nov, year unknown`. */
export function formatDate(d: { value: string; precision: Precision }, lang: string = 'en'): string {
  const p = parseDateValue(d.value);
  if (!p) return d.value;
  // The precision field wins when the value has more digits than it claims (never invent a day).
  const precision: Precision =
    d.precision === 'year' || p.precision === 'year' ? 'year' : d.precision === 'month' || p.precision === 'month' ? 'month' : 'day';
  return dateLanguage(lang).formatDate(p, precision);
}

/** The `DASHES` line closes each entry in tilse's timeline files. */
export const DASHES = '-'.repeat(32);

/**
 * tilse reads `YYYY-MM-DD` lines only, so a month entry is written as its first day (`2024-11` ->
 * `2024-11-01`) and a year entry as 1 January: the convention news-tls uses when it compares
 * coarse dates. A year-unknown entry takes its estimated year when there is one; otherwise it keeps
 * `XXXX`, which tilse rejects: better than a made-up year.
 */
export function researchDate(value: string, estimate: number | null = null): string {
  const p = parseDateValue(value);
  if (!p) return value;
  const y = p.year ?? estimate;
  const yy = y === null ? 'XXXX' : String(y).padStart(4, '0');
  return `${yy}-${String(p.month ?? 1).padStart(2, '0')}-${String(p.day ?? 1).padStart(2, '0')}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function formatTimeline(t: Timeline, format: TimelineFormat, options: FormatOptions = {}): string {
  const label = options.articleLabel ?? ((id: string) => id.slice(0, 8));
  const lang = options.lang ?? 'en';
  if (format === 'json') {
    return JSON.stringify(
      {
        title: t.title,
        entries: t.entries.map((e) => ({
          date: { value: e.date.value, precision: e.date.precision },
          sentences: e.sentences.map((s) => ({ text: s.text, article: s.article })),
        })),
      },
      null,
      2,
    );
  }
  if (format === 'text') {
    const lines: string[] = [];
    for (const e of t.entries) {
      lines.push(researchDate(e.date.value, e.yearEstimate?.year ?? null));
      for (const s of e.sentences) lines.push(oneLine(s.text));
      lines.push(DASHES);
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  }
  const out: string[] = [`# ${t.title || (lang === 'vi' ? 'Dòng thời gian' : 'Timeline')}`, ''];
  for (const e of t.entries) {
    out.push(`## ${formatDate(e.date, lang)}`, '');
    // The heading already says the year is unknown; say more only when an estimate placed the entry.
    const y = e.yearEstimate?.year ?? null;
    if (y !== null) out.push(lang === 'vi' ? `_Xếp theo năm ước tính ${y}._` : `_Placed by an estimated ${y}._`, '');
    for (const s of e.sentences) out.push(`- ${oneLine(s.text)} [${label(s.article)}]`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
