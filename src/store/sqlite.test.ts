// The store contract on SQLite temp files, plus what only SQLite has: WAL, open errors, schema
// versions, migration from an older file, and surviving `kill -9` mid-write.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { TinlineError } from '../errors.ts';
import { COUNTED_TABLES, makeArticle, numberedArticle, storeContract } from './contract.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SCHEMA_MIGRATIONS_DDL } from './migrations.ts';
import { POSITION_GAP } from './replace.ts';
import { SEARCH_FLUSH_ROWS, createSqliteStore, type SqliteStoreOptions } from './sqlite.ts';
import type { Store } from './types.ts';
import { createStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tinline-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `t${++n}.db`);

const paths = new WeakMap<Store, string>();
async function openFresh(options: SqliteStoreOptions = {}): Promise<Store> {
  const path = freshPath();
  const store = await createSqliteStore(path, options);
  paths.set(store, path);
  return store;
}

/**
 * Rows of COUNTED_TABLES inserted, updated or deleted in the store's file, counted by triggers that
 * the first call adds (from a connection of its own: the store's is private).
 */
function rowWrites(store: Store): Promise<number> {
  const db = new Database(paths.get(store)!);
  try {
    db.exec('CREATE TABLE IF NOT EXISTS contract_row_writes (n INTEGER NOT NULL); INSERT INTO contract_row_writes SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM contract_row_writes)');
    for (const table of COUNTED_TABLES) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TRIGGER IF NOT EXISTS contract_${table}_${op} AFTER ${op} ON ${table} BEGIN UPDATE contract_row_writes SET n = n + 1; END`);
      }
    }
    return Promise.resolve(db.prepare('SELECT n FROM contract_row_writes').pluck().get() as number);
  } finally {
    db.close();
  }
}

storeContract('sqlite', () => openFresh(), undefined, rowWrites);
// The same contract with the full-text index split into many shards (one every 2 articles).
storeContract('sqlite, search in shards of 2', () => openFresh({ searchShardRows: 2 }), undefined, rowWrites);

function isCode(code: string, pattern?: RegExp) {
  return (e: unknown) => e instanceof TinlineError && e.code === code && (!pattern || pattern.test(e.message));
}

describe('sqlite store', () => {
  it('uses WAL and creates missing folders', async () => {
    const path = join(dir, 'nested', 'deeper', 'w.db');
    const store = await createStore(path);
    await store.putArticle(makeArticle());
    await store.close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  });

  it('refuses a file that is not a database', async () => {
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'Đây là một tệp văn bản, không phải cơ sở dữ liệu.\n'.repeat(200));
    await assert.rejects(createSqliteStore(text), isCode('STORE_OPEN', /not an SQLite database/));
    const noise = join(dir, 'noise.db');
    writeFileSync(noise, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
    await assert.rejects(createSqliteStore(noise), isCode('STORE_OPEN'));
  });

  it('refuses a path it cannot create or that is a folder', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    await assert.rejects(createSqliteStore(join(file, 'sub', 'x.db')), isCode('STORE_OPEN', /cannot create the folder/));
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    await assert.rejects(createSqliteStore(folder), isCode('STORE_OPEN'));
  });

  it('refuses a database from a newer Tinline', async () => {
    const path = freshPath();
    const store = await createSqliteStore(path);
    await store.close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(LATEST_SCHEMA_VERSION + 1, 'from the future', new Date().toISOString());
    db.close();
    await assert.rejects(createSqliteStore(path), isCode('STORE_SCHEMA', new RegExp(`version ${LATEST_SCHEMA_VERSION + 1}`)));
  });

  it('brings an older database up to date and keeps its data', async () => {
    const path = freshPath();
    const db = new Database(path);
    db.exec(SCHEMA_MIGRATIONS_DDL);
    db.exec(MIGRATIONS[0]!.sqlite);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(1, MIGRATIONS[0]!.name, 'then');
    db.prepare("INSERT INTO entities (position, id, type, name, data) VALUES (0, 'e', 'person', 'E', ?)")
      .run(JSON.stringify({ id: 'e', type: 'person', name: 'E', names: [], aliases: [], keys: [] }));
    db.close();
    const store = await createSqliteStore(path);
    assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
    assert.equal((await store.listEntities())[0]?.id, 'e');
    const a = makeArticle({ title: 'Đà Nẵng mùa mưa' });
    await store.putArticle(a);
    assert.deepEqual((await store.search('da nang')).map((h) => h.id), [a.id]);
    await store.close();
  });

  it('rows stored before content hashes read the same, are written once more, then only where they change', async () => {
    const path = freshPath();
    const old = await createSqliteStore(path);
    const entity = (id: string) => ({ id, type: 'person' as const, name: id, names: [], aliases: [], keys: [] });
    const entities = [entity('e1'), entity('e2'), entity('e3')];
    const links = [{ article: 'a1', mentionIndex: 0, entity: 'e1', reason: 'r' }, { article: 'a2', mentionIndex: 1, entity: 'e2', reason: 'r' }];
    await old.putEntities(entities, links);
    await old.close();
    // As a database from before migration 10 holds them: dense positions, no hashes, no link sets.
    const db = new Database(path);
    db.exec(`DROP TABLE entity_link_sets; ALTER TABLE entities DROP COLUMN hash; ALTER TABLE events DROP COLUMN hash;
      ALTER TABLE stories DROP COLUMN hash; UPDATE entities SET position = position / ${POSITION_GAP}`);
    db.prepare('DELETE FROM schema_migrations WHERE version >= 10').run();
    db.close();
    const store = await createSqliteStore(path);
    paths.set(store, path);
    try {
      assert.deepEqual(await store.listEntities(), entities);
      assert.deepEqual(await store.entityLinks(), links);
      const writes = async (e: typeof entities, l: typeof links) => {
        const before = await rowWrites(store);
        await store.putEntities(e, l);
        return (await rowWrites(store)) - before;
      };
      assert.ok((await writes(entities, links)) >= entities.length + links.length, 'unknown hashes are written again');
      assert.equal(await writes(entities, links), 0);
      const next = [entities[0]!, entity('e4'), entities[1]!, entities[2]!];
      assert.ok((await writes(next, links.slice(1))) <= 2 * next.length + 2);
      assert.deepEqual(await store.listEntities(), next, 'a row between two dense positions: all placed again');
      assert.deepEqual(await store.entityLinks(), links.slice(1));
      assert.equal(await writes(next, links.slice(1)), 0);
    } finally {
      await store.close();
    }
  });

  it('searches every full-text shard, newest first, and keeps older indexes when upgrading', async () => {
    const path = freshPath();
    // A database from before shards: everything in articles_fts.
    const old = await createSqliteStore(path);
    const before = Array.from({ length: 5 }, (_, i) => numberedArticle(i));
    for (const a of before) await old.putArticle(a);
    await old.close();
    const db = new Database(path);
    db.exec('DROP TABLE search_shards; DROP TABLE search_pending');
    // ... and from before content hashes (migration 10).
    db.exec('DROP TABLE entity_link_sets; ALTER TABLE entities DROP COLUMN hash; ALTER TABLE events DROP COLUMN hash; ALTER TABLE stories DROP COLUMN hash');
    db.prepare('DELETE FROM schema_migrations WHERE version >= 6').run();
    db.close();

    const store = await createSqliteStore(path, { searchShardRows: 2 });
    const after = Array.from({ length: 5 }, (_, i) => numberedArticle(100 + i));
    for (const a of after) await store.putArticle(a);
    for (const a of [...before, ...after]) {
      const n = a.origin.match(/\d+/)![0];
      assert.deepEqual((await store.search(`maso${n}`)).map((h) => h.id), [a.id], `article ${n} is found`);
    }
    const check = new Database(path, { readonly: true });
    const shards = check.prepare('SELECT shard, first_seq FROM search_shards ORDER BY shard').all();
    const counts = (check.prepare("SELECT name FROM sqlite_schema WHERE name GLOB 'articles_fts*' AND sql LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all() as string[])
      .map((t) => (check.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number));
    check.close();
    assert.deepEqual(shards, [{ shard: 0, first_seq: 1 }, { shard: 1, first_seq: 6 }, { shard: 2, first_seq: 8 }, { shard: 3, first_seq: 10 }]);
    assert.deepEqual(counts, [5, 2, 2, 1], 'the old index keeps its rows; new ones fill shards of 2');
    // A word every article has: all ten, each once, pages that join up.
    const everyWord = await store.search('bài', { limit: 100 });
    assert.equal(everyWord.length, 10);
    assert.equal(new Set(everyWord.map((h) => h.id)).size, 10, 'no article twice');
    const paged = [...await store.search('bài', { limit: 4 }), ...await store.search('bài', { limit: 4, offset: 4 }), ...await store.search('bài', { limit: 4, offset: 8 })];
    assert.deepEqual(paged.map((h) => h.id), everyWord.map((h) => h.id));
    await store.close();
  });

  it('indexes stored articles a batch at a time, before a search and at close', async () => {
    const path = freshPath();
    const writer = await createSqliteStore(path);
    const reader = await createSqliteStore(path);
    const count = (table: string) => {
      const db = new Database(path, { readonly: true });
      try { return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number; } finally { db.close(); }
    };
    for (let i = 0; i < 3; i++) await writer.putArticle(numberedArticle(i));
    assert.deepEqual([count('search_pending'), count('articles_fts')], [3, 0], 'stored, not yet indexed');
    // Another connection's search indexes what is pending first.
    assert.deepEqual((await reader.search('maso2')).map((h) => h.id), [numberedArticle(2).id]);
    assert.deepEqual([count('search_pending'), count('articles_fts')], [0, 3]);
    // The writer counts what it stored since it last indexed: at SEARCH_FLUSH_ROWS it indexes all that is pending.
    for (let i = 3; i < SEARCH_FLUSH_ROWS - 1; i++) await writer.putArticle(numberedArticle(i));
    assert.deepEqual([count('search_pending'), count('articles_fts')], [SEARCH_FLUSH_ROWS - 4, 3]);
    await writer.putArticle(numberedArticle(SEARCH_FLUSH_ROWS - 1));
    assert.deepEqual([count('search_pending'), count('articles_fts')], [0, SEARCH_FLUSH_ROWS], 'a full batch goes in by itself');
    await writer.putArticle(numberedArticle(1000));
    await writer.putArticle(numberedArticle(1000)); // already stored: nothing pending twice
    assert.equal(count('search_pending'), 1);
    await writer.close();
    assert.deepEqual([count('search_pending'), count('articles_fts')], [0, SEARCH_FLUSH_ROWS + 1], 'close indexes the rest');
    await reader.close();
  });

  it('lets two connections share one file', async () => {
    const path = freshPath();
    const [s1, s2] = [await createSqliteStore(path), await createSqliteStore(path)];
    const a = makeArticle();
    const b = makeArticle();
    await s1.putArticle(a);
    await s2.putArticle(b);
    assert.deepEqual((await s2.putArticle(a)).inserted, false);
    assert.equal(await s1.countArticles(), 2);
    assert.deepEqual(await s2.getArticle(a.id), a);
    await s1.close();
    await s2.close();
  });

  it('reports operations on a closed store as STORE_FAILED', async () => {
    const store = await createSqliteStore(freshPath());
    await store.close();
    await store.close();
    await assert.rejects(store.countArticles(), isCode('STORE_FAILED'));
  });

  it('survives kill -9 in the middle of writing', async () => {
    const path = freshPath();
    const here = fileURLToPath(new URL('.', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      const { createSqliteStore } = await import(${JSON.stringify(join(here, 'sqlite.ts'))});
      const { numberedArticle } = await import(${JSON.stringify(join(here, 'contract.ts'))});
      const store = await createSqliteStore(process.env.DB_PATH);
      for (let i = 0; ; i++) {
        await store.putArticle(numberedArticle(i));
        process.stdout.write(i + '\\n');
      }
    `], { env: { ...process.env, DB_PATH: path }, stdio: ['ignore', 'pipe', 'pipe'] });

    let lastCommitted = -1;
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    await new Promise<void>((res, rej) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        if (lines.length) lastCommitted = Number(lines[lines.length - 1]);
        if (lastCommitted >= 300) { child.kill('SIGKILL'); res(); }
      });
      child.on('exit', () => (lastCommitted >= 300 ? res() : rej(new Error(`writer exited early: ${stderr}`))));
    });
    assert.equal(await exited, 'SIGKILL');

    const db = new Database(path);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 0)").run();
    const rows = db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
    const indexedRows = () => db.prepare('SELECT count(*) AS n FROM articles_fts').pluck().get() as number;
    const pendingRows = () => db.prepare('SELECT count(*) AS n FROM search_pending').pluck().get() as number;
    assert.ok(rows.n >= lastCommitted + 1, `every reported insert survived (${rows.n} rows, last reported ${lastCommitted})`);
    assert.equal(indexedRows() + pendingRows(), rows.n, 'every stored article is in the index or waiting for it, none in both');
    assert.ok(pendingRows() < SEARCH_FLUSH_ROWS, `at most one batch pending (${pendingRows()})`);

    const store = await createSqliteStore(path);
    assert.equal(await store.countArticles(), rows.n);
    for (let i = 0; i < rows.n; i++) {
      assert.deepEqual(await store.getArticle(numberedArticle(i).id), numberedArticle(i), `article ${i} reads back whole`);
    }
    for (const i of [0, Math.floor(rows.n / 2), rows.n - 1]) {
      assert.deepEqual((await store.search(`maso${i}`)).map((h) => h.id), [numberedArticle(i).id]);
    }
    assert.equal(pendingRows(), 0, 'the first search indexed what the killed writer left pending');
    assert.equal(indexedRows(), rows.n);
    db.close();
    assert.equal(await store.getArticle(numberedArticle(rows.n).id), null);
    // The file takes new writes after the crash.
    assert.equal((await store.putArticle(numberedArticle(rows.n))).inserted, true);
    await store.close();
  });
});
