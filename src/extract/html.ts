// HTML pages: Readability (on linkedom) finds the main text; metadata (title, site, language, date) comes
// from the page around it, read before Readability rewrites the document. Scripts never run: linkedom
// does not execute them, and sanitizeHtml has removed them anyway.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { TinlineError } from '../errors.ts';
import type { PartialDate, RemovedLine } from '../types.ts';
import { dateFromUrl, dateOnlyLine, findDates, parseTimestamp, partial, type Ymd } from './dates.ts';
import { numericOrderFor } from './lang/index.ts';
import { sanitizeHtml } from './sanitize.ts';

// Minimal DOM shapes we use (linkedom's own types are loose).
interface El {
  tagName: string;
  nodeType: number;
  childNodes: ArrayLike<Node>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  querySelector(sel: string): El | null;
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
}

const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article:published', 'published_time',
  'datepublished', 'date_published', 'publishdate', 'publish-date', 'publish_date', 'pubdate', 'pub_date',
  'publication_date', 'parsely-pub-date', 'sailthru.date', 'article.published', 'article_date_original',
  'dc.date', 'dc.date.issued', 'dc.date.created', 'dcterms.date', 'dcterms.issued', 'dcterms.created', 'date',
  'citation_publication_date', 'citation_date', 'originalpublicationdate', 'displaydate', 'og:pubdate',
  'cxenseparse:recs:publishtime', 'article.created', 'created', 'creation_date', 'release_date', 'dateline',
  'og:release_date', 'datecreated', 'date_created', 'bt:pubdate', 'published-date', 'publication-date',
];
const MARKED_PUBLISHED = /publish|pubdate|posted|created|entry-date|post-date|article-date|story-date|datetime|dateline/i;
const MARKED_MODIFIED = /modif|updat|edited|revis|comment|expire|copyright/i;
const DATE_CLASS = /date|time|publish|posted|byline|dateline|(?:^|[\s_-])meta(?:$|[\s_-])|article-info|post-info|entry-meta|details/i;

const STRONG_DATE_CLASS = /publish|posted|pubdate|post-date|entry-date|article-date|story-date|dateline|byline/i;
const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/gu, ' ').trim();

export function readHtml(raw: string, origin: string, givenUrl?: string): HtmlPage {
  const { html, jsonLd } = sanitizeHtml(raw, origin);
  let document: any;
  try {
    ({ document } = parseHTML(html.includes('<html') || html.includes('<HTML') ? html : `<!doctype html><html><body>${html}</body></html>`));
  } catch (e) {
    throw new TinlineError('INPUT_HTML', `tinline/extract: ${e instanceof Error ? e.message : String(e)}`, { origin, cause: e });
  }
  if (!document?.documentElement) throw new TinlineError('INPUT_HTML', 'tinline/extract: no document element', { origin });

  const root = document.documentElement as El;
  const lang = collapse(root.getAttribute('lang') || root.getAttribute('xml:lang')) || null;
  const order = numericOrderFor(lang);

  // ---- metadata, before Readability rewrites the tree ----------------------------------------
  const meta = new Map<string, string>();
  for (const m of Array.from(document.querySelectorAll('meta') as ArrayLike<El>)) {
    const key = (m.getAttribute('property') || m.getAttribute('name') || m.getAttribute('itemprop') || m.getAttribute('http-equiv') || '').toLowerCase().trim();
    const content = m.getAttribute('content');
    if (key && content && !meta.has(key)) meta.set(key, content.trim());
  }
  const ld = readJsonLd(jsonLd);
  const canonical = (document.querySelector('link[rel="canonical"]') as El | null)?.getAttribute('href') ?? null;
  const pageUrl = absoluteUrl(meta.get('og:url')) ?? absoluteUrl(canonical) ?? absoluteUrl(givenUrl) ?? null;

  const titleTag = collapse((document.querySelector('title') as El | null)?.textContent);
  const h1s = Array.from(document.querySelectorAll('h1') as ArrayLike<El>).map((h) => collapse(h.textContent)).filter(Boolean);
  const siteName = collapse(meta.get('og:site_name')) || ld.publisher || null;
  const host = hostOf(pageUrl) ?? hostOf(givenUrl);
  const source = siteName || host;

  const published = pageDate(document, meta, ld, order, [pageUrl, givenUrl, origin]);

  // ---- main text ---------------------------------------------------------------------------
  let article: { title?: string | null; content?: unknown; siteName?: string | null; lang?: string | null } | null = null;
  try {
    article = new Readability(document, { serializer: (el: unknown) => el } as any).parse() as any;
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

  const title = pickTitle(collapse(meta.get('og:title') || meta.get('twitter:title')), titleTag, h1s, article?.title ?? null, siteName);
  return {
    title,
    source: source || collapse(article?.siteName) || null,
    language: lang ? lang.toLowerCase().split(/[-_]/)[0]! : null,
    published,
    paragraphs,
    captions,
    removed,
    url: pageUrl,
  };
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

const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD',
  'BLOCKQUOTE', 'PRE', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'FIGURE', 'HEADER', 'FOOTER', 'ASIDE',
  'NAV', 'FORM', 'ADDRESS', 'CAPTION', 'DETAILS', 'SUMMARY', 'HR', 'BR', 'CENTER', 'FIELDSET', 'LEGEND',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME']);

function blocks(root: El, captions: string[], removed: RemovedLine[]): string[] {
  const out: string[] = [];
  let buf = '';
  const flush = () => {
    const p = collapse(buf);
    if (p) out.push(p);
    buf = '';
  };
  const walk = (node: El) => {
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]! as any;
      if (k.nodeType === 3) {
        buf += k.data;
        continue;
      }
      if (k.nodeType !== 1) continue;
      const tag = String(k.tagName).toUpperCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'FIGCAPTION') {
        flush();
        const c = collapse(k.textContent);
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
    try {
      visit(JSON.parse(text.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '')), 0);
    } catch {
      // Broken JSON-LD is common; the page still has other evidence.
    }
  }
  return facts;
}

// ---- publication date --------------------------------------------------------------------------

const UTC_STAMP = /T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)$/i;

/**
 * The publication date, then one correction: a timestamp written in UTC does not show the newsroom's
 * calendar day. When the page also writes a local day (the URL, a timestamp with its own offset) one
 * day away from it, that local day wins.
 */
function pageDate(
  document: any,
  meta: Map<string, string>,
  ld: LdFacts,
  order: 'dmy' | 'mdy',
  urls: (string | null | undefined)[],
): PartialDate | null {
  const first = firstPageDate(document, meta, ld, order, urls);
  const raw = first?.evidence?.replace(/^[^:]*:\s*/, '') ?? '';
  if (!first?.value || first.precision !== 'day' || !UTC_STAMP.test(raw.trim())) return first;
  const local: PartialDate[] = [];
  for (const url of urls) {
    const u = url ? dateFromUrl(url) : null;
    if (u && u.d !== null) local.push(partial(u, `url: ${u.text}`));
  }
  for (const [key, v] of meta) {
    if (!MARKED_PUBLISHED.test(key) || MARKED_MODIFIED.test(key) || UTC_STAMP.test(v.trim())) continue;
    const x = /T\d{1,2}:\d{2}.*[+-]\d{2}:?\d{2}$/.test(v.trim()) ? parseTimestamp(v, order) : null;
    if (x && x.y !== null) local.push(partial(x, `meta ${key}: ${v.trim().slice(0, 80)}`));
  }
  const day = (v: string) => Date.parse(`${v}T00:00:00Z`) / 86_400_000;
  for (const l of local) {
    if (l.value && l.precision === 'day' && Math.abs(day(l.value) - day(first.value)) === 1) return l;
  }
  return first;
}

function firstPageDate(
  document: any,
  meta: Map<string, string>,
  ld: LdFacts,
  order: 'dmy' | 'mdy',
  urls: (string | null | undefined)[],
): PartialDate | null {
  const fromStamp = (raw: string | null | undefined, where: string): PartialDate | null => {
    if (!raw) return null;
    const x = parseTimestamp(raw, order);
    return x && x.y !== null ? partial(x as Ymd, `${where}: ${raw.trim().slice(0, 80)}`) : null;
  };
  const ldDate = fromStamp(ld.published ?? ld.pagePublished, 'JSON-LD datePublished');
  if (ldDate) return ldDate;
  for (const key of PUBLISHED_META) {
    const d = fromStamp(meta.get(key), `meta ${key}`);
    if (d) return d;
  }
  // Elements marked as the publication date.
  const marked: El[] = Array.from(document.querySelectorAll('[itemprop="datePublished"], [property="datePublished"]'));
  for (const el of marked) {
    const d = fromStamp(el.getAttribute('datetime') || el.getAttribute('content') || el.textContent, 'itemprop datePublished');
    if (d) return d;
  }
  const times: El[] = Array.from(document.querySelectorAll('time')).slice(0, 200) as El[];
  const timeInfo = times.map((t) => ({
    el: t,
    value: t.getAttribute('datetime') || t.getAttribute('content') || collapse(t.textContent),
    context: [t.getAttribute('class'), t.getAttribute('id'), t.getAttribute('pubdate') !== null ? 'pubdate' : '', t.parentNode?.getAttribute?.('class') ?? ''].join(' '),
  }));
  for (const t of timeInfo) {
    if (!MARKED_PUBLISHED.test(t.context) || MARKED_MODIFIED.test(t.context)) continue;
    const d = fromStamp(t.value, '<time> marked published');
    if (d) return d;
  }
  for (const url of urls) {
    if (!url) continue;
    const u = dateFromUrl(url);
    if (u && u.d !== null) return partial(u, `url: ${u.text}`);
  }
  for (const t of timeInfo) {
    if (MARKED_MODIFIED.test(t.context)) continue;
    const d = fromStamp(t.value, '<time datetime>');
    if (d) return d;
  }
  const created = fromStamp(ld.created, 'JSON-LD dateCreated');
  if (created) return created;
  const visible = visibleDateLine(document, order);
  if (visible) return visible;
  for (const url of urls) {
    if (!url) continue;
    const u = dateFromUrl(url);
    if (u) return partial(u, `url: ${u.text}`);
  }
  return null;
}

/** A short element whose class or id says date/time/byline and whose text holds a full date. */
function visibleDateLine(document: any, order: 'dmy' | 'mdy'): PartialDate | null {
  const all: El[] = Array.from(document.querySelectorAll('body *'));
  let n = 0;
  for (const el of all) {
    if (++n > 20000) break;
    const marks = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (marks.length < 3 || !DATE_CLASS.test(marks) || MARKED_MODIFIED.test(marks)) continue;
    const text = collapse(el.textContent);
    if (!text || text.length > 200) continue;
    // A date alone in its element; or, in an element marked as a publication date, a short text
    // holding one (`Posted by Jane, 2 Nov 2023`). A `date` element with more words is often the
    // site's today-line.
    const line = dateOnlyLine(text, order);
    const d = line ?? (STRONG_DATE_CLASS.test(marks) && text.length <= 80 ? findDates(text, order).find((x) => x.y !== null && x.d !== null) : undefined);
    if (d && d.y !== null && d.d !== null) return partial(d, `date line: ${text.slice(0, 100)}`);
  }
  return null;
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
