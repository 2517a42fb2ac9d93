// The one contract every Store passes (SQLite in sqlite.test.ts, PostgreSQL in postgres.test.ts).
// `open` must return a store over an EMPTY, migrated database each time it is called; `dispose`
// (default: close) tears it down. Articles are small made-up texts built by makeArticle. Some name
// people and places the way news writes them (Khương Vĩ, Peskov, Đà Nẵng) on purpose: they are test
// data for what every store must do with such names (fold diacritics both ways, find an entity's other
// spellings); no engine rule knows them.
//
// Behaviour pinned here that an implementation must match:
// - putArticle is insert-only: the same id again returns { inserted: false } and changes nothing
//   (not even the analysis passed with it).
// - getArticle takes a full id or a unique prefix of ≥ 4 characters; a prefix that fits several
//   articles throws TinlineError('USAGE', 'ambiguous id prefix …'); no match → null.
// - listArticles orders by published value (code point order, no value last), then id;
//   limit defaults to 100 and is capped at 1000; a malformed from/to → BAD_OPTION.
// - entities, events and stories list in the order they were put; links by article, mention.
// - putAnalysis / setDuplicate on an unknown article → NOT_FOUND.
// - putEntities / putStories leave exactly the given set, and write no row that is already stored
//   as given (counted by each store's test with triggers: `rowWrites`).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { TinlineError } from '../errors.ts';
import type { Analysis, Article, Entity, EntityLink, Story, StoryEvent } from '../types.ts';
import { LATEST_SCHEMA_VERSION } from './migrations.ts';
import type { Store } from './types.ts';

let counter = 0;

/** A small valid Article; the id is a hash of title and body unless given. */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  counter++;
  const title = overrides.title !== undefined ? overrides.title : `Bài viết số ${counter}`;
  const body = overrides.body ?? [`Nội dung ngắn của bài viết số ${counter}.`];
  const id = overrides.id ?? createHash('sha256').update(`${title}\n${body.join('\n\n')}`).digest('hex');
  return {
    id,
    origin: `test/${id.slice(0, 8)}.txt`,
    title,
    source: 'example.vn',
    language: 'vi',
    published: { value: '2024-11-12', precision: 'day', evidence: 'test fixture' },
    body,
    captions: [],
    removed: [],
    raw: [title ?? '', ...body].join('\n\n'),
    charset: 'utf-8',
    duplicateOf: null,
    ingestedAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  };
}

/**
 * Article number `i`, the same every time it is built (for tests that re-create what another
 * process wrote). About 6 KB of text, with a word (`maso<i>`) found in no other article.
 */
export function numberedArticle(i: number): Article {
  const para = (k: number) => `Đoạn ${k} của bài ${i}: Ngoại trưởng Khương Vĩ gặp đối tác ở Đà Nẵng, bàn về hợp tác kinh tế và an ninh khu vực. `.repeat(4);
  const body = [`Mã số maso${i}.`, ...Array.from({ length: 12 }, (_, k) => para(k))];
  const title = `Bài số ${i}`;
  return {
    id: createHash('sha256').update(`numbered ${i}`).digest('hex'),
    origin: `numbered/${i}.txt`,
    title,
    source: `nguon${i % 5}.vn`,
    language: 'vi',
    published: { value: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, precision: 'day', evidence: 'numbered' },
    body,
    captions: [`Ảnh ${i}`],
    removed: [{ text: 'Trang chủ', reason: 'navigation' }],
    raw: [title, ...body].join('\n\n'),
    charset: 'utf-8',
    duplicateOf: null,
    ingestedAt: '2025-01-01T00:00:00.000Z',
  };
}

function makeAnalysis(text: string): Analysis {
  return {
    language: 'vi',
    sentences: [{ start: 0, end: text.length, text }],
    tokens: [{ start: 0, end: 3, text: text.slice(0, 3) }],
    mentions: [{ start: 0, end: 3, surface: text.slice(0, 3), type: 'person', role: null, entity: null, sentence: 0 }],
    times: [{ start: 4, end: 9, surface: '12/11', value: '2024-11-12', precision: 'day', type: 'date', anchor: '2024-11-12', mod: null, sentence: 0 }],
    paragraphLanguages: ['vi'],
  };
}

// A little corpus: the same names written with and without marks, in two languages.
function corpus() {
  const jiangVi = makeArticle({
    title: 'Ngoại trưởng Khương Vĩ thăm Đà Nẵng',
    body: [
      'Ngoại trưởng Khương Vĩ đã đến Đà Nẵng hôm thứ Ba để dự hội nghị về hợp tác kinh tế.',
      'Theo ông Khương, hai bên nhất trí tăng cường trao đổi thương mại.',
    ],
    source: 'tin-a.vn',
    published: { value: '2024-11-12', precision: 'day', evidence: 'meta', kind: 'exact' },
  });
  const jiangPlain = makeArticle({
    title: 'Tin van tat',
    body: ['Ong khuong vi phat bieu tai ha noi ve quan he hai nuoc.'],
    source: 'tin-b.vn',
    published: { value: '2024-11-20', precision: 'day', evidence: 'header' },
  });
  const jiangEn = makeArticle({
    title: 'Jiang Wei meets ministers',
    body: ['Chinese foreign minister Jiang Wei met his counterparts on Tuesday to discuss trade.'],
    source: 'wire.example.com',
    language: 'en',
    published: { value: '2024-11', precision: 'month', evidence: 'dateline' },
  });
  const peskov = makeArticle({
    title: 'Peskov visits Guangzhou',
    body: ['Dmitry Peskov, secretary of the Security Council, arrived in Guangzhou for security talks.'],
    source: 'wire.example.com',
    language: 'en',
    published: { value: '2023-09-18', precision: 'day', evidence: 'dateline' },
  });
  const flood = makeArticle({
    title: 'Mưa lớn ở Huế',
    body: ['Mưa lớn kéo dài khiến nhiều tuyến đường ở Huế ngập sâu.'],
    published: { value: '2025', precision: 'year', evidence: 'footer' },
  });
  const noYear = makeArticle({
    title: 'Lễ hội pháo hoa',
    body: ['Lễ hội pháo hoa diễn ra vào tối 18/11.'],
    published: { value: 'XXXX-11-18', precision: 'day', evidence: 'text' },
  });
  const undated = makeArticle({
    title: 'Không rõ ngày',
    body: ['Bài này không có ngày đăng.'],
    published: { value: null, precision: null, evidence: null },
  });
  return { jiangVi, jiangPlain, jiangEn, peskov, flood, noYear, undated };
}

async function putAll(store: Store, articles: Article[]): Promise<void> {
  for (const a of articles) assert.equal((await store.putArticle(a)).inserted, true, `put ${a.title}`);
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof TinlineError && e.code === code);
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
const sorted = (xs: string[]) => [...xs].sort();

/** The tables whose rows `rowWrites` counts: what putEntities and putStories write. */
export const COUNTED_TABLES = ['entities', 'entity_links', 'events', 'stories'] as const;

/**
 * `rowWrites(store)`: how many rows of COUNTED_TABLES the database has inserted, updated or deleted
 * so far (each store's test counts them with triggers). Only differences between two calls are used.
 */
export function storeContract(
  name: string, open: () => Promise<Store>, dispose: ((s: Store) => Promise<void>) | undefined,
  rowWrites: (s: Store) => Promise<number>,
): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => { store = await open(); });
    afterEach(async () => { await (dispose ? dispose(store) : store.close()); });

    describe('schema', () => {
      it('is at the newest version, and migrate() is idempotent', async () => {
        assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
        await store.migrate();
        await store.migrate();
        assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
        const a = makeArticle();
        await store.putArticle(a);
        await store.migrate();
        assert.deepEqual(await store.getArticle(a.id), a);
      });
    });

    describe('articles', () => {
      it('round-trips an article whole, optional fields included', async () => {
        const a = makeArticle({
          captions: ['Ảnh: Bộ Ngoại giao.'],
          removed: [{ text: 'Trang chủ > Thế giới', reason: 'breadcrumb' }, { text: 'Hết', reason: 'end-mark' }],
          raw: 'Trang chủ > Thế giới\r\n\r\nNội dung…\tcó tab',
          charset: 'windows-1258',
          pageDates: [{ value: '2025-01-01', precision: 'day', evidence: 'Thứ Tư, 1/1/2025', kind: 'before' }],
          published: { value: '2024-11', precision: 'month', evidence: 'dòng đầu', kind: 'approximate' },
          source: null,
          language: null,
        });
        assert.deepEqual(await store.putArticle(a), { inserted: true, id: a.id });
        assert.deepEqual(await store.getArticle(a.id), a);
        assert.equal(await store.hasArticle(a.id), true);
        assert.equal(await store.hasArticle('0'.repeat(64)), false);
        assert.equal(await store.getArticle('0'.repeat(64)), null);
      });

      it('stores an id once: the same id again changes nothing', async () => {
        const a = makeArticle({ title: 'Bản gốc' });
        const analysis = makeAnalysis('Bản gốc');
        assert.deepEqual(await store.putArticle(a, analysis), { inserted: true, id: a.id });
        const again = { ...a, title: 'Bản sửa', body: ['Khác hẳn.'] };
        assert.deepEqual(await store.putArticle(again, makeAnalysis('Khác')), { inserted: false, id: a.id });
        assert.deepEqual(await store.getArticle(a.id), a);
        assert.deepEqual(await store.getAnalysis(a.id), analysis);
        assert.equal(await store.countArticles(), 1);
        assert.deepEqual(await store.search('khac hẳn'), [], 'the rejected copy is not indexed');
        assert.equal((await store.search('bản gốc')).length, 1);
      });

      it('finds an article by a unique id prefix of at least 4 characters', async () => {
        const a = makeArticle({ id: 'abcd1234ffff' });
        const b = makeArticle({ id: 'abcd5678ffff' });
        const c = makeArticle({ id: 'ef01ab' });
        await putAll(store, [a, b, c]);
        assert.equal((await store.getArticle('abcd12'))?.id, a.id);
        assert.equal((await store.getArticle('abcd5'))?.id, b.id);
        assert.equal((await store.getArticle('ef01'))?.id, c.id);
        assert.equal(await store.getArticle('ef0'), null, 'too short for a prefix');
        assert.equal(await store.getArticle('abce'), null);
        assert.equal(await store.getArticle('ffff'), null, 'a suffix is not a prefix');
        await assert.rejects(store.getArticle('abcd'), (e: unknown) =>
          e instanceof TinlineError && e.code === 'USAGE' && /ambiguous id prefix/.test(e.message));
      });

      it('lists in published order (no value last), then id, with every filter', async () => {
        const c = corpus();
        await putAll(store, Object.values(c));
        assert.deepEqual(ids(await store.listArticles()), ids([c.peskov, c.jiangEn, c.jiangVi, c.jiangPlain, c.flood, c.noYear, c.undated]));
        assert.deepEqual(ids(await store.listArticles({ source: 'wire.example.com' })), ids([c.peskov, c.jiangEn]));
        assert.deepEqual(ids(await store.listArticles({ language: 'en' })), ids([c.peskov, c.jiangEn]));
        assert.deepEqual(ids(await store.listArticles({ language: 'en', source: 'tin-a.vn' })), []);
        assert.deepEqual(ids(await store.listArticles({ source: 'nowhere' })), []);
        // Ranges compare on the value's prefix of the bound's length, inclusive.
        assert.deepEqual(ids(await store.listArticles({ from: '2024-11', to: '2024-11' })), ids([c.jiangEn, c.jiangVi, c.jiangPlain]));
        assert.deepEqual(ids(await store.listArticles({ from: '2024-11-13' })), ids([c.jiangPlain, c.flood]));
        assert.deepEqual(ids(await store.listArticles({ to: '2024-11-12' })), ids([c.peskov, c.jiangEn, c.jiangVi]));
        assert.deepEqual(ids(await store.listArticles({ from: '2024-11-12', to: '2024-11-12' })), ids([c.jiangVi]));
        assert.deepEqual(ids(await store.listArticles({ from: '2025', to: '2025' })), ids([c.flood]));
        assert.deepEqual(ids(await store.listArticles({ from: '2023' })), ids([c.peskov, c.jiangEn, c.jiangVi, c.jiangPlain, c.flood]),
          'unknown-year and undated articles never fall in a range');
        assert.deepEqual(ids(await store.listArticles({ to: '9999' })), ids([c.peskov, c.jiangEn, c.jiangVi, c.jiangPlain, c.flood]));
        assert.equal(await store.countArticles(), 7);
        assert.equal(await store.countArticles({ from: '2024', to: '2024', limit: 1 }), 3, 'count ignores limit');
        assert.equal(await store.countArticles({ language: 'vi' }), 5);
        await rejectsWith(store.listArticles({ from: 'yesterday' }), 'BAD_OPTION');
        await rejectsWith(store.countArticles({ to: '2024-1' }), 'BAD_OPTION');
        await rejectsWith(store.listArticles({ limit: -1 }), 'BAD_OPTION');
      });

      it('pages with limit and offset, default 100, at most 1000', async () => {
        const many = Array.from({ length: 1003 }, (_, i) => makeArticle({
          id: `p${String(i).padStart(5, '0')}`,
          published: { value: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, precision: 'day', evidence: null },
          raw: '',
        }));
        for (const a of many) await store.putArticle(a);
        const expected = [...many].sort((x, y) =>
          (x.published.value! < y.published.value! ? -1 : x.published.value! > y.published.value! ? 1 : 0) || (x.id < y.id ? -1 : 1));
        assert.equal((await store.listArticles()).length, 100);
        assert.equal((await store.listArticles({ limit: 5000 })).length, 1000);
        assert.equal((await store.listArticles({ limit: 0 })).length, 0);
        const page1 = ids(await store.listArticles({ limit: 10 }));
        const page2 = ids(await store.listArticles({ limit: 10, offset: 10 }));
        assert.deepEqual([...page1, ...page2], ids(expected.slice(0, 20)));
        assert.deepEqual(ids(await store.listArticles({ limit: 10, offset: 1000 })), ids(expected.slice(1000)));
        assert.equal(await store.countArticles(), 1003);
        assert.deepEqual(await store.articleIds(), sorted(ids(many)));
      });

      it('lists all ids in id order', async () => {
        const xs = [makeArticle({ id: 'c3' }), makeArticle({ id: 'a1' }), makeArticle({ id: 'b2' })];
        await putAll(store, xs);
        assert.deepEqual(await store.articleIds(), ['a1', 'b2', 'c3']);
      });

      it('marks and clears a duplicate', async () => {
        const a = makeArticle();
        const b = makeArticle();
        await putAll(store, [a, b]);
        await store.setDuplicate(b.id, a.id);
        assert.equal((await store.getArticle(b.id))?.duplicateOf, a.id);
        assert.equal((await store.getArticle(a.id))?.duplicateOf, null);
        await store.setDuplicate(b.id, null);
        assert.equal((await store.getArticle(b.id))?.duplicateOf, null);
        await rejectsWith(store.setDuplicate('nope-nope', a.id), 'NOT_FOUND');
      });
    });

    describe('analysis', () => {
      it('round-trips, replaces, and needs its article', async () => {
        const a = makeArticle();
        await store.putArticle(a);
        assert.equal(await store.getAnalysis(a.id), null);
        const first = makeAnalysis('Khương Vĩ nói 12/11');
        await store.putAnalysis(a.id, first);
        assert.deepEqual(await store.getAnalysis(a.id), first);
        const second = { ...makeAnalysis('Khác'), language: 'en' };
        await store.putAnalysis(a.id, second);
        assert.deepEqual(await store.getAnalysis(a.id), second);
        await rejectsWith(store.putAnalysis('missing-article', first), 'NOT_FOUND');
        assert.equal(await store.getAnalysis('missing-article'), null);
      });

      it('is stored with the article when given to putArticle', async () => {
        const a = makeArticle();
        const an = makeAnalysis('Đà Nẵng');
        await store.putArticle(a, an);
        assert.deepEqual(await store.getAnalysis(a.id), an);
      });
    });

    describe('search', () => {
      let c: ReturnType<typeof corpus>;
      beforeEach(async () => {
        c = corpus();
        await putAll(store, Object.values(c));
      });

      it('ignores diacritics both ways, đ included, and case', async () => {
        assert.deepEqual(sorted(ids(await store.search('khuong vi'))), sorted(ids([c.jiangVi, c.jiangPlain])));
        assert.deepEqual(sorted(ids(await store.search('Khương Vĩ'))), sorted(ids([c.jiangVi, c.jiangPlain])));
        assert.deepEqual(sorted(ids(await store.search('KHƯƠNG VĨ'))), sorted(ids([c.jiangVi, c.jiangPlain])));
        assert.deepEqual(ids(await store.search('da nang')), ids([c.jiangVi]));
        assert.deepEqual(ids(await store.search('ĐÀ NẴNG')), ids([c.jiangVi]));
        assert.deepEqual(ids(await store.search('Đà Nẵng')), ids([c.jiangVi]));
        // NFD input (marks as separate code points) is the same query.
        assert.deepEqual(ids(await store.search('Đà Nẵng'.normalize('NFD'))), ids([c.jiangVi]));
        assert.deepEqual(ids(await store.search('ha noi')), ids([c.jiangPlain]));
        assert.deepEqual(ids(await store.search('Hà Nội')), ids([c.jiangPlain]));
        assert.deepEqual(ids(await store.search('peskov')), ids([c.peskov]));
        assert.deepEqual(await store.search('zyxwvut'), []);
      });

      it('needs every word; quotes make a phrase', async () => {
        assert.deepEqual(ids(await store.search('khuong hợp tác')), ids([c.jiangVi]));
        assert.deepEqual(await store.search('khuong peskov'), [], 'words are ANDed');
        assert.deepEqual(sorted(ids(await store.search('"khuong vi"'))), sorted(ids([c.jiangVi, c.jiangPlain])));
        assert.deepEqual(await store.search('"vi khuong"'), [], 'a phrase keeps its order');
        assert.equal((await store.search('vi khuong')).length, 2, 'the same words unquoted match in any order');
        assert.deepEqual(ids(await store.search('"security council" guangzhou')), ids([c.peskov]));
        assert.deepEqual(await store.search('"security guangzhou"'), []);
        assert.deepEqual(ids(await store.search('“an ninh” OR “Peskov”')), [], 'curly quotes are quotes; OR is a word');
        assert.deepEqual(ids(await store.search('"đà nẵng')), ids([c.jiangVi]), 'an unclosed quote runs to the end');
      });

      it('ORs in alternatives, each as a phrase', async () => {
        assert.deepEqual(ids(await store.search('Jiang Wei')), ids([c.jiangEn]));
        assert.deepEqual(sorted(ids(await store.search('Jiang Wei', { alternatives: ['Khương Vĩ'] }))),
          sorted(ids([c.jiangEn, c.jiangVi, c.jiangPlain])));
        assert.deepEqual(sorted(ids(await store.search('zzzz', { alternatives: ['Khương Vĩ', 'Peskov'] }))),
          sorted(ids([c.jiangVi, c.jiangPlain, c.peskov])));
        assert.deepEqual(await store.search('zzzz', { alternatives: ['vi khuong'] }), [], 'an alternative is a phrase');
        assert.deepEqual(ids(await store.search('', { alternatives: ['Dmitry Peskov'] })), ids([c.peskov]));
      });

      it('never lets a query reach the query syntax', async () => {
        const hostile = [
          '', '   ', '"', '""', '"""', '*', '-', '+', '^', '(', ')', '()', ':', 'title:', 'body:khuong', '{title}: x',
          'OR', 'AND', 'NOT', 'NEAR', 'NEAR(', 'NEAR(a b, 3)', 'a OR', 'OR OR OR', '"a" AND', '* OR *', 'khuong*',
          "'; DROP TABLE articles; --", 'a\u0000b', '\\', '%', '_', '\ud800', '🙂🙂', '\u0301\u0301', 'x'.repeat(5000),
          Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '), '"' + 'nghị '.repeat(100) + '"', 'NOT khuong',
          '-khuong', 'khuong -vi', '(khuong OR peskov)', '$1', '?', '@x', '#', 'r\'s', '&|!<->', 'a & b | !c',
        ];
        for (const q of hostile) {
          const hits = await store.search(q, { alternatives: [q, '"', 'NEAR('] });
          assert.ok(Array.isArray(hits), `query ${JSON.stringify(q.slice(0, 40))}`);
        }
        for (const q of ['', '   ', '"', '"*-()', '*', '()', ':', '^', '-', '\\', '🙂🙂']) {
          assert.deepEqual(await store.search(q), [], `garbage ${JSON.stringify(q)} finds nothing`);
        }
        // Operators are words: `khuong*` is the word khuong, `-khuong` is khuong, `body:khuong` is two words.
        assert.equal((await store.search('khuong*')).length, 2);
        assert.equal((await store.search('-khuong')).length, 2);
        assert.equal((await store.search('(khuong OR peskov)')).length, 0, 'OR is not an operator: nothing has all three');
        assert.equal(await store.countArticles(), 7, 'nothing was dropped');
      });

      it('returns hits with fields, a snippet from the original text, best first', async () => {
        const [hit] = await store.search('khuong vi da nang');
        assert.ok(hit);
        assert.equal(hit.id, c.jiangVi.id);
        assert.equal(hit.title, c.jiangVi.title);
        assert.equal(hit.origin, c.jiangVi.origin);
        assert.equal(hit.published, '2024-11-12');
        assert.equal(typeof hit.score, 'number');
        assert.match(hit.snippet, /Khương Vĩ/, 'snippets keep the marks');

        const long = makeArticle({
          title: 'Dài',
          body: [
            'Đoạn mở đầu không liên quan gì cả, chỉ để kéo dài văn bản. '.repeat(12),
            'Chính phủ công bố kế hoạch chống lũ lụt mới cho miền Trung. ' + 'Câu cuối kéo dài thêm cho đủ. '.repeat(12),
          ],
        });
        await store.putArticle(long);
        const [h] = await store.search('lu lut');
        assert.equal(h?.id, long.id);
        assert.match(h.snippet, /lũ lụt/);
        assert.ok(h.snippet.startsWith('…') && h.snippet.endsWith('…'), h.snippet);
        assert.ok(h.snippet.length <= 170, `snippet of ${h.snippet.length} chars`);

        const dense = makeArticle({ title: 'Lũ lụt miền Trung', body: ['Lũ lụt, lũ lụt và lũ lụt: lũ lụt kéo dài.'] });
        await store.putArticle(dense);
        const ranked = await store.search('lũ lụt');
        assert.deepEqual(ids(ranked), ids([dense, long]), 'bm25: the article about floods first');
        assert.ok(ranked[0]!.score >= ranked[1]!.score, 'scores descend');
      });

      it('pages with limit and offset', async () => {
        const three = [makeArticle({ body: ['chung một từ khoá: sen.'] }), makeArticle({ body: ['sen hồng, sen trắng.'] }), makeArticle({ body: ['hoa sen nở.'] })];
        await putAll(store, three);
        const full = ids(await store.search('sen'));
        assert.deepEqual(sorted(full), sorted(ids(three)));
        const p1 = ids(await store.search('sen', { limit: 2 }));
        const p2 = ids(await store.search('sen', { limit: 2, offset: 2 }));
        assert.equal(p1.length, 2);
        assert.equal(p2.length, 1);
        assert.deepEqual(sorted([...p1, ...p2]), sorted(full));
        assert.deepEqual(await store.search('sen', { limit: 0 }), []);
        assert.deepEqual(await store.search('sen', { offset: 10 }), []);
        await rejectsWith(store.search('sen', { limit: -3 }), 'BAD_OPTION');
      });
    });

    describe('entities', () => {
      const khuong: Entity = {
        id: 'person:khuong-vi', type: 'person', name: 'Khương Vĩ',
        names: [{ text: 'Khương Vĩ', lang: 'vi' }, { text: 'Jiang Wei', lang: 'en' }, { text: '姜维', lang: 'zh', script: 'Hani' }],
        aliases: ['ông Khương'], keys: ['khuong vi', 'jiang wei'],
      };
      const peskov: Entity = {
        id: 'person:peskov', type: 'person', name: 'Dmitry Peskov',
        names: [{ text: 'Dmitry Peskov' }], aliases: ['Dmitri Peskov'], keys: ['tmtrpskf'],
      };
      const guangzhou: Entity = { id: 'location:guangzhou', type: 'location', name: 'Quảng Châu', names: [], aliases: [], keys: [] };

      it('round-trips, filters links, and filters articles by entity', async () => {
        const c = corpus();
        await putAll(store, Object.values(c));
        const links: EntityLink[] = [
          { article: c.jiangVi.id, mentionIndex: 0, entity: khuong.id, reason: 'same folded name' },
          { article: c.jiangEn.id, mentionIndex: 2, entity: khuong.id, reason: 'Sino-Vietnamese reading -> pinyin' },
          { article: c.jiangEn.id, mentionIndex: 0, entity: guangzhou.id, reason: 'CLDR name' },
          { article: c.peskov.id, mentionIndex: 1, entity: peskov.id, reason: 'phonetic key + role' },
          { article: c.peskov.id, mentionIndex: 3, entity: guangzhou.id, reason: 'CLDR name' },
        ];
        await store.putEntities([peskov, khuong, guangzhou], links);
        assert.deepEqual(await store.listEntities(), [peskov, khuong, guangzhou], 'in the order put');
        assert.deepEqual(await store.getEntity(khuong.id), khuong);
        assert.equal(await store.getEntity('person:nobody'), null);
        const byArticle = (l: EntityLink) => `${l.article}\u0000${String(l.mentionIndex).padStart(6, '0')}`;
        const sortLinks = (ls: EntityLink[]) => [...ls].sort((x, y) => (byArticle(x) < byArticle(y) ? -1 : 1));
        assert.deepEqual(await store.entityLinks(), sortLinks(links));
        assert.deepEqual(await store.entityLinks({ entity: khuong.id }), sortLinks(links.filter((l) => l.entity === khuong.id)));
        assert.deepEqual(await store.entityLinks({ article: c.peskov.id }), sortLinks(links.filter((l) => l.article === c.peskov.id)));
        assert.deepEqual(await store.entityLinks({ article: c.peskov.id, entity: guangzhou.id }), [links[4]]);
        assert.deepEqual(ids(await store.listArticles({ entity: khuong.id })), ids([c.jiangEn, c.jiangVi]));
        assert.deepEqual(ids(await store.listArticles({ entity: guangzhou.id })), ids([c.peskov, c.jiangEn]), 'each article once');
        assert.deepEqual(ids(await store.listArticles({ entity: guangzhou.id, language: 'en', from: '2024' })), ids([c.jiangEn]));
        assert.equal(await store.countArticles({ entity: guangzhou.id }), 2);
        assert.deepEqual(await store.listArticles({ entity: 'person:nobody' }), []);
      });

      it('replaces entities and links as a whole, atomically', async () => {
        const a = makeArticle();
        await store.putArticle(a);
        await store.putEntities([khuong, peskov], [{ article: a.id, mentionIndex: 0, entity: khuong.id, reason: 'r' }]);
        await store.putEntities([guangzhou], [{ article: a.id, mentionIndex: 1, entity: guangzhou.id, reason: 'r2' }]);
        assert.deepEqual(await store.listEntities(), [guangzhou]);
        assert.equal(await store.getEntity(khuong.id), null);
        assert.deepEqual(await store.entityLinks(), [{ article: a.id, mentionIndex: 1, entity: guangzhou.id, reason: 'r2' }]);
        assert.deepEqual(await store.listArticles({ entity: khuong.id }), []);
        // A failing replacement (the same id twice) leaves the previous set in place.
        await assert.rejects(store.putEntities([peskov, peskov], []));
        assert.deepEqual(await store.listEntities(), [guangzhou]);
        assert.equal((await store.entityLinks()).length, 1);
        await store.putEntities([], []);
        assert.deepEqual(await store.listEntities(), []);
        assert.deepEqual(await store.entityLinks(), []);
      });
    });

    describe('entities, written only where they changed', () => {
      const ent = (id: string, extra: Partial<Entity> = {}): Entity => ({
        id, type: 'person', name: `Tên ${id}`, names: [{ text: `Tên ${id}`, lang: 'vi' }], aliases: [], keys: [id], ...extra,
      });
      // The stores list links by article, mention and entity; the reason orders only this comparison.
      const byMention = (l: EntityLink) => `${l.article}\u0000${String(l.mentionIndex).padStart(6, '0')}\u0000${l.entity}\u0000${l.reason}`;
      const sortLinks = (ls: EntityLink[]) => [...ls].sort((x, y) => (byMention(x) < byMention(y) ? -1 : byMention(x) > byMention(y) ? 1 : 0));
      /** Everything a reader can see of entities and links. */
      const seen = async (given: Entity[]) => ({
        list: await store.listEntities(),
        each: await Promise.all(given.map((e) => store.getEntity(e.id))),
        links: await store.entityLinks(),
      });
      const put = async (entities: Entity[], links: EntityLink[]) => {
        const before = await rowWrites(store);
        await store.putEntities(entities, links);
        return (await rowWrites(store)) - before;
      };
      const check = async (entities: Entity[], links: EntityLink[]) => {
        assert.deepEqual(await store.listEntities(), entities, 'exactly the given entities, in the given order');
        for (const e of entities) assert.deepEqual(await store.getEntity(e.id), e);
        const stored = await store.entityLinks();
        assert.deepEqual(sortLinks(stored), sortLinks(links), 'exactly the given links');
        const listed = (ls: EntityLink[]) => ls.map((l) => byMention(l).slice(0, -l.reason.length));
        assert.deepEqual(listed(stored), listed(sortLinks(stored)), 'listed by article, mention, entity');
      };

      it('a second put with one entity changed, one removed, one added holds exactly the new set and writes those three', async () => {
        const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => ent(id));
        const links: EntityLink[] = [
          { article: 'art1', mentionIndex: 0, entity: 'a', reason: 'r' },
          { article: 'art1', mentionIndex: 1, entity: 'c', reason: 'r' },
          { article: 'art2', mentionIndex: 0, entity: 'd', reason: 'r' },
        ];
        await put([a!, b!, c!, d!], links);
        await check([a!, b!, c!, d!], links);
        const a2 = ent('a', { aliases: ['ông A'], names: [{ text: 'Tên a', lang: 'vi' }, { text: 'Name a', lang: 'en' }] });
        const e = ent('e', { type: 'location' });
        const next = [a2, c!, d!, e];
        assert.equal(await put(next, links), 3, 'one update, one delete, one insert');
        await check(next, links);
        assert.equal(await store.getEntity('b'), null);
        assert.deepEqual(ids(await store.listArticles({ entity: 'a' })), []);
      });

      it('a put of an identical set writes no row and changes nothing a reader sees', async () => {
        const c = corpus();
        await putAll(store, Object.values(c));
        const entities = ['x', 'y', 'z'].map((id) => ent(id));
        const links: EntityLink[] = [
          { article: c.jiangVi.id, mentionIndex: 2, entity: 'x', reason: 'r1' },
          { article: c.jiangVi.id, mentionIndex: 0, entity: 'y', reason: 'r2' },
          { article: c.peskov.id, mentionIndex: 0, entity: 'x', reason: 'r1' },
        ];
        await put(entities, links);
        const before = { ...(await seen(entities)), articles: ids(await store.listArticles({ entity: 'x' })) };
        // Equal content in new objects, and links in another order: still nothing to write.
        assert.equal(await put(structuredClone(entities), [...links].reverse().map((l) => ({ ...l }))), 0);
        assert.deepEqual({ ...(await seen(entities)), articles: ids(await store.listArticles({ entity: 'x' })) }, before);
        assert.equal(await put([], []), 6, 'then emptying deletes each row once');
        await check([], []);
        assert.equal(await put([], []), 0);
      });

      it('writes only the links of an article whose links changed, and keeps a link given twice twice', async () => {
        const entities = [ent('p'), ent('q')];
        const many = Array.from({ length: 20 }, (_, i): EntityLink => ({ article: `art${i}`, mentionIndex: 0, entity: 'p', reason: 'r' }));
        await put(entities, many);
        const changed = many.map((l, i) => (i === 7 ? { ...l, entity: 'q', reason: 'other' } : l));
        const writes = await put(entities, changed);
        assert.ok(writes >= 1 && writes <= 2, `one link re-written, ${writes} rows written`);
        await check(entities, changed);
        const twice = [...changed, { ...changed[3]! }, { article: 'art3', mentionIndex: 5, entity: 'q', reason: 'r' }];
        await put(entities, twice);
        await check(entities, twice);
        assert.equal((await store.entityLinks({ article: 'art3' })).length, 3);
        await put(entities, changed);
        await check(entities, changed);
      });

      it('keeps the given order with few writes: a row that moves, the first one removed, many put in one place', async () => {
        const base = Array.from({ length: 10 }, (_, i) => ent(`n${i}`));
        await put(base, []);
        const moved = [base[9]!, ...base.slice(0, 9)];
        assert.ok((await put(moved, [])) <= 2, 'one row moved');
        await check(moved, []);
        assert.equal(await put(moved.slice(1), []), 1, 'removing the first row shifts no other');
        await check(moved.slice(1), []);
        // Every put squeezes a new row just after the first: the room between two rows runs out.
        let list = moved.slice(1);
        for (let i = 0; i < 40; i++) {
          list = [list[0]!, ent(`wedge${i}`), ...list.slice(1)];
          await put(list, []);
          assert.deepEqual(ids(await store.listEntities()), ids(list), `after wedge ${i}`);
        }
        await check(list, []);
        assert.ok((await put([...list].reverse(), [])) < 2 * list.length + 1);
        await check([...list].reverse(), []);
      });

      it('ends with exactly the given set after many random changes', async () => {
        let seed = 7;
        const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
        const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
        let entities = Array.from({ length: 30 }, (_, i) => ent(`r${i}`));
        let links: EntityLink[] = [];
        let made = 30;
        for (let round = 0; round < 25; round++) {
          const next: Entity[] = [];
          for (const e of entities) {
            const r = rand();
            if (r < 0.1) continue;
            next.push(r < 0.2 ? { ...e, aliases: [...e.aliases, `a${round}`] } : e);
          }
          for (let k = Math.floor(rand() * 5); k > 0; k--) next.splice(Math.floor(rand() * (next.length + 1)), 0, ent(`r${made++}`));
          for (let k = Math.floor(rand() * 3); k > 0 && next.length > 1; k--) {
            const [m] = next.splice(Math.floor(rand() * next.length), 1);
            next.splice(Math.floor(rand() * (next.length + 1)), 0, m!);
          }
          entities = next;
          links = Array.from({ length: 40 }, (): EntityLink => ({
            article: `art${Math.floor(rand() * 8)}`, mentionIndex: Math.floor(rand() * 4), entity: pick(entities).id, reason: pick(['r1', 'r2']),
          }));
          await put(entities, links);
          await check(entities, links);
        }
      });

      it('a put that fails changes nothing', async () => {
        const entities = [ent('f1'), ent('f2')];
        const links: EntityLink[] = [{ article: 'art1', mentionIndex: 0, entity: 'f1', reason: 'r' }];
        await put(entities, links);
        const before = await rowWrites(store);
        await assert.rejects(store.putEntities([ent('f3'), { ...entities[0]!, name: 'khác' }, ent('f3')], []));
        assert.equal(await rowWrites(store), before);
        await check(entities, links);
      });
    });

    describe('events and stories', () => {
      const event = (id: string, value: string | null): StoryEvent => ({
        id,
        date: { value, precision: value ? 'day' : null, evidence: value ? `ngày ${value}` : null },
        title: `Sự kiện ${id}`,
        place: id === 'e1' ? 'Đà Nẵng' : null,
        actors: ['person:khuong-vi'],
        articles: ['a1', 'a2'],
        sentences: [{ article: 'a1', text: 'Khương Vĩ đến Đà Nẵng.', start: 0, end: 23 }],
        ...(id === 'e1' ? { summary: [{ article: 'a2', text: 'Cuộc gặp diễn ra.' }] } : {}),
      });
      const story = (id: string, events: string[]): Story => ({
        id, title: `Câu chuyện ${id}`, summary: 'Tóm tắt có dấu: Đà Nẵng.', events, articles: ['a1'], entities: ['person:khuong-vi'],
        ...(id === 's1' ? { summarySentences: [{ article: 'a1', text: 'Tóm tắt.' }] } : {}),
      });

      it('round-trips in the order put and replaces as a whole', async () => {
        const events = [event('e2', '2024-11-20'), event('e1', '2024-11-12'), event('e3', null)];
        const stories = [story('s2', ['e2']), story('s1', ['e1', 'e3'])];
        await store.putStories(events, stories);
        assert.deepEqual(await store.listEvents(), events);
        assert.deepEqual(await store.listStories(), stories);
        assert.deepEqual(await store.getStory('s1'), stories[1]);
        assert.equal(await store.getStory('s9'), null);

        await store.putStories([event('e4', '2025-01-01')], [story('s3', ['e4'])]);
        assert.deepEqual(ids(await store.listEvents()), ['e4']);
        assert.deepEqual(ids(await store.listStories()), ['s3']);
        assert.equal(await store.getStory('s1'), null);

        await assert.rejects(store.putStories([event('e5', null), event('e5', null)], []));
        assert.deepEqual(ids(await store.listEvents()), ['e4'], 'a failed replacement changes nothing');
        await store.putStories([], []);
        assert.deepEqual(await store.listEvents(), []);
        assert.deepEqual(await store.listStories(), []);
      });
      it('writes only what changed: an event that moves between stories, one changed, removed, added', async () => {
        const put = async (events: StoryEvent[], stories: Story[]) => {
          const before = await rowWrites(store);
          await store.putStories(events, stories);
          return (await rowWrites(store)) - before;
        };
        const check = async (events: StoryEvent[], stories: Story[]) => {
          assert.deepEqual(await store.listEvents(), events);
          assert.deepEqual(await store.listStories(), stories);
          for (const s of stories) assert.deepEqual(await store.getStory(s.id), s);
        };
        const events = [event('e1', '2024-11-12'), event('e2', '2024-11-20'), event('e3', '2024-12-01')];
        const stories = [story('s1', ['e1', 'e2']), story('s2', ['e3'])];
        assert.equal(await put(events, stories), 5);
        await check(events, stories);
        assert.equal(await put(structuredClone(events), structuredClone(stories)), 0, 'the same sets again write nothing');
        await check(events, stories);

        const moved = [story('s1', ['e1']), story('s2', ['e2', 'e3'])];
        assert.equal(await put(events, moved), 2, 'e2 moves from s1 to s2: two stories rewritten, no event');
        await check(events, moved);
        assert.equal(await store.getStory('s1').then((s) => s?.events.join()), 'e1');

        // e2 changes, e3 goes, e0 comes between e1 and e2 (date order): no other row moves.
        const e2 = { ...event('e2', '2024-11-21'), title: 'Sự kiện e2, sửa' };
        const e0 = event('e0', '2024-11-15');
        const events2 = [events[0]!, e0, e2];
        const stories2 = [story('s2', ['e2']), story('s1', ['e1', 'e0'])];
        const writes = await put(events2, stories2);
        assert.ok(writes <= 3 + 3, `3 events and at most 3 story rows written, got ${writes}`);
        await check(events2, stories2);
        assert.deepEqual((await store.listEvents()).map((e) => e.date.value), ['2024-11-12', '2024-11-15', '2024-11-21']);
        await check(events2, stories2);
        assert.equal(await put(events2, stories2), 0);
      });
    });

    describe('stage state', () => {
      it('round-trips bytes by name, replaces, and deletes', async () => {
        assert.equal(await store.getState('cluster'), null);
        const bytes = new Uint8Array([0, 1, 2, 254, 255, 0]);
        await store.putState('cluster', bytes);
        assert.deepEqual([...(await store.getState('cluster'))!], [...bytes]);
        await store.putState('cluster', new Uint8Array([7]));
        await store.putState('link', new Uint8Array(0));
        assert.deepEqual([...(await store.getState('cluster'))!], [7]);
        assert.deepEqual([...(await store.getState('link'))!], []);
        await store.putState('cluster', null);
        assert.equal(await store.getState('cluster'), null);
        assert.deepEqual([...(await store.getState('link'))!], [], 'other names untouched');
      });
    });
  });
}
