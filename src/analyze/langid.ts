// Language of a text: ISO 639-1 (`vi`, `en`, …) or `und`.
// Chosen by bench/langid.ts (node --import tsx bench/langid.ts); see the numbers in the comment on
// detectLanguage. A Vietnamese check runs first because folded Vietnamese (no diacritics) fools
// every n-gram model, while its syllables are still plain to a lexicon lookup.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLetterOrMarkUnit } from './chars.ts';
import { viSegmenter } from './segment.ts';
import { syllableInfoAt, type SyllableInfo } from './syllable.ts';

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
  ngrams: Record<string, Record<number, number> | undefined>;
  codes: string[];
}
let eldData: EldData | null = null;
function loadEldData(): EldData {
  if (!eldData) {
    const entry = fileURLToPath(import.meta.resolve('eld/medium'));
    const req = createRequire(import.meta.url);
    const src = dirname(dirname(entry));
    const { separators } = req(join(src, 'regexPatterns.js')) as { separators: RegExp };
    const { dictionary } = req(join(src, 'dictionary.js')) as { dictionary: string[] };
    const { ngramsData } = req(join(src, 'ngrams', 'medium.js')) as { ngramsData: { languages: Record<number, string>; ngrams: EldData['ngrams'] } };
    const codes: string[] = [];
    for (const [k, v] of Object.entries(ngramsData.languages)) codes[Number(k)] = v;
    eldData = { separators, dictionary, ngrams: ngramsData.ngrams, codes };
  }
  return eldData;
}
/** Per n-gram: (language, score + 53) pairs, or null when the data has none. */
const ngramScores = new Map<string, Int32Array | null>();
const NGRAM_CACHE_LIMIT = 300_000;
function scoresOf(d: EldData, ngram: string): Int32Array | null {
  let v = ngramScores.get(ngram);
  if (v !== undefined) return v;
  const byLang = d.ngrams[ngram];
  v = null;
  if (byLang) {
    const pairs: number[] = [];
    // eld's baseNgramScore: the data is stored less 53.
    for (const lang in byLang) pairs.push(Number(lang), byLang[lang as unknown as number]! + 53);
    v = Int32Array.from(pairs);
  }
  if (ngramScores.size < NGRAM_CACHE_LIMIT) ngramScores.set(ngram, v);
  return v;
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
const seen = new Set<string>();
export function eldLanguage(input: string): string {
  const d = loadEldData();
  const text = input.substring(0, 1000).replace(d.separators, ' ').trim().toLowerCase();
  const words = utf8Words(text, d.dictionary);
  if (totals.length !== d.codes.length) totals = new Float64Array(d.codes.length);
  else totals.fill(0);
  seen.clear();
  const add = (ngram: string): void => {
    if (seen.has(ngram)) return;
    seen.add(ngram);
    const pairs = scoresOf(d, ngram);
    if (pairs) for (let k = 0; k < pairs.length; k += 2) totals[pairs[k]!] += pairs[k + 1]!;
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
  return best < 0 ? '' : d.codes[best]!;
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
  const v = vietnameseShare(text);
  if (v.words >= 2 && v.share >= 0.8 && (v.marked || v.share >= 0.9)) return 'vi';
  return eldLanguage(text.slice(0, 1000)) || (v.share >= 0.6 ? 'vi' : 'und');
}
