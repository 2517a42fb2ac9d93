// Where ingest's threads spend their time: first how long a pool thread takes to be ready (from
// `new Pool` to its 'ready', wall and process CPU), then one ingest of the synthetic plain-text
// corpus with N threads, the main thread's event-loop utilisation beside process CPU. For profiles:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/ingest-threads.ts [n=2000] [workers=2]
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingest } from '../src/pipeline/index.ts';
import { Pool } from '../src/pipeline/pool.ts';
import { createStore } from '../src/store/index.ts';
import { makeText } from './lib/ingest-corpus.ts';

const N = Number(process.argv[2] ?? 2000);
const WORKERS = Number(process.argv[3] ?? 2);
const root = mkdtempSync(join(tmpdir(), 'tinline-threads-'));
try {
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let pool: Pool | null = null;
    await new Promise<void>((ready) => (pool = new Pool(1, () => { if (pool?.ready) ready(); })));
    const c = process.cpuUsage(c0);
    console.log(`pool thread ready after ${(performance.now() - t0).toFixed(0)} ms, ${((c.user + c.system) / 1000).toFixed(0)} CPU ms${i ? '' : ' (first in this process: bundle checked or built)'}`);
    await pool!.close();
  }
  const dir = join(root, 'text');
  mkdirSync(dir);
  for (const [i, text] of makeText(N).entries()) writeFileSync(join(dir, `${String(i).padStart(6, '0')}.txt`), text);
  for (const run of [1, 2]) {
    const store = await createStore(join(root, `run${run}.db`));
    const e0 = performance.eventLoopUtilization();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await ingest([dir], store, { workers: WORKERS, keep: 'refs' });
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const e = performance.eventLoopUtilization(e0);
    await store.close();
    console.log(`run ${run}: ${report.inserted.length} stored in ${s.toFixed(2)} s = ${(report.inserted.length / s).toFixed(0)}/s, ` +
      `${((c.user + c.system) / 1000 / report.inserted.length).toFixed(2)} CPU ms/article, main thread busy ${(e.utilization * 100).toFixed(0)}%, load ${loadavg()[0]!.toFixed(2)}`);
    const t = report.threads!;
    console.log(`  analysed: ${t.mainDocs} main thread, ${t.poolDocs} pool; pool started at ${t.poolStartMs?.toFixed(0) ?? '—'} ms, first thread ready at ${t.firstReadyMs?.toFixed(0) ?? '—'} ms; pool threads busy ${t.poolBusy.map((b) => `${(b * 100).toFixed(0)}%`).join(' ') || '—'}`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
