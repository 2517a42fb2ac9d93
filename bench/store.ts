// SQLite store: insert rate, size on disk per article, search latency.
//   node --import tsx bench/store.ts [N=20000]
// Articles are recombined from the seed sentences (seeded, so every run builds the same set).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSqliteStore } from '../src/store/sqlite.ts';
import type { Article } from '../src/types.ts';
import { SEEDS_DIR } from '../test/shared.ts';
import { seeded } from './lib/random.ts';

const N = Number(process.argv[2] ?? 20000);
const QUERIES = 200;

const { rand, pick, between } = seeded(42);

const sentences = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(join(SEEDS_DIR, f), 'utf8').split(/(?<=[.!?])\s+|\n+/u))
  .map((s) => s.trim())
  .filter((s) => s.length >= 20);
const words = sentences.flatMap((s) => s.split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 2);

function article(i: number): Article {
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

function query(): { q: string; alternatives?: string[] } {
  const kind = rand();
  if (kind < 0.3) return { q: pick(words) };
  if (kind < 0.55) return { q: fold(`${pick(words)} ${pick(words)}`) };
  const s = pick(sentences).split(/\s+/);
  const k = between(0, Math.max(0, s.length - 2));
  const phrase = `"${s.slice(k, k + 2).join(' ')}"`;
  if (kind < 0.85) return { q: phrase };
  return { q: pick(words), alternatives: [fold(s.slice(k, k + 2).join(' '))] };
}

const dir = mkdtempSync(join(tmpdir(), 'tinline-bench-store-'));
const path = join(dir, 'bench.db');
try {
  const articles = Array.from({ length: N }, (_, i) => article(i));
  const textBytes = articles.reduce((n, a) => n + Buffer.byteLength(a.raw), 0);
  let store = await createSqliteStore(path);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const a of articles) await store.putArticle(a);
  const insertMs = performance.now() - t0;
  const insertCpu = process.cpuUsage(c0);
  await store.close();
  const size = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

  store = await createSqliteStore(path);
  const queries = Array.from({ length: QUERIES }, query);
  for (const q of queries.slice(0, 20)) await store.search(q.q, { alternatives: q.alternatives }); // warm the cache
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let hits = 0;
  let matching = 0;
  for (const q of queries) {
    const t = performance.now();
    const c = process.cpuUsage();
    hits += (await store.search(q.q, { alternatives: q.alternatives })).length;
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  // How many articles the queries match in all (not just the page returned): bm25 ranks them all.
  for (const q of queries.slice(0, 50)) matching += (await store.search(q.q, { alternatives: q.alternatives, limit: 1000 })).length;
  await store.close();
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

  console.log(`articles ${N}`);
  console.log(`inserts_per_s ${(N / (insertMs / 1000)).toFixed(0)}`);
  console.log(`insert_cpu_ms_per_article ${((insertCpu.user + insertCpu.system) / 1000 / N).toFixed(3)}`);
  console.log(`raw_text_bytes_per_article ${(textBytes / N).toFixed(0)}`);
  console.log(`db_bytes_per_article ${(size / N).toFixed(0)}`);
  console.log(`search_queries ${QUERIES}`);
  console.log(`search_mean_hits ${(hits / QUERIES).toFixed(1)}`);
  console.log(`search_mean_matching_articles_capped_1000 ${(matching / 50).toFixed(0)}`);
  console.log(`search_p50_ms ${pct(times, 50).toFixed(2)}`);
  console.log(`search_p99_ms ${pct(times, 99).toFixed(2)}`);
  console.log(`search_cpu_p50_ms ${pct(cpuTimes, 50).toFixed(2)}`);
  console.log(`search_cpu_p99_ms ${pct(cpuTimes, 99).toFixed(2)}`);
  console.log(`loadavg_1min ${loadavg()[0]!.toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
