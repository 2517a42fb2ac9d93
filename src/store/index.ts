// createStore(url) picks the implementation: a file path (default `./tinline.db`) is SQLite,
// a `postgres://` or `postgresql://` URL is PostgreSQL. Drivers load only when chosen.
import type { Store } from './types.ts';

export type { Store, ArticleFilter, SearchOptions, SearchHit, PutResult } from './types.ts';

export const DEFAULT_DB = './tinline.db';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export async function createStore(url: string = DEFAULT_DB): Promise<Store> {
  if (isPostgresUrl(url)) {
    const { createPostgresStore } = await import('./postgres.ts');
    return createPostgresStore(url);
  }
  const { createSqliteStore } = await import('./sqlite.ts');
  return createSqliteStore(url);
}
