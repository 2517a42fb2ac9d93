// The shapes the API returns. Built from the stored types, with dates labelled at their real
// precision in both interface languages so the page never formats a date itself.
import { exportArticle } from '../export/index.ts';
import { formatDate } from '../tell/index.ts';
import type { Analysis, Article, CitedSentence, Entity, EntityLink, PartialDate, Story, StoryEvent, Timeline } from '../types.ts';

/** The languages the page speaks; every date label comes in each. */
export const UI_LANGUAGES = ['en', 'vi'] as const;

export interface DateView {
  value: string | null;
  precision: PartialDate['precision'];
  kind?: PartialDate['kind'];
  evidence?: string | null;
  /** Human labels at the date's own precision (`Nov 2024`, `tháng 11/2024`); null when undated. */
  label: Record<(typeof UI_LANGUAGES)[number], string> | null;
}

export function dateView(d: Pick<PartialDate, 'value' | 'precision'> & Partial<PartialDate>, withEvidence = false): DateView {
  const view: DateView = { value: d.value ?? null, precision: d.precision ?? null, label: null };
  if (d.kind) view.kind = d.kind;
  if (withEvidence) view.evidence = d.evidence ?? null;
  if (d.value && d.precision) {
    const dated = { value: d.value, precision: d.precision };
    view.label = { en: formatDate(dated, 'en'), vi: formatDate(dated, 'vi') };
  }
  return view;
}

/** A link only when the origin is a web address; a file path stays text. */
export function webUrl(origin: string): string | null {
  return /^https?:\/\/[^\s]+$/i.test(origin) ? origin : null;
}

export function articleSummary(a: Article) {
  return {
    id: a.id,
    title: a.title,
    origin: a.origin,
    url: webUrl(a.origin),
    source: a.source,
    language: a.language,
    published: dateView(a.published),
    paragraphs: a.body.length,
    characters: a.body.reduce((n, p) => n + p.length, 0),
    duplicateOf: a.duplicateOf ?? null,
  };
}

export function articleDetail(a: Article, analysis: Analysis | null, links: EntityLink[], entities: Map<string, Entity>, stories: Story[]) {
  const linkOf = new Map(links.map((l) => [l.mentionIndex, l]));
  const mentions = (analysis?.mentions ?? []).map((m, i) => ({
    start: m.start,
    end: m.end,
    surface: m.surface,
    type: m.type,
    role: m.role ?? null,
    sentence: m.sentence ?? null,
    entity: linkOf.get(i)?.entity ?? null,
    reason: linkOf.get(i)?.reason ?? null,
  }));
  const used = [...new Set(mentions.map((m) => m.entity).filter((e): e is string => !!e))];
  const base = exportArticle(a, analysis?.times ?? []);
  return {
    ...articleSummary(a),
    published: dateView(a.published, true),
    body: base.body,
    captions: base.captions,
    removed: base.removed,
    pageDates: (a.pageDates ?? []).map((d) => dateView(d, true)),
    charset: a.charset,
    ingestedAt: a.ingestedAt,
    mentions,
    entities: used.map((id) => entities.get(id)).filter((e): e is Entity => !!e).map(entityBrief),
    times: (analysis?.times ?? []).map((t) => ({
      start: t.start,
      end: t.end,
      surface: t.surface,
      type: t.type,
      mod: t.mod ?? null,
      date: t.precision && t.value && /^(\d{4}|XXXX)/.test(t.value) ? dateView({ value: t.value, precision: t.precision }) : null,
      value: t.value,
    })),
    stories: stories.filter((s) => s.articles.includes(a.id)).map((s) => ({ id: s.id, title: s.title })),
  };
}

export function entityBrief(e: Entity) {
  return { id: e.id, type: e.type, name: e.name };
}

export function entityView(e: Entity) {
  return { id: e.id, type: e.type, name: e.name, names: e.names, aliases: e.aliases };
}

export function eventView(e: StoryEvent, entities: Map<string, Entity>, titles: Map<string, string | null>) {
  return {
    id: e.id,
    date: dateView(e.date, true),
    kind: e.kind ?? 'reported',
    title: e.title,
    place: e.place ? (entities.get(e.place) ? entityBrief(entities.get(e.place)!) : { id: e.place, type: 'location', name: e.place }) : null,
    actors: e.actors.map((id) => entities.get(id)).filter((x): x is Entity => !!x).map(entityBrief),
    articles: e.articles,
    sentences: e.sentences.map((s) => citation(s, titles)),
  };
}

export function citation(s: CitedSentence, titles: Map<string, string | null>) {
  return { article: s.article, articleTitle: titles.get(s.article) ?? null, text: s.text };
}

/** `XXXX-11-18` sorts by its estimated year (or before every known year), as the timeline places it. */
export function sortKey(value: string, estimate: number | null | undefined): string {
  if (!value.startsWith('XXXX')) return value;
  return `${estimate == null ? '0000' : String(estimate).padStart(4, '0')}${value.slice(4)}`;
}

export function timelineView(t: Timeline, titles: Map<string, string | null>) {
  return {
    title: t.title,
    entries: t.entries.map((e) => ({
      date: dateView(e.date),
      sortKey: sortKey(e.date.value, e.yearEstimate?.year),
      yearEstimate: e.yearEstimate ?? null,
      sentences: e.sentences.map((s) => citation(s, titles)),
    })),
  };
}
