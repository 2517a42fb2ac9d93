// Text normalization with a way back: every output character remembers the input index it came
// from, so later stages can quote the original bytes. Three passes, each with its own offset map,
// composed at the end:
//   1. characters: line ends, invisible characters, exotic spaces, trailing blanks;
//   2. Unicode NFC (scraped Vietnamese mixes precomposed and combining forms);
//   3. words: look-alike letters and the one tone-mark placement (vi-syllable.ts).
import { parseSyllable, render } from './vi-syllable.ts';

// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, and they split words.
const DROP = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);
const LINE_BREAKS = new Set([0x0085, 0x2028, 0x2029]);

interface Mapped {
  text: string;
  offsets: Int32Array;
}

function passCharacters(input: string): Mapped {
  const out: string[] = [];
  const at: number[] = [];
  const trimTrailing = (): void => {
    while (out.length && (out[out.length - 1] === ' ' || out[out.length - 1] === '\t')) {
      out.pop();
      at.pop();
    }
  };
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || LINE_BREAKS.has(c)) {
      trimTrailing();
      out.push('\n');
      at.push(i);
      if (c === 0x0d && input.charCodeAt(i + 1) === 0x0a) i++; // CRLF is one break
    } else if (DROP.has(c)) {
      continue;
    } else if (c > 0x7f && /\p{Zs}/u.test(input[i]!)) {
      out.push(' '); // NBSP, narrow NBSP, en/em spaces, ideographic space...
      at.push(i);
    } else {
      out.push(input[i]!);
      at.push(i);
    }
  }
  trimTrailing();
  return { text: out.join(''), offsets: Int32Array.from(at) };
}

// A starter with its combining marks (and Hangul vowel/final jamo, which compose with the
// syllable before them): NFC never composes across these boundaries, so it can run per piece.
const NFC_PIECE = /[^\p{M}\u1160-\u11ff][\p{M}\u1160-\u11ff]*|[\p{M}\u1160-\u11ff]+/gsu;

function passNfc(input: string): Mapped {
  const whole = input.normalize('NFC');
  if (whole === input) return identity(input);
  let text = '';
  const at: number[] = [];
  for (const m of input.matchAll(NFC_PIECE)) {
    const piece = m[0].normalize('NFC');
    for (let k = 0; k < piece.length; k++) at.push(m.index + (piece.length === m[0].length ? k : 0));
    text += piece;
  }
  if (text !== whole) {
    // Not expected; keep the text right and the offsets approximate rather than fail.
    return { text: whole, offsets: Int32Array.from(whole, (_, k) => Math.min(k, input.length - 1)) };
  }
  return { text, offsets: Int32Array.from(at) };
}

// Letters that look like `Đ`/`đ` but are not: Icelandic eth (Ð ð, from Latin-1 keyboards and
// code pages) and African D (Ɖ ɖ). Đ only begins a Vietnamese syllable, so the rule is: replace a
// look-alike at the start of a word when the word then parses as a Vietnamese syllable
// (`Ðà` -> `Đà`, `ðiều` -> `điều`). Icelandic `með`, `Ðað`-like words do not parse and stay.
const LOOKALIKE_D: Record<string, string> = { '\u00d0': 'Đ', '\u00f0': 'đ', '\u0189': 'Đ', '\u0256': 'đ' };

function fixWord(word: string): string {
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
  let text = '';
  const at: number[] = [];
  let last = 0;
  const copy = (from: number, to: number): void => {
    text += input.slice(from, to);
    for (let k = from; k < to; k++) at.push(k);
  };
  for (const m of input.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = m[0];
    const fixed = fixWord(word);
    if (fixed === word) continue;
    copy(last, m.index);
    // A rewritten word is a Vietnamese syllable: one precomposed character per letter, so
    // output letter j comes from input letter j.
    const starts: number[] = [];
    for (const c of word.matchAll(/\P{M}\p{M}*/gu)) starts.push(m.index + c.index);
    for (let k = 0; k < fixed.length; k++) at.push(starts[Math.min(k, starts.length - 1)]!);
    text += fixed;
    last = m.index + word.length;
  }
  if (last === 0) return identity(input);
  copy(last, input.length);
  return { text, offsets: Int32Array.from(at) };
}

function identity(text: string): Mapped {
  return { text, offsets: Int32Array.from({ length: text.length }, (_, k) => k) };
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
