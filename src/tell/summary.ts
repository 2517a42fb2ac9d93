// Extractive summaries: the sentences closest to the centroid of everything said, lead-biased,
// never the same thing twice, read in the order the articles tell it.
import type { CitedSentence } from '../types.ts';
import { mentionedDates, parseDateValue, partialDateKey, sortNumber } from './dates.ts';
import { antecedent, citeUnits } from './antecedent.ts';
import { tellLanguage } from './lang/index.ts';
import { BACK_REFERENCE_PENALTY, type TellDocLike, type Unit, addInto, buildUnits, cosine, isRepeat, tfidf } from './text.ts';

export interface SummaryOptions {
  /** Number of sentences (default 3). */
  sentences?: number;
  /** Language of the summary; default the most common language of the documents. */
  language?: string;
  /**
   * Score taken off a sentence opening with a back-reference (default BACK_REFERENCE_PENALTY). 0 turns
   * the preference off, the pairing with a short antecedent (antecedent.ts) too.
   */
  backReferencePenalty?: number;
}

const MIN_WORDS = 4;
/** Near-paraphrases that share little vocabulary but the same content words. */
const REDUNDANT_COSINE = 0.8;
const MMR_LAMBDA = 0.7;
/** Extra likeness of two sentences of one article: they tend to tell the same happening. */
const SAME_ARTICLE = 0.3;

function docLanguage(d: TellDocLike): string {
  return (d.analysis.language || d.article.language || '').toLowerCase().split(/[-_]/)[0] ?? '';
}

export function summarize(docs: TellDocLike[], options: SummaryOptions = {}): CitedSentence[] {
  const k = options.sentences ?? 3;
  if (k <= 0 || !docs.length) return [];
  let lang = options.language?.toLowerCase();
  if (!lang) {
    const counts = new Map<string, number>();
    for (const d of docs) counts.set(docLanguage(d), (counts.get(docLanguage(d)) ?? 0) + 1);
    lang = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  }
  const penalty = options.backReferencePenalty ?? BACK_REFERENCE_PENALTY;
  const units = buildUnits(docs, tellLanguage).filter((u) => docLanguage(docs[u.doc]!) === lang);
  const vecs = tfidf(units.map((u) => u.terms));
  const centroid = new Map<string, number>();
  for (const v of vecs) addInto(centroid, v);
  const scored = units
    .map((u, i) => ({
      u,
      v: vecs[i]!,
      score:
        cosine(vecs[i]!, centroid) +
        0.2 / (1 + u.index) -
        (u.wordCount < MIN_WORDS ? 1 : 0) -
        (u.backReference ? penalty : 0),
    }))
    .sort((a, b) => b.score - a.score || a.u.doc - b.u.doc || a.u.index - b.u.index);
  // Maximal marginal relevance: salience minus likeness to what is already said, so a summary of
  // several articles does not take two sentences of one where another adds something new.
  const picked: { u: Unit; v: Map<string, number> }[] = [];
  const left = scored.filter((c) => c.u.wordCount >= MIN_WORDS || scored.every((x) => x.u.wordCount < MIN_WORDS));
  while (picked.length < k && left.length) {
    let best = -1;
    let bestScore = -Infinity;
    left.forEach((c, i) => {
      const like = Math.max(0, ...picked.map((p) => cosine(p.v, c.v) + (p.u.doc === c.u.doc ? SAME_ARTICLE : 0)));
      const mmr = MMR_LAMBDA * c.score - (1 - MMR_LAMBDA) * like;
      if (mmr > bestScore) { bestScore = mmr; best = i; }
    });
    const [c] = left.splice(best, 1);
    if (isRepeat(c!.u, picked.map((p) => p.u)) || picked.some((p) => cosine(p.v, c!.v) >= REDUNDANT_COSINE)) continue;
    picked.push(c!);
  }
  const docKey = (doc: number) => {
    const key = partialDateKey(docs[doc]!.article.published);
    return key ? sortNumber(parseDateValue(key)!) : Number.MAX_SAFE_INTEGER;
  };
  // A back-referencing pick is read after its short antecedent when that names no other date.
  const dates = penalty > 0 ? mentionedDates(docs) : new Map<string, Set<string>>();
  const unitAt = new Map(units.map((u) => [`${u.doc}:${u.index}`, u]));
  const chosen = picked.map((p) => p.u);
  const groups = picked.map(({ u }) => {
    const mine = dates.get(`${u.doc}:${u.index}`) ?? new Set<string>();
    const sameDate = (prev: Unit) => [...(dates.get(`${prev.doc}:${prev.index}`) ?? [])].every((d) => mine.has(d));
    const prev = penalty > 0 ? antecedent(u, unitAt, chosen, sameDate) : null;
    if (prev) chosen.push(prev);
    return prev ? [prev, u] : [u];
  });
  return groups
    .sort((a, b) => docKey(a[0]!.doc) - docKey(b[0]!.doc) || a[0]!.doc - b[0]!.doc || a[0]!.index - b[0]!.index)
    .map(citeUnits);
}

/**
 * A short title from cited sentences: the first one, cut at a clause break or word boundary near
 * `maxLength` characters.
 */
export function eventTitle(sentences: CitedSentence[], maxLength = 90): string {
  const first = sentences[0]?.text.trim() ?? '';
  const text = first.replace(/[.!?。]+$/u, '');
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const clause = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf('; '));
  if (clause > maxLength / 2) return cut.slice(0, clause);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > 0 ? space : maxLength)}…`;
}
