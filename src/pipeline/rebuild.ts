// After ingest: dedup, link, cluster and tell over what is stored.
//
// Incremental across runs: each rebuild saves what the stages know of the articles it covered
// (store states `rebuild` and `rebuild/...`, see `saveState`): the dedup index entries, the link
// stage's view of each article (its mentions and the text right after each), each article as the
// clusterer prepared it, the candidate pairs that were one event or one story, and each story as
// built and told. The next rebuild reads and prepares only the articles added since and writes only
// what it added (a new chunk, the stories it changed).
//
// Clustering is local by default: while the corpus has grown by less than `rejudgeGrowth` since
// its pairs were scored, old pairs keep their judgements (scores use corpus-wide IDF, which every
// article moves a little), only the candidate pairs of new articles and of articles whose entities
// changed are found and judged, and only the parts of the story graph those pairs reach are built
// again; every other story and event stays exactly as saved. Past the budget every candidate pair
// is judged again with today's statistics and everything is built anew, which is exactly a full
// rebuild (`rejudgeGrowth: 0` asks for that every time; bench/rebuild.ts measures how far the local
// result drifts from it and test/incremental.test.ts checks both). Linking goes on from its saved
// state and links again only the mentions new ones can reach, with exactly the result of linking
// everything at once (src/link/incremental.ts). Only stories whose members or their links changed
// are told again.
//
// A full rebuild happens when there is no state, its format is older, an article it covers is gone,
// a new article sorts before the last covered one (corpus order: ingestedAt, then id), or on request.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import type { Store } from '../store/index.ts';
import type { PreparedDoc, SavedJudgements, SavedStory } from '../cluster/index.ts';
import type { DuplicateIndexSnapshot } from '../dedup/index.ts';
import type { LinkDoc } from '../link/index.ts';
import type { LinkState } from '../link/incremental.ts';
import type { Analysis, CitedSentence, Entity, Story, StoryEvent } from '../types.ts';
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
  return docs.sort((a, b) => corpusOrder(a.article, b.article));
}

function corpusOrder(a: { ingestedAt: string; id: string }, b: { ingestedAt: string; id: string }): number {
  return a.ingestedAt < b.ingestedAt ? -1 : a.ingestedAt > b.ingestedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface RebuildOptions {
  /** An optional model for abstractive story summaries (src/models); the default uses none. */
  model?: import('../models/index.ts').TextModel | null;
  log?: (line: string) => void;
  /** Progress of the rebuild itself (what it resumed from, why it did not, what it told anew); quiet by default. */
  trace?: (line: string) => void;
  /**
   * How much the corpus may grow (a share) before candidate pairs judged by an earlier rebuild are
   * judged again with today's statistics and every story is built anew; until then a rebuild
   * redoes only what new articles reach. 0 judges every pair every time (the result is then
   * exactly a full rebuild's). Default `REJUDGE_GROWTH`.
   */
  rejudgeGrowth?: number;
  /** Ignore saved stage state and rebuild from every stored article (the state is saved anew). */
  full?: boolean;
  /** Most articles in one saved chunk of state. Default `CHUNK_ARTICLES`. */
  chunkArticles?: number;
}

/** The store state name and format version; a change to any saved shape bumps the version. */
export const REBUILD_STATE = 'rebuild';
export const REBUILD_STATE_VERSION = 5;
export const REJUDGE_GROWTH = 0.1;

interface Told {
  /** Hash of everything the summary was made from. */
  key: string;
  summary: string;
  summarySentences: CitedSentence[];
  /** The story as the clusterer built it, for the next rebuild to reuse while its part is unchanged. */
  built: SavedStory;
}

// The saved state is split so that a rebuild writes about what it added, not everything again:
// - `rebuild` (the head): small; which chunks hold the covered articles, in corpus order.
// - `rebuild/chunk/<n>`: the stage views of a run of consecutive covered articles. A rebuild
//   appends one chunk for its new articles; a chunk that is no bigger than the one after it is
//   merged with it (a binary counter) up to `CHUNK_ARTICLES`, so there are at most
//   N / CHUNK_ARTICLES + ~log2(CHUNK_ARTICLES) chunks and an article is rewritten at most
//   ~log2(CHUNK_ARTICLES) times over its life.
// - `rebuild/told/<xx>`: story summaries in 256 buckets by story id; only buckets whose stories
//   were told anew or went away are written.
// - `rebuild/link/<part>`: the incremental linker's state (src/link/incremental.ts) but its docs;
//   written whole by every rebuild that added articles.
// - `rebuild/judged`: kept pair judgements, only while `rejudgeGrowth` > 0 asks for them, and
//   written only when they changed.
const CHUNK_PREFIX = `${REBUILD_STATE}/chunk/`;
const TOLD_PREFIX = `${REBUILD_STATE}/told/`;
const JUDGED_STATE = `${REBUILD_STATE}/judged`;
// The link stage's state without its docs (the chunks hold those), in parts so that no one value
// nears a blob's size limit: `rebuild/link/<part>`.
const LINK_PREFIX = `${REBUILD_STATE}/link/`;
const LINK_PARTS: (keyof LinkState)[][] = [
  ['links'],
  ['clusters', 'slugs', 'order', 'compClusters', 'comps'],
  ['parent', 'r8', 'fp8', 'itemDoc', 'itemIndex', 'docStart', 'docOrder'],
  ['version', 'active', 'pending', 'sino', 'articleDoc', 'fallback'],
];
const TOLD_BUCKETS = 256;
/** Most articles in one saved chunk (~6 KB of state each). */
export const CHUNK_ARTICLES = 8192;

interface RebuildHead {
  version: number;
  chunks: { name: string; count: number }[];
  /** Number for the next chunk's name. */
  seq: number;
  last: { ingestedAt: string; id: string } | null;
  judged: boolean;
}

/** The stage views of consecutive covered articles; `dedup`, `link` and `prepared` are aligned with `ids`. */
interface Chunk {
  ids: string[];
  dedup: DuplicateIndexSnapshot;
  link: LinkDoc[];
  /** The clusterer terms these articles added to the list, in order. */
  terms: string[];
  prepared: PreparedDoc[];
}

interface RebuildState {
  head: RebuildHead;
  chunks: Chunk[];
  ids: string[];
  terms: string[];
  prepared: PreparedDoc[];
  judged: SavedJudgements | null;
  told: Map<string, Told>;
  linkState: LinkState;
}

/** Names of every store state a rebuild saves (those that may exist; for tools that copy or measure it). */
export async function rebuildStateNames(store: Store): Promise<string[]> {
  const head = await readHead(store);
  const told = Array.from({ length: TOLD_BUCKETS }, (_, b) => TOLD_PREFIX + b.toString(16).padStart(2, '0'));
  return [REBUILD_STATE, ...(head?.chunks.map((c) => c.name) ?? []), ...told, JUDGED_STATE, ...LINK_PARTS.map((_, i) => `${LINK_PREFIX}${i}`)];
}

function toldBucket(storyId: string): string {
  // Story ids are `st-` and hex; anything else still lands in a bucket.
  const hex = /^st-([0-9a-f]{2})/.exec(storyId)?.[1];
  return hex ?? (createHash('sha1').update(storyId).digest('hex').slice(0, 2));
}

async function readHead(store: Store, trace?: (line: string) => void): Promise<RebuildHead | null> {
  const data = await store.getState(REBUILD_STATE);
  if (!data) return null;
  try {
    const head = deserialize(data) as RebuildHead;
    if (head?.version === REBUILD_STATE_VERSION) return head;
    trace?.(`rebuild: saved state has format ${String(head?.version)}, not ${REBUILD_STATE_VERSION}: full rebuild`);
  } catch {
    trace?.('rebuild: saved state unreadable: full rebuild');
  }
  return null;
}

async function readState(store: Store, head: RebuildHead, trace?: (line: string) => void): Promise<RebuildState | null> {
  const chunks: Chunk[] = [];
  for (const { name, count } of head.chunks) {
    const data = await store.getState(name);
    const chunk = data ? (deserialize(data) as Chunk) : null;
    if (!chunk || chunk.ids.length !== count) {
      trace?.(`rebuild: saved state chunk ${name} missing or short: full rebuild`);
      return null;
    }
    chunks.push(chunk);
  }
  const told = new Map<string, Told>();
  for (let b = 0; b < TOLD_BUCKETS; b++) {
    const data = await store.getState(TOLD_PREFIX + b.toString(16).padStart(2, '0'));
    if (data) for (const [id, t] of deserialize(data) as [string, Told][]) told.set(id, t);
  }
  const judgedData = head.judged ? await store.getState(JUDGED_STATE) : null;
  const link = chunks.flatMap((c) => c.link);
  const linkState = { docs: link } as Partial<LinkState>;
  for (let i = 0; i < LINK_PARTS.length; i++) {
    const data = await store.getState(`${LINK_PREFIX}${i}`);
    if (!data) {
      trace?.(`rebuild: saved link state part ${i} missing: full rebuild`);
      return null;
    }
    Object.assign(linkState, deserialize(data));
  }
  return {
    head,
    chunks,
    ids: chunks.flatMap((c) => c.ids),
    linkState: linkState as LinkState,
    terms: chunks.flatMap((c) => c.terms),
    prepared: chunks.flatMap((c) => c.prepared),
    judged: judgedData ? (deserialize(judgedData) as SavedJudgements) : null,
    told,
  };
}

/** What the last rebuild saw and what is new since, or null when everything must be redone. */
async function resume(store: Store, head: RebuildHead | null, options: RebuildOptions): Promise<{ state: RebuildState; fresh: Processed[] } | null> {
  if (options.full || !head) return null;
  const state = await readState(store, head, options.trace);
  if (!state) return null;
  const stored = await store.articleIds();
  const covered = new Set(state.ids);
  const present = stored.filter((id) => covered.has(id)).length;
  if (present !== covered.size) {
    options.trace?.(`rebuild: ${covered.size - present} covered article(s) gone: full rebuild`);
    return null;
  }
  const fresh = await loadCorpus(store, stored.filter((id) => !covered.has(id)));
  if (head.last && fresh.length && corpusOrder(fresh[0]!.article, head.last) < 0) {
    options.trace?.('rebuild: a new article sorts before the covered ones: full rebuild');
    return null;
  }
  return { state, fresh };
}

/**
 * Saves what this rebuild added: one new chunk (merged into the chunks before it while they are no
 * bigger), the told buckets that changed, the judgements when asked for, then the head. Returns the
 * bytes written. The head goes last, so an interrupted save leaves the previous state whole.
 */
async function saveState(
  store: Store,
  before: RebuildHead | null,
  old: RebuildState | null,
  added: Chunk,
  last: RebuildHead['last'],
  told: Map<string, Told>,
  dirtyTold: Set<string> | null,
  judged: SavedJudgements | 'unchanged' | null,
  chunkArticles: number,
  linkState: LinkState | null,
): Promise<number> {
  let bytes = 0;
  const put = async (name: string, value: unknown) => {
    const data = serialize(value);
    bytes += data.byteLength;
    await store.putState(name, data);
  };
  let seq = before?.seq ?? 0;
  const chunks: { name: string; count: number; chunk: Chunk; fresh: boolean }[] = old
    ? old.head.chunks.map((c, i) => ({ ...c, chunk: old.chunks[i]!, fresh: false }))
    : [];
  // A state value is one SQLite blob (at most 1 GB, and better held well under): a chunk stops at
  // CHUNK_ARTICLES. The terms all go with the first piece; the list is their concatenation.
  for (let from = 0; from < added.ids.length; from += chunkArticles) {
    const to = Math.min(added.ids.length, from + chunkArticles);
    const piece: Chunk = {
      ids: added.ids.slice(from, to),
      dedup: { ...added.dedup, entries: added.dedup.entries.slice(from, to) },
      link: added.link.slice(from, to),
      terms: from === 0 ? added.terms : [],
      prepared: added.prepared.slice(from, to),
    };
    chunks.push({ name: '', count: piece.ids.length, chunk: piece, fresh: true });
  }
  while (chunks.length >= 2 && chunks.at(-2)!.count <= chunks.at(-1)!.count && chunks.at(-2)!.count + chunks.at(-1)!.count <= chunkArticles) {
    const b = chunks.pop()!;
    const a = chunks.pop()!;
    const merged: Chunk = {
      ids: [...a.chunk.ids, ...b.chunk.ids],
      dedup: { ...b.chunk.dedup, entries: [...a.chunk.dedup.entries, ...b.chunk.dedup.entries] },
      link: [...a.chunk.link, ...b.chunk.link],
      terms: [...a.chunk.terms, ...b.chunk.terms],
      prepared: [...a.chunk.prepared, ...b.chunk.prepared],
    };
    chunks.push({ name: '', count: merged.ids.length, chunk: merged, fresh: true });
  }
  for (const c of chunks) {
    if (!c.fresh) continue;
    c.name = `${CHUNK_PREFIX}${seq++}`;
    await put(c.name, c.chunk);
  }
  // Told buckets: all of them after a full rebuild, else those with a story told anew or gone.
  const byBucket = new Map<string, [string, Told][]>();
  for (const entry of told) {
    const b = toldBucket(entry[0]);
    (byBucket.get(b) ?? byBucket.set(b, []).get(b)!).push(entry);
  }
  for (let i = 0; i < TOLD_BUCKETS; i++) {
    const b = i.toString(16).padStart(2, '0');
    if (dirtyTold && !dirtyTold.has(b)) continue;
    const entries = byBucket.get(b);
    if (entries) await put(TOLD_PREFIX + b, entries);
    else await store.putState(TOLD_PREFIX + b, null);
  }
  if (linkState) {
    for (const [i, fields] of LINK_PARTS.entries()) await put(`${LINK_PREFIX}${i}`, Object.fromEntries(fields.map((f) => [f, linkState[f]])));
  }
  if (judged && judged !== 'unchanged') await put(JUDGED_STATE, judged);
  else if (before?.judged) await store.putState(JUDGED_STATE, null);
  const head: RebuildHead = { version: REBUILD_STATE_VERSION, chunks: chunks.map(({ name, count }) => ({ name, count })), seq, last, judged: !!judged };
  await put(REBUILD_STATE, head);
  const kept = new Set(head.chunks.map((c) => c.name));
  for (const c of before?.chunks ?? []) if (!kept.has(c.name)) await store.putState(c.name, null);
  return bytes;
}

export async function rebuild(store: Store, options: RebuildOptions = {}): Promise<RebuildResult> {
  const { linkDocOf } = await import('../link/index.ts');
  const { linkIncremental } = await import('../link/incremental.ts');
  const { DuplicateIndex } = await import('../dedup/index.ts');
  const { createClusterer } = await import('../cluster/index.ts');

  const phases: string[] = [];
  let t0 = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    phases.push(`${name} ${((t - t0) / 1000).toFixed(2)}`);
    t0 = t;
  };
  const head = await readHead(store, options.trace);
  const resumed = await resume(store, head, options);
  const old = resumed?.state ?? null;
  const fresh = resumed ? resumed.fresh : await loadCorpus(store);
  options.trace?.(old ? `rebuild: ${old.ids.length} articles from saved state, ${fresh.length} new` : `rebuild: full, ${fresh.length} articles`);

  phase('load');
  // Dedup: the index goes on where it stopped; the first-added copy wins, so old verdicts stand.
  const index = old?.chunks.length ? DuplicateIndex.restore(old.chunks.map((c) => c.dedup)) : new DuplicateIndex();
  const dedupFrom = index.size;
  for (const { article } of fresh) {
    const duplicateOf = index.add(article.id, article.body.join('\n\n')).duplicateOf;
    if ((article.duplicateOf ?? null) !== (duplicateOf ?? null)) {
      await store.setDuplicate(article.id, duplicateOf ?? null);
      article.duplicateOf = duplicateOf ?? null;
    }
  }
  const duplicates = index.duplicates();

  phase('dedup');
  // Link: goes on from the saved linker state; only the mentions new ones can reach are linked
  // again, and the result is exactly that of linking every saved view at once (src/link/incremental.ts).
  const freshLink = fresh.map((d) => linkDocOf(withContextMentions(d)));
  const linked = linkIncremental(old?.linkState ?? null, freshLink);
  const { entities, links } = linked;
  options.trace?.(`rebuild: links of ${linked.changed.articles.size} articles and ${linked.changed.entities.size} entities changed`);
  const byArticle = new Map<string, Map<number, string>>();
  for (const l of links) {
    let m = byArticle.get(l.article);
    if (!m) byArticle.set(l.article, (m = new Map()));
    m.set(l.mentionIndex, l.entity);
  }
  for (const doc of fresh) applyLinks(doc, byArticle);

  phase('link');
  // Cluster: new articles are prepared, old ones come prepared; all are indexed with today's links.
  const rejudgeGrowth = options.rejudgeGrowth ?? REJUDGE_GROWTH;
  const savedStories = old ? [...old.told.values()].map((t) => t.built) : null;
  const clusterer = createClusterer({}, { terms: old?.terms ?? [], judged: old?.judged ?? null, rejudgeGrowth, stories: savedStories });
  const termsBefore = old?.terms.length ?? 0;
  const freshPrepared = fresh.map((d) => clusterer.prepare({ ...d, entityIds: [] }));
  const prepared = [...(old?.prepared ?? []), ...freshPrepared];
  for (const p of prepared) {
    // Prepared mentions are the body's; title and caption mentions (indexed after them) stay out.
    const m = byArticle.get(p.id);
    clusterer.addPrepared(p, p.mentions.map((_, i) => m?.get(i) ?? null));
  }
  const { events, stories } = clusterer.result();
  const judged = clusterer.judgements();
  const cstats = clusterer.stats();
  options.trace?.(`rebuild: ${cstats.scoredPairs} candidate pairs judged, ${judged.reused} taken from saved judgements (scored at ${judged.scoredAt} articles)`);
  options.trace?.(`rebuild: ${cstats.partsBuilt} parts of the story graph built (${cstats.articlesBuilt} articles), ${cstats.partsReused} taken as saved`);
  const builtById = new Map(clusterer.savedStories().map((s) => [s.story.id, s]));

  phase('cluster');
  // Tell: a story keeps its summary while its members, their duplicates and their links are unchanged.
  const toldBefore = old?.told ?? new Map<string, Told>();
  const told = new Map<string, Told>();
  // Buckets to write: those of stories told anew and of stories gone (null after a full rebuild: all).
  const dirtyTold = old ? new Set<string>() : null;
  const keyOf = (story: Story) => {
    const h = createHash('sha256').update(options.model ? 'model\n' : 'extractive\n');
    for (const id of story.articles) {
      const m = byArticle.get(id);
      h.update(`${id} ${duplicates.get(id) ?? ''} ${m ? [...m].map(([i, e]) => `${i}=${e}`).join(',') : ''}\n`);
    }
    return h.digest('hex');
  };
  const keys = stories.map(keyOf);
  const byId = new Map(fresh.map((d) => [d.article.id, d]));
  const missing = new Set<string>();
  stories.forEach((story, i) => {
    if (toldBefore.get(story.id)?.key === keys[i]) return;
    for (const id of story.articles) if (!byId.has(id)) missing.add(id);
  });
  for (const doc of await loadCorpus(store, missing)) {
    doc.article.duplicateOf = duplicates.get(doc.article.id) ?? null;
    applyLinks(doc, byArticle);
    byId.set(doc.article.id, doc);
  }
  let retold = 0;
  for (const [i, story] of stories.entries()) {
    const before = toldBefore.get(story.id);
    if (before?.key === keys[i]) {
      story.summary = before.summary;
      story.summarySentences = before.summarySentences;
    } else {
      await tell(story, byId, options);
      retold++;
      dirtyTold?.add(toldBucket(story.id));
    }
    const built = builtById.get(story.id)!;
    // A story built anew in a changed part is saved again even when its summary stands.
    if (before && before.built.component !== built.component) dirtyTold?.add(toldBucket(story.id));
    told.set(story.id, { key: keys[i]!, summary: story.summary, summarySentences: story.summarySentences ?? [], built });
  }
  for (const id of toldBefore.keys()) if (!told.has(id)) dirtyTold?.add(toldBucket(id));
  options.trace?.(`rebuild: ${retold} of ${stories.length} stories told anew`);

  phase('tell');
  await store.putEntities(entities, links);
  await store.putStories(events, stories);
  phase('write');

  const lastDoc = fresh.at(-1)?.article ?? head?.last ?? null;
  const added: Chunk = {
    ids: fresh.map((d) => d.article.id),
    dedup: index.snapshot(dedupFrom),
    link: freshLink,
    terms: clusterer.terms().slice(termsBefore),
    prepared: freshPrepared,
  };
  const written = await saveState(
    store,
    head,
    old,
    added,
    lastDoc ? { ingestedAt: lastDoc.ingestedAt, id: lastDoc.id } : null,
    told,
    dirtyTold,
    rejudgeGrowth <= 0 ? null : old?.judged && cstats.scoredPairs === 0 && judged.size === old.judged.size && judged.reused === old.judged.pairs.length ? 'unchanged' : judged,
    options.chunkArticles ?? CHUNK_ARTICLES,
    // Unchanged when nothing was added.
    fresh.length || !old ? linked.state : null,
  );
  options.trace?.(`rebuild: state bytes written ${written}`);
  phase('state');
  options.trace?.(`rebuild: seconds ${phases.join(', ')}`);
  return { entities, events, stories, duplicates };
}

function applyLinks(doc: Processed, byArticle: Map<string, Map<number, string>>): void {
  const m = byArticle.get(doc.article.id);
  doc.analysis.mentions.forEach((mention, i) => (mention.entity = m?.get(i) ?? null));
  const offset = doc.analysis.mentions.length;
  doc.analysis.context?.mentions.forEach((mention, i) => (mention.entity = m?.get(offset + i) ?? null));
}

async function tell(story: Story, byId: Map<string, Processed>, options: RebuildOptions): Promise<void> {
  const { summarize } = await import('../tell/index.ts');
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
