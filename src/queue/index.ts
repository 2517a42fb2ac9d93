// Work spread over many processes and machines through a job queue kept in the same PostgreSQL
// database as the store (pg-boss). `enqueueDocuments` turns raw documents into ingest jobs;
// `runWorker` takes them a few at a time (one round trip fetches a batch, one completes it),
// analyses and stores each article, then asks for a rebuild (link, dedup, cluster, tell over
// everything stored).
//
// Why it loses nothing and doubles nothing:
// - A job is marked done only after its article is committed; a worker that dies mid-job leaves
//   the job active until it expires, then pg-boss puts it back (retry) for another worker.
//   Storing is insert-only by content id, so a retried or duplicated job stores nothing twice.
// - The rebuild queue is `stately`: at most one rebuild waiting and one running. A worker asks for
//   one after each batch it commits (before completing the batch's jobs); if one is already
//   waiting it will start after that commit, so the last rebuild always sees every article.
//   Rebuilds also hold an advisory lock, so two never interleave their whole-table replacements
//   even if a slow one outlives its expiry.
// - A rebuild reads the whole corpus, so a burst of ingest jobs should cause one rebuild at its
//   end, not one every few seconds: while ingest jobs are waiting or running anywhere, a rebuild
//   job that comes up asks for another one (later) and finishes without rebuilding. It never
//   loses the request (the one it asks for is waiting before it finishes), and a stream of
//   documents that never ends still gets a rebuild every `rebuildMaxWaitSeconds`.
// - Every job of one enqueue call carries the same ingestedAt, so the corpus order a rebuild sees
//   (ingest time, then id) does not depend on which worker stored what first.
import { TinlineError, asTinlineError, isTinlineError } from '../errors.ts';
import { processDocument, type Processed } from '../pipeline/process.ts';
import { createPostgresStore, describeUrl, withAdvisoryLock, REBUILD_LOCK } from '../store/postgres.ts';
import { isPostgresUrl } from '../store/index.ts';
import type { GivenMetadata, RawDocument } from '../types.ts';
import PgBoss from 'pg-boss';

export const INGEST_QUEUE = 'tinline_ingest';
export const REBUILD_QUEUE = 'tinline_rebuild';
/** Ingest jobs that failed every retry land here (with their payload) for a person to look at. */
export const DEAD_QUEUE = 'tinline_ingest_failed';

const INGEST_EXPIRE_SECONDS = 15 * 60;
const REBUILD_EXPIRE_SECONDS = 6 * 60 * 60;
const RETRY_LIMIT = 3;
const RETRY_DELAY_SECONDS = 10;
// Jobs fetched (and completed) per round trip. Small, so a batch in hand is soon done and the
// last documents of a burst still spread over the workers.
const FETCH_BATCH = 4;
// Enqueue in chunks of about this many payload characters (one INSERT each).
const ENQUEUE_CHUNK_CHARS = 8 * 1024 * 1024;

interface IngestPayload {
  origin: string;
  format: RawDocument['format'];
  given: GivenMetadata;
  line?: number;
  text?: string;
  /** base64 of the raw bytes. */
  bytes?: string;
  ingestedAt: string;
}

export interface EnqueueOptions {
  /** How long a worker may hold a job before it is handed to another (default 15 min). */
  expireInSeconds?: number;
  retryLimit?: number;
  /** Seconds before a failed job is tried again (default 10, doubling with each try). */
  retryDelaySeconds?: number;
  /** The ingest time recorded on every article of this call (default: now). */
  ingestedAt?: string;
}

export interface WorkerOptions {
  signal?: AbortSignal;
  /** Ingest jobs this process works on at once (default 1; run one process per core for CPU). */
  concurrency?: number;
  onEvent?: (event: WorkerEvent) => void;
  /** Return once no ingest or rebuild job is waiting or running anywhere (batch runs, tests). */
  untilIdle?: boolean;
  /** How long an idle worker waits before asking for work again (default 1 s, at least 0.5). */
  pollSeconds?: number;
  /** A requested rebuild waits this long, so one rebuild covers a burst of articles (default 5). */
  rebuildDelaySeconds?: number;
  /** While ingest jobs keep coming, rebuild anyway after deferring this long (default 600). */
  rebuildMaxWaitSeconds?: number;
  /** Ingest jobs fetched and completed per round trip, per lane (default 4). */
  batchSize?: number;
  /** How often this worker looks for expired jobs of dead workers (default 30 s). */
  maintenanceSeconds?: number;
  /** false: take ingest jobs only (rebuilds still get requested, for other workers). Default true. */
  rebuild?: boolean;
}

export type WorkerEvent =
  | { type: 'started'; queue: 'ingest' | 'rebuild'; job: string; origin?: string; retry: number }
  | { type: 'stored'; job: string; origin: string; id: string; inserted: boolean }
  | { type: 'failed'; job: string; origin: string; error: TinlineError; retrying: boolean }
  | { type: 'rebuilt'; job: string; articles: number; events: number; stories: number; ms: number }
  /** A rebuild came up while ingest jobs were pending: another one was asked for instead. */
  | { type: 'deferred'; job: string; pending: number }
  | { type: 'error'; error: TinlineError };

export interface WorkerSummary {
  stored: number;
  existing: number;
  failed: number;
  rebuilds: number;
}

export interface QueueCounts {
  /** Ingest jobs waiting, waiting to retry, or running. */
  ingest: number;
  rebuild: number;
  /** Ingest jobs that used up their retries. */
  dead: number;
}

function requirePostgres(url: string, what: string): void {
  if (!isPostgresUrl(url)) {
    throw new TinlineError('USAGE', `${what} needs --db postgres://… (the job queue lives in PostgreSQL), got ${JSON.stringify(url)}`);
  }
}

function newBoss(url: string, supervise: boolean, maintenanceSeconds: number, onError: (e: unknown) => void): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    application_name: 'tinline-queue',
    max: 4,
    schedule: false,
    supervise,
    maintenanceIntervalSeconds: maintenanceSeconds,
  });
  // An 'error' event without a listener would end the process.
  boss.on('error', onError);
  return boss;
}

async function startBoss(boss: PgBoss, url: string): Promise<void> {
  try {
    await boss.start();
    await boss.createQueue(DEAD_QUEUE);
    await boss.createQueue(INGEST_QUEUE, {
      name: INGEST_QUEUE,
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: INGEST_EXPIRE_SECONDS,
      deadLetter: DEAD_QUEUE,
    });
    await boss.createQueue(REBUILD_QUEUE, {
      name: REBUILD_QUEUE,
      policy: 'stately',
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_SECONDS,
      expireInSeconds: REBUILD_EXPIRE_SECONDS,
    });
  } catch (e) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw new TinlineError('STORE_UNAVAILABLE', `job queue at ${describeUrl(url)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

function toPayload(doc: RawDocument, ingestedAt: string): IngestPayload {
  const payload: IngestPayload = { origin: doc.origin, format: doc.format, given: doc.given ?? {}, ingestedAt };
  if (doc.line !== undefined) payload.line = doc.line;
  if (doc.text !== undefined) payload.text = doc.text;
  else payload.bytes = Buffer.from(doc.bytes ?? new Uint8Array()).toString('base64');
  return payload;
}

function fromPayload(p: IngestPayload): RawDocument {
  const raw: RawDocument = { origin: p.origin, format: p.format, given: p.given ?? {} };
  if (p.line !== undefined) raw.line = p.line;
  if (p.text !== undefined) raw.text = p.text;
  else raw.bytes = new Uint8Array(Buffer.from(p.bytes ?? '', 'base64'));
  return raw;
}

/** Add one ingest job per document; returns how many were queued. */
export async function enqueueDocuments(url: string, docs: RawDocument[], options: EnqueueOptions = {}): Promise<number> {
  requirePostgres(url, 'enqueue');
  // Opening the store checks the URL and brings the schema up to date before any worker needs it.
  await (await createPostgresStore(url)).close();
  let failure: unknown;
  const boss = newBoss(url, false, 60, (e) => (failure ??= e));
  await startBoss(boss, url);
  const ingestedAt = options.ingestedAt ?? new Date().toISOString();
  try {
    let batch: PgBoss.JobInsert[] = [];
    let chars = 0;
    const flush = async () => {
      if (!batch.length) return;
      await boss.insert(batch);
      batch = [];
      chars = 0;
    };
    for (const doc of docs) {
      const data = toPayload(doc, ingestedAt);
      batch.push({
        name: INGEST_QUEUE,
        data,
        ...(options.expireInSeconds !== undefined ? { expireInSeconds: options.expireInSeconds } : {}),
        ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
        ...(options.retryDelaySeconds !== undefined ? { retryDelay: options.retryDelaySeconds } : {}),
      });
      chars += (data.text?.length ?? 0) + (data.bytes?.length ?? 0) + 256;
      if (chars >= ENQUEUE_CHUNK_CHARS) await flush();
    }
    await flush();
    if (failure) throw failure;
    return docs.length;
  } catch (e) {
    throw isTinlineError(e) ? e : new TinlineError('STORE_FAILED', `enqueue: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
  }
}

/** How much work is outstanding in the queue at `url`. */
export async function queueCounts(url: string): Promise<QueueCounts> {
  requirePostgres(url, 'the queue');
  const boss = newBoss(url, false, 60, () => {});
  await startBoss(boss, url);
  try {
    return await countsOf(boss);
  } finally {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
  }
}

async function countsOf(boss: PgBoss): Promise<QueueCounts> {
  const [ingest, rebuild, dead] = await Promise.all([
    boss.getQueueSize(INGEST_QUEUE, { before: 'completed' }),
    boss.getQueueSize(REBUILD_QUEUE, { before: 'completed' }),
    boss.getQueueSize(DEAD_QUEUE, { before: 'completed' }),
  ]);
  return { ingest: ingest ?? 0, rebuild: rebuild ?? 0, dead: dead ?? 0 };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Work on the queue at `url` until `signal` aborts (or, with `untilIdle`, until no work is left).
 * Jobs in hand are finished before it returns.
 */
export async function runWorker(url: string, options: WorkerOptions = {}): Promise<WorkerSummary> {
  requirePostgres(url, 'worker');
  const emit = options.onEvent ?? (() => {});
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const pollMs = Math.max(0.5, options.pollSeconds ?? 1) * 1000;
  const rebuildDelay = Math.max(0, Math.round(options.rebuildDelaySeconds ?? 5));
  const maxWaitMs = Math.max(0, options.rebuildMaxWaitSeconds ?? 600) * 1000;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? FETCH_BATCH));
  const summary: WorkerSummary = { stored: 0, existing: 0, failed: 0, rebuilds: 0 };

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  if (options.signal?.aborted) return summary;
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const store = await createPostgresStore(url);
  const boss = newBoss(url, true, Math.max(1, Math.round(options.maintenanceSeconds ?? 30)), (e) =>
    emit({ type: 'error', error: asTinlineError(e, 'STORE_UNAVAILABLE') }));
  try {
    await startBoss(boss, url);
  } catch (e) {
    await store.close();
    options.signal?.removeEventListener('abort', onAbort);
    throw e;
  }

  const requestRebuild = async () => {
    // null when one is already waiting: that one starts after this commit, which is enough.
    await boss.send(REBUILD_QUEUE, {}, rebuildDelay > 0 ? { startAfter: rebuildDelay } : {});
  };

  // Returns true when the stored corpus changed (or may have: a retried job may have committed
  // before its worker died without asking for a rebuild), so a rebuild is needed.
  const ingestOne = async (job: PgBoss.JobWithMetadata<IngestPayload>): Promise<boolean> => {
    const origin = job.data.origin;
    emit({ type: 'started', queue: 'ingest', job: job.id, origin, retry: job.retryCount });
    let processed: Processed;
    try {
      processed = processDocument(fromPayload(job.data), job.data.ingestedAt);
    } catch (e) {
      // Bad input fails the same way every time: report it and finish the job, no retries.
      const error = asTinlineError(e, 'INTERNAL', { origin, line: job.data.line });
      if (error.code.startsWith('INPUT_')) {
        summary.failed++;
        emit({ type: 'failed', job: job.id, origin, error, retrying: false });
        return false;
      }
      throw error;
    }
    const put = await store.putArticle(processed.article, processed.analysis);
    if (put.inserted) summary.stored++;
    else summary.existing++;
    emit({ type: 'stored', job: job.id, origin, id: put.id, inserted: put.inserted });
    return put.inserted || job.retryCount > 0;
  };

  // When this worker first put off a rebuild since it last ran one (per worker, so no shared
  // clock is needed; at worst each worker runs one extra rebuild per max wait).
  let deferringSince: number | null = null;
  // The database time at which this worker's last rebuild started reading the corpus: a rebuild
  // asked for before it (after some commit before it) is already covered.
  let lastSnapshot: Date | null = null;
  const rebuildOne = async (job: PgBoss.JobWithMetadata<object>): Promise<{ deferred?: number; [key: string]: unknown }> => {
    if (lastSnapshot && job.createdOn < lastSnapshot) return { covered: lastSnapshot.toISOString() };
    const pending = await boss.getQueueSize(INGEST_QUEUE, { before: 'completed' });
    deferringSince ??= Date.now();
    if (pending > 0 && Date.now() - deferringSince < maxWaitMs) {
      // Asked for before this job completes, so a rebuild is always waiting when work remains.
      await requestRebuild();
      emit({ type: 'deferred', job: job.id, pending });
      return { deferred: pending };
    }
    deferringSince = null;
    const snapshot = (await boss.getDb().executeSql('SELECT now() AS t', [])).rows[0]?.t as Date | undefined;
    emit({ type: 'started', queue: 'rebuild', job: job.id, retry: job.retryCount });
    const started = Date.now();
    const { rebuild } = await import('../pipeline/index.ts');
    const built = await withAdvisoryLock(url, REBUILD_LOCK, () => rebuild(store));
    summary.rebuilds++;
    if (snapshot instanceof Date) lastSnapshot = snapshot;
    const articles = await store.countArticles();
    const result = { articles, events: built.events.length, stories: built.stories.length, ms: Date.now() - started };
    emit({ type: 'rebuilt', job: job.id, ...result });
    return result;
  };

  const takesRebuilds = options.rebuild !== false;
  let busy = 0;
  const idleOrWait = async (): Promise<void> => {
    if (options.untilIdle && busy === 0) {
      const counts = await countsOf(boss).catch(() => null);
      if (counts && counts.ingest === 0 && (!takesRebuilds || counts.rebuild === 0)) { stop.abort(); return; }
    }
    await sleep(pollMs, stop.signal);
  };
  const failJob = async (queue: string, job: PgBoss.JobWithMetadata<object>, e: unknown) => {
    const error = asTinlineError(e, 'INTERNAL');
    const origin = (job.data as Partial<IngestPayload>).origin ?? queue;
    summary.failed++;
    emit({ type: 'failed', job: job.id, origin, error, retrying: job.retryCount < job.retryLimit });
    await boss.fail(queue, job.id, { code: error.code, message: error.message }).catch(() => {});
  };

  // One round trip fetches a batch, one asks for a rebuild (if anything was stored), one completes
  // the batch: per document only the analysis and the article's INSERT remain.
  const ingestLoop = async () => {
    while (!stop.signal.aborted) {
      const jobs = await boss.fetch<IngestPayload>(INGEST_QUEUE, { batchSize, includeMetadata: true });
      if (!jobs.length) {
        await idleOrWait();
        continue;
      }
      busy++;
      try {
        const done: string[] = [];
        let changed = false;
        for (const job of jobs) {
          try {
            if (await ingestOne(job)) changed = true;
            done.push(job.id);
          } catch (e) {
            await failJob(INGEST_QUEUE, job, e);
          }
        }
        try {
          if (changed) await requestRebuild();
          if (done.length) await boss.complete(INGEST_QUEUE, done);
        } catch (e) {
          // The articles are stored; the jobs run again after they expire and find them stored.
          emit({ type: 'error', error: asTinlineError(e, 'STORE_UNAVAILABLE') });
        }
      } finally {
        busy--;
      }
    }
  };

  const rebuildLoop = async () => {
    while (!stop.signal.aborted) {
      const [job] = await boss.fetch<object>(REBUILD_QUEUE, { batchSize: 1, includeMetadata: true });
      if (!job) {
        await idleOrWait();
        continue;
      }
      busy++;
      let deferred = false;
      try {
        const output = await rebuildOne(job);
        deferred = output.deferred !== undefined;
        await boss.complete(REBUILD_QUEUE, job.id, output);
      } catch (e) {
        await failJob(REBUILD_QUEUE, job, e);
      } finally {
        busy--;
      }
      // The rebuild asked for in its place may start at once (no delay): don't spin on it.
      if (deferred) await sleep(pollMs, stop.signal);
    }
  };

  try {
    await Promise.all([
      ...Array.from({ length: concurrency }, ingestLoop),
      ...(takesRebuilds ? [rebuildLoop()] : []),
    ]);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    await store.close();
  }
  return summary;
}

