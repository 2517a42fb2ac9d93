// The HTTP API and the page, as one Hono app over a Store. `createApp` builds it without a
// socket (tests call `app.request()`); ./server.ts puts it on a port. Errors leave as
// `{ error: { code, message } }` with the catalogue's codes and statuses, never a stack.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { z } from 'zod';
import { ERRORS, TinlineError, isTinlineError, type ErrorCode } from '../errors.ts';
import { buildExport } from '../export/index.ts';
import { renderExport } from '../export/formats.ts';
import { expandQuery } from '../link/index.ts';
import { loadCorpus, processDocument, rebuild, type Processed } from '../pipeline/index.ts';
import type { Store } from '../store/index.ts';
import { buildTimeline } from '../tell/index.ts';
import type { Entity, RawDocument, Story } from '../types.ts';
import { openApiDocument } from './openapi.ts';
import * as s from './schemas.ts';
import { readStatic, webBuilt } from './static.ts';
import { articleDetail, articleSummary, entityBrief, entityView, eventView, dateView, timelineView, webUrl } from './views.ts';

export { startServer, isLoopback, type RunningServer, type StartOptions } from './server.ts';
export { DEFAULT_WEB_DIR, webBuilt } from './static.ts';

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

export interface AppOptions {
  /** Bearer token that writes need. */
  token?: string | null;
  /** Refuse writes unless a token is configured and given (a server reachable from other hosts). */
  requireToken?: boolean;
  /** Largest request body in bytes (default 5 MB). */
  bodyLimit?: number;
  /** The built page (web/dist); null serves the API only. */
  webDir?: string | null;
  /** Where unexpected errors are logged (never sent to the client). */
  log?: (line: string) => void;
}

const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const EXPORT_TYPES: Record<(typeof s.EXPORT_FORMATS)[number], { type: string; ext: string }> = {
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  timelinejs: { type: 'application/json; charset=utf-8', ext: 'timelinejs.json' },
  tilse: { type: 'text/plain; charset=utf-8', ext: 'txt' },
};

function parse<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (!result.success) throw new TinlineError('VALIDATION', s.describeIssues(result.error));
  return result.data;
}

function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

function sameToken(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Reads the whole stored corpus once and keeps it until the articles or stories change. */
function corpusCache(store: Store) {
  let cached: { key: string; docs: Processed[] } | null = null;
  return {
    async get(): Promise<Processed[]> {
      const ids = await store.articleIds();
      const stories = await store.listStories();
      const key = createHash('sha1').update(ids.join(',')).update('|').update(stories.map((x) => x.id).join(',')).digest('hex');
      if (cached?.key !== key) cached = { key, docs: await loadCorpus(store) };
      return cached.docs;
    },
    clear() {
      cached = null;
    },
  };
}

export function createApp(store: Store, options: AppOptions = {}): Hono {
  const app = new Hono();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const token = options.token || null;
  const corpus = corpusCache(store);
  // Writes run one at a time: each ends in a rebuild that replaces entities and stories whole.
  let writing: Promise<unknown> = Promise.resolve();

  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: 'no-referrer', crossOriginEmbedderPolicy: false }));

  app.onError((err, c) => {
    if (isTinlineError(err)) return c.json(errorBody(err.code, err.message), err.httpStatus as 400);
    log(`tinline/serve: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return c.json(errorBody('INTERNAL', ERRORS.INTERNAL.message), 500);
  });

  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404));

  const entityMap = async () => new Map((await store.listEntities()).map((e) => [e.id, e]));
  const articleTitles = async (ids: Iterable<string>) => {
    const titles = new Map<string, string | null>();
    for (const id of ids) if (!titles.has(id)) titles.set(id, (await store.getArticle(id))?.title ?? null);
    return titles;
  };
  const findStory = async (storyId: string): Promise<Story> => {
    const story = await store.getStory(storyId);
    if (!story) throw new TinlineError('NOT_FOUND', `no story with id ${storyId}`);
    return story;
  };

  // ---- meta ---------------------------------------------------------------------------
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/health', async (c) => c.json({ ok: true, articles: await store.countArticles(), schema: await store.schemaVersion() }));

  // ---- articles -------------------------------------------------------------------------
  app.get('/api/articles', async (c) => {
    const q = parse(s.articleQuery, c.req.query());
    const filter = { source: q.source, language: q.language, from: q.from, to: q.to, entity: q.entity };
    const [items, total] = await Promise.all([store.listArticles({ ...filter, limit: q.limit, offset: q.offset }), store.countArticles(filter)]);
    return c.json({ total, limit: q.limit, offset: q.offset, items: items.map(articleSummary) });
  });

  app.get('/api/articles/:id', async (c) => {
    const { id } = parse(s.idParam, c.req.param());
    const article = await store.getArticle(id);
    if (!article) throw new TinlineError('NOT_FOUND', `no article with id ${id}`);
    const [analysis, links, entities, stories] = await Promise.all([
      store.getAnalysis(article.id),
      store.entityLinks({ article: article.id }),
      entityMap(),
      store.listStories(),
    ]);
    return c.json(articleDetail(article, analysis, links, entities, stories));
  });

  app.post('/api/articles', bodyLimit({ maxSize: options.bodyLimit ?? DEFAULT_BODY_LIMIT, onError: (c) => c.json(errorBody('BODY_TOO_LARGE', `${ERRORS.BODY_TOO_LARGE.message} (limit ${options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes)`), 413) }), async (c) => {
    checkWriteAccess(c);
    const docs = await readPosted(c);
    const run = writing.then(() => ingestPosted(docs));
    writing = run.catch(() => {});
    const result = await run;
    return c.json(result, result.inserted.length ? 201 : 200);
  });

  function checkWriteAccess(c: Context): void {
    if (!token && !options.requireToken) return;
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!token || !m || !sameToken(m[1]!, token)) {
      c.header('WWW-Authenticate', 'Bearer realm="tinline"');
      throw new TinlineError('UNAUTHORIZED', header ? 'the token does not match' : 'send Authorization: Bearer <token>');
    }
  }

  async function readPosted(c: Context): Promise<RawDocument[]> {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json' || type.endsWith('+json')) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch (e) {
        if (isTinlineError(e)) throw e;
        throw new TinlineError('INPUT_JSON', 'the request body is not valid JSON');
      }
      const parsed = parse(s.postBody, body);
      return (Array.isArray(parsed) ? parsed : [parsed]).map((d, i) => {
        const { text, html, ...given } = d;
        return { origin: given.url ?? `api:post#${i + 1}`, format: html !== undefined ? 'html' : 'text', text: html ?? text!, given };
      });
    }
    if (type === 'text/html' || type === 'text/plain' || type === 'text/markdown') {
      const given = parse(s.givenFields, c.req.query());
      const text = await c.req.text();
      if (!text.trim()) throw new TinlineError('INPUT_EMPTY', 'the request body is empty');
      const format = type === 'text/html' ? 'html' : type === 'text/markdown' ? 'markdown' : 'text';
      return [{ origin: given.url ?? 'api:post', format, text, given }];
    }
    throw new TinlineError('INPUT_UNSUPPORTED', `content-type ${type || '(none)'}; send application/json, text/html or text/plain`);
  }

  async function ingestPosted(docs: RawDocument[]) {
    const ingestedAt = new Date().toISOString();
    const inserted: string[] = [];
    const existing: string[] = [];
    const failed: { index: number; code: ErrorCode; message: string }[] = [];
    for (const [index, raw] of docs.entries()) {
      try {
        const { article, analysis } = processDocument(raw, ingestedAt);
        const put = await store.putArticle(article, analysis);
        (put.inserted ? inserted : existing).push(put.id);
      } catch (e) {
        if (!isTinlineError(e)) throw e;
        failed.push({ index, code: e.code, message: e.message });
      }
    }
    // Nothing went in: the request as a whole failed, for the first reason.
    if (!inserted.length && !existing.length && failed.length) throw new TinlineError(failed[0]!.code, failed[0]!.message.replace(/^[^:]*: /, ''));
    if (inserted.length) {
      await rebuild(store);
      corpus.clear();
    }
    return { inserted, existing, failed, ids: [...inserted, ...existing] };
  }

  // ---- search ---------------------------------------------------------------------------
  app.get('/api/search', async (c) => {
    const q = parse(s.searchQuery, c.req.query());
    const alternatives = expandQuery(q.q, await store.listEntities());
    const hits = await store.search(q.q, { limit: q.limit, offset: q.offset, alternatives });
    return c.json({
      query: q.q,
      alternatives,
      limit: q.limit,
      offset: q.offset,
      nextOffset: hits.length === q.limit ? q.offset + q.limit : null,
      hits: hits.map((h) => ({ ...h, url: webUrl(h.origin), published: h.published ? dateView({ value: h.published, precision: precisionOf(h.published) }) : dateView({ value: null, precision: null }) })),
    });
  });

  // ---- entities -------------------------------------------------------------------------
  app.get('/api/entities', async (c) => {
    const q = parse(s.entityQuery, c.req.query());
    const links = await store.entityLinks();
    const mentions = new Map<string, number>();
    const articles = new Map<string, Set<string>>();
    for (const l of links) {
      mentions.set(l.entity, (mentions.get(l.entity) ?? 0) + 1);
      let set = articles.get(l.entity);
      if (!set) articles.set(l.entity, (set = new Set()));
      set.add(l.article);
    }
    const { foldKey } = await import('../decode/fold.ts');
    const needle = q.q ? foldKey(q.q) : null;
    const all = (await store.listEntities())
      .filter((e) => !q.type || e.type === q.type)
      .filter((e) => !needle || [e.name, ...e.aliases, ...e.names.map((n) => n.text)].some((n) => foldKey(n).includes(needle)))
      .map((e) => ({ ...entityView(e), mentions: mentions.get(e.id) ?? 0, articles: articles.get(e.id)?.size ?? 0 }))
      .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
    return c.json({ total: all.length, limit: q.limit, offset: q.offset, items: all.slice(q.offset, q.offset + q.limit) });
  });

  app.get('/api/entities/:id', async (c) => {
    const { id } = parse(s.idParam, c.req.param());
    const entity = await store.getEntity(id);
    if (!entity) throw new TinlineError('NOT_FOUND', `no entity with id ${id}`);
    const links = await store.entityLinks({ entity: entity.id });
    const articleIds = [...new Set(links.map((l) => l.article))];
    const mentions = [];
    const articles = [];
    for (const articleId of articleIds) {
      const article = await store.getArticle(articleId);
      if (!article) continue;
      articles.push(articleSummary(article));
      const analysis = await store.getAnalysis(articleId);
      for (const l of links.filter((x) => x.article === articleId)) {
        const m = analysis?.mentions[l.mentionIndex];
        if (!m) continue;
        const sentence = m.sentence !== undefined ? analysis?.sentences[m.sentence]?.text : undefined;
        mentions.push({ article: articleId, surface: m.surface, role: m.role ?? null, start: m.start, end: m.end, sentence: sentence ?? null, reason: l.reason });
      }
    }
    const entities = await entityMap();
    const events = (await store.listEvents()).filter((e) => e.actors.includes(entity.id) || e.place === entity.id);
    const titles = await articleTitles(events.flatMap((e) => e.sentences.map((x) => x.article)));
    const stories = (await store.listStories()).filter((st) => st.entities.includes(entity.id));
    return c.json({
      ...entityView(entity),
      mentions,
      articles,
      events: events.map((e) => eventView(e, entities, titles)),
      stories: stories.map((st) => ({ id: st.id, title: st.title })),
    });
  });

  // ---- events and stories -----------------------------------------------------------------
  app.get('/api/events', async (c) => {
    const q = parse(s.eventQuery, c.req.query());
    let events = await store.listEvents();
    if (q.story) {
      const story = await findStory(q.story);
      const ids = new Set(story.events);
      events = events.filter((e) => ids.has(e.id));
    }
    events = [...events].sort((a, b) => sortable(a.date.value).localeCompare(sortable(b.date.value)) || a.id.localeCompare(b.id));
    const page = events.slice(q.offset, q.offset + q.limit);
    const entities = await entityMap();
    const titles = await articleTitles(page.flatMap((e) => e.sentences.map((x) => x.article)));
    return c.json({ total: events.length, limit: q.limit, offset: q.offset, items: page.map((e) => eventView(e, entities, titles)) });
  });

  app.get('/api/stories', async (c) => {
    const q = parse(s.paging, c.req.query());
    const entities = await entityMap();
    const events = new Map((await store.listEvents()).map((e) => [e.id, e]));
    const stories = [...(await store.listStories())].sort((a, b) => b.articles.length - a.articles.length || a.id.localeCompare(b.id));
    const items = stories.slice(q.offset, q.offset + q.limit).map((st) => {
      const dates = st.events.map((id) => events.get(id)?.date).filter((d) => d?.value && !d.value.startsWith('XXXX'));
      dates.sort((a, b) => a!.value!.localeCompare(b!.value!));
      return {
        id: st.id,
        title: st.title,
        summary: st.summary,
        articles: st.articles.length,
        events: st.events.length,
        entities: st.entities.slice(0, 8).map((id) => entities.get(id)).filter((e): e is Entity => !!e).map(entityBrief),
        first: dates.length ? dateView(dates[0]!) : null,
        last: dates.length ? dateView(dates[dates.length - 1]!) : null,
      };
    });
    return c.json({ total: stories.length, limit: q.limit, offset: q.offset, items });
  });

  app.get('/api/stories/:id', async (c) => {
    const { id } = parse(s.idParam, c.req.param());
    const opts = parse(s.timelineOptions, c.req.query());
    const story = await findStory(id);
    const docs = await corpus.get();
    const members = new Set(story.articles);
    const timeline = buildTimeline(docs.filter((d) => members.has(d.article.id) && !d.article.duplicateOf), {
      title: story.title,
      dates: opts.dates,
      sentencesPerDate: opts.sentences,
    });
    const entities = await entityMap();
    const allEvents = new Map((await store.listEvents()).map((e) => [e.id, e]));
    const articles = [];
    for (const articleId of story.articles) {
      const article = docs.find((d) => d.article.id === articleId)?.article ?? (await store.getArticle(articleId));
      if (article) articles.push(articleSummary(article));
    }
    const titles = new Map(articles.map((a) => [a.id, a.title]));
    return c.json({
      id: story.id,
      title: story.title,
      summary: story.summary,
      summarySentences: (story.summarySentences ?? []).map((x) => ({ article: x.article, articleTitle: titles.get(x.article) ?? null, text: x.text })),
      entities: story.entities.map((e) => entities.get(e)).filter((e): e is Entity => !!e).map(entityBrief),
      articles,
      events: story.events.map((e) => allEvents.get(e)).filter((e) => !!e).map((e) => eventView(e, entities, titles)),
      timeline: timelineView(timeline, titles),
    });
  });

  app.get('/api/timeline', async (c) => {
    const q = parse(s.timelineQuery, c.req.query());
    const alternatives = expandQuery(q.q, await store.listEntities());
    const hits = new Set<string>();
    for (const query of [q.q, ...alternatives]) for (const hit of await store.search(query, { limit: 1000 })) hits.add(hit.id);
    // A free query names several things; an article that matches any of its words may belong.
    if (!hits.size) for (const word of q.q.split(/\s+/).filter(Boolean)) for (const hit of await store.search(word, { limit: 1000 })) hits.add(hit.id);
    const docs = (await corpus.get()).filter((d) => hits.has(d.article.id) && !d.article.duplicateOf);
    const timeline = buildTimeline(docs, { title: q.q, query: q.q, dates: q.dates, sentencesPerDate: q.sentences });
    const titles = new Map(docs.map((d) => [d.article.id, d.article.title]));
    return c.json({ query: q.q, alternatives, articles: docs.length, timeline: timelineView(timeline, titles) });
  });

  // ---- export ---------------------------------------------------------------------------
  app.get('/api/export', async (c) => {
    const { format } = parse(s.exportQuery, c.req.query());
    const text = format === 'json' ? JSON.stringify(await buildExport(store), null, 2) : await renderExport(store, format);
    const { type, ext } = EXPORT_TYPES[format];
    c.header('Content-Type', type);
    c.header('Content-Disposition', `inline; filename="tinline.${ext}"`);
    return c.body(text.endsWith('\n') ? text : `${text}\n`);
  });

  // ---- the page ---------------------------------------------------------------------------
  app.get('/api/*', (c) => c.json(errorBody('NOT_FOUND', `no route GET ${c.req.path}`), 404));
  app.get('*', (c) => {
    const dir = options.webDir;
    if (!dir || !webBuilt(dir)) {
      return c.text('Tinline: the web page is not built. Run `npm run build:web` (the API is at /api, its description at /openapi.json).\n', 503);
    }
    const file = readStatic(dir, c.req.path);
    if (!file) return c.text('not found\n', 404);
    c.header('Content-Type', file.type);
    c.header('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(file.body as Uint8Array<ArrayBuffer>);
  });

  return app;
}

function precisionOf(value: string): 'day' | 'month' | 'year' {
  const parts = value.split('-').length;
  return parts >= 3 ? 'day' : parts === 2 ? 'month' : 'year';
}

/** Unknown years sort last. */
function sortable(value: string | null): string {
  if (!value) return '~';
  return value.startsWith('XXXX') ? `9999${value.slice(4)}` : value;
}
