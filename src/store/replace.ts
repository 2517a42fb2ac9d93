// putEntities and putStories replace a whole set, but a rebuild after a few new articles hands back
// sets that are ~99% what is stored: writing every row again cost ~0.6 s at 20,000 articles. So
// both stores read what is stored (an id, a position and a content hash per row, migration 10) and
// write only the difference. This file plans that difference; the stores only carry it out, so
// SQLite and PostgreSQL decide it the same way.
//
// Order: readers list rows by `position`. Positions are sparse (POSITION_GAP apart when written
// fresh), so a row that is new or moves takes a position between its neighbours and the others
// keep theirs; which rows keep theirs is the longest run already in the given order (a longest
// increasing subsequence of their stored positions), so one row moving is one row written, not
// every row after it. When there is no integer left between two neighbours, every row is written
// again with fresh positions: what every put did before, now rare.
//
// Links carry no order of their own (they list by article, mention) and are keyed by article: a
// row per article in `entity_link_sets` holds the hash of that article's links, and an article's
// links are written again only when that hash changes. A hash of NULL (rows from before migration
// 10) never matches, so such rows are written again on the next put.
import { hash } from 'node:crypto';
import { TinlineError } from '../errors.ts';
import type { Entity, EntityLink, Story, StoryEvent } from '../types.ts';

/** The distance between positions written fresh: 24 halvings of a gap before a full rewrite. */
export const POSITION_GAP = 2 ** 24;

/** The content hash stored beside a row: of exactly the text stored as its data. */
export function contentHash(text: string): string {
  // sha256 for its SHA-NI speed here (faster than sha1 or md5 on these rows) and no known collisions.
  return hash('sha256', text, 'base64');
}

// The typed columns of each table besides position, id, data and hash, and their values.
export const ENTITY_COLUMNS = ['type', 'name'];
export const entityValues = (e: Entity): (string | null)[] => [e.type, e.name];
export const EVENT_COLUMNS = ['date_value', 'date_precision', 'title'];
export const eventValues = (e: StoryEvent): (string | null)[] => [e.date?.value ?? null, e.date?.precision ?? null, e.title];
export const STORY_COLUMNS = ['title'];
export const storyValues = (s: Story): (string | null)[] => [s.title];

export interface StoredRow {
  id: string;
  position: number;
  hash: string | null;
}

export interface RowWrite<T> {
  row: T;
  /** `JSON.stringify(row)`, the stored data column. */
  data: string;
  hash: string;
}

export interface RowChanges<T> {
  /** Stored rows to delete before anything is inserted: rows gone, and rows moving elsewhere. */
  remove: string[];
  /** Rows to insert: new ones and those that move, at their new positions. */
  insert: (RowWrite<T> & { position: number })[];
  /** Rows that keep their position but whose content changed. */
  update: RowWrite<T>[];
}

/**
 * What to write so that the stored rows become exactly `given`, in that order. Throws
 * STORE_FAILED for an id given twice (nothing written yet), as the unique id column did before.
 */
export function diffRows<T extends { id: string }>(what: string, given: readonly T[], stored: Iterable<StoredRow>): RowChanges<T> {
  const before = new Map<string, StoredRow>();
  for (const r of stored) before.set(r.id, r);
  const seen = new Set<string>();
  const data = given.map((row) => {
    if (seen.has(row.id)) throw new TinlineError('STORE_FAILED', `${what} ${row.id} given twice`);
    seen.add(row.id);
    return JSON.stringify(row);
  });
  const keep = keptPositions(given.map((row) => before.get(row.id)?.position));
  const positions = placeRest(keep);
  if (!positions) return rewriteAll(given, data, before);
  const out: RowChanges<T> = { remove: [], insert: [], update: [] };
  for (const r of before.values()) if (!seen.has(r.id)) out.remove.push(r.id);
  given.forEach((row, i) => {
    const h = contentHash(data[i]!);
    if (keep[i] === undefined) {
      if (before.has(row.id)) out.remove.push(row.id);
      out.insert.push({ row, data: data[i]!, hash: h, position: positions[i]! });
    } else if (before.get(row.id)!.hash !== h) out.update.push({ row, data: data[i]!, hash: h });
  });
  return out;
}

function rewriteAll<T extends { id: string }>(given: readonly T[], data: string[], before: Map<string, StoredRow>): RowChanges<T> {
  return {
    remove: [...before.keys()],
    insert: given.map((row, i) => ({ row, data: data[i]!, hash: contentHash(data[i]!), position: i * POSITION_GAP })),
    update: [],
  };
}

/**
 * For each given row, its stored position if it keeps it, else undefined: the rows kept are a
 * longest run of stored rows whose positions already increase in the given order.
 */
function keptPositions(stored: (number | undefined)[]): (number | undefined)[] {
  // Patience sorting: tails[k] is the index of the smallest last position of a run of length k + 1.
  const tails: number[] = [];
  const prev = new Int32Array(stored.length).fill(-1);
  for (let i = 0; i < stored.length; i++) {
    const p = stored[i];
    if (p === undefined) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (stored[tails[mid]!]! < p) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep: (number | undefined)[] = new Array(stored.length).fill(undefined);
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep[i] = stored[i];
  return keep;
}

/**
 * Positions for every row: kept rows keep theirs, each run of others is spread evenly over the
 * gap between its kept neighbours (POSITION_GAP apart before the first or after the last).
 * Null when some gap is too narrow for its run.
 */
function placeRest(keep: (number | undefined)[]): number[] | null {
  const out = new Array<number>(keep.length);
  let i = 0;
  while (i < keep.length) {
    if (keep[i] !== undefined) {
      out[i] = keep[i]!;
      i++;
      continue;
    }
    let j = i;
    while (j < keep.length && keep[j] === undefined) j++;
    const n = j - i;
    const lo = i > 0 ? out[i - 1]! : undefined;
    const hi = j < keep.length ? keep[j]! : undefined;
    let first: number;
    let step: number;
    if (lo === undefined && hi === undefined) [first, step] = [0, POSITION_GAP];
    else if (lo === undefined) [first, step] = [hi! - n * POSITION_GAP, POSITION_GAP];
    else if (hi === undefined) [first, step] = [lo + POSITION_GAP, POSITION_GAP];
    else {
      step = Math.floor((hi - lo) / (n + 1));
      if (step < 1) return null;
      first = lo + step;
    }
    const last = first + (n - 1) * step;
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) return null;
    for (let k = 0; k < n; k++) out[i + k] = first + k * step;
    i = j;
  }
  return out;
}

export interface StoredLinkSet {
  article: string;
  hash: string | null;
}

export interface LinkChanges {
  /** Articles whose stored links are all deleted first (gone, or written again). */
  clear: string[];
  /** Articles left with no links: their `entity_link_sets` row goes too. */
  gone: string[];
  /** `entity_link_sets` rows to insert or replace. */
  sets: { article: string; hash: string }[];
  /** Links to insert (those of the articles in `sets`). */
  insert: EntityLink[];
}

/** What to write so that the stored links become exactly `given` (a multiset, as before). */
export function diffLinks(given: readonly EntityLink[], stored: Iterable<StoredLinkSet>): LinkChanges {
  const sets = linkSetHashes(given);
  const before = new Map<string, string | null>();
  for (const s of stored) before.set(s.article, s.hash);
  const out: LinkChanges = { clear: [], gone: [], sets: [], insert: [] };
  for (const article of before.keys()) {
    if (!sets.has(article)) {
      out.clear.push(article);
      out.gone.push(article);
    }
  }
  const rewrite = new Set<string>();
  for (const [article, h] of sets) {
    const was = before.get(article);
    if (was === h) continue;
    if (was !== undefined) out.clear.push(article);
    out.sets.push({ article, hash: h });
    rewrite.add(article);
  }
  if (rewrite.size) out.insert = given.filter((l) => rewrite.has(l.article));
  return out;
}

/**
 * The hash of each article's links. The link stage gives them sorted by article, so each article's
 * are taken as one run (gathering 100,000 links by article cost twice as much); links in any other
 * order are gathered first.
 */
function linkSetHashes(given: readonly EntityLink[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < given.length;) {
    const article = given[i]!.article;
    if (out.has(article)) return linkSetHashesAnyOrder(given);
    const lines: string[] = [];
    for (; i < given.length && given[i]!.article === article; i++) lines.push(linkLine(given[i]!));
    out.set(article, contentHash(linkSetText(lines)));
  }
  return out;
}

function linkSetHashesAnyOrder(given: readonly EntityLink[]): Map<string, string> {
  const lines = new Map<string, string[]>();
  for (const l of given) {
    const list = lines.get(l.article);
    if (list) list.push(linkLine(l));
    else lines.set(l.article, [linkLine(l)]);
  }
  const out = new Map<string, string>();
  for (const [article, list] of lines) out.set(article, contentHash(linkSetText(list)));
  return out;
}

/** A link without its article, as text no other link has (both strings carry their length). */
function linkLine(l: EntityLink): string {
  return `${l.mentionIndex} ${l.entity.length}:${l.entity}${l.reason.length}:${l.reason}`;
}

/** One article's links as text that does not depend on the order they were given in. */
function linkSetText(lines: string[]): string {
  for (let i = 1; i < lines.length; i++) {
    if (lines[i - 1]! > lines[i]!) {
      lines.sort();
      break;
    }
  }
  return lines.join('');
}
