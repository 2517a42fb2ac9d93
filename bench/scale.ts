// Scale: ingest throughput with 1 and 2 workers (SQLite through ingest(), PostgreSQL through the
// job queue with worker processes), search p50/p99 and story-timeline latency at N articles,
// peak memory and disk per article. Prints numbers beside the goals; never a quality number.
//
//   node --import tsx bench/scale.ts [--n 100000] [--docs 300] [--pg-n 20000] [--no-pg] [--no-ingest] [--no-sqlite]
//
// --n      articles in the SQLite store for search/timeline/disk (inserted directly through the
//          Store as synthetic Article+Analysis, bypassing analysis)
// --docs   documents for the ingest-throughput runs (fully analysed)
// --pg-n   articles in the PostgreSQL store for search/disk (0 to skip)
// --no-sqlite  skip SQLite (store at N and ingest()); --no-ingest skips both ingest runs
// --pg-runs K  measure the PostgreSQL queue K times (1 and 2 workers each); --trace prints every
//          worker's and PostgreSQL's CPU share each second on stderr, through the final rebuild
// Beside docs/s it prints CPU ms per document of the worker processes, of PostgreSQL (postmaster
// and backends, from /proc) and of this process, and the 2 ÷ 1 ceiling that CPU allows.
// Queue throughput is the workers' part, from the first article of the run stored to the last
// (the enqueueing, a producer's cost, and the workers' first poll are left out); the rate from
// enqueue to the last article stored is printed beside it. The final rebuild (which the workers
// start once no ingest job is left) is timed on its own line, not in docs/s.
// Text: real sentences from ../shared/seeds and the `# text` lines of ../shared/data/ud-vietnamese-vtb,
// recombined with a fixed seed, so every run builds the same corpus.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { ingest, processDocument, type Processed } from '../src/pipeline/index.ts';
import { enqueueDocuments, queueCounts } from '../src/queue/index.ts';
import { createPostgresStore } from '../src/store/postgres.ts';
import { createSqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import type { Analysis, Article, RawDocument, Story, StoryEvent } from '../src/types.ts';
import { startPostgres, type TestPostgres } from '../test/pg.ts';
import { DATA_DIR, REPO_ROOT, SEEDS_DIR } from '../test/shared.ts';
import { seeded } from './lib/random.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const N = arg('n', 100_000);
const DOCS = arg('docs', 300);
const PG_N = arg('pg-n', 20_000);
const WITH_PG = !process.argv.includes('--no-pg');
const WITH_INGEST = !process.argv.includes('--no-ingest');
const WITH_SQLITE = !process.argv.includes('--no-sqlite');
// Times each PostgreSQL queue phase (1 and 2 workers) is measured; --trace prints each worker's
// CPU share every second on stderr (to see whether both are busy).
const PG_RUNS = arg('pg-runs', 1);
const TRACE = process.argv.includes('--trace');
const STATEMENTS = process.argv.includes('--statements');
const QUERIES = 400;
// A worker counts as warm once its CPU rose this much over its idle start (the first documents
// cost most of a second: language tables, compiled code); warm-up rounds stop at WARM_ROUNDS.
const WARM_CPU_S = 1.2;
const WARM_ROUNDS = 8;
const STORIES = 50;
const PER_STORY = 8;

// ---- text -------------------------------------------------------------------------------------

const { rand, pick, between } = seeded(7);

function loadSentences(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'))) {
    out.push(...readFileSync(join(SEEDS_DIR, f), 'utf8').split(/(?<=[.!?])\s+|\n+/u));
  }
  const ud = join(DATA_DIR, 'ud-vietnamese-vtb');
  if (existsSync(ud)) {
    for (const f of readdirSync(ud).filter((f) => f.endsWith('.conllu'))) {
      for (const line of readFileSync(join(ud, f), 'utf8').split('\n')) {
        if (line.startsWith('# text = ')) out.push(line.slice(9));
      }
    }
  }
  return out.map((s) => s.trim()).filter((s) => s.length >= 20);
}
const sentences = loadSentences();
const words = sentences.flatMap((s) => s.split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 2);

function paragraphs(): string[] {
  return Array.from({ length: between(3, 7) }, () => Array.from({ length: between(2, 5) }, () => pick(sentences)).join(' '));
}

function dateParts() {
  return { y: between(2019, 2025), m: between(1, 12), d: between(1, 28) };
}

/** A raw document as a scraper would save it: title, a dated lead, paragraphs. */
function rawText(): string {
  const { y, m, d } = dateParts();
  const body = paragraphs();
  body[0] = `Ngày ${d}/${m}/${y}, ${body[0]}`;
  return [pick(sentences).slice(0, 100), ...body].join('\n\n');
}

function syntheticArticle(i: number): { article: Article; analysis: Analysis } {
  const body = paragraphs();
  const title = pick(sentences).slice(0, 100);
  const { y, m, d } = dateParts();
  const text = body.join('\n\n');
  const sents: Analysis['sentences'] = [];
  let at = 0;
  for (const p of body) {
    sents.push({ start: at, end: at + p.length, text: p });
    at += p.length + 2;
  }
  return {
    article: {
      id: createHash('sha256').update(`scale ${i}`).digest('hex'),
      origin: `scale/${i}.txt`,
      title,
      source: `nguon${i % 20}.vn`,
      language: 'vi',
      published: { value: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, precision: 'day', evidence: 'bench' },
      body,
      captions: [],
      removed: [],
      raw: [title, text].join('\n\n'),
      charset: 'utf-8',
      duplicateOf: null,
      ingestedAt: '2025-01-01T00:00:00.000Z',
    },
    analysis: { language: 'vi', sentences: sents, tokens: [], mentions: [], times: [] },
  };
}

// ---- measuring --------------------------------------------------------------------------------

// CPU seconds from /proc (Linux): a process's own plus its reaped children's. PostgreSQL's is the
// postmaster's (with every backend that exited) plus each live backend's, so a backend that ends
// mid-run moves its time from one term to the other and the sum stays right.
let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // no getconf: Linux uses 100
}
function procStat(pid: number): { ppid: number; cpu: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    return { ppid: Number(f[1]), cpu: ticks / clockTicks };
  } catch {
    return null;
  }
}
function cpuOf(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (procStat(pid)?.cpu ?? 0), 0);
}
function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    if (procStat(Number(name))?.ppid === ppid) out.push(Number(name));
  }
  return out;
}
/** The postmaster of the server at `url` (the parent of a backend), or null when it is not local. */
async function postmasterOf(url: string): Promise<number | null> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const pid = Number((await client.query('SELECT pg_backend_pid() AS p')).rows[0].p);
    return procStat(pid)?.ppid ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}
function postgresCpu(postmaster: number | null): number {
  return postmaster === null ? NaN : cpuOf([postmaster, ...childrenOf(postmaster)]);
}

// PostgreSQL's CPU per process (postmaster = its reaped children: backends and workers that ended).
function postgresCpuByPid(postmaster: number | null): Map<number, number> {
  const out = new Map<number, number>();
  if (postmaster === null) return out;
  for (const pid of [postmaster, ...childrenOf(postmaster)]) out.set(pid, procStat(pid)?.cpu ?? 0);
  return out;
}

/** Where PostgreSQL's CPU of a run went: by application (backends) or background process. */
async function postgresCpuSplit(url: string, postmaster: number | null, before: Map<number, number>, docs: number): Promise<string> {
  const after = postgresCpuByPid(postmaster);
  const names = new Map<number, string>();
  for (const row of (await sql(url, `SELECT pid, coalesce(nullif(application_name, ''), backend_type) AS name FROM pg_stat_activity`)).rows) {
    names.set(Number(row.pid), String(row.name));
  }
  const sums = new Map<string, number>();
  for (const [pid, cpu] of after) {
    const name = pid === postmaster ? 'ended processes' : names.get(pid) ?? 'other';
    sums.set(name, (sums.get(name) ?? 0) + cpu - (before.get(pid) ?? 0));
  }
  return [...sums].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1])
    .map(([name, s]) => `${name} ${fmt((s * 1000) / docs, 2)}`).join(', ');
}

const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number, d = 1) => x.toFixed(d);
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MB`;
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}
function line(label: string, value: string, goal = ''): void {
  console.log(`${label.padEnd(48)} ${value.padEnd(26)} ${goal}`);
}

function queryMix(): { kind: string; q: string }[] {
  const out: { kind: string; q: string }[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const s = pick(sentences).split(/\s+/);
    const at = between(0, Math.max(0, s.length - 2));
    const kind = i % 3 === 0 ? 'word' : i % 3 === 1 ? 'two words' : 'phrase';
    const q = kind === 'word' ? pick(words) : kind === 'two words' ? `${pick(words)} ${pick(words)}` : `"${s.slice(at, at + 2).join(' ')}"`;
    out.push({ kind, q });
  }
  return out;
}

async function searchLatency(store: Store, label: string): Promise<void> {
  const qs = queryMix();
  for (const { q } of qs.slice(0, 20)) await store.search(q); // warm the cache
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  let hits = 0;
  for (const { kind, q } of qs) {
    const t0 = performance.now();
    hits += (await store.search(q, { limit: 20 })).length;
    const t = ms(t0);
    all.push(t);
    byKind.set(kind, [...(byKind.get(kind) ?? []), t]);
  }
  line(`${label} search p50 / p99 (${qs.length} queries, top 20)`, `${fmt(percentile(all, 50))} / ${fmt(percentile(all, 99))} ms`, 'goal p99 ≤ 50 ms at 1M (SQLite)');
  for (const [kind, xs] of byKind) line(`  ${kind}`, `${fmt(percentile(xs, 50))} / ${fmt(percentile(xs, 99))} ms`);
  line('  mean hits per query', fmt(hits / qs.length));
}

async function fillStore(store: Store, n: number, parallel: number): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      const { article, analysis } = syntheticArticle(i);
      await store.putArticle(article, analysis);
      // Progress on stderr for long runs (1M takes a while), so a log shows it is moving.
      if ((i + 1) % 100_000 === 0) console.error(`  … ${i + 1} inserted (${fmt((i + 1) / (ms(t0) / 1000), 0)}/s, RSS ${mb(process.memoryUsage().rss)})`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return n / (ms(t0) / 1000);
}

/** Stories over real, analysed documents mixed into the synthetic ones, as a rebuild would leave them. */
async function addStories(store: Store): Promise<Processed[][]> {
  const groups: Processed[][] = [];
  const events: StoryEvent[] = [];
  const stories: Story[] = [];
  for (let s = 0; s < STORIES; s++) {
    const docs: Processed[] = [];
    for (let k = 0; k < PER_STORY; k++) {
      const p = processDocument({ origin: `story/${s}/${k}.txt`, format: 'text', text: rawText(), given: {} });
      await store.putArticle(p.article, p.analysis);
      docs.push(p);
    }
    groups.push(docs);
    const evIds = docs.map((_, k) => `ev-${s}-${k}`);
    docs.forEach((d, k) => events.push({
      id: evIds[k]!, date: d.article.published, title: d.article.title ?? '', place: null, actors: [],
      articles: [d.article.id], sentences: [],
    }));
    stories.push({ id: `st-${s}`, title: docs[0]!.article.title ?? '', summary: '', events: evIds, articles: docs.map((d) => d.article.id), entities: [] });
  }
  await store.putStories(events, stories);
  return groups;
}

async function timelineLatency(store: Store, label: string): Promise<void> {
  const { buildTimeline } = await import('../src/tell/index.ts');
  const times: number[] = [];
  for (let s = 0; s < STORIES; s++) {
    const t0 = performance.now();
    const story = (await store.getStory(`st-${s}`))!;
    const docs: Processed[] = [];
    for (const id of story.articles) {
      const article = await store.getArticle(id);
      const analysis = await store.getAnalysis(id);
      if (article && analysis) docs.push({ article, analysis });
    }
    buildTimeline(docs, { title: story.title });
    times.push(ms(t0));
  }
  line(`${label} story timeline p50 / p99 (${STORIES} stories × ${PER_STORY})`, `${fmt(percentile(times, 50))} / ${fmt(percentile(times, 99))} ms`, '(story members read by id)');
}

// ---- runs -------------------------------------------------------------------------------------

function writeDocs(dir: string, n: number): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: n }, (_, i) => {
    const path = join(dir, `doc${String(i).padStart(6, '0')}.txt`);
    writeFileSync(path, rawText());
    return path;
  });
}

// Each ingest run is a child process of its own, so a run that crashes (or leaks memory) says so
// without taking the other numbers with it.
function sqliteIngestChild(dir: string, workers: number): Promise<{ rate?: number; count?: number; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'scale.ts'), '--ingest-child', String(workers), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const m = /^rate (\S+) (\d+)$/m.exec(out);
      if (code === 0 && m) resolve({ rate: Number(m[1]), count: Number(m[2]) });
      else resolve({ error: (err.split('\n').find((l) => /Error|INTERNAL/.test(l)) ?? `exit ${code}`).trim().slice(0, 160) });
    });
  });
}

async function ingestChild(workers: number, dir: string): Promise<void> {
  const store = await createSqliteStore(join(dir, `ingest-${workers}.db`));
  const t0 = performance.now();
  const report = await ingest([join(dir, 'docs')], store, { workers });
  const seconds = ms(t0) / 1000;
  await store.close();
  if (report.failed.length) {
    console.error(`Error: ${report.failed.length} documents failed: ${report.failed[0]!.toLine()}`);
    process.exit(1);
  }
  console.log(`rate ${report.inserted.length / seconds} ${report.inserted.length}`);
}

async function sqliteIngest(dir: string): Promise<void> {
  const rates: number[] = [];
  for (const workers of [1, 2]) {
    const r = await sqliteIngestChild(dir, workers);
    if (r.rate === undefined) {
      line(`SQLite ingest(), workers: ${workers}`, 'not measured', r.error ?? '');
      continue;
    }
    rates.push(r.rate);
    line(`SQLite ingest(), workers: ${workers} (${r.count} docs)`, `${fmt(r.rate)} docs/s`);
  }
  if (rates.length === 2) line('  2 workers ÷ 1', `${fmt(rates[1]! / rates[0]!, 2)}×`, `goal ≥ 1.8× (${availableParallelism()} cores here)`);
}

// Workers as deployed: each takes ingest jobs and rebuilds (a rebuild waits while ingest is pending).
function startWorkers(url: string, n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(process.execPath, [join(REPO_ROOT, 'bin', 'tinline.js'), 'worker', '--db', url, '--quiet'], { stdio: 'ignore' }));
}

// Polled often, so it must cost PostgreSQL next to nothing (it is measured with the workers):
// the largest `seq` is one index probe, where count(*) reads every row, and a prepared statement
// is planned once (planning max() probes the index too); the count confirms the end. Returns
// when the first of the run's articles was seen stored (and how many were then) and `onFirst`'s
// value, taken at that moment.
async function untilStored<T>(url: string, store: Store, before: number, n: number, onFirst: () => T): Promise<{ firstAt: number; firstTop: number; first: T }> {
  const client = new pg.Client(url);
  await client.connect();
  let seen: { firstAt: number; firstTop: number; first: T } | null = null;
  try {
    for (;;) {
      const top = Number((await client.query({ name: 'top', text: 'SELECT coalesce(max(seq), 0) AS m FROM articles' })).rows[0].m);
      if (!seen && top > before) seen = { firstAt: performance.now(), firstTop: top, first: onFirst() };
      if (seen && top >= n && (await store.countArticles()) >= n) return seen;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

// Planning and executor time (not CPU; without parsing) per statement over the documents: which
// statements PostgreSQL's share of a run goes to.
async function printStatements(url: string, docs: number): Promise<void> {
  const r = await sql(url, `SELECT calls, total_exec_time + total_plan_time AS ms, total_plan_time AS plan, rows, regexp_replace(left(query, 400), '\\s+', ' ', 'g') AS q
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY total_exec_time + total_plan_time DESC LIMIT 14`);
  const all = Number((await sql(url, `SELECT sum(total_exec_time + total_plan_time) AS t FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`)).rows[0].t);
  console.log(`  statements (plan + execute ms per doc, of it planning, calls): all ${fmt(all / docs, 3)}`);
  for (const row of r.rows) {
    console.log(`    ${fmt(Number(row.ms) / docs, 3).padStart(7)} ${fmt(Number(row.plan) / docs, 3).padStart(7)} ${String(row.calls).padStart(6)}  ${String(row.q).slice(0, 140)}`);
  }
}

async function untilQueueIdle(url: string): Promise<void> {
  for (;;) {
    const c = await queueCounts(url);
    if (c.ingest === 0 && c.rebuild === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface QueueRun {
  /** Docs/s from the first article of the run stored to the last: the workers' own rate. */
  rate: number;
  /** Docs/s from the start of enqueueing to the last article stored. */
  rateAll: number;
  /** CPU seconds per document over the workers' part. */
  workerCpu: number;
  pgCpu: number;
  benchCpu: number;
  load: number;
}

async function pgIngestOnce(server: TestPostgres, raws: RawDocument[], workers: number, postmaster: number | null, timeRebuild: boolean): Promise<QueueRun> {
  const url = await server.newDatabase();
  if (STATEMENTS) await sql(url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const procs = startWorkers(url, workers);
  const pids = procs.map((p) => p.pid!);
  await new Promise((r) => setTimeout(r, 6000)); // let them start and go idle
  const store = await createPostgresStore(url);
  // Warm-up first: each worker loads its language tables and compiles its hot code on its first
  // documents (a second or more of CPU). Jobs of one document, in rounds, until every worker has
  // done some, so that none starts the timed run cold (one job of several documents would warm one).
  const idleCpu = pids.map((pid) => cpuOf([pid]));
  let warmed = 0;
  for (let round = 0; round < WARM_ROUNDS; round++) {
    const warm = Array.from({ length: workers * 3 }, (_, i) => ({ origin: `warm/${round}/${i}.txt`, format: 'text' as const, text: rawText(), given: {} }));
    await enqueueDocuments(url, warm, { documentsPerJob: 1 });
    warmed += warm.length;
    while ((await store.countArticles()) < warmed) await new Promise((r) => setTimeout(r, 100));
    if (pids.every((pid, i) => cpuOf([pid]) - idleCpu[i]! >= WARM_CPU_S)) break;
  }
  const warmCpu = pids.map((pid, i) => cpuOf([pid]) - idleCpu[i]!);
  await untilQueueIdle(url); // the warm-up's own rebuild, so it does not run inside the timing
  const load = loadavg()[0]!;
  const cpu0 = { workers: cpuOf(pids), pg: postgresCpu(postmaster), self: process.cpuUsage() };
  let trace: NodeJS.Timeout | undefined;
  if (TRACE) {
    let last = pids.map((pid) => cpuOf([pid]));
    let lastPg = postgresCpu(postmaster);
    const t0 = performance.now();
    trace = setInterval(() => {
      const now = pids.map((pid) => cpuOf([pid]));
      const nowPg = postgresCpu(postmaster);
      console.error(`  t=${fmt(ms(t0) / 1000, 0)}s workers ${now.map((c, i) => `${fmt((c - last[i]!) * 100, 0)}%`).join(' ')} postgres ${fmt((nowPg - lastPg) * 100, 0)}%`);
      last = now;
      lastPg = nowPg;
    }, 1000);
  }
  const snapshot = () => {
    const self = process.cpuUsage();
    return {
      workers: cpuOf(pids), pg: postgresCpu(postmaster), self: (self.user + self.system) / 1e6,
      pgByPid: TRACE || STATEMENTS ? postgresCpuByPid(postmaster) : null,
    };
  };
  const t0 = performance.now();
  const at0 = snapshot();
  await enqueueDocuments(url, raws);
  const enqueueMs = ms(t0);
  const atEnqueued = snapshot();
  const total = warmed + raws.length;
  const { firstAt, firstTop, first } = await untilStored(url, store, warmed, total, () => {
    // Statements of the workers' part only (reset from another connection, not awaited: the
    // first batches' statements may still count).
    if (STATEMENTS) void sql(url, 'SELECT pg_stat_statements_reset()');
    return snapshot();
  });
  const end = snapshot();
  const ingestS = ms(t0) / 1000;
  const workS = ms(firstAt) / 1000;
  if (TRACE) console.error(`  t=${fmt(ingestS, 1)}s every article stored; the final rebuild follows`);
  // The workers' part: from the first article seen stored (the articles stored by then are not
  // counted) to the last, so neither the enqueueing nor the workers' first poll is in it.
  const docs = total - firstTop;
  const run: QueueRun = {
    rate: docs / workS,
    rateAll: raws.length / ingestS,
    workerCpu: (end.workers - first.workers) / docs,
    pgCpu: (end.pg - first.pg) / docs,
    benchCpu: (end.self - first.self) / docs,
    load,
  };
  const perDoc = (s: number) => `${fmt(s * 1000, 2)}`;
  const label = `PostgreSQL queue, ${workers} worker process${workers > 1 ? 'es' : ''}`;
  line(`${label} (${docs} of ${raws.length} docs)`, `${fmt(run.rate)} docs/s`, `(first to last article stored, ${fmt(workS, 1)} s; load avg ${fmt(load, 2)} before)`);
  line('  CPU ms per doc: workers / PostgreSQL / bench', `${perDoc(run.workerCpu)} / ${perDoc(run.pgCpu)} / ${perDoc(run.benchCpu)}`, `(${fmt(end.workers - first.workers, 1)} s + ${fmt(end.pg - first.pg, 1)} s over ${fmt(workS, 1)} s wall)`);
  line('  warm-up CPU per worker', `${warmCpu.map((c) => `${fmt(c, 1)} s`).join(', ')}`, `(${warmed} docs, jobs of one)`);
  line(`  from enqueue to the last stored (${raws.length} docs)`, `${fmt(run.rateAll)} docs/s`, `(enqueue ${fmt(enqueueMs, 0)} ms: PostgreSQL ${fmt((atEnqueued.pg - at0.pg) * 1000, 0)} ms CPU, bench ${fmt((atEnqueued.self - at0.self) * 1000, 0)} ms)`);
  if (first.pgByPid) line('  PostgreSQL CPU ms per doc by process', await postgresCpuSplit(url, postmaster, first.pgByPid, docs));
  if (STATEMENTS) await printStatements(url, docs);
  await untilQueueIdle(url);
  clearInterval(trace);
  line('  then the final rebuild done after', `${fmt(ms(t0) / 1000 - ingestS, 1)} s`, '(one rebuild per burst, started when no ingest job is left)');
  // A worker that exited early (stderr is not kept) makes the run a run of fewer workers.
  const gone = procs.filter((p) => p.exitCode !== null || p.signalCode !== null).length;
  if (gone) line(`  WARNING: ${gone} worker process${gone > 1 ? 'es' : ''} exited during the run`, 'numbers above are not valid');
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on('exit', r)))));
  if (timeRebuild) {
    const { rebuild } = await import('../src/pipeline/index.ts');
    const r0 = performance.now();
    const built = await rebuild(store);
    line(`  one rebuild over ${raws.length} articles`, `${fmt(ms(r0), 0)} ms`, `(${built.stories.length} stories)`);
  }
  await store.close();
  return run;
}

async function pgIngest(server: TestPostgres, docs: string[]): Promise<void> {
  const raws = docs.map((path) => ({ origin: path, format: 'text' as const, bytes: new Uint8Array(readFileSync(path)), given: {} }));
  const postmaster = await postmasterOf(server.url).catch(() => null);
  const runs: QueueRun[][] = [[], []];
  for (let r = 0; r < PG_RUNS; r++) {
    for (const workers of [1, 2]) runs[workers - 1]!.push(await pgIngestOnce(server, raws, workers, postmaster, workers === 1 && r === 0));
  }
  const median = (xs: number[]) => percentile(xs, 50);
  for (const [what, key] of [['workers\' part', 'rate'], ['from enqueue', 'rateAll']] as const) {
    const one = runs[0]!.map((r) => r[key]);
    const two = runs[1]!.map((r) => r[key]);
    if (PG_RUNS > 1) {
      line(`  ${what}: 1 worker docs/s (each run)`, one.map((x) => fmt(x)).join(', '));
      line(`  ${what}: 2 workers docs/s (each run)`, two.map((x) => fmt(x)).join(', '));
      line(`  ${what}: 2 ÷ 1 (each run)`, two.map((x, i) => fmt(x / one[i]!, 2)).join(', '));
    }
    line(`  ${what}: 2 workers ÷ 1`, `${fmt(median(two) / median(one), 2)}×`, `goal ≥ 1.8× (${availableParallelism()} cores here${PG_RUNS > 1 ? ', medians' : ''})`);
  }
  // Two workers, PostgreSQL and this bench share the cores: with w, p and b CPU per doc, the best
  // 2 ÷ 1 on 2 cores is 2w / (w + p + b) if one worker alone keeps exactly one core busy. It uses
  // more (its GC and compiler threads run beside its main thread), so the ceiling the 1-worker
  // runs allow is 2 cores ÷ the cores they used, (w + p + b) × their docs/s.
  const w = median(runs[0]!.map((r) => r.workerCpu));
  const p = median(runs[0]!.map((r) => r.pgCpu));
  const b = median(runs[0]!.map((r) => r.benchCpu));
  if (Number.isFinite(p)) {
    line('  ceiling on 2 cores, 2w / (w + p + b)', `${fmt(Math.min(2, (2 * w) / (w + p + b)), 2)}×`, `(w ${fmt(w * 1000, 2)}, p ${fmt(p * 1000, 2)}, b ${fmt(b * 1000, 2)} ms per doc, 1-worker runs)`);
    const used = median(runs[0]!.map((r) => (r.workerCpu + r.pgCpu + r.benchCpu) * r.rate));
    line('  ceiling on 2 cores, 2 ÷ cores 1 worker used', `${fmt(2 / used, 2)}×`, `(1 worker + PostgreSQL + bench used ${fmt(used, 2)} cores)`);
  }
  // Whether one worker keeps a core busy: if not, it waits (on the database, on polling) and a
  // second worker gains partly by filling those waits.
  line('  one worker\'s busy share of a core', runs[0]!.map((r) => `${fmt(r.workerCpu * r.rate * 100, 0)}%`).join(', '));
}

async function sqliteAtN(dir: string): Promise<void> {
  const path = join(dir, 'big.db');
  const store = await createSqliteStore(path);
  const rate = await fillStore(store, N, 1);
  line(`SQLite insert ${N} synthetic articles`, `${fmt(rate, 0)} articles/s`);
  const afterFill = peakRss();
  await addStories(store);
  await searchLatency(store, `SQLite @${N + STORIES * PER_STORY}`);
  await timelineLatency(store, `SQLite @${N + STORIES * PER_STORY}`);
  await store.close();
  const bytes = ['', '-wal', '-shm'].reduce((n, s) => n + (existsSync(path + s) ? statSync(path + s).size : 0), 0);
  line('SQLite disk per article', `${fmt(bytes / (N + STORIES * PER_STORY) / 1024, 2)} KB`, `(${mb(bytes)} total)`);
  line(`peak RSS after inserting ${N}`, mb(afterFill), `goal ≤ 2 GB per 1M articles${N < 1e6 ? ' (run --n 1000000 to check it)' : ''}`);
  line('peak RSS after search and timelines', mb(peakRss()), '(includes the analysis tables loaded for the story articles)');
  rmSync(path, { force: true });
}

async function main(): Promise<void> {
  console.log(`scale bench: N=${N} (SQLite), docs=${DOCS} (ingest), pg-n=${WITH_PG ? PG_N : 'skipped'}; ${sentences.length} source sentences; ${availableParallelism()} cores`);
  const dir = mkdtempSync(join(tmpdir(), 'tinline-scale-'));
  let server: TestPostgres | undefined;
  try {
    // SQLite at N first, while this process holds nothing else, so its peak memory is the store's.
    if (WITH_SQLITE) await sqliteAtN(dir);

    let docs: string[] = [];
    if (WITH_INGEST) {
      docs = writeDocs(join(dir, 'docs'), DOCS);
      if (WITH_SQLITE) await sqliteIngest(dir);
    }
    if (WITH_PG) {
      try {
        server = await startPostgres(STATEMENTS ? { serverOptions: '-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.track_planning=on' } : {});
      } catch (e) {
        console.log(`PostgreSQL: not measured (${(e as Error).message})`);
      }
      if (server && WITH_INGEST) await pgIngest(server, docs);
    }

    if (server && PG_N > 0) {
      const url = await server.newDatabase();
      const pgStore = await createPostgresStore(url);
      const pgRate = await fillStore(pgStore, PG_N, 4);
      line(`PostgreSQL insert ${PG_N} synthetic articles (4 in flight)`, `${fmt(pgRate, 0)} articles/s`);
      await addStories(pgStore);
      await searchLatency(pgStore, `PostgreSQL @${PG_N + STORIES * PER_STORY}`);
      await timelineLatency(pgStore, `PostgreSQL @${PG_N + STORIES * PER_STORY}`);
      const client = new pg.Client(url);
      await client.connect();
      const size = Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
      await client.end();
      line('PostgreSQL disk per article', `${fmt(size / (PG_N + STORIES * PER_STORY) / 1024, 2)} KB`, `(${mb(size)} database)`);
      await pgStore.close();
    }
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--ingest-child');
if (childAt >= 0) await ingestChild(Number(process.argv[childAt + 1]), process.argv[childAt + 2]!);
else await main();
