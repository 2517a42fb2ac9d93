// Terms for content similarity, in any language: folded lower-case words split on Unicode classes,
// and adjacent-word pairs. Pairs carry Vietnamese multi-syllable words (`an ninh`, `chiến lược`) and
// phrases elsewhere, and weigh more than single words, which in every language include the
// function words that IDF alone cannot silence in a small corpus.
import { foldKey } from '../decode/fold.ts';

export function words(text: string): string[] {
  return foldKey(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface TermCounts {
  /** term -> weighted count (unigrams counted with `unigramWeight`, pairs with 1). */
  unigrams: Map<string, number>;
  bigrams: Map<string, number>;
}

export function countTerms(texts: string[]): TermCounts {
  const unigrams = new Map<string, number>();
  const bigrams = new Map<string, number>();
  for (const text of texts) {
    const w = words(text);
    for (let i = 0; i < w.length; i++) {
      const a = w[i]!;
      // One letter is rarely a content word (`a`, `y`, `à`); a number is kept (`18`, `2024`).
      if (a.length > 1 || /\d/.test(a)) unigrams.set(a, (unigrams.get(a) ?? 0) + 1);
      if (i + 1 < w.length) {
        const pair = `${a} ${w[i + 1]}`;
        bigrams.set(pair, (bigrams.get(pair) ?? 0) + 1);
      }
    }
  }
  return { unigrams, bigrams };
}

// Sketch terms are picked by the same 32-bit hash dedup uses: stable in every run.
export { hash32 } from '../dedup/index.ts';
import { hash32 } from '../dedup/index.ts';

/**
 * The k pairs with the smallest hash (a bottom-k sketch). Two texts sharing a fraction J of their
 * pairs share about k*J sketch terms, and the choice depends on the text alone, never on what was
 * added before: the candidate index stays independent of arrival order.
 */
export function sketch(terms: Iterable<string>, k: number): string[] {
  const scored: [number, string][] = [];
  for (const t of terms) scored.push([hash32(t), t]);
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return scored.slice(0, k).map((x) => x[1]);
}

/** The first `n` words of a sentence, with an ellipsis when cut. */
export function shorten(text: string, n: number): string {
  const parts = text.trim().split(/\s+/);
  if (parts.length <= n) return text.trim();
  return `${parts.slice(0, n).join(' ').replace(/[,;:–—-]+$/, '')}…`;
}
