// The default store: one SQLite file through better-sqlite3. WAL with synchronous=NORMAL and
// one transaction per article: a killed process loses at most the article it was writing, and
// the file stays valid. The full-text index (FTS5, contentless) holds a diacritic-folded copy of
// title and body. That copy is written in the article's transaction to `search_pending`, and moved
// into the index a batch at a time (`SEARCH_FLUSH_ROWS`), before any search and at close: FTS5
// writes a segment per commit, which per article cost more than the rest of the article's write.
// Pending rows left by a killed process go in with the next batch or search of any process.
//
// getArticle with an id prefix that fits several articles throws TinlineError('USAGE',
// 'ambiguous id prefix …') rather than returning null, so `tinline show` can say why.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { TinlineError, asTinlineError } from '../errors.ts';
import type { Analysis, Article, Entity, EntityLink, Story, StoryEvent } from '../types.ts';
import {
  ARTICLE_COLUMNS, MIN_ID_PREFIX, ambiguousPrefix, articleToRow, checkFilter, checkLimit,
  checkOffset, decodeAnalysis, encodeAnalysis, prepareArticle, rowToArticle,
  type ArticleRow, type CheckedFilter, type PreparedArticle, type PreparedWriter,
} from './common.ts';
import { LATEST_SCHEMA_VERSION, SCHEMA_MIGRATIONS_DDL, ftsShardDdl, pendingMigrations } from './migrations.ts';
import {
  ENTITY_COLUMNS, EVENT_COLUMNS, STORY_COLUMNS, diffLinks, diffRows, entityValues, eventValues, storyValues,
  type StoredLinkSet, type StoredRow,
} from './replace.ts';
import {
  SEARCH_CANDIDATES, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, isEmptyQuery, makeSnippet, parseQuery,
  toFts5Query,
} from './search.ts';
import type { ArticleFilter, PutResult, SearchHit, SearchOptions, Store } from './types.ts';

type DB = Database.Database;

const BUSY_TIMEOUT_MS = 5000;

/**
 * Articles per full-text shard (migration 6). bm25's per-query cost grows with the rows of the
 * table it ranks in (it counts every row holding each phrase), so a shard is small enough for
 * that count to stay in milliseconds and big enough that a search usually finds its
 * SEARCH_CANDIDATES newest matches in one or two shards.
 */
export const SEARCH_SHARD_ROWS = 32_768;

/**
 * Articles this connection stores before it moves their pending rows into the full-text index.
 * Measured on ~3 KB articles (bench/ingest.ts): 0.37 CPU ms per stored article with each one
 * indexed in its own commit, 0.27–0.28 with 64–256 at a time.
 */
export const SEARCH_FLUSH_ROWS = 128;

export interface SqliteStoreOptions {
  /** Articles per full-text shard; smaller only in tests, to have many shards. */
  searchShardRows?: number;
}

/** Open (creating if needed) the database at `path` and bring its schema up to date. */
export async function createSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const db = openDatabase(path);
  try {
    migrate(db);
  } catch (e) {
    db.close();
    if (e instanceof TinlineError) throw e;
    throw openError(path, e);
  }
  return new SqliteStore(db, options.searchShardRows ?? SEARCH_SHARD_ROWS);
}

function openDatabase(path: string): DB {
  const inMemory = path === ':memory:' || path === '';
  let db: DB | undefined;
  try {
    if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Reading the schema reads the file header: a file that is not a database fails here.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Article ids are hashes, so every insert lands on a random page of the id index (and search
    // reads random rows): the 2 MB default cache misses on nearly every one past ~100k articles.
    db.pragma('cache_size = -65536');
    // Checkpoint every ~40 MB of WAL, not 4 MB: pages written again and again (the index's tails,
    // FTS segments being merged) are copied into the file once per checkpoint, so fewer cost less.
    db.pragma('wal_autocheckpoint = 10000');
    return db;
  } catch (e) {
    db?.close();
    throw openError(path, e);
  }
}

function openError(path: string, e: unknown): TinlineError {
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  let reason: string;
  if (code === 'SQLITE_NOTADB') reason = `${path} is not an SQLite database`;
  else if (code === 'SQLITE_CORRUPT') reason = `${path} is corrupt (${message})`;
  else if (code.startsWith('SQLITE_CANTOPEN')) reason = `cannot open ${path}: missing folder or no permission`;
  else if (code.startsWith('SQLITE_READONLY')) reason = `${path} is read-only`;
  else if (code === 'SQLITE_BUSY') reason = `${path} is locked by another process`;
  else if (code === 'ENOTDIR' || code === 'EACCES' || code === 'EROFS' || code === 'EEXIST') {
    reason = `cannot create the folder for ${path} (${code})`;
  } else reason = `${path}: ${message}`;
  return new TinlineError('STORE_OPEN', reason, { cause: e });
}

function currentVersion(db: DB): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function migrate(db: DB): void {
  db.exec(SCHEMA_MIGRATIONS_DDL);
  const version = currentVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new TinlineError(
      'STORE_SCHEMA',
      `database schema version ${version}, this Tinline knows up to ${LATEST_SCHEMA_VERSION}; upgrade Tinline`,
    );
  }
  for (const m of pendingMigrations(version)) {
    // IMMEDIATE takes the write lock first, so a second process opening the same new file waits,
    // then sees the migration applied and skips it.
    db.transaction(() => {
      if (currentVersion(db) >= m.version) return;
      db.exec(m.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}

function guard<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    if (e instanceof TinlineError) return Promise.reject(e);
    const code = (e as { code?: string }).code ?? '';
    return Promise.reject(asTinlineError(e, code.startsWith('SQLITE_BUSY') ? 'STORE_UNAVAILABLE' : 'STORE_FAILED'));
  }
}

const ARTICLE_SELECT = `SELECT ${ARTICLE_COLUMNS.join(', ')} FROM articles`;

// Positional parameters: binding by name looks every column up by its name on each insert.
const INSERT_ARTICLE = `INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map(() => '?').join(', ')})
         ON CONFLICT (id) DO NOTHING RETURNING seq`;

class SqliteStore implements Store, PreparedWriter {
  readonly #db: DB;
  readonly #stmts = new Map<string, Database.Statement>();
  readonly #putPrepared: (p: PreparedArticle) => PutResult;
  readonly #indexPending: Database.Transaction<() => void>;
  #storedSinceIndexed = 0;
  readonly #shardRows: number;

  constructor(db: DB, shardRows: number) {
    this.#db = db;
    this.#shardRows = shardRows;
    // One transaction per article (see the top of this file); the function is made once.
    this.#putPrepared = db.transaction((p: PreparedArticle): PutResult => {
      const row = articleToRow(p.article);
      const inserted = this.#stmt(INSERT_ARTICLE).get(ARTICLE_COLUMNS.map((c) => row[c])) as { seq: number } | undefined;
      if (!inserted) return { inserted: false, id: p.article.id };
      this.#stmt('INSERT INTO search_pending (seq, title, body) VALUES (?, ?, ?)').run(inserted.seq, p.search.title, p.search.body);
      if (p.analysis !== null) this.#writeAnalysis(p.article.id, p.analysis);
      return { inserted: true, id: p.article.id };
    });
    this.#indexPending = db.transaction(() => {
      const rows = this.#stmt('SELECT seq, title, body FROM search_pending ORDER BY seq').all() as
        { seq: number; title: string; body: string }[];
      for (const r of rows) this.#stmt(`INSERT INTO ${this.#shardFor(r.seq)} (rowid, title, body) VALUES (?, ?, ?)`).run(r.seq, r.title, r.body);
      if (rows.length) this.#stmt('DELETE FROM search_pending WHERE seq <= ?').run(rows[rows.length - 1]!.seq);
      this.#storedSinceIndexed = 0;
    });
  }

  /** Store one prepared article; every SEARCH_FLUSH_ROWS of them, index what is pending. */
  #put(p: PreparedArticle): PutResult {
    const result = this.#putPrepared(p);
    if (result.inserted && ++this.#storedSinceIndexed >= SEARCH_FLUSH_ROWS) this.#indexPending.immediate();
    return result;
  }

  /**
   * Index what is pending before a search. A database this process may only read (or one locked
   * past the busy timeout) is searched as it is: what another process stored last is found once
   * that process indexes it.
   */
  #indexBeforeSearch(): void {
    if (!this.#stmt('SELECT 1 FROM search_pending LIMIT 1').get()) return;
    try {
      this.#indexPending.immediate();
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_READONLY') && !code.startsWith('SQLITE_BUSY')) throw e;
    }
  }

  /** The shard an article's index row goes to, opening the next one when the newest is full. */
  #shardFor(seq: number): string {
    // Read in the write transaction: another process may have opened a shard since.
    const newest = this.#stmt('SELECT shard, first_seq FROM search_shards ORDER BY shard DESC LIMIT 1').get() as
      { shard: number; first_seq: number };
    if (seq - newest.first_seq < this.#shardRows) return shardTable(newest.shard);
    const next = newest.shard + 1;
    this.#db.exec(ftsShardDdl(shardTable(next)));
    this.#stmt('INSERT INTO search_shards (shard, first_seq) VALUES (?, ?)').run(next, seq);
    return shardTable(next);
  }

  #stmt(sql: string): Database.Statement {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  migrate(): Promise<void> {
    return guard(() => migrate(this.#db));
  }

  schemaVersion(): Promise<number> {
    return guard(() => currentVersion(this.#db));
  }

  putArticle(article: Article, analysis?: Analysis): Promise<PutResult> {
    return guard(() => {
      // An article already stored costs one lookup, not the encoding of its analysis.
      if (this.#stmt('SELECT 1 FROM articles WHERE id = ?').get(article.id)) return { inserted: false, id: article.id };
      return this.#put(prepareArticle(article, analysis));
    });
  }

  /** putArticle with the encoding and folding already done (by an ingest worker thread). */
  putPrepared(prepared: PreparedArticle): Promise<PutResult> {
    return guard(() => this.#put(prepared));
  }

  hasArticle(id: string): Promise<boolean> {
    return guard(() => this.#stmt('SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined);
  }

  getArticle(idOrPrefix: string): Promise<Article | null> {
    return guard(() => {
      const exact = this.#stmt(`${ARTICLE_SELECT} WHERE id = ?`).get(idOrPrefix) as ArticleRow | undefined;
      if (exact) return rowToArticle(exact);
      if (idOrPrefix.length < MIN_ID_PREFIX) return null;
      const ids = (this.#stmt('SELECT id FROM articles WHERE id >= ? ORDER BY id LIMIT 3').all(idOrPrefix) as { id: string }[])
        .map((r) => r.id)
        .filter((id) => id.startsWith(idOrPrefix));
      if (ids.length > 1) throw ambiguousPrefix(idOrPrefix, ids);
      if (!ids.length) return null;
      return rowToArticle(this.#stmt(`${ARTICLE_SELECT} WHERE id = ?`).get(ids[0]) as ArticleRow);
    });
  }

  listArticles(filter?: ArticleFilter): Promise<Article[]> {
    return guard(() => {
      const f = checkFilter(filter);
      const { where, params } = whereClause(f);
      const rows = this.#stmt(
        `${ARTICLE_SELECT} ${where} ORDER BY published_value IS NULL, published_value, id LIMIT ? OFFSET ?`,
      ).all(...params, f.limit, f.offset) as ArticleRow[];
      return rows.map(rowToArticle);
    });
  }

  countArticles(filter?: ArticleFilter): Promise<number> {
    return guard(() => {
      const { where, params } = whereClause(checkFilter(filter));
      return (this.#stmt(`SELECT count(*) AS n FROM articles ${where}`).get(...params) as { n: number }).n;
    });
  }

  articleIds(): Promise<string[]> {
    return guard(() => this.#stmt('SELECT id FROM articles ORDER BY id').pluck().all() as string[]);
  }

  setDuplicate(id: string, duplicateOf: string | null): Promise<void> {
    return guard(() => {
      const r = this.#stmt('UPDATE articles SET duplicate_of = ? WHERE id = ?').run(duplicateOf, id);
      if (r.changes === 0) throw new TinlineError('NOT_FOUND', `no article ${id}`);
    });
  }

  putAnalysis(articleId: string, analysis: Analysis): Promise<void> {
    return guard(() => this.#db.transaction(() => {
      const body = this.#stmt('SELECT body FROM articles WHERE id = ?').pluck().get(articleId) as string | undefined;
      if (body === undefined) throw new TinlineError('NOT_FOUND', `no article ${articleId} to attach an analysis to`);
      this.#writeAnalysis(articleId, encodeAnalysis(analysis, (JSON.parse(body) as string[]).join('\n\n')));
    })());
  }

  #writeAnalysis(articleId: string, data: string): void {
    this.#stmt(
      `INSERT INTO analyses (article_id, data) VALUES (?, ?)
       ON CONFLICT (article_id) DO UPDATE SET data = excluded.data`,
    ).run(articleId, data);
  }

  getAnalysis(articleId: string): Promise<Analysis | null> {
    return guard(() => {
      const row = this.#stmt('SELECT n.data, a.body FROM analyses n JOIN articles a ON a.id = n.article_id WHERE n.article_id = ?')
        .get(articleId) as { data: string; body: string } | undefined;
      return row === undefined ? null : decodeAnalysis(row.data, () => (JSON.parse(row.body) as string[]).join('\n\n'));
    });
  }

  // Ranking every match costs time in proportion to the matches: a common word over a million
  // articles would take seconds. FTS5 walks its doclists in rowid order and can stop early, so only
  // the newest SEARCH_CANDIDATES matches are ranked by bm25 (for news, the newest are what people want).
  // bm25 also counts every row of its table holding each phrase (its IDF), which over one table of a
  // million articles took hundreds of milliseconds; so the index is in shards of consecutive articles
  // (migration 6), searched newest first until there are enough candidates. As with Lucene's
  // segments or Elasticsearch's shards, IDF is per shard: scores from two shards compare only
  // approximately. Ranking in JS instead was measured slower at 700k articles: reading and folding a
  // candidate costs ~80 µs. What remains slow at scale is a phrase of common words that rarely stand
  // together: FTS5 checks positions in every row holding all of them, in every shard.
  search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    return guard(() => {
      const limit = checkLimit(options.limit, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT);
      const offset = checkOffset(options.offset);
      const parsed = parseQuery(typeof query === 'string' ? query : '', options.alternatives ?? []);
      const match = toFts5Query(parsed);
      if (!match || isEmptyQuery(parsed) || limit === 0) return [];
      this.#indexBeforeSearch();
      const wanted = Math.max(SEARCH_CANDIDATES, offset + limit);
      const shards = this.#stmt('SELECT shard FROM search_shards ORDER BY shard DESC').pluck().all() as number[];
      const hits: { rowid: number; rank: number }[] = [];
      for (const shard of shards) {
        if (hits.length >= wanted) break;
        const table = shardTable(shard);
        for (const h of this.#stmt(`SELECT rowid, rank FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ?`)
          .all(match, wanted - hits.length) as { rowid: number; rank: number }[]) hits.push(h);
      }
      hits.sort((a, b) => a.rank - b.rank || a.rowid - b.rowid);
      const byRow = this.#stmt('SELECT id, title, origin, published_value, body FROM articles WHERE seq = ?');
      return hits.slice(offset, offset + limit).map((h) => {
        const r = byRow.get(h.rowid) as { id: string; title: string | null; origin: string; published_value: string | null; body: string };
        return {
          id: r.id,
          title: r.title,
          origin: r.origin,
          published: r.published_value,
          snippet: makeSnippet(bodyText(r.body), parsed),
          // bm25 is lower-is-better and negative; flip it so a bigger score is a better hit.
          score: -h.rank,
        };
      });
    });
  }

  // Only what differs from the stored set is written (src/store/replace.ts). IMMEDIATE: what is
  // read to plan the writes must still be what is stored when they are made.
  putEntities(entities: Entity[], links: EntityLink[]): Promise<void> {
    return guard(() => this.#db.transaction(() => {
      this.#replaceRows('entities', ENTITY_COLUMNS, entityValues, entities, 'entity');
      const plan = diffLinks(links, this.#stmt('SELECT article, hash FROM entity_link_sets').all() as StoredLinkSet[]);
      const clear = this.#stmt('DELETE FROM entity_links WHERE article = ?');
      for (const a of plan.clear) clear.run(a);
      const gone = this.#stmt('DELETE FROM entity_link_sets WHERE article = ?');
      for (const a of plan.gone) gone.run(a);
      const set = this.#stmt('INSERT INTO entity_link_sets (article, hash) VALUES (?, ?) ON CONFLICT (article) DO UPDATE SET hash = excluded.hash');
      for (const x of plan.sets) set.run(x.article, x.hash);
      const link = this.#stmt('INSERT INTO entity_links (article, mention_index, entity, reason) VALUES (?, ?, ?, ?)');
      for (const l of plan.insert) link.run(l.article, l.mentionIndex, l.entity, l.reason);
    }).immediate());
  }

  /** Make `table` hold exactly `rows` in their order; `columns` are the typed ones besides id and data. */
  #replaceRows<T extends { id: string }>(
    table: string, columns: string[], values: (row: T) => (string | null)[], rows: T[], what: string,
  ): void {
    const plan = diffRows(what, rows, this.#stmt(`SELECT id, position, hash FROM ${table}`).all() as StoredRow[]);
    const del = this.#stmt(`DELETE FROM ${table} WHERE id = ?`);
    for (const id of plan.remove) del.run(id);
    const set = [...columns, 'data', 'hash'].map((c) => `${c} = ?`).join(', ');
    const upd = this.#stmt(`UPDATE ${table} SET ${set} WHERE id = ?`);
    for (const u of plan.update) upd.run(...values(u.row), u.data, u.hash, u.row.id);
    const ins = this.#stmt(`INSERT INTO ${table} (position, id, ${columns.join(', ')}, data, hash) VALUES (${['?', '?', ...columns.map(() => '?'), '?', '?'].join(', ')})`);
    for (const x of plan.insert) ins.run(x.position, x.row.id, ...values(x.row), x.data, x.hash);
  }

  listEntities(): Promise<Entity[]> {
    return guard(() => (this.#stmt('SELECT data FROM entities ORDER BY position').pluck().all() as string[])
      .map((d) => JSON.parse(d) as Entity));
  }

  getEntity(id: string): Promise<Entity | null> {
    return guard(() => {
      const d = this.#stmt('SELECT data FROM entities WHERE id = ?').pluck().get(id) as string | undefined;
      return d === undefined ? null : (JSON.parse(d) as Entity);
    });
  }

  entityLinks(filter: { entity?: string; article?: string } = {}): Promise<EntityLink[]> {
    return guard(() => {
      const clauses: string[] = [];
      const params: string[] = [];
      if (filter.entity !== undefined) { clauses.push('entity = ?'); params.push(filter.entity); }
      if (filter.article !== undefined) { clauses.push('article = ?'); params.push(filter.article); }
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const rows = this.#stmt(
        `SELECT article, mention_index, entity, reason FROM entity_links ${where} ORDER BY article, mention_index, entity`,
      ).all(...params) as { article: string; mention_index: number; entity: string; reason: string }[];
      return rows.map((r) => ({ article: r.article, mentionIndex: r.mention_index, entity: r.entity, reason: r.reason }));
    });
  }

  putStories(events: StoryEvent[], stories: Story[]): Promise<void> {
    return guard(() => this.#db.transaction(() => {
      this.#replaceRows('events', EVENT_COLUMNS, eventValues, events, 'event');
      this.#replaceRows('stories', STORY_COLUMNS, storyValues, stories, 'story');
    }).immediate());
  }

  getState(name: string): Promise<Uint8Array | null> {
    return guard(() => {
      const data = this.#stmt('SELECT data FROM stage_state WHERE name = ?').pluck().get(name) as Buffer | undefined;
      return data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
    });
  }

  putState(name: string, data: Uint8Array | null): Promise<void> {
    return guard(() => {
      if (data === null) this.#stmt('DELETE FROM stage_state WHERE name = ?').run(name);
      else this.#stmt('INSERT INTO stage_state (name, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
        .run(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength), new Date().toISOString());
    });
  }

  listEvents(): Promise<StoryEvent[]> {
    return guard(() => (this.#stmt('SELECT data FROM events ORDER BY position').pluck().all() as string[])
      .map((d) => JSON.parse(d) as StoryEvent));
  }

  listStories(): Promise<Story[]> {
    return guard(() => (this.#stmt('SELECT data FROM stories ORDER BY position').pluck().all() as string[])
      .map((d) => JSON.parse(d) as Story));
  }

  getStory(id: string): Promise<Story | null> {
    return guard(() => {
      const d = this.#stmt('SELECT data FROM stories WHERE id = ?').pluck().get(id) as string | undefined;
      return d === undefined ? null : (JSON.parse(d) as Story);
    });
  }

  close(): Promise<void> {
    return guard(() => {
      if (!this.#db.open) return;
      try {
        if (this.#storedSinceIndexed > 0) this.#indexPending.immediate();
      } finally {
        this.#db.close();
      }
    });
  }
}

/** The FTS5 table of a full-text shard: shard 0 is the one migration 2 made. */
function shardTable(shard: number): string {
  return shard === 0 ? 'articles_fts' : `articles_fts_${shard}`;
}

/** The stored body column as the text the index and snippets cover. */
function bodyText(json: string): string {
  return (JSON.parse(json) as string[]).join('\n\n');
}

function whereClause(f: CheckedFilter): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (f.source !== undefined) { clauses.push('source = ?'); params.push(f.source); }
  if (f.language !== undefined) { clauses.push('language = ?'); params.push(f.language); }
  if (f.from !== undefined || f.to !== undefined) {
    // Only values with a known year take part in a range (`XXXX-11-18` never does).
    clauses.push("published_value GLOB '[0-9][0-9][0-9][0-9]*'");
  }
  // value >= from  ⇔  value's prefix of from's length >= from (so the index serves it).
  if (f.from !== undefined) { clauses.push('published_value >= ?'); params.push(f.from); }
  if (f.to !== undefined) { clauses.push('substr(published_value, 1, ?) <= ?'); params.push(f.to.length, f.to); }
  if (f.entity !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM entity_links l WHERE l.article = articles.id AND l.entity = ?)');
    params.push(f.entity);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
