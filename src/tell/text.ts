// Sentence units, term vectors and the redundancy test shared by timelines and summaries.
import { foldKey } from '../decode/fold.ts';
import type { Analysis, Article } from '../types.ts';
import type { TellLanguage } from './lang/types.ts';
import { opensWithBackReference } from './openings.ts';

const WORDISH = /[\p{L}\p{N}]/u;
const WORDS = /[\p{L}\p{N}]+(?:[''’.-][\p{L}\p{N}]+)*/gu;

/** Lower-cased NFC word tokens of one sentence: the analyzer's tokens when it gave any, else a Unicode split. */
export function sentenceWords(analysis: Analysis, start: number, end: number, text: string): string[] {
  const inside = analysis.tokens.filter((t) => t.start >= start && t.end <= end && WORDISH.test(t.text));
  const words = inside.length ? inside.map((t) => t.text) : (text.match(WORDS) ?? []);
  return words.map((w) => w.normalize('NFC').toLowerCase());
}

/** Folded word tokens (diacritics stripped), the form used for repeats and query matching. */
export function foldedWords(words: string[]): string[] {
  return words.map((w) => foldKey(w));
}

export type Vector = Map<string, number>;

/** TF-IDF vectors (smoothed idf, as scikit-learn's default), L2-normalized. */
export function tfidf(docs: string[][]): Vector[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const v: Vector = new Map();
    for (const t of d) v.set(t, (v.get(t) ?? 0) + 1);
    for (const [t, tf] of v) v.set(t, tf * (Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1));
    return normalize(v);
  });
}

export function normalize(v: Vector): Vector {
  let s = 0;
  for (const x of v.values()) s += x * x;
  const norm = Math.sqrt(s);
  if (norm === 0) return v;
  const out: Vector = new Map();
  for (const [t, x] of v) out.set(t, x / norm);
  return out;
}

export function addInto(target: Vector, v: Vector, weight = 1): void {
  for (const [t, x] of v) target.set(t, (target.get(t) ?? 0) + weight * x);
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [t, x] of small) dot += x * (large.get(t) ?? 0);
  for (const x of a.values()) na += x * x;
  for (const x of b.values()) nb += x * x;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Two sentences are one for a reader when most of their folded words are shared: a lead repeated in
 * the body with one word changed, or a syndicated copy. 0.6 catches those and leaves two sentences
 * that merely share the story's names.
 */
export const REPEAT_JACCARD = 0.6;

export interface Unit {
  doc: number;
  article: string;
  /** Index of the sentence in its article. */
  index: number;
  text: string;
  start: number;
  end: number;
  /** Content words (stop words dropped), for salience. */
  terms: string[];
  /** All folded words, for repeats and queries. */
  folded: Set<string>;
  /** Folded words joined by spaces, padded, for phrase matching. */
  foldedText: string;
  wordCount: number;
  /** Opens by pointing back into its article (`Tại đây, …`, `However, …`): reads badly alone. */
  backReference: boolean;
}

export interface TellDocLike {
  article: Article;
  analysis: Analysis;
}

export function buildUnits(docs: TellDocLike[], languageFor: (lang: string) => TellLanguage): Unit[] {
  const units: Unit[] = [];
  docs.forEach((d, doc) => {
    const table = languageFor(d.analysis.language || d.article.language || '');
    const stop = table.stopWords;
    d.analysis.sentences.forEach((s, index) => {
      const words = sentenceWords(d.analysis, s.start, s.end, s.text);
      const folded = foldedWords(words);
      units.push({
        doc,
        article: d.article.id,
        index,
        text: s.text.trim(),
        start: s.start,
        end: s.end,
        terms: words.filter((w) => !stop.has(w) && !/^\p{N}+$/u.test(w)),
        folded: new Set(folded),
        foldedText: ` ${folded.join(' ')} `,
        wordCount: words.length,
        backReference: opensWithBackReference(s.text.trim(), table),
      });
    });
  });
  return units;
}

/** True when `u` repeats a sentence already chosen (same sentence, or near-identical words). */
export function isRepeat(u: Unit, chosen: Unit[]): boolean {
  return chosen.some(
    (c) => (c.doc === u.doc && c.index === u.index) || c.text === u.text || jaccard(c.folded, u.folded) >= REPEAT_JACCARD,
  );
}

/** Query terms: folded words of the query. A phrase match (`ha noi`) is tried as a whole. */
export function queryTerms(query: string): string[] {
  return (foldKey(query).match(WORDS) ?? []).filter((t) => t.length > 1 || /\p{N}/u.test(t));
}

/**
 * Score taken off a sentence that opens with a back-reference. About the lead bonus of a first sentence
 * (0.15-0.2) or a tenth of the cosine range: a self-contained sentence of similar salience wins, a much
 * more salient back-referencing one still does. 0 turns the preference off.
 */
export const BACK_REFERENCE_PENALTY = 0.15;
