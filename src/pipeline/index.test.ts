import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { seedFiles } from '../../test/shared.ts';
import { createStore, type Store } from '../store/index.ts';
import { ingest, type IngestEvent } from './index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tinline-pipeline-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// 40 files: the seeds, articles recombined from their sentences, a copy (same id), binary and empty files.
const dir = join(tmp, 'in');
mkdirSync(dir);
const seeds = seedFiles().map((f) => readFileSync(f, 'utf8'));
const sentences = seeds.flatMap((t) => t.split(/(?<=[.!?])\s+/u).filter((x) => x.length > 40 && x.length < 400));
for (let i = 0; i < 37; i++) {
  const paragraphs = [0, 1, 2, 3].map((p) => [0, 1, 2].map((k) => sentences[(i * 7 + p * 3 + k * 11) % sentences.length]).join(' '));
  writeFileSync(join(dir, `${String(i).padStart(3, '0')}.txt`), i < seeds.length ? seeds[i]! : paragraphs.join('\n\n'));
}
writeFileSync(join(dir, '037.txt'), seeds[0]!);
writeFileSync(join(dir, '038.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
writeFileSync(join(dir, '039.txt'), '');
let runs = 0;

async function run(workers: number, wrap?: (s: Store) => Store) {
  // mainThreadHelps: false — once the threads are there, only they analyse.
  const db = join(tmp, `run${++runs}.db`);
  const store = await createStore(db);
  const events: string[] = [];
  const onEvent = (e: IngestEvent) => events.push(e.type === 'stored' ? `${e.type} ${e.article.id} ${e.inserted}` : e.type === 'failed' ? `failed ${e.error.code} ${e.error.origin}` : `skipped ${e.origin}`);
  const report = await ingest([dir], wrap ? wrap(store) : store, { workers, onEvent, mainThreadHelps: false });
  const analyses = [];
  for (const a of report.inserted) analyses.push(JSON.stringify([await store.getArticle(a.id).then((x) => ({ ...x, ingestedAt: null })), await store.getAnalysis(a.id)]));
  await store.close();
  return { report, events, analyses };
}

describe('ingest with worker threads', () => {
  it('stores the same articles and analyses, reports the same events in the same order, with 1 or 3 threads', async () => {
    const one = await run(1);
    const three = await run(3);
    assert.ok(one.report.inserted.length >= 30);
    assert.equal(one.report.existing.length, 38 - one.report.inserted.length);
    assert.deepEqual(one.report.failed.map((e) => e.code).sort(), ['INPUT_BINARY', 'INPUT_EMPTY']);
    assert.deepEqual(three.events, one.events);
    assert.deepEqual(three.analyses, one.analyses);
  });

  it("keep: 'refs' reports each stored article by id and origin only, the same ones", async () => {
    const full = await run(2);
    const store = await createStore(join(tmp, `run${++runs}.db`));
    const refs = await ingest([dir], store, { workers: 2, keep: 'refs' });
    await store.close();
    for (const [a, b] of [[refs.inserted, full.report.inserted], [refs.existing, full.report.existing]] as const) {
      assert.ok(a.every((r) => Object.keys(r).sort().join() === 'id,origin'));
      assert.deepEqual(a, b.map((x) => ({ id: x.id, origin: x.origin })));
    }
    assert.deepEqual(refs.failed.map((e) => e.code), full.report.failed.map((e) => e.code));
  });

  it('a store without putPrepared gets plain articles and analyses, and stores the same', async () => {
    // Only the Store interface: no putPrepared, so the threads send Article + Analysis.
    const plain = (s: Store): Store => ({
      putArticle: (a, an) => s.putArticle(a, an),
    }) as Partial<Store> as Store;
    const one = await run(1);
    const viaPlain = await run(2, plain);
    assert.deepEqual(viaPlain.events, one.events);
    assert.deepEqual(viaPlain.analyses, one.analyses);
  });
});
