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

export function opensWithBackReference(text: string, table: TellLanguage): boolean {
  const { backReferences = [], pronounsUnlessNamed = [], selfContained = [] } = table;
  if (!backReferences.length && !pronounsUnlessNamed.length) return false;
  const original = text.normalize('NFC').replace(LEADING, '');
  const lower = original.toLowerCase();
  if (selfContained.some((p) => startsWithWord(lower, p))) return false;
  if (backReferences.some((p) => startsWithWord(lower, p))) return true;
  for (const p of pronounsUnlessNamed) {
    if (!startsWithWord(lower, p)) continue;
    // Lower-casing keeps length for these scripts, so the original word after the pronoun is at the same place.
    const after = original.slice(p.length).trimStart();
    const first = after.match(/^\p{L}/u)?.[0];
    return !first || first === first.toLowerCase();
  }
  return false;
}
