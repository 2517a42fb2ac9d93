// Tinline's page: stories, a story's timeline, entities, articles, and search as you type.
// Routes live in the hash (#/story/ID, #/entity/ID, #/article/ID, #/search/QUERY) so the server
// only ever serves one file.
import './style.css';
import { api, ApiError, type ArticleSummary, type Citation, type DateView, type EntityBrief, type EntityName, type EventView, type TimelineView } from './api.ts';
import { append, clear, h, highlight, type Child } from './dom.ts';
import { STRINGS, initialLang, type Lang } from './i18n.ts';

let lang: Lang = initialLang();
let t = STRINGS[lang];
const app = document.getElementById('app') as HTMLElement;
const searchInput = document.getElementById('search') as HTMLInputElement;
const searchForm = document.getElementById('search-form') as HTMLFormElement;
const searchPanel = document.getElementById('search-results') as HTMLElement;
const langButton = document.getElementById('lang') as HTMLButtonElement;

// ---- small pieces -------------------------------------------------------------------------

function dateLabel(d: DateView | null | undefined): string {
  return d?.label?.[lang] ?? t.undated;
}

function timeEl(d: DateView | null | undefined, cls = 'date'): HTMLElement {
  return h('time', { class: cls, datetime: d?.value && !d.value.startsWith('XXXX') ? d.value : null, 'data-value': d?.value ?? '' }, dateLabel(d));
}

function chip(e: EntityBrief): HTMLElement {
  return h('a', { class: `chip chip-${e.type}`, href: `#/entity/${encodeURIComponent(e.id)}`, title: t.type[e.type] ?? e.type }, e.name);
}

function chips(list: EntityBrief[]): HTMLElement {
  return h('div', { class: 'chips' }, ...list.map(chip));
}

function articleLink(id: string, title: string | null, cls = 'cite'): HTMLElement {
  return h('a', { class: cls, href: `#/article/${encodeURIComponent(id)}`, 'data-article': id }, title || id.slice(0, 8));
}

function citation(c: Citation): HTMLElement {
  return h('li', { class: 'cited' }, h('span', { class: 'sentence' }, c.text), ' ', articleLink(c.article, c.articleTitle));
}

function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'block' }, h('h2', null, title), ...children);
}

function articleList(list: ArticleSummary[]): HTMLElement {
  return h(
    'ul',
    { class: 'articles' },
    ...list.map((a) =>
      h('li', null, articleLink(a.id, a.title ?? shortOrigin(a.origin), 'article-link'), h('span', { class: 'muted' }, ` · ${dateLabel(a.published)}${a.source ? ` · ${a.source}` : ''}`)),
    ),
  );
}

function message(text: string, cls = 'muted'): HTMLElement {
  return h('p', { class: cls }, text);
}

// ---- views ------------------------------------------------------------------------------

async function storiesView(): Promise<Node[]> {
  const page = await api.stories();
  if (!page.items.length) return [h('h1', null, t.stories), message(t.noStories)];
  return [
    h('h1', null, t.stories),
    h(
      'ul',
      { class: 'stories' },
      ...page.items.map((s) =>
        h(
          'li',
          { class: 'story-card' },
          h('a', { class: 'story-link', href: `#/story/${encodeURIComponent(s.id)}`, 'data-articles': s.articles }, s.title),
          h(
            'p',
            { class: 'muted' },
            `${t.articles(s.articles)} · ${t.events(s.events)}`,
            s.first ? ` · ${dateLabel(s.first)}${s.last && s.last.value !== s.first.value ? ` – ${dateLabel(s.last)}` : ''}` : '',
          ),
          s.summary ? h('p', { class: 'story-summary' }, clip(s.summary, 280)) : null,
          chips(s.entities.slice(0, 6)),
        ),
      ),
    ),
  ];
}

function timelineList(tl: TimelineView): HTMLElement {
  return h(
    'ol',
    { class: 'timeline' },
    ...tl.entries.map((e) =>
      h(
        'li',
        { class: 'tl-entry', 'data-sort': e.sortKey, 'data-date': e.date.value ?? '' },
        h(
          'div',
          { class: 'tl-date' },
          timeEl(e.date),
          e.yearEstimate ? h('span', { class: 'tl-note' }, e.yearEstimate.year !== null ? t.placedBy(e.yearEstimate.year) : t.yearUnknown) : null,
        ),
        h('ul', { class: 'tl-sentences' }, ...e.sentences.map(citation)),
      ),
    ),
  );
}

async function storyView(id: string): Promise<Node[]> {
  const s = await api.story(id);
  return [
    h('p', null, h('a', { href: '#/', class: 'back' }, t.back)),
    h('h1', null, s.title),
    h('p', { class: 'muted' }, `${t.articles(s.articles.length)} · ${t.events(s.events.length)}`),
    s.summarySentences.length || s.summary
      ? section(t.summary, s.summarySentences.length ? h('ul', { class: 'summary' }, ...s.summarySentences.map(citation)) : h('p', null, s.summary))
      : null,
    s.entities.length ? section(t.who, chips(s.entities.slice(0, 24))) : null,
    section(t.timeline, timelineList(s.timeline)),
    section(t.sources, articleList(s.articles)),
  ].filter((x): x is HTMLElement => !!x);
}

function eventList(events: EventView[]): HTMLElement {
  return h(
    'ul',
    { class: 'events' },
    ...events.map((e) =>
      h(
        'li',
        null,
        timeEl(e.date),
        e.kind === 'recalled' ? h('span', { class: 'badge' }, t.recalled) : null,
        ' ',
        h('span', null, e.title),
        ' ',
        ...e.articles.slice(0, 5).map((a) => articleLink(a, null)),
      ),
    ),
  );
}

async function entityView(id: string): Promise<Node[]> {
  const e = await api.entity(id);
  const names: EntityName[] = [...new Map<string, EntityName>([...e.aliases.map((a) => [a, { text: a }] as const), ...e.names.map((n) => [n.text, n] as const)]).values()];
  return [
    h('h1', null, e.name, ' ', h('span', { class: `badge chip-${e.type}` }, t.type[e.type] ?? e.type)),
    section(
      t.names,
      h(
        'ul',
        { class: 'names' },
        ...names.map((n) =>
          h('li', { class: 'name' }, h('span', { class: 'name-text', lang: n.lang ?? null }, n.text), n.lang ? h('span', { class: 'muted' }, ` ${n.lang}${n.script ? ` · ${n.script}` : ''}`) : null),
        ),
      ),
    ),
    e.stories.length ? section(t.inStories, h('ul', null, ...e.stories.map((s) => h('li', null, h('a', { href: `#/story/${encodeURIComponent(s.id)}` }, s.title))))) : null,
    e.events.length ? section(`${t.timeline} (${e.events.length})`, eventList(e.events)) : null,
    section(`${t.sources} (${e.articles.length})`, articleList(e.articles)),
    e.mentions.length
      ? section(
          `${t.mentions} (${e.mentions.length})`,
          h('ul', { class: 'mentions' }, ...e.mentions.slice(0, 60).map((m) => h('li', null, ...(m.sentence ? highlight(m.sentence, m.surface) : [h('mark', null, m.surface)]), ' ', articleLink(m.article, null)))),
        )
      : null,
  ].filter((x): x is HTMLElement => !!x);
}

async function articleView(id: string): Promise<Node[]> {
  const a = await api.article(id);
  const meta = h(
    'dl',
    { class: 'meta' },
    h('dt', null, t.published),
    h('dd', null, timeEl(a.published), a.published.evidence ? h('span', { class: 'muted evidence' }, ` ← ${a.published.evidence}`) : null),
    a.source ? h('dt', null, t.source) : null,
    a.source ? h('dd', null, a.source) : null,
    a.language ? h('dt', null, t.language) : null,
    a.language ? h('dd', null, a.language) : null,
    h('dt', null, t.origin),
    h('dd', null, a.url ? h('a', { href: a.url, target: '_blank' }, a.origin) : h('span', { class: 'muted' }, a.origin)),
    a.duplicateOf ? h('dt', null, t.duplicateOf) : null,
    a.duplicateOf ? h('dd', null, articleLink(a.duplicateOf, null)) : null,
  );
  return [
    h('h1', { class: 'article-title' }, a.title ?? shortOrigin(a.origin)),
    meta,
    a.stories.length ? h('p', { class: 'in-stories' }, `${t.inStories}: `, ...a.stories.map((s) => h('a', { href: `#/story/${encodeURIComponent(s.id)}`, class: 'story-ref' }, s.title))) : null,
    a.entities.length ? chips(a.entities) : null,
    h('article', { class: 'body' }, ...a.body.map((p) => h('p', null, p))),
    a.captions.length ? section(t.captions, h('ul', { class: 'captions' }, ...a.captions.map((c) => h('li', null, c)))) : null,
    a.removed.length
      ? section(t.removed, h('ul', { class: 'removed' }, ...a.removed.map((r) => h('li', null, h('span', { class: 'badge reason' }, t.reason[r.reason] ?? r.reason), ' ', h('span', { class: 'removed-text' }, r.text)))))
      : null,
    a.times.length
      ? section(t.dates, h('ul', { class: 'times' }, ...a.times.map((x) => h('li', null, h('q', null, x.surface), ' → ', x.date ? timeEl(x.date) : h('span', { class: 'muted' }, x.value ?? '?'), x.mod ? h('span', { class: 'muted' }, ` (${x.mod})`) : null))))
      : null,
  ].filter((x): x is HTMLElement => !!x);
}

function searchHits(result: Awaited<ReturnType<typeof api.search>>, compact: boolean): Node[] {
  const out: Node[] = [];
  if (result.alternatives.length) out.push(h('p', { class: 'muted alternatives' }, `${t.alsoSearching} ${result.alternatives.join(', ')}`));
  if (!result.hits.length) out.push(message(t.noResults));
  out.push(
    h(
      'ul',
      { class: compact ? 'hits compact' : 'hits' },
      ...result.hits.map((hit) =>
        h(
          'li',
          { class: 'hit' },
          articleLink(hit.id, hit.title ?? shortOrigin(hit.origin), 'hit-title'),
          h('span', { class: 'muted' }, ` · ${dateLabel(hit.published)}`),
          h('p', { class: 'snippet' }, hit.snippet),
        ),
      ),
    ),
  );
  return out;
}

async function searchView(q: string): Promise<Node[]> {
  if (searchInput.value !== q) searchInput.value = q;
  const result = await api.search(q, undefined, 50);
  return [h('h1', null, `${t.results} “${q}”`), ...searchHits(result, false)];
}

// ---- routing ------------------------------------------------------------------------------

let renderSeq = 0;

async function render(): Promise<void> {
  const seq = ++renderSeq;
  hidePanel();
  const [, kind = '', ...rest] = location.hash.replace(/^#/, '').split('/');
  const arg = decodeURIComponent(rest.join('/'));
  clear(app);
  app.append(message(t.loading));
  let nodes: Node[];
  try {
    if (kind === 'story' && arg) nodes = await storyView(arg);
    else if (kind === 'entity' && arg) nodes = await entityView(arg);
    else if (kind === 'article' && arg) nodes = await articleView(arg);
    else if (kind === 'search' && arg) nodes = await searchView(arg);
    else nodes = await storiesView();
  } catch (e) {
    nodes = [e instanceof ApiError && e.status === 404 ? message(t.notFound, 'error') : message(`${t.error} ${e instanceof Error ? e.message : String(e)}`, 'error')];
  }
  if (seq !== renderSeq) return;
  clear(app);
  append(app, ...nodes);
  document.title = `${(app.querySelector('h1')?.textContent ?? '').trim() || 'Tinline'} · Tinline`;
  window.scrollTo(0, 0);
}

// ---- search as you type ---------------------------------------------------------------------

let timer: ReturnType<typeof setTimeout> | undefined;
let inflight: AbortController | null = null;

function hidePanel(): void {
  searchPanel.hidden = true;
  clear(searchPanel);
}

searchInput.addEventListener('input', () => {
  clearTimeout(timer);
  const q = searchInput.value.trim();
  if (q.length < 2) return hidePanel();
  timer = setTimeout(async () => {
    inflight?.abort();
    const controller = (inflight = new AbortController());
    try {
      const result = await api.search(q, controller.signal, 8);
      if (controller.signal.aborted) return;
      clear(searchPanel);
      append(searchPanel, ...searchHits(result, true));
      searchPanel.hidden = false;
    } catch (e) {
      if ((e as Error).name !== 'AbortError') {
        clear(searchPanel);
        append(searchPanel, message(`${t.error} ${(e as Error).message}`, 'error'));
        searchPanel.hidden = false;
      }
    }
  }, 250);
});

searchInput.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') hidePanel();
});

searchForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = searchInput.value.trim();
  if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
});

document.addEventListener('click', (e) => {
  if (!searchForm.contains(e.target as Node)) hidePanel();
});

// ---- language -------------------------------------------------------------------------------

function applyLang(): void {
  t = STRINGS[lang];
  document.documentElement.lang = lang;
  searchInput.placeholder = t.search;
  searchInput.setAttribute('aria-label', t.search);
  langButton.textContent = t.switchTo;
  langButton.setAttribute('aria-label', t.switchTo);
}

langButton.addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('tinline.lang', lang);
  applyLang();
  void render();
});

/** An untitled article is named by the last part of where it came from. */
function shortOrigin(origin: string): string {
  return origin.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() || origin;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

applyLang();
window.addEventListener('hashchange', () => void render());
void render();
