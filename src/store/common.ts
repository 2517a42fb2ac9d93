// What every store does the same way: how an Article maps to a row and back, and how list
// filters and limits are checked. The PostgreSQL store uses these too, so both stores accept
// and return exactly the same things.
import { TinlineError } from '../errors.ts';
import type { Analysis, Article, PartialDate } from '../types.ts';
import { foldForSearch } from './search.ts';
import type { ArticleFilter, PutResult } from './types.ts';

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

// ---- the stored analysis ------------------------------------------------------------------------
//
// An analysis repeats its article: every token and sentence carries its text, which is a slice of
// the body (`body.join('\n\n')`). Stored as is, the analysis is ~9× the body and writing it costs
// more than the article itself. So a span list whose every item is exactly `{start, end, text}`
// with `text` the slice of the body at [start, end) is stored as `{"$spans": [gap, length, …]}`
// (gap = start − the previous end) and rebuilt from the body on read. Anything else (a list that
// does not fit, any other field) is stored as it is, and old rows (plain arrays) read as they are,
// so any analysis round-trips exactly, whatever wrote it.

/** Fields of an Analysis that are span lists worth storing as offsets. */
const SPAN_FIELDS = new Set(['sentences', 'tokens']);
/** Lists of objects that open with `start`, `end` and a `surface` cut from the body: mentions, times. */
const SURFACED_FIELDS = new Set(['mentions', 'times']);

interface StoredSpans {
  $spans: number[];
}

function compactSpans(list: unknown, body: string): StoredSpans | null {
  if (!Array.isArray(list)) return null;
  const out: number[] = new Array(list.length * 2);
  let prev = 0;
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as { start?: unknown; end?: unknown; text?: unknown } | null;
    if (item === null || typeof item !== 'object') return null;
    const { start, end, text } = item;
    if (typeof start !== 'number' || typeof end !== 'number' || typeof text !== 'string') return null;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > body.length) return null;
    if (end - start !== text.length || !body.startsWith(text, start)) return null;
    // Exactly these three keys, in this order: the rebuilt object must serialize the same.
    let k = 0;
    for (const key in item) {
      if (key !== (k === 0 ? 'start' : k === 1 ? 'end' : k === 2 ? 'text' : '')) return null;
      k++;
    }
    if (k !== 3) return null;
    out[2 * i] = start - prev;
    out[2 * i + 1] = end - start;
    prev = end;
  }
  return { $spans: out };
}

interface StoredSurfaced {
  /** Per item: its start minus the previous item's start, its length, and its other keys. */
  $surfaced: (number | Record<string, unknown>)[];
}

/**
 * A mention or time expression repeats its text and names its offsets in every row: about half of a
 * stored analysis. Stored as offsets and the other keys, in their order, it reads back the same.
 */
function compactSurfaced(list: unknown, body: string): StoredSurfaced | null {
  if (!Array.isArray(list)) return null;
  const out: StoredSurfaced['$surfaced'] = new Array(list.length * 3);
  let prev = 0;
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as Record<string, unknown> | null;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
    const { start, end, surface } = item;
    if (typeof start !== 'number' || typeof end !== 'number' || typeof surface !== 'string') return null;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > body.length) return null;
    if (end - start !== surface.length || !body.startsWith(surface, start)) return null;
    const rest: Record<string, unknown> = {};
    let k = 0;
    for (const key in item) {
      // `start`, `end`, `surface` first and in this order: the rebuilt object must serialize the same.
      if (k < 3 ? key !== (k === 0 ? 'start' : k === 1 ? 'end' : 'surface') : key === '__proto__') return null;
      if (k >= 3) rest[key] = item[key];
      k++;
    }
    out[3 * i] = start - prev;
    out[3 * i + 1] = end - start;
    out[3 * i + 2] = rest;
    prev = start;
  }
  return { $surfaced: out };
}

function expandSurfaced(stored: StoredSurfaced, body: string): Record<string, unknown>[] {
  const s = stored.$surfaced;
  const out = new Array<Record<string, unknown>>(Math.floor(s.length / 3));
  let prev = 0;
  for (let i = 0; i < out.length; i++) {
    const start = prev + (s[3 * i] as number);
    const end = start + (s[3 * i + 1] as number);
    out[i] = { start, end, surface: body.slice(start, end), ...(s[3 * i + 2] as Record<string, unknown>) };
    prev = start;
  }
  return out;
}

function expandSpans(stored: StoredSpans, body: string): { start: number; end: number; text: string }[] {
  const s = stored.$spans;
  const out = new Array<{ start: number; end: number; text: string }>(s.length >> 1);
  let prev = 0;
  for (let i = 0; i < out.length; i++) {
    const start = prev + s[2 * i]!;
    const end = start + s[2 * i + 1]!;
    out[i] = { start, end, text: body.slice(start, end) };
    prev = end;
  }
  return out;
}

/**
 * The analysis as stored (JSON text). `bodyText` is the article's `body.join('\n\n')`, the text
 * the analysis' offsets point into. Read it back with `decodeAnalysis`.
 */
export function encodeAnalysis(analysis: Analysis, bodyText: string): string {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(analysis)) {
    const value = (analysis as unknown as Record<string, unknown>)[key];
    out[key] = (SPAN_FIELDS.has(key) && compactSpans(value, bodyText)) || (SURFACED_FIELDS.has(key) && compactSurfaced(value, bodyText)) || value;
  }
  return JSON.stringify(out);
}

/**
 * An analysis from what `encodeAnalysis` wrote, or from a plain `JSON.stringify(analysis)` (older
 * rows; a driver may hand back parsed JSON too). `bodyText` is asked for only when needed.
 */
export function decodeAnalysis(data: unknown, bodyText: string | (() => string)): Analysis {
  const parsed = (typeof data === 'string' ? JSON.parse(data) : data) as Record<string, unknown>;
  let body: string | null = typeof bodyText === 'string' ? bodyText : null;
  for (const key of SPAN_FIELDS) {
    const value = parsed[key] as StoredSpans | undefined;
    if (value && !Array.isArray(value) && Array.isArray(value.$spans)) {
      body ??= (bodyText as () => string)();
      parsed[key] = expandSpans(value, body);
    }
  }
  for (const key of SURFACED_FIELDS) {
    const value = parsed[key] as StoredSurfaced | undefined;
    if (value && !Array.isArray(value) && Array.isArray(value.$surfaced)) {
      body ??= (bodyText as () => string)();
      parsed[key] = expandSurfaced(value, body);
    }
  }
  return parsed as unknown as Analysis;
}

/**
 * An article made ready for a store: the analysis encoded and the search text folded. This is the
 * CPU-heavy part of a write, so ingest does it in its worker threads and the main thread only writes.
 */
export interface PreparedArticle {
  article: Article;
  /** `encodeAnalysis` output, or null for no analysis. */
  analysis: string | null;
  /** `foldForSearch` of `searchableText(article)`. */
  search: { title: string; body: string };
}

export function prepareArticle(article: Article, analysis?: Analysis | null): PreparedArticle {
  const text = searchableText(article);
  return {
    article,
    analysis: analysis ? encodeAnalysis(analysis, text.body) : null,
    search: { title: foldForSearch(text.title), body: foldForSearch(text.body) },
  };
}

/** A store that takes prepared articles (see PreparedArticle); `putArticle` does the same work itself. */
export interface PreparedWriter {
  putPrepared(prepared: PreparedArticle): Promise<PutResult>;
}

export function acceptsPrepared<S extends object>(store: S): store is S & PreparedWriter {
  return typeof (store as Partial<PreparedWriter>).putPrepared === 'function';
}
