// The job queue on a real PostgreSQL (test/pg.ts): three workers on one database end with the same
// articles, events and stories as one worker on another; a worker killed mid-job loses nothing; a
// burst of documents is rebuilt once, at its end.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { usePostgres } from '../../test/pg.ts';
import { cli } from '../../test/helpers.ts';
import { SEEDS_DIR, seedFiles } from '../../test/shared.ts';
import { readInputs } from '../read/index.ts';
import { createPostgresStore } from '../store/postgres.ts';
import type { RawDocument } from '../types.ts';
import PgBoss from 'pg-boss';
import { INGEST_QUEUE, enqueueDocuments, queueCounts, runWorker, type WorkerEvent, type WorkerSummary } from './index.ts';

const pgServer = usePostgres();

// Made-up reports: a few happenings, each told by several outlets in their own words.
const HAPPENINGS = [
  { what: 'Bão Hoa Mai đổ bộ vào Quảng Ninh', who: 'Ban chỉ đạo phòng chống thiên tai', where: 'Quảng Ninh', day: '14/9/2024', detail: 'gió giật cấp 12, hàng nghìn cây xanh bị quật đổ' },
  { what: 'Khánh thành cầu Sông Lam mới', who: 'Bộ Giao thông vận tải', where: 'Nghệ An', day: '2/10/2024', detail: 'cây cầu dài 1,2 km nối hai bờ sông Lam' },
  { what: 'Hội chợ nông sản quốc tế khai mạc', who: 'Bộ Nông nghiệp', where: 'Cần Thơ', day: '20/11/2024', detail: 'hơn 500 gian hàng của 12 quốc gia tham gia' },
  { what: 'Cháy kho hàng ở khu công nghiệp Tân Tạo', who: 'Cảnh sát phòng cháy chữa cháy', where: 'Thành phố Hồ Chí Minh', day: '5/12/2024', detail: 'đám cháy được khống chế sau bốn giờ' },
];
const OUTLETS = ['Báo Ví Dụ', 'Tin Mẫu', 'Nhật báo Thử'];

function madeUp(): RawDocument[] {
  const docs: RawDocument[] = [];
  HAPPENINGS.forEach((h, i) => {
    OUTLETS.forEach((outlet, k) => {
      const text = [
        `${h.what}`,
        `${outlet} - Ngày ${h.day}, ${h.who} cho biết ${h.what.toLowerCase()}, ${h.detail}.`,
        k === 0
          ? `Theo ${h.who}, công việc tại ${h.where} được triển khai khẩn trương từ sáng ${h.day}.`
          : k === 1
            ? `Tại ${h.where}, người dân theo dõi sát diễn biến; ${h.who} đã cử đoàn công tác đến hiện trường.`
            : `Đại diện ${h.who} nhấn mạnh sự việc ở ${h.where} sẽ tiếp tục được cập nhật trong những ngày tới.`,
      ].join('\n\n');
      docs.push({ origin: `madeup/${i}-${k}.txt`, format: 'text', text, given: {} });
    });
  });
  // The same report queued twice: stored once.
  docs.push({ ...docs[0]!, origin: 'madeup/again.txt' });
  return docs;
}

async function seedDocs(): Promise<RawDocument[]> {
  const docs: RawDocument[] = [];
  for await (const item of readInputs(seedFiles())) {
    assert.equal(item.ok, true, 'seed read');
    if (item.ok === true) docs.push(item.doc);
  }
  return docs;
}

const groups = (xs: { articles: string[] }[]) => xs.map((x) => [...x.articles].sort().join(',')).sort();

async function outcome(url: string) {
  const store = await createPostgresStore(url);
  try {
    return {
      ids: await store.articleIds(),
      events: groups(await store.listEvents()),
      stories: groups(await store.listStories()),
      entities: (await store.listEntities()).map((e) => e.id).sort(),
      duplicates: (await store.listArticles({ limit: 1000 })).filter((a) => a.duplicateOf).map((a) => a.id).sort(),
    };
  } finally {
    await store.close();
  }
}

const fast = { untilIdle: true, pollSeconds: 0.5, rebuildDelaySeconds: 1, maintenanceSeconds: 1 };

describe('job queue', () => {
  it('three workers store, relate and tell the same as one, nothing lost or doubled', async () => {
    const docs = [...madeUp(), ...(await seedDocs())];
    const many = await pgServer().newDatabase();
    const one = await pgServer().newDatabase();
    // Jobs of 4 documents here, so each of the three workers gets some.
    assert.equal(await enqueueDocuments(many, docs, { documentsPerJob: 4 }), docs.length);
    assert.equal(await enqueueDocuments(one, docs), docs.length);

    const events: WorkerEvent[] = [];
    const summaries: WorkerSummary[] = await Promise.all([1, 2, 3].map(() =>
      runWorker(many, { ...fast, onEvent: (e) => events.push(e) })));
    const single = await runWorker(one, fast);

    const distinct = docs.length - 1;
    const total = (key: keyof WorkerSummary) => summaries.reduce((n, s) => n + s[key], 0);
    assert.equal(total('stored'), distinct, 'each distinct article stored by exactly one worker');
    assert.equal(total('existing'), 1, 'the repeated report found already stored');
    assert.equal(total('failed'), 0);
    assert.ok(total('rebuilds') >= 1);
    assert.equal(single.stored, distinct);
    const stored = events.filter((e) => e.type === 'stored');
    assert.equal(new Set(stored.map((e) => `${e.job}/${e.doc}`)).size, docs.length, 'every document ran once');
    assert.equal(stored.length, docs.length, 'and only once');

    assert.deepEqual(await queueCounts(many), { ingest: 0, rebuild: 0, dead: 0 });
    const a = await outcome(many);
    if (process.env.TINLINE_TEST_VERBOSE) console.log(summaries, a);
    const b = await outcome(one);
    assert.equal(a.ids.length, distinct);
    assert.deepEqual(a.ids, b.ids, 'the same articles');
    assert.ok(a.stories.length > 0 && a.events.length > 0, 'a final rebuild ran');
    const inStories = new Set(a.stories.flatMap((s) => s.split(',')));
    assert.deepEqual([...inStories].sort(), a.ids, 'the last rebuild saw every article');
    assert.deepEqual(a.events, b.events, 'the same events');
    assert.deepEqual(a.stories, b.stories, 'the same stories');
    assert.deepEqual(a.entities, b.entities, 'the same entities');
    assert.deepEqual(a.duplicates, b.duplicates);
  });

  it('hands the job of a worker killed mid-job to another worker', async () => {
    const url = await pgServer().newDatabase();
    const [doc] = madeUp();
    await enqueueDocuments(url, [doc!], { expireInSeconds: 2, retryDelaySeconds: 0 });

    const here = fileURLToPath(new URL('.', import.meta.url));
    // The child blocks inside the job (after taking it, before storing) until it is killed.
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      const { runWorker } = await import(${JSON.stringify(join(here, 'index.ts'))});
      await runWorker(process.env.DB_URL, { pollSeconds: 0.5, onEvent: (e) => {
        if (e.type === 'started' && e.queue === 'ingest') {
          process.stdout.write('started\\n');
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);
        }
      } });
    `], { env: { ...process.env, DB_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_c, signal) => res(signal)));
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('started')) { child.kill('SIGKILL'); res(); }
      });
      child.on('exit', () => rej(new Error(`worker exited before taking the job: ${stderr}`)));
    });
    assert.equal(await exited, 'SIGKILL');
    const during = await createPostgresStore(url);
    assert.equal(await during.countArticles(), 0, 'the killed worker stored nothing');
    await during.close();

    const events: WorkerEvent[] = [];
    const summary = await runWorker(url, { ...fast, onEvent: (e) => events.push(e) });
    assert.equal(summary.stored, 1);
    const retried = events.find((e) => e.type === 'started' && e.queue === 'ingest');
    assert.ok(retried && retried.type === 'started' && retried.retry >= 1, 'the same job, retried');
    const store = await createPostgresStore(url);
    assert.equal(await store.countArticles(), 1);
    assert.ok((await store.listStories()).length >= 1, 'and rebuilt');
    await store.close();
    assert.deepEqual(await queueCounts(url), { ingest: 0, rebuild: 0, dead: 0 });
  });

  it('a burst of ingest jobs ends in one rebuild that sees every article', async () => {
    // Long enough (several polls) that a rebuild comes up while documents are still waiting.
    const docs = Array.from({ length: 5 }, (_, round) => madeUp().slice(0, -1)
      .map((d) => ({ ...d, origin: `${round}/${d.origin}`, text: `${d.text}\n\nCập nhật lần ${round + 1}.` }))).flat();
    const url = await pgServer().newDatabase();
    await enqueueDocuments(url, docs, { documentsPerJob: 1 });
    // A rebuild asked for after every document, with no delay: each comes up while ingest is pending.
    const summary = await runWorker(url, { ...fast, rebuildDelaySeconds: 0, batchSize: 1 });
    assert.equal(summary.stored, docs.length);
    assert.equal(summary.rebuilds, 1, 'one rebuild, after the last document');
    const a = await outcome(url);
    assert.deepEqual([...new Set(a.stories.flatMap((s) => s.split(',')))].sort(), a.ids, 'the rebuild saw every article');
    assert.deepEqual(await queueCounts(url), { ingest: 0, rebuild: 0, dead: 0 });
  });

  it('hands a document that fails inside a job of several on to a job of its own; the others are stored once', async () => {
    const url = await pgServer().newDatabase();
    await enqueueDocuments(url, []); // makes the queues
    const [a, b] = madeUp();
    const ingestedAt = '2025-01-01T00:00:00.000Z';
    const plain = (d: RawDocument) => ({ origin: d.origin, format: d.format, given: {}, text: d.text, ingestedAt });
    // Not valid deflate: reading it fails with an internal error (not one of the input's).
    const broken = { origin: 'broken.txt', format: 'text', given: {}, packed: 'AAAA', packedText: true, ingestedAt };
    const boss = new PgBoss({ connectionString: url, max: 1, schedule: false, supervise: false });
    await boss.start();
    // No retries: the handed-on job goes to the dead-letter queue on its first failure.
    await boss.insert([{ name: INGEST_QUEUE, data: { docs: [plain(a!), broken, plain(b!)] }, retryLimit: 0 }]);
    await boss.stop({ graceful: false, close: true });

    const events: WorkerEvent[] = [];
    const summary = await runWorker(url, { ...fast, onEvent: (e) => events.push(e) });
    assert.equal(summary.stored, 2);
    const failed = events.filter((e) => e.type === 'failed');
    assert.ok(failed.length >= 1 && failed.every((e) => e.origin === 'broken.txt'), 'only the broken document failed');
    assert.ok(failed.some((e) => e.type === 'failed' && e.doc === 1 && e.retrying), 'handed on, to run again');
    const handedOn = events.filter((e) => e.type === 'started' && e.origin === 'broken.txt').map((e) => (e as { job: string }).job);
    assert.equal(new Set(handedOn).size, 2, 'tried in its job, then in a job of its own');
    assert.equal(events.filter((e) => e.type === 'started' && e.origin !== 'broken.txt' && e.queue === 'ingest').length, 2, 'the others ran once');
    assert.deepEqual(await queueCounts(url), { ingest: 0, rebuild: 0, dead: 1 });
    const store = await createPostgresStore(url);
    assert.equal(await store.countArticles(), 2);
    await store.close();
  });

  it('runs from the command line: enqueue, worker --until-idle, then search and stories', async () => {
    const url = await pgServer().newDatabase();
    const queued = await cli(['enqueue', SEEDS_DIR, '--db', url]);
    assert.equal(queued.code, 0, queued.stderr);
    assert.match(queued.stdout, /^queued 5 documents/m);
    const worked = await cli(['worker', '--db', url, '--until-idle', '--quiet']);
    assert.equal(worked.code, 0, worked.stderr);
    assert.match(worked.stdout, /worker stopped: 5 stored, 0 already stored, 0 failed, [1-9]\d* rebuilds/);
    const again = await cli(['enqueue', ...seedFiles(), '--db', url]);
    assert.equal(again.code, 0, again.stderr);
    assert.match((await cli(['worker', '--db', url, '--until-idle', '--quiet'])).stdout, /0 stored, 5 already stored/);
    const store = await createPostgresStore(url);
    assert.equal(await store.countArticles(), 5);
    assert.ok((await store.listStories()).length >= 1);
    await store.close();
    const wrong = await cli(['worker', '--db', './tinline.db']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /USAGE: .*postgres:\/\//);
  });

  it('starts any number of processes at once on a new database', async () => {
    const url = await pgServer().newDatabase();
    const counts = await Promise.all(Array.from({ length: 4 }, () => queueCounts(url)));
    assert.deepEqual(counts, Array.from({ length: 4 }, () => ({ ingest: 0, rebuild: 0, dead: 0 })));
  });

  it('refuses a database that is not PostgreSQL', async () => {
    await assert.rejects(enqueueDocuments('./tinline.db', []), /postgres:\/\//);
    await assert.rejects(runWorker('./tinline.db'), /postgres:\/\//);
  });
});
