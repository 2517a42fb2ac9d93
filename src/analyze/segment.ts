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

const UPPER = /^\p{Lu}/u;

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
  const score = (c: number): number => Math.log(c) - z;
  const known = (key: string): number | undefined => {
    const c = lexicon.counts.get(key);
    return c === undefined ? undefined : c + o.vocabCount;
  };
  const folded = new Set<string>();
  for (const key of lexicon.counts.keys()) for (const syl of key.split(' ')) folded.add(foldKey(syl));
  return {
    hasFolded: (syllable) => folded.has(foldKey(syllable)),
    has: (word) => lexicon.counts.has(word.split(' ').map(syllableKey).join(' ')),
    split(syllables, firstIsSentenceStart = false) {
      const n = syllables.length;
      const keys = syllables.map(syllableKey);
      const upper = syllables.map((s) => UPPER.test(s));
      const best = new Float64Array(n + 1).fill(-Infinity);
      const back = new Int32Array(n + 1);
      best[0] = 0;
      for (let i = 0; i < n; i++) {
        if (best[i] === -Infinity) continue;
        let key = '';
        for (let len = 1; len <= o.maxSyllables && i + len <= n; len++) {
          key = len === 1 ? keys[i]! : key + ' ' + keys[i + len - 1]!;
          let c = known(key);
          if (c === undefined) {
            if (len === 1) c = o.unknownCount;
            else {
              // A name: every syllable capitalised (a sentence-initial capital does not count).
              let allUpper = true;
              for (let k = i; k < i + len; k++) if (!upper[k] || (k === 0 && firstIsSentenceStart)) allUpper = false;
              if (allUpper) c = o.nameCount;
            }
          }
          if (c === undefined) continue;
          const s = best[i]! + score(c);
          if (s > best[i + len]!) {
            best[i + len] = s;
            back[i + len] = len;
          }
        }
        // Longer capitalised runs than maxSyllables (long names) are taken whole.
        if (upper[i] && !(i === 0 && firstIsSentenceStart)) {
          let j = i;
          while (j < n && upper[j]) j++;
          const len = j - i;
          if (len > o.maxSyllables && !lexicon.counts.has(keys.slice(i, j).join(' '))) {
            const s = best[i]! + score(o.nameCount);
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
