// A sentence that opens by pointing back (`It is slated for release on June 24.`) may still be the best
// line for a date. Read after the sentence it points to, it makes sense again: when that sentence is
// short, not itself a back-reference, and tells of the same date, the two are cited as one line.
import type { CitedSentence } from '../types.ts';
import { type Unit, isRepeat } from './text.ts';

/** Longer, and the line becomes a paragraph; the lone sentence is the lesser evil then. */
export const SHORT_ANTECEDENT_WORDS = 25;
const MIN_WORDS = 4;

/**
 * The previous sentence of `u`'s article when it can open the line for `u`, else null. `sameDate`
 * says whether that sentence tells of the date `u` is chosen for (no other date named).
 */
export function antecedent(
  u: Unit,
  unitAt: ReadonlyMap<string, Unit>,
  chosen: Unit[],
  sameDate: (prev: Unit) => boolean,
): Unit | null {
  if (!u.backReference || u.index === 0) return null;
  const prev = unitAt.get(`${u.doc}:${u.index - 1}`);
  if (!prev || prev.backReference) return null;
  if (prev.wordCount < MIN_WORDS || prev.wordCount > SHORT_ANTECEDENT_WORDS) return null;
  if (isRepeat(prev, chosen) || !sameDate(prev)) return null;
  return prev;
}

/** One cited line from consecutive sentences of one article: their texts, the span from first to last. */
export function citeUnits(group: readonly Unit[]): CitedSentence {
  const first = group[0]!;
  const last = group[group.length - 1]!;
  return { article: first.article, text: group.map((g) => g.text).join(' '), start: first.start, end: last.end };
}
