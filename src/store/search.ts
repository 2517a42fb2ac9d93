// Query parsing and snippets shared by every store. Search runs on a diacritic-folded copy of the
// text (`foldKey`: NFD, strip marks, đ→d, lower case), so `da nang`, `Đà Nẵng` and
// `ĐÀ NẴNG` are one query. Folding happens per grapheme-ish cluster (a base character and the
// combining marks after it) so that (1) NFC and NFD input fold the same, (2) folding never depends
// on context (JS lower-casing of `Σ` does), and (3) every folded character maps back to the
// original text: snippets are cut from the accented original, not from the folded copy.
import { foldKey } from '../decode/fold.ts';

/** How many of the newest matches a search ranks (see the stores' search()). */
export const SEARCH_CANDIDATES = 2000;
export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 1000;
/** Width of a snippet in characters of the original text (before the `…` marks). */
export const SNIPPET_WIDTH = 160;

// Bounds so that a pasted page of text cannot build a query the engine chokes on.
const MAX_QUERY_CHARS = 2000;
const MAX_PHRASES = 16;
const MAX_TOKENS_PER_PHRASE = 16;
const MAX_ALTERNATIVES = 16;

// A base character (or a lone mark) with the combining marks that follow it — decomposed Hangul
// (leading consonant, vowel, optional trailing consonant jamo) is the one case where NFC composes
// characters that are not marks, so it is one cluster too — minus the clusters that fold to
// themselves (ASCII other than capitals, with no marks after it): most of a Vietnamese or English
// text, so skipping them makes indexing fast.
const CHANGING_CLUSTER = /[\u1100-\u115f][\u1160-\u11a7][\u11a8-\u11ff]?\p{M}*|[^\0-\x40\x5b-\x7f]\p{M}*|[\0-\x40\x5b-\x7f]\p{M}+|\p{M}+/gu;
// Token characters: letters, marks, digits, private use — the same classes FTS5's unicode61
// keeps. Everything else (spaces, punctuation, FTS operators' symbols) separates tokens.
const TOKEN = /[\p{L}\p{M}\p{N}\p{Co}]+/gu;
const HAS_ALNUM = /[\p{L}\p{N}]/u;
const CURLY_QUOTES = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/g;

const clusterCache = new Map<string, string>();

function foldCluster(cluster: string): string {
  let folded = clusterCache.get(cluster);
  if (folded === undefined) {
    folded = foldKey(cluster);
    if (clusterCache.size < 50_000) clusterCache.set(cluster, folded);
  }
  return folded;
}

// Fast path: most changing clusters are one precomposed BMP character with no mark after it
// (Vietnamese `ư`, `ệ`, `Đ`; capitals). Those fold through a per-code-unit table, the rest through
// the CHANGING_CLUSTER regex at that position, so the result is exactly `text.replace(
// CHANGING_CLUSTER, foldCluster)` at a fraction of the cost (a regex match per accented letter
// was most of the time of indexing a Vietnamese article).
const CHANGING_AT = new RegExp(CHANGING_CLUSTER.source, 'uy');
let markUnits: Uint8Array | null = null;
const unitFolds: (string | undefined)[] = [];

/** 1 for a BMP code unit that is a combining mark (\p{M}), built once on first use. */
function marks(): Uint8Array {
  if (markUnits) return markUnits;
  const t = new Uint8Array(0x10000);
  const mark = /\p{M}/u;
  for (let c = 0x300; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (mark.test(String.fromCharCode(c))) t[c] = 1;
  }
  return (markUnits = t);
}

let outBuf = new Uint16Array(4096);

const utf16 = new TextDecoder('utf-16le');

// TextDecoder would replace a lone surrogate, which folding must keep: text with surrogates
// is rebuilt unit by unit.
function unitsToString(units: Uint16Array, length: number, surrogates: boolean): string {
  if (!surrogates) return utf16.decode(units.subarray(0, length));
  let s = '';
  for (let at = 0; at < length; at += 8192) {
    s += String.fromCharCode.apply(null, units.subarray(at, Math.min(length, at + 8192)) as unknown as number[]);
  }
  return s;
}

/** The folded form stored in (and searched by) the full-text index. */
export function foldForSearch(text: string): string {
  const isMark = marks();
  const n = text.length;
  if (outBuf.length < 2 * n + 16) outBuf = new Uint16Array(2 * n + 16);
  let out = outBuf;
  let o = 0;
  let changed = false;
  let surrogates = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    // A surrogate next may start an astral mark: leave that to the regex.
    const markNext = isMark[next] === 1 || (next >= 0xd800 && next <= 0xdfff);
    if (c < 0x80 && !(c >= 0x41 && c <= 0x5a) && !markNext) { out[o++] = c; i++; continue; } // folds to itself
    let folded: string;
    let len: number;
    if (!markNext && !(c >= 0xd800 && c <= 0xdfff) && !(c >= 0x1100 && c <= 0x115f) && isMark[c] !== 1) {
      folded = unitFolds[c] ??= foldKey(String.fromCharCode(c));
      len = 1;
    } else {
      CHANGING_AT.lastIndex = i;
      const m = CHANGING_AT.exec(text);
      // No match: an ASCII letter or digit before an astral character that is not a mark.
      folded = m ? foldCluster(m[0]) : text[i]!;
      len = m ? m[0].length : 1;
    }
    if (o + folded.length + 2 > out.length) {
      const bigger = new Uint16Array(2 * (o + folded.length + n - i) + 16);
      bigger.set(out.subarray(0, o));
      out = outBuf = bigger;
    }
    if (folded.length === 1 && len === 1) {
      const f = folded.charCodeAt(0);
      if (f !== c) changed = true;
      out[o++] = f;
    } else {
      if (!changed && (folded.length !== len || folded !== text.slice(i, i + len))) changed = true;
      for (let k = 0; k < folded.length; k++) out[o++] = folded.charCodeAt(k);
    }
    i += len;
  }
  return changed ? unitsToString(out, o, surrogates) : text;
}

/** The definition foldForSearch is a fast version of (kept for tests). */
export function foldForSearchSlow(text: string): string {
  return text.replace(CHANGING_CLUSTER, foldCluster);
}

export interface FoldedText {
  folded: string;
  /**
   * `offsets[i]` is the index in the original text of the cluster that produced `folded[i]`;
   * `offsets[folded.length]` is the original's length, so a folded range [s, e) maps to
   * [offsets[s], offsets[e]).
   */
  offsets: number[];
}

export function foldWithOffsets(text: string): FoldedText {
  const parts: string[] = [];
  const offsets: number[] = [];
  let at = 0;
  // Text between changing clusters is copied as is, one offset per character.
  for (const m of text.matchAll(CHANGING_CLUSTER)) {
    for (let i = at; i < m.index; i++) offsets.push(i);
    parts.push(text.slice(at, m.index));
    const f = foldCluster(m[0]);
    for (let k = 0; k < f.length; k++) offsets.push(m.index);
    parts.push(f);
    at = m.index + m[0].length;
  }
  for (let i = at; i < text.length; i++) offsets.push(i);
  parts.push(text.slice(at));
  offsets.push(text.length);
  return { folded: parts.join(''), offsets };
}

export interface TextToken {
  text: string;
  start: number;
  end: number;
}

/** Split already-folded text into tokens (with offsets into it). */
export function tokenize(folded: string): TextToken[] {
  const out: TextToken[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    if (HAS_ALNUM.test(m[0])) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function foldedTokens(text: string): string[] {
  return tokenize(foldForSearch(text)).map((t) => t.text);
}

export interface ParsedQuery {
  /** All must match. Each phrase is its folded tokens, in order, adjacent. */
  phrases: string[][];
  /** Other phrasings; any one of them matching is a hit too (ORed with `phrases`). */
  alternatives: string[][];
}

/**
 * Parse a user query: `"quoted text"` is a phrase; every other whitespace-separated word is a
 * phrase of its own tokens (`12/11` → `12 11`, `e-mail` → `e mail`). Operators and punctuation are
 * never syntax, only separators, so any input parses. Each alternative is one phrase.
 */
export function parseQuery(query: string, alternatives: readonly string[] = []): ParsedQuery {
  const q = query.slice(0, MAX_QUERY_CHARS).replace(CURLY_QUOTES, '"');
  const phrases: string[][] = [];
  for (const m of q.matchAll(/"([^"]*)"?|[^\s"]+/g)) {
    const tokens = foldedTokens(m[1] ?? m[0]).slice(0, MAX_TOKENS_PER_PHRASE);
    if (tokens.length) phrases.push(tokens);
    if (phrases.length >= MAX_PHRASES) break;
  }
  const alts: string[][] = [];
  for (const alt of alternatives.slice(0, MAX_ALTERNATIVES)) {
    const tokens = foldedTokens(alt.slice(0, MAX_QUERY_CHARS)).slice(0, MAX_TOKENS_PER_PHRASE);
    if (tokens.length) alts.push(tokens);
  }
  return { phrases: dedupe(phrases), alternatives: dedupe(alts) };
}

function dedupe(phrases: string[][]): string[][] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const key = p.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.phrases.length === 0 && q.alternatives.length === 0;
}

/**
 * An SQLite FTS5 MATCH expression, or null when nothing is searchable. Every phrase is written
 * as a double-quoted FTS5 string; tokens hold only letters, marks and digits, so no user input
 * can reach FTS5 syntax (`OR`, `NEAR`, `*`, `:`, `-`, parentheses are all plain text or gone).
 */
export function toFts5Query(q: ParsedQuery): string | null {
  const parts: string[] = [];
  if (q.phrases.length) parts.push(`(${q.phrases.map(fts5Phrase).join(' AND ')})`);
  for (const alt of q.alternatives) parts.push(fts5Phrase(alt));
  return parts.length ? parts.join(' OR ') : null;
}

function fts5Phrase(tokens: string[]): string {
  return `"${tokens.join(' ').replace(/"/g, '""')}"`;
}

/**
 * A PostgreSQL `to_tsquery('simple', …)` expression over the same folded tokens, or null:
 * phrases become `a <-> b`, words are ANDed, alternatives ORed.
 */
export function toTsQuery(q: ParsedQuery): string | null {
  const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const phrase = (p: string[]) => (p.length === 1 ? lexeme(p[0]!) : `(${p.map(lexeme).join(' <-> ')})`);
  const parts: string[] = [];
  if (q.phrases.length) parts.push(`(${q.phrases.map(phrase).join(' & ')})`);
  for (const alt of q.alternatives) parts.push(phrase(alt));
  return parts.length ? parts.join(' | ') : null;
}

/**
 * Where a phrase of the query (or of its alternatives) occurs in `text`, in original offsets:
 * the first match on the first line that has one; a phrase split over a line break is found
 * only when no single line matches.
 */
export function firstMatch(text: string, q: ParsedQuery): { start: number; end: number } | null {
  const all = [...q.phrases, ...q.alternatives];
  if (!all.length) return null;
  // Most hits match early: look line by line and stop at the first match; only a phrase that
  // runs across a line break needs the whole text.
  let base = 0;
  for (const line of text.split('\n')) {
    const m = matchIn(line, all);
    if (m) return { start: base + m.start, end: base + m.end };
    base += line.length + 1;
  }
  return all.some((p) => p.length > 1) ? matchIn(text, all) : null;
}

function matchIn(text: string, phrases: string[][]): { start: number; end: number } | null {
  const folded = foldForSearch(text);
  // Cheap rejection: every token of a matching phrase occurs somewhere in the folded text.
  if (!phrases.some((p) => p.every((t) => folded.includes(t)))) return null;
  const { offsets } = foldWithOffsets(text);
  const tokens = tokenize(folded);
  for (let i = 0; i < tokens.length; i++) {
    for (const p of phrases) {
      if (i + p.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < p.length && ok; k++) ok = tokens[i + k]!.text === p[k];
      if (ok) return { start: offsets[tokens[i]!.start]!, end: offsets[tokens[i + p.length - 1]!.end]! };
    }
  }
  return null;
}

/**
 * About `width` characters of `text` around the first match, cut at spaces, whitespace collapsed,
 * `…` where text was cut. Without a match, the start of the text.
 */
export function makeSnippet(text: string, q: ParsedQuery, width: number = SNIPPET_WIDTH): string {
  const hit = firstMatch(text, q);
  let start = 0;
  if (hit) {
    // Show a little context before the match, more after it (reading runs forwards).
    const lead = Math.max(0, Math.min(Math.floor((width - (hit.end - hit.start)) / 3), 60));
    start = Math.max(0, hit.start - lead);
    if (start > 0) {
      const space = text.slice(start, hit.start).search(/\s/);
      if (space >= 0) start += space + 1;
    }
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const cut = text.slice(start, end).search(/\s\S*$/);
    if (cut > 0 && start + cut >= (hit?.end ?? 0)) end = start + cut;
  }
  // Never split a surrogate pair.
  if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1] ?? '')) end--;
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}
