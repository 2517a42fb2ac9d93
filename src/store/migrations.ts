// Versioned schema, one ordered list for both stores. A migration is applied once, in its own
// transaction, and recorded in `schema_migrations`; never edit a released migration, add one.
//
// Layout (both dialects):
// - articles: typed columns for what is filtered or shown, JSON text for lists (body, captions,
//   removed) and `extra` for any optional Article field without a column (e.g. pageDates).
//   SQLite keys FTS rows by `seq` (an INTEGER PRIMARY KEY keeps rowids stable across VACUUM).
// - analyses: one JSON document per article.
// - entities, entity_links, events, stories: replaced as a whole by their stage; `position`
//   keeps the order the stage gave, which is the order they are listed in (sparse, see
//   src/store/replace.ts, which also explains `hash` and `entity_link_sets`).
// - search: the diacritic-folded title and body (src/store/search.ts `foldForSearch`), because
//   SQLite's unicode61 and PostgreSQL's unaccent both leave `đ` alone.
// PostgreSQL text columns that are ordered on use COLLATE "C" so both stores sort ids and dates
// by code point, the same way.

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** Created before any migration runs; it records them. */
export const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, analyses, entities, links, events, stories',
    sqlite: `
CREATE TABLE articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  origin TEXT NOT NULL,
  title TEXT,
  source TEXT,
  language TEXT,
  published_value TEXT,
  published_precision TEXT,
  published_evidence TEXT,
  published_kind TEXT,
  body TEXT NOT NULL,
  captions TEXT NOT NULL,
  removed TEXT NOT NULL,
  raw TEXT NOT NULL,
  charset TEXT NOT NULL,
  duplicate_of TEXT,
  ingested_at TEXT NOT NULL,
  extra TEXT
);
CREATE INDEX articles_published ON articles (published_value, id);
CREATE INDEX articles_source ON articles (source, published_value, id);
CREATE INDEX articles_language ON articles (language, published_value, id);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE analyses (
  article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  data TEXT NOT NULL
);

CREATE TABLE entities (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE entity_links (
  article TEXT NOT NULL,
  mention_index INTEGER NOT NULL,
  entity TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX entity_links_entity ON entity_links (entity, article);
CREATE INDEX entity_links_article ON entity_links (article, mention_index);

CREATE TABLE events (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  date_value TEXT,
  date_precision TEXT,
  title TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX events_date ON events (date_value);

CREATE TABLE stories (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  data TEXT NOT NULL
);
`,
    postgres: `
CREATE TABLE articles (
  seq BIGSERIAL UNIQUE,
  id TEXT COLLATE "C" PRIMARY KEY,
  origin TEXT NOT NULL,
  title TEXT,
  source TEXT,
  language TEXT,
  published_value TEXT COLLATE "C",
  published_precision TEXT,
  published_evidence TEXT,
  published_kind TEXT,
  body TEXT NOT NULL,
  captions TEXT NOT NULL,
  removed TEXT NOT NULL,
  raw TEXT NOT NULL,
  charset TEXT NOT NULL,
  duplicate_of TEXT COLLATE "C",
  ingested_at TEXT NOT NULL,
  extra TEXT
);
CREATE INDEX articles_published ON articles (published_value, id);
CREATE INDEX articles_source ON articles (source, published_value, id);
CREATE INDEX articles_language ON articles (language, published_value, id);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE analyses (
  article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  data TEXT NOT NULL
);

CREATE TABLE entities (
  position INTEGER NOT NULL,
  id TEXT COLLATE "C" PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX entities_position ON entities (position);

CREATE TABLE entity_links (
  article TEXT COLLATE "C" NOT NULL,
  mention_index INTEGER NOT NULL,
  entity TEXT COLLATE "C" NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX entity_links_entity ON entity_links (entity, article);
CREATE INDEX entity_links_article ON entity_links (article, mention_index);

CREATE TABLE events (
  position INTEGER NOT NULL,
  id TEXT COLLATE "C" PRIMARY KEY,
  date_value TEXT COLLATE "C",
  date_precision TEXT,
  title TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX events_position ON events (position);
CREATE INDEX events_date ON events (date_value);

CREATE TABLE stories (
  position INTEGER NOT NULL,
  id TEXT COLLATE "C" PRIMARY KEY,
  title TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX stories_position ON stories (position);
`,
  },
  {
    version: 2,
    name: 'full-text index over folded title and body',
    // Contentless: the folded copy is only needed to build the index (snippets are cut from
    // the original text), so it is not stored twice. bm25 weighs a title hit twice a body hit.
    sqlite: `
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
`,
    // Tokens come from search.ts (folded, letters and digits only), so the 'simple'
    // configuration is enough; query with toTsQuery() and rank with ts_rank_cd.
    postgres: `
CREATE TABLE article_search (
  article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  tsv TSVECTOR NOT NULL
);
CREATE INDEX article_search_tsv ON article_search USING GIN (tsv);
`,
  },
  {
    version: 3,
    name: 'named state blobs (stage state kept between rebuilds)',
    // One row per name: a later stage's saved state (e.g. the clusterer's), read whole and
    // replaced whole, so an incremental rebuild need not start from nothing.
    sqlite: `
CREATE TABLE stage_state (
  name TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
`,
    postgres: `
CREATE TABLE stage_state (
  name TEXT COLLATE "C" PRIMARY KEY,
  data BYTEA NOT NULL,
  updated_at TEXT NOT NULL
);
`,
  },
  {
    version: 5,
    name: 'PostgreSQL: lz4 for the large text columns',
    // Compressing what is TOASTed (raw text, body, analysis) was most of PostgreSQL's CPU per
    // stored article with the default pglz; lz4 does it in a fraction of the time. Only values
    // written from now on use it (old ones read as before). A server built without lz4 keeps pglz.
    sqlite: 'SELECT 1;',
    postgres: `
DO $$
BEGIN
  ALTER TABLE articles ALTER COLUMN raw SET COMPRESSION lz4, ALTER COLUMN body SET COMPRESSION lz4;
  ALTER TABLE analyses ALTER COLUMN data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  NULL;
END
$$;
`,
  },
  {
    version: 6,
    name: 'SQLite: the full-text index in shards of consecutive articles',
    // bm25 counts, for every query, all the rows of its table that hold each phrase (its IDF):
    // over one table of a million articles that alone took hundreds of milliseconds for common
    // words. Shards of consecutive articles (src/store/sqlite.ts `SEARCH_SHARD_ROWS`) bound that
    // count; search walks them newest first. Shard 0 is the existing `articles_fts` and keeps every
    // row it has; new shards (`articles_fts_<n>`, made by `ftsShardDdl`) start where it is full.
    sqlite: `
CREATE TABLE search_shards (
  shard INTEGER PRIMARY KEY,
  first_seq INTEGER NOT NULL
);
INSERT INTO search_shards (shard, first_seq) VALUES (0, 1);
`,
    postgres: 'SELECT 1;',
  },
  {
    version: 7,
    name: 'PostgreSQL: the insertion order beside each search vector',
    // Search ranks only the newest SEARCH_CANDIDATES matches, as SQLite does: ranking reads every
    // ranked article's vector, and at 100k articles ranking every match of a common word took
    // ~300 ms. The order is copied here so the newest matches are found without reading articles.
    // No index on it: a query then has no plan that walks articles newest first testing each one
    // (a pass over the whole corpus for a rare word).
    sqlite: 'SELECT 1;',
    postgres: `
ALTER TABLE article_search ADD COLUMN seq BIGINT;
UPDATE article_search s SET seq = a.seq FROM articles a WHERE a.id = s.article_id;
ALTER TABLE article_search ALTER COLUMN seq SET NOT NULL;
`,
  },
  {
    version: 8,
    name: 'PostgreSQL: each search vector names its window of 32,768 consecutive articles',
    // GIN gives a word's matches in no order, so finding the newest meant gathering them all (~420 ms
    // for a common word at 1M articles). A lexeme `_w<seq >> 15>` in every vector lets the index
    // itself answer "matches in this window", and search walks windows newest first, as SQLite
    // walks its shards. User tokens are letters and digits, so they never meet `_w…`. The 15 is
    // postgres.ts SEARCH_WINDOW_BITS: changing it needs a migration like this one.
    sqlite: 'SELECT 1;',
    postgres: `
UPDATE article_search SET tsv = tsv || array_to_tsvector(ARRAY['_w' || (seq >> 15)::text]);
`,
  },
  {
    version: 9,
    name: 'SQLite: articles stored and not yet in the full-text index',
    // FTS5 writes a new segment at every commit, and one commit per article made that most of
    // the index's cost. An article's folded text waits here, in the article's own transaction,
    // and goes into the index with others (sqlite.ts `SEARCH_FLUSH_ROWS`, and before any search).
    sqlite: `
CREATE TABLE search_pending (
  seq INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL
);
`,
    postgres: 'SELECT 1;',
  },
  {
    version: 10,
    name: 'content hashes, so entities, links, events and stories are written only where they changed',
    // putEntities and putStories used to rewrite every row (~0.6 s at 20,000 articles for a rebuild
    // that changed a handful); src/store/replace.ts plans the difference from these hashes. Rows
    // stored before have none (NULL never matches), so the next put writes them once more. Every
    // article with links gets its row here, so no stored link is ever outside a set. PostgreSQL's
    // positions become BIGINT: they are spread out (replace.ts POSITION_GAP) so a row can move
    // between two others without renumbering the rest.
    sqlite: `
ALTER TABLE entities ADD COLUMN hash TEXT;
ALTER TABLE events ADD COLUMN hash TEXT;
ALTER TABLE stories ADD COLUMN hash TEXT;
CREATE TABLE entity_link_sets (
  article TEXT PRIMARY KEY,
  hash TEXT
);
INSERT INTO entity_link_sets (article) SELECT DISTINCT article FROM entity_links;
`,
    postgres: `
ALTER TABLE entities ADD COLUMN hash TEXT, ALTER COLUMN position TYPE BIGINT;
ALTER TABLE events ADD COLUMN hash TEXT, ALTER COLUMN position TYPE BIGINT;
ALTER TABLE stories ADD COLUMN hash TEXT, ALTER COLUMN position TYPE BIGINT;
CREATE TABLE entity_link_sets (
  article TEXT COLLATE "C" PRIMARY KEY,
  hash TEXT
);
INSERT INTO entity_link_sets (article) SELECT DISTINCT article FROM entity_links;
`,
  },
];

/** A full-text shard (migration 6): the same definition migration 2 gave `articles_fts`. */
export function ftsShardDdl(table: string): string {
  return `
CREATE VIRTUAL TABLE ${table} USING fts5 (
  title, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO ${table} (${table}, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
`;
}

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Migrations not yet applied to a database at `current`, in order. */
export function pendingMigrations(current: number): Migration[] {
  return MIGRATIONS.filter((m) => m.version > current);
}
