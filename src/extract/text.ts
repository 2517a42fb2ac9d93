// Plain text scraped from pages: take the page chrome out, line by line, and say why for each line.
// The order is trafilatura's idea of a readable sequence of gates: head (metadata token, date headers,
// navigation, title), everywhere (captions, links to other stories), foot (footers, references, credits,
// bylines, end marks), then paragraphs, a repeated lead, and the dateline's date.
import type { PartialDate, RemovalReason, RemovedLine } from '../types.ts';
import { dateOnlyLine, findDates, partial, yearsMentioned, type DateMatch } from './dates.ts';
import { DAY_WORDS, METADATA_KEYS, alt } from './lang/index.ts';
import {
  captionOf,
  creditOf,
  domainOf,
  endMarkOf,
  endsSentence,
  isByline,
  isMenuItem,
  isReferenceHeading,
  isRelatedLink,
  isRegexBlank,
  isSectionFooter,
  navigationReason,
  wordCount,
} from './rules.ts';

export interface CleanOptions {
  /** Read `a/b/yyyy` day first or month first. */
  order?: 'dmy' | 'mdy';
  /** Markdown: headings, links and images have their own marks. */
  markdown?: boolean;
  /**
   * Paragraphs already cut by HTML blocks: look for a title, menu runs and joined lines only in text
   * scraped as plain text.
   */
  fromHtml?: boolean;
}

export interface CleanedText {
  title: string | null;
  body: string[];
  captions: string[];
  removed: RemovedLine[];
  /** From a leading metadata token, a timed date line, or a dateline at the start of the body. */
  published: PartialDate | null;
  pageDates: PartialDate[];
  /** From a credit line or a closing references block. */
  source: string | null;
}

interface Line {
  text: string;
  removed?: RemovalReason;
}

const METADATA_TOKEN = new RegExp(
  `^\\s*(${alt(METADATA_KEYS)})\\s*[:=]?\\s*(\\d{4}(?:-\\d{1,2}(?:-\\d{1,2})?)?(?:T[\\d:.+\\-Z]+)?)(?=\\s|$)`,
  'iu',
);

/** A headline in a list of other stories: not a long run of sentences. */
const isHeadlineLike = (t: string) => t.length <= 250 && !(endsSentence(t) && wordCount(t) >= 25);

/** A line that reads like article text rather than chrome. */
// A page's menu item also begins with a letter and has two (a table's cells are often numbers or
// single letters), and is in a script that puts spaces between words (in Japanese or Chinese a short
// line is as likely a sentence).
const isPageMenuItem = (t: string) => /^\s*\p{L}/u.test(t) && (t.match(/\p{L}/gu)?.length ?? 0) >= 2 &&
  !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u.test(t);
const isBodyLike = (t: string) => t.length >= 120 || (endsSentence(t) && wordCount(t) >= 8);

export function cleanText(text: string, options: CleanOptions = {}): CleanedText {
  const order = options.order ?? 'dmy';
  const removed: RemovedLine[] = [];
  const captions: string[] = [];
  const pageDates: PartialDate[] = [];
  let published: PartialDate | null = null;
  let source: string | null = null;
  let title: string | null = null;

  // ---- leading metadata token (`date 2023-09 …`) -------------------------------------------
  let rest = text;
  const meta = METADATA_TOKEN.exec(rest);
  if (meta) {
    const token = meta[0].trim();
    const value = meta[2]!;
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(value)!;
    const y = +m[1]!;
    if (y >= 1990 && y <= 2099) {
      removed.push({ text: token, reason: 'metadata' });
      rest = rest.slice(meta[0].length).replace(/^[ \t]+/u, '');
      if (m[2] === undefined) published = { value: m[1]!, precision: 'year', evidence: `metadata token: ${token}`, kind: 'exact' };
      else if (+m[2] >= 1 && +m[2] <= 12) {
        published = partial({ y, m: +m[2], d: m[3] === undefined ? null : +m[3] }, `metadata token: ${token}`);
      }
    }
  }

  const lines: Line[] = rest.split('\n').map((l) => ({ text: withoutTrailingBlanks(l) }));
  const drop = (l: Line, reason: RemovalReason) => {
    l.removed = reason;
    removed.push({ text: l.text.trim(), reason });
  };

  if (options.markdown) markdownMarks(lines, captions, drop, (t) => (title ??= t));

  const live = () => lines.filter((l) => !l.removed && l.text.trim());

  // ---- head: date headers, navigation, breadcrumbs, bylines -----------------------------------
  const firstBody = lines.findIndex((l) => !l.removed && isBodyLike(l.text.trim()));
  const headEnd = firstBody < 0 ? lines.length : firstBody;
  let timedLine: DateMatch | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text.trim();
    if (l.removed || !t) continue;
    const date = dateOnlyLine(t, order);
    if (date) {
      drop(l, 'date-header');
      if (date.hasTime && !timedLine) timedLine = date;
      else if (i < headEnd) pageDates.push(partial(date, `page date header: ${t}`, 'before'));
      continue;
    }
    const nav = navigationReason(t);
    if (nav) {
      drop(l, nav);
      continue;
    }
    if (i < headEnd && isByline(t, false)) drop(l, 'byline');
  }
  if (timedLine && !published) published = partial(timedLine, `date line: ${timedLine.text}`);

  // Runs of menu items at the head (three or more one-to-three-word lines in a row; five from a
  // page, whose blocks are often short: a menu Readability kept is a long run of them).
  {
    const minRun = options.fromHtml ? 5 : 3;
    let run: Line[] = [];
    const flush = () => {
      if (run.length >= minRun) for (const l of run) drop(l, 'navigation');
      run = [];
    };
    for (let i = 0; i < headEnd; i++) {
      const l = lines[i]!;
      if (l.removed) continue;
      if (!l.text.trim()) continue;
      if (isMenuItem(l.text) && (!options.fromHtml || isPageMenuItem(l.text))) run.push(l);
      else flush();
    }
    flush();
  }

  // ---- title: a first short line without final punctuation, followed by a blank line and more -
  if (!options.fromHtml && title === null) {
    const i = lines.findIndex((l) => !l.removed && l.text.trim());
    if (i >= 0) {
      const t = lines[i]!.text.trim();
      const next = lines[i + 1];
      const blankAfter = !next || !next.text.trim();
      // A line with nothing after it is the text itself, not its title.
      let bodyAfter = false;
      for (let k = i + 1; k < lines.length && !bodyAfter; k++) bodyAfter = !lines[k]!.removed && !!lines[k]!.text.trim();
      if (blankAfter && bodyAfter && t.length <= 200 && wordCount(t) >= 2 && !endsSentence(t) && !/[,]$/u.test(t) && /\p{L}/u.test(t)) {
        title = t;
        drop(lines[i]!, 'title');
      }
    }
  } else if (title !== null) {
    // Markdown gave the title; a plain repeat of it is not body.
    for (const l of live()) if (l.text.trim() === title) drop(l, 'title');
  }

  // ---- everywhere: captions and links to other stories ----------------------------------------
  for (const l of lines) {
    if (l.removed || !l.text.trim()) continue;
    const caption = captionOf(l.text);
    if (caption !== null) {
      captions.push(caption);
      drop(l, 'caption');
    } else if (isRelatedLink(l.text)) drop(l, 'related-link');
  }

  // ---- foot: section footers, references, credits, bylines --------------------------------------
  const remaining = () => lines.map((l, i) => [l, i] as const).filter(([l]) => !l.removed && l.text.trim());
  // A footer heading followed only by short lines (a list of headlines) ends the article.
  const rem = remaining();
  let bodyBefore = false; // a body-like line before rem[k]
  for (let k = 0; k < rem.length; k++) {
    const [l] = rem[k]!;
    const footer = isSectionFooter(l.text);
    const wasBodyBefore = bodyBefore;
    bodyBefore ||= isBodyLike(l.text.trim());
    if (!footer) continue;
    if (!wasBodyBefore) {
      // A footer heading that is all the text left: nothing but page chrome.
      if (k === rem.length - 1) drop(l, 'footer');
      continue;
    }
    const after = rem.slice(k + 1);
    if (after.every(([x]) => isHeadlineLike(x.text.trim()))) {
      drop(l, 'footer');
      for (const [x] of after) drop(x, 'footer');
      break;
    }
    drop(l, 'footer');
  }
  // References block: `Reference(s):` then a headline and a domain.
  const rem2 = remaining();
  for (let k = Math.max(0, rem2.length - 6); k < rem2.length; k++) {
    const [l] = rem2[k]!;
    if (!isReferenceHeading(l.text)) continue;
    const after = rem2.slice(k + 1);
    if (after.length > 4 || after.some(([x]) => x.text.trim().length > 200)) continue;
    drop(l, 'credit');
    for (const [x] of after) {
      const d = domainOf(x.text);
      if (d && !source) source = d;
      drop(x, 'credit');
    }
    break;
  }
  // Credit lines and bylines among the last few lines.
  for (let guard = 0; guard < 6; guard++) {
    const r = remaining();
    if (r.length < 2) break;
    const [l] = r[r.length - 1]!;
    const t = l.text.trim();
    const credit = creditOf(t);
    if (credit) {
      source ??= credit;
      drop(l, 'credit');
      continue;
    }
    const d = domainOf(t);
    if (d) {
      source ??= d;
      drop(l, 'credit');
      continue;
    }
    if (isByline(t, true)) {
      drop(l, 'byline');
      continue;
    }
    break;
  }

  // ---- paragraphs ---------------------------------------------------------------------------------
  let body = toParagraphs(lines, !!options.fromHtml);

  // End mark at the end of the last paragraph.
  if (body.length) {
    const last = body[body.length - 1]!;
    const mark = endMarkOf(last);
    if (mark) {
      let kept = last.trimEnd().slice(0, -mark.length).trimEnd();
      if (kept && !endsSentence(kept) && mark.startsWith('.')) kept += '.';
      removed.push({ text: mark, reason: 'end-mark' });
      if (kept) body[body.length - 1] = kept;
      else body.pop();
    }
  }

  body = dropRepeatedLead(body, removed);

  if (!published) published = datelineDate(body, order, pageDates);
  return { title, body, captions, removed, published, pageDates, source };
}

function markdownMarks(
  lines: Line[],
  captions: string[],
  drop: (l: Line, r: RemovalReason) => void,
  setTitle: (t: string) => void,
): void {
  for (const l of lines) {
    let t = l.text;
    const img = /^\s*!\[([^\]]*)\]\([^)]*\)\s*$/u.exec(t);
    if (img) {
      if (img[1]!.trim()) captions.push(img[1]!.trim());
      drop(l, 'caption');
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/u.exec(t);
    if (heading) {
      t = heading[2]!;
      if (heading[1] === '#') setTitle(t.trim());
    }
    t = t
      .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '')
      .replace(/^\s{0,3}>\s?/u, '')
      .replace(/(\*\*|__)(.+?)\1/gu, '$2')
      .replace(/(?<![\p{L}\p{N}*_])([*_])(\S.*?)\1(?![\p{L}\p{N}*_])/gu, '$2');
    // A link alone on its line is a link to another page; inside a sentence it is just its words.
    if (!/^\s*\[[^\]]+\]\([^)]*\)\s*$/u.test(t)) t = t.replace(/\[([^\]]+)\]\([^)]*\)/gu, '$1');
    l.text = t;
  }
}

/** `l.replace(/[ \t\u00a0]+$/u, '')` without a regular expression, which tries every blank of the line. */
function withoutTrailingBlanks(l: string): string {
  let end = l.length;
  for (let c = l.charCodeAt(end - 1); c === 0x20 || c === 0x09 || c === 0xa0; c = l.charCodeAt(end - 1)) end--;
  return end === l.length ? l : l.slice(0, end);
}

// Per code unit: 1 a space, 2 another `\s` blank.
const blankClass = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (isRegexBlank(c)) blankClass[c] = c === 0x20 ? 1 : 2;

/**
 * `/[^\S ]| {2}/u.test(s)`: a blank other than a space, or two spaces in a row. One pass without
 * branches: a branch per space is mispredicted at every word.
 */
function hasOtherBlanks(s: string): boolean {
  let seen = 0;
  let before = 0;
  for (let i = 0; i < s.length; i++) {
    const k = blankClass[s.charCodeAt(i)]!;
    seen |= (k & 2) | (before & k & 1);
    before = k;
  }
  return seen !== 0;
}

/**
 * Blocks between blank lines (or removed lines) become paragraphs. Inside a block a line break is a
 * paragraph break when the line ends a sentence and the next starts with a capital, a digit or a quote.
 */
function toParagraphs(lines: Line[], fromHtml: boolean): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    let p = cur.join(' ');
    // Collapsing is needed only where a blank is not a single space (most paragraphs have none).
    if (hasOtherBlanks(p)) p = p.replace(/\s+/gu, ' ');
    p = p.trim();
    if (p) out.push(p);
    cur = [];
  };
  for (const l of lines) {
    const t = l.text.trim();
    if (l.removed || !t) {
      flush();
      continue;
    }
    if (cur.length && (fromHtml || (endsSentence(cur[cur.length - 1]!) && /^[\p{Lu}\p{N}"“‘'«(\[–—-]/u.test(t)))) flush();
    cur.push(t);
  }
  flush();
  return out;
}

// Letters and digits outside ASCII, looked up once per code unit: `/[\p{L}\p{N}]+/gu` costs ~30 ns
// per character on Vietnamese text, a table lookup a fraction of that.
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const bmpClass = new Uint8Array(0x10000); // 0 not looked up, 1 letter or digit, 2 not, 3 high surrogate
for (let c = 0; c < 0x80; c++) bmpClass[c] = /[0-9A-Za-z]/.test(String.fromCharCode(c)) ? 1 : 2;
bmpClass.fill(3, 0xd800, 0xdc00);

/** How many units the letter or digit at `i` takes (0: none there). */
function isLetterOrDigitAt(s: string, i: number, c: number): number {
  const k = bmpClass[c]!;
  if (k === 1) return 1;
  if (k === 2) return 0;
  if (k === 0) {
    const letter = LETTER_OR_DIGIT.test(String.fromCharCode(c));
    bmpClass[c] = letter ? 1 : 2;
    return letter ? 1 : 0;
  }
  // A surrogate pair is one code point; a lone surrogate is no letter.
  if (i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return LETTER_OR_DIGIT.test(s.slice(i, i + 2)) ? 2 : 0;
  return 0;
}

/** Lower-cased runs of letters and digits: `s.toLowerCase().match(/[\p{L}\p{N}]+/gu)`. */
function tokens(s: string): string[] {
  const l = s.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < l.length; ) {
    const units = isLetterOrDigitAt(l, i, l.charCodeAt(i));
    if (units) {
      if (start < 0) start = i;
      i += units;
      continue;
    }
    if (start >= 0) {
      out.push(l.slice(start, i));
      start = -1;
    }
    i += l.charCodeAt(i) >= 0xd800 && l.charCodeAt(i) <= 0xdbff && i + 1 < l.length && (l.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  if (start >= 0) out.push(l.slice(start));
  return out;
}

// Word triples as numbers: each distinct word of the paragraphs compared gets an id, and a triple
// of ids packs into one exact integer — a small integer (no allocation in a Set) when there are at
// most 2^10 distinct words, a double below 2^51 up to 2^17 of them, past that a string again.
// Comparing a few paragraphs this way costs a fraction of building a string per triple.
function shingleSets(paragraphs: string[][]): Set<number | string>[] {
  const idOf = new Map<string, number>();
  const ids = paragraphs.map((toks) => {
    const out = new Array<number>(toks.length);
    for (let i = 0; i < toks.length; i++) {
      let id = idOf.get(toks[i]!);
      if (id === undefined) idOf.set(toks[i]!, (id = idOf.size));
      out[i] = id;
    }
    return out;
  });
  const base = idOf.size <= 2 ** 10 ? 2 ** 10 : idOf.size <= 2 ** 17 ? 2 ** 17 : 0;
  return paragraphs.map((toks, k) => {
    const out = new Set<number | string>();
    if (!base) {
      for (let i = 0; i + 3 <= toks.length; i++) out.add(toks.slice(i, i + 3).join(' '));
      return out;
    }
    const p = ids[k]!;
    for (let i = 0; i + 3 <= p.length; i++) out.add((p[i]! * base + p[i + 1]!) * base + p[i + 2]!);
    return out;
  });
}

// Lower case one code unit at a time, which is what toLowerCase does for every unit of the BMP but
// `İ` (two units) and `Σ` (`ς` or `σ` by what follows): text with those, or with surrogates, is
// lower-cased whole. Lower-casing a paragraph whole costs about as much as hashing it.
const lowerUnit = new Uint16Array(0x10000); // 0: not looked up (U+0000 is looked up every time)
const lowerOf = (c: number) => lowerUnit[c] || (lowerUnit[c] = String.fromCharCode(c).toLowerCase().charCodeAt(0));
const lowersAlone = (c: number) => c !== 0x130 && c !== 0x3a3 && (c < 0xd800 || c > 0xdfff);

// A hash of each word triple `shingleSets` would make of `tokens(s)`, computed in one scan without
// cutting the words out: enough to bound how many of the lead's word triples a paragraph can share.
// Kept to 30 bits: small integers, which need no allocation. `lowered`: `s` is lower case already.
function tripleHashes(s: string, lowered = false): number[] {
  const out: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  let words = 0;
  let h1 = 0; // the two words before
  let h2 = 0;
  for (let i = 0; i <= s.length; ) {
    let c = i < s.length ? s.charCodeAt(i) : 0x20;
    if (!lowered) {
      if (!lowersAlone(c)) return tripleHashes(s.toLowerCase(), true);
      c = lowerOf(c);
    }
    const units = isLetterOrDigitAt(s, i, c);
    if (units) {
      h = Math.imul(h ^ c, 0x01000193);
      if (units === 2) h = Math.imul(h ^ s.charCodeAt(i + 1), 0x01000193);
      inWord = true;
      i += units;
      continue;
    }
    if (inWord) {
      if (++words >= 3) out.push((Math.imul(Math.imul(h1, 0x9e3779b1) ^ h2, 0x85ebca6b) ^ h) & 0x3fffffff);
      h1 = h2;
      h2 = h;
      h = 0x811c9dc5;
      inWord = false;
    }
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return out;
}

// The slots of the one hash set in use at a time (dropRepeatedLead runs to the end before the next
// call): allocating a typed array per article costs about as much as filling it.
let slotStore = new Int32Array(256);

/** A set of 30-bit hashes in one typed array (a Set of numbers costs several times more per lookup). */
class HashSet {
  private readonly slots: Int32Array; // hash + 1; 0 is empty
  private readonly mask: number;
  size = 0;
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    if (slotStore.length < size) slotStore = new Int32Array(size);
    this.slots = slotStore.subarray(0, size);
    this.slots.fill(0);
    this.mask = size - 1;
  }
  add(h: number): void {
    let i = h & this.mask;
    while (this.slots[i] !== 0 && this.slots[i] !== h + 1) i = (i + 1) & this.mask;
    if (this.slots[i] === 0) this.size++;
    this.slots[i] = h + 1;
  }
  has(h: number): boolean {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v === h + 1) return true;
      if (v === 0) return false;
    }
  }
}

/**
 * The lead said twice: when most of the first paragraph's word triples come back in one of the next
 * few, the shorter copy goes (a later copy of the same length goes, keeping the lead in place).
 */
function dropRepeatedLead(body: string[], removed: RemovedLine[]): string[] {
  if (body.length < 2) return body;
  // Either outcome needs 80 % of the lead's distinct triples in the other paragraph. Counting the
  // other paragraph's triples whose hash is one of the lead's bounds the share from above (a shared
  // triple always counts, a collision only adds; the lead has at most as many distinct hashes as
  // distinct triples), so most paragraphs are ruled out without building their words or their sets.
  const lh = tripleHashes(body[0]!);
  const leadHashes = new HashSet(lh.length);
  for (const x of lh) leadHashes.add(x);
  if (leadHashes.size < 6) {
    // Few distinct hashes: count the triples themselves.
    if (shingleSets([tokens(body[0]!)])[0]!.size < 6) return body;
  }
  const end = Math.min(body.length, 6);
  for (let j = 1; j < end; j++) {
    const h = tripleHashes(body[j]!);
    let hits = 0;
    for (const x of h) if (leadHashes.has(x)) hits++;
    if (hits / leadHashes.size < 0.8) continue;
    const [lead, sh] = shingleSets([tokens(body[0]!), tokens(body[j]!)]) as [Set<number | string>, Set<number | string>];
    let shared = 0;
    for (const s of lead) if (sh.has(s)) shared++;
    const coverLead = shared / lead.size;
    const coverOther = sh.size ? shared / sh.size : 0;
    if (coverLead >= 0.8 && coverOther >= 0.8) {
      removed.push({ text: body[j]!, reason: 'repeated-lead' });
      return body.filter((_, k) => k !== j);
    }
    if (coverLead >= 0.8 && sh.size > lead.size) {
      removed.push({ text: body[0]!, reason: 'repeated-lead' });
      return body.slice(1);
    }
  }
  return body;
}

const DATELINE_PREFIX = new RegExp(
  `^(?:[^.!?\\n]{0,60}?(?:[,–—-]|\\))\\s*)?(?:${alt(DAY_WORDS)}\\s+)?$`,
  'iu',
);

/**
 * The date a dateline opens the body with: `Hà Nội, ngày 2/11/2023`, `(Dân trí) - Ngày 12/11/2024,`,
 * `Ngày 12/11,`. Without a year, the year comes from the years the text itself states (the latest one
 * not said to be still to come, nor later than a page date); with none, the year stays unknown.
 */
export function datelineDate(body: string[], order: 'dmy' | 'mdy', pageDates: PartialDate[]): PartialDate | null {
  for (const p of body.slice(0, 3)) {
    const head = p.slice(0, 140);
    const d = findDates(head, order).find((x) => x.d !== null);
    if (!d) continue;
    if (!DATELINE_PREFIX.test(head.slice(0, d.index))) continue;
    const after = head.slice(d.index + d.text.length);
    if (!/^(?:\s*[,:–—-]|\s*\(|\s+\p{L})/u.test(after)) continue;
    const said = head.slice(0, d.index + d.text.length).trim();
    if (d.y !== null) return partial(d, `dateline: ${said}`);
    const bound = pageDates
      .map((x) => (x.value ? Number(x.value.slice(0, 4)) : NaN))
      .filter((y) => Number.isFinite(y));
    const maxYear = bound.length ? Math.min(...bound) : Infinity;
    const years = yearsMentioned(body.join('\n')).filter((y) => !y.future && y.year <= maxYear);
    if (years.length) {
      const best = Math.max(...years.map((y) => y.year));
      const from = years.filter((y) => y.year === best).map((y) => `'${y.text.trim()}'`);
      return partial(
        { y: best, m: d.m, d: d.d },
        `dateline: '${said}' with the year from ${from.join(', ')}`,
        'approximate',
      );
    }
    return partial({ y: null, m: d.m, d: d.d }, `dateline: '${said}' (no year in the text)`);
  }
  return null;
}
