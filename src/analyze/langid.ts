// Language of a text: ISO 639-1 (`vi`, `en`, …) or `und`.
// Chosen by bench/langid.ts (node --import tsx bench/langid.ts); see the numbers in the comment on
// detectLanguage. A Vietnamese check runs first because folded Vietnamese (no diacritics) fools
// every n-gram model, while its syllables are still plain to a lexicon lookup.
import { createRequire } from 'node:module';
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
function eld(): Eld {
  if (!eldInstance) {
    const entry = fileURLToPath(import.meta.resolve('eld/medium'));
    eldInstance = (createRequire(import.meta.url)(entry) as typeof import('eld/medium')).eld;
  }
  return eldInstance;
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
  const r = eld().detect(text.slice(0, 1000));
  return r.language || (v.share >= 0.6 ? 'vi' : 'und');
}
