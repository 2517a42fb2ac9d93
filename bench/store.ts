// SQLite store: insert rate and CPU per article, size on disk per article, search latency.
//   node --import tsx bench/store.ts [N=20000] [--keep DIR] [--queries Q]
// Articles are recombined from the seed sentences (seeded, so every run builds the same set).
// --keep DIR fills DIR/bench-N.db once and reuses it on later runs (only search is measured then),
// so a million-article database is built once and queries can be iterated on.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createSqliteStore } from '../src/store/sqlite.ts';
import type { Article } from '../src/types.ts';
import { SEEDS_DIR } from '../test/shared.ts';
import { seeded } from './lib/random.ts';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { keep: { type: 'string' }, queries: { type: 'string' } },
});
const N = Number(positionals[0] ?? 20000);
const QUERIES = Number(opts.queries ?? 200);

const sentences = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(join(SEEDS_DIR, f), 'utf8').split(/(?<=[.!?])\s+|\n+/u))
  .map((s) => s.trim())
  .filter((s) => s.length >= 20);
const words = sentences.flatMap((s) => s.split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 2);

// Articles and queries draw from separate generators, so a reused database gets the same queries.
const gen = seeded(42);

function article(i: number): Article {
  const { pick, between } = gen;
  const body = Array.from({ length: between(3, 7) }, () =>
    Array.from({ length: between(2, 5) }, () => pick(sentences)).join(' '));
  const title = pick(sentences).slice(0, 100);
  const month = String(between(1, 12)).padStart(2, '0');
  const day = String(between(1, 28)).padStart(2, '0');
  return {
    id: createHash('sha256').update(`bench ${i}`).digest('hex'),
    origin: `bench/${i}.txt`,
    title,
    source: `source${i % 10}.vn`,
    language: 'vi',
    published: { value: `${between(2019, 2025)}-${month}-${day}`, precision: 'day', evidence: 'bench' },
    body,
    captions: [],
    removed: [],
    raw: [title, ...body].join('\n\n'),
    charset: 'utf-8',
    duplicateOf: null,
    ingestedAt: new Date(0).toISOString(),
  };
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

// The query mix (shares as before): every class is drawn from the corpus' own words, so most
// queries match a large share of it — a worst case for a ranker.
const qgen = seeded(7);
interface Query { kind: string; q: string; alternatives?: string[] }
function query(): Query {
  const { rand, pick, between } = qgen;
  const kind = rand();
  if (kind < 0.3) return { kind: 'word', q: pick(words) };
  if (kind < 0.55) return { kind: 'two_words', q: fold(`${pick(words)} ${pick(words)}`) };
  const s = pick(sentences).split(/\s+/);
  const k = between(0, Math.max(0, s.length - 2));
  const phrase = `"${s.slice(k, k + 2).join(' ')}"`;
  if (kind < 0.85) return { kind: 'phrase', q: phrase };
  return { kind: 'word_or_alt', q: pick(words), alternatives: [fold(s.slice(k, k + 2).join(' '))] };
}

// Extra classes, reported apart from the mix: a whole sentence fragment (long phrase) and three
// unquoted words (an AND whose matches are rare, so the index cannot stop early).
function extraQuery(): Query {
  const { rand, pick, between } = qgen;
  if (rand() < 0.5) {
    const s = pick(sentences).split(/\s+/);
    const k = between(0, Math.max(0, s.length - 5));
    return { kind: 'x_long_phrase', q: `"${s.slice(k, k + 5).join(' ')}"` };
  }
  return { kind: 'x_three_words', q: `${pick(words)} ${pick(words)} ${pick(words)}` };
}

const dir = opts.keep ?? mkdtempSync(join(tmpdir(), 'tinline-bench-store-'));
mkdirSync(dir, { recursive: true });
const path = join(dir, `bench-${N}.db`);
const reuse = opts.keep !== undefined && existsSync(path);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
try {
  console.log(`articles ${N}`);
  if (!reuse) {
    let store = await createSqliteStore(path);
    let textBytes = 0;
    let putMs = 0;
    let putCpuUs = 0;
    // Articles are made in batches outside the timed part, so the numbers are putArticle's alone.
    for (let i = 0; i < N; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, N - i) }, (_, k) => article(i + k));
      for (const a of batch) textBytes += a.raw.length;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (const a of batch) await store.putArticle(a);
      const used = process.cpuUsage(c0);
      putCpuUs += used.user + used.system;
      putMs += performance.now() - t0;
    }
    await store.close();
    const size = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
    console.log(`inserts_per_s ${(N / (putMs / 1000)).toFixed(0)}`);
    console.log(`put_cpu_ms_per_article ${(putCpuUs / 1000 / N).toFixed(3)}`);
    console.log(`raw_text_chars_per_article ${(textBytes / N).toFixed(0)}`);
    console.log(`db_bytes_per_article ${(size / N).toFixed(0)}`);
  } else console.log(`reusing ${path}`);

  const store = await createSqliteStore(path);
  const queries = Array.from({ length: QUERIES }, query);
  const extras = Array.from({ length: Math.ceil(QUERIES / 4) }, extraQuery);
  for (const q of queries.slice(0, 20)) await store.search(q.q, { alternatives: q.alternatives }); // warm the cache
  const byKind = new Map<string, number[]>();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let hits = 0;
  let matching = 0;
  for (const q of [...queries, ...extras]) {
    const t = performance.now();
    const c = process.cpuUsage();
    const n = (await store.search(q.q, { alternatives: q.alternatives })).length;
    const used = process.cpuUsage(c);
    const ms = performance.now() - t;
    if (!q.kind.startsWith('x_')) {
      hits += n;
      times.push(ms);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
  }
  // How many articles the queries match (capped at a page of 1000).
  for (const q of queries.slice(0, 50)) matching += (await store.search(q.q, { alternatives: q.alternatives, limit: 1000 })).length;
  await store.close();
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);

  console.log(`search_queries ${QUERIES}`);
  console.log(`search_mean_hits ${(hits / QUERIES).toFixed(1)}`);
  console.log(`search_mean_matching_articles_capped_1000 ${(matching / 50).toFixed(0)}`);
  console.log(`search_p50_ms ${pct(times, 50).toFixed(2)}`);
  console.log(`search_p99_ms ${pct(times, 99).toFixed(2)}`);
  console.log(`search_cpu_p50_ms ${pct(cpuTimes, 50).toFixed(2)}`);
  console.log(`search_cpu_p99_ms ${pct(cpuTimes, 99).toFixed(2)}`);
  for (const [kind, xs] of [...byKind].sort()) {
    xs.sort((a, b) => a - b);
    console.log(`search_${kind}_n${xs.length}_p50_p99_max_ms ${pct(xs, 50).toFixed(2)} ${pct(xs, 99).toFixed(2)} ${xs.at(-1)!.toFixed(2)}`);
  }
  console.log(`loadavg_1min ${loadavg()[0]!.toFixed(2)}`);
} finally {
  if (opts.keep === undefined) rmSync(dir, { recursive: true, force: true });
}
