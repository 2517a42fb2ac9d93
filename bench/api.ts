// API throughput and latency: search and a story's timeline over HTTP on loopback (autocannon),
// beside the same requests in-process (app.request, no socket). The ratio is the server's overhead.
//   node --import tsx bench/api.ts [--db FILE] [--seconds 5]
// Without --db it ingests the seeds into a temporary database. The server runs as its own process
// (`tinline serve`), so autocannon does not share its event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingest, rebuild } from '../src/pipeline/index.ts';
import { spawn } from 'node:child_process';
import { createApp } from '../src/serve/index.ts';
import { createStore } from '../src/store/index.ts';
import { REPO_ROOT, SEEDS_DIR } from '../test/shared.ts';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}
// autocannon ships no types; this is the part used here.
const autocannon = ((await import('autocannon' as string)) as { default: (o: object) => Promise<CannonResult> }).default;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(arg('--seconds') ?? 5);
const given = arg('--db');
const tmp = given ? null : mkdtempSync(join(tmpdir(), 'tinline-bench-api-'));
const dbPath = given ?? join(tmp!, 'bench.db');
const store = await createStore(dbPath);
if (!given) {
  await ingest([SEEDS_DIR], store, { workers: 1 });
  await rebuild(store);
}

const app = createApp(store, { webDir: null, log: () => {} });
const stories = (await (await app.request('/api/stories?limit=1')).json()) as { items: { id: string; articles: number }[] };
if (!stories.items.length) throw new Error('no stories in the database');
const queries = [
  { name: 'search', path: `/api/search?q=${encodeURIComponent('vuong nghi')}&limit=20` },
  { name: 'story timeline', path: `/api/stories/${stories.items[0]!.id}` },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function inProcess(path: string): Promise<{ rps: number; p50: number; p99: number; n: number }> {
  const times: number[] = [];
  // Warm the caches the server would have warm too.
  for (let i = 0; i < 5; i++) await (await app.request(path)).arrayBuffer();
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    const t = performance.now();
    const res = await app.request(path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t);
  }
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { rps: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99), n: times.length };
}

async function overHttp(url: string, connections: number): Promise<{ rps: number; p50: number; p99: number; n: number; errors: number }> {
  const r = await autocannon({ url, connections, duration: SECONDS, pipelining: 1 });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, n: r.requests.total, errors: r.errors + r.non2xx + r.timeouts };
}

const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'tinline.js'), 'serve', '--db', dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const serverUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /at (http:\/\/[^/\s]+)\//.exec(out);
    if (m) resolve(m[1]!);
  });
  child.once('exit', (code) => reject(new Error(`tinline serve exited with ${code}`)));
});
const server = { url: serverUrl, close: async () => { child.kill('SIGTERM'); } };
console.log(`articles: ${await store.countArticles()}, stories: ${(await store.listStories()).length}, ${SECONDS}s per run, load ${loadavg()[0]!.toFixed(2)}`);
console.log('query            mode                 req/s    p50 ms   p99 ms  requests');
const row = (q: string, mode: string, r: { rps: number; p50: number; p99: number; n: number }) =>
  console.log(`${q.padEnd(16)} ${mode.padEnd(18)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ${String(r.n).padStart(9)}`);
try {
  for (const q of queries) {
    const local = await inProcess(q.path);
    row(q.name, 'in-process', local);
    const one = await overHttp(`${server.url}${q.path}`, 1);
    row(q.name, 'http c=1', one);
    const ten = await overHttp(`${server.url}${q.path}`, 10);
    row(q.name, 'http c=10', ten);
    if (one.errors || ten.errors) console.log(`  ${one.errors + ten.errors} errors or non-2xx over HTTP`);
    console.log(`  overhead (in-process req/s ÷ http c=1 req/s): ${(local.rps / one.rps).toFixed(2)}x; p50 ${local.p50.toFixed(2)} -> ${one.p50.toFixed(2)} ms`);
  }
} finally {
  await server.close();
  await store.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
