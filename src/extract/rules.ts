// Line rules for page chrome left in scraped text. Each rule looks at the shape of one line (and, for a
// few, where it stands); none knows any site's words beyond the per-language tables.
import type { RemovalReason } from '../types.ts';
import {
  BYLINE_OPENERS,
  CAPTION_LABELS,
  CREDIT_OPENERS,
  END_MARKS,
  HOME_WORDS,
  PICTURE_WORDS,
  REFERENCE_HEADINGS,
  RELATED_LABELS,
  SECTION_FOOTERS,
  alt,
} from './lang/index.ts';

/** Sentence-final punctuation, allowing closing quotes and brackets after it. */
export const SENTENCE_END = /[.!?…:;]["'”’»)\]]*\s*$/u;

// `\s` of a regular expression, by code unit (a `u` regex reads no blank outside the BMP).
export const isRegexBlank = (c: number) =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isCloser = (c: number) => c === 0x22 || c === 0x27 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x29 || c === 0x5d;
const isSentenceMark = (c: number) => c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026 || c === 0x3a || c === 0x3b;

/**
 * SENTENCE_END.test(s), read from the end: an expression anchored only at the end is tried at every
 * position of the line. Blanks, closers and marks are three sets apart, so each run is taken whole.
 */
export function endsSentence(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && isRegexBlank(s.charCodeAt(i))) i--;
  while (i >= 0 && isCloser(s.charCodeAt(i))) i--;
  return i >= 0 && isSentenceMark(s.charCodeAt(i));
}
export const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** The key a heading is looked up by: lower case, no trailing colon or arrows. */
export function headingKey(line: string): string {
  return line
    .trim()
    .toLowerCase()
    .replace(/[\s:»›>\-–—.]+$/u, '')
    .replace(/^[\s«‹<\-–—#*]+/u, '')
    .replace(/\s+/gu, ' ');
}

export const isSectionFooter = (line: string) => line.length <= 60 && SECTION_FOOTERS.has(headingKey(line));

const HOME_RE = new RegExp(`^${alt(HOME_WORDS)}`, 'iu');

// Per code unit: 1 a lower-case letter (`\p{Ll}`), 2 an upper-case one (`\p{Lu}`), 3 neither; 0 not
// looked up yet.
const caseClass = new Uint8Array(0x10000);
function caseOf(c: number): number {
  let k = caseClass[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    caseClass[c] = k = /\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : 3;
  }
  return k;
}

const JUNCTION = /\p{Ll}{2}\p{Lu}/gu;

/** `(t.match(/\p{Ll}{2}\p{Lu}/gu) ?? []).length`, read by code unit (a regex costs several times more). */
function junctionCount(t: string): number {
  // A surrogate pair is one letter to the expression: leave those lines to it.
  if (/[\ud800-\udfff]/.test(t)) return (t.match(JUNCTION) ?? []).length;
  let n = 0;
  for (let i = 0; i + 2 < t.length; ) {
    if (caseOf(t.charCodeAt(i)) === 1 && caseOf(t.charCodeAt(i + 1)) === 1 && caseOf(t.charCodeAt(i + 2)) === 2) {
      n++;
      i += 3;
    } else i++;
  }
  return n;
}

/** Navigation or breadcrumb: menu words glued together, or short parts joined by `>`, `/`, `|`, `»`. */
export function navigationReason(line: string): RemovalReason | null {
  const t = line.trim();
  if (!t || t.length > 250) return null;
  const home = HOME_RE.test(t);
  // Menu items whose separators were lost: a lower-case letter directly followed by an upper-case one.
  // Two lower-case letters before the capital, so `iPhone` or `McDonald` do not count.
  const junctions = junctionCount(t);
  const gluedHome = home && new RegExp(`^${alt(HOME_WORDS)}\\p{Lu}`, 'iu').test(t);
  if (gluedHome || junctions >= 5 || (junctions >= 2 && !endsSentence(t) && t.length <= 150)) {
    return home ? 'breadcrumb' : 'navigation';
  }
  if (endsSentence(t)) return null;
  const parts = t.split(/\s+(?:>|›|»|\/|\||·|•|→|::)\s+/u);
  const pipes = /\s\|\s/u.test(t);
  if (parts.length >= 2 && parts.every((p) => p.length > 0 && p.length <= 40 && wordCount(p) <= 6)) {
    if (home) return 'breadcrumb';
    if (parts.length >= 3) return pipes ? 'navigation' : 'breadcrumb';
  }
  return null;
}

const GLUED_PICTURE = new RegExp(`(?<![\\p{L}])${alt(PICTURE_WORDS)}\\s*\\d{1,2}(?=\\p{Lu})`, 'iu');
const CAPTION_TAIL = new RegExp(
  `(?:^|[.!?…]\\s+|\\s[-–—|]\\s*|\\(\\s*)${alt(CAPTION_LABELS)}\\s*:\\s*[^:()]{1,80}?\\)?\\.?\\s*$`,
  'iu',
);
const CAPTION_HEAD = new RegExp(`^\\(?\\s*${alt(CAPTION_LABELS.filter((l) => !/^(?:nguồn|source|credit|video)$/u.test(l)))}\\s*:\\s*\\S`, 'iu');
const SOURCE_LABEL = /^(?:nguồn|source|credit)$/iu;

/**
 * A photo caption: a short line ending `Ảnh: …`, `(Nguồn: …)`, `Photo: …`, or an image's alt text glued to
 * its number (`… ảnh 1Ngoại trưởng …`). Returns the caption text to keep, or null.
 */
export function captionOf(line: string): string | null {
  const t = line.trim();
  if (!t || t.length > 400) return null;
  const glued = GLUED_PICTURE.exec(t);
  if (glued) return t.slice(glued.index + glued[0].length).trim() || t;
  if (t.length <= 300) {
    const m = CAPTION_TAIL.exec(t);
    if (m) {
      const label = /\p{L}[\p{L}\s]*(?=\s*:)/u.exec(m[0])?.[0]?.trim() ?? '';
      // `Nguồn:`/`Source:` name a photo's source only in brackets after a caption; alone it is a credit.
      const bracketed = /\(\s*\p{L}[\p{L}\s]*:/u.test(m[0]);
      if (!SOURCE_LABEL.test(label) || (bracketed && m.index > 0)) return t;
    }
    if (CAPTION_HEAD.test(t)) return t;
  }
  return null;
}

const RELATED_LABEL = new RegExp(`^(?:${alt(RELATED_LABELS)})\\s*[:>»]+\\s*\\S`, 'iu');

/** A link to another story: a bracketed headline alone on its line, or `Xem thêm: …`, `>> …`. */
export function isRelatedLink(line: string): boolean {
  const t = line.trim();
  if (t.length > 300) return false;
  if (/^\[[^\]\n]{8,}\](?:\([^)\s]*\))?$/u.test(t)) return true;
  if (/^(?:>>|»|►|→)\s*\S/u.test(t) && !endsSentence(t.replace(/[.]$/u, ''))) return true;
  return RELATED_LABEL.test(t) && t.length <= 200;
}

const CREDIT_OPENER = new RegExp(`^(?:${alt(CREDIT_OPENERS)})\\s*:?\\s+`, 'iu');
const BYLINE_OPENER = new RegExp(`^(?:${alt(BYLINE_OPENERS)})\\s*:?\\s*\\S`, 'iu');

/** A name-like credit: a few words, starting upper case or with a digit (`TTXVN`, `AFP`, `Reuters`). */
function creditName(s: string): string | null {
  const t = s.trim().replace(/[.]$/u, '').trim();
  if (!t || t.length > 50) return null;
  if (!/^[\p{Lu}\p{N}]/u.test(t)) return null;
  if (wordCount(t) > 6 || /[.!?;]\s/u.test(t)) return null;
  return t;
}

/** A credit line at the foot: `(TTXVN)`, `(AFP)`, `Theo Reuters`, `Nguồn: Reuters`. Returns the source. */
export function creditOf(line: string): string | null {
  const t = line.trim();
  let m = /^\(([^()]{2,50})\)\.?$/u.exec(t);
  if (m) {
    const inner = m[1]!.trim();
    const opener = CREDIT_OPENER.exec(inner);
    return creditName(opener ? inner.slice(opener[0].length) : inner);
  }
  m = CREDIT_OPENER.exec(t);
  if (m) return creditName(t.slice(m[0].length));
  return null;
}

// The colon first: it rules out almost every line, and headingKey costs more on a long paragraph.
export const isReferenceHeading = (line: string) => /:\s*$/u.test(line.trim()) && REFERENCE_HEADINGS.has(headingKey(line));

/** A bare domain or URL (`vnexpress.net`, `https://www.reuters.com/…`) -> its host without `www.`. */
export function domainOf(line: string): string | null {
  const t = line.trim();
  const m = /^(?:https?:\/\/)?(?:www\.)?((?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,})(?:[/?#]\S*)?$/iu.exec(t);
  return m ? m[1]!.toLowerCase() : null;
}

/** A byline: `By Jane Doe`, or a bare name (2-5 capitalised words) standing alone at the foot. */
export function isByline(line: string, atTail: boolean): boolean {
  const t = line.trim();
  if (!t || t.length > 80) return false;
  if (BYLINE_OPENER.test(t) && wordCount(t) <= 10 && !endsSentence(t)) return true;
  if (!atTail) return false;
  const words = t.split(/\s+/u);
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    words.every((w) => /^[\p{Lu}][\p{L}'’.-]*$/u.test(w)) &&
    !endsSentence(t)
  );
}

/** The end mark at the end of a paragraph (`./.`), or null. */
export function endMarkOf(paragraph: string): string | null {
  const t = paragraph.trimEnd();
  const lower = t.toLowerCase();
  for (const mark of END_MARKS) if (lower.endsWith(mark) && t.length > mark.length) return mark;
  return null;
}

/** A run of menu items: several lines of one to three words with no punctuation. */
export const isMenuItem = (line: string) => {
  const t = line.trim();
  return t.length > 0 && t.length <= 25 && wordCount(t) <= 3 && !/[.!?,;:"“”]/u.test(t);
};
