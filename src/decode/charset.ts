// Which charset the bytes are in, decided from the bytes. Declarations (HTTP, <meta>) are often
// wrong in scraped archives: pages served as iso-8859-1 that are really VNI or TCVN3 (the text was
// drawn by a font), or labelled windows-1252 while valid UTF-8. So:
//   BOM > valid UTF-8 > declared charset (unless a Vietnamese decoding is clearly better) >
//   the legacy decoding whose words are most often well-formed Vietnamese syllables >
//   Windows-1252 (non-Vietnamese Western text).
import iconv from 'iconv-lite';
import { COMMON_SYLLABLES, parseSyllable } from './vi-syllable.ts';
import { vniToUnicode } from './vni.ts';

import type { DocumentFormat as Format } from '../types.ts';

/** Our charset names -> iconv-lite's. VNI is Windows-1252 plus our letter table (vni.ts). */
const ICONV_NAME: Record<string, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1252': 'windows1252',
  'windows-1258': 'windows1258',
  viscii: 'viscii',
  tcvn3: 'tcvn',
  vni: 'windows1252',
};

/** Candidates for bytes that are not UTF-8, in tie-break order (Windows-1252 wins ties). */
const LEGACY = ['windows-1252', 'windows-1258', 'viscii', 'tcvn3', 'vni'];

/** Labels seen in the wild -> our names. Anything else iconv-lite knows is used as given. */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'utf-16': 'utf-16le', utf16: 'utf-16le', utf16le: 'utf-16le', utf16be: 'utf-16be',
  // WHATWG: these labels mean Windows-1252 on the web.
  'iso-8859-1': 'windows-1252', iso88591: 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252',
  ascii: 'windows-1252', cp1252: 'windows-1252', 'x-cp1252': 'windows-1252',
  cp1258: 'windows-1258', 'x-cp1258': 'windows-1258',
  tcvn: 'tcvn3', 'tcvn-3': 'tcvn3', tcvn5712: 'tcvn3', 'tcvn-5712': 'tcvn3', 'x-viet-tcvn': 'tcvn3', 'x-viet-tcvn5712': 'tcvn3',
  'x-viet-viscii': 'viscii', 'vni-windows': 'vni', 'x-viet-vni': 'vni',
};

/** Our name for a declared label, or null when we cannot decode it. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const name = ALIASES[l] ?? l;
  if (name in ICONV_NAME) return name;
  return iconv.encodingExists(name) ? name : null;
}

/** Decode with one of our names (or an iconv label). A BOM is dropped: it is not text. */
export function decodeAs(bytes: Uint8Array, charset: string): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ICONV_NAME[charset] ?? charset);
  return charset === 'vni' ? vniToUnicode(text) : text;
}

export function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

export interface Utf8Scan {
  /** Well-formed sequences of 2-4 bytes: evidence the writer meant UTF-8. */
  multibyte: number;
  /** Bytes that start no well-formed sequence (an incomplete one at the very end not counted). */
  invalid: number;
  firstInvalid: number;
  /** Offset of an incomplete sequence cut off by the end of the data, or -1. */
  truncatedAt: number;
}

/** Strict UTF-8 check (no overlongs, no surrogates, nothing past U+10FFFF). */
export function scanUtf8(b: Uint8Array): Utf8Scan {
  const r: Utf8Scan = { multibyte: 0, invalid: 0, firstInvalid: -1, truncatedAt: -1 };
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => k < b.length && b[k]! >= lo && b[k]! <= hi;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let n = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) { n = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    let ok = n > 0 && cont(i + 1, lo, hi);
    for (let k = 2; ok && k <= n; k++) ok = cont(i + k);
    if (ok) { r.multibyte++; i += n + 1; continue; }
    // Cut off by the end: every byte present is a valid continuation so far.
    let good = n > 0 && i + n >= b.length;
    for (let k = 1; good && i + k < b.length; k++) good = cont(i + k, k === 1 ? lo : 0x80, k === 1 ? hi : 0xbf);
    if (good) { r.truncatedAt = i; break; }
    r.invalid++;
    if (r.firstInvalid < 0) r.firstInvalid = i;
    i++;
  }
  return r;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of well-formed UTF-8, or null (the native decoder is much faster than scanUtf8 on the
 * common case). Only called without a BOM, so it decodes exactly as decodeAs(bytes, 'utf-8').
 */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">` in the first bytes. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const c = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(m[0]);
    if (c) return c[1]!;
  }
  return null;
}

export interface Score {
  charset: string;
  /** Words of two or more letters, one of them non-ASCII, that parse as Vietnamese syllables (common ones count twice). */
  good: number;
  /** Words with a non-ASCII letter that do not, plus control and replacement characters. */
  bad: number;
}

const SAMPLE = 64 * 1024;

// Text repeats its words; each is parsed once (bounded, so a stream of junk cannot grow it forever).
const syllableCache = new Map<string, boolean>();
function isSyllable(word: string): boolean {
  let ok = syllableCache.get(word);
  if (ok === undefined) {
    if (syllableCache.size > 100_000) syllableCache.clear();
    ok = parseSyllable(word) !== null;
    syllableCache.set(word, ok);
  }
  return ok;
}

/** How Vietnamese each legacy decoding of (a sample of) the bytes looks. */
export function scoreLegacy(bytes: Uint8Array, candidates: string[] = LEGACY): Score[] {
  const sample = bytes.subarray(0, SAMPLE);
  return candidates.map((charset) => {
    const text = decodeAs(sample, charset).normalize('NFC');
    let good = 0;
    let bad = 0;
    for (const [word] of text.matchAll(/[\p{L}\p{M}]+/gu)) {
      if (!/[^\x00-\x7f]/.test(word)) continue; // ASCII words read the same in every candidate
      // A lone letter is a syllable in every candidate that maps a punctuation byte (a dash, a
      // quote) to a letter, so only longer words count as evidence for.
      if (!isSyllable(word)) bad++;
      else if (word.length > 1) good += COMMON_SYLLABLES.has(word.toLowerCase()) ? 2 : 1;
    }
    for (const _ of text.matchAll(/[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]/g)) bad++;
    return { charset, good, bad };
  });
}

const net = (s: Score): number => s.good - s.bad;

/**
 * Pick the charset for bytes that are not valid UTF-8. The declared charset, or else
 * Windows-1252, is kept unless a Vietnamese decoding is clearly right: at least two syllables,
 * twice as many syllables as malformed words, and a better net score than the default reading.
 */
export function pickLegacy(bytes: Uint8Array, declared: string | null): string {
  const fallback = declared ?? 'windows-1252';
  const scores = scoreLegacy(bytes, LEGACY.includes(fallback) ? LEGACY : [fallback, ...LEGACY]);
  let best = scores[0]!;
  for (const s of scores) if (net(s) > net(best)) best = s;
  const mine = scores.find((s) => s.charset === fallback)!;
  // Short texts give little evidence: one syllable is enough when the default reading is itself malformed.
  const enough = best.good >= 2 || (best.good >= 1 && mine.bad > 0);
  return enough && best.good >= 2 * best.bad && net(best) > net(mine) ? best.charset : fallback;
}

export interface Detection {
  charset: string;
  /** Why: 'bom' | 'utf-8' | 'declared' | 'scored'. */
  by: 'bom' | 'utf-8' | 'declared' | 'scored';
  utf8: Utf8Scan | null;
  /** The decoded text, when detection already decoded it (valid UTF-8). */
  text?: string;
}

export function detect(bytes: Uint8Array, hint: { declared?: string | null; format?: Format } = {}): Detection {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom, by: 'bom', utf8: null };
  const looksHtml = hint.format === 'html' || (!hint.format && /^\s*<(!doctype|html|head|meta)/i.test(
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64)).toString('latin1')));
  let declared = canonicalCharset(hint.declared) ?? (looksHtml ? canonicalCharset(sniffMetaCharset(bytes)) : null);
  // UTF-16 has no ASCII-compatible bytes to score; a declaration is all we have without a BOM.
  if (declared === 'utf-16le' || declared === 'utf-16be') return { charset: declared, by: 'declared', utf8: null };
  const text = utf8Text(bytes);
  if (text !== null) return { charset: 'utf-8', by: 'utf-8', utf8: null, text };
  const utf8 = scanUtf8(bytes);
  if (declared === 'utf-8') declared = null; // shown wrong by the bytes
  // Mostly well-formed UTF-8 with a few bad or missing bytes: damaged UTF-8, not a legacy file
  // (legacy Vietnamese text almost never forms valid multi-byte sequences by chance).
  if (!declared && (utf8.multibyte > 0 && utf8.multibyte >= utf8.invalid)) return { charset: 'utf-8', by: 'utf-8', utf8 };
  // Cut in the middle of a character right after plain ASCII (lead + continuation bytes at the end).
  if (!declared && utf8.invalid === 0 && utf8.truncatedAt >= 0 && bytes.length - utf8.truncatedAt >= 2) {
    return { charset: 'utf-8', by: 'utf-8', utf8 };
  }
  const charset = pickLegacy(bytes, declared);
  return { charset, by: charset === declared ? 'declared' : 'scored', utf8 };
}
