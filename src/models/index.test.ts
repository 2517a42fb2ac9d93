import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TinlineError } from '../errors.ts';
import { type TextModel, abstractiveSummary, embedTexts, loadModel, openAICompatible, summaryMessages } from './index.ts';

// A fake OpenAI-compatible server: canned answers, every request recorded, and per-path overrides
// so a test can make it fail, hang or talk nonsense.
interface Recorded { method: string; url: string; headers: IncomingMessage['headers']; body: any }
type Handler = (req: Recorded, res: ServerResponse) => void;

let server: Server;
let base: string;
const requests: Recorded[] = [];
const overrides = new Map<string, Handler>();

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const defaults: Record<string, Handler> = {
  '/v1/chat/completions': (req, res) =>
    json(res, 200, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      model: req.body.model,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '  A short   summary.\n' } }],
    }),
  // Answers in reverse order so the client must put vectors back by `index`.
  '/v1/embeddings': (req, res) =>
    json(res, 200, {
      object: 'list',
      model: req.body.model,
      data: (req.body.input as string[]).map((text, index) => ({ object: 'embedding', index, embedding: [text.length, index, 0.5] })).reverse(),
    }),
};

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try { body = JSON.parse(raw); } catch { /* recorded as text */ }
      const rec: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(rec);
      const handler = overrides.get(rec.url) ?? defaults[rec.url];
      if (handler) handler(rec, res);
      else json(res, 404, { error: { message: `no route ${rec.url}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests.length = 0;
  overrides.clear();
});

const sentences = [
  { article: 'a1', text: 'Bộ trưởng đã đến Hà Nội sáng thứ Hai.', start: 0, end: 38 },
  { article: 'a2', text: 'Hai bên ký ba thỏa thuận hợp tác.', start: 10, end: 43 },
];

async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof TinlineError, `expected a TinlineError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

describe('openAICompatible', () => {
  test('summarize posts an OpenAI chat request and returns the cleaned reply', async () => {
    const model = openAICompatible({ baseUrl: `${base}/`, apiKey: 'sk-test', model: 'tiny-chat' });
    assert.equal(model.embed, undefined);
    const text = await model.summarize!({ sentences, language: 'vi', maxWords: 40 });
    assert.equal(text, 'A short summary.');
    assert.equal(requests.length, 1);
    const [req] = requests;
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/v1/chat/completions');
    assert.equal(req!.headers.authorization, 'Bearer sk-test');
    assert.match(String(req!.headers['content-type']), /application\/json/);
    assert.equal(req!.body.model, 'tiny-chat');
    assert.equal(req!.body.messages.length, 2);
    assert.deepEqual(req!.body.messages.map((m: { role: string }) => m.role), ['system', 'user']);
    const [system, user] = req!.body.messages as { content: string }[];
    assert.match(system!.content, /Vietnamese \(vi\)/);
    assert.match(system!.content, /at most 40 words/);
    assert.match(system!.content, /only facts stated/);
    assert.match(user!.content, /\[1\] Bộ trưởng đã đến Hà Nội/);
    assert.match(user!.content, /\[2\] Hai bên ký/);
  });

  test('no key, no Authorization header', async () => {
    await openAICompatible({ baseUrl: base, model: 'm' }).summarize!({ sentences, language: 'en' });
    assert.equal(requests[0]!.headers.authorization, undefined);
  });

  test('a reasoning model’s <think> block is not part of the summary', async () => {
    overrides.set('/v1/chat/completions', (_req, res) =>
      json(res, 200, { choices: [{ message: { content: '<think>Let me see.\nOK.</think>\nHai bên ký ba thỏa thuận.' } }] }));
    const text = await openAICompatible({ baseUrl: base, model: 'm' }).summarize!({ sentences, language: 'vi' });
    assert.equal(text, 'Hai bên ký ba thỏa thuận.');
  });

  test('embed posts an OpenAI embeddings request, in batches, and restores the order', async () => {
    const model = openAICompatible({ baseUrl: base, apiKey: 'k', embedModel: 'tiny-embed', embedBatch: 2 });
    assert.equal(model.summarize, undefined);
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const vectors = await model.embed!(texts);
    assert.deepEqual(vectors.map((v) => v[0]), [1, 2, 3, 4, 5]);
    assert.deepEqual(requests.map((r) => r.url), ['/v1/embeddings', '/v1/embeddings', '/v1/embeddings']);
    assert.deepEqual(requests.map((r) => r.body.input), [['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    assert.ok(requests.every((r) => r.body.model === 'tiny-embed' && r.headers.authorization === 'Bearer k'));
  });

  test('HTTP 500 becomes MODEL_FAILED with the server’s reason and without the key', async () => {
    overrides.set('/v1/chat/completions', (_req, res) => json(res, 500, { error: { message: 'out of memory' } }));
    const model = openAICompatible({ baseUrl: base, apiKey: 'sk-secret', model: 'm' });
    await rejectsWith(model.summarize!({ sentences, language: 'en' }), 'MODEL_FAILED', /HTTP 500.*out of memory/);
    await model.summarize!({ sentences, language: 'en' }).catch((e: Error) => assert.doesNotMatch(e.message, /sk-secret/));
    assert.equal(new TinlineError('MODEL_FAILED').httpStatus, 502);
  });

  test('a server that never answers times out as MODEL_FAILED', async () => {
    overrides.set('/v1/embeddings', () => { /* never answers */ });
    const model = openAICompatible({ baseUrl: base, embedModel: 'e', timeoutMs: 50 });
    await rejectsWith(model.embed!(['x']), 'MODEL_FAILED', /no answer within 50 ms/);
  });

  test('a body that is not JSON, or JSON of the wrong shape, is MODEL_FAILED', async () => {
    const model = openAICompatible({ baseUrl: base, model: 'm', embedModel: 'e' });
    overrides.set('/v1/chat/completions', (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('<html>gateway</html>'); });
    await rejectsWith(model.summarize!({ sentences, language: 'en' }), 'MODEL_FAILED', /not JSON/);
    overrides.set('/v1/chat/completions', (_req, res) => json(res, 200, { choices: [] }));
    await rejectsWith(model.summarize!({ sentences, language: 'en' }), 'MODEL_FAILED', /no choices\[0\]\.message\.content/);
    overrides.set('/v1/chat/completions', (_req, res) => json(res, 200, { choices: [{ message: { content: ' <think>x</think> ' } }] }));
    await rejectsWith(model.summarize!({ sentences, language: 'en' }), 'MODEL_FAILED', /empty/);
    overrides.set('/v1/embeddings', (_req, res) => json(res, 200, { data: [{ index: 0, embedding: [1, 2] }] }));
    await rejectsWith(model.embed!(['x', 'y']), 'MODEL_FAILED', /asked for 2 embeddings, got 1/);
    overrides.set('/v1/embeddings', (_req, res) => json(res, 200, { data: [{ index: 0, embedding: 'AAAA' }] }));
    await rejectsWith(model.embed!(['x']), 'MODEL_FAILED', /not a list of numbers/);
    overrides.set('/v1/embeddings', (_req, res) => json(res, 200, { data: [{ index: 0, embedding: [1] }, { index: 0, embedding: [2] }] }));
    await rejectsWith(model.embed!(['x', 'y']), 'MODEL_FAILED', /out of place/);
  });

  test('nothing listening is MODEL_FAILED', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await rejectsWith(openAICompatible({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm' }).summarize!({ sentences, language: 'en' }), 'MODEL_FAILED', /ECONNREFUSED/);
  });

  test('bad options are refused when the model is made', () => {
    assert.throws(() => openAICompatible({ baseUrl: 'not a url', model: 'm' }), { code: 'BAD_OPTION' });
    assert.throws(() => openAICompatible({ baseUrl: 'file:///tmp/x', model: 'm' }), { code: 'BAD_OPTION' });
    assert.throws(() => openAICompatible({ baseUrl: base }), { code: 'BAD_OPTION' });
  });
});

describe('summaryMessages', () => {
  test('names the language, keeps unknown codes as they are, and numbers every sentence', () => {
    assert.match(summaryMessages({ sentences, language: 'en' })[0]!.content, /English \(en\)/);
    assert.match(summaryMessages({ sentences, language: 'xx-unknown!' })[0]!.content, /in xx-unknown!/);
    const user = summaryMessages({ sentences: [{ article: 'a', text: 'one\n two' }], language: 'fr' })[1]!.content;
    assert.match(user, /\[1\] one two/);
  });
});

describe('loadModel', () => {
  test('nothing configured: no model (the default)', () => {
    assert.equal(loadModel(undefined, {}), null);
    assert.equal(loadModel('', {}), null);
    assert.equal(loadModel(undefined, { TINLINE_MODEL_URL: '  ' }), null);
  });

  test('`none` switches a configured model off', () => {
    assert.equal(loadModel('none', { TINLINE_MODEL_URL: base, TINLINE_MODEL: 'm' }), null);
  });

  test('the environment configures summaries, embeddings or both', async () => {
    const chat = loadModel(undefined, { TINLINE_MODEL_URL: base, TINLINE_MODEL: 'chat-1', TINLINE_MODEL_KEY: 'sk-env' });
    assert.ok(chat?.summarize);
    assert.equal(chat.embed, undefined);
    assert.equal(chat.name, 'openai:chat-1');
    await chat.summarize({ sentences, language: 'vi' });
    assert.equal(requests[0]!.headers.authorization, 'Bearer sk-env');
    assert.equal(requests[0]!.body.model, 'chat-1');

    const both = loadModel(base, { TINLINE_MODEL: 'c', TINLINE_EMBED_MODEL: 'e' });
    assert.ok(both?.summarize && both.embed);
    const embedOnly = loadModel(undefined, { TINLINE_MODEL_URL: base, TINLINE_EMBED_MODEL: 'e' });
    assert.ok(embedOnly?.embed);
    assert.equal(embedOnly.summarize, undefined);
  });

  test('the spec overrides the URL from the environment', async () => {
    const model = loadModel(base, { TINLINE_MODEL_URL: 'http://127.0.0.1:1/v1', TINLINE_MODEL: 'm' });
    await model!.summarize!({ sentences, language: 'en' });
    assert.equal(requests.length, 1);
  });

  test('a half-made configuration is refused at start-up', () => {
    assert.throws(() => loadModel(undefined, { TINLINE_MODEL_URL: base }), { code: 'BAD_OPTION' });
    assert.throws(() => loadModel(undefined, { TINLINE_MODEL: 'm' }), { code: 'BAD_OPTION' });
    assert.throws(() => loadModel(undefined, { TINLINE_EMBED_MODEL: 'e' }), { code: 'BAD_OPTION' });
    assert.throws(() => loadModel('ftp://x', { TINLINE_MODEL: 'm' }), { code: 'BAD_OPTION' });
    assert.throws(() => loadModel(base, { TINLINE_MODEL: 'm', TINLINE_MODEL_TIMEOUT_MS: 'soon' }), { code: 'BAD_OPTION' });
    assert.throws(() => loadModel(base, { TINLINE_MODEL: 'm', TINLINE_MODEL_TIMEOUT_MS: '0' }), { code: 'BAD_OPTION' });
  });

  test('the timeout comes from the environment', async () => {
    overrides.set('/v1/chat/completions', () => { /* never answers */ });
    const model = loadModel(base, { TINLINE_MODEL: 'm', TINLINE_MODEL_TIMEOUT_MS: '40' });
    await rejectsWith(model!.summarize!({ sentences, language: 'en' }), 'MODEL_FAILED', /within 40 ms/);
  });
});

describe('abstractiveSummary', () => {
  test('no model: the extractive sentences, cited, with the reason', async () => {
    const result = await abstractiveSummary(null, sentences, 'vi');
    assert.equal(result.by, 'extractive');
    assert.equal(result.text, `${sentences[0]!.text} ${sentences[1]!.text}`);
    assert.deepEqual(result.cited, sentences);
    assert.equal(result.reason, 'no model configured');
  });

  test('a model: its text, still citing the sentences it was given (offsets kept)', async () => {
    const model = openAICompatible({ baseUrl: base, model: 'tiny-chat' });
    const result = await abstractiveSummary(model, sentences, 'vi', { maxWords: 30 });
    assert.equal(result.by, 'openai:tiny-chat');
    assert.equal(result.text, 'A short summary.');
    assert.deepEqual(result.cited, sentences);
    assert.equal(result.cited[1]!.start, 10);
    assert.equal(result.reason, undefined);
    assert.match(requests[0]!.body.messages[0].content, /at most 30 words/);
  });

  test('a failing model falls back to the cited extractive summary and says why', async () => {
    overrides.set('/v1/chat/completions', (_req, res) => json(res, 500, { error: 'boom' }));
    const logged: string[] = [];
    const result = await abstractiveSummary(openAICompatible({ baseUrl: base, model: 'm' }), sentences, 'vi', { log: (m) => logged.push(m) });
    assert.equal(result.by, 'extractive');
    assert.deepEqual(result.cited, sentences);
    assert.equal(result.text, `${sentences[0]!.text} ${sentences[1]!.text}`);
    assert.match(result.reason ?? '', /^MODEL_FAILED: .*HTTP 500/);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /MODEL_FAILED/);
  });

  test('a model that only embeds, a plain thrown error, or no sentences: the default', async () => {
    const embedOnly: TextModel = { name: 'e', embed: async (t) => t.map(() => [1]) };
    assert.match((await abstractiveSummary(embedOnly, sentences, 'en')).reason ?? '', /does not summarize/);
    const thrower: TextModel = { name: 't', summarize: async () => { throw new Error('socket hang up'); } };
    const thrown = await abstractiveSummary(thrower, sentences, 'en');
    assert.equal(thrown.by, 'extractive');
    assert.match(thrown.reason ?? '', /MODEL_FAILED.*socket hang up/);
    const blank: TextModel = { name: 'b', summarize: async () => '   ' };
    assert.match((await abstractiveSummary(blank, sentences, 'en')).reason ?? '', /empty summary/);
    let called = false;
    const spy: TextModel = { name: 's', summarize: async () => { called = true; return 'x'; } };
    const none = await abstractiveSummary(spy, [], 'en');
    assert.equal(called, false);
    assert.deepEqual({ text: none.text, cited: none.cited, by: none.by }, { text: '', cited: [], by: 'extractive' });
  });
});

describe('embedTexts', () => {
  test('null without a model that embeds', async () => {
    assert.equal(await embedTexts(null, ['a']), null);
    assert.equal(await embedTexts({ name: 'chat', summarize: async () => 'x' }, ['a']), null);
  });

  test('vectors from the endpoint, aligned with the texts', async () => {
    const vectors = await embedTexts(openAICompatible({ baseUrl: base, embedModel: 'e' }), ['x', 'yy']);
    assert.deepEqual(vectors, [[1, 0, 0.5], [2, 1, 0.5]]);
    assert.deepEqual(await embedTexts(openAICompatible({ baseUrl: base, embedModel: 'e' }), []), []);
  });

  test('a failing or misaligned model gives null and a log line, never a partial list', async () => {
    overrides.set('/v1/embeddings', (_req, res) => json(res, 503, { error: 'loading' }));
    const logged: string[] = [];
    assert.equal(await embedTexts(openAICompatible({ baseUrl: base, embedModel: 'e' }), ['x'], { log: (m) => logged.push(m) }), null);
    assert.match(logged[0] ?? '', /MODEL_FAILED.*HTTP 503/);
    const short: TextModel = { name: 'short', embed: async () => [[1]] };
    assert.equal(await embedTexts(short, ['a', 'b']), null);
  });
});
