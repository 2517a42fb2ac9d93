// Vietnamese syllable keys. Two tone-mark placements are in use (`hòa`/`hoà`, `thủy`/`thuỷ`);
// the lexicon and the text may disagree, so lookups go through a key that records the tone
// separately from where it sits. The key is only for lookups: tokens keep the text as written.

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** One written syllable (or any piece of text): its key, and what later stages looked up for it. */
export interface SyllableInfo {
  key: string;
  /**
   * Answers other modules derived from the key (a trie node, a phrase-index entry), each under the
   * slot it took with `memoSlot()`; `undefined` = not asked yet. Saves a map lookup per use.
   */
  memo: unknown[];
}

const cache = new Map<string, SyllableInfo>();
const CACHE_LIMIT = 50_000;
let slots = 0;

/** A slot of its own in every SyllableInfo's memo. Slots are never given back: take one per long-lived table. */
export function memoSlot(): number {
  return slots++;
}

function computeKey(syllable: string): string {
  const lower = syllable.toLowerCase();
  let key = lower;
  const nfd = lower.normalize('NFD');
  const tone = TONE_MARKS.exec(nfd);
  if (tone) key = nfd.replace(TONE_MARKS_G, '').normalize('NFC') + tone[0];
  return key;
}

/** The SyllableInfo of a written syllable, remembered (up to a limit) by its spelling. */
export function syllableInfo(syllable: string): SyllableInfo {
  let hit = cache.get(syllable);
  if (hit === undefined) {
    hit = { key: computeKey(syllable), memo: [] };
    if (cache.size < CACHE_LIMIT) cache.set(syllable, hit);
  }
  return hit;
}

/** Lower-cased syllable with its tone mark moved to the end (placement-independent). */
export function syllableKey(syllable: string): string {
  return syllableInfo(syllable).key;
}

/** Key of a multi-syllable word written with single spaces between syllables. */
export function wordKey(word: string): string {
  return word.split(' ').map(syllableKey).join(' ');
}
