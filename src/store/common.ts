// What every store does the same way: how an Article maps to a row and back, and how list
// filters and limits are checked. The PostgreSQL store uses these too, so both stores accept
// and return exactly the same things.
import { TinlineError } from '../errors.ts';
import type { Article, PartialDate } from '../types.ts';
import type { ArticleFilter } from './types.ts';

export const LIST_DEFAULT_LIMIT = 100;
export const LIST_MAX_LIMIT = 1000;
/** The shortest id prefix `getArticle` resolves. */
export const MIN_ID_PREFIX = 4;

export interface ArticleRow {
  id: string;
  origin: string;
  title: string | null;
  source: string | null;
  language: string | null;
  published_value: string | null;
  published_precision: string | null;
  published_evidence: string | null;
  published_kind: string | null;
  /** JSON text (a driver that parses JSON columns may hand back the parsed value). */
  body: unknown;
  captions: unknown;
  removed: unknown;
  raw: string;
  charset: string;
  duplicate_of: string | null;
  ingested_at: string;
  extra: unknown;
}

/** Column order for INSERTs. */
export const ARTICLE_COLUMNS = [
  'id', 'origin', 'title', 'source', 'language',
  'published_value', 'published_precision', 'published_evidence', 'published_kind',
  'body', 'captions', 'removed', 'raw', 'charset', 'duplicate_of', 'ingested_at', 'extra',
] as const;

// Article fields that have columns; anything else rides in `extra`.
const KNOWN = new Set([
  'id', 'origin', 'title', 'source', 'language', 'published', 'body', 'captions', 'removed',
  'raw', 'charset', 'duplicateOf', 'ingestedAt',
]);

export function articleToRow(a: Article): ArticleRow {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (!KNOWN.has(k) && v !== undefined) extra[k] = v;
  return {
    id: a.id,
    origin: a.origin,
    title: a.title ?? null,
    source: a.source ?? null,
    language: a.language ?? null,
    published_value: a.published?.value ?? null,
    published_precision: a.published?.precision ?? null,
    published_evidence: a.published?.evidence ?? null,
    published_kind: a.published?.kind ?? null,
    body: JSON.stringify(a.body ?? []),
    captions: JSON.stringify(a.captions ?? []),
    removed: JSON.stringify(a.removed ?? []),
    raw: a.raw ?? '',
    charset: a.charset ?? 'utf-8',
    duplicate_of: a.duplicateOf ?? null,
    ingested_at: a.ingestedAt,
    extra: Object.keys(extra).length ? JSON.stringify(extra) : null,
  };
}

function json<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function rowToArticle(r: ArticleRow): Article {
  const published: PartialDate = {
    value: r.published_value,
    precision: r.published_precision as PartialDate['precision'],
    evidence: r.published_evidence,
  };
  if (r.published_kind) published.kind = r.published_kind as PartialDate['kind'];
  return {
    ...json<Record<string, unknown>>(r.extra, {}),
    id: r.id,
    origin: r.origin,
    title: r.title,
    source: r.source,
    language: r.language,
    published,
    body: json<string[]>(r.body, []),
    captions: json<string[]>(r.captions, []),
    removed: json<Article['removed']>(r.removed, []),
    raw: r.raw,
    charset: r.charset,
    duplicateOf: r.duplicate_of,
    ingestedAt: r.ingested_at,
  };
}

/** The text the full-text index covers, in the order snippets look for a match. */
export function searchableText(a: Pick<Article, 'title' | 'body'>): { title: string; body: string } {
  return { title: a.title ?? '', body: (a.body ?? []).join('\n\n') };
}

export interface CheckedFilter {
  source?: string;
  language?: string;
  from?: string;
  to?: string;
  entity?: string;
  limit: number;
  offset: number;
}

const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Validate a filter. `from`/`to` are date prefixes (`2024`, `2024-11`, `2024-11-12`) compared
 * with the same-length prefix of the published value, inclusive; values without a known year
 * (`XXXX-11-18`) or without a value never fall in a range. `limit` defaults to 100 and is capped
 * at 1000.
 */
export function checkFilter(f: ArticleFilter = {}): CheckedFilter {
  for (const key of ['from', 'to'] as const) {
    const v = f[key];
    if (v !== undefined && !DATE_PREFIX.test(v)) {
      throw new TinlineError('BAD_OPTION', `${key} must be YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(v)}`);
    }
  }
  return {
    source: f.source,
    language: f.language,
    from: f.from,
    to: f.to,
    entity: f.entity,
    limit: checkLimit(f.limit, LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT),
    offset: checkOffset(f.offset),
  };
}

export function checkLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new TinlineError('BAD_OPTION', `limit must be a whole number ≥ 0, got ${limit}`);
  }
  return Math.min(limit, max);
}

export function checkOffset(offset: number | undefined): number {
  if (offset === undefined) return 0;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new TinlineError('BAD_OPTION', `offset must be a whole number ≥ 0, got ${offset}`);
  }
  return offset;
}

/** The error for a prefix that fits several articles (`candidates` are some of them). */
export function ambiguousPrefix(prefix: string, candidates: string[]): TinlineError {
  return new TinlineError(
    'USAGE',
    `ambiguous id prefix ${JSON.stringify(prefix)}: matches ${candidates.slice(0, 2).join(', ')}${candidates.length > 2 ? ', …' : ''}; give more characters`,
  );
}
