// After ingest: dedup, link, cluster and tell over what is stored.
import type { Store } from '../store/index.ts';
import type { Analysis, Entity, Story, StoryEvent } from '../types.ts';
import type { Processed } from './process.ts';

export interface RebuildResult {
  entities: Entity[];
  events: StoryEvent[];
  stories: Story[];
  duplicates: Map<string, string>;
}

/** Articles with their analyses, all of them or just `ids` (a story's, a query's). */
export async function loadCorpus(store: Store, ids?: Iterable<string>): Promise<Processed[]> {
  const docs: Processed[] = [];
  for (const id of ids ?? (await store.articleIds())) {
    const article = await store.getArticle(id);
    if (!article) continue;
    const analysis: Analysis = (await store.getAnalysis(id)) ?? { language: article.language ?? 'und', sentences: [], tokens: [], mentions: [], times: [] };
    docs.push({ article, analysis });
  }
  // Ingest order, then id: the order every later stage sees does not depend on the store.
  return docs.sort((a, b) => (a.article.ingestedAt < b.article.ingestedAt ? -1 : a.article.ingestedAt > b.article.ingestedAt ? 1 : a.article.id < b.article.id ? -1 : 1));
}

export interface RebuildOptions {
  /** An optional model for abstractive story summaries (src/models); the default uses none. */
  model?: import('../models/index.ts').TextModel | null;
  log?: (line: string) => void;
}

export async function rebuild(store: Store, options: RebuildOptions = {}): Promise<RebuildResult> {
  const { linkEntities } = await import('../link/index.ts');
  const { DuplicateIndex } = await import('../dedup/index.ts');
  const { clusterArticles } = await import('../cluster/index.ts');
  const { summarize } = await import('../tell/index.ts');

  const docs = await loadCorpus(store);

  const duplicates = new Map<string, string>();
  const index = new DuplicateIndex();
  for (const { article } of docs) {
    const found = index.add(article.id, article.body.join('\n\n'));
    const duplicateOf = found.duplicateOf;
    if (duplicateOf) duplicates.set(article.id, duplicateOf);
    if ((article.duplicateOf ?? null) !== (duplicateOf ?? null)) {
      await store.setDuplicate(article.id, duplicateOf ?? null);
      article.duplicateOf = duplicateOf ?? null;
    }
  }

  const { entities, links } = linkEntities(docs.map(withContextMentions));
  const byArticle = new Map<string, Map<number, string>>();
  for (const link of links) {
    let m = byArticle.get(link.article);
    if (!m) byArticle.set(link.article, (m = new Map()));
    m.set(link.mentionIndex, link.entity);
  }
  for (const doc of docs) {
    const m = byArticle.get(doc.article.id);
    doc.analysis.mentions.forEach((mention, i) => (mention.entity = m?.get(i) ?? null));
    const offset = doc.analysis.mentions.length;
    doc.analysis.context?.mentions.forEach((mention, i) => (mention.entity = m?.get(offset + i) ?? null));
  }

  const clusterDocs = docs.map((doc) => ({
    ...doc,
    entityIds: [...new Set(doc.analysis.mentions.map((m) => m.entity).filter((e): e is string => !!e))],
  }));
  const { events, stories } = clusterArticles(clusterDocs);

  const byId = new Map(docs.map((d) => [d.article.id, d]));
  for (const story of stories) {
    const members = story.articles.map((id) => byId.get(id)).filter((d): d is Processed => !!d && !d.article.duplicateOf);
    const sentences = summarize(members.length ? members : story.articles.map((id) => byId.get(id)!).filter(Boolean));
    story.summarySentences = sentences;
    story.summary = sentences.map((s) => s.text).join(' ');
    if (options.model) {
      // A model's summary still cites the extracted sentences it was given.
      const { abstractiveSummary } = await import('../models/index.ts');
      const language = mostCommon(members.map((d) => d.analysis.language || d.article.language || 'und'));
      const result = await abstractiveSummary(options.model, sentences, language, { log: options.log });
      story.summary = result.text;
      story.summarySentences = result.cited;
    }
  }

  await store.putEntities(entities, links);
  await store.putStories(events, stories);
  return { entities, events, stories, duplicates };
}

/**
 * The link stage sees title and caption mentions as if they followed the body: body offsets stay as
 * they are, and a link's mentionIndex past the body's mentions points into `analysis.context`.
 */
export function withContextMentions(doc: Processed): Processed {
  const context = doc.analysis.context;
  if (!context?.mentions.length) return doc;
  const bodyText = doc.article.body.join('\n\n');
  const shift = doc.article.body.length ? bodyText.length + 2 : 0;
  return {
    article: { ...doc.article, body: [...doc.article.body, context.text] },
    analysis: {
      ...doc.analysis,
      mentions: [...doc.analysis.mentions, ...context.mentions.map((m) => ({ ...m, start: m.start + shift, end: m.end + shift, sentence: undefined }))],
    },
  };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'und';
}
