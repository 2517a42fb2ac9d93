// Tokens. Punctuation is not a token: tokens are words (a Vietnamese word may be several syllables,
// `Hà Nội`, `phỏng vấn`), numbers (`1.000`, `3,5`, `2/11/2023`) and dotted abbreviations (`TP.HCM`,
// `U.S.`). A word keeps internal hyphens and apostrophes (`Trung-Nga`, `COVID-19`, `don't`). A final
// abbreviation dot outside a dotted form (`Mr.`) is left out of the token.
import type { Sentence, Token } from '../types.ts';
import { isLetterOrMarkUnit, isNumberUnit, isSpaceUnit, isSurrogate, isWordUnit } from './chars.ts';
import type { LanguageTables } from './lang/types.ts';
import { syllableInfo, syllableInfoAt, type SyllableInfo } from './syllable.ts';

export type PieceKind = 'word' | 'number' | 'abbr' | 'punct';

/** A piece of text before words are joined: one syllable, number, dotted abbreviation or mark. */
export interface Piece {
  start: number;
  end: number;
  text: string;
  kind: PieceKind;
  /** Lookup key (`syllableKey`; the mark itself for punctuation), filled in by `keyPieces`. */
  key?: string;
  /** The syllable record behind `key` (not for punctuation), filled in by `keyPieces`. */
  info?: SyllableInfo;
}

/** Fills in each piece's lookup key once, for every stage that reads the same pieces. */
export function keyPieces(ps: Piece[]): void {
  for (const p of ps) {
    if (p.key !== undefined) continue;
    if (p.kind === 'punct') p.key = p.text;
    else {
      p.info = syllableInfo(p.text);
      p.key = p.info.key;
    }
  }
}

const SEG = '(?:\\p{Lu}[\\p{L}\\p{M}]{0,3}|\\p{L}\\p{M}*)';
const PIECE = new RegExp(
  `(${SEG}(?:\\.${SEG})+\\.?(?![\\p{L}\\p{M}\\p{N}]))` +
    '|(\\p{N}+(?:[.,:/]\\p{N}+)*)' +
    "|([\\p{L}\\p{M}\\p{N}]+(?:['’\\-‑][\\p{L}\\p{M}\\p{N}]+)*)" +
    '|([^\\s\\p{L}\\p{M}\\p{N}])',
  'gu',
);

// The same pattern, tried at one position (sticky): the scanner below hands it the rare spots it
// does not settle itself.
const PIECE_AT = new RegExp(PIECE.source, 'uy');
const SURROGATES = /[\uD800-\uDFFF]/;

const pieceKind = (m: RegExpExecArray): PieceKind => (m[1] ? 'abbr' : m[2] ? 'number' : m[3] ? 'word' : 'punct');

/**
 * A piece already keyed. Built by a constructor, not an object literal: V8 tracks where each literal
 * is allocated and, seeing a document's pieces live through a scavenge, starts allocating all of that
 * literal's objects in the old generation, where these short-lived ones cost far more to make and free.
 */
class KeyedPiece implements Piece {
  start: number;
  end: number;
  text: string;
  kind: PieceKind;
  key: string;
  info: SyllableInfo | undefined;
  constructor(start: number, end: number, text: string, kind: PieceKind, info: SyllableInfo | undefined) {
    this.start = start;
    this.end = end;
    this.text = text;
    this.kind = kind;
    this.key = info === undefined ? text : info.key;
    this.info = info;
  }
}
const keyed = (start: number, end: number, text: string, kind: PieceKind, info: SyllableInfo | undefined): Piece =>
  new KeyedPiece(start, end, text, kind, info);

/** A piece of `text[start, end)`; its text is the remembered spelling when there is one (no new string). */
function pieceAt(text: string, start: number, end: number, kind: PieceKind): Piece {
  const info = syllableInfoAt(text, start, end);
  return keyed(start, end, info.text, kind, info);
}

/** The pieces of `text[start, end)`. */
export function pieces(text: string, start = 0, end = text.length): Piece[] {
  // Code points outside the BMP: the pattern itself, which reads code points (the scanner says when
  // it meets one).
  return scanPieces(text, start, end) ?? piecesByPattern(text, start, end);
}

/**
 * The pieces of the whole text when it is all in the BMP (else null): they need no language, so they
 * can be read before the language is known, and `piecesBySentence` cuts them up afterwards.
 */
export function textPieces(text: string): Piece[] | null {
  return scanPieces(text, 0, text.length);
}

/**
 * `sentences.map((s) => pieces(text, s.start, s.end))`, cut from the text's own pieces (`textPieces`).
 * A sentence ends at white space or after an end mark or closing quote that no piece runs through, so
 * the text's pieces fall inside its sentences exactly as each sentence's own would; a sentence some
 * piece crosses into (none should) is split afresh.
 */
export function piecesBySentence(text: string, all: readonly Piece[], sentences: readonly { start: number; end: number }[]): Piece[][] {
  const out: Piece[][] = [];
  let k = 0;
  for (const s of sentences) {
    while (k < all.length && all[k]!.end <= s.start) k++;
    const from = k;
    while (k < all.length && all[k]!.end <= s.end) k++;
    const crossed = (from < all.length && all[from]!.start < s.start) || (k < all.length && all[k]!.start < s.end);
    out.push(crossed ? pieces(text, s.start, s.end) : all.slice(from, k));
  }
  return out;
}

/** `pieces` straight from the pattern (what the scanner must agree with; tests compare the two). */
export function piecesByPattern(text: string, start = 0, end = text.length): Piece[] {
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  const out: Piece[] = [];
  PIECE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PIECE.exec(slice))) {
    const kind = pieceKind(m);
    out.push(keyed(start + m.index, start + m.index + m[0].length, m[0], kind, kind === 'punct' ? undefined : syllableInfo(m[0])));
  }
  return out;
}

const isNumberJoiner = (c: number): boolean => c === 46 || c === 44 || c === 58 || c === 47; // . , : /
const isWordJoiner = (c: number): boolean => c === 39 || c === 0x2019 || c === 45 || c === 0x2011; // ' ’ - ‑

/**
 * PIECE's matches by hand over BMP text, alternative by alternative: a mark alone; a number, greedy;
 * a word, greedy. A dotted abbreviation can only start where the letters and marks from here run
 * into a `.`; there the pattern itself is tried.
 */
function scanPieces(text: string, start: number, end: number): Piece[] | null {
  const out: Piece[] = [];
  let slice: string | null = null;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpaceUnit(c)) {
      i++;
      continue;
    }
    if (!isWordUnit(c)) {
      // Half of a surrogate pair is neither space nor a word unit, and every run below stops at one.
      if (isSurrogate(c)) return null;
      out.push(keyed(i, i + 1, text[i]!, 'punct', undefined));
      i++;
      continue;
    }
    let j: number;
    if (isNumberUnit(c)) {
      j = i + 1;
      while (j < end && isNumberUnit(text.charCodeAt(j))) j++;
      while (j + 1 < end && isNumberJoiner(text.charCodeAt(j)) && isNumberUnit(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < end && isNumberUnit(text.charCodeAt(j))) j++;
      }
      out.push(pieceAt(text, i, j, 'number'));
      i = j;
      continue;
    }
    j = i + 1;
    while (j < end && isLetterOrMarkUnit(text.charCodeAt(j))) j++;
    // The dotted form needs a letter right after the dot (its next segment opens with one); else
    // the pattern would take the plain word below.
    if (j + 1 < end && text.charCodeAt(j) === 46 && isLetterOrMarkUnit(text.charCodeAt(j + 1))) {
      slice ??= start === 0 && end === text.length ? text : text.slice(start, end);
      PIECE_AT.lastIndex = i - start;
      const m = PIECE_AT.exec(slice)!;
      // A match through a code point outside the BMP: the pattern's own reading, for the whole span.
      if (SURROGATES.test(m[0])) return null;
      const e = i + m[0].length;
      const kind = pieceKind(m);
      out.push(kind === 'punct' ? keyed(i, e, m[0], kind, undefined) : pieceAt(text, i, e, kind));
      i = e;
      continue;
    }
    while (j < end && isWordUnit(text.charCodeAt(j))) j++;
    while (j + 1 < end && isWordJoiner(text.charCodeAt(j)) && isWordUnit(text.charCodeAt(j + 1))) {
      j += 2;
      while (j < end && isWordUnit(text.charCodeAt(j))) j++;
    }
    out.push(pieceAt(text, i, j, 'word'));
    i = j;
  }
  return out;
}

/** A pure syllable: letters only, so it may join a multi-syllable word. */
const SYLLABLE = /^[\p{L}\p{M}]+$/u;
function isSyllable(p: Piece): boolean {
  if (p.kind !== 'word') return false;
  const info = p.info;
  if (info === undefined || info.text !== p.text) return lettersOnly(p.text);
  if (info.letters < 0) info.letters = lettersOnly(p.text) ? 1 : 0;
  return info.letters === 1;
}
function lettersOnly(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isSurrogate(c)) return SYLLABLE.test(t);
    if (!isLetterOrMarkUnit(c)) return false;
  }
  return t.length > 0;
}

/** Joins syllables into words with the language's segmenter; returns the tokens of one sentence. */
export function tokenizeSentence(text: string, sentence: { start: number; end: number }, tables: LanguageTables, given?: Piece[]): Token[] {
  return tokenizeInto(text, sentence, tables, given, []);
}

/**
 * A token, filled in field by field: the result is a plain object like any literal's, but an object
 * literal here would soon have V8 allocate every token in the old generation (see `KeyedPiece`).
 */
function token(start: number, end: number, text: string): Token {
  const t = {} as Token;
  t.start = start;
  t.end = end;
  t.text = text;
  return t;
}

/** Word lengths of one run, reused from run to run. */
let lens = new Int32Array(256);

/** `tokenizeSentence`, appending to `out`. */
function tokenizeInto(text: string, sentence: { start: number; end: number }, tables: LanguageTables, given: Piece[] | undefined, out: Token[]): Token[] {
  const all = given ?? pieces(text, sentence.start, sentence.end);
  const seg = tables.segmenter?.();
  if (!seg) {
    for (const p of all) if (p.kind !== 'punct') out.push(token(p.start, p.end, p.text));
    return out;
  }
  // Runs of syllables separated by plain spaces only (punctuation and line breaks end a run).
  keyPieces(all);
  let i = 0;
  let firstWord = true;
  if (lens.length < all.length) lens = new Int32Array(all.length * 2);
  while (i < all.length) {
    const p = all[i]!;
    if (p.kind === 'punct') {
      i++;
      continue;
    }
    if (!isSyllable(p)) {
      out.push(token(p.start, p.end, p.text));
      firstWord = false;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < all.length) {
      const q = all[j]!;
      if (!isSyllable(q)) break;
      if (q.start !== all[j - 1]!.end + 1 || text.charCodeAt(q.start - 1) !== 32) break;
      j++;
    }
    const words = j - i === 1 ? ((lens[0] = 1), 1) : seg.splitPieces(all, i, j, firstWord, lens);
    let k = i;
    for (let w = 0; w < words; w++) {
      const len = lens[w]!;
      const s = all[k]!.start;
      const e = all[k + len - 1]!.end;
      out.push(token(s, e, len === 1 ? all[k]!.text : text.slice(s, e)));
      k += len;
    }
    firstWord = false;
    i = j;
  }
  return out;
}

/** Tokens of every sentence; `piecesBySentence` (from `pieces`) saves splitting the text twice. */
export function tokenize(text: string, sentences: readonly Sentence[], tables: LanguageTables, piecesBySentence?: Piece[][]): Token[] {
  // Not a `[]` literal: V8 took to allocating that literal's arrays in the old generation (they live
  // on in callers that keep analyses), and an old array keeps its young tokens alive through every
  // scavenge until the next full collection. `new Array()` stops collecting that feedback once its
  // elements are objects, so the array is made young like the tokens.
  const out: Token[] = new Array<Token>();
  sentences.forEach((s, i) => tokenizeInto(text, s, tables, piecesBySentence?.[i], out));
  return out;
}
