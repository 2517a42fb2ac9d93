// Make hostile HTML cheap before any DOM work: scripts and styles out (JSON-LD kept aside), giant
// attribute values out, and element nesting capped. Readability's cost grows much faster than the depth
// (seconds at a few hundred levels), so elements deeper than MAX_DEPTH lose their tags but keep their text.
// Everything here is a linear scan; no regular expression can backtrack over the whole page.
import { TinlineError } from '../errors.ts';

export const MAX_HTML_CHARS = 16_000_000;
export const MAX_DEPTH = 64;
const MAX_ATTRIBUTE_CHARS = 2048;
const MAX_JSON_LD_CHARS = 200_000;

export interface Sanitized {
  html: string;
  jsonLd: string[];
  /** Elements whose tags were dropped for nesting too deep. */
  flattened: number;
}

const RAW_TEXT = ['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object'];
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'basefont', 'bgsound', 'frame', 'keygen',
]);
// Elements HTML closes by itself when a sibling of the same kind opens.
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);

export function sanitizeHtml(input: string, origin?: string): Sanitized {
  if (input.length > MAX_HTML_CHARS) {
    throw new TinlineError('INPUT_HTML', `tinline/extract: page of ${input.length} characters is over ${MAX_HTML_CHARS}`, { origin });
  }
  const jsonLd: string[] = [];
  // The kept text, in pieces cut only where something is dropped (not at every tag). Names are
  // compared without lower-casing the page: that copy cost a third of this function.
  const kept: string[] = [];
  const closing = closingTags(input);
  let from = 0; // input[from, i) is kept as it is
  let i = 0;
  // Remove raw-text elements (and comments) with indexOf scans.
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt < 0) break;
    if (input.startsWith('<!--', lt)) {
      const end = input.indexOf('-->', lt + 4);
      kept.push(input.slice(from, lt));
      i = from = end < 0 ? input.length : end + 3;
      continue;
    }
    const name = rawTextName(input, lt);
    if (!name) {
      i = lt + 1;
      continue;
    }
    const openEnd = input.indexOf('>', lt);
    if (openEnd < 0) {
      kept.push(input.slice(from, lt));
      from = input.length;
      break;
    }
    kept.push(input.slice(from, lt), ' ');
    // `<iframe … />`: nothing inside to skip.
    if (input.charCodeAt(openEnd - 1) === 47 && name !== 'script' && name !== 'style') {
      i = from = openEnd + 1;
      continue;
    }
    const close = closing(name, openEnd);
    if (name === 'script' && input.slice(lt, openEnd).toLowerCase().includes('ld+json')) {
      const body = input.slice(openEnd + 1, close < 0 ? input.length : close);
      if (body.length <= MAX_JSON_LD_CHARS) jsonLd.push(body);
    }
    if (close < 0) {
      // An unclosed script or style swallows the rest of the page (as a browser would); any other
      // element loses only its opening tag.
      if (name === 'script' || name === 'style') {
        from = input.length;
        break;
      }
      i = from = openEnd + 1;
      continue;
    }
    const closeEnd = input.indexOf('>', close);
    i = from = closeEnd < 0 ? input.length : closeEnd + 1;
  }
  kept.push(input.slice(from));
  const out = dropHugeAttributes(kept.length === 1 ? kept[0]! : kept.join(''));
  const { html, flattened } = capDepth(out);
  return { html, jsonLd, flattened };
}

/** Whether input[at, …) is `name` in any case (`name` in lower case). */
function namedAt(input: string, at: number, name: string): boolean {
  if (at + name.length > input.length) return false;
  // `| 0x20` lower-cases an ASCII letter; no other code unit lands on a lower-case letter by it.
  for (let j = 0; j < name.length; j++) if ((input.charCodeAt(at + j) | 0x20) !== name.charCodeAt(j)) return false;
  return true;
}

// First letters of RAW_TEXT names: most tags start with none of them.
const RAW_TEXT_START = new Set(RAW_TEXT.map((n) => n.charCodeAt(0)));

function rawTextName(input: string, lt: number): string | null {
  if (!RAW_TEXT_START.has(input.charCodeAt(lt + 1) | 0x20)) return null;
  for (const n of RAW_TEXT) {
    if (namedAt(input, lt + 1, n)) {
      const c = input.charCodeAt(lt + 1 + n.length);
      // `<script>`, `<script …`, `<script/…`, not `<scripts>`.
      if (Number.isNaN(c) || c === 62 || c === 32 || c === 9 || c === 10 || c === 13 || c === 47) return n;
    }
  }
  return null;
}

/**
 * Where the first `</name` (any case) at or after `from` begins, or -1. Each name remembers its last
 * answer, which holds for any later start up to it: a page of thousands of unclosed `<iframe>` is
 * searched once to its end, not once per tag.
 */
function closingTags(input: string): (name: string, from: number) => number {
  const last = new Map<string, { from: number; at: number }>();
  return (name, from) => {
    const known = last.get(name);
    if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
    let at = input.indexOf('</', from);
    while (at >= 0 && !namedAt(input, at + 2, name)) at = input.indexOf('</', at + 2);
    last.set(name, { from, at });
    return at;
  };
}

/**
 * Whether some `="…"` or `='…'` (blanks allowed around `=`) has at least MAX_ATTRIBUTE_CHARS
 * characters inside. Only values are looked at: an English page's apostrophes in running text are
 * often thousands of characters apart, and would send every such page through the expression below.
 */
function hasLongValue(html: string): boolean {
  for (let eq = html.indexOf('='); eq >= 0; eq = html.indexOf('=', eq + 1)) {
    let i = eq + 1;
    while (i < html.length && SPACE.has(html.charCodeAt(i))) i++;
    const q = html.charCodeAt(i);
    if (q !== 34 && q !== 39) continue;
    const close = html.indexOf(q === 34 ? '"' : "'", i + 1);
    if (close < 0) return html.length - i - 1 >= MAX_ATTRIBUTE_CHARS;
    if (close - i - 1 >= MAX_ATTRIBUTE_CHARS) return true;
    eq = close;
  }
  return false;
}
const SPACE = new Set([9, 10, 12, 13, 32]);

function dropHugeAttributes(html: string): string {
  if (html.length < MAX_ATTRIBUTE_CHARS) return html;
  // Most pages have no huge value, and finding that out with indexOf costs a fraction of trying the
  // expression at every blank.
  if (!hasLongValue(html)) return html;
  return html.replace(
    new RegExp(`\\s[^\\s=<>"']+\\s*=\\s*(?:"[^"]{${MAX_ATTRIBUTE_CHARS},}"|'[^']{${MAX_ATTRIBUTE_CHARS},}')`, 'g'),
    ' ',
  );
}

const isLetter = (c: number) => ((c | 0x20) >= 97 && (c | 0x20) <= 122);
// A tag name's later characters: letters, digits, `:` and `-`.
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 58) || c === 45;

/**
 * Drops the tags of elements nested deeper than MAX_DEPTH. A tag is `<name …>` or `</name …>` with
 * no `<` inside; read by hand, tag by tag, since a regular expression's match object per tag cost
 * more than the rest of this function.
 */
function capDepth(html: string): { html: string; flattened: number } {
  const names: string[] = [];
  const dropped: boolean[] = [];
  const cuts: number[] = []; // [start, end) pairs
  let flattened = 0;
  const n = html.length;
  let gt = -1;
  for (let lt = html.indexOf('<'); lt >= 0; ) {
    const next = html.indexOf('<', lt + 1);
    const closing = html.charCodeAt(lt + 1) === 47;
    const start = closing ? lt + 2 : lt + 1;
    if (!isLetter(html.charCodeAt(start))) {
      lt = next;
      continue;
    }
    let end = start + 1;
    while (end < n && isNameChar(html.charCodeAt(end))) end++;
    // The first `>` from here: the last one found while it is still ahead (`<a <a <a … >` would
    // otherwise search to the same far `>` from every `<`).
    if (gt < end) gt = html.indexOf('>', end);
    if (gt < 0) break;
    // `<a_b>` is not a tag name; `a < b > c` is not a tag.
    if (html.charCodeAt(end) === 95 || (next >= 0 && next < gt)) {
      lt = next;
      continue;
    }
    const name = html.slice(start, end).toLowerCase();
    if (closing) {
      // Pop to the nearest open element of that name (looking only a little way down).
      for (let k = names.length - 1; k >= Math.max(0, names.length - 256); k--) {
        if (names[k] !== name) continue;
        if (dropped[k]) cuts.push(lt, gt + 1);
        names.length = dropped.length = k;
        break;
      }
    } else if (!VOID.has(name) && !(html.charCodeAt(gt - 1) === 47 && gt - 1 >= end)) {
      if (SELF_CLOSING_SIBLINGS.has(name) && names.length && names[names.length - 1] === name) {
        names.pop();
        dropped.pop();
      }
      const drop = names.length >= MAX_DEPTH;
      if (drop) {
        flattened++;
        cuts.push(lt, gt + 1);
      }
      names.push(name);
      dropped.push(drop);
    }
    lt = next;
  }
  if (!cuts.length) return { html, flattened };
  const out: string[] = [];
  let at = 0;
  for (let k = 0; k < cuts.length; k += 2) {
    out.push(html.slice(at, cuts[k]), ' ');
    at = cuts[k + 1]!;
  }
  out.push(html.slice(at));
  return { html: out.join(''), flattened };
}
