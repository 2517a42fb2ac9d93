// decode: bytes -> text. Finds the charset from the bytes (declarations are only a hint), refuses
// what is not text, and normalizes to the one form every later stage works on, keeping the
// verbatim decoding and a map back to it.
import { createHash } from 'node:crypto';
import { TinlineError } from '../errors.ts';
import type { DecodedText, DocumentFormat } from '../types.ts';
import { bomCharset, decodeAs, detect } from './charset.ts';
import { normalizeMapped, normalizeText } from './normalize.ts';

export { foldDiacritics, foldKey } from './fold.ts';
export { normalizeCollapsible, normalizeText, normalizeWithOffsets } from './normalize.ts';
export { isVietnameseSyllable } from './vi-syllable.ts';

export interface DecodeHint {
  /** A charset declared outside the bytes (HTTP header, JSON field, user option). */
  declared?: string | null;
  format?: DocumentFormat;
}

/** The charset the bytes are in: `utf-8`, `utf-16le`, `utf-16be`, `windows-1258`, `viscii`, `tcvn3`, `vni`, `windows-1252`, or a declared iconv label. */
export function detectCharset(bytes: Uint8Array, hint: DecodeHint = {}): string {
  return detect(bytes, hint).charset;
}

// Formats that are never text, recognised by their first bytes (a clearer reason than "NUL byte").
const SIGNATURES: [string, number[]][] = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data', [0x1f, 0x8b]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
];

// C0/C1 controls other than tab, line ends, form feed and ESC (seen in terminal logs).
const CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]/g;
/** Share of control characters above which decoded "text" is taken for binary data. */
const MAX_CONTROL_SHARE = 0.02;

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

export interface DecodeOptions extends DecodeHint {
  origin?: string;
  /**
   * Whether to build the map back to the verbatim text (default true). Ingest never reads it, and on
   * a page whose source changes (CRLF, NBSP, trailing blanks) the map costs more than the rest of decoding.
   */
  offsets?: boolean;
  /**
   * Whether to normalize (default true). `false` returns the charset-decoded text as it is: for an
   * HTML page the extract stage normalizes only the page's text nodes and the attribute values it
   * reads, a fifth of the cost of normalizing the whole source here.
   */
  normalize?: boolean;
}

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const where = { origin: options.origin };
  if (bytes.length === 0) throw new TinlineError('INPUT_EMPTY', '0 bytes', where);
  for (const [what, sig] of SIGNATURES) {
    if (sig.every((b, k) => bytes[k] === b)) throw new TinlineError('INPUT_BINARY', `${what} (signature at byte 0)`, where);
  }
  const det = detect(bytes, options);
  const { charset } = det;
  const utf16 = charset.startsWith('utf-16');
  if (!utf16) {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new TinlineError('INPUT_BINARY', `NUL byte at offset ${nul} and no UTF-16 byte-order mark`, where);
  }
  const u = det.utf8;
  if (charset === 'utf-8' && u && u.invalid > 0) {
    const more = u.invalid > 1 ? ` (${u.invalid - 1} more invalid bytes after it)` : '';
    throw new TinlineError('INPUT_TRUNCATED',
      `invalid UTF-8 byte ${hex(bytes[u.firstInvalid]!)} at offset ${u.firstInvalid}${more}, and not a legacy encoding either`, where);
  }
  if (charset === 'utf-8' && u && u.truncatedAt >= 0) {
    throw new TinlineError('INPUT_TRUNCATED', `incomplete UTF-8 sequence at byte offset ${u.truncatedAt}: the data ends mid-character`, where);
  }
  const bodyLength = bytes.length - (bomCharset(bytes) ? (charset === 'utf-8' ? 3 : 2) : 0);
  if (utf16 && bodyLength % 2 === 1) {
    throw new TinlineError('INPUT_TRUNCATED', `odd number of bytes in UTF-16 data: byte offset ${bytes.length - 1} is half a character`, where);
  }
  const original = det.text ?? decodeAs(bytes, charset);
  const controls = original.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls / original.length > MAX_CONTROL_SHARE) {
    const first = original.search(CONTROL);
    throw new TinlineError('INPUT_BINARY',
      `${controls} control characters in ${original.length} (${((100 * controls) / original.length).toFixed(1)}%), the first at character ${first}`, where);
  }
  if (!utf16 && charset !== 'utf-8' && original.includes('\ufffd')) {
    // A byte the chosen single-byte code page leaves undefined (0x81, 0x8d... in Windows-1252).
    const at = bytes.findIndex((b) => decodeAs(Uint8Array.of(b), charset) === '\ufffd');
    throw new TinlineError('INPUT_TRUNCATED',
      `byte ${hex(bytes[at]!)} at offset ${at} is neither UTF-8 nor ${charset} (nor another known Vietnamese encoding)`, where);
  }
  const { text, offsets } = options.normalize === false ? { text: original, offsets: null }
    : options.offsets === false ? { text: normalizeText(original), offsets: null } : normalizeMapped(original);
  if (text.trim() === '') throw new TinlineError('INPUT_EMPTY', `only whitespace (${bytes.length} bytes)`, where);
  return !offsets || text === original ? { text, charset, original } : { text, charset, original, offsets };
}

/**
 * The article id: first 16 hex digits of SHA-256 over the normalized text with whitespace runs
 * collapsed. Normalization makes it independent of charset, NFC/NFD, tone placement, line ends and
 * layout whitespace, so the same article read from any copy gets the same id.
 */
export function articleId(text: string): string {
  return articleIdOfNormalized(normalizeText(text));
}

/**
 * `articleId` of a text that is already normalized — plain text as decode and extract hand it on —
 * without normalizing it once more (a tenth of a plain-text article's cost).
 */
export function articleIdOfNormalized(text: string): string {
  // Only whitespace that is not already a lone space is rewritten: most of an article's are.
  const key = text.replace(/[^\S ]\s*| \s+/g, ' ').trim();
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16);
}
