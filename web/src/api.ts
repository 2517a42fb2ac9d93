// Typed calls to the API this page is served beside.
export interface DateView {
  value: string | null;
  precision: 'day' | 'month' | 'year' | null;
  kind?: string;
  evidence?: string | null;
  label: { en: string; vi: string } | null;
}
export interface EntityBrief {
  id: string;
  type: string;
  name: string;
}
export interface EntityName {
  text: string;
  lang?: string;
  script?: string;
}
export interface Citation {
  article: string;
  articleTitle: string | null;
  text: string;
}
export interface ArticleSummary {
  id: string;
  title: string | null;
  origin: string;
  url: string | null;
  source: string | null;
  language: string | null;
  published: DateView;
  paragraphs: number;
  characters: number;
  duplicateOf: string | null;
}
export interface EventView {
  id: string;
  date: DateView;
  kind: string;
  title: string;
  place: EntityBrief | null;
  actors: EntityBrief[];
  articles: string[];
  sentences: Citation[];
}
export interface TimelineView {
  title: string;
  entries: { date: DateView; sortKey: string; yearEstimate: { year: number | null; reason: string } | null; sentences: Citation[] }[];
}
export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}
export interface StorySummary {
  id: string;
  title: string;
  summary: string;
  articles: number;
  events: number;
  entities: EntityBrief[];
  first: DateView | null;
  last: DateView | null;
}
export interface StoryDetail {
  id: string;
  title: string;
  summary: string;
  summarySentences: Citation[];
  entities: EntityBrief[];
  articles: ArticleSummary[];
  events: EventView[];
  timeline: TimelineView;
}
export interface EntityDetail {
  id: string;
  type: string;
  name: string;
  names: EntityName[];
  aliases: string[];
  mentions: { article: string; surface: string; role: string | null; sentence: string | null; reason: string }[];
  articles: ArticleSummary[];
  events: EventView[];
  stories: { id: string; title: string }[];
}
export interface ArticleDetail extends ArticleSummary {
  body: string[];
  captions: string[];
  removed: { text: string; reason: string }[];
  entities: EntityBrief[];
  times: { surface: string; type: string; value: string | null; date: DateView | null; mod: string | null }[];
  stories: { id: string; title: string }[];
}
export interface SearchResult {
  query: string;
  alternatives: string[];
  nextOffset: number | null;
  hits: { id: string; title: string | null; origin: string; url: string | null; published: DateView; snippet: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'HTTP', body?.error?.message ?? res.statusText);
  return body as T;
}

export const api = {
  stories: () => get<Page<StorySummary>>('/api/stories?limit=100'),
  story: (id: string) => get<StoryDetail>(`/api/stories/${encodeURIComponent(id)}`),
  entity: (id: string) => get<EntityDetail>(`/api/entities/${encodeURIComponent(id)}`),
  article: (id: string) => get<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`),
  search: (q: string, signal?: AbortSignal, limit = 20) => get<SearchResult>(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`, signal),
};
