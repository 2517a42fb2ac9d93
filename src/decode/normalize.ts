// Text normalization with a way back: every output character remembers the input index it came
// from, so later stages can quote the original bytes. Three passes, each with its own offset map,
// composed at the end:
//   1. characters: line ends, invisible characters, exotic spaces, trailing blanks;
//   2. Unicode NFC (scraped Vietnamese mixes precomposed and combining forms);
//   3. words: look-alike letters and the one tone-mark placement (vi-syllable.ts).
import { parseSyllable, render, toneMovable } from './vi-syllable.ts';


interface Mapped {
  text: string;
  /** null: the pass changed nothing (output unit i comes from input unit i). */
  offsets: Int32Array | null;
}

/** Output text in pieces plus, per output UTF-16 unit, the input index it came from. */
class Builder {
  private parts: string[] = [];
  private at: Int32Array;
  private n = 0;
  constructor(capacity: number) {
    this.at = new Int32Array(Math.max(16, capacity));
  }
  private room(k: number): void {
    if (this.n + k <= this.at.length) return;
    const bigger = new Int32Array(Math.max(this.at.length * 2, this.n + k));
    bigger.set(this.at);
    this.at = bigger;
  }
  /** input[from, to) unchanged. */
  copy(input: string, from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(input.slice(from, to));
    this.room(to - from);
    for (let k = from; k < to; k++) this.at[this.n++] = k;
  }
  /** A replacement; unit k comes from where(k). */
  put(text: string, where: (k: number) => number): void {
    this.parts.push(text);
    this.room(text.length);
    for (let k = 0; k < text.length; k++) this.at[this.n++] = where(k);
  }
  done(): Mapped {
    return { text: this.parts.join(''), offsets: this.at.subarray(0, this.n) };
  }
}

// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, and they split words.
const INVISIBLE = '\u200b-\u200d\u2060\ufeff\u00ad';
// Unicode spaces other than U+0020 (the \p{Zs} class, written out): NBSP, narrow NBSP, en/em...
const SPACES = '\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000';
// 1: blanks (and invisibles) ending a line, 2: the line end (CRLF, CR, LF, NEL, LS, PS) or the end;
// 3: an invisible character; 4: an exotic space.
const CHARACTERS = new RegExp(
  `([ \\t${SPACES}${INVISIBLE}]*)(\r\n|[\r\n\u0085\u2028\u2029]|$)|([${INVISIBLE}])|([${SPACES}])`, 'gu');


function passCharacters(input: string): Mapped {
  if (charactersKept(input)) return { text: input, offsets: null };
  const out = new Builder(input.length);
  let last = 0;
  for (const m of input.matchAll(CHARACTERS)) {
    out.copy(input, last, m.index);
    last = m.index + m[0].length;
    if (m[2] !== undefined) {
      if (m[2]) out.put('\n', () => m.index + m[1]!.length);
    } else if (m[4]) out.put(' ', () => m.index);
    // m[3]: invisible, dropped; m[1] before a line end: trailing blanks, dropped.
  }
  out.copy(input, last, input.length);
  return out.done();
}

// passCharacters without the offset map, for normalizeText, as one scan over the code units: a
// regular expression tried at every blank of a page's source (indentation, spaces between words)
// costs several times more. Same result: blanks (and invisibles) ending a line or the text go, a line
// end becomes LF, elsewhere an exotic space becomes a space and an invisible character goes.
const BLANK_KEEP = 1; // space, tab
const BLANK_SPACE = 2; // an exotic space: becomes U+0020
const BLANK_DROP = 3; // an invisible character: dropped
const blankKind = new Uint8Array(0x10000);
blankKind[0x20] = blankKind[0x09] = BLANK_KEEP;
for (const c of ['\u00a0', '\u1680', '\u202f', '\u205f', '\u3000']) blankKind[c.charCodeAt(0)] = BLANK_SPACE;
for (let c = 0x2000; c <= 0x200a; c++) blankKind[c] = BLANK_SPACE;
for (const c of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]) blankKind[c] = BLANK_DROP;
const isLineEnd = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;

// Whether the character pass has nothing to do: no character it replaces or drops, and no blank
// before a line end or the end. Most text has LF line ends and nothing else, and is left as it is.
// One pass without a branch per blank (a regular expression, or a branch per blank, costs several
// times more), stopping at the first change.
const KEEP_BLANK = 1; // space, tab
const CHANGED = 2; // an exotic space, an invisible character, a line end other than LF
const LF = 4;
const unitKind = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (blankKind[c] === BLANK_KEEP) unitKind[c] = KEEP_BLANK;
  else if (blankKind[c] || (isLineEnd(c) && c !== 0x0a)) unitKind[c] = CHANGED;
}
unitKind[0x0a] = LF;

function charactersKept(input: string): boolean {
  let seen = 0;
  let before = 0;
  for (let i = 0; i < input.length && seen === 0; i++) {
    const k = unitKind[input.charCodeAt(i)]!;
    seen |= (k & CHANGED) | (before & KEEP_BLANK & (k >> 2)); // bit 0: a blank, then LF
    before = k;
  }
  return seen === 0 && (before & KEEP_BLANK) === 0;
}

function charactersOnly(input: string): string {
  if (charactersKept(input)) return input;
  const parts: string[] = [];
  let last = 0; // input[last, …) not yet written
  let run = -1; // where the current run of blanks began
  let changedRun = false; // it holds a blank that is not a space or a tab
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    const k = blankKind[c]!;
    if (k) {
      if (run < 0) run = i;
      if (k !== BLANK_KEEP) changedRun = true;
      continue;
    }
    if (isLineEnd(c)) {
      if (run >= 0) {
        parts.push(input.slice(last, run));
        last = i;
        run = -1;
        changedRun = false;
      }
      if (c !== 0x0a) {
        parts.push(input.slice(last, i), '\n');
        if (c === 0x0d && input.charCodeAt(i + 1) === 0x0a) i++;
        last = i + 1;
      }
      continue;
    }
    if (run >= 0) {
      if (changedRun) {
        parts.push(input.slice(last, run));
        for (let j = run; j < i; j++) {
          const kj = blankKind[input.charCodeAt(j)]!;
          if (kj === BLANK_KEEP) parts.push(input[j]!);
          else if (kj === BLANK_SPACE) parts.push(' ');
        }
        last = i;
      }
      run = -1;
      changedRun = false;
    }
  }
  if (run >= 0) {
    parts.push(input.slice(last, run));
    last = n;
  }
  if (!parts.length) return input;
  parts.push(input.slice(last));
  return parts.join('');
}

// Marks (and Hangul vowel/final jamo) compose with the character before them. NFC composes
// nothing else across characters, so it can run on these clusters alone, and on the remaining
// characters one by one (singletons such as U+212B Å -> U+00C5).
const MARKS = '\\p{M}\\u1160-\\u11ff';
const CLUSTER = new RegExp(`[^${MARKS}]?[${MARKS}]+`, 'gu');

function passNfc(input: string): Mapped {
  if (input.normalize('NFC') === input) return { text: input, offsets: null };
  const out = new Builder(input.length);
  const plain = (from: number, to: number): void => {
    const run = input.slice(from, to);
    if (run.normalize('NFC') === run) return out.copy(input, from, to);
    for (let k = from; k < to; ) {
      const cp = input.codePointAt(k)!;
      const len = cp > 0xffff ? 2 : 1;
      const c = input.slice(k, k + len);
      const n = c.normalize('NFC');
      if (n === c) out.copy(input, k, k + len);
      else out.put(n, () => k);
      k += len;
    }
  };
  let last = 0;
  for (const m of input.matchAll(CLUSTER)) {
    plain(last, m.index);
    const n = m[0].normalize('NFC');
    out.put(n, n.length === m[0].length ? (k) => m.index + k : () => m.index);
    last = m.index + m[0].length;
  }
  plain(last, input.length);
  return out.done();
}

// Letters that look like `Đ`/`đ` but are not: Icelandic eth (Ð ð, from Latin-1 keyboards and
// code pages) and African D (Ɖ ɖ). Đ only begins a Vietnamese syllable, so the rule is: replace a
// look-alike at the start of a word when the word then parses as a Vietnamese syllable
// (`Ðà` -> `Đà`, `ðiều` -> `điều`). Icelandic `með`, `Ðað`-like words do not parse and stay.
const LOOKALIKE_D: Record<string, string> = { '\u00d0': 'Đ', '\u00f0': 'đ', '\u0189': 'Đ', '\u0256': 'đ' };

// Article text repeats a few thousand distinct syllables; parsing each once keeps this pass cheap.
const fixCache = new Map<string, string>();

function fixWord(word: string): string {
  if (!/[^\x00-\x7f]/.test(word)) return word; // no marks, no look-alikes: nothing to fix
  let out = fixCache.get(word);
  if (out === undefined) {
    if (fixCache.size > 100_000) fixCache.clear();
    out = fixWordUncached(word);
    fixCache.set(word, out);
  }
  return out;
}

function fixWordUncached(word: string): string {
  const first = LOOKALIKE_D[word[0]!];
  if (first) {
    const mapped = first + word.slice(1);
    const s = parseSyllable(mapped);
    return !s ? word : toneMovable(s) ? render(s) : mapped;
  }
  const s = parseSyllable(word);
  return s && s.tone && toneMovable(s) ? render(s) : word;
}

// The same cache seen from the scan: input[start, end) is looked up where it stands, so the common
// case — a word seen before that needs no fix — costs a hash over its units and one comparison,
// without cutting the word out of the text. Open addressing; emptied when it fills up.
const TABLE_BITS = 15;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const TABLE_MAX = (1 << TABLE_BITS) * 0.6;
let tableWords: (string | undefined)[] = new Array(1 << TABLE_BITS);
/** The fixed word, or null when it stays as it is. */
let tableFixed: (string | null)[] = new Array(1 << TABLE_BITS);
let tableSize = 0;

/** fixWord(input.slice(start, end)), or null when that is the word itself. */
function fixedAt(input: string, start: number, end: number): string | null {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ input.charCodeAt(k), 0x01000193);
  const len = end - start;
  let slot = (h ^ (h >>> TABLE_BITS)) & TABLE_MASK;
  for (;;) {
    const w = tableWords[slot];
    if (w === undefined) break;
    if (w.length === len && input.startsWith(w, start)) return tableFixed[slot]!;
    slot = (slot + 1) & TABLE_MASK;
  }
  const word = input.slice(start, end);
  const f = fixWord(word);
  const fixed = f === word ? null : f;
  if (tableSize >= TABLE_MAX) {
    tableWords = new Array(1 << TABLE_BITS);
    tableFixed = new Array(1 << TABLE_BITS);
    tableSize = 0;
    slot = (h ^ (h >>> TABLE_BITS)) & TABLE_MASK;
  }
  tableWords[slot] = word;
  tableFixed[slot] = fixed;
  tableSize++;
  return fixed;
}

// Word characters (`[\p{L}\p{M}]`), looked up once per code unit: passWords scans every character
// of every article, and a regex match object per word costs more than the scan. The other bits say
// whether a word can need fixing at all (see passWords).
const WORD_CHAR = /^[\p{L}\p{M}]$/u;
const KNOWN = 1; // looked up
const WORD = 2; // a word character
const TONED = 4; // carries one of the five tone marks (in NFD)
const VOWEL = 8; // a vowel letter (in NFD: a, e, i, o, u or y, and marks)
const OTHER = 16; // a combining mark or a look-alike of `Đ`: the word is always looked up
const SURROGATE = 32; // the first half of a pair, read with the second
const PAIR = 64; // (from unitAt) a surrogate pair: two units
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
const unitFlags = new Uint8Array(0x10000);
unitFlags.fill(SURROGATE, 0xd800, 0xdc00);

function lookUpFlags(c: number): number {
  const ch = String.fromCharCode(c);
  let f = KNOWN;
  if (WORD_CHAR.test(ch)) {
    f |= WORD;
    const nfd = ch.normalize('NFD');
    if (TONE_MARKS.test(nfd)) f |= TONED;
    if ('aeiouyAEIOUY'.includes(nfd[0]!)) f |= VOWEL;
    if (/^\p{M}/u.test(ch) || ch in LOOKALIKE_D) f |= OTHER;
  }
  unitFlags[c] = f;
  return f;
}

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** The flags of the character at `i`; a word character outside the BMP is always looked up. */
function unitAt(input: string, i: number): number {
  const c = input.charCodeAt(i);
  const f = unitFlags[c] || lookUpFlags(c);
  if (!(f & SURROGATE)) return f;
  if (i + 1 < input.length && (input.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    return WORD_CHAR.test(input.slice(i, i + 2)) ? PAIR | WORD | OTHER : PAIR | KNOWN;
  }
  return KNOWN;
}

/**
 * Rewrites words (maximal runs of `[\p{L}\p{M}]`, as the `u` regex reads them) through fixWord.
 * Only a word that can change is looked up: one with a look-alike of `Đ`, a combining mark or a
 * character outside the BMP, or with a tone mark that is not on its only vowel. A word of ASCII
 * letters has no tone; a word whose one tone sits on its one vowel renders as it came (the tone has
 * nowhere else to go, and the input is already NFC): about two words in three of Vietnamese text.
 */
function passWords(input: string, withOffsets = true): Mapped {
  let out: Builder | null = null;
  let parts: string[] | null = null;
  let last = 0;
  const n = input.length;
  let i = 0;
  for (;;) {
    // Skip to the next non-ASCII word character; the word around it is the candidate.
    while (i < n && input.charCodeAt(i) < 0x80) i++;
    if (i >= n) break;
    const first = unitAt(input, i);
    if (!(first & WORD)) {
      i += first & PAIR ? 2 : 1;
      continue;
    }
    // Back to the start of the word: ASCII letters (a lone surrogate or other non-ASCII unit before
    // it was already seen and is not a word character, or the scan would have started there).
    let start = i;
    while (start > last && isAsciiLetter(input.charCodeAt(start - 1))) start--;
    // Its units' flags or-ed, and counts, without branches (which letter carries what is
    // unpredictable); VOWEL is TONED << 1.
    let all = 0;
    let toned = 0;
    let vowels = 0;
    let tonedVowels = 0;
    let end = start;
    for (;;) {
      const f = end < n ? unitAt(input, end) : 0;
      if (!(f & WORD)) break;
      all |= f;
      vowels += (f & VOWEL) >> 3;
      toned += (f & TONED) >> 2;
      tonedVowels += (f & (f >> 1) & TONED) >> 2;
      end += f & PAIR ? 2 : 1;
    }
    i = end;
    if (!(all & OTHER) && (toned === 0 || (toned === 1 && vowels === 1 && tonedVowels === 1))) continue;
    const fixed = fixedAt(input, start, end);
    if (fixed === null) continue;
    const word = input.slice(start, end);
    if (withOffsets) {
      out ??= new Builder(input.length);
      out.copy(input, last, start);
      // A rewritten word is a Vietnamese syllable: one precomposed character per letter, so
      // output letter j comes from input letter j.
      const starts = [...word.matchAll(/\P{M}\p{M}*/gu)].map((m) => start + m.index);
      out.put(fixed, (k) => starts[Math.min(k, starts.length - 1)]!);
    } else {
      parts ??= [];
      parts.push(input.slice(last, start), fixed);
    }
    last = end;
  }
  if (out) {
    out.copy(input, last, input.length);
    return out.done();
  }
  if (parts) {
    parts.push(input.slice(last));
    return { text: parts.join(''), offsets: null };
  }
  return { text: input, offsets: null };
}

/** Normalize and keep, for each output UTF-16 unit i, the index in `text` it came from. */
export function normalizeWithOffsets(text: string): { text: string; offsets: Int32Array } {
  const mapped = normalizeMapped(text);
  if (mapped.offsets) return mapped as { text: string; offsets: Int32Array };
  const offsets = new Int32Array(text.length);
  for (let i = 0; i < offsets.length; i++) offsets[i] = i;
  return { text, offsets };
}

/**
 * normalizeWithOffsets, with null offsets when no pass changed anything (then the text is the
 * input): most text is already normal, and its identity map is never read.
 */
export function normalizeMapped(text: string): { text: string; offsets: Int32Array | null } {
  const a = passCharacters(text);
  const b = passNfc(a.text);
  const c = passWords(b.text);
  if (!a.offsets && !b.offsets && !c.offsets) return { text: c.text, offsets: null };
  const offsets = new Int32Array(c.text.length);
  const ao = a.offsets;
  const bo = b.offsets;
  const co = c.offsets;
  for (let i = 0; i < offsets.length; i++) {
    let k = co ? co[i]! : i;
    if (bo) k = bo[k]!;
    offsets[i] = ao ? ao[k]! : k;
  }
  return { text: c.text, offsets };
}

/**
 * The one normal form of article text: NFC; LF line ends; zero-width characters and soft hyphens
 * removed; every Unicode space a plain space; no trailing blanks on a line (paragraph breaks are
 * kept as they are); `Ð`-for-`Đ` repaired; tone marks placed by one rule (see toneIndex; toneMovable
 * leaves the words of other languages alone).
 */
export function normalizeText(text: string): string {
  // The same passes without offsets (article ids normalize every article's text once more).
  return nfcAndWords(charactersOnly(text));
}

/** Passes 2 and 3 without offsets. */
function nfcAndWords(text: string): string {
  const nfc = text.normalize('NFC') === text ? text : passNfc(text).text;
  return passWords(nfc, false).text;
}

const NON_ASCII = /[^\x00-\x7f]/;
const INVISIBLE_OR_SPACE = new RegExp(`[${INVISIBLE}${SPACES}]`, 'gu');
const SPACE_ONE = new RegExp(`^[${SPACES}]$`, 'u');

/**
 * normalizeText for pieces of a text whose blanks are collapsed later (an HTML page's text nodes and
 * attribute values): the same characters, but no blank is dropped at a line end or the piece's end —
 * a text node's last space separates it from the next element's words. ASCII-only text is returned
 * as it is.
 */
export function normalizeCollapsible(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  INVISIBLE_OR_SPACE.lastIndex = 0;
  return nfcAndWords(INVISIBLE_OR_SPACE.test(text) ? text.replace(INVISIBLE_OR_SPACE, (c) => (SPACE_ONE.test(c) ? ' ' : '')) : text);
}
