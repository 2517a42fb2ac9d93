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
  const lower = input.toLowerCase();
  let out = '';
  let i = 0;
  // Remove raw-text elements (and comments) with indexOf scans.
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt < 0) {
      out += input.slice(i);
      break;
    }
    out += input.slice(i, lt);
    if (lower.startsWith('<!--', lt)) {
      const end = input.indexOf('-->', lt + 4);
      i = end < 0 ? input.length : end + 3;
      continue;
    }
    const name = rawTextName(lower, lt);
    if (name) {
      const openEnd = input.indexOf('>', lt);
      if (openEnd < 0) break;
      // `<iframe … />`: nothing inside to skip.
      if (input.charCodeAt(openEnd - 1) === 47 && name !== 'script' && name !== 'style') {
        i = openEnd + 1;
        out += ' ';
        continue;
      }
      const close = lower.indexOf(`</${name}`, openEnd);
      if (name === 'script' && openEnd > 0) {
        const open = lower.slice(lt, openEnd);
        if (open.includes('ld+json')) {
          const body = input.slice(openEnd + 1, close < 0 ? input.length : close);
          if (body.length <= MAX_JSON_LD_CHARS) jsonLd.push(body);
        }
      }
      if (close < 0) {
        // An unclosed script or style swallows the rest of the page (as a browser would); any other
        // element loses only its opening tag.
        if (name === 'script' || name === 'style') break;
        i = openEnd + 1;
        out += ' ';
        continue;
      }
      const closeEnd = input.indexOf('>', close);
      i = closeEnd < 0 ? input.length : closeEnd + 1;
      out += ' ';
      continue;
    }
    out += '<';
    i = lt + 1;
  }

  out = dropHugeAttributes(out);
  const { html, flattened } = capDepth(out);
  return { html, jsonLd, flattened };
}

function rawTextName(lower: string, lt: number): string | null {
  for (const n of RAW_TEXT) {
    if (lower.startsWith(n, lt + 1)) {
      const c = lower.charCodeAt(lt + 1 + n.length);
      // `<script>`, `<script …`, `<script/…`, not `<scripts>`.
      if (Number.isNaN(c) || c === 62 || c === 32 || c === 9 || c === 10 || c === 13 || c === 47) return n;
    }
  }
  return null;
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

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^<>]*?(\/?)>/g;

function capDepth(html: string): { html: string; flattened: number } {
  const stack: { name: string; dropped: boolean }[] = [];
  const cuts: [number, number][] = [];
  let flattened = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      // Closing tag: pop to the nearest open element of that name (looking only a little way down).
      for (let k = stack.length - 1; k >= Math.max(0, stack.length - 256); k--) {
        if (stack[k]!.name !== name) continue;
        if (stack[k]!.dropped) cuts.push([m.index, m.index + m[0].length]);
        stack.length = k;
        break;
      }
      continue;
    }
    if (VOID.has(name) || m[3]) continue;
    if (SELF_CLOSING_SIBLINGS.has(name) && stack.length && stack[stack.length - 1]!.name === name) stack.pop();
    const dropped = stack.length >= MAX_DEPTH;
    if (dropped) {
      flattened++;
      cuts.push([m.index, m.index + m[0].length]);
    }
    stack.push({ name, dropped });
  }
  if (!cuts.length) return { html, flattened };
  let out = '';
  let at = 0;
  for (const [a, b] of cuts) {
    out += html.slice(at, a) + ' ';
    at = b;
  }
  return { html: out + html.slice(at), flattened };
}
