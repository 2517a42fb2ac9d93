// The API in-process (app.request, no socket) over the seeds, and over an empty store for writes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, rebuild } from '../pipeline/index.ts';
import { createStore, type Store } from '../store/index.ts';
import { SEEDS_DIR } from '../../test/shared.ts';
import { cli, tempDir } from '../../test/helpers.ts';
import { createApp, isLoopback, startServer } from './index.ts';
import { openApiDocument } from './openapi.ts';
import { MAX_PAGE } from './schemas.ts';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const tmp = tempDir('tinline-serve-');
let seeds: Store;
let app: ReturnType<typeof createApp>;

async function getJson(path: string, a = app): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await a.request(path);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function expectError(path: string, status: number, code: string, init?: RequestInit, a = app): Promise<Json> {
  const res = await a.request(path, init);
  const body = (await res.json()) as Json;
  assert.equal(res.status, status, `${path}: ${JSON.stringify(body)}`);
  assert.equal(body.error?.code, code, `${path}: ${JSON.stringify(body)}`);
  assert.equal(typeof body.error.message, 'string');
  assert.doesNotMatch(JSON.stringify(body), /\n\s+at /, 'no stack trace');
  return body;
}

before(async () => {
  seeds = await createStore(join(tmp.dir, 'seeds.db'));
  const report = await ingest([SEEDS_DIR], seeds, { workers: 1 });
  assert.ok(report.inserted.length >= 5, 'the seeds went in');
  await rebuild(seeds);
  app = createApp(seeds, { webDir: null, log: () => {} });
});

after(async () => {
  await seeds?.close();
  tmp.cleanup();
});

describe('openapi', () => {
  it('lists every route the app answers', () => {
    const doc = openApiDocument() as Json;
    assert.equal(doc.openapi, '3.1.0');
    const routes = app.routes.filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL');
    assert.ok(routes.length >= 12);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      assert.ok(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path} is in /openapi.json`);
    }
  });

  it('is served at /openapi.json', async () => {
    const { status, body } = await getJson('/openapi.json');
    assert.equal(status, 200);
    assert.ok(body.paths['/api/search']);
  });
});

describe('articles', () => {
  it('lists, filters and pages', async () => {
    const all = await getJson('/api/articles');
    assert.equal(all.status, 200);
    assert.equal(all.body.total, 5);
    assert.equal(all.body.items.length, 5);
    const page = await getJson('/api/articles?limit=2&offset=1');
    assert.deepEqual(page.body.items.map((a: Json) => a.id), all.body.items.slice(1, 3).map((a: Json) => a.id));
    const vi = await getJson('/api/articles?language=vi');
    assert.equal(vi.body.total, 5);
    const none = await getJson('/api/articles?language=fr');
    assert.equal(none.body.total, 0);
    const from = await getJson('/api/articles?from=2024-11');
    assert.ok(from.body.total >= 1 && from.body.total < 5, `from=2024-11 keeps some: ${from.body.total}`);
    for (const a of from.body.items) assert.ok(a.published.value >= '2024-11');
  });

  it('filters by entity', async () => {
    const entities = await getJson('/api/entities?q=vuong%20nghi');
    const id = entities.body.items[0].id;
    const list = await getJson(`/api/articles?entity=${encodeURIComponent(id)}`);
    assert.ok(list.body.total >= 4);
  });

  it('rejects bad paging and filters with VALIDATION', async () => {
    await expectError(`/api/articles?limit=${MAX_PAGE + 1}`, 400, 'VALIDATION');
    await expectError('/api/articles?limit=-1', 400, 'VALIDATION');
    await expectError('/api/articles?limit=abc', 400, 'VALIDATION');
    await expectError('/api/articles?offset=1.5', 400, 'VALIDATION');
    await expectError('/api/articles?from=yesterday', 400, 'VALIDATION');
    await expectError('/api/articles?language=%3Cscript%3E', 400, 'VALIDATION');
  });

  it('gives one article with text, captions, removed lines with reasons, mentions and times', async () => {
    const list = await getJson('/api/articles?limit=100');
    const withCaption = list.body.items.find((a: Json) => a.origin.includes('004_')) ?? list.body.items[0];
    const { status, body } = await getJson(`/api/articles/${withCaption.id}`);
    assert.equal(status, 200);
    assert.ok(body.body.length > 0 && body.body.every((p: unknown) => typeof p === 'string'));
    assert.ok(body.removed.length > 0);
    for (const r of body.removed) assert.ok(typeof r.reason === 'string' && typeof r.text === 'string');
    assert.ok(Array.isArray(body.captions));
    assert.ok(body.mentions.length > 0);
    assert.ok(body.entities.length > 0);
    assert.ok(body.times.length > 0);
    assert.ok(body.published.label?.en, 'the publication date is labelled');
    // An id prefix works as on the command line.
    const byPrefix = await getJson(`/api/articles/${withCaption.id.slice(0, 8)}`);
    assert.equal(byPrefix.body.id, withCaption.id);
  });

  it('404s an unknown id and 400s a malformed one', async () => {
    await expectError('/api/articles/ffffffffffffffff', 404, 'NOT_FOUND');
    await expectError('/api/articles/%2E%2E%2Fetc', 400, 'VALIDATION');
    await expectError('/api/no-such-route', 404, 'NOT_FOUND');
  });
});

describe('search', () => {
  it('is diacritic-insensitive', async () => {
    const { status, body } = await getJson('/api/search?q=vuong%20nghi');
    assert.equal(status, 200);
    assert.ok(body.hits.length >= 4, `hits: ${body.hits.length}`);
    assert.ok(body.hits.some((h: Json) => h.snippet.includes('Vương Nghị')));
  });

  it('is entity-aware: Wang Yi also searches Vương Nghị', async () => {
    const { body } = await getJson(`/api/search?q=${encodeURIComponent('Wang Yi')}`);
    assert.ok(body.alternatives.includes('Vương Nghị'), JSON.stringify(body.alternatives));
    assert.ok(body.hits.length >= 4);
  });

  it('pages', async () => {
    const one = await getJson('/api/search?q=nga&limit=1');
    assert.equal(one.body.hits.length, 1);
    assert.equal(one.body.nextOffset, 1);
    const next = await getJson('/api/search?q=nga&limit=1&offset=1');
    assert.notEqual(next.body.hits[0].id, one.body.hits[0].id);
    await expectError('/api/search?q=nga&limit=1000', 400, 'VALIDATION');
  });

  it('needs q', async () => {
    const body = await expectError('/api/search', 400, 'VALIDATION');
    assert.match(body.error.message, /q/);
    await expectError('/api/search?q=%20%20', 400, 'VALIDATION');
  });
});

describe('entities', () => {
  it('lists by mentions and filters by name and type', async () => {
    const { body } = await getJson('/api/entities?limit=5');
    assert.equal(body.items.length, 5);
    for (let i = 1; i < body.items.length; i++) assert.ok(body.items[i - 1].mentions >= body.items[i].mentions);
    const people = await getJson('/api/entities?type=person&limit=100');
    assert.ok(people.body.items.every((e: Json) => e.type === 'person'));
    await expectError('/api/entities?type=alien', 400, 'VALIDATION');
  });

  it('gives an entity with every name, its mentions, articles and events', async () => {
    const list = await getJson(`/api/entities?q=${encodeURIComponent('Vương Nghị')}`);
    const found = list.body.items.find((e: Json) => e.aliases.includes('Vương Nghị'));
    assert.ok(found, 'an entity named Vương Nghị');
    const { status, body } = await getJson(`/api/entities/${encodeURIComponent(found.id)}`);
    assert.equal(status, 200);
    const names = [...body.names.map((n: Json) => n.text), ...body.aliases];
    assert.ok(names.includes('Vương Nghị'));
    assert.ok(names.includes('Wang Yi'), `names: ${names.join(', ')}`);
    assert.ok(body.mentions.length >= 4);
    assert.ok(body.articles.length >= 4);
    assert.ok(body.events.length >= 1);
    await expectError('/api/entities/no-such-entity', 404, 'NOT_FOUND');
  });
});

describe('events and stories', () => {
  it('lists events in date order, and a story\'s events', async () => {
    const { body } = await getJson('/api/events?limit=100');
    assert.ok(body.total >= 2);
    const known = body.items.map((e: Json) => e.date.value).filter((v: string | null) => v && !v.startsWith('XXXX'));
    assert.deepEqual(known, [...known].sort());
    const stories = await getJson('/api/stories');
    const story = stories.body.items[0];
    const ofStory = await getJson(`/api/events?story=${story.id}&limit=100`);
    assert.equal(ofStory.body.total, story.events);
    await expectError('/api/events?story=st-nope', 404, 'NOT_FOUND');
  });

  it('lists stories biggest first', async () => {
    const { body } = await getJson('/api/stories');
    assert.ok(body.items.length >= 1);
    for (let i = 1; i < body.items.length; i++) assert.ok(body.items[i - 1].articles >= body.items[i].articles);
  });

  it('gives a story with its timeline in time order, labelled at each date\'s precision', async () => {
    const stories = await getJson('/api/stories');
    const { status, body } = await getJson(`/api/stories/${stories.body.items[0].id}`);
    assert.equal(status, 200);
    assert.ok(body.summary.length > 0);
    const entries = body.timeline.entries;
    assert.ok(entries.length >= 2);
    const keys = entries.map((e: Json) => e.sortKey);
    assert.deepEqual(keys, [...keys].sort());
    for (const e of entries) {
      assert.ok(e.date.label.en && e.date.label.vi);
      if (e.date.precision === 'month') assert.match(e.date.label.en, /^[A-Z][a-z]{2} \d{4}$/);
      if (e.date.precision === 'year') assert.match(e.date.label.en, /^\d{4}$/);
      for (const s of e.sentences) assert.ok(body.articles.some((a: Json) => a.id === s.article), 'each sentence cites an article of the story');
    }
    const two = await getJson(`/api/stories/${stories.body.items[0].id}?dates=2&sentences=1`);
    assert.ok(two.body.timeline.entries.length <= 2);
    await expectError(`/api/stories/${stories.body.items[0].id}?dates=0`, 400, 'VALIDATION');
    await expectError('/api/stories/st-0000', 404, 'NOT_FOUND');
  });

  it('gives a timeline for a free query', async () => {
    const { body } = await getJson(`/api/timeline?q=${encodeURIComponent('Vương Nghị')}`);
    assert.ok(body.articles >= 4);
    assert.ok(body.timeline.entries.length >= 1);
    await expectError('/api/timeline', 400, 'VALIDATION');
    await expectError('/api/timeline?q=x&sentences=999', 400, 'VALIDATION');
  });
});

describe('export', () => {
  it('json is the versioned contract', async () => {
    const res = await app.request('/api/export?format=json');
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as Json;
    assert.equal(body.version, 1);
    assert.equal(body.articles.length, 5);
  });

  it('csv has one row per event', async () => {
    const events = await getJson('/api/events?limit=100');
    const res = await app.request('/api/export?format=csv');
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const text = await res.text();
    // Cells may hold quoted newlines; count the event ids instead of raw lines.
    const ids = [...text.matchAll(/,(ev-[0-9a-f]+)\r?$/gm)].map((m) => m[1]);
    assert.equal(ids.length, events.body.total);
    assert.match(text.split('\n')[0]!, /^date,precision,title/);
  });

  it('timelinejs has events with start_date.year', async () => {
    const res = await app.request('/api/export?format=timelinejs');
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as Json;
    assert.ok(body.events.length >= 1);
    for (const e of body.events) assert.equal(typeof e.start_date.year, 'number');
  });

  it('tilse closes each date with 32 dashes; md is markdown', async () => {
    const res = await app.request('/api/export?format=tilse');
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await res.text();
    assert.ok(text.split('\n').filter((l) => l === '-'.repeat(32)).length >= 1);
    const md = await app.request('/api/export?format=md');
    assert.match(md.headers.get('content-type') ?? '', /^text\/markdown/);
    assert.match(await md.text(), /^# /);
    await expectError('/api/export?format=xml', 400, 'VALIDATION');
  });
});

describe('hardening', () => {
  it('sends security headers with a strict CSP', async () => {
    const res = await app.request('/api/stories');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  it('hides unexpected errors behind INTERNAL', async () => {
    const broken = new Proxy(seeds, {
      get: (target, key) => (key === 'listStories' ? async () => { throw new Error('secret detail at /home/x'); } : Reflect.get(target, key, target).bind?.(target) ?? Reflect.get(target, key, target)),
    });
    const logged: string[] = [];
    const a = createApp(broken, { webDir: null, log: (l) => logged.push(l) });
    const body = await expectError('/api/stories', 500, 'INTERNAL', undefined, a);
    assert.doesNotMatch(body.error.message, /secret/);
    assert.ok(logged.some((l) => l.includes('secret')), 'logged on the server');
  });

  it('serves the built page, refuses paths outside it, and says when it is missing', async () => {
    const web = join(tmp.dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(web, 'assets', 'a.js'), 'console.log(1)');
    writeFileSync(join(tmp.dir, 'secret.html'), 'secret');
    const a = createApp(seeds, { webDir: web });
    const index = await a.request('/');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const js = await a.request('/assets/a.js');
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    for (const p of ['/../secret.html', '/%2e%2e/secret.html', '/assets/%2e%2e/%2e%2e/secret.html']) {
      const res = await a.request(p);
      assert.notEqual(await res.text(), 'secret', p);
    }
    const missing = await createApp(seeds, { webDir: join(tmp.dir, 'nope') }).request('/');
    assert.equal(missing.status, 503);
    assert.match(await missing.text(), /npm run build:web/);
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) assert.ok(isLoopback(h), h);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', '10.0.0.1', 'example.com']) assert.ok(!isLoopback(h), h);
  });

  it('refuses to listen beyond loopback without a token', async () => {
    await assert.rejects(startServer(seeds, { host: '0.0.0.0', port: 0 }), (e: Json) => e.code === 'USAGE');
    const r = await cli(['serve', '--host', '0.0.0.0', '--db', join(tmp.dir, 'x.db')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0 without a token/);
  });

  it('listens on loopback with a free port', async () => {
    const server = await startServer(seeds, { port: 0, webDir: null });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/api/health`);
      assert.equal(((await res.json()) as Json).articles, 5);
    } finally {
      await server.close();
    }
  });
});

describe('writes', () => {
  let empty: Store;
  const TOKEN = 'test-token-0123456789';
  const post = (a: ReturnType<typeof createApp>, body: string, headers: Record<string, string> = {}, path = '/api/articles') =>
    a.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const doc = (word: string) =>
    JSON.stringify({ title: `Hội nghị ${word}`, text: `Ngày 3/5/2024, tại Hà Nội, Bộ trưởng Nguyễn Văn An đã chủ trì hội nghị về ${word}. Hội nghị bàn về kế hoạch năm 2025 và các bước tiếp theo.`, published: '2024-05-03', source: 'Test' });

  before(async () => {
    empty = await createStore(join(tmp.dir, 'writes.db'));
  });
  after(async () => {
    await empty?.close();
  });

  it('needs the token when one is configured (and not for GET)', async () => {
    const a = createApp(empty, { token: TOKEN, webDir: null });
    await expectError('/api/articles', 401, 'UNAUTHORIZED', { method: 'POST', body: doc('x'), headers: { 'content-type': 'application/json' } }, a);
    await expectError('/api/articles', 401, 'UNAUTHORIZED', { method: 'POST', body: doc('x'), headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' } }, a);
    await expectError('/api/articles', 401, 'UNAUTHORIZED', { method: 'POST', body: doc('x'), headers: { 'content-type': 'application/json', authorization: TOKEN } }, a);
    assert.equal((await a.request('/api/articles')).status, 200);
    assert.equal((await empty.countArticles()), 0, 'nothing was stored');
  });

  it('refuses writes when a token is required but none is configured', async () => {
    const a = createApp(empty, { requireToken: true, webDir: null });
    await expectError('/api/articles', 401, 'UNAUTHORIZED', { method: 'POST', body: doc('x'), headers: { 'content-type': 'application/json', authorization: 'Bearer anything' } }, a);
  });

  it('ingests JSON, then search finds it (diacritics folded)', async () => {
    const a = createApp(empty, { token: TOKEN, webDir: null });
    const res = await post(a, doc('zyxwoblate'), { authorization: `Bearer ${TOKEN}` });
    const body = (await res.json()) as Json;
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.equal(body.inserted.length, 1);
    const again = await post(a, doc('zyxwoblate'), { authorization: `Bearer ${TOKEN}` });
    assert.equal(again.status, 200);
    assert.deepEqual(((await again.json()) as Json).existing, body.inserted);
    const found = await getJson('/api/search?q=zyxwoblate', a);
    assert.deepEqual(found.body.hits.map((h: Json) => h.id), body.inserted);
    const folded = await getJson(`/api/search?q=${encodeURIComponent('hoi nghi zyxwoblate')}`, a);
    assert.equal(folded.body.hits.length, 1);
    const article = await getJson(`/api/articles/${body.inserted[0]}`, a);
    assert.equal(article.body.title, 'Hội nghị zyxwoblate');
    assert.equal(article.body.source, 'Test');
    assert.ok((await getJson('/api/stories', a)).body.total >= 1, 'rebuilt into a story');
  });

  it('ingests an array and raw text/html bodies', async () => {
    const a = createApp(empty, { webDir: null });
    const arr = await post(a, `[${doc('alphaqux')},${doc('betaqux')}]`);
    assert.equal(((await arr.json()) as Json).inserted.length, 2);
    const html = await a.request('/api/articles?title=Trang%20HTML&published=2024-06-01', {
      method: 'POST',
      body: '<html><body><article><h1>Trang HTML</h1><p>Ngày 1/6/2024, đoàn gammaqux đã tới Đà Nẵng để dự hội thảo về kinh tế biển và du lịch.</p><p>Hội thảo kéo dài hai ngày với nhiều đại biểu quốc tế tham dự.</p></article></body></html>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    assert.equal(html.status, 201, await html.clone().text());
    assert.equal((await getJson('/api/search?q=gammaqux', a)).body.hits.length, 1);
  });

  it('validates what is posted', async () => {
    const a = createApp(empty, { webDir: null });
    const init = (body: string, type = 'application/json') => ({ method: 'POST', body, headers: { 'content-type': type } });
    await expectError('/api/articles', 400, 'INPUT_JSON', init('{not json'), a);
    await expectError('/api/articles', 400, 'VALIDATION', init('{}'), a);
    await expectError('/api/articles', 400, 'VALIDATION', init(JSON.stringify({ text: 'a', html: '<p>a</p>' })), a);
    await expectError('/api/articles', 400, 'VALIDATION', init(JSON.stringify({ text: 'abc', url: 'javascript:alert(1)' })), a);
    await expectError('/api/articles', 400, 'VALIDATION', init(JSON.stringify({ text: 'abc', published: 'tomorrow' })), a);
    await expectError('/api/articles', 400, 'VALIDATION', init(JSON.stringify({ text: 'abc', extra: 1 })), a);
    await expectError('/api/articles', 400, 'VALIDATION', init('[]'), a);
    await expectError('/api/articles', 415, 'INPUT_UNSUPPORTED', init('abc', 'application/octet-stream'), a);
    await expectError('/api/articles', 422, 'INPUT_EMPTY', init('   ', 'text/plain'), a);
  });

  it('limits the body size', async () => {
    const small = createApp(empty, { webDir: null, bodyLimit: 1000 });
    await expectError('/api/articles', 413, 'BODY_TOO_LARGE', { method: 'POST', body: JSON.stringify({ text: 'x'.repeat(2000) }), headers: { 'content-type': 'application/json' } }, small);
    const big = 'a '.repeat(3 * 1024 * 1024);
    await expectError('/api/articles', 413, 'BODY_TOO_LARGE', { method: 'POST', body: big, headers: { 'content-type': 'text/plain' } }, createApp(empty, { webDir: null }));
  });
});
