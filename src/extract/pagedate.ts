// A page's publication date, from the most to the least trustworthy kind of evidence: JSON-LD, meta
// tags, elements marked as the publication date, the URL, <time>, then dates written on the page near
// the headline. Every source says where it came from (the PartialDate's evidence).
import { normalizeCollapsible } from '../decode/index.ts';
import type { PartialDate } from '../types.ts';
import { dateFromUrl, dateOnlyLine, findDates, parseTimestamp, partial, type Ymd } from './dates.ts';

// Minimal DOM shapes we use (linkedom's own types are loose).
export interface DomEl {
  tagName: string;
  localName: string;
  nodeType: number;
  childNodes: ArrayLike<DomEl | { nodeType: number; data?: string }>;
  textContent: string | null;
  attributes?: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  getAttributeNode?(name: string): { value: string } | null;
  getAttributeNames?(): ArrayLike<string>;
  hasAttributes?(): boolean;
  querySelectorAll(sel: string): ArrayLike<DomEl>;
  querySelector(sel: string): DomEl | null;
  getElementsByTagName(name: string): ArrayLike<DomEl>;
  parentNode: DomEl | null;
}

export interface LdDates {
  published: string | null;
  pagePublished: string | null;
  created: string | null;
}

export interface PageDateInput {
  document: any;
  meta: Map<string, string>;
  ld: LdDates;
  order: 'dmy' | 'mdy';
  urls: (string | null | undefined)[];
  /** The headline as metadata gives it (og:title, <title>), to find it in the page. */
  titles: string[];
  /** The page's `<time>` elements, and its elements marked `itemprop`/`property` `datePublished`, in document order. */
  times: DomEl[];
  marked: DomEl[];
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
// Class or id words of date elements. `data`/`fecha`/`datum` are how Italian, Portuguese, Spanish, German
// and Dutch templates name them (`data_articolo`, `fecha-publicacion`).
const DATE_CLASS =
  /date|time|publish|posted|created|byline|dateline|(?:^|[\s_-])meta(?:$|[\s_-])|(?:^|\s)(?:data|fecha|datum)(?:$|[\s_-])|article-info|post-info|post--info|entry-meta|details/i;
const STRONG_DATE_CLASS = /publish|posted|pubdate|post-date|entry-date|article-date|story-date|dateline|byline|created/i;
// Parts of a page whose dates belong to other things: comments, lists of other stories, page furniture.
const ELSEWHERE_TAG = new Set(['footer', 'aside', 'nav']);
const ELSEWHERE_CLASS =
  /comment|repl(?:y|ies)|related|recommend|sidebar|popular|most-?read|trending|breadcrumb|copyright|footer|teaser|newsletter|ticker|carousel|slider|(?:^|[\s_-])(?:more|also|latest|recent|other|next|prev|today)(?:$|[\s_-])/i;
const SKIP_TAG = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'textarea', 'iframe']);
/** Attributes holding a machine-readable date on any element (`<span datetime>`, `data-published`). */
const DATE_ATTRIBUTE = /^(?:datetime|content|title|data-(?:[\w-]*(?:date|time|publish|created|posted)[\w-]*|timestamp|ts))$/i;

/** How far from the headline an unmarked date line still reads as the article's own (text characters). */
const AFTER_HEADLINE = 600;
const BEFORE_HEADLINE = 200;

const UTC_STAMP = /T\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)$/i;
const OFFSET_STAMP = /T\d{1,2}:\d{2}.*[+-]\d{2}:?\d{2}$/;
const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/gu, ' ').trim();

// JavaScript's `\s`, by code unit (all of it is in the BMP).
const SPACE_UNIT = new Uint8Array(0x10000);
for (const c of '\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff') SPACE_UNIT[c.charCodeAt(0)] = 1;
for (let c = 0x2000; c <= 0x200a; c++) SPACE_UNIT[c] = 1;

/** 1, 2 or 3 for h1, h2, h3; else 0. */
function headingLevel(tag: string): number {
  if (tag.length !== 2 || tag.charCodeAt(0) !== 104) return 0;
  const level = tag.charCodeAt(1) - 48;
  return level >= 1 && level <= 3 ? level : 0;
}

/** `collapse(s).length`, without building the string. */
function collapsedLength(s: string): number {
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    if (SPACE_UNIT[s.charCodeAt(i)]) {
      if (n) pendingSpace = true;
      continue;
    }
    if (pendingSpace) n++;
    pendingSpace = false;
    n++;
  }
  return n;
}

/**
 * The publication date, then one correction: a timestamp written in UTC does not show the newsroom's
 * calendar day. When the page also writes a local day (the URL, a timestamp with its own offset, a
 * date line by the headline) one day away from it, that local day wins.
 */
export function pageDate(input: PageDateInput): PartialDate | null {
  const first = pageDateCandidates(input).next().value ?? null;
  const raw = first?.evidence?.replace(/^[^:]*:\s*/, '') ?? '';
  if (!first?.value || first.precision !== 'day' || !UTC_STAMP.test(raw.trim())) return first;
  const day = (v: string) => Date.parse(`${v}T00:00:00Z`) / 86_400_000;
  // Newsrooms sit between UTC-10 (Hawaii) and UTC+14: before 10:00 UTC the local day can only be the
  // day before (the Americas), from 10:00 only the day after (Asia, Oceania).
  const hm = /T(\d{1,2}):(\d{1,2})/.exec(raw)!;
  const want = Number(hm[1]) * 60 + Number(hm[2]) < 600 ? -1 : 1;
  let other: PartialDate | null = null;
  for (const l of localDays(input)) {
    if (!l.value || l.precision !== 'day') continue;
    const gap = day(l.value) - day(first.value);
    // A local source on the same day confirms the UTC day; otherwise the first one a day away wins.
    if (gap === 0) return first;
    if (gap === want) other ??= l;
  }
  return other ?? first;
}

/** Every date the page offers as its publication date, best first (for explaining a choice). */
export function allPageDates(input: PageDateInput, limit = 12): PartialDate[] {
  const out: PartialDate[] = [];
  for (const d of pageDateCandidates(input, true)) {
    out.push(d);
    if (out.length >= limit) break;
  }
  return out;
}

function* localDays(input: PageDateInput): Generator<PartialDate> {
  for (const url of input.urls) {
    const u = url ? dateFromUrl(url) : null;
    if (u && u.d !== null) yield partial(u, `url: ${u.text}`);
  }
  for (const [key, v] of input.meta) {
    if (!MARKED_PUBLISHED.test(key) || MARKED_MODIFIED.test(key) || UTC_STAMP.test(v.trim())) continue;
    const x = OFFSET_STAMP.test(v.trim()) ? parseTimestamp(v, input.order) : null;
    if (x && x.y !== null) yield partial(x, `meta ${key}: ${v.trim().slice(0, 80)}`);
  }
  // A date written for readers by the headline is in the newsroom's own calendar.
  const line = headlineDate(pageSpots(input));
  if (line) yield line;
}

function* pageDateCandidates(input: PageDateInput, all = false): Generator<PartialDate> {
  const { meta, ld, order, urls } = input;
  const fromStamp = (given: string | null | undefined, where: string): PartialDate | null => {
    if (!given) return null;
    // Attribute values are not normalized with the page's text nodes.
    const raw = normalizeCollapsible(given);
    const x = parseTimestamp(raw, order);
    return x && x.y !== null ? partial(x as Ymd, `${where}: ${raw.trim().slice(0, 80)}`) : null;
  };
  const give = function* (d: PartialDate | null | undefined): Generator<PartialDate> {
    if (d) yield d;
  };
  yield* give(fromStamp(ld.published ?? ld.pagePublished, 'JSON-LD datePublished'));
  for (const key of PUBLISHED_META) yield* give(fromStamp(meta.get(key), `meta ${key}`));
  // Elements marked as the publication date.
  for (const el of input.marked) {
    yield* give(fromStamp(el.getAttribute('datetime') || el.getAttribute('content') || el.textContent, 'itemprop datePublished'));
  }
  const timeInfo = input.times.map((t) => ({
    value: t.getAttribute('datetime') || t.getAttribute('content') || collapse(t.textContent),
    context: [t.getAttribute('class'), t.getAttribute('id'), t.getAttribute('pubdate') !== null ? 'pubdate' : '', t.parentNode?.getAttribute?.('class') ?? ''].join(' '),
  }));
  for (const t of timeInfo) {
    if (!MARKED_PUBLISHED.test(t.context) || MARKED_MODIFIED.test(t.context)) continue;
    yield* give(fromStamp(t.value, '<time> marked published'));
  }
  const spots = pageSpots(input);
  // Any element whose attribute names it the publication date (`data-published`, `<abbr class="published" title>`).
  for (const s of spots.attrs) if (s.published && !s.elsewhere) yield s.date;
  for (const url of urls) {
    if (!url) continue;
    const u = dateFromUrl(url);
    if (u && u.d !== null) yield partial(u, `url: ${u.text}`);
  }
  for (const t of timeInfo) {
    if (MARKED_MODIFIED.test(t.context)) continue;
    yield* give(fromStamp(t.value, '<time datetime>'));
  }
  yield* give(fromStamp(ld.created, 'JSON-LD dateCreated'));
  yield* give(visibleDate(spots, true));
  if (all) for (const s of [...spots.lines, ...spots.attrs]) yield s.date;
  for (const url of urls) {
    if (!url) continue;
    const u = dateFromUrl(url);
    if (u) yield partial(u, `url: ${u.text}`);
  }
}

// ---- dates written on the page -----------------------------------------------------------------

interface Spot {
  date: PartialDate;
  /** Text characters before it in the page. */
  pos: number;
  /** The element or one of its three nearest ancestors has a date-like class or id. */
  marked: boolean;
  /** ...a class or id saying publication (`post-date`, `byline`). */
  strong: boolean;
  /** Inside comments, related-story lists, footers, sidebars. */
  elsewhere: boolean;
  /** The text is a date and nothing else (a weekday, a time and a zone aside). */
  alone: boolean;
  /** An attribute names it the publication date. */
  published?: boolean;
}

interface Spots {
  lines: Spot[];
  attrs: Spot[];
  headline: { start: number; end: number } | null;
}

const spotCache = new WeakMap<object, Spots>();

/** One walk over the body: dated text and dated attributes, with their place relative to the headline. */
function pageSpots(input: PageDateInput): Spots {
  const cached = spotCache.get(input.document);
  if (cached) return cached;
  const { document, order } = input;
  const out: Spots = { lines: [], attrs: [], headline: null };
  spotCache.set(document, out);
  // The whole document, not just <body>: broken markup can leave the article after </body>.
  const root = document.documentElement as DomEl | null;
  if (!root) return out;
  const titleKeys = input.titles.map(norm).filter((t) => t.length >= 10);
  let headlineLevel = 9;
  let firstH1: { start: number; end: number } | null = null;
  let pos = 0;
  let elements = 0;
  const lineDone = new Set<DomEl>();

  // The attribute nodes, not getAttribute: linkedom answers getAttribute('class') through a
  // DOMTokenList it builds for the element, at every element of the walk.
  const attr = (el: DomEl, name: string) => (el.getAttributeNode ? el.getAttributeNode(name)?.value ?? null : el.getAttribute(name));
  const marksOf = (el: DomEl) => {
    if (el.hasAttributes && !el.hasAttributes()) return '';
    const c = attr(el, 'class');
    const id = attr(el, 'id');
    return !c && !id ? '' : `${c ?? ''} ${id ?? ''}`.trim();
  };
  // `stack` holds the ancestors of the current node (nearest last) with their marks.
  const stack: { el: DomEl; marks: string }[] = [];
  const context = () => {
    let marked = false;
    let strong = false;
    let modified = false;
    for (let i = stack.length - 1; i >= Math.max(0, stack.length - 4); i--) {
      const m = stack[i]!.marks;
      if (!m) continue;
      if (MARKED_MODIFIED.test(m)) modified = true;
      if (DATE_CLASS.test(m)) marked = true;
      if (STRONG_DATE_CLASS.test(m)) strong = true;
    }
    return { marked: marked && !modified, strong: strong && !modified, modified };
  };

  const onText = (raw: string, elsewhere: boolean) => {
    // Most text nodes only move `pos` on: their collapsed length is counted, not built.
    const length = collapsedLength(raw);
    if (!length) return;
    const at = pos;
    pos += length + 1;
    if (length > 200 || !/\d/u.test(raw)) return;
    const text = collapse(raw);
    const { marked, strong, modified } = context();
    if (modified) return;
    // The text node itself, then its nearest short ancestors (`<span>Tue,</span> 14 Jan 2020`).
    let line = dateOnlyLine(text, order);
    let where = text;
    for (let i = stack.length - 1; !line && i >= Math.max(0, stack.length - 3); i--) {
      const el = stack[i]!.el;
      if (lineDone.has(el)) break;
      lineDone.add(el);
      const t = collapse(el.textContent);
      if (t.length > 80) break;
      line = dateOnlyLine(t, order);
      where = t;
    }
    let d = line && line.y !== null ? line : null;
    const alone = !!d;
    if (!d && strong && text.length <= 80) d = findDates(text, order).find((x) => x.y !== null && x.d !== null) ?? null;
    if (!d || d.y === null || d.d === null) return;
    out.lines.push({ date: partial(d, `date line: ${where.slice(0, 100)}`), pos: at, marked, strong, elsewhere, alone });
  };

  const onAttrs = (el: DomEl, tag: string, marks: string, elsewhere: boolean) => {
    if (tag === 'time' || tag === 'meta' || (el.hasAttributes && !el.hasAttributes())) return;
    // By name, then the one node: linkedom's `attributes` is a Proxy, read at a cost at every index.
    const names: ArrayLike<string> = el.getAttributeNames?.() ?? Array.from(el.attributes ?? [], (a) => a.name);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (!DATE_ATTRIBUTE.test(name)) continue;
      const value = attr(el, name);
      if (!value || value.length > 120 || !/\d/.test(value)) continue;
      const lower = name.toLowerCase();
      // `title` and `content` hold dates only on elements that say so; `content` on itemprop elements.
      if (lower === 'title' && !DATE_CLASS.test(marks)) continue;
      if (lower === 'content' && !/date|time/i.test(el.getAttribute('itemprop') ?? '')) continue;
      const context = `${lower} ${marks} ${el.getAttribute('itemprop') ?? ''}`;
      if (MARKED_MODIFIED.test(context)) continue;
      const text = normalizeCollapsible(value);
      const x = parseTimestamp(text, order);
      if (!x || x.y === null || x.d === null) continue;
      out.attrs.push({
        date: partial(x, `attribute ${lower}: ${text.trim().slice(0, 80)}`),
        pos,
        marked: true,
        strong: STRONG_DATE_CLASS.test(context),
        elsewhere,
        alone: true,
        published: MARKED_PUBLISHED.test(lower === 'datetime' ? marks : context),
      });
    }
  };

  const walk = (el: DomEl, elsewhere: boolean) => {
    if (++elements > 30_000) return;
    // Sibling links, not childNodes: linkedom builds a new list for every childNodes read.
    for (let k = (el as any).firstChild; k; k = k.nextSibling) {
      if (k.nodeType === 3) {
        onText(k.data ?? '', elsewhere);
        continue;
      }
      if (k.nodeType !== 1) continue;
      const tag: string = k.localName;
      if (SKIP_TAG.has(tag)) continue;
      const marks = marksOf(k);
      const away = elsewhere || ELSEWHERE_TAG.has(tag) || (!!marks && ELSEWHERE_CLASS.test(marks));
      const level = headingLevel(tag);
      const start = pos;
      onAttrs(k, tag, marks, away);
      stack.push({ el: k, marks });
      walk(k, away);
      stack.pop();
      if (level && !away && level <= headlineLevel) {
        // The headline: an h1 (or h2, h3) whose text is the page's title; else the first h1.
        const key = norm(k.textContent ?? '');
        // A heading that is only a small part of the title is the site's name (`Daily News` in `Daily News : Story`).
        const isTitle = key.length >= 10 && titleKeys.some((t) => (t.includes(key) && key.length >= 0.4 * t.length) || key.includes(t));
        if (isTitle && (level < headlineLevel || !out.headline)) {
          out.headline = { start, end: pos };
          headlineLevel = level;
        } else if (!firstH1 && level === 1 && key.length >= 10) {
          firstH1 = { start, end: pos };
        }
      }
    }
  };
  walk(root, false);
  // Without a title to match, the first h1 (with one, an unmatched h1 is more often the site's logo).
  if (!titleKeys.length) out.headline ??= firstH1;
  return out;
}

/**
 * The date line that belongs to the article: one by the headline (a byline's date, a dateline), else
 * the marked date element nearest to it; never one in comments, lists of other stories or footers.
 * `strict` (the last resort) also takes an unmarked date-only line just before the headline.
 */
const usable = (spots: Spots) => [...spots.lines, ...spots.attrs.filter((a) => !a.published)].filter((s) => !s.elsewhere);

/** The first date line in the few hundred characters after the headline. */
function headlineDate(spots: Spots): PartialDate | null {
  const h = spots.headline;
  if (!h) return null;
  const after = usable(spots)
    .filter((s) => s.pos >= h.end && s.pos - h.end <= AFTER_HEADLINE && (s.alone || s.strong))
    .sort((a, b) => a.pos - b.pos);
  return after[0]?.date ?? null;
}

function visibleDate(spots: Spots, strict: boolean): PartialDate | null {
  const h = spots.headline;
  const all = usable(spots);
  const distance = (s: Spot) => (!h ? s.pos : s.pos >= h.end ? s.pos - h.end : (h.start - s.pos) * 2);
  const near = headlineDate(spots);
  if (near) return near;
  const marked = all.filter((s) => s.marked && (s.alone || s.strong)).sort((a, b) => distance(a) - distance(b));
  if (marked.length) return marked[0]!.date;
  if (h && strict) {
    const before = all.filter((s) => s.alone && s.pos < h.start && h.start - s.pos <= BEFORE_HEADLINE).sort((a, b) => b.pos - a.pos);
    if (before.length) return before[0]!.date;
  }
  return null;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
