// Vietnamese syllable keys. Two tone-mark placements are in use (`hòa`/`hoà`, `thủy`/`thuỷ`);
// the lexicon and the text may disagree, so lookups go through a key that records the tone
// separately from where it sits. The key is only for lookups: tokens keep the text as written.

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * One written syllable (or any piece of text): its key, and what later stages looked up for it, kept
 * on the record itself (reading a field is cheaper than a map lookup per use).
 */
export interface SyllableInfo {
  /** The spelling itself: pieces reuse it instead of slicing the text again. */
  text: string;
  key: string;
  /**
   * The trie the two numbers below belong to (null: none yet). One segmenter is in use at a time, so
   * plain fields serve it; another segmenter overwrites them.
   */
  trie: object | null;
  /** The key's syllable number in `trie` (-1: in no word). */
  trieId: number;
  /** The node of `trie` one step from the root by this syllable (-1: none). */
  trieRoot: number;
  /** The set of folded syllables `folded` was looked up in (null: none yet), and the answer. */
  foldSet: object | null;
  folded: boolean;
  /** Whether the spelling is letters and marks only (`tokens.ts`): 1 yes, 0 no, -1 not asked yet. */
  letters: number;
  /** Whether the spelling is an acronym (`mentions.ts`): 1 yes, 0 no, -1 not asked yet. */
  acronym: number;
  /** The phrase index `phrases` was looked up in (null: none yet), and its entry for this key. */
  phraseIndex: object | null;
  phrases: unknown;
}

// Remembered by spelling in an open-addressing table hashed from the characters, so a syllable in a
// text is found without slicing it out first (a Map would need the string, and hash it anew).
const CACHE_LIMIT = 50_000;
let size = 1 << 12;
let table: (SyllableInfo | undefined)[] = new Array<SyllableInfo | undefined>(size).fill(undefined);
let hashes = new Int32Array(size);
let count = 0;

function computeKey(syllable: string): string {
  const lower = syllable.toLowerCase();
  let key = lower;
  const nfd = lower.normalize('NFD');
  const tone = TONE_MARKS.exec(nfd);
  if (tone) key = nfd.replace(TONE_MARKS_G, '').normalize('NFC') + tone[0];
  return key;
}

// Every field set at birth: one object shape for every reader.
function create(syllable: string): SyllableInfo {
  return { text: syllable, key: computeKey(syllable), trie: null, trieId: -1, trieRoot: -1, foldSet: null, folded: false, letters: -1, acronym: -1, phraseIndex: null, phrases: null };
}

function grow(): void {
  const old = table;
  const oldHashes = hashes;
  size *= 2;
  table = new Array<SyllableInfo | undefined>(size).fill(undefined);
  hashes = new Int32Array(size);
  const mask = size - 1;
  for (let k = 0; k < old.length; k++) {
    const e = old[k];
    if (e === undefined) continue;
    let h = oldHashes[k]! & mask;
    while (hashes[h] !== 0) h = (h + 1) & mask;
    table[h] = e;
    hashes[h] = oldHashes[k]!;
  }
}

/** The SyllableInfo of `text[start, end)`, remembered (up to a limit) by its spelling. */
export function syllableInfoAt(text: string, start: number, end: number): SyllableInfo {
  let hash = 0x811c9dc5 | 0;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  // 0 marks an empty slot in `hashes`, which a probe reads before it touches any record.
  if (hash === 0) hash = 1;
  const len = end - start;
  const mask = size - 1;
  let h = hash & mask;
  for (;;) {
    const stored = hashes[h]!;
    if (stored === 0) break;
    if (stored === hash) {
      const e = table[h]!;
      const s = e.text;
      if (s.length === len) {
        let k = 0;
        while (k < len && s.charCodeAt(k) === text.charCodeAt(start + k)) k++;
        if (k === len) return e;
      }
    }
    h = (h + 1) & mask;
  }
  const info = create(start === 0 && end === text.length ? text : text.slice(start, end));
  if (count < CACHE_LIMIT) {
    table[h] = info;
    hashes[h] = hash;
    if (++count * 2 > size) grow();
  }
  return info;
}

/** The SyllableInfo of a written syllable, remembered (up to a limit) by its spelling. */
export function syllableInfo(syllable: string): SyllableInfo {
  return syllableInfoAt(syllable, 0, syllable.length);
}

/** Lower-cased syllable with its tone mark moved to the end (placement-independent). */
export function syllableKey(syllable: string): string {
  return syllableInfo(syllable).key;
}

/** Key of a multi-syllable word written with single spaces between syllables. */
export function wordKey(word: string): string {
  return word.split(' ').map(syllableKey).join(' ');
}
