// Text normalization with a way back: every output character remembers the input index it came
// from, so later stages can quote the original bytes. Three passes, each with its own offset map,
// composed at the end:
//   1. characters: line ends, invisible characters, exotic spaces, trailing blanks;
//   2. Unicode NFC (scraped Vietnamese mixes precomposed and combining forms);
//   3. words: look-alike letters and the one tone-mark placement (vi-syllable.ts).
import { parseSyllable, render } from './vi-syllable.ts';


interface Mapped {
  text: string;
  offsets: Int32Array;
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

// Marks (and Hangul vowel/final jamo) compose with the character before them. NFC composes
// nothing else across characters, so it can run on these clusters alone, and on the remaining
// characters one by one (singletons such as U+212B Å -> U+00C5).
const MARKS = '\\p{M}\\u1160-\\u11ff';
const CLUSTER = new RegExp(`[^${MARKS}]?[${MARKS}]+`, 'gu');

function passNfc(input: string): Mapped {
  if (input.normalize('NFC') === input) return identity(input);
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
    return s ? render(s) : word;
  }
  const s = parseSyllable(word);
  return s && s.tone ? render(s) : word;
}

function passWords(input: string): Mapped {
  let out: Builder | null = null;
  let last = 0;
  for (const m of input.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = m[0];
    const fixed = fixWord(word);
    if (fixed === word) continue;
    out ??= new Builder(input.length);
    out.copy(input, last, m.index);
    // A rewritten word is a Vietnamese syllable: one precomposed character per letter, so
    // output letter j comes from input letter j.
    const starts = [...word.matchAll(/\P{M}\p{M}*/gu)].map((c) => m.index + c.index);
    out.put(fixed, (k) => starts[Math.min(k, starts.length - 1)]!);
    last = m.index + word.length;
  }
  if (!out) return identity(input);
  out.copy(input, last, input.length);
  return out.done();
}

function identity(text: string): Mapped {
  const offsets = new Int32Array(text.length);
  for (let k = 0; k < offsets.length; k++) offsets[k] = k;
  return { text, offsets };
}

/** Normalize and keep, for each output UTF-16 unit i, the index in `text` it came from. */
export function normalizeWithOffsets(text: string): { text: string; offsets: Int32Array } {
  const a = passCharacters(text);
  const b = passNfc(a.text);
  const c = passWords(b.text);
  const offsets = new Int32Array(c.text.length);
  for (let i = 0; i < offsets.length; i++) offsets[i] = a.offsets[b.offsets[c.offsets[i]!]!]!;
  return { text: c.text, offsets };
}

/**
 * The one normal form of article text: NFC; LF line ends; zero-width characters and soft hyphens
 * removed; every Unicode space a plain space; no trailing blanks on a line (paragraph breaks are
 * kept as they are); `Ð`-for-`Đ` repaired; tone marks placed by one rule (see toneIndex).
 */
export function normalizeText(text: string): string {
  return normalizeWithOffsets(text).text;
}
