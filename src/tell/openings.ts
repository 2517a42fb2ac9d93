// Does a sentence open by pointing back into its article (`Tại đây, …`, `However, …`, `He said …`)?
// Timeline lines and summary sentences are read out of their article, so such a sentence is a worse
// choice than a self-contained one saying about as much.
import type { TellLanguage } from './lang/types.ts';

/** Quotes, dashes and bullets before the first word do not change how a sentence opens. */
const LEADING = /^[\s"'“”‘’«»„‹›\-–—•*·(\[]+/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function startsWithWord(lower: string, phrase: string): boolean {
  if (!lower.startsWith(phrase)) return false;
  // `it` must not match `items`; a phrase ending in punctuation (`there,`) is complete by itself.
  const next = lower.charAt(phrase.length);
  return !next || !WORD_CHAR.test(next) || !WORD_CHAR.test(phrase.at(-1)!);
}

/** The opening clause: up to the first clause break, at most this many words. */
const OPENING_CLAUSE_WORDS = 8;

export function opensWithBackReference(text: string, table: TellLanguage): boolean {
  const { backReferences = [], pronounsUnlessNamed = [], demonstratives = [], selfContained = [] } = table;
  if (!backReferences.length && !pronounsUnlessNamed.length && !demonstratives.length) return false;
  const original = text.normalize('NFC').replace(LEADING, '');
  const lower = original.toLowerCase();
  if (selfContained.some((p) => startsWithWord(lower, p))) return false;
  if (backReferences.some((p) => startsWithWord(lower, p))) return true;
  for (const p of pronounsUnlessNamed) {
    if (!startsWithWord(lower, p)) continue;
    // Lower-casing keeps length for these scripts, so the original word after the pronoun is at the same place.
    const after = original.slice(p.length).trimStart();
    const first = after.match(/^\p{L}/u)?.[0];
    if (!first || first === first.toLowerCase()) return true;
  }
  return demonstrativeInOpening(lower, demonstratives, selfContained);
}

function demonstrativeInOpening(lower: string, demonstratives: readonly string[], selfContained: readonly string[]): boolean {
  if (!demonstratives.length) return false;
  const clause = lower.split(/[,;:–—]/u)[0] ?? '';
  const words = (clause.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, OPENING_CLAUSE_WORDS);
  return words.some((w, i) => {
    if (!demonstratives.includes(w)) return false;
    const around = [`${words[i - 1] ?? ''} ${w}`, `${w} ${words[i + 1] ?? ''}`];
    return !around.some((p) => selfContained.includes(p));
  });
}
