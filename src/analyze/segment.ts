// Vietnamese word segmentation: a unigram word model over a lexicon (src/analyze/data/vi-words.txt,
// built by scripts/build-vi-lexicon.ts) and a dynamic program that picks the most probable split of
// each run of syllables. Longest-match alone glues `hợp tác` + `tác chiến` wrongly; word counts from
// the treebank break such ties. Runs of capitalised syllables are offered as one candidate word
// (names: `Hà Nội`, `Nguyễn Văn An`), which the treebank also writes as one word.
import { readFileSync } from 'node:fs';
import { foldKey } from '../decode/fold.ts';
import { syllableKey } from './syllable.ts';

export interface SegmenterOptions {
  /** Longest word tried, in syllables. */
  maxSyllables: number;
  /** Pseudo-count of a vocabulary word never seen in the treebank. */
  vocabCount: number;
  /** Pseudo-count of a single syllable the lexicon does not know. */
  unknownCount: number;
  /** Pseudo-count of a run of 2+ capitalised syllables not in the lexicon (a name). */
  nameCount: number;
}

/** Tuned on a held-out fifth of the treebank's train split (never on dev): see bench/segment.ts. */
export const DEFAULT_SEGMENTER: SegmenterOptions = { maxSyllables: 4, vocabCount: 0.3, unknownCount: 0.3, nameCount: 2 };

export interface Lexicon {
  counts: Map<string, number>;
  total: number;
}

export function loadLexicon(path: string | URL): Lexicon {
  const counts = new Map<string, number>();
  let total = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const n = Number(line.slice(tab + 1));
    const key = line.slice(0, tab).split(' ').map(syllableKey).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + n);
    total += n;
  }
  return { counts, total };
}


export interface Segmenter {
  /** Given the syllables of one run (no punctuation between them), returns how many syllables each word takes. */
  split(syllables: readonly string[], firstIsSentenceStart?: boolean): number[];
  has(word: string): boolean;
  /** Whether a single syllable, stripped of all marks, is a Vietnamese syllable (`khong` -> yes). */
  hasFolded(syllable: string): boolean;
}

export function createSegmenter(lexicon: Lexicon, options: Partial<SegmenterOptions> = {}): Segmenter {
  const o = { ...DEFAULT_SEGMENTER, ...options };
  const z = Math.log(lexicon.total + lexicon.counts.size * o.vocabCount);
  // Log-probabilities once, and every proper prefix of a multi-syllable word, so the search stops
  // as soon as no longer word can start with what it has read.
  const logp = new Map<string, number>();
  const prefixes = new Set<string>();
  for (const [key, c] of lexicon.counts) {
    logp.set(key, Math.log(c + o.vocabCount) - z);
    let at = key.indexOf(' ');
    while (at > 0) {
      prefixes.add(key.slice(0, at));
      at = key.indexOf(' ', at + 1);
    }
  }
  const unknown = Math.log(o.unknownCount) - z;
  const name = Math.log(o.nameCount) - z;
  const folded = new Set<string>();
  for (const key of lexicon.counts.keys()) for (const syl of key.split(' ')) folded.add(foldKey(syl));
  const foldCache = new Map<string, boolean>();
  return {
    hasFolded(syllable) {
      let hit = foldCache.get(syllable);
      if (hit === undefined) {
        hit = folded.has(foldKey(syllable));
        if (foldCache.size < 50_000) foldCache.set(syllable, hit);
      }
      return hit;
    },
    has: (word) => lexicon.counts.has(word.includes(' ') ? word.split(' ').map(syllableKey).join(' ') : syllableKey(word)),
    split(syllables, firstIsSentenceStart = false) {
      const n = syllables.length;
      if (n === 1) return [1];
      const keys = syllables.map(syllableKey);
      const upper = syllables.map((s) => s[0] !== s[0]!.toLowerCase());
      const best = new Float64Array(n + 1).fill(-Infinity);
      const back = new Int32Array(n + 1);
      best[0] = 0;
      for (let i = 0; i < n; i++) {
        if (best[i] === -Infinity) continue;
        let key = '';
        let allUpper = true;
        for (let len = 1; len <= o.maxSyllables && i + len <= n; len++) {
          const k = i + len - 1;
          key = len === 1 ? keys[i]! : key + ' ' + keys[k]!;
          // A name: every syllable capitalised (a sentence-initial capital does not count).
          if (!upper[k] || (k === 0 && firstIsSentenceStart)) allUpper = false;
          let sc = logp.get(key);
          if (sc === undefined) {
            if (len === 1) sc = unknown;
            else if (allUpper) sc = name;
          }
          if (sc !== undefined) {
            const s = best[i]! + sc;
            if (s > best[i + len]!) {
              best[i + len] = s;
              back[i + len] = len;
            }
          }
          if (!allUpper && !prefixes.has(key)) break;
        }
        // Longer capitalised runs than maxSyllables (long names) are taken whole.
        if (upper[i] && !(i === 0 && firstIsSentenceStart)) {
          let j = i;
          while (j < n && upper[j]) j++;
          const len = j - i;
          if (len > o.maxSyllables && !lexicon.counts.has(keys.slice(i, j).join(' '))) {
            const s = best[i]! + name;
            if (s > best[j]!) {
              best[j] = s;
              back[j] = len;
            }
          }
        }
      }
      const lens: number[] = [];
      for (let k = n; k > 0; k -= back[k]!) lens.push(back[k]!);
      return lens.reverse();
    },
  };
}

let defaultSegmenter: Segmenter | null = null;
/** The segmenter over the shipped lexicon, loaded once. */
export function viSegmenter(): Segmenter {
  defaultSegmenter ??= createSegmenter(loadLexicon(new URL('./data/vi-words.txt', import.meta.url)));
  return defaultSegmenter;
}
