// Language of a text: ISO 639-1 (`vi`, `en`, …) or `und`.
// Chosen by bench/langid.ts (node --import tsx bench/langid.ts); see the numbers in the comment on
// detectLanguage. A Vietnamese check runs first because folded Vietnamese (no diacritics) fools
// every n-gram model, while its syllables are still plain to a lexicon lookup.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { isLetterOrMarkUnit } from './chars.ts';
import { viSegmenter } from './segment.ts';
import { syllableInfoAt, type SyllableInfo } from './syllable.ts';
import type { Piece } from './tokens.ts';

// franc answers in ISO 639-3; kept for bench/langid.ts and for callers that use franc themselves.
export const ISO3_TO_1: Record<string, string> = {
  vie: 'vi', eng: 'en', cmn: 'zh', zho: 'zh', rus: 'ru', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it',
  jpn: 'ja', kor: 'ko', tha: 'th', ind: 'id', zlm: 'ms', msa: 'ms', arb: 'ar', ara: 'ar', hin: 'hi', nld: 'nl',
  pol: 'pl', ukr: 'uk', tur: 'tr', swe: 'sv', khm: 'km', lao: 'lo', fil: 'tl', tgl: 'tl', ces: 'cs', ron: 'ro',
  hun: 'hu', ell: 'el', heb: 'he', fin: 'fi', dan: 'da', nob: 'no', bul: 'bg', srp: 'sr', hrv: 'hr', pes: 'fa',
};

const WORD = /[\p{L}\p{M}]+/gu;
const SURROGATES = /[\uD800-\uDFFF]/;
// Letters only Vietnamese uses among Latin scripts (with their tone marks): ơ ư ă đ and ạ-ỹ block.
const VI_LETTERS = /[ơưăđƠƯĂĐ\u1EA0-\u1EF9]/u;

/** Share of a text's words that are Vietnamese syllables in the lexicon, tone-mark blind. */
function vietnameseShare(text: string): { share: number; words: number; marked: boolean } {
  const seg = viSegmenter();
  let words = 0;
  let hits = 0;
  const count = (word: string): boolean => {
    words++;
    if (seg.hasFolded(word)) hits++;
    return words >= 60;
  };
  const countInfo = (info: SyllableInfo): boolean => {
    words++;
    if (seg.hasFoldedInfo(info)) hits++;
    return words >= 60;
  };
  if (SURROGATES.test(text)) {
    // Code points outside the BMP: the pattern itself (exec on the one pattern: matchAll would copy it).
    WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WORD.exec(text))) if (count(m[0])) break;
  } else {
    // WORD's matches by code unit: runs of letters and marks.
    const n = text.length;
    let i = 0;
    while (i < n) {
      while (i < n && !isLetterOrMarkUnit(text.charCodeAt(i))) i++;
      if (i >= n) break;
      const start = i;
      while (i < n && isLetterOrMarkUnit(text.charCodeAt(i))) i++;
      if (countInfo(syllableInfoAt(text, start, i))) break;
    }
  }
  return { share: words ? hits / words : 0, words, marked: VI_LETTERS.test(text) };
}

/** Whether `text[start, end)` has a letter only Vietnamese writes (`VI_LETTERS`), by code unit. */
function markedIn(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x1ea0 && c <= 0x1ef9) || c === 0x1a1 || c === 0x1b0 || c === 0x103 || c === 0x111 || c === 0x1a0 || c === 0x1af || c === 0x102 || c === 0x110) return true;
  }
  return false;
}

/**
 * `vietnameseShare(text.slice(start, end))` read off the text's pieces (`textPieces`, from index
 * `from`): WORD's runs of letters and marks lie inside word and abbreviation pieces, and a piece that
 * is one such run already carries its syllable record.
 */
function vietnameseShareIn(text: string, start: number, end: number, ps: readonly Piece[], from: number): { share: number; words: number; marked: boolean } {
  const seg = viSegmenter();
  let words = 0;
  let hits = 0;
  outer: for (let k = from; k < ps.length; k++) {
    const p = ps[k]!;
    if (p.start >= end) break;
    if (p.kind !== 'word' && p.kind !== 'abbr') continue;
    let i = p.start;
    while (i < p.end) {
      while (i < p.end && !isLetterOrMarkUnit(text.charCodeAt(i))) i++;
      if (i >= p.end) break;
      const s = i;
      while (i < p.end && isLetterOrMarkUnit(text.charCodeAt(i))) i++;
      words++;
      if (seg.hasFoldedInfo(s === p.start && i === p.end ? p.info! : syllableInfoAt(text, s, i))) hits++;
      if (words >= 60) break outer;
    }
  }
  return { share: words ? hits / words : 0, words, marked: markedIn(text, start, end) };
}

type Eld = (typeof import('eld/medium'))['eld'];
let eldInstance: Eld | null = null;
/**
 * eld (medium) loaded on first use: building its tables costs ~0.4 s of CPU, which a thread that only
 * ever sees Vietnamese (settled by the lexicon check) never needs to pay. The package exports ESM
 * only (`import` condition), so its entry is resolved as an import would and then required
 * synchronously (Node 20.19+ loads ES modules through require).
 */
export function eld(): Eld {
  if (!eldInstance) {
    const entry = fileURLToPath(import.meta.resolve('eld/medium'));
    eldInstance = (createRequire(import.meta.url)(entry) as typeof import('eld/medium')).eld;
  }
  return eldInstance;
}

/**
 * `eld.detect(text).language` (medium data) computed the same way with less garbage: eld's own text
 * clean-up (its separator pattern and byte dictionary, read from its files) and n-grams, but each
 * n-gram's scores read once into a flat array instead of a `for…in` over an object per use. The
 * scores are integers, so summing them in another order gives the same totals; the first highest
 * wins, as in eld. langid.test.ts compares the two.
 */
interface EldData {
  separators: RegExp;
  dictionary: readonly string[];
  table: NgramTable;
}

/**
 * eld's n-gram scores as flat arrays: an open-addressing table over the n-grams (hashed by code unit),
 * each entry's spelling in `pool` and its (language, score + 53) pairs in `pairs`. Evaluating eld's
 * 2 MB data module costs ~0.3-0.4 s of CPU per thread; these arrays, once written to
 * node_modules/.cache/tinline (named by eld's version), load in a few milliseconds.
 */
interface NgramTable {
  codes: string[];
  mask: number;
  /** Entry + 1 per slot (0: empty). */
  slots: Int32Array;
  hashes: Int32Array;
  /** Per entry, where its spelling starts in `pool` (and, at entry + 1, where it ends). */
  keyStart: Int32Array;
  pairStart: Int32Array;
  pool: Uint16Array;
  pairs: Int32Array;
}

const FORMAT = 1;
const hashUnits = (s: string): number => {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h;
};

function buildTable(languages: Record<number, string>, ngrams: Record<string, Record<number, number>>): NgramTable {
  const codes: string[] = [];
  for (const [k, v] of Object.entries(languages)) codes[Number(k)] = v;
  const keys = Object.keys(ngrams);
  let size = 1024;
  while (size < keys.length * 2) size *= 2;
  const slots = new Int32Array(size);
  const hashes = new Int32Array(keys.length);
  const keyStart = new Int32Array(keys.length + 1);
  const pairStart = new Int32Array(keys.length + 1);
  let poolLength = 0;
  let pairsLength = 0;
  for (const key of keys) {
    poolLength += key.length;
    for (const _ in ngrams[key]) pairsLength += 2;
  }
  const pool = new Uint16Array(poolLength);
  const pairs = new Int32Array(pairsLength);
  let pk = 0;
  let pp = 0;
  keys.forEach((key, e) => {
    keyStart[e] = pk;
    pairStart[e] = pp;
    for (let k = 0; k < key.length; k++) pool[pk++] = key.charCodeAt(k);
    const byLang = ngrams[key]!;
    // eld's baseNgramScore: the data is stored less 53.
    for (const lang in byLang) {
      pairs[pp++] = Number(lang);
      pairs[pp++] = byLang[lang as unknown as number]! + 53;
    }
    const h = hashUnits(key);
    hashes[e] = h;
    let s = h & (size - 1);
    while (slots[s] !== 0) s = (s + 1) & (size - 1);
    slots[s] = e + 1;
  });
  keyStart[keys.length] = pk;
  pairStart[keys.length] = pp;
  return { codes, mask: size - 1, slots, hashes, keyStart, pairStart, pool, pairs };
}

/** The file: a JSON header line (format, eld version, codes, array lengths), then the arrays, 4-aligned. */
function writeTable(file: string, version: string, t: NgramTable): void {
  const head = Buffer.from(JSON.stringify({ format: FORMAT, version, codes: t.codes, lengths: [t.slots.length, t.hashes.length, t.keyStart.length, t.pool.length, t.pairs.length] }) + '\n');
  const pad = Buffer.alloc((4 - ((4 + head.length) % 4)) % 4, 0x20);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length + pad.length);
  const parts = [len, head, pad, t.slots, t.hashes, t.keyStart, t.pairStart, t.pairs, t.pool].map((a) => (Buffer.isBuffer(a) ? a : Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  mkdirSync(dirname(file), { recursive: true });
  const part = `${file}.${process.pid}.${threadId}.part`;
  writeFileSync(part, Buffer.concat(parts));
  renameSync(part, file);
}

function readTable(file: string, version: string): NgramTable | null {
  const buf = readFileSync(file);
  const headLen = buf.readUInt32LE(0);
  const head = JSON.parse(buf.subarray(4, 4 + headLen).toString('utf8')) as { format: number; version: string; codes: string[]; lengths: number[] };
  if (head.format !== FORMAT || head.version !== version) return null;
  const [slots, entries, starts, poolLength, pairsLength] = head.lengths as [number, number, number, number, number];
  // A copy, aligned: the arrays are read many times, the copy is made once.
  const bytes = new Uint8Array(buf.length - 4 - headLen);
  bytes.set(buf.subarray(4 + headLen));
  let at = 0;
  const i32 = (n: number): Int32Array => {
    const a = new Int32Array(bytes.buffer, at, n);
    at += n * 4;
    return a;
  };
  const t: NgramTable = { codes: head.codes, mask: slots - 1, slots: i32(slots), hashes: i32(entries), keyStart: i32(starts), pairStart: i32(starts), pairs: i32(pairsLength), pool: new Uint16Array(bytes.buffer, at, poolLength) };
  at += poolLength * 2;
  return at === bytes.length ? t : null;
}

/** The entry of `ngram` in the table, or -1. */
function entryOf(t: NgramTable, ngram: string, h: number): number {
  const { slots, hashes, keyStart, pool, mask } = t;
  for (let s = h & mask; ; s = (s + 1) & mask) {
    const e = slots[s]! - 1;
    if (e < 0) return -1;
    if (hashes[e] !== h) continue;
    const a = keyStart[e]!;
    if (keyStart[e + 1]! - a !== ngram.length) continue;
    let k = 0;
    while (k < ngram.length && pool[a + k] === ngram.charCodeAt(k)) k++;
    if (k === ngram.length) return e;
  }
}

let eldData: EldData | null = null;
function loadEldData(): EldData {
  if (!eldData) {
    const entry = fileURLToPath(import.meta.resolve('eld/medium'));
    const req = createRequire(import.meta.url);
    const src = dirname(dirname(entry));
    const { separators } = req(join(src, 'regexPatterns.js')) as { separators: RegExp };
    const { dictionary } = req(join(src, 'dictionary.js')) as { dictionary: string[] };
    const pkg = join(dirname(src), 'package.json');
    const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
    const file = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/tinline', `eld-medium-${version}-${FORMAT}.bin`);
    let table: NgramTable | null = null;
    try {
      if (existsSync(file)) table = readTable(file, version);
    } catch {
      table = null;
    }
    if (!table) {
      const { ngramsData } = req(join(src, 'ngrams', 'medium.js')) as { ngramsData: { languages: Record<number, string>; ngrams: Record<string, Record<number, number>> } };
      table = buildTable(ngramsData.languages, ngramsData.ngrams);
      try {
        writeTable(file, version, table);
      } catch {
        // No cache (read-only tree): the next thread evaluates eld's data again.
      }
    }
    eldData = { separators, dictionary, table };
  }
  return eldData;
}

/** eld's strToUtf8Bytes: the words of a cleaned text as strings of byte characters. */
function utf8Words(str: string, dictionary: readonly string[]): string[] {
  let encoded = '';
  const words: string[] = [];
  let countBytes = 0;
  for (let ii = 0; ii < str.length; ii++) {
    let charCode = str.charCodeAt(ii);
    if (charCode < 0x80) {
      if (charCode === 32) {
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (countBytes > 350) break;
      } else {
        encoded += str[ii];
      }
      countBytes++;
    } else if (charCode < 0x800) {
      encoded += dictionary[0xc0 | (charCode >> 6)]! + dictionary[0x80 | (charCode & 0x3f)]!;
      countBytes += 2;
    } else if (charCode < 0xd800 || charCode >= 0xe000) {
      encoded += dictionary[0xe0 | (charCode >> 12)]! + dictionary[0x80 | ((charCode >> 6) & 0x3f)]! + dictionary[0x80 | (charCode & 0x3f)]!;
      countBytes += 3;
    } else {
      ii++;
      charCode = 0x10000 + (((charCode & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
      encoded +=
        dictionary[0xf0 | (charCode >> 18)]! + dictionary[0x80 | ((charCode >> 12) & 0x3f)]! + dictionary[0x80 | ((charCode >> 6) & 0x3f)]! + dictionary[0x80 | (charCode & 0x3f)]!;
      countBytes += 4;
    }
    if (countBytes > 380) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
}

let totals = new Float64Array(0);
/** Per entry, the call that last counted it (an n-gram counts once per text, as in eld). */
let counted = new Int32Array(0);
let call = 0;
export function eldLanguage(input: string): string {
  const d = loadEldData();
  const t = d.table;
  const text = input.substring(0, 1000).replace(d.separators, ' ').trim().toLowerCase();
  const words = utf8Words(text, d.dictionary);
  if (totals.length !== t.codes.length) totals = new Float64Array(t.codes.length);
  else totals.fill(0);
  if (counted.length !== t.hashes.length) counted = new Int32Array(t.hashes.length);
  call = (call + 1) | 0;
  if (call === 0) {
    counted.fill(0);
    call = 1;
  }
  const { pairs, pairStart } = t;
  const add = (ngram: string): void => {
    const e = entryOf(t, ngram, hashUnits(ngram));
    if (e < 0 || counted[e] === call) return;
    counted[e] = call;
    for (let k = pairStart[e]!; k < pairStart[e + 1]!; k += 2) totals[pairs[k]!] += pairs[k + 1]!;
  };
  // eld's getByteNgrams: 4-byte windows with a stride of 3, the first marked by a leading space, the last by a trailing one.
  for (const word of words) {
    let len = word.length;
    if (len > 70) len = 70;
    let j: number;
    for (j = 0; j + 4 < len; j += 3) add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    add((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
  }
  let best = -1;
  let max = 0;
  for (let k = 0; k < totals.length; k++) {
    const v = totals[k]!;
    if (v > 0 && v > max) {
      max = v;
      best = k;
    }
  }
  return best < 0 ? '' : t.codes[best]!;
}

/**
 * The language of `text`: a lexicon check for Vietnamese (tone-blind), then eld (medium).
 * Measured with bench/langid.ts (accuracy; vi = UD VTB dev, en = MEANTIME):
 *   library        vi para  vi para folded  vi sent  vi sent folded  en para  en sent
 *   franc          99.7     58.3            95.7     45.7            95.5     79.4
 *   eld/medium     100      99.7            100      93.3            100      100
 *   tinyld         99.7     81.7            99.7     71.3            96.6     94.7
 *   this function  100      100             100      99.3            100      100
 */
export function detectLanguage(text: string): string {
  return decide(vietnameseShare(text), () => text.slice(0, 1000));
}

/**
 * `detectLanguage(text.slice(start, end))` for a text whose pieces (`textPieces`) are at hand; `from`
 * is the index of the first piece at or after `start`.
 */
export function detectLanguageIn(text: string, start: number, end: number, ps: readonly Piece[], from: number): string {
  return decide(vietnameseShareIn(text, start, end, ps, from), () => text.slice(start, Math.min(end, start + 1000)));
}

function decide(v: { share: number; words: number; marked: boolean }, head: () => string): string {
  if (v.words >= 2 && v.share >= 0.8 && (v.marked || v.share >= 0.9)) return 'vi';
  return eldLanguage(head()) || (v.share >= 0.6 ? 'vi' : 'und');
}
