// The one Store interface. Async everywhere so the PostgreSQL store fits it unchanged.
// Both implementations run the one contract suite in ./contract.ts.
import type { Analysis, Article, Entity, EntityLink, Story, StoryEvent } from '../types.ts';

export interface ArticleFilter {
  source?: string;
  language?: string;
  /** Inclusive bounds on the published value's prefix (`2024`, `2024-11`, `2024-11-12`). */
  from?: string;
  to?: string;
  /** Articles with a mention linked to this entity id. */
  entity?: string;
  limit?: number;
  offset?: number;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /**
   * Other spellings of the query to search as well (entity-aware search: the link stage
   * expands `Wen Jiabao` to `Ôn Gia Bảo`, ...). Each is matched as a phrase; hits are ORed.
   */
  alternatives?: string[];
}

export interface SearchHit {
  id: string;
  title: string | null;
  origin: string;
  published: string | null;
  /** A short excerpt around the match. */
  snippet: string;
  score: number;
}

export interface PutResult {
  /** false when an article with the same id was already stored (nothing changed). */
  inserted: boolean;
  id: string;
}

export interface Store {
  /** Bring the schema up to the newest version. Idempotent. */
  migrate(): Promise<void>;
  /** The schema version in the database. */
  schemaVersion(): Promise<number>;

  /** Store one article in its own transaction. The same id twice stores nothing new. */
  putArticle(article: Article, analysis?: Analysis): Promise<PutResult>;
  hasArticle(id: string): Promise<boolean>;
  /** By full id, or by a unique id prefix (as `tinline show` accepts). */
  getArticle(idOrPrefix: string): Promise<Article | null>;
  listArticles(filter?: ArticleFilter): Promise<Article[]>;
  countArticles(filter?: ArticleFilter): Promise<number>;
  /** Iterate all article ids in a stable order (for export and re-clustering). */
  articleIds(): Promise<string[]>;
  setDuplicate(id: string, duplicateOf: string | null): Promise<void>;

  putAnalysis(articleId: string, analysis: Analysis): Promise<void>;
  getAnalysis(articleId: string): Promise<Analysis | null>;

  /** Diacritic-insensitive full-text search over titles and bodies; `"..."` is a phrase. */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;

  /**
   * Replace the entity table and the mention links (the link stage owns them as a whole): after it,
   * exactly these are stored, in this order. Only rows that differ from what is stored are written.
   */
  putEntities(entities: Entity[], links: EntityLink[]): Promise<void>;
  listEntities(): Promise<Entity[]>;
  getEntity(id: string): Promise<Entity | null>;
  entityLinks(filter?: { entity?: string; article?: string }): Promise<EntityLink[]>;

  /** Replace events and stories (the cluster stage owns them as a whole), writing only rows that differ. */
  putStories(events: StoryEvent[], stories: Story[]): Promise<void>;
  listEvents(): Promise<StoryEvent[]>;
  listStories(): Promise<Story[]>;
  getStory(id: string): Promise<Story | null>;

  /** A stage's saved state by name (null when none), e.g. the clusterer's between rebuilds. */
  getState(name: string): Promise<Uint8Array | null>;
  /** Replace the state saved under `name`; null deletes it. */
  putState(name: string, data: Uint8Array | null): Promise<void>;

  close(): Promise<void>;
}
