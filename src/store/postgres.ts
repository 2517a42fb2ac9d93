// The PostgreSQL store, for many processes on many machines sharing one database. It passes the
// same contract suite as SQLite (./contract.ts) and maps rows through ./common.ts, so both stores
// accept and return exactly the same things.
//
// Search: the tsvector is built here from search.ts tokens (the same diacritic folding, đ→d, NFC
// and NFD alike, the same token boundaries as the SQLite FTS5 index), so PostgreSQL's parser,
// locale and extensions never change what matches: no unaccent or text-search configuration is
// needed, which also keeps managed PostgreSQL services usable. Queries are search.ts's parsed
// phrases cast to `tsquery` as written (no parser on that side either).
//
// Writes: putArticles stores any number of articles in ONE statement (articles, index rows and
// analyses in data-modifying CTEs over column arrays), so a batch is one transaction and one round
// trip; putArticle is a batch of one. `ON CONFLICT DO NOTHING` makes two processes racing on one
// id store it once, both without an error. Analyses are stored compactly (common.ts
// `encodeAnalysis`), and plain-JSON rows written before read back the same. Migrations run under a
// transaction-scoped advisory lock, so any number of processes may open a new database at once.
import pg from 'pg';
import { TinlineError } from '../errors.ts';
import type { Analysis, Article, Entity, EntityLink, Story, StoryEvent } from '../types.ts';
import {
  ARTICLE_COLUMNS, MIN_ID_PREFIX, ambiguousPrefix, articleToRow, checkFilter, checkLimit,
  checkOffset, decodeAnalysis, encodeAnalysis, rowToArticle, searchableText, type ArticleRow, type CheckedFilter,
} from './common.ts';
import { LATEST_SCHEMA_VERSION, SCHEMA_MIGRATIONS_DDL, pendingMigrations } from './migrations.ts';
import {
  ENTITY_COLUMNS, EVENT_COLUMNS, STORY_COLUMNS, diffLinks, diffRows, entityValues, eventValues, storyValues,
  type RowWrite, type StoredLinkSet,
} from './replace.ts';
import {
  SEARCH_CANDIDATES, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, foldForSearch, isEmptyQuery, makeSnippet, parseQuery,
  tokenize, toTsQuery, type ParsedQuery,
} from './search.ts';
import type { ArticleFilter, PutResult, SearchHit, SearchOptions, Store } from './types.ts';

/** Advisory lock keys (two-int form): `tinl` and what is locked. */
export const LOCK_NAMESPACE = 0x74696e6c;
export const MIGRATE_LOCK = 1;
export const REBUILD_LOCK = 2;
export const QUEUE_SETUP_LOCK = 3;

const POOL_SIZE = 4;
const CONNECT_TIMEOUT_MS = 10_000;
// PostgreSQL's tsvector limits: a lexeme under 2 KB, positions up to 16383, 1 MB of lexemes and
// positions (counted here as PostgreSQL does or a little more; past it, words are left out).
const MAX_LEXEME_BYTES = 2046;
const MAX_POSITION = 16383;
const MAX_TSVECTOR_BYTES = 1_000_000;
// Rows per statement when writing entities, links, events and stories.
const CHUNK = 5000;

/** Connect, bring the schema up to date, and return the store. */
export async function createPostgresStore(url: string): Promise<PostgresStore> {
  const pool = openPool(url);
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => {});
    throw connectError(url, e);
  }
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof TinlineError) throw e;
    throw mapError(e, 'STORE_OPEN', url);
  }
  return new PgStore(pool);
}

export function openPool(url: string, max: number = POOL_SIZE): pg.Pool {
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'tinline' });
  } catch (e) {
    throw new TinlineError('STORE_OPEN', `${describeUrl(url)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  // An idle connection the server drops must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return pool;
}

/** host:port/database of a URL, never its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname || 'localhost'}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'the PostgreSQL URL';
  }
}

// Errors that mean "the server is not there (now)" rather than "this request is wrong".
const UNAVAILABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

function isUnavailable(e: unknown): boolean {
  const code = String((e as { code?: string }).code ?? '');
  const message = e instanceof Error ? e.message : '';
  return UNAVAILABLE_NET.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03'
    || code === '53300' || /timeout expired|Connection terminated/i.test(message);
}

function connectError(url: string, e: unknown): TinlineError {
  const code = String((e as { code?: string }).code ?? '');
  const message = e instanceof Error ? e.message : String(e);
  const where = describeUrl(url);
  if (isUnavailable(e)) {
    return new TinlineError('STORE_UNAVAILABLE', `cannot reach PostgreSQL at ${where} (${code || message})`, { cause: e });
  }
  if (code === '3D000') return new TinlineError('STORE_OPEN', `${where}: the database does not exist (create it with createdb)`, { cause: e });
  if (code === '28P01' || code === '28000') return new TinlineError('STORE_OPEN', `${where}: ${message}`, { cause: e });
  return new TinlineError('STORE_OPEN', `${where}: ${message}`, { cause: e });
}

function mapError(e: unknown, fallback: 'STORE_FAILED' | 'STORE_OPEN' = 'STORE_FAILED', url?: string): TinlineError {
  if (e instanceof TinlineError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (isUnavailable(e)) return new TinlineError('STORE_UNAVAILABLE', url ? `${describeUrl(url)}: ${message}` : message, { cause: e });
  return new TinlineError(fallback, url ? `${describeUrl(url)}: ${message}` : message, { cause: e });
}

async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapError(e);
  }
}

type Queryable = pg.Pool | pg.PoolClient;

async function currentVersion(db: Queryable): Promise<number> {
  const r = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return r.rows[0]?.v ?? 0;
}

async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

async function lockMigrations(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, MIGRATE_LOCK]);
  // Under the lock, so two processes never race on CREATE TABLE IF NOT EXISTS.
  await client.query(SCHEMA_MIGRATIONS_DDL);
}

async function migrate(pool: pg.Pool): Promise<void> {
  const version = await inTransaction(pool, async (client) => {
    await lockMigrations(client);
    return currentVersion(client);
  });
  if (version > LATEST_SCHEMA_VERSION) {
    throw new TinlineError(
      'STORE_SCHEMA',
      `database schema version ${version}, this Tinline knows up to ${LATEST_SCHEMA_VERSION}; upgrade Tinline`,
    );
  }
  for (const m of pendingMigrations(version)) {
    await inTransaction(pool, async (client) => {
      await lockMigrations(client);
      if ((await currentVersion(client)) >= m.version) return;
      await client.query(m.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    });
  }
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** A lexeme PostgreSQL accepts: cut (by whole code points) to its length limit. */
function clipLexeme(t: string): string {
  if (t.length * 3 <= MAX_LEXEME_BYTES || utf8Bytes(t) <= MAX_LEXEME_BYTES) return t;
  let out = '';
  let bytes = 0;
  for (const ch of t) {
    const b = utf8Bytes(ch);
    if (bytes + b > MAX_LEXEME_BYTES) break;
    out += ch;
    bytes += b;
  }
  return out;
}

function quoteLexeme(t: string): string {
  return `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

// A position with its weight as PostgreSQL packs them: weight A in the top two bits.
const WEIGHT_A = 3 << 14;
const POSITION_MASK = (1 << 14) - 1;

/**
 * The lexemes of an article's tsvector and their positions (with weights, packed as above):
 * folded title tokens weighted A, then body tokens; a gap of one position between them keeps a
 * phrase from running from the title into the body, as FTS5's separate columns do. Positions are
 * clamped at 16383 and at most 256 are kept per lexeme, as to_tsvector does; equal clamped
 * positions are one, with the higher weight. Lexemes and positions beyond PostgreSQL's size
 * limit are left out (the literal of such an article used to be refused whole, and with it the
 * article). `bytes`: the lexemes' UTF-8 length in all.
 */
function tsvectorEntries(title: string, body: string): { positions: Map<string, number[]>; bytes: number } {
  const positions = new Map<string, number[]>();
  let size = 0;
  let bytes = 0;
  let pos = 0;
  const add = (text: string, weight: number) => {
    for (const tok of tokenize(foldForSearch(text))) {
      pos++;
      const lexeme = clipLexeme(tok.text);
      let list = positions.get(lexeme);
      if (!list) {
        // Its bytes, an alignment byte at most and the count of its positions.
        const n = utf8Bytes(lexeme);
        if (size + n + 5 > MAX_TSVECTOR_BYTES) continue;
        size += n + 3;
        bytes += n;
        positions.set(lexeme, (list = []));
      }
      if (list.length >= 256) continue;
      const at = Math.min(pos, MAX_POSITION);
      const last = list.length - 1;
      if (last >= 0 && (list[last]! & POSITION_MASK) === at) list[last]! |= weight;
      else if (size + 2 <= MAX_TSVECTOR_BYTES) {
        size += 2;
        list.push(at | weight);
      }
    }
  };
  add(title, WEIGHT_A);
  pos++;
  add(body, 0);
  return { positions, bytes };
}

/** The tsvector literal for an article (see tsvectorEntries). */
export function tsvectorFor(title: string, body: string): string {
  const parts: string[] = [];
  for (const [lexeme, list] of tsvectorEntries(title, body).positions) {
    parts.push(list.length
      ? `${quoteLexeme(lexeme)}:${list.map((p) => `${p & POSITION_MASK}${p & WEIGHT_A ? 'A' : ''}`).join(',')}`
      : quoteLexeme(lexeme));
  }
  return parts.join(' ');
}

/**
 * The same tsvector in PostgreSQL's binary form (what tsvectorrecv reads): a count, then per
 * lexeme its UTF-8 and a NUL, the number of positions and each position. PostgreSQL reads this
 * far faster than the literal (measured: 0.1 ms of its CPU per article for the literal's
 * character-by-character parse). Lexemes go in code-unit order, which is PostgreSQL's (bytes,
 * then length) but for the rare mix of astral and U+E000–U+FFFF characters; then PostgreSQL
 * finds them out of order and sorts them itself.
 */
export function tsvectorBinary(title: string, body: string): Buffer {
  const { positions, bytes } = tsvectorEntries(title, body);
  const lexemes = [...positions.keys()].sort();
  let size = 4 + bytes;
  for (const list of positions.values()) size += 3 + 2 * list.length;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(lexemes.length, 0);
  let at = 4;
  for (const lexeme of lexemes) {
    const list = positions.get(lexeme)!;
    at += out.write(lexeme, at, 'utf8');
    out[at++] = 0;
    out[at++] = list.length >> 8;
    out[at++] = list.length & 0xff;
    for (const p of list) {
      out[at++] = p >> 8;
      out[at++] = p & 0xff;
    }
  }
  return out;
}

function clipQuery(q: ParsedQuery): ParsedQuery {
  const clip = (p: string[]) => p.map(clipLexeme);
  return { phrases: q.phrases.map(clip), alternatives: q.alternatives.map(clip) };
}

const ARTICLE_SELECT = `SELECT ${ARTICLE_COLUMNS.join(', ')} FROM articles`;

// Many articles in one statement: each value is a parameter of its own (PostgreSQL takes a text
// parameter as it comes, where a text[] literal is parsed and unescaped character by character —
// measured as a third of the statement's cost), the article rows go in with `ON CONFLICT DO
// NOTHING`, and the index row and analysis follow only for the ids actually inserted. Ids must be
// distinct within one call. The usual row counts (a worker's batches) are prepared once per
// connection; larger ones are planned each time rather than kept on the server.
const N_COLS = ARTICLE_COLUMNS.length;
const PER_ROW = N_COLS + 2;
// PostgreSQL's limit on parameters per statement is 65535.
const MAX_ROWS_PER_STATEMENT = Math.floor(65535 / PER_ROW);
const PREPARED_MAX_ROWS = 64;
const putStatements = new Map<number, string>();
function putArticlesSql(rows: number): string {
  let text = putStatements.get(rows);
  if (text) return text;
  // The tsvector arrives in binary form (a Buffer), so its parameter is typed as one.
  const values = Array.from({ length: rows }, (_, r) =>
    `(${Array.from({ length: PER_ROW }, (_, c) => `$${r * PER_ROW + c + 1}${c === N_COLS ? '::tsvector' : ''}`).join(', ')}, ${r})`).join(',\n  ');
  text = `
WITH input (${ARTICLE_COLUMNS.join(', ')}, tsv, analysis, ord) AS (VALUES
  ${values}
), ins AS (
  INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')})
  SELECT ${ARTICLE_COLUMNS.join(', ')} FROM input ORDER BY ord
  ON CONFLICT (id) DO NOTHING
  RETURNING id, seq
), idx AS (
  INSERT INTO article_search (article_id, tsv, seq)
  SELECT input.id, input.tsv || array_to_tsvector(ARRAY['_w' || (ins.seq >> ${SEARCH_WINDOW_BITS})::text]), ins.seq
  FROM ins JOIN input ON input.id = ins.id
), an AS (
  INSERT INTO analyses (article_id, data) SELECT input.id, input.analysis FROM ins JOIN input ON input.id = ins.id
  WHERE input.analysis IS NOT NULL
)
SELECT id FROM ins`;
  if (rows <= PREPARED_MAX_ROWS) putStatements.set(rows, text);
  return text;
}

/** One article with its analysis, for `putArticles`. */
export interface ArticleToPut {
  article: Article;
  analysis?: Analysis | null;
}

/** The PostgreSQL store: the Store contract, plus writing many articles in one round trip. */
export interface PostgresStore extends Store {
  /**
   * Store many articles in one statement (one transaction): every one is committed or none is.
   * Results are in the given order; an id given twice is inserted once (the first), as two
   * putArticle calls would.
   */
  putArticles(items: ArticleToPut[]): Promise<PutResult[]>;
}

// Title weighs twice the body (as bm25(2.0, 1.0) does in SQLite); normalization 1 divides by
// 1 + log(length), so a short article about the query beats a long one that mentions it once.
/** Articles per search window (as a power of two): migration 8 wrote it into every vector. */
const SEARCH_WINDOW_BITS = 15;
const RANK = "ts_rank('{0.5, 0.5, 0.5, 1.0}', s.tsv, q.q, 1)";

class PgStore implements PostgresStore {
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  #check(): void {
    if (this.#closed) throw new TinlineError('STORE_FAILED', 'the store is closed');
  }

  #run<T>(fn: () => Promise<T>): Promise<T> {
    return guard(async () => {
      this.#check();
      return fn();
    });
  }

  migrate(): Promise<void> {
    return this.#run(() => migrate(this.#pool));
  }

  schemaVersion(): Promise<number> {
    return this.#run(() => currentVersion(this.#pool));
  }

  async putArticle(article: Article, analysis?: Analysis): Promise<PutResult> {
    return (await this.putArticles([{ article, analysis }]))[0]!;
  }

  putArticles(items: ArticleToPut[]): Promise<PutResult[]> {
    return this.#run(async () => {
      const seen = new Set<string>();
      const params: (string | Buffer | null)[] = [];
      for (const { article, analysis } of items) {
        if (seen.has(article.id)) continue;
        seen.add(article.id);
        const row = articleToRow(article);
        const text = searchableText(article);
        for (const c of ARTICLE_COLUMNS) params.push(row[c] as string | null);
        params.push(tsvectorBinary(text.title, text.body));
        // Stored compactly (spans as offsets into the body): a fraction of the plain JSON, so
        // far less for PostgreSQL to compress, TOAST and log per article.
        params.push(analysis ? encodeAnalysis(analysis, text.body) : null);
      }
      const rows = seen.size;
      if (!rows) return [];
      const inserted = new Set<string>();
      const put = async (db: Queryable, from: number, n: number) => {
        const text = putArticlesSql(n);
        const values = params.slice(from * PER_ROW, (from + n) * PER_ROW);
        const r = await db.query<{ id: string }>(n <= PREPARED_MAX_ROWS ? { name: `tinline_put_articles_${n}`, text, values } : { text, values });
        for (const row of r.rows) inserted.add(row.id);
      };
      if (rows <= MAX_ROWS_PER_STATEMENT) await put(this.#pool, 0, rows);
      else {
        await inTransaction(this.#pool, async (client) => {
          for (let from = 0; from < rows; from += MAX_ROWS_PER_STATEMENT) await put(client, from, Math.min(MAX_ROWS_PER_STATEMENT, rows - from));
        });
      }
      return items.map(({ article }) => {
        const first = inserted.delete(article.id);
        return { inserted: first, id: article.id };
      });
    });
  }

  hasArticle(id: string): Promise<boolean> {
    return this.#run(async () => (await this.#pool.query('SELECT 1 FROM articles WHERE id = $1', [id])).rowCount === 1);
  }

  getArticle(idOrPrefix: string): Promise<Article | null> {
    return this.#run(async () => {
      const exact = await this.#pool.query<ArticleRow>(`${ARTICLE_SELECT} WHERE id = $1`, [idOrPrefix]);
      if (exact.rows[0]) return rowToArticle(exact.rows[0]);
      if (idOrPrefix.length < MIN_ID_PREFIX) return null;
      const ids = (await this.#pool.query<{ id: string }>('SELECT id FROM articles WHERE id >= $1 ORDER BY id LIMIT 3', [idOrPrefix])).rows
        .map((r) => r.id)
        .filter((id) => id.startsWith(idOrPrefix));
      if (ids.length > 1) throw ambiguousPrefix(idOrPrefix, ids);
      if (!ids.length) return null;
      const row = (await this.#pool.query<ArticleRow>(`${ARTICLE_SELECT} WHERE id = $1`, [ids[0]])).rows[0];
      return row ? rowToArticle(row) : null;
    });
  }

  listArticles(filter?: ArticleFilter): Promise<Article[]> {
    return this.#run(async () => {
      const f = checkFilter(filter);
      const { where, params } = whereClause(f);
      const n = params.length;
      const r = await this.#pool.query<ArticleRow>(
        `${ARTICLE_SELECT} ${where} ORDER BY published_value IS NULL, published_value, id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, f.limit, f.offset],
      );
      return r.rows.map(rowToArticle);
    });
  }

  countArticles(filter?: ArticleFilter): Promise<number> {
    return this.#run(async () => {
      const { where, params } = whereClause(checkFilter(filter));
      const r = await this.#pool.query<{ n: string }>(`SELECT count(*) AS n FROM articles ${where}`, params);
      return Number(r.rows[0]!.n);
    });
  }

  articleIds(): Promise<string[]> {
    return this.#run(async () => (await this.#pool.query<{ id: string }>('SELECT id FROM articles ORDER BY id')).rows.map((r) => r.id));
  }

  setDuplicate(id: string, duplicateOf: string | null): Promise<void> {
    return this.#run(async () => {
      const r = await this.#pool.query('UPDATE articles SET duplicate_of = $1 WHERE id = $2', [duplicateOf, id]);
      if (r.rowCount === 0) throw new TinlineError('NOT_FOUND', `no article ${id}`);
    });
  }

  putAnalysis(articleId: string, analysis: Analysis): Promise<void> {
    return this.#run(async () => {
      const article = (await this.#pool.query<{ body: string }>('SELECT body FROM articles WHERE id = $1', [articleId])).rows[0];
      if (!article) throw new TinlineError('NOT_FOUND', `no article ${articleId} to attach an analysis to`);
      const r = await this.#pool.query(
        `INSERT INTO analyses (article_id, data)
         SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM articles WHERE id = $1)
         ON CONFLICT (article_id) DO UPDATE SET data = excluded.data`,
        [articleId, encodeAnalysis(analysis, bodyText(article.body))],
      );
      if (r.rowCount === 0) throw new TinlineError('NOT_FOUND', `no article ${articleId} to attach an analysis to`);
    });
  }

  getAnalysis(articleId: string): Promise<Analysis | null> {
    return this.#run(async () => {
      const r = await this.#pool.query<{ data: string; body: string }>(
        'SELECT n.data, a.body FROM analyses n JOIN articles a ON a.id = n.article_id WHERE n.article_id = $1',
        [articleId],
      );
      const row = r.rows[0];
      return row ? decodeAnalysis(row.data, () => bodyText(row.body)) : null;
    });
  }

  // Only the newest SEARCH_CANDIDATES matches (or offset + limit, if more) are ranked, as in SQLite:
  // ranking reads each ranked article's vector, the cost that grew with the corpus when every match
  // was ranked. The matches come from the GIN index alone, window by window (migration 8).
  search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    return this.#run(async () => {
      const limit = checkLimit(options.limit, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT);
      const offset = checkOffset(options.offset);
      const parsed = parseQuery(typeof query === 'string' ? query : '', options.alternatives ?? []);
      const tsquery = toTsQuery(clipQuery(parsed));
      if (!tsquery || isEmptyQuery(parsed) || limit === 0) return [];
      const wanted = Math.max(SEARCH_CANDIDATES, offset + limit);
      type Row = { id: string; title: string | null; origin: string; published_value: string | null; body: string; rank: number };
      const r = await inTransaction(this.#pool, async (client) => {
        // A word in most articles makes a sequential scan look cheaper to the planner, but that scan
        // tests every article's vector (read from TOAST) where the GIN index answers without reading one.
        await client.query('SET LOCAL enable_seqscan = off');
        const top = (await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM articles')).rows[0]?.seq;
        // The newest `wanted` matches, window by window (migration 8), newest window first. A phrase
        // (`a <-> b`) is tested on the articles of a window that have its words: GIN keeps no positions.
        const ids: string[] = [];
        for (let w = top == null ? -1 : Math.floor(Number(top) / 2 ** SEARCH_WINDOW_BITS); w >= 0 && ids.length < wanted; w--) {
          const found = await client.query<{ article_id: string }>(
            'SELECT article_id FROM article_search WHERE tsv @@ ($1::tsquery && $2::tsquery) ORDER BY seq DESC',
            [tsquery, `'_w${w}'`],
          );
          for (const row of found.rows) if (ids.length < wanted) ids.push(row.article_id);
        }
        if (!ids.length) return { rows: [] as Row[] };
        return client.query<Row>(
          `SELECT a.id, a.title, a.origin, a.published_value, a.body, hits.rank
           FROM (
             SELECT s.article_id, ${RANK} AS rank
             FROM article_search s, (SELECT $1::tsquery AS q) q
             WHERE s.article_id = ANY($4::text[])
             ORDER BY rank DESC, s.article_id
             LIMIT $2 OFFSET $3
           ) hits
           JOIN articles a ON a.id = hits.article_id
           ORDER BY hits.rank DESC, a.id`,
          [tsquery, limit, offset, ids],
        );
      });
      return r.rows.map((row) => ({
        id: row.id,
        title: row.title,
        origin: row.origin,
        published: row.published_value,
        snippet: makeSnippet((JSON.parse(row.body) as string[]).join('\n\n'), parsed),
        score: Number(row.rank),
      }));
    });
  }

  // Only what differs from the stored set is written (src/store/replace.ts). The lock keeps another
  // put of the same tables from writing between this one's read and its writes; readers never wait.
  putEntities(entities: Entity[], links: EntityLink[]): Promise<void> {
    return this.#run(() => inTransaction(this.#pool, async (client) => {
      await client.query('LOCK TABLE entities, entity_links, entity_link_sets IN SHARE ROW EXCLUSIVE MODE');
      await replaceRows(client, 'entities', ENTITY_COLUMNS, entityValues, entities, 'entity');
      const stored = await client.query<StoredLinkSet>('SELECT article, hash FROM entity_link_sets');
      const plan = diffLinks(links, stored.rows);
      for (let i = 0; i < plan.clear.length; i += CHUNK) {
        await client.query('DELETE FROM entity_links WHERE article = ANY($1::text[])', [plan.clear.slice(i, i + CHUNK)]);
      }
      for (let i = 0; i < plan.gone.length; i += CHUNK) {
        await client.query('DELETE FROM entity_link_sets WHERE article = ANY($1::text[])', [plan.gone.slice(i, i + CHUNK)]);
      }
      for (let i = 0; i < plan.sets.length; i += CHUNK) {
        const part = plan.sets.slice(i, i + CHUNK);
        await client.query(
          `INSERT INTO entity_link_sets (article, hash) SELECT * FROM unnest($1::text[], $2::text[])
           ON CONFLICT (article) DO UPDATE SET hash = excluded.hash`,
          [part.map((x) => x.article), part.map((x) => x.hash)],
        );
      }
      for (let i = 0; i < plan.insert.length; i += CHUNK) {
        const part = plan.insert.slice(i, i + CHUNK);
        await client.query(
          `INSERT INTO entity_links (article, mention_index, entity, reason)
           SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])`,
          [part.map((l) => l.article), part.map((l) => l.mentionIndex), part.map((l) => l.entity), part.map((l) => l.reason)],
        );
      }
    }));
  }

  listEntities(): Promise<Entity[]> {
    return this.#run(async () => (await this.#pool.query<{ data: string }>('SELECT data FROM entities ORDER BY position')).rows
      .map((r) => JSON.parse(r.data) as Entity));
  }

  getEntity(id: string): Promise<Entity | null> {
    return this.#run(async () => {
      const r = await this.#pool.query<{ data: string }>('SELECT data FROM entities WHERE id = $1', [id]);
      return r.rows[0] ? (JSON.parse(r.rows[0].data) as Entity) : null;
    });
  }

  entityLinks(filter: { entity?: string; article?: string } = {}): Promise<EntityLink[]> {
    return this.#run(async () => {
      const clauses: string[] = [];
      const params: string[] = [];
      if (filter.entity !== undefined) { params.push(filter.entity); clauses.push(`entity = $${params.length}`); }
      if (filter.article !== undefined) { params.push(filter.article); clauses.push(`article = $${params.length}`); }
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const r = await this.#pool.query<{ article: string; mention_index: number; entity: string; reason: string }>(
        `SELECT article, mention_index, entity, reason FROM entity_links ${where} ORDER BY article, mention_index, entity`,
        params,
      );
      return r.rows.map((l) => ({ article: l.article, mentionIndex: l.mention_index, entity: l.entity, reason: l.reason }));
    });
  }

  getState(name: string): Promise<Uint8Array | null> {
    return this.#run(async () => {
      const r = await this.#pool.query<{ data: Buffer }>('SELECT data FROM stage_state WHERE name = $1', [name]);
      const data = r.rows[0]?.data;
      return data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
    });
  }

  putState(name: string, data: Uint8Array | null): Promise<void> {
    return this.#run(async () => {
      if (data === null) await this.#pool.query('DELETE FROM stage_state WHERE name = $1', [name]);
      else await this.#pool.query(
        `INSERT INTO stage_state (name, data, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
        [name, Buffer.from(data.buffer, data.byteOffset, data.byteLength), new Date().toISOString()],
      );
    });
  }

  putStories(events: StoryEvent[], stories: Story[]): Promise<void> {
    return this.#run(() => inTransaction(this.#pool, async (client) => {
      await client.query('LOCK TABLE events, stories IN SHARE ROW EXCLUSIVE MODE');
      await replaceRows(client, 'events', EVENT_COLUMNS, eventValues, events, 'event');
      await replaceRows(client, 'stories', STORY_COLUMNS, storyValues, stories, 'story');
    }));
  }

  listEvents(): Promise<StoryEvent[]> {
    return this.#run(async () => (await this.#pool.query<{ data: string }>('SELECT data FROM events ORDER BY position')).rows
      .map((r) => JSON.parse(r.data) as StoryEvent));
  }

  listStories(): Promise<Story[]> {
    return this.#run(async () => (await this.#pool.query<{ data: string }>('SELECT data FROM stories ORDER BY position')).rows
      .map((r) => JSON.parse(r.data) as Story));
  }

  getStory(id: string): Promise<Story | null> {
    return this.#run(async () => {
      const r = await this.#pool.query<{ data: string }>('SELECT data FROM stories WHERE id = $1', [id]);
      return r.rows[0] ? (JSON.parse(r.rows[0].data) as Story) : null;
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end().catch(() => {});
  }
}

/** Make `table` hold exactly `rows` in their order; `columns` are the typed ones besides id and data. */
async function replaceRows<T extends { id: string }>(
  client: pg.PoolClient, table: string, columns: string[], values: (row: T) => (string | null)[], rows: T[], what: string,
): Promise<void> {
  // BIGINT arrives as text; positions stay within Number's exact integers (replace.ts).
  const stored = await client.query<{ id: string; position: string; hash: string | null }>(`SELECT id, position, hash FROM ${table}`);
  const plan = diffRows(what, rows, stored.rows.map((r) => ({ id: r.id, position: Number(r.position), hash: r.hash })));
  for (let i = 0; i < plan.remove.length; i += CHUNK) {
    await client.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [plan.remove.slice(i, i + CHUNK)]);
  }
  // Column arrays for unnest: the typed columns, then data and hash.
  const arrays = (part: RowWrite<T>[]) => [
    ...columns.map((_, c) => part.map((x) => values(x.row)[c])), part.map((x) => x.data), part.map((x) => x.hash),
  ];
  const names = [...columns, 'data', 'hash'];
  for (let i = 0; i < plan.update.length; i += CHUNK) {
    const part = plan.update.slice(i, i + CHUNK);
    await client.query(
      `UPDATE ${table} t SET ${names.map((c) => `${c} = u.${c}`).join(', ')}
       FROM unnest($1::text[], ${names.map((_, c) => `$${c + 2}::text[]`).join(', ')}) AS u (id, ${names.join(', ')})
       WHERE t.id = u.id`,
      [part.map((x) => x.row.id), ...arrays(part)],
    );
  }
  for (let i = 0; i < plan.insert.length; i += CHUNK) {
    const part = plan.insert.slice(i, i + CHUNK);
    await client.query(
      `INSERT INTO ${table} (position, id, ${names.join(', ')})
       SELECT * FROM unnest($1::bigint[], $2::text[], ${names.map((_, c) => `$${c + 3}::text[]`).join(', ')})`,
      [part.map((x) => x.position), part.map((x) => x.row.id), ...arrays(part)],
    );
  }
}

/** The text an analysis' offsets point into, from the stored body column (JSON list of paragraphs). */
function bodyText(body: unknown): string {
  return ((typeof body === 'string' ? JSON.parse(body) : body) as string[]).join('\n\n');
}

function whereClause(f: CheckedFilter): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const p = (v: string | number) => { params.push(v); return `$${params.length}`; };
  if (f.source !== undefined) clauses.push(`source = ${p(f.source)}`);
  if (f.language !== undefined) clauses.push(`language = ${p(f.language)}`);
  if (f.from !== undefined || f.to !== undefined) {
    // Only values with a known year take part in a range (`XXXX-11-18` never does).
    clauses.push("published_value ~ '^[0-9]{4}'");
  }
  // value >= from  ⇔  value's prefix of from's length >= from (so the index serves it).
  if (f.from !== undefined) clauses.push(`published_value >= ${p(f.from)}`);
  if (f.to !== undefined) clauses.push(`substr(published_value, 1, ${p(f.to.length)}::int) <= ${p(f.to)}`);
  if (f.entity !== undefined) {
    clauses.push(`EXISTS (SELECT 1 FROM entity_links l WHERE l.article = articles.id AND l.entity = ${p(f.entity)})`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * Run `fn` holding a session-level advisory lock on its own connection, so no two processes (on
 * any machine) run it at once. The lock goes with the connection if the process dies.
 */
export async function withAdvisoryLock<T>(url: string, key: number, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'tinline-lock' });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    throw connectError(url, e);
  }
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, key]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, key]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
