// Vietnamese syllable keys. Two tone-mark placements are in use (`hòa`/`hoà`, `thủy`/`thuỷ`);
// the lexicon and the text may disagree, so lookups go through a key that records the tone
// separately from where it sits. The key is only for lookups: tokens keep the text as written.

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/g;

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Lower-cased syllable with its tone mark moved to the end (placement-independent). */
export function syllableKey(syllable: string): string {
  const hit = cache.get(syllable);
  if (hit !== undefined) return hit;
  const lower = syllable.toLowerCase();
  let key = lower;
  const nfd = lower.normalize('NFD');
  const tone = TONE_MARKS.exec(nfd);
  if (tone) key = nfd.replace(TONE_MARKS_G, '').normalize('NFC') + tone[0];
  if (cache.size < CACHE_LIMIT) cache.set(syllable, key);
  return key;
}

/** Key of a multi-syllable word written with single spaces between syllables. */
export function wordKey(word: string): string {
  return word.split(' ').map(syllableKey).join(' ');
}
