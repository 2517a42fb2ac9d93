// Work spread over many processes and machines through a job queue kept in the same PostgreSQL
// database as the store (pg-boss). `enqueueDocuments` turns raw documents into ingest jobs of
// several documents each (one job per document cost PostgreSQL an insert, two updates and their
// index entries per document: more than storing the article); `runWorker` takes them a batch at a
// time (one round trip fetches a batch, one statement stores all its articles, one completes it),
// then asks for a rebuild (link, dedup, cluster, tell over everything stored). The next batch is
// fetched, and the last one stored and completed, while this one is analysed, so a worker's core
// is rarely left waiting on the database.
//
// Why it loses nothing and doubles nothing:
// - A job is marked done only after its article is committed; a worker that dies mid-job leaves
//   the job active until it expires, then pg-boss puts it back (retry) for another worker.
//   Storing is insert-only by content id, so a retried or duplicated job stores nothing twice.
//   A job of several documents is completed only once every one of them is stored, or skipped
//   for bad input (which fails the same way every time), or handed on: a document that fails
//   otherwise gets a job of its own (an id derived from the job's and its place in it, so a
//   retried job hands it on once) and that job retries it alone, then goes to the dead-letter
//   queue alone. If handing on fails, the whole job fails and is retried.
// - The rebuild queue is `stately`: at most one rebuild waiting and one running. A batch is
//   covered once a rebuild job is seen waiting while the batch's jobs are active: that job either
//   starts after they are completed (so after their articles were committed), or starts while
//   they are still active, sees ingest pending and asks for another before it finishes (so does
//   a rebuild forced by `rebuildMaxWaitSeconds`). So a worker asks after each batch that changed
//   something, before completing its jobs, unless the job its own last request created cannot
//   have started yet (it was created with a delay) — then it asks at most once per delay.
//   A rebuild that comes up after another already read the corpus is dropped only when nothing
//   is pending and no article was added since that read. Rebuilds also hold an advisory lock, so
//   two never interleave their whole-table replacements even if a slow one outlives its expiry.
// - A rebuild reads the whole corpus, so a burst of ingest jobs should cause one rebuild at its
//   end, not one every few seconds: while ingest jobs are waiting or running anywhere, a rebuild
//   job that comes up asks for another one (later) and finishes without rebuilding. It never
//   loses the request (the one it asks for is waiting before it finishes), and a stream of
//   documents that never ends still gets a rebuild every `rebuildMaxWaitSeconds`.
// - Every job of one enqueue call carries the same ingestedAt, so the corpus order a rebuild sees
//   (ingest time, then id) does not depend on which worker stored what first.
import { TinlineError, asTinlineError, isTinlineError } from '../errors.ts';
import { processDocument, type Processed } from '../pipeline/process.ts';
import { createPostgresStore, describeUrl, withAdvisoryLock, QUEUE_SETUP_LOCK, REBUILD_LOCK } from '../store/postgres.ts';
import { isPostgresUrl } from '../store/index.ts';
import type { PutResult } from '../store/types.ts';
import type { GivenMetadata, RawDocument } from '../types.ts';
import PgBoss from 'pg-boss';
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export const INGEST_QUEUE = 'tinline_ingest';
export const REBUILD_QUEUE = 'tinline_rebuild';
/** Ingest jobs that failed every retry land here (with their payload) for a person to look at. */
export const DEAD_QUEUE = 'tinline_ingest_failed';

const INGEST_EXPIRE_SECONDS = 15 * 60;
const REBUILD_EXPIRE_SECONDS = 6 * 60 * 60;
const RETRY_LIMIT = 3;
const RETRY_DELAY_SECONDS = 10;
// Documents per job; a worker fetches (and stores, and completes) one job per round trip. Each
// round trip costs PostgreSQL about as much as storing a few articles, so jobs are not tiny;
// still small enough that a job in hand is soon done and the end of a burst spreads over the
// workers. (Fetching several jobs at once cannot be bounded in documents: after jobs of one
// document, e.g. from an older version, a fetch of 12 jobs took 144 documents.)
const DOCS_PER_JOB = 24;
// The next batch is fetched when this many documents of this one are left to analyse.
const FETCH_AHEAD_DOCS = 2;
// A job's payload stays under this many characters (a larger document gets a job of its own).
const JOB_MAX_CHARS = 1024 * 1024;
// A request for a rebuild is relied on until this long before its job may start.
const REQUEST_MARGIN_MS = 1000;
// Enqueue in chunks of about this many payload characters (one INSERT each).
const ENQUEUE_CHUNK_CHARS = 8 * 1024 * 1024;

/** One document of an ingest job. */
interface DocPayload {
  origin: string;
  format: RawDocument['format'];
  given: GivenMetadata;
  line?: number;
  text?: string;
  /** base64 of the raw bytes. */
  bytes?: string;
  /**
   * base64 of the raw-deflated bytes (or, with `packedText`, of the text's UTF-8): what this
   * version queues, a third of the size, so PostgreSQL parses, stores and hands back far less.
   * `text` and `bytes` are read still (jobs queued by older versions).
   */
  packed?: string;
  packedText?: boolean;
  ingestedAt: string;
}

/** An ingest job: several documents (this version), or one (what older versions queued). */
type IngestPayload = DocPayload | { docs: DocPayload[] };

function docsOf(data: IngestPayload): DocPayload[] {
  return 'docs' in data && Array.isArray(data.docs) ? data.docs : [data as DocPayload];
}

export interface EnqueueOptions {
  /** How long a worker may hold a job before it is handed to another (default 15 min). */
  expireInSeconds?: number;
  retryLimit?: number;
  /** Seconds before a failed job is tried again (default 10, doubling with each try). */
  retryDelaySeconds?: number;
  /** The ingest time recorded on every article of this call (default: now). */
  ingestedAt?: string;
  /** Documents per job (default 12; fewer when they are large). */
  documentsPerJob?: number;
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
  /** Ingest jobs fetched, stored and completed per round trip, per lane (default 1). */
  batchSize?: number;
  /** How often this worker looks for expired jobs of dead workers (default 30 s). */
  maintenanceSeconds?: number;
  /** false: take ingest jobs only (rebuilds still get requested, for other workers). Default true. */
  rebuild?: boolean;
}

export type WorkerEvent =
  /** `doc`: the document's place in its ingest job. */
  | { type: 'started'; queue: 'ingest' | 'rebuild'; job: string; doc?: number; origin?: string; retry: number }
  | { type: 'stored'; job: string; doc: number; origin: string; id: string; inserted: boolean }
  /** `retrying`: the job (or, for one document of several, a job of its own) will run again. */
  | { type: 'failed'; job: string; doc?: number; origin: string; error: TinlineError; retrying: boolean }
  | { type: 'rebuilt'; job: string; articles: number; events: number; stories: number; ms: number }
  /** A rebuild came up while ingest jobs were pending: another one was asked for instead. */
  | { type: 'deferred'; job: string; pending: number }
  | { type: 'error'; error: TinlineError };

/** One document of a fetched job. */
interface Unit {
  job: PgBoss.JobWithMetadata<IngestPayload>;
  doc: DocPayload;
  index: number;
  /** Its job holds other documents too. */
  shared: boolean;
}

interface Analysed {
  unit: Unit;
  processed: Processed;
}

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
    // Processes starting at once on a new database deadlocked in pg-boss's queue creation (it
    // makes a partition per queue) and all but one exited: one at a time, under a lock.
    await withAdvisoryLock(url, QUEUE_SETUP_LOCK, () => createQueues(boss));
  } catch (e) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw new TinlineError('STORE_UNAVAILABLE', `job queue at ${describeUrl(url)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

async function createQueues(boss: PgBoss): Promise<void> {
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
}

function toPayload(doc: RawDocument, ingestedAt: string): DocPayload {
  const payload: DocPayload = { origin: doc.origin, format: doc.format, given: doc.given ?? {}, ingestedAt };
  if (doc.line !== undefined) payload.line = doc.line;
  const content = doc.text !== undefined ? Buffer.from(doc.text, 'utf8') : Buffer.from(doc.bytes ?? new Uint8Array());
  payload.packed = deflateRawSync(content).toString('base64');
  if (doc.text !== undefined) payload.packedText = true;
  return payload;
}

function fromPayload(p: DocPayload): RawDocument {
  const raw: RawDocument = { origin: p.origin, format: p.format, given: p.given ?? {} };
  if (p.line !== undefined) raw.line = p.line;
  if (p.packed !== undefined) {
    const content = inflateRawSync(Buffer.from(p.packed, 'base64'));
    if (p.packedText) raw.text = content.toString('utf8');
    else raw.bytes = new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  } else if (p.text !== undefined) raw.text = p.text;
  else raw.bytes = new Uint8Array(Buffer.from(p.bytes ?? '', 'base64'));
  return raw;
}

/** Queue the documents (in jobs of several); returns how many documents were queued. */
export async function enqueueDocuments(url: string, docs: RawDocument[], options: EnqueueOptions = {}): Promise<number> {
  requirePostgres(url, 'enqueue');
  // Opening the store checks the URL and brings the schema up to date before any worker needs it.
  await (await createPostgresStore(url)).close();
  let failure: unknown;
  const boss = newBoss(url, false, 60, (e) => (failure ??= e));
  await startBoss(boss, url);
  const ingestedAt = options.ingestedAt ?? new Date().toISOString();
  const perJob = Math.max(1, Math.floor(options.documentsPerJob ?? DOCS_PER_JOB));
  try {
    let batch: PgBoss.JobInsert[] = [];
    let chars = 0;
    const flush = async () => {
      if (!batch.length) return;
      await boss.insert(batch);
      batch = [];
      chars = 0;
    };
    let group: DocPayload[] = [];
    let groupChars = 0;
    const close = async () => {
      if (!group.length) return;
      batch.push({
        name: INGEST_QUEUE,
        data: perJob === 1 ? group[0]! : { docs: group },
        ...(options.expireInSeconds !== undefined ? { expireInSeconds: options.expireInSeconds } : {}),
        ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
        ...(options.retryDelaySeconds !== undefined ? { retryDelay: options.retryDelaySeconds } : {}),
      });
      chars += groupChars;
      group = [];
      groupChars = 0;
      if (chars >= ENQUEUE_CHUNK_CHARS) await flush();
    };
    for (const doc of docs) {
      const data = toPayload(doc, ingestedAt);
      const size = (data.packed?.length ?? 0) + 256;
      if (group.length && groupChars + size > JOB_MAX_CHARS) await close();
      group.push(data);
      groupChars += size;
      if (group.length >= perJob) await close();
    }
    await close();
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

/** A job id (UUID form) that is the same whenever one document of one job is handed on. */
function derivedJobId(jobId: string, index: number): string {
  const h = createHash('sha256').update(`${jobId}/${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Seconds of a job's expireIn (a PostgreSQL interval as pg reads it), or undefined. */
function intervalSeconds(i: unknown): number | undefined {
  if (!i || typeof i !== 'object') return undefined;
  const v = i as { days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number };
  const s = (v.days ?? 0) * 86400 + (v.hours ?? 0) * 3600 + (v.minutes ?? 0) * 60 + (v.seconds ?? 0) + (v.milliseconds ?? 0) / 1000;
  return s >= 1 ? Math.round(s) : undefined;
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
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1));
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

  // Until when (this process's clock) the rebuild job this process last created is surely still
  // waiting: it was created with a delay, so it cannot start before then.
  let waitingUntil = 0;
  const requestRebuild = async () => {
    const asked = performance.now();
    // null when one is already waiting, which covers the batch just as well (see the top).
    const id = await boss.send(REBUILD_QUEUE, {}, rebuildDelay > 0 ? { startAfter: rebuildDelay } : {});
    if (id) waitingUntil = asked + rebuildDelay * 1000 - REQUEST_MARGIN_MS;
  };

  // The analysis of one document, or null when its input is bad (reported, and the document is
  // done: bad input fails the same way every time, so no retries).
  const analyse = ({ job, doc, index }: Unit): Processed | null => {
    const origin = doc.origin;
    emit({ type: 'started', queue: 'ingest', job: job.id, doc: index, origin, retry: job.retryCount });
    try {
      return processDocument(fromPayload(doc), doc.ingestedAt);
    } catch (e) {
      const error = asTinlineError(e, 'INTERNAL', { origin, line: doc.line });
      if (!error.code.startsWith('INPUT_')) throw error;
      summary.failed++;
      emit({ type: 'failed', job: job.id, doc: index, origin, error, retrying: false });
      return null;
    }
  };

  // When this worker first put off a rebuild since it last ran one (per worker, so no shared
  // clock is needed; at worst each worker runs one extra rebuild per max wait).
  let deferringSince: number | null = null;
  // When this worker's last rebuild started reading the corpus (database time) and how many
  // articles there were then: a rebuild asked for before it is covered if none has been added since.
  let last: { at: Date; articles: number } | null = null;
  const rebuildOne = async (job: PgBoss.JobWithMetadata<object>): Promise<{ deferred?: number; [key: string]: unknown }> => {
    const pending = await boss.getQueueSize(INGEST_QUEUE, { before: 'completed' });
    // Articles are only ever added, so the same count means the same corpus. (With ingest pending,
    // an article of a batch that relies on this job may not be committed yet.)
    if (pending === 0 && last && job.createdOn < last.at && (await store.countArticles()) === last.articles) {
      return { covered: last.at.toISOString() };
    }
    deferringSince ??= Date.now();
    if (pending > 0 && Date.now() - deferringSince < maxWaitMs) {
      // Asked for before this job completes, so a rebuild is always waiting when work remains.
      await requestRebuild();
      emit({ type: 'deferred', job: job.id, pending });
      return { deferred: pending };
    }
    deferringSince = null;
    const snapshot = (await boss.getDb().executeSql('SELECT now() AS t, (SELECT count(*) FROM articles)::int AS n', [])).rows[0] as
      { t: Date; n: number } | undefined;
    emit({ type: 'started', queue: 'rebuild', job: job.id, retry: job.retryCount });
    const started = Date.now();
    const { rebuild } = await import('../pipeline/index.ts');
    const built = await withAdvisoryLock(url, REBUILD_LOCK, () => rebuild(store));
    summary.rebuilds++;
    if (snapshot?.t instanceof Date) last = { at: snapshot.t, articles: Number(snapshot.n) };
    // Rebuilt while ingest was still pending (it waited long enough): batches in hand may have
    // relied on this job, so their articles get a rebuild of their own.
    if (pending > 0) await requestRebuild();
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
  const failJob = async (queue: string, job: PgBoss.JobWithMetadata<object>, e: unknown, doc?: number) => {
    const error = asTinlineError(e, 'INTERNAL');
    const data = job.data as Partial<DocPayload>;
    const origin = (doc !== undefined ? docsOf(job.data as IngestPayload)[doc]?.origin : data.origin) ?? queue;
    summary.failed++;
    emit({ type: 'failed', job: job.id, ...(doc !== undefined ? { doc } : {}), origin, error, retrying: job.retryCount < job.retryLimit });
    await boss.fail(queue, job.id, { code: error.code, message: error.message }).catch(() => {});
  };

  // A document that failed (not for its input): alone in its job, the job fails and pg-boss
  // retries it; sharing a job, it is handed on to a job of its own so the others need not run
  // again. A job failed whole goes into failedJobs (it must not be completed).
  const failUnit = async (unit: Unit, e: unknown, failedJobs: Set<string>): Promise<void> => {
    const { job, doc, index } = unit;
    if (failedJobs.has(job.id)) return;
    if (!unit.shared) {
      failedJobs.add(job.id);
      await failJob(INGEST_QUEUE, job, e, index);
      return;
    }
    const error = asTinlineError(e, 'INTERNAL', { origin: doc.origin, line: doc.line });
    try {
      await boss.send(INGEST_QUEUE, doc, {
        id: derivedJobId(job.id, index),
        retryLimit: job.retryLimit,
        retryDelay: job.retryDelay,
        retryBackoff: job.retryBackoff,
        expireInSeconds: intervalSeconds(job.expireIn) ?? INGEST_EXPIRE_SECONDS,
      });
    } catch {
      failedJobs.add(job.id);
      await failJob(INGEST_QUEUE, job, error, index);
      return;
    }
    summary.failed++;
    emit({ type: 'failed', job: job.id, doc: index, origin: doc.origin, error, retrying: true });
  };

  // Store the analysed documents of a batch in one statement (one transaction: every article or
  // none), ask for a rebuild if anything changed, then complete the batch's jobs (all but those
  // failed whole, which pg-boss retries).
  const storeBatch = async (jobs: PgBoss.JobWithMetadata<IngestPayload>[], analysed: Analysed[], failedJobs: Set<string>, fetchedAt: number): Promise<void> => {
    let changed = false;
    const record = ({ job, doc, index }: Unit, put: PutResult) => {
      if (put.inserted) summary.stored++;
      else summary.existing++;
      emit({ type: 'stored', job: job.id, doc: index, origin: doc.origin, id: put.id, inserted: put.inserted });
      // A retried job may have committed before its worker died without asking for a rebuild.
      if (put.inserted || job.retryCount > 0) changed = true;
    };
    if (analysed.length) {
      let puts: PutResult[] | null = null;
      try {
        puts = await store.putArticles(analysed.map(({ processed }) => processed));
      } catch {
        // The database may refuse one article: store them one by one, so only its document fails.
      }
      if (puts) analysed.forEach(({ unit }, i) => record(unit, puts[i]!));
      else {
        for (const { unit, processed } of analysed) {
          try {
            record(unit, await store.putArticle(processed.article, processed.analysis));
          } catch (e) {
            await failUnit(unit, e, failedJobs);
          }
        }
      }
    }
    const done = jobs.filter((job) => !failedJobs.has(job.id)).map((job) => job.id);
    try {
      // The batch's jobs have been active since fetchedAt: a rebuild job this process created
      // that was surely still waiting then covers them.
      if (changed && fetchedAt >= waitingUntil) await requestRebuild();
      if (done.length) await boss.complete(INGEST_QUEUE, done);
    } catch (e) {
      // The articles are stored; the jobs run again after they expire and find them stored.
      emit({ type: 'error', error: asTinlineError(e, 'STORE_UNAVAILABLE') });
    }
  };

  // Per batch: one round trip fetches it, one statement stores its articles, one completes it
  // (and now and then one asks for a rebuild). The next batch is fetched, and this one stored and
  // completed, while the next one is analysed.
  const fetchBatch = () => {
    const p = boss.fetch<IngestPayload>(INGEST_QUEUE, { batchSize, includeMetadata: true });
    p.catch(() => {}); // awaited later; a failure then is reported there, not as unhandled
    return p;
  };
  const ingestLoop = async () => {
    let next: Promise<PgBoss.JobWithMetadata<IngestPayload>[]> | null = null;
    let storing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        if (!next) {
          if (stop.signal.aborted) break;
          next = fetchBatch();
        }
        const jobs = await next;
        const fetchedAt = performance.now();
        next = null;
        if (!jobs.length) {
          await storing;
          await idleOrWait();
          continue;
        }
        busy++;
        let handedOver = false;
        try {
          const units: Unit[] = jobs.flatMap((job) => {
            const docs = docsOf(job.data);
            return docs.map((doc, index) => ({ job, doc, index, shared: docs.length > 1 }));
          });
          const analysed: Analysed[] = [];
          const failedJobs = new Set<string>();
          for (const [i, unit] of units.entries()) {
            // The next batch is fetched while the last few documents of this one are analysed:
            // soon enough to hide the round trip, late enough that a worker does not sit on a
            // batch another (idle) worker could take at the end of a burst. Jobs in hand are
            // finished before stopping, so none are fetched ahead once asked to stop.
            if (!next && !stop.signal.aborted && units.length - i <= FETCH_AHEAD_DOCS) next = fetchBatch();
            if (failedJobs.has(unit.job.id)) continue;
            // Let the requests already made (the next fetch, the last batch's writes) go out first.
            await new Promise((r) => setImmediate(r));
            try {
              const processed = analyse(unit);
              if (processed) analysed.push({ unit, processed });
            } catch (e) {
              await failUnit(unit, e, failedJobs);
            }
          }
          // One batch stored at a time bounds what a worker holds.
          await storing;
          storing = storeBatch(jobs, analysed, failedJobs, fetchedAt)
            .catch((e) => emit({ type: 'error', error: asTinlineError(e, 'STORE_FAILED') }))
            .finally(() => busy--);
          handedOver = true;
        } finally {
          if (!handedOver) busy--;
        }
      }
    } finally {
      await storing;
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

