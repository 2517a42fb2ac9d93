// The pipeline as a readable sequence: read -> (decode, extract, analyze in workers) -> store,
// then link -> dedup -> cluster -> tell over what is stored. Nothing is dropped silently: every
// failure and every skipped file is reported back with its reason.
import { availableParallelism } from 'node:os';
import { TinlineError, asTinlineError, restoreError } from '../errors.ts';
import { readInputs, type ReadOptions } from '../read/index.ts';
import type { Store } from '../store/index.ts';
import type { Analysis, Article, Entity, RawDocument, Story, StoryEvent } from '../types.ts';
import { processDocument, type Processed } from './process.ts';
import type { WorkerResult } from './worker.ts';

export { processDocument } from './process.ts';
export type { Processed } from './process.ts';

export interface IngestOptions extends ReadOptions {
  /** Worker threads for analysis; 0 or 1 = inline. Default: all cores. */
  workers?: number;
  onEvent?: (event: IngestEvent) => void;
}

export type IngestEvent =
  | { type: 'stored'; origin: string; article: Article; inserted: boolean }
  | { type: 'failed'; error: TinlineError }
  | { type: 'skipped'; origin: string; reason: string };

export interface IngestReport {
  inserted: Article[];
  existing: Article[];
  failed: TinlineError[];
  skipped: { origin: string; reason: string }[];
}

// Below this many documents a worker pool costs more to start than it saves.
const POOL_THRESHOLD = 24;

export async function ingest(paths: string[], store: Store, options: IngestOptions = {}): Promise<IngestReport> {
  const report: IngestReport = { inserted: [], existing: [], failed: [], skipped: [] };
  const emit = options.onEvent ?? (() => {});
  const ingestedAt = new Date().toISOString();
  const workers = options.workers ?? availableParallelism();
  let pool: Pool | null = null;

  const pending: { origin: string; result: Promise<WorkerResult> }[] = [];
  const buffered: RawDocument[] = [];
  const window = Math.max(4, workers * 4);

  const settle = async (item: { origin: string; result: Promise<WorkerResult> }) => {
    const outcome = await item.result;
    if (!outcome.ok) {
      const error = restoreError(outcome);
      report.failed.push(error);
      emit({ type: 'failed', error });
      return;
    }
    try {
      const { article, analysis } = outcome.value;
      const put = await store.putArticle(article, analysis);
      (put.inserted ? report.inserted : report.existing).push(article);
      emit({ type: 'stored', origin: article.origin, article, inserted: put.inserted });
    } catch (e) {
      const error = asTinlineError(e, 'STORE_FAILED', { origin: item.origin });
      report.failed.push(error);
      emit({ type: 'failed', error });
    }
  };

  const submit = async (raw: RawDocument) => {
    const result = pool ? pool.run(raw, ingestedAt) : Promise.resolve(runInline(raw, ingestedAt));
    pending.push({ origin: raw.origin, result });
    // Results are stored in input order, so a re-run stores the same things in the same order.
    while (pending.length >= window) await settle(pending.shift()!);
  };

  try {
    for await (const item of readInputs(paths, options)) {
      if (item.ok === 'skipped') {
        report.skipped.push({ origin: item.origin, reason: item.reason });
        emit({ type: 'skipped', origin: item.origin, reason: item.reason });
        continue;
      }
      if (!item.ok) {
        report.failed.push(item.error);
        emit({ type: 'failed', error: item.error });
        continue;
      }
      if (!pool && workers > 1) {
        buffered.push(item.doc);
        if (buffered.length < POOL_THRESHOLD) continue;
        pool = await createPool(workers);
        for (const raw of buffered.splice(0)) await submit(raw);
        continue;
      }
      await submit(item.doc);
    }
    for (const raw of buffered.splice(0)) await submit(raw);
    while (pending.length) await settle(pending.shift()!);
  } finally {
    await pool?.close();
  }
  return report;
}

function runInline(raw: RawDocument, ingestedAt: string): WorkerResult {
  try {
    return { ok: true, value: processDocument(raw, ingestedAt) };
  } catch (e) {
    const error = asTinlineError(e, 'INTERNAL', { origin: raw.origin, line: raw.line });
    return { ok: false, code: error.code, message: error.message, origin: error.origin ?? raw.origin, line: error.line ?? raw.line };
  }
}

interface Pool {
  run(raw: RawDocument, ingestedAt: string): Promise<WorkerResult>;
  close(): Promise<void>;
}

async function createPool(threads: number): Promise<Pool> {
  const { Piscina } = await import('piscina');
  const piscina = new Piscina({ filename: new URL('./worker-entry.mjs', import.meta.url).href, minThreads: threads, maxThreads: threads });
  return {
    run: async (raw, ingestedAt) => {
      try {
        return (await piscina.run({ raw, ingestedAt })) as WorkerResult;
      } catch (e) {
        return { ok: false, code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), origin: raw.origin, line: raw.line };
      }
    },
    close: () => piscina.destroy(),
  };
}

// ---- after ingest: link, dedup, cluster, tell ---------------------------------------------

export interface RebuildResult {
  entities: Entity[];
  events: StoryEvent[];
  stories: Story[];
  duplicates: Map<string, string>;
}

/** Articles with their analyses, all of them or just `ids` (a story's, a query's). */
export async function loadCorpus(store: Store, ids?: Iterable<string>): Promise<Processed[]> {
  const docs: Processed[] = [];
  for (const id of ids ?? (await store.articleIds())) {
    const article = await store.getArticle(id);
    if (!article) continue;
    const analysis: Analysis = (await store.getAnalysis(id)) ?? { language: article.language ?? 'und', sentences: [], tokens: [], mentions: [], times: [] };
    docs.push({ article, analysis });
  }
  // Ingest order, then id: the order every later stage sees does not depend on the store.
  return docs.sort((a, b) => (a.article.ingestedAt < b.article.ingestedAt ? -1 : a.article.ingestedAt > b.article.ingestedAt ? 1 : a.article.id < b.article.id ? -1 : 1));
}

export interface RebuildOptions {
  /** An optional model for abstractive story summaries (src/models); the default uses none. */
  model?: import('../models/index.ts').TextModel | null;
  log?: (line: string) => void;
}

export async function rebuild(store: Store, options: RebuildOptions = {}): Promise<RebuildResult> {
  const { linkEntities } = await import('../link/index.ts');
  const { DuplicateIndex } = await import('../dedup/index.ts');
  const { clusterArticles } = await import('../cluster/index.ts');
  const { summarize } = await import('../tell/index.ts');

  const docs = await loadCorpus(store);

  const duplicates = new Map<string, string>();
  const index = new DuplicateIndex();
  for (const { article } of docs) {
    const found = index.add(article.id, article.body.join('\n\n'));
    const duplicateOf = found.duplicateOf;
    if (duplicateOf) duplicates.set(article.id, duplicateOf);
    if ((article.duplicateOf ?? null) !== (duplicateOf ?? null)) {
      await store.setDuplicate(article.id, duplicateOf ?? null);
      article.duplicateOf = duplicateOf ?? null;
    }
  }

  const { entities, links } = linkEntities(docs.map(withContextMentions));
  const byArticle = new Map<string, Map<number, string>>();
  for (const link of links) {
    let m = byArticle.get(link.article);
    if (!m) byArticle.set(link.article, (m = new Map()));
    m.set(link.mentionIndex, link.entity);
  }
  for (const doc of docs) {
    const m = byArticle.get(doc.article.id);
    doc.analysis.mentions.forEach((mention, i) => (mention.entity = m?.get(i) ?? null));
    const offset = doc.analysis.mentions.length;
    doc.analysis.context?.mentions.forEach((mention, i) => (mention.entity = m?.get(offset + i) ?? null));
  }

  const clusterDocs = docs.map((doc) => ({
    ...doc,
    entityIds: [...new Set(doc.analysis.mentions.map((m) => m.entity).filter((e): e is string => !!e))],
  }));
  const { events, stories } = clusterArticles(clusterDocs);

  const byId = new Map(docs.map((d) => [d.article.id, d]));
  for (const story of stories) {
    const members = story.articles.map((id) => byId.get(id)).filter((d): d is Processed => !!d && !d.article.duplicateOf);
    const sentences = summarize(members.length ? members : story.articles.map((id) => byId.get(id)!).filter(Boolean));
    story.summarySentences = sentences;
    story.summary = sentences.map((s) => s.text).join(' ');
    if (options.model) {
      // A model's summary still cites the extracted sentences it was given.
      const { abstractiveSummary } = await import('../models/index.ts');
      const language = mostCommon(members.map((d) => d.analysis.language || d.article.language || 'und'));
      const result = await abstractiveSummary(options.model, sentences, language, { log: options.log });
      story.summary = result.text;
      story.summarySentences = result.cited;
    }
  }

  await store.putEntities(entities, links);
  await store.putStories(events, stories);
  return { entities, events, stories, duplicates };
}

/**
 * The link stage sees title and caption mentions as if they followed the body: body offsets stay as
 * they are, and a link's mentionIndex past the body's mentions points into `analysis.context`.
 */
export function withContextMentions(doc: Processed): Processed {
  const context = doc.analysis.context;
  if (!context?.mentions.length) return doc;
  const bodyText = doc.article.body.join('\n\n');
  const shift = doc.article.body.length ? bodyText.length + 2 : 0;
  return {
    article: { ...doc.article, body: [...doc.article.body, context.text] },
    analysis: {
      ...doc.analysis,
      mentions: [...doc.analysis.mentions, ...context.mentions.map((m) => ({ ...m, start: m.start + shift, end: m.end + shift, sentence: undefined }))],
    },
  };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'und';
}

export function assertPaths(paths: string[]): void {
  if (!paths.length) throw new TinlineError('USAGE', 'give at least one file, folder or - for stdin');
}
