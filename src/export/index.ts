// The JSON export: Tinline's public contract (`version: 1`). Fields are only ever added;
// renaming or removing one needs a version bump. docs/export.md documents every field.
import type { Store } from '../store/index.ts';
import type { Analysis, Article, PartialDate, TimeExpression } from '../types.ts';

export const EXPORT_VERSION = 1;

export interface ExportArticle {
  id: string;
  origin: string;
  title: string | null;
  source: string | null;
  language: string | null;
  published: { value: string | null; precision: PartialDate['precision']; evidence: string | null };
  body: string[];
  captions: string[];
  removed: { text: string; reason: string }[];
  duplicateOf: string | null;
  times: Pick<TimeExpression, 'start' | 'end' | 'surface' | 'value' | 'precision' | 'type'>[];
}

export interface ExportEntity {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  /** Offsets into the body joined by a blank line; for a title or caption mention (`field`), into that field. */
  mentions: { article: string; surface: string; start: number; end: number; field?: 'title' | 'caption'; caption?: number }[];
}

export interface ExportV1 {
  version: 1;
  articles: ExportArticle[];
  entities: ExportEntity[];
  events: {
    id: string;
    date: { value: string | null; precision: PartialDate['precision']; evidence: string | null };
    title: string;
    place: string | null;
    actors: string[];
    articles: string[];
    sentences: { article: string; text: string }[];
    /** `reported`: what the articles report; `recalled`: an earlier happening an article looks back on. */
    kind?: 'reported' | 'recalled';
  }[];
  stories: { id: string; title: string; summary: string; events: string[]; articles: string[]; entities: string[] }[];
}

export function exportArticle(article: Article, times: TimeExpression[] = []): ExportArticle {
  return {
    id: article.id,
    origin: article.origin,
    title: article.title,
    source: article.source,
    language: article.language,
    published: { value: article.published.value, precision: article.published.precision, evidence: article.published.evidence },
    body: article.body,
    captions: article.captions,
    removed: article.removed.map((r) => ({ text: r.text, reason: r.reason })),
    duplicateOf: article.duplicateOf ?? null,
    times: times.map((t) => ({ start: t.start, end: t.end, surface: t.surface, value: t.value, precision: t.precision, type: t.type })),
  };
}

/** Body mentions, then title and caption mentions (the order the link stage numbers them in). */
function exportMentions(article: string, analysis: Analysis): ExportEntity['mentions'] {
  const out: ExportEntity['mentions'] = analysis.mentions.map((m) => ({ article, surface: m.surface, start: m.start, end: m.end }));
  const context = analysis.context;
  if (!context) return out;
  const captions = context.fields.filter((f) => f.field === 'caption');
  for (const m of context.mentions) {
    const field = context.fields.find((f) => m.start >= f.start && m.start < f.end);
    if (!field) continue;
    const entry: ExportEntity['mentions'][number] = { article, surface: m.surface, start: m.start - field.start, end: m.end - field.start, field: field.field };
    if (field.field === 'caption') entry.caption = captions.indexOf(field);
    out.push(entry);
  }
  return out;
}

export async function buildExport(store: Store): Promise<ExportV1> {
  const articles: ExportArticle[] = [];
  const mentionsByArticle = new Map<string, ExportEntity['mentions'][number][]>();
  for (const id of await store.articleIds()) {
    const article = await store.getArticle(id);
    if (!article) continue;
    const analysis = await store.getAnalysis(id);
    articles.push(exportArticle(article, analysis?.times ?? []));
    if (analysis) mentionsByArticle.set(id, exportMentions(id, analysis));
  }
  const links = await store.entityLinks();
  const mentionsByEntity = new Map<string, ExportEntity['mentions']>();
  for (const link of links) {
    const mention = mentionsByArticle.get(link.article)?.[link.mentionIndex];
    if (!mention) continue;
    let list = mentionsByEntity.get(link.entity);
    if (!list) mentionsByEntity.set(link.entity, (list = []));
    list.push(mention);
  }
  const entities = (await store.listEntities()).map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    mentions: mentionsByEntity.get(e.id) ?? [],
  }));
  const events = (await store.listEvents()).map((e) => ({
    id: e.id,
    date: { value: e.date.value, precision: e.date.precision, evidence: e.date.evidence },
    title: e.title,
    place: e.place,
    actors: e.actors,
    articles: e.articles,
    sentences: e.sentences.map((s) => ({ article: s.article, text: s.text })),
    ...(e.kind ? { kind: e.kind } : {}),
  }));
  const stories = (await store.listStories()).map((s) => ({
    id: s.id,
    title: s.title,
    summary: s.summary,
    events: s.events,
    articles: s.articles,
    entities: s.entities,
  }));
  return { version: EXPORT_VERSION, articles, entities, events, stories };
}
