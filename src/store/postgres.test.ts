// The store contract on PostgreSQL (a throwaway cluster from test/pg.ts, or TINLINE_TEST_PG),
// plus what only PostgreSQL has: many processes at once, connection errors, schema versions.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { usePostgres } from '../../test/pg.ts';
import { TinlineError } from '../errors.ts';
import { COUNTED_TABLES, makeArticle, numberedArticle, storeContract } from './contract.ts';
import { createStore } from './index.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SCHEMA_MIGRATIONS_DDL } from './migrations.ts';
import { createPostgresStore, tsvectorBinary, tsvectorFor } from './postgres.ts';
import { SEARCH_CANDIDATES } from './search.ts';
import type { Store } from './types.ts';

/** The server, or the reason there is none (every PostgreSQL test fails with it). */
const pgServer = usePostgres();

async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A numbered article with one short paragraph, for tests that store thousands. */
const oneParagraph = (i: number, body: string) => ({ ...numberedArticle(i), title: `Bài ${i}`, body: [body], raw: body });

const TABLES = 'articles, analyses, article_search, entities, entity_links, entity_link_sets, events, stories';

let counting = false;
/** Rows of COUNTED_TABLES inserted, updated or deleted, counted by triggers that the first call adds. */
async function rowWrites(): Promise<number> {
  const { url } = pgServer();
  if (!counting) {
    await sql(url, `
CREATE TABLE IF NOT EXISTS contract_row_writes (n BIGINT NOT NULL);
INSERT INTO contract_row_writes SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM contract_row_writes);
CREATE OR REPLACE FUNCTION contract_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contract_row_writes SET n = n + 1;
  RETURN NULL;
END $$;
${COUNTED_TABLES.map((t) => `CREATE OR REPLACE TRIGGER contract_writes AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION contract_count_write();`).join('\n')}`);
    counting = true;
  }
  return Number((await sql<{ n: string }>(url, 'SELECT n FROM contract_row_writes'))[0]!.n);
}

storeContract('postgres', async () => {
  const { url } = pgServer();
  const store = await createPostgresStore(url);
  await sql(url, `TRUNCATE ${TABLES}`);
  return store;
}, undefined, rowWrites);

function isCode(code: string, pattern?: RegExp) {
  return (e: unknown) => e instanceof TinlineError && e.code === code && (!pattern || pattern.test(e.message));
}

const here = fileURLToPath(new URL('.', import.meta.url));

function runChild(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('postgres store', () => {
  it('is what createStore opens for a postgres:// URL', async () => {
    const store = await createStore(pgServer().url);
    assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
    await store.close();
    await store.close();
    await assert.rejects(store.countArticles(), isCode('STORE_FAILED'));
  });

  it('stores a batch in one call: results in order, an id given twice stored once, analyses read back whole', async () => {
    const url = await pgServer().newDatabase();
    const store = await createPostgresStore(url);
    try {
      const [a, b, c] = [0, 1, 2].map((i) => numberedArticle(i));
      const analysisOf = (x: typeof a) => {
        const text = x!.body.join('\n\n');
        const end = text.indexOf(' ') > 0 ? text.indexOf(' ') : text.length;
        return { language: 'vi', sentences: [{ start: 0, end: text.length, text }], tokens: [{ start: 0, end, text: text.slice(0, end) }], mentions: [], times: [] };
      };
      assert.deepEqual(await store.putArticle(b!), { inserted: true, id: b!.id });
      const results = await store.putArticles([
        { article: a!, analysis: analysisOf(a) as never },
        { article: b! },
        { article: a!, analysis: analysisOf(a) as never },
        { article: c!, analysis: analysisOf(c) as never },
      ]);
      assert.deepEqual(results.map((r) => [r.id, r.inserted]), [[a!.id, true], [b!.id, false], [a!.id, false], [c!.id, true]]);
      assert.deepEqual(await store.putArticles([]), []);
      assert.equal(await store.countArticles(), 3);
      assert.deepEqual(await store.getArticle(c!.id), c);
      assert.deepEqual(await store.getAnalysis(a!.id), analysisOf(a));
      const [row] = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM article_search');
      assert.equal(Number(row!.n), 3, 'one index row per article');
      // Stored compactly: the spans' text is not repeated in the row.
      const [stored] = await sql<{ data: string }>(url, 'SELECT data FROM analyses WHERE article_id = $1', [c!.id]);
      assert.ok(!stored!.data.includes(c!.body[1]!.slice(0, 40)), 'span text not stored twice');
    } finally {
      await store.close();
    }
  });

  it('stores more articles than one statement takes parameters for, in order, each once', async () => {
    const url = await pgServer().newDatabase();
    const store = await createPostgresStore(url);
    try {
      // 65535 parameters per statement, 19 per article: past 3449 the call spans statements.
      const small = (i: number) => ({ ...numberedArticle(i), body: [`Bài ${i}.`], raw: `Bài ${i}.` });
      const articles = Array.from({ length: 3500 }, (_, i) => small(i));
      const results = await store.putArticles([...articles, articles[70]!].map((article) => ({ article })));
      assert.equal(results.length, 3501);
      assert.deepEqual(results.slice(0, 3500).map((r) => [r.id, r.inserted]), articles.map((a) => [a.id, true]));
      assert.deepEqual(results[3500], { id: articles[70]!.id, inserted: false });
      const [row] = await sql<{ n: string; s: string }>(url, 'SELECT count(*) AS n, (SELECT count(*) FROM article_search) AS s FROM articles');
      assert.deepEqual([Number(row!.n), Number(row!.s)], [3500, 3500]);
      // A batch of a size not seen before on this connection, and one of a size seen before.
      const more = [3500, 3501, 3502].map((i) => small(i));
      assert.deepEqual((await store.putArticles(more.map((article) => ({ article })))).map((r) => r.inserted), [true, true, true]);
      assert.deepEqual((await store.putArticles(more.map((article) => ({ article })))).map((r) => r.inserted), [false, false, false]);
      assert.deepEqual(await store.getArticle(more[2]!.id), more[2]);
    } finally {
      await store.close();
    }
  });

  it('stores each id once when two stores insert the same ids at the same time', async () => {
    const url = await pgServer().newDatabase();
    const [s1, s2] = await Promise.all([createPostgresStore(url), createPostgresStore(url)]);
    const articles = Array.from({ length: 120 }, (_, i) => numberedArticle(i));
    const results = await Promise.all([s1, s2].map((s, k) =>
      Promise.all((k ? [...articles].reverse() : articles).map((a) => s.putArticle(a)))));
    const insertedPerId = new Map<string, number>();
    for (const r of results.flat()) insertedPerId.set(r.id, (insertedPerId.get(r.id) ?? 0) + (r.inserted ? 1 : 0));
    assert.equal(insertedPerId.size, articles.length);
    for (const [id, n] of insertedPerId) assert.equal(n, 1, `article ${id} reported inserted once`);
    assert.equal(await s1.countArticles(), articles.length);
    const [row] = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM article_search');
    assert.equal(Number(row!.n), articles.length, 'one index row per article');
    assert.deepEqual(await s2.getArticle(articles[7]!.id), articles[7]);
    assert.deepEqual((await s2.search('maso7')).map((h) => h.id), [articles[7]!.id]);
    await Promise.all([s1.close(), s2.close()]);
  });

  it('migrates a new database from several processes at once', async () => {
    const url = await pgServer().newDatabase();
    const script = `
      const { createPostgresStore } = await import(${JSON.stringify(join(here, 'postgres.ts'))});
      const store = await createPostgresStore(process.env.DB_URL);
      await store.migrate();
      process.stdout.write(String(await store.schemaVersion()));
      await store.close();
    `;
    const runs = await Promise.all([1, 2, 3].map(() => runChild(script, { DB_URL: url })));
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, String(LATEST_SCHEMA_VERSION));
    }
    const rows = await sql<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version), 'each migration recorded once');
  });

  it('brings an older database up to date and keeps its data', async () => {
    const url = await pgServer().newDatabase();
    await sql(url, SCHEMA_MIGRATIONS_DDL);
    await sql(url, MIGRATIONS[0]!.postgres);
    await sql(url, "INSERT INTO schema_migrations VALUES (1, 'first', 'then')");
    await sql(url, "INSERT INTO entities (position, id, type, name, data) VALUES (0, 'e', 'person', 'E', $1)",
      [JSON.stringify({ id: 'e', type: 'person', name: 'E', names: [], aliases: [], keys: [] })]);
    const store = await createPostgresStore(url);
    assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
    assert.equal((await store.listEntities())[0]?.id, 'e');
    const a = makeArticle({ title: 'Đà Nẵng mùa mưa' });
    await store.putArticle(a);
    assert.deepEqual((await store.search('da nang')).map((h) => h.id), [a.id]);
    await store.close();
  });

  it('gives the search vectors of a database from before migration 7 their articles\' order', async () => {
    const url = await pgServer().newDatabase();
    let store = await createPostgresStore(url);
    const articles = [0, 1, 2].map((i) => numberedArticle(i));
    for (const a of articles) await store.putArticle(a);
    await store.close();
    await sql(url, 'ALTER TABLE article_search DROP COLUMN seq');
    // Later migrations are undone too, so that they apply again (10: content hashes).
    await sql(url, 'DROP TABLE entity_link_sets; ALTER TABLE entities DROP COLUMN hash; ALTER TABLE events DROP COLUMN hash; ALTER TABLE stories DROP COLUMN hash');
    await sql(url, 'DELETE FROM schema_migrations WHERE version >= 7');
    store = await createPostgresStore(url);
    try {
      const rows = await sql<{ same: boolean }>(url, 'SELECT s.seq = a.seq AS same FROM article_search s JOIN articles a ON a.id = s.article_id');
      assert.deepEqual(rows.map((r) => r.same), [true, true, true]);
      assert.equal((await store.search('maso1')).map((h) => h.id)[0], articles[1]!.id);
      assert.equal((await store.search('Khương Vĩ', { limit: 10 })).length, 3);
    } finally {
      await store.close();
    }
  });

  it('ranks only the newest matches, as SQLite does (older ones are found when asked by rarer words)', async () => {
    const url = await pgServer().newDatabase();
    const store = await createPostgresStore(url);
    try {
      // The oldest article is about the query word far more than any other, so ranking every match would
      // put it first; it is older than the newest SEARCH_CANDIDATES matches, so it is not ranked.
      const oldest = oneParagraph(0, 'lũ lụt lũ lụt lũ lụt lũ lụt ở miền Trung, cũ nhất.');
      const others = Array.from({ length: SEARCH_CANDIDATES }, (_, i) => oneParagraph(i + 1, `Tin ${i + 1} về nhiều chuyện, có nói đến lũ một lần và rất nhiều chuyện khác nữa trong ngày.`));
      await store.putArticles([oldest, ...others].map((article) => ({ article })));
      const hits = await store.search('lũ', { limit: 100 });
      assert.equal(hits.length, 100);
      assert.ok(!hits.some((h) => h.id === oldest.id), 'the oldest match is beyond the newest candidates');
      assert.deepEqual((await store.search('miền Trung')).map((h) => h.id), [oldest.id]);
    } finally {
      await store.close();
    }
  });

  it('finds a rare phrase of common words in an old article, among thousands that have both words', async () => {
    const url = await pgServer().newDatabase();
    const store = await createPostgresStore(url);
    try {
      const oldest = oneParagraph(0, 'Hai nước ký thỏa thuận hợp tác kinh tế.');
      // Newer articles hold both words, never side by side: more of them than search ranks.
      const others = Array.from({ length: 4 * SEARCH_CANDIDATES + 50 }, (_, i) => oneParagraph(i + 1, `Tin ${i + 1}: tác giả nói về hợp đồng.`));
      await store.putArticles([oldest, ...others].map((article) => ({ article })));
      assert.deepEqual((await store.search('"hợp tác"')).map((h) => h.id), [oldest.id]);
      assert.equal((await store.search('hợp tác', { limit: 5 })).length, 5);
    } finally {
      await store.close();
    }
  });

  it('searches window by window (32,768 articles each), newest first, and finds matches in every window', async () => {
    const url = await pgServer().newDatabase();
    const store = await createPostgresStore(url);
    try {
      // Start near the end of window 0, so 20 articles span windows 0 and 1.
      const [seqName] = await sql<{ name: string }>(url, "SELECT pg_get_serial_sequence('articles', 'seq') AS name");
      await sql(url, `ALTER SEQUENCE ${seqName!.name} RESTART WITH 32760`);
      const articles = Array.from({ length: 20 }, (_, i) => numberedArticle(i));
      for (const a of articles) await store.putArticle(a);
      const [w1] = await sql<{ n: string }>(url, "SELECT count(*) AS n FROM article_search WHERE tsv @@ '_w1'::tsquery");
      assert.equal(Number(w1!.n), 12, 'seq 32768…32779 are window 1');
      assert.deepEqual((await store.search('maso3')).map((h) => h.id), [articles[3]!.id]);
      assert.deepEqual((await store.search('maso15')).map((h) => h.id), [articles[15]!.id]);
      assert.equal((await store.search('Khương Vĩ', { limit: 20 })).length, 20);
      assert.equal((await store.search('"hợp tác kinh tế"', { limit: 20 })).length, 20);
      assert.deepEqual(await store.search('w1'), [], 'a window name is no word');
    } finally {
      await store.close();
    }
  });

  it('refuses a database from a newer Tinline', async () => {
    const url = await pgServer().newDatabase();
    await (await createPostgresStore(url)).close();
    await sql(url, 'INSERT INTO schema_migrations VALUES ($1, $2, $3)', [LATEST_SCHEMA_VERSION + 1, 'from the future', 'later']);
    await assert.rejects(createPostgresStore(url), isCode('STORE_SCHEMA', new RegExp(`version ${LATEST_SCHEMA_VERSION + 1}`)));
  });

  it('reports an unreachable server or a missing database in one line, without the password', async () => {
    const u = new URL(pgServer().url);
    const closedPort = `postgres://someone:s3cret@127.0.0.1:1/${u.pathname.slice(1)}`;
    await assert.rejects(createPostgresStore(closedPort), (e: unknown) =>
      isCode('STORE_UNAVAILABLE', /cannot reach PostgreSQL at postgres:\/\/someone@127\.0\.0\.1:1\//)(e)
      && !/s3cret/.test((e as Error).message) && !(e as Error).message.includes('\n'));
    u.pathname = '/tinline_no_such_database';
    await assert.rejects(createPostgresStore(u.toString()), isCode('STORE_OPEN', /does not exist/));
  });

  it('indexes the same tokens as the SQLite index, with title positions apart from the body', () => {
    assert.equal(tsvectorFor('Đà Nẵng', 'ĐÀ nẵng, e-mail 12/11'), "'da':1A,4 'nang':2A,5 'e':6 'mail':7 '12':8 '11':9");
    assert.equal(tsvectorFor('', ''), '');
    assert.equal(tsvectorFor("it's", 'a\\b'), "'it':1A 's':2A 'a':4 'b':5");
  });

  it('sends the same tsvector in binary form as its literal reads as', async () => {
    const url = pgServer().url;
    const many = Array.from({ length: 20000 }, (_, i) => `tu${i % 500}`).join(' ');
    const cases: [string, string][] = [
      ['Đà Nẵng', 'ĐÀ nẵng, e-mail 12/11'],
      ['', ''],
      ["it's", 'a\\b'],
      // Past position 16383 (clamped, one position), past 256 positions per lexeme, the same
      // word in title and body at the clamp, a lexeme past 2 KB, and orders a sort must settle.
      ['tu3 ' + 'y '.repeat(17000) + 'tu3', many + ' tu3 tu3'],
      ['x'.repeat(5000), 'zz z zzz ä a ă â b ab aa ' + 'ẞ'.repeat(700)],
      // More distinct lexemes than the 1 MB a tsvector holds.
      ['', Array.from({ length: 130000 }, (_, i) => `w${i.toString(36).padStart(7, '0')}`).join(' ')],
    ];
    for (const [title, body] of cases) {
      const [row] = await sql<{ same: boolean; n: number }>(url, 'SELECT $1::tsvector = $2::tsvector AS same, length($1::tsvector) AS n', [tsvectorBinary(title, body), tsvectorFor(title, body)]);
      assert.equal(row!.same, true, `${title.slice(0, 20)} / ${body.slice(0, 20)}`);
    }
  });

  it('takes long and odd text that PostgreSQL limits', async () => {
    const store: Store = await createPostgresStore(await pgServer().newDatabase());
    const long = makeArticle({ title: 'x'.repeat(5000), body: [Array.from({ length: 20000 }, (_, i) => `tu${i % 500}`).join(' ') + ' cuoicung'] });
    assert.equal((await store.putArticle(long)).inserted, true);
    // Queries are cut at 2000 characters (search.ts), so the 5000-letter word is not found in
    // either store; asking for it must still be harmless.
    assert.deepEqual(await store.search('x'.repeat(5000)), []);
    assert.deepEqual((await store.search('cuoicung')).map((h) => h.id), [long.id]);
    assert.deepEqual((await store.search('tu7 tu8')).map((h) => h.id), [long.id]);
    // More distinct words than a tsvector holds: stored, and found by its first words.
    const wide = makeArticle({ title: 'rong', body: [Array.from({ length: 130000 }, (_, i) => `w${i.toString(36).padStart(7, '0')}`).join(' ')] });
    assert.equal((await store.putArticle(wide)).inserted, true);
    assert.deepEqual((await store.search('w0000001')).map((h) => h.id), [wide.id]);
    await store.close();
  });
});
