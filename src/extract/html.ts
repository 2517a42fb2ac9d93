// HTML pages: Readability (on linkedom) finds the main text; metadata (title, site, language, date) comes
// from the page around it, read before Readability rewrites the document. Scripts never run: linkedom
// does not execute them, and sanitizeHtml has removed them anyway.
import { createRequire } from 'node:module';
import { normalizeCollapsible, normalizeText } from '../decode/index.ts';
import { TinlineError } from '../errors.ts';
import type { PartialDate, RemovedLine } from '../types.ts';
import { numericOrderFor } from './lang/index.ts';
import { allPageDates, pageDate, type PageDateInput } from './pagedate.ts';
import { sanitizeHtml } from './sanitize.ts';

type HtmlLibraries = { parseHTML: typeof import('linkedom').parseHTML; Readability: typeof import('@mozilla/readability').Readability };
let libraries: HtmlLibraries | null = null;
/**
 * linkedom and Readability, loaded at the first page: loading them costs ~0.1 s, which every ingest
 * thread and every CLI command paid at start, plain text or not. (require, because a page is read
 * synchronously; linkedom ships the same code as CommonJS.)
 */
function htmlLibraries(): HtmlLibraries {
  if (!libraries) {
    const require = createRequire(import.meta.url);
    libraries = { parseHTML: (require('linkedom') as typeof import('linkedom')).parseHTML, Readability: (require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability };
  }
  return libraries;
}

// Minimal DOM shapes we use (linkedom's own types are loose).
interface El {
  tagName: string;
  localName: string;
  nodeType: number;
  childNodes: ArrayLike<Node>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  querySelector(sel: string): El | null;
  getElementsByTagName(name: string): ArrayLike<El>;
  parentNode: El | null;
  remove(): void;
}
type Node = El | { nodeType: 3; data: string; textContent: string | null };

export interface HtmlPage {
  title: string | null;
  source: string | null;
  language: string | null;
  published: PartialDate | null;
  /** Main-text paragraphs, one per block element, whitespace collapsed. */
  paragraphs: string[];
  captions: string[];
  removed: RemovedLine[];
  /** The URL the page says it lives at (canonical or og:url). */
  url: string | null;
  /** With `explain`: every publication date the page offers, best first, each with its evidence. */
  dateCandidates?: PartialDate[];
}

const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/gu, ' ').trim();

export function readHtml(raw: string, origin: string, givenUrl?: string, options: { explain?: boolean } = {}): HtmlPage {
  // The page's source is not normalized: most of it is markup. Its text nodes are, as the walk below
  // reaches them (a fifth of the cost), and so is every attribute value that becomes output.
  const sanitized = sanitizeHtml(raw, origin);
  const html = sanitized.html;
  const jsonLd = sanitized.jsonLd.map(normalizeText);
  let document: any;
  try {
    ({ document } = htmlLibraries().parseHTML(html.includes('<html') || html.includes('<HTML') ? html : `<!doctype html><html><body>${html}</body></html>`));
  } catch (e) {
    throw new TinlineError('INPUT_HTML', `tinline/extract: ${e instanceof Error ? e.message : String(e)}`, { origin, cause: e });
  }
  if (!document?.documentElement) throw new TinlineError('INPUT_HTML', 'tinline/extract: no document element', { origin });

  const root = document.documentElement as El;
  const parts = scanPage(document);
  const lang = collapse(root.getAttribute('lang') || root.getAttribute('xml:lang')) || null;
  const order = numericOrderFor(lang);

  // ---- metadata, before Readability rewrites the tree ----------------------------------------
  const meta = new Map<string, string>();
  for (const m of parts.metas) {
    const key = (m.getAttribute('property') || m.getAttribute('name') || m.getAttribute('itemprop') || m.getAttribute('http-equiv') || '').toLowerCase().trim();
    const content = m.getAttribute('content');
    if (key && content && !meta.has(key)) meta.set(key, normalizeCollapsible(content.trim()));
  }
  const ld = readJsonLd(jsonLd);
  const canonical = parts.links.find((l) => l.getAttribute('rel') === 'canonical')?.getAttribute('href') ?? null;
  const pageUrl = absoluteUrl(meta.get('og:url')) ?? absoluteUrl(canonical) ?? absoluteUrl(givenUrl) ?? null;

  const titleTag = collapse(parts.title?.textContent);
  const h1s = parts.h1s.map((h) => normalizeCollapsible(collapse(h.textContent))).filter(Boolean);
  const siteName = collapse(meta.get('og:site_name')) || ld.publisher || null;
  const host = hostOf(pageUrl) ?? hostOf(givenUrl);
  const source = siteName || siteFromTitle(titleTag, h1s) || host;

  const dateInput: PageDateInput = {
    document,
    meta,
    ld,
    order,
    urls: [pageUrl, givenUrl, origin],
    titles: [collapse(meta.get('og:title') || meta.get('twitter:title')), titleTag].filter(Boolean),
    times: parts.times,
    marked: parts.marked,
  };
  const published = pageDate(dateInput);
  const dateCandidates = options.explain ? allPageDates(dateInput) : undefined;

  // ---- main text ---------------------------------------------------------------------------
  let article: { title?: string | null; content?: unknown; siteName?: string | null; lang?: string | null } | null = null;
  try {
    article = new (htmlLibraries().Readability)(document, { serializer: (el: unknown) => el } as any).parse() as any;
  } catch {
    article = null;
  }
  const captions: string[] = [];
  const removed: RemovedLine[] = [];
  let paragraphs: string[] = [];
  if (article?.content) paragraphs = blocks(article.content as El, captions, removed);
  if (!paragraphs.join('').trim()) {
    const body = document.body as El | null;
    if (body) {
      for (const n of Array.from(body.querySelectorAll('nav, header, footer, aside, form, button') as ArrayLike<El>)) n.remove();
      paragraphs = blocks(body, captions, removed);
    }
  }

  // Readability folds runs of two blanks but keeps a lone line end (`\r\n` and `\n` would differ).
  const readableTitle = article?.title ? normalizeCollapsible(collapse(article.title)) : null;
  const title = pickTitle(collapse(meta.get('og:title') || meta.get('twitter:title')), titleTag, h1s, readableTitle, siteName);
  return {
    title,
    source: source || normalizeCollapsible(collapse(article?.siteName)) || null,
    language: lang ? lang.toLowerCase().split(/[-_]/)[0]! : null,
    published,
    paragraphs,
    captions,
    removed,
    url: pageUrl,
    ...(dateCandidates ? { dateCandidates } : {}),
  };
}

interface PageParts {
  metas: El[];
  links: El[];
  title: El | null;
  h1s: El[];
  /** The first 200 `<time>` elements. */
  times: El[];
  /** Elements marked `itemprop` or `property` `datePublished`. */
  marked: El[];
}

const MAX_TIMES = 200;

/**
 * One walk over the parsed page, in document order: its text nodes normalized in place, and the
 * elements metadata reads collected. linkedom answers getElementsByTagName and querySelectorAll by
 * walking the whole tree each time; six of those cost more than this one.
 */
function scanPage(document: El): PageParts {
  const parts: PageParts = { metas: [], links: [], title: null, h1s: [], times: [], marked: [] };
  const visit = (el: El, tag: string) => {
    if (tag === 'meta') parts.metas.push(el);
    else if (tag === 'link') parts.links.push(el);
    else if (tag === 'title') parts.title ??= el;
    else if (tag === 'h1') parts.h1s.push(el);
    else if (tag === 'time' && parts.times.length < MAX_TIMES) parts.times.push(el);
    if ((el as any).hasAttributes() && (el.getAttribute('itemprop') === 'datePublished' || el.getAttribute('property') === 'datePublished')) {
      parts.marked.push(el);
    }
    // Sibling links, not childNodes: linkedom builds a new list for every childNodes read.
    for (let k = (el as any).firstChild; k; k = k.nextSibling) node(k);
  };
  const node = (k: any) => {
    if (k.nodeType === 1) visit(k, k.localName);
    else if (k.nodeType === 3) {
      const data: string = k.data;
      const normal = normalizeCollapsible(data);
      if (normal !== data) k.data = normal;
    }
  };
  // From the document, not its root element: broken markup can leave elements after `</html>`.
  // (By its child list: linkedom's doctype node has no next sibling.)
  for (const k of Array.from(document.childNodes)) node(k);
  return parts;
}

// ---- title -------------------------------------------------------------------------------------

/** The clean headline: og:title or `<title>` without its ` - Site` part, or the h1 they contain. */
function pickTitle(og: string, titleTag: string, h1s: string[], readable: string | null, site: string | null): string | null {
  const strip = (t: string) => stripSiteSuffix(t, site);
  const candidates = [og && strip(og), readable && strip(readable), titleTag && strip(titleTag)].filter(Boolean) as string[];
  const h1 = h1s.find((h) => h.length >= 8 && candidates.some((c) => c.includes(h) || h.includes(c)));
  if (h1 && candidates.length && candidates[0]!.includes(h1) && h1.length < candidates[0]!.length) return h1;
  return candidates[0] ?? h1s[0] ?? null;
}

/**
 * The site's name from a `<title>` that is the page's own headline (an h1) plus a short last part
 * after a separator (`Council approves budget - City News`): the name the page gives itself when no
 * metadata does, preferred to the bare host name.
 */
function siteFromTitle(titleTag: string, h1s: string[]): string | null {
  const m = /^(.*\S)\s+[|\-–—:»·•]\s+([^|\-–—:»·•]+)$/u.exec(titleTag);
  if (!m) return null;
  const [, head, last] = m;
  const site = last!.trim();
  if (site.length > 40 || site.split(/\s+/u).length > 5 || !/\p{L}/u.test(site)) return null;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const headline = norm(head!);
  return headline.length >= 8 && h1s.some((h) => norm(h) === headline) ? site : null;
}

function stripSiteSuffix(title: string, site: string | null): string {
  const parts = title.split(/\s+[|\-–—:»·•]\s+/u);
  if (parts.length < 2) return title;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (site) {
    const s = norm(site);
    if (norm(parts[parts.length - 1]!).includes(s) || s.includes(norm(parts[parts.length - 1]!))) {
      return title.slice(0, title.lastIndexOf(parts[parts.length - 1]!)).replace(/\s+[|\-–—:»·•]\s*$/u, '').trim();
    }
    if (norm(parts[0]!) === s) return title.slice(parts[0]!.length).replace(/^\s*[|\-–—:»·•]\s+/u, '').trim();
  }
  // Without a site name: drop a short last part (`… - BBC News`) when the rest is long.
  const last = parts[parts.length - 1]!;
  const head = title.slice(0, title.lastIndexOf(last)).replace(/\s+[|\-–—:»·•]\s*$/u, '').trim();
  if (last.split(/\s+/u).length <= 4 && head.split(/\s+/u).length >= 4 && /[|\-–—»·•]/u.test(title.slice(head.length, title.length - last.length))) return head;
  return title;
}

// ---- body blocks -------------------------------------------------------------------------------

// Both cases: the parser's elements have lower-case local names, but those Readability makes
// (`createElement('DIV')`) keep upper case in linkedom.
const bothCases = (names: string[]) => new Set(names.flatMap((n) => [n, n.toUpperCase()]));
const BLOCK = bothCases([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'figure', 'header', 'footer', 'aside',
  'nav', 'form', 'address', 'caption', 'details', 'summary', 'hr', 'br', 'center', 'fieldset', 'legend',
]);
const SKIP = bothCases(['script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'textarea', 'iframe']);
const FIGCAPTION = bothCases(['figcaption']);

function blocks(root: El, captions: string[], removed: RemovedLine[]): string[] {
  const out: string[] = [];
  let buf = '';
  const flush = () => {
    // Normalized once more as a whole: a word can be split between elements (`<span>T</span>hủy`).
    const p = normalizeCollapsible(collapse(buf));
    if (p) out.push(p);
    buf = '';
  };
  const walk = (node: El) => {
    // Sibling links, not childNodes: linkedom builds a new list for every childNodes read.
    for (let k = (node as any).firstChild; k; k = k.nextSibling) {
      if (k.nodeType === 3) {
        buf += k.data;
        continue;
      }
      if (k.nodeType !== 1) continue;
      // localName, where tagName upper-cases it anew at every read.
      const tag: string = k.localName;
      if (SKIP.has(tag)) continue;
      if (FIGCAPTION.has(tag)) {
        flush();
        const c = normalizeCollapsible(collapse(k.textContent));
        if (c) {
          captions.push(c);
          removed.push({ text: c, reason: 'caption' });
        }
        continue;
      }
      if (BLOCK.has(tag)) {
        flush();
        walk(k);
        flush();
      } else {
        walk(k);
      }
    }
  };
  walk(root);
  flush();
  return out;
}

// ---- JSON-LD -----------------------------------------------------------------------------------

interface LdFacts {
  published: string | null;
  pagePublished: string | null;
  created: string | null;
  publisher: string | null;
}

function readJsonLd(blocksText: string[]): LdFacts {
  const facts: LdFacts = { published: null, pagePublished: null, created: null, publisher: null };
  const seen = new Set<unknown>();
  const visit = (x: unknown, depth: number) => {
    if (!x || typeof x !== 'object' || depth > 8 || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const y of x.slice(0, 200)) visit(y, depth + 1);
      return;
    }
    const o = x as Record<string, unknown>;
    const type = String(o['@type'] ?? '');
    const isArticle = /Article|Posting|Report|Story|Blog|NewsArticle|Review|Recipe|VideoObject|Event/i.test(type);
    const isPage = /WebPage|WebSite|ItemPage|CollectionPage/i.test(type);
    // An article's own date first; a WebPage's (Yoast puts it there) next; an image's or a person's never.
    if (typeof o.datePublished === 'string') {
      if (isArticle && !facts.published) facts.published = o.datePublished;
      else if (isPage && !facts.pagePublished) facts.pagePublished = o.datePublished;
    }
    if (typeof o.dateCreated === 'string' && (isArticle || isPage) && !facts.created) facts.created = o.dateCreated;
    const pub = o.publisher as Record<string, unknown> | undefined;
    if (pub && typeof pub === 'object' && !facts.publisher) {
      const name = Array.isArray(pub) ? (pub[0] as Record<string, unknown>)?.name : pub.name;
      if (typeof name === 'string' && name.trim()) facts.publisher = name.trim();
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'publisher' && v && typeof v === 'object') visit(v, depth + 1);
  };
  for (const text of blocksText) {
    const parsed = parseLoose(text.trim().replace(/^<!\[CDATA\[|\]\]>$/g, ''));
    if (parsed !== undefined) visit(parsed, 0);
    else if (!facts.published) {
      // Broken beyond repair: an article's date is still written as `"datePublished": "…"`.
      const m = /"datePublished"\s*:\s*"([^"]{6,40})"/.exec(text);
      if (m) facts.published = m[1]!;
    }
  }
  return facts;
}

/**
 * JSON.parse, or the longest valid prefix when the block has junk after its end (a stray `}` is a common
 * template bug), or undefined.
 */
function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    if (!at || !/after JSON|Unexpected non-whitespace/i.test(String((e as Error).message))) return undefined;
    try {
      return JSON.parse(text.slice(0, Number(at)));
    } catch {
      return undefined;
    }
  }
}

// ---- urls ----------------------------------------------------------------------------------------

function absoluteUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u.trim());
    return /^https?:$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function hostOf(u: string | null | undefined): string | null {
  const abs = absoluteUrl(u);
  if (!abs) return null;
  return new URL(abs).hostname.replace(/^www\./, '').toLowerCase() || null;
}
