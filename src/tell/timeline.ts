// Datewise timelines (Ghalandari & Ifrim 2020): rank dates by how the collection points at them,
// then pick for each date the sentences closest to what is said about that date, never twice.
import type { Timeline, TimelineEntry } from '../types.ts';
import {
  type DateKey,
  type DateParts,
  dateKey,
  isFinerWithin,
  mentionedDates,
  ordinal,
  parseDateValue,
  partialDateKey,
  sortNumber,
} from './dates.ts';
import { antecedent, citeUnits } from './antecedent.ts';
import { tellLanguage } from './lang/index.ts';
import { eventTitle, summarize } from './summary.ts';
import {
  BACK_REFERENCE_PENALTY,
  type TellDocLike,
  type Unit,
  type Vector,
  addInto,
  buildUnits,
  cosine,
  isRepeat,
  queryTerms,
  tfidf,
} from './text.ts';

export interface TimelineOptions {
  /** Number of dates; by default the number of well-supported dates (at most `MAX_DATES`). */
  dates?: number;
  /** Sentences per date; by default 1, or 2 where several articles report the date. */
  sentencesPerDate?: number;
  title?: string;
  /** Only documents containing every query word (folded) and sentences containing one count. */
  query?: string;
  /** Only documents in this language (ISO 639-1); default all. */
  language?: string;
  /** Inclusive bounds on the dates considered (`YYYY-MM-DD`), as news-tls clips to the reference span. */
  from?: string;
  to?: string;
  /**
   * Score taken off a sentence opening with a back-reference (default BACK_REFERENCE_PENALTY). 0 turns
   * the preference off, the pairing with a short antecedent (antecedent.ts) too.
   */
  backReferencePenalty?: number;
}

export const MAX_DATES = 30;
/** Leading sentences of an article stand for its publication date (news-tls `clip_sents`). */
const LEAD_SENTENCES = 5;
/** Sentences shorter than this are headings or fragments, not timeline lines. */
const MIN_WORDS = 4;
const NEAR_DAYS = 1;
const MENTION_BONUS = { day: 0.3, month: 0.15, year: 0.05 } as const;

interface DateStats {
  key: DateKey;
  parts: DateParts;
  mentionSentences: number;
  mentionDocs: Set<number>;
  /** Mentioning documents filed under another time: `2024` said in an article of 2024-02 is its own context. */
  outsideDocs: Set<number>;
  publishedDocs: Set<number>;
  nearDocs: Set<number>;
  score: number;
}

/** Which documents and sentences take part: language, then query. */
export function selectDocs<T extends TellDocLike>(docs: T[], opts: { language?: string; query?: string }, units: Unit[]) {
  const lang = opts.language?.toLowerCase();
  const terms = opts.query ? queryTerms(opts.query) : [];
  const has = (u: Unit, t: string) => u.foldedText.includes(` ${t} `) || u.foldedText.includes(` ${t}`);
  const byDoc = new Map<number, Unit[]>();
  for (const u of units) {
    if (!byDoc.has(u.doc)) byDoc.set(u.doc, []);
    byDoc.get(u.doc)!.push(u);
  }
  const keepDoc = docs.map((d, i) => {
    const docLang = (d.analysis.language || d.article.language || '').toLowerCase();
    if (lang && docLang.split(/[-_]/)[0] !== lang) return false;
    if (!terms.length) return true;
    const mine = byDoc.get(i) ?? [];
    const title = ` ${(d.article.title ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase()} `;
    return terms.every((t) => mine.some((u) => has(u, t)) || title.includes(t));
  });
  const keepUnit = (u: Unit) => keepDoc[u.doc] && (!terms.length || terms.some((t) => has(u, t)));
  return { keepDoc, keepUnit };
}

/**
 * The date an article is filed under. A coarse publication date (`2024-11`) yields to the finer date
 * the article itself mentions most inside it (`Ngày 12/11` -> `2024-11-12`): one happening, one entry.
 */
function effectivePublished(d: TellDocLike, doc: number, mentions: Map<string, Set<DateKey>>): DateKey | null {
  const key = partialDateKey(d.article.published);
  if (!key) {
    // No publication date: an article is filed under the first date its lead names (`Ngày 18/11, …`).
    for (let i = 0; i < Math.min(LEAD_SENTENCES, d.analysis.sentences.length); i++) {
      const ms = mentions.get(`${doc}:${i}`);
      if (ms?.size) return [...ms][0]!;
    }
    return null;
  }
  const pub = parseDateValue(key)!;
  if (pub.precision === 'day') return key;
  const counts = new Map<DateKey, number>();
  d.analysis.sentences.forEach((_, i) => {
    for (const k of mentions.get(`${doc}:${i}`) ?? []) {
      const inner = parseDateValue(k)!;
      // `18/11` in an article of 2024 whose tagger left the year open is still filed there.
      const within = isFinerWithin(inner, pub) || (inner.year === null && isFinerWithin({ ...inner, year: pub.year }, pub));
      if (within) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  });
  let best: DateKey | null = null;
  for (const [k, c] of counts) if (best === null || c > counts.get(best)!) best = k;
  return best ?? key;
}

function l2(values: number[]): number {
  return Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
}

/**
 * Datewise's features without its trained regressor (trained weights do not transfer across languages
 * and collections): each feature is scaled to unit length over the dates, as news-tls normalizes its
 * feature matrix, and the scaled features are summed.
 */
function rankDates(stats: DateStats[]): DateStats[] {
  const cols = [
    stats.map((s) => s.mentionSentences),
    stats.map((s) => s.mentionDocs.size),
    stats.map((s) => s.publishedDocs.size),
    stats.map((s) => s.nearDocs.size),
  ];
  const weights = [1, 1, 1, 0.5];
  const norms = cols.map(l2);
  stats.forEach((s, i) => {
    s.score = cols.reduce((acc, col, f) => acc + (weights[f]! * col[i]!) / norms[f]!, 0);
  });
  // Ties go to the finer date, then the earlier one, so the output does not depend on input order.
  const rank = { day: 2, month: 1, year: 0 } as const;
  return [...stats].sort(
    (a, b) => b.score - a.score || rank[b.parts.precision] - rank[a.parts.precision] || a.key.localeCompare(b.key),
  );
}

function inBounds(p: DateParts, from: DateParts | null, to: DateParts | null): boolean {
  if (p.year === null) return !from && !to;
  const last = p.precision === 'day' ? ordinal(p) : ordinal({ ...p, precision: 'day', month: p.month ?? 12, day: 31 });
  if (from && last < ordinal(from)) return false;
  if (to && ordinal(p) > ordinal(to)) return false;
  return true;
}

export function buildTimeline(docs: TellDocLike[], options: TimelineOptions = {}): Timeline {
  const units = buildUnits(docs, tellLanguage);
  const penalty = options.backReferencePenalty ?? BACK_REFERENCE_PENALTY;
  const { keepDoc, keepUnit } = selectDocs(docs, options, units);
  const mentions = mentionedDates(docs);
  const unitAt = new Map(units.map((u) => [`${u.doc}:${u.index}`, u]));
  const vectors = new Map<Unit, Vector>();
  const live = units.filter(keepUnit);
  tfidf(live.map((u) => u.terms)).forEach((v, i) => vectors.set(live[i]!, v));
  const queryVec: Vector = new Map();
  for (const t of options.query ? queryTerms(options.query) : []) queryVec.set(t, 1);

  const stats = new Map<DateKey, DateStats>();
  const stat = (key: DateKey): DateStats => {
    let s = stats.get(key);
    if (!s) {
      s = { key, parts: parseDateValue(key)!, mentionSentences: 0, mentionDocs: new Set(), outsideDocs: new Set(), publishedDocs: new Set(), nearDocs: new Set(), score: 0 };
      stats.set(key, s);
    }
    return s;
  };
  const mentionCands = new Map<DateKey, Unit[]>();
  const pubCands = new Map<DateKey, Unit[]>();
  const push = (m: Map<DateKey, Unit[]>, k: DateKey, u: Unit) => {
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(u);
  };

  docs.forEach((d, doc) => {
    if (!keepDoc[doc]) return;
    const pub = effectivePublished(d, doc, mentions);
    if (pub) stat(pub).publishedDocs.add(doc);
    const pubParts = pub ? parseDateValue(pub)! : null;
    if (pubParts?.precision === 'day' && pubParts.year !== null) {
      // News of a day is often filed the day after (news-tls `pub_end`).
      for (let k = 1; k <= NEAR_DAYS; k++) {
        const t = new Date(Date.UTC(pubParts.year, pubParts.month! - 1, pubParts.day! - k));
        const near = dateKey({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), precision: 'day' });
        stat(near).nearDocs.add(doc);
      }
    }
    d.analysis.sentences.forEach((_, i) => {
      const u = unitAt.get(`${doc}:${i}`)!;
      const ms = mentions.get(`${doc}:${i}`);
      for (const k of ms ?? []) {
        const s = stat(k);
        s.mentionSentences++;
        s.mentionDocs.add(doc);
        if (!pubParts || !(k === pub || isFinerWithin(pubParts, s.parts))) s.outsideDocs.add(doc);
        if (keepUnit(u)) push(mentionCands, k, u);
      }
      // A lead sentence that names no date reports the day the article was filed (Datewise's P set);
      // one that names a date is already a candidate for that date.
      if (pub && i < LEAD_SENTENCES && !ms && keepUnit(u)) push(pubCands, pub, u);
    });
  });

  const from = parseDateValue(options.from);
  const to = parseDateValue(options.to);
  const ranked = rankDates([...stats.values()].filter((s) => inBounds(s.parts, from, to)));
  const wellSupported = ranked.filter((s) => s.publishedDocs.size > 0 || s.outsideDocs.size >= 2);
  const pool = wellSupported.length >= 1 ? wellSupported : ranked;
  const nDates = options.dates ?? Math.min(pool.length, MAX_DATES);
  // Asked for more dates than are well supported: the rest follow, best first.
  const order = options.dates !== undefined ? [...pool, ...ranked.filter((s) => !pool.includes(s))] : pool;

  const chosen: Unit[] = [];
  const entries: TimelineEntry[] = [];
  for (const s of order) {
    if (entries.length >= nDates) break;
    const ment = mentionCands.get(s.key) ?? [];
    const pubs = pubCands.get(s.key) ?? [];
    const cands = [...new Set([...ment, ...pubs])];
    if (!cands.length) continue;
    const centroid: Vector = new Map();
    for (const u of cands) addInto(centroid, vectors.get(u) ?? new Map());
    if (queryVec.size) addInto(centroid, queryVec, cands.length / queryVec.size);
    const mentionSet = new Set(ment);
    const scored = cands
      .map((u) => ({
        u,
        score:
          cosine(vectors.get(u) ?? new Map(), centroid) +
          // A sentence that names the date says what happened on it; a lead only implies it.
          // The finer the date it names, the surer that the sentence reports what happened then
          // (`Ngày 12/11, …` more than `Năm nay, …`).
          (mentionSet.has(u) ? MENTION_BONUS[s.parts.precision] : 0) +
          0.15 / (1 + u.index) -
          (u.wordCount < MIN_WORDS ? 1 : 0) -
          // Read alone on its date, `Tại đây, …` leaves the reader asking where.
          (u.backReference ? penalty : 0),
      }))
      .sort((a, b) => b.score - a.score || a.u.doc - b.u.doc || a.u.index - b.u.index);
    const docsHere = new Set([...s.mentionDocs, ...s.publishedDocs]);
    const k = options.sentencesPerDate ?? (docsHere.size >= 2 ? 2 : 1);
    // A sentence that names another date does not tell of this one.
    const sameDate = (prev: Unit) =>
      [...(mentions.get(`${prev.doc}:${prev.index}`) ?? [])].every((m) => m === s.key || isFinerWithin(s.parts, parseDateValue(m)!));
    const picked: Unit[][] = [];
    for (const { u } of scored) {
      if (picked.length >= k) break;
      if (isRepeat(u, chosen)) continue;
      const prev = penalty > 0 ? antecedent(u, unitAt, chosen, sameDate) : null;
      const group = prev ? [prev, u] : [u];
      picked.push(group);
      chosen.push(...group);
    }
    if (!picked.length) continue;
    picked.sort((a, b) => a[0]!.doc - b[0]!.doc || a[0]!.index - b[0]!.index);
    entries.push({
      date: { value: s.key, precision: s.parts.precision },
      sentences: picked.map(citeUnits),
    });
  }

  for (const e of entries) {
    const p = parseDateValue(e.date.value)!;
    if (p.year === null) e.yearEstimate = estimateYear(e, docs);
  }
  const key = (e: TimelineEntry) => {
    const p = parseDateValue(e.date.value)!;
    return sortNumber(p, p.year ?? e.yearEstimate?.year ?? null);
  };
  entries.sort((a, b) => key(a) - key(b) || a.date.value.localeCompare(b.date.value));
  const title = options.title ?? options.query ?? eventTitle(summarize(docs.filter((_, i) => keepDoc[i]), { sentences: 1, backReferencePenalty: penalty }));
  return { title, entries };
}

/**
 * A year for sorting only: the publication year of the articles the entry cites, else the middle of
 * the years their other dates name. Nothing: null, and the entry goes first (before anything dated).
 */
function estimateYear(e: TimelineEntry, docs: TellDocLike[]): { year: number | null; reason: string } {
  const cited = new Set(e.sentences.map((s) => s.article));
  const mine = docs.filter((d) => cited.has(d.article.id));
  const pubYears = mine.map((d) => parseDateValue(d.article.published?.value)?.year).filter((y): y is number => y != null);
  if (pubYears.length) {
    const y = Math.min(...pubYears);
    return { year: y, reason: `publication year of the cited article (${y})` };
  }
  const years = mine
    .flatMap((d) => d.analysis.times.map((t) => parseDateValue(t.value)?.year))
    .filter((y): y is number => y != null)
    .sort((a, b) => a - b);
  if (years.length) {
    const y = years[Math.floor((years.length - 1) / 2)]!;
    return { year: y, reason: `median year of the other dates in the cited article (${y})` };
  }
  return { year: null, reason: 'no year anywhere in the cited articles' };
}
