// Timeline-summarization evaluation in the news-tls protocol (Ghalandari & Ifrim 2020,
// `experiments/evaluate.py`): for every gold timeline of a topic, build a timeline from the topic's
// articles with as many dates as the gold one and its mean number of sentences per date, restricted to
// the gold timeline's span, then score Date-F1 and ROUGE-1/2 (concat, agreement, align+ m:1).
//
// Dataset layout: DIR/<topic>/articles.jsonl (one article a line: id, published YYYY-MM-DD, title,
// text) and DIR/<topic>/timelines.jsonl (one gold timeline a line: [["YYYY-MM-DD", ["sentence", …]], …]).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TinlineError } from '../errors.ts';
import { buildTimeline, researchDate, type TellDoc } from '../tell/index.ts';
import type { Analysis, Article, Timeline } from '../types.ts';
import { type DatedSummaries, type PRF, TimelineRouge, dateF1, f1, rougeLanguage } from './rouge.ts';

export interface TlsArticle {
  id: string;
  published: string;
  title: string | null;
  text: string;
}

/** A gold timeline as the dataset gives it. */
export type GoldTimeline = [string, string[]][];

export type TlsBuilder = (articles: TlsArticle[], gold: GoldTimeline) => Timeline | Promise<Timeline>;

export interface TlsOptions {
  build?: TlsBuilder;
  /** Language of the dataset, for stop words and stemming (default `en`: Timeline17 and Crisis). */
  language?: string;
  /** Called after each gold timeline (progress). */
  onTimeline?: (topic: string, index: number, scores: TimelineScores) => void;
}

export interface MeasureSet {
  concat: number;
  agreement: number;
  align_m1: number;
}

export interface TlsScores {
  date_f1: number;
  rouge1: MeasureSet;
  rouge2: MeasureSet;
}

export interface TlsReport {
  topics: ({ topic: string; timelines: number } & TlsScores)[];
  mean: TlsScores;
}

/** Precision and recall of every measure for one timeline; F1 is derived after averaging. */
export interface TimelineScores {
  date: PRF;
  rouge1: { concat: PRF; agreement: PRF; align_m1: PRF };
  rouge2: { concat: PRF; agreement: PRF; align_m1: PRF };
}

type Analyze = (text: string, options: { language?: string; published?: unknown }) => Analysis | Promise<Analysis>;

/**
 * The analyzer is another stage's module; it is loaded when the default builder first runs so that
 * this file does not depend on it at type-check time and custom builders work without it.
 */
async function loadAnalyze(): Promise<Analyze> {
  const spec = '../analyze/index.ts';
  try {
    const mod = (await import(spec)) as { analyze?: Analyze };
    if (typeof mod.analyze !== 'function') throw new Error('no analyze() export');
    return mod.analyze;
  } catch (e) {
    throw new TinlineError('INTERNAL', `tinline/eval: the default TLS builder needs src/analyze (${(e as Error).message})`, { cause: e });
  }
}

export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The default builder: analyze every article once (cached), then `buildTimeline` as news-tls runs Datewise. */
export function defaultBuilder(language = 'en'): TlsBuilder {
  const cache = new Map<string, TellDoc>();
  let analyze: Analyze | null = null;
  return async (articles, gold) => {
    analyze ??= await loadAnalyze();
    const docs: TellDoc[] = [];
    for (const a of articles) {
      let d = cache.get(a.id);
      if (!d) {
        const body = paragraphs(a.text);
        const published = { value: a.published.slice(0, 10), precision: 'day' as const, evidence: 'dataset' };
        const analysis = await analyze(body.join('\n\n'), { language, published });
        const article: Article = {
          id: a.id,
          origin: a.id,
          title: a.title,
          source: null,
          language,
          published,
          body,
          captions: [],
          removed: [],
          raw: a.text,
          charset: 'utf-8',
          duplicateOf: null,
          ingestedAt: '',
        };
        d = { article, analysis };
        cache.set(a.id, d);
      }
      docs.push(d);
    }
    const { dates, sentencesPerDate, from, to } = goldShape(gold);
    const inSpan = docs.filter((d) => {
      const p = d.article.published.value ?? '';
      return p >= from && p <= to;
    });
    return buildTimeline(inSpan, { dates, sentencesPerDate, from, to, language });
  };
}

/** Number of dates, mean sentences per date (rounded, at least 1) and span of a gold timeline. */
export function goldShape(gold: GoldTimeline): { dates: number; sentencesPerDate: number; from: string; to: string } {
  const dates = [...new Set(gold.map(([d]) => d.slice(0, 10)))].sort();
  const total = gold.reduce((s, [, ss]) => s + ss.length, 0);
  return {
    dates: dates.length,
    sentencesPerDate: Math.max(1, Math.round(total / Math.max(1, gold.length))),
    from: dates[0] ?? '0000-01-01',
    to: dates[dates.length - 1] ?? '9999-12-31',
  };
}

export function goldSummaries(gold: GoldTimeline): DatedSummaries {
  const m: DatedSummaries = new Map();
  for (const [d, ss] of gold) {
    const key = d.slice(0, 10);
    m.set(key, [...(m.get(key) ?? []), ...ss]);
  }
  return m;
}

/**
 * A built timeline as research tools read it: month and year entries on their first day (as in
 * `formatTimeline(…, 'text')`); entries whose year is unknown cannot be placed and are left out.
 */
export function predictedSummaries(t: Timeline): DatedSummaries {
  const m: DatedSummaries = new Map();
  for (const e of t.entries) {
    const d = researchDate(e.date.value);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) continue;
    m.set(d, [...(m.get(d) ?? []), ...e.sentences.map((s) => s.text.replace(/\s+/g, ' ').trim())]);
  }
  return m;
}

export function scoreTimeline(pred: DatedSummaries, gold: DatedSummaries, language = 'en'): TimelineScores {
  const lang = rougeLanguage(language);
  const one = new TimelineRouge(lang, 1);
  const two = new TimelineRouge(lang, 2);
  const all = (r: TimelineRouge) => ({ concat: r.concat(pred, gold), agreement: r.agreement(pred, gold), align_m1: r.alignM1(pred, gold) });
  return { date: dateF1(pred.keys(), gold.keys()), rouge1: all(one), rouge2: all(two) };
}

/** news-tls averages precision and recall over timelines and takes F1 of the means. */
export function averageScores(list: TimelineScores[]): TlsScores {
  const n = list.length || 1;
  const mean = (get: (s: TimelineScores) => PRF) =>
    f1(list.reduce((a, s) => a + get(s).precision, 0) / n, list.reduce((a, s) => a + get(s).recall, 0) / n);
  const set = (k: 'rouge1' | 'rouge2'): MeasureSet => ({
    concat: mean((s) => s[k].concat),
    agreement: mean((s) => s[k].agreement),
    align_m1: mean((s) => s[k].align_m1),
  });
  return { date_f1: mean((s) => s.date), rouge1: set('rouge1'), rouge2: set('rouge2') };
}

async function readJsonl<T>(path: string): Promise<T[]> {
  const text = await readFile(path, 'utf8');
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line) as T);
    } catch (e) {
      throw new TinlineError('INPUT_JSON', (e as Error).message, { origin: path, line: i + 1, cause: e });
    }
  });
  return out;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function evaluateTls(dir: string, options: TlsOptions = {}): Promise<TlsReport> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (e) {
    throw new TinlineError('INPUT_MISSING', dir, { origin: dir, cause: e });
  }
  const language = options.language ?? 'en';
  const topics: TlsReport['topics'] = [];
  const everything: TimelineScores[] = [];
  for (const topic of names) {
    const articlesPath = join(dir, topic, 'articles.jsonl');
    const timelinesPath = join(dir, topic, 'timelines.jsonl');
    if (!(await isFile(articlesPath)) || !(await isFile(timelinesPath))) continue;
    const articles = await readJsonl<TlsArticle>(articlesPath);
    articles.forEach((a, i) => {
      if (typeof a.id !== 'string' || typeof a.text !== 'string' || typeof a.published !== 'string') {
        throw new TinlineError('INPUT_FIELDS', 'an article needs id, published and text', { origin: articlesPath, line: i + 1 });
      }
    });
    const golds = await readJsonl<GoldTimeline>(timelinesPath);
    // One builder a topic, so the default one analyzes each article once for all its gold timelines.
    const build = options.build ?? defaultBuilder(language);
    const scores: TimelineScores[] = [];
    for (const [i, gold] of golds.entries()) {
      const built = await build(articles, gold);
      const s = scoreTimeline(predictedSummaries(built), goldSummaries(gold), language);
      scores.push(s);
      options.onTimeline?.(topic, i, s);
    }
    if (!scores.length) continue;
    everything.push(...scores);
    topics.push({ topic, timelines: scores.length, ...averageScores(scores) });
  }
  if (!everything.length) throw new TinlineError('INPUT_EMPTY', `no <topic>/articles.jsonl + timelines.jsonl under ${dir}`, { origin: dir });
  return { topics, mean: averageScores(everything) };
}
