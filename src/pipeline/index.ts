// The pipeline as a readable sequence: read -> (decode, extract, analyze in workers) -> store,
// then link -> dedup -> cluster -> tell over what is stored. Nothing is dropped silently: every
// failure and every skipped file is reported back with its reason.
import { availableParallelism } from 'node:os';
import { TinlineError, asTinlineError, restoreError } from '../errors.ts';
import { readInputs, type ReadOptions } from '../read/index.ts';
import type { Store } from '../store/index.ts';
import type { Article, RawDocument } from '../types.ts';
import { acceptsPrepared } from '../store/common.ts';
import { Pool } from './pool.ts';
import { processForStore, type WorkerResult } from './worker.ts';

export { processDocument } from './process.ts';
export { loadCorpus, rebuild, withContextMentions, type RebuildOptions, type RebuildResult } from './rebuild.ts';
export type { Processed } from './process.ts';

export interface IngestOptions extends ReadOptions {
  /**
   * Threads that analyse, the main thread included: N = the main thread and N − 1 worker threads;
   * 0 or 1 = the main thread alone. Default: all cores.
   */
  workers?: number;
  /**
   * Whether the main thread analyses too when it has nothing to write (default true). With false it
   * only writes while worker threads are alive (tests use this to be sure the threads do the work).
   */
  mainThreadHelps?: boolean;
  onEvent?: (event: IngestEvent) => void;
  /**
   * What the report keeps of each stored article: `'articles'` (default) the whole Article, body and
   * verbatim text included — what `tinline run` prints; `'refs'` only its id and origin, so a huge
   * ingest's report does not grow with every article's text (the store has the rest).
   */
  keep?: 'articles' | 'refs';
}

export type IngestEvent =
  | { type: 'stored'; origin: string; article: Article; inserted: boolean }
  | { type: 'failed'; error: TinlineError }
  | { type: 'skipped'; origin: string; reason: string };

/** What a report with `keep: 'refs'` says of a stored article. */
export type ArticleRef = Pick<Article, 'id' | 'origin'>;

export interface IngestReport<A extends ArticleRef = Article> {
  inserted: A[];
  existing: A[];
  failed: TinlineError[];
  skipped: { origin: string; reason: string }[];
  /** How the work was shared (for benchmarks and diagnostics; no result depends on it). */
  threads?: ThreadStats;
}

export interface ThreadStats {
  /** Documents analysed by the main thread and by pool threads. */
  mainDocs: number;
  poolDocs: number;
  /** Milliseconds from the start of ingest to the pool's start, and to its first thread ready (null: never). */
  poolStartMs: number | null;
  firstReadyMs: number | null;
  /** Each pool thread's event-loop utilisation over its life (1 = never idle). */
  poolBusy: number[];
}

// Below this many documents, or this many bytes of input (a few large HTML pages are worth a
// thread), a worker pool costs more to start than it saves.
const POOL_THRESHOLD = 24;
const POOL_THRESHOLD_BYTES = 2 * 1024 * 1024;
/** Documents per message to a thread, and their bytes: per-message costs are paid per batch. */
const BATCH_DOCS = 8;
const BATCH_BYTES = 256 * 1024;
/**
 * Read-ahead, besides its count of documents: the input bytes read and not yet stored. Without it
 * a folder of 20 MB pages could hold a window's worth of them (over a gigabyte) at once.
 */
const WINDOW_BYTES = 32 * 1024 * 1024;

/** One document from read to store; results are stored in input order. */
interface Slot {
  raw: RawDocument;
  bytes: number;
  result?: WorkerResult;
}

export function ingest(paths: string[], store: Store, options?: IngestOptions & { keep?: 'articles' }): Promise<IngestReport>;
export function ingest(paths: string[], store: Store, options: IngestOptions & { keep: 'refs' }): Promise<IngestReport<ArticleRef>>;
export function ingest(paths: string[], store: Store, options?: IngestOptions): Promise<IngestReport<ArticleRef>>;
export async function ingest(paths: string[], store: Store, options: IngestOptions = {}): Promise<IngestReport<ArticleRef>> {
  const report: IngestReport<ArticleRef> = { inserted: [], existing: [], failed: [], skipped: [] };
  const emit = options.onEvent ?? (() => {});
  const refsOnly = options.keep === 'refs';
  const ingestedAt = new Date().toISOString();
  const threads = options.workers ?? availableParallelism();
  const helps = options.mainThreadHelps ?? true;
  // A store that takes prepared articles gets them from the threads: the main thread only writes.
  const prepared = acceptsPrepared(store);
  // Enough read ahead that every thread has two batches while the main thread works through the
  // rest — and goes on while writes wait, in order, for a batch given to a thread still loading
  // (~0.5 s: a few hundred documents analysed meanwhile). One thread alone needs no read-ahead.
  const window = threads > 1 ? Math.max(256, threads * 16 * BATCH_DOCS) : 16;

  const slots: Slot[] = []; // read, not yet stored, in input order
  const todo: Slot[] = []; // read, not yet given to anyone
  let aheadBytes = 0; // input bytes of `slots`
  let pool: Pool | null = null;
  let readerDone = false;
  let readerWaits = false; // the reader is held back by the window
  let readerError: unknown = null;

  // The main loop sleeps until something changes: a document read, a thread ready, an answer.
  let wake: (() => void) | null = null;
  let changed = false;
  const signal = () => {
    changed = true;
    const w = wake;
    wake = null;
    w?.();
  };
  let roomWaiter: (() => void) | null = null;
  const room = () => {
    const w = roomWaiter;
    roomWaiter = null;
    w?.();
  };

  // A thread takes ~0.5 s to load (~0.3 s of CPU); started as soon as the input is known to be large enough (a
  // folder listed, a JSONL file split), they load while the main thread analyses the first documents.
  let announced = 0;
  const t0 = performance.now();
  const stats: ThreadStats = { mainDocs: 0, poolDocs: 0, poolStartMs: null, firstReadyMs: null, poolBusy: [] };
  const startPool = () => {
    if (pool || threads <= 1) return;
    pool = new Pool(threads - 1, signal);
    stats.poolStartMs = performance.now() - t0;
  };
  const readOptions: ReadOptions = {
    ...options,
    onFound: (n) => {
      options.onFound?.(n);
      if ((announced += n) >= POOL_THRESHOLD) startPool();
    },
  };

  const store1 = async (slot: Slot) => {
    const outcome = slot.result!;
    if (!outcome.ok) {
      const error = restoreError(outcome);
      report.failed.push(error);
      emit({ type: 'failed', error });
      return;
    }
    const article = 'prepared' in outcome ? outcome.prepared.article : outcome.value.article;
    try {
      const put = 'prepared' in outcome && acceptsPrepared(store)
        ? await store.putPrepared(outcome.prepared)
        : await store.putArticle(article, 'value' in outcome ? outcome.value.analysis : undefined);
      (put.inserted ? report.inserted : report.existing).push(refsOnly ? { id: article.id, origin: article.origin } : article);
      emit({ type: 'stored', origin: article.origin, article, inserted: put.inserted });
    } catch (e) {
      const error = asTinlineError(e, 'STORE_FAILED', { origin: slot.raw.origin });
      report.failed.push(error);
      emit({ type: 'failed', error });
    }
  };

  // Reading runs on its own, ahead of analysis by at most `window` documents and WINDOW_BYTES.
  const reader = (async () => {
    let seen = 0;
    let seenBytes = 0;
    for await (const item of readInputs(paths, readOptions)) {
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
      const raw = item.doc;
      const slot: Slot = { raw, bytes: raw.bytes?.length ?? (raw.text?.length ?? 0) * 2 };
      slots.push(slot);
      todo.push(slot);
      aheadBytes += slot.bytes;
      seen++;
      seenBytes += slot.bytes;
      if (seen >= POOL_THRESHOLD || seenBytes >= POOL_THRESHOLD_BYTES) startPool();
      signal();
      while (slots.length >= window || aheadBytes >= WINDOW_BYTES) {
        readerWaits = true;
        signal();
        await new Promise<void>((r) => (roomWaiter = r));
        readerWaits = false;
      }
    }
  })().then(
    () => { readerDone = true; signal(); },
    (e: unknown) => { readerError = e; readerDone = true; signal(); },
  );

  // Hand the oldest unassigned documents to threads with room: a full batch, or whatever is
  // there when a thread is idle (or nothing more is coming).
  const dispatch = (p: Pool) => {
    while (todo.length) {
      const eager = todo.length < BATCH_DOCS && !readerDone;
      const thread = p.free(eager);
      if (!thread) return;
      // Once everything is read, batches shrink with what is left, so no thread ends holding a
      // queued batch while the others (the main thread too) have nothing.
      const size = readerDone ? Math.min(BATCH_DOCS, Math.ceil(todo.length / (2 * threads))) : BATCH_DOCS;
      const batch: Slot[] = [];
      let bytes = 0;
      while (todo.length && batch.length < size && (batch.length === 0 || bytes < BATCH_BYTES)) {
        const slot = todo.shift()!;
        bytes += slot.bytes;
        batch.push(slot);
      }
      stats.poolDocs += batch.length;
      p.send(thread, { docs: batch.map((s) => s.raw), ingestedAt, prepared }, (results) => {
        if (results) {
          batch.forEach((s, i) => (s.result = results[i]));
        } else {
          // Handed back by a thread that never loaded: older than anything still to do.
          todo.unshift(...batch);
          stats.poolDocs -= batch.length;
        }
      });
    }
  };

  try {
    for (;;) {
      changed = false;
      if (pool) dispatch(pool);
      while (slots.length && slots[0]!.result) {
        const slot = slots.shift()!;
        aheadBytes -= slot.bytes;
        room();
        await store1(slot);
      }
      if (readerDone && !slots.length) break;
      // With nothing to write, the main thread analyses the oldest document no thread has taken —
      // while threads load, and after (the main thread is one of the `workers` threads).
      const p = pool as Pool | null;
      // But reading goes first: reads move on only when the main thread yields, so a document
      // analysed here while few are read ahead would leave the threads waiting for work (unless
      // the reader is held back by the window anyway: then waiting would only idle this thread).
      const threadsNeedReads = !!p && p.ready > 0 && !readerDone && !readerWaits && todo.length < 2 * BATCH_DOCS;
      if (todo.length && (!p || !p.alive || (helps && !threadsNeedReads))) {
        const slot = todo.shift()!;
        slot.result = processForStore(slot.raw, ingestedAt, prepared);
        stats.mainDocs++;
        // Let answers and reads in before the next one (reading goes on while this one is analysed).
        await new Promise((r) => setImmediate(r));
        continue;
      }
      // Nothing left to analyse here but a batch waits for a thread still loading: do it here.
      if (!todo.length && p && helps && p.reclaim()) continue;
      // Something may have changed while a write was awaited: look again before sleeping.
      if (!changed) await new Promise<void>((r) => (wake = r));
    }
    await reader;
    if (readerError) throw readerError;
  } finally {
    const p = pool as Pool | null;
    if (p) {
      const ready = p.firstReadyAt;
      stats.firstReadyMs = ready === null ? null : ready - t0;
      stats.poolBusy = p.utilization();
      await p.close();
    }
  }
  report.threads = stats;
  return report;
}

export function assertPaths(paths: string[]): void {
  if (!paths.length) throw new TinlineError('USAGE', 'give at least one file, folder or - for stdin');
}
