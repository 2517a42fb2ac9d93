// Articles -> events (one happening at one time) -> stories (events of one thread over months and years).
//
// How (DESIGN.md "cluster"):
// 1. Each article gets an event date: its lead's time expression when that agrees with the
//    publication date and is finer, else the publication date. Precision is kept, never invented.
// 2. Candidates come from an inverted index over keys (linked entity ids and a bottom-k sketch of the
//    article's word pairs). Adding an article walks only the posting lists of its own keys; a key
//    held by more than `maxPostings` articles stops making candidates (like a stop word). Most
//    candidates (two articles sharing one common actor) are settled right there without a score:
//    both named, dates apart and fewer shared entities than threading needs is neither one event
//    nor one story under any corpus statistics, so only the rest is kept for `result()`.
// 3. `result()` scores the candidate pairs (TF-IDF cosine over folded terms, IDF-weighted entity
//    overlap, date agreement) with the corpus statistics of that moment, merges articles into events
//    best pair first under the rule that an event's dates must all agree, and threads events into
//    stories best pair first, where two groups join only when enough of their articles link (each
//    article's few strongest story pairs count as links): a story grows around its core instead of
//    chaining through one stray link, as single link would.
// 4. Sentences that recall an earlier dated happening (a month or day clearly before the article's
//    event) become their own smaller events in the same story.
//
// Arrival order: keys depend on the article alone, a pair is a candidate iff it shares a key held
// by at most `maxPostings` articles in the end, and scores use the final statistics, merged in a
// fixed order (score, then ids). So the result is the same for every order the articles came in;
// index.test.ts checks it on shuffled orders and bench/cluster.ts measures it.
import { createHash } from 'node:crypto';
import type { Analysis, Article, CitedSentence, EntityType, PartialDate, Story, StoryEvent, TimeExpression } from '../types.ts';
import {
  compatible,
  dateSpan,
  dayNumber,
  intersect,
  isBounded,
  OPEN_SPAN,
  PRECISION_RANK,
  resolveYear,
  sortKey,
  spanOfTime,
  timeToDate,
  type DaySpan,
} from './dates.ts';
import { countTerms, shorten, sketch } from './terms.ts';
import { tablesFor } from '../analyze/lang/index.ts';

export interface ClusterDoc {
  article: Article;
  analysis: Analysis;
  /** Linked entities the article mentions (from the link stage). */
  entityIds: string[];
}

export interface ClusterOptions {
  // -- event date
  /** Sentences at the start of the body whose time expressions may date the happening. */
  leadSentences?: number;
  /** A lead date may lie this many days before the publication date and still be the news. */
  reportLagDays?: number;
  /** How far before a `before` bound (`trước ngày 10/2`) the happening may lie. */
  boundDays?: number;
  /** How much an `approx` date is widened on each side. */
  approxDays?: number;
  /** Two day-precision dates this many days apart still agree (time zones, "yesterday"). */
  dateToleranceDays?: number;
  // -- candidates
  /** Word pairs per article put into the candidate index (bottom-k sketch). */
  sketchTerms?: number;
  /** A key held by more articles than this makes no candidates. */
  maxPostings?: number;
  /** A pair is a candidate when its shared keys weigh this much (an entity key 2, a word-pair key 1). */
  minKeyWeight?: number;
  // -- same event
  /** Content cosine for one event when both articles name entities and share one. */
  eventContent?: number;
  /** IDF-weighted entity Jaccard needed with `eventContent`. */
  eventEntities?: number;
  /** Content cosine for one event when either article has no linked entity (any language). */
  eventContentNoEntities?: number;
  /** Content cosine that makes one event whatever the entities say (near-copies; dates still rule). */
  eventContentAlone?: number;
  // -- same story
  /** Shared entities needed to thread two events by actors. */
  storySharedEntities?: number;
  /** IDF-weighted entity Jaccard needed (as a floor) to thread by actors. */
  storyEntities?: number;
  /** Content cosine needed (as a floor) with the entity test: topic agreement. */
  storyContent?: number;
  /**
   * Content cosine + entity Jaccard needed to thread named articles: the two kinds of evidence add
   * up, so an article naming many extra entities (a long list of members of a bloc) that lowers
   * its Jaccard can still thread on shared actors plus topic.
   */
  storyEvidence?: number;
  /** Content cosine that threads two events when either has no linked entity (any language). */
  storyContentAlone?: number;
  /** Events further apart than this never thread directly (Infinity: no limit). */
  storyMaxGapDays?: number;
  /**
   * Story pairs needed between two groups before they join into a story of `storyLinksFrom` or
   * more articles. One stray link (a roundup naming two threads' actors) then cannot chain two
   * threads into one story, as single link would; a new article joins a story by linking to
   * several of its members, i.e. to its core. 1: plain single link.
   */
  storyLinks?: number;
  /**
   * A story pair counts as a link only when it is among the `storyNeighbours` strongest story pairs
   * of one of its two articles (a nearest-neighbour graph). Scores mean different things in
   * different corpora (long English reports share little wording; short texts from one pool of
   * common actors share a lot), but an article's nearest neighbours are its own thread in both.
   * 0: every pair counts.
   */
  storyNeighbours?: number;
  /** Joined size from which `storyLinks` applies; smaller stories join on one link. */
  storyLinksFrom?: number;
  /**
   * Two grown stories also need links to at least this share of the smaller one's articles: in a
   * large corpus two big threads that share common actors find a couple of links by chance.
   */
  storyLinkShare?: number;
  // -- recalled happenings
  /** A sentence's date recalls an earlier happening when it ends this many days before the event. */
  recallMinGapDays?: number;
  /** Coarsest precision a recalled date may have (`year` references are too vague to be a happening). */
  recallMinPrecision?: 'day' | 'month' | 'year';
  // -- output
  /** Words kept in a title made from a sentence. */
  titleWords?: number;
  /** Entities listed per story. */
  storyEntityCount?: number;
  /** Actors listed per event. */
  eventActorCount?: number;
}

export const CLUSTER_DEFAULTS: Required<ClusterOptions> = {
  leadSentences: 3,
  reportLagDays: 45,
  boundDays: 31,
  approxDays: 7,
  dateToleranceDays: 1,
  sketchTerms: 24,
  maxPostings: 100,
  minKeyWeight: 2,
  eventContent: 0.25,
  eventEntities: 0.15,
  eventContentNoEntities: 0.3,
  eventContentAlone: 0.7,
  storySharedEntities: 2,
  storyEntities: 0.03,
  storyContent: 0.03,
  storyEvidence: 0.12,
  storyContentAlone: 0.3,
  storyMaxGapDays: Infinity,
  storyLinks: 2,
  storyNeighbours: 3,
  storyLinksFrom: 4,
  storyLinkShare: 0.1,
  recallMinGapDays: 14,
  recallMinPrecision: 'month',
  titleWords: 16,
  storyEntityCount: 10,
  eventActorCount: 6,
};

export interface ClusterResult {
  events: StoryEvent[];
  stories: Story[];
}

export interface ClusterStats {
  articles: number;
  /** Candidate pairs looked at by the last result (with reused judgements: those of new or changed articles). */
  candidatePairs: number;
  scoredPairs: number;
  /** Candidate pairs settled without a score: both named, dates apart, too few shared entities to thread. */
  settledPairs: number;
  eventPairs: number;
  storyPairs: number;
  saturatedKeys: number;
  /** Parts of the story graph (see `SavedStory`) built in the last result, and taken as saved. */
  partsBuilt: number;
  partsReused: number;
  /** Articles in the parts built. */
  articlesBuilt: number;
}

export interface Clusterer {
  /** Index one article. Re-adding an id is ignored. */
  add(doc: ClusterDoc): void;
  /** Events and stories of everything added so far (independent of the order of adds). */
  result(): ClusterResult;
  stats(): ClusterStats;
  /** The text half of `add` (no link-stage input); extends the term list. */
  prepare(doc: ClusterDoc): PreparedDoc;
  /**
   * The other half: index a prepared article with the entity of each of its mentions (null: not
   * linked) and its entity ids (default: those of its mentions). `add(doc)` is
   * `addPrepared(prepare(doc), doc's mention entities, doc.entityIds)`.
   */
  addPrepared(doc: PreparedDoc, mentionEntities: readonly (string | null | undefined)[], entityIds?: readonly string[]): void;
  /** The term list prepared articles point into, in first-seen order (pass it back as `terms`). */
  terms(): string[];
  /** The pair judgements of the last `result()` (pass them back as `judged`). */
  judgements(): SavedJudgements;
  /** The stories of the last `result()` with what is needed to reuse them (pass them back as `stories`). */
  savedStories(): SavedStory[];
  /** Why two added articles are or are not one event / one story (null when either is unknown). */
  explain(idA: string, idB: string): PairJudgement | null;
  readonly size: number;
}

export interface PairJudgement {
  /** TF-IDF cosine over folded words and word pairs. */
  content: number;
  /** IDF-weighted Jaccard of the linked entity sets. */
  entityJaccard: number;
  sharedEntities: number;
  datesAgree: boolean;
  /** Weight of the shared candidate keys (below `minKeyWeight`: the pair is never scored). */
  keyWeight: number;
  sameEvent: boolean;
  sameStory: boolean;
  score: number;
}

// ---- per-article preparation ----------------------------------------------------------------

export interface SentenceRef {
  text: string;
  start: number;
  end: number;
}

interface Recalled {
  key: string;
  sentence: SentenceRef;
  date: PartialDate;
  span: DaySpan;
  entities: string[];
  /** Cued places of its sentence, nearest to the date first. */
  places: string[];
  title: string;
}

interface Doc {
  id: string;
  title: string | null;
  sentences: SentenceRef[];
  termIds: Int32Array;
  tfw: Float32Array;
  keyIds: Int32Array;
  entities: string[];
  /** `entities` as numbers (`entityNumber`), ascending: the cheap shared-entity count of most pairs. */
  entityNums: Int32Array;
  mentionCount: Map<string, number>;
  leadEntities: Map<string, number>;
  /** Places named right after a location cue of the language (`tại`, `in`): where things happen. */
  cuedPlaces: Set<string>;
  cuedLeadPlaces: Set<string>;
  hasCues: boolean;
  date: PartialDate;
  span: DaySpan;
  dateSentence: number | null;
  recalled: Recalled[];
  /** The latest year any of its time expressions names (to place a year-less event date). */
  yearHint: number | null;
  /** Its entities and each mention's entity: what a story built from it read of the link stage. */
  linkKey: string;
}

/** A recalled happening before the link stage: its entities and places come from its sentence's mentions. */
export interface PreparedRecall extends Omit<Recalled, 'entities' | 'places'> {
  /** Index of its sentence. */
  at: number;
  /** Where its time expression starts (the nearest cued place wins). */
  timeStart: number;
}

export interface PreparedMention {
  type: EntityType;
  sentence: number | null;
  start: number;
  /** A location named right after a location cue of the language. */
  cued: boolean;
}

/**
 * An article as far as clustering can take it without the link stage (`Clusterer.prepare`): plain
 * data, so a rebuild can keep it and cluster a grown corpus without reading old articles again.
 * `termIds` point into the clusterer's term list (`Clusterer.terms()`).
 */
export interface PreparedDoc {
  id: string;
  title: string | null;
  /** The sentences an event may cite or take a title from, by index. */
  kept: [number, SentenceRef][];
  termIds: Int32Array;
  tfw: Float32Array;
  sketch: string[];
  /** Aligned with the analysis' mentions. */
  mentions: PreparedMention[];
  hasCues: boolean;
  date: PartialDate;
  span: DaySpan;
  dateSentence: number | null;
  recalled: PreparedRecall[];
  yearHint: number | null;
}

export interface EventDate {
  date: PartialDate;
  span: DaySpan;
  /** Index of the sentence the date came from, null when it came from the publication date. */
  sentence: number | null;
}

function sentencesOf(doc: ClusterDoc): SentenceRef[] {
  if (doc.analysis.sentences.length) return doc.analysis.sentences.map((s) => ({ text: s.text, start: s.start, end: s.end }));
  // No analysis: split the body on sentence ends so dates and titles still have sentences to cite.
  const out: SentenceRef[] = [];
  const text = doc.article.body.join('\n\n');
  const re = /[^.!?\n]+(?:[.!?]+|$)/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = m[0].trim();
    if (t) out.push({ text: t, start: m.index + m[0].indexOf(t), end: m.index + m[0].indexOf(t) + t.length });
  }
  return out;
}

function sentenceIndexOf(sentences: SentenceRef[], offset: number): number | null {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return null;
}

function timeSentence(t: TimeExpression, sentences: SentenceRef[]): number | null {
  return t.sentence ?? sentenceIndexOf(sentences, t.start);
}

const rank = (p: PartialDate['precision']) => (p ? PRECISION_RANK[p] : 0);

/**
 * The date of the happening an article reports: the first time expression in its lead that agrees
 * with the publication date (within `reportLagDays` before it) and is at least as fine; else the
 * publication date. Unmodified expressions win over bounds (`trước ngày 10/2`).
 */
export function eventDateOf(doc: ClusterDoc, options: ClusterOptions = {}): EventDate {
  const o = { ...CLUSTER_DEFAULTS, ...options };
  const sentences = sentencesOf(doc);
  return eventDate(doc, sentences, o);
}

function eventDate(doc: ClusterDoc, sentences: SentenceRef[], o: Required<ClusterOptions>): EventDate {
  const published = doc.article.published;
  const pubSpan = dateSpan(published, o);
  const window: DaySpan = isBounded(pubSpan) ? { lo: pubSpan.lo - o.reportLagDays, hi: pubSpan.hi + o.dateToleranceDays } : pubSpan;
  const lead: { t: TimeExpression; i: number; span: DaySpan; value: string }[] = [];
  for (const raw of doc.analysis.times) {
    const t = dayOfTime(raw);
    if (t.type !== 'date' || !t.value || !t.precision) continue;
    const i = timeSentence(t, sentences);
    if (i === null || i >= o.leadSentences) continue;
    let value = t.value;
    if (value.startsWith('XXXX')) value = resolveYear(value, pubSpan, o.dateToleranceDays) ?? value;
    const span = spanOfTime({ ...t, value }, o);
    if (!span || !compatible(span, window, 0)) continue;
    lead.push({ t, i, span, value });
  }
  const pick = lead.find((c) => !c.t.mod) ?? lead[0];
  if (pick && rank(pick.t.precision) >= rank(published?.precision ?? null)) {
    const resolved = pick.value !== pick.t.value ? ` (year from the publication date ${published?.value})` : '';
    const date = timeToDate({ ...pick.t, value: pick.value }, `lead sentence ${pick.i + 1}: "${pick.t.surface}" -> ${pick.value}${resolved}`);
    if (resolved) date.kind = 'approximate';
    return { date, span: pick.span, sentence: pick.i };
  }
  if (published?.value) {
    return {
      date: { value: published.value, precision: published.precision, evidence: `published${published.evidence ? `: ${published.evidence}` : ''}`, kind: published.kind ?? 'approximate' },
      span: pubSpan,
      sentence: null,
    };
  }
  return { date: { value: null, precision: null, evidence: null }, span: OPEN_SPAN, sentence: null };
}

/** A clock time on a named day (`16:15 UTC, June 1st` -> 2009-06-01T16:15Z) dates its day. */
function dayOfTime(t: TimeExpression): TimeExpression {
  if (t.type !== 'time' || !t.value) return t;
  const m = /^(\d{4}-\d{2}-\d{2})T/.exec(t.value);
  return m ? { ...t, type: 'date', value: m[1]!, precision: 'day' } : t;
}

function recalledOf(doc: ClusterDoc, sentences: SentenceRef[], ev: EventDate, o: Required<ClusterOptions>): PreparedRecall[] {
  if (!isBounded(ev.span)) return [];
  const out: PreparedRecall[] = [];
  const minRank = PRECISION_RANK[o.recallMinPrecision];
  for (const t of doc.analysis.times) {
    if (t.type !== 'date' || !t.value || !t.precision || PRECISION_RANK[t.precision] < minRank) continue;
    const span = spanOfTime(t, o);
    // Only the past: a coming date (`năm 2026 đang đến gần`) is not a happening yet.
    if (!span || !isBounded(span) || span.hi >= ev.span.lo - o.recallMinGapDays) continue;
    const i = timeSentence(t, sentences);
    if (i === null) continue;
    const sentence = sentences[i]!;
    out.push({
      key: `${doc.article.id}#${i}#${t.start}`,
      sentence,
      date: timeToDate(t, `sentence ${i + 1}: "${t.surface}" -> ${t.value}`),
      span,
      at: i,
      timeStart: t.start,
      title: around(sentence, t, o.titleWords),
    });
  }
  return out;
}

/** A few words either side of a time expression: the clause that names the recalled happening. */
function around(sentence: SentenceRef, t: TimeExpression, n: number): string {
  const rel = t.start - sentence.start;
  if (rel < 0 || rel > sentence.text.length) return shorten(sentence.text, n);
  const before = sentence.text.slice(0, rel).trim().split(/\s+/).filter(Boolean);
  const after = sentence.text.slice(rel).trim().split(/\s+/).filter(Boolean);
  const half = Math.floor(n / 2);
  const left = before.slice(Math.max(0, before.length - half));
  const right = after.slice(0, n - left.length);
  const text = [...left, ...right].join(' ');
  return `${left.length < before.length ? '…' : ''}${text}${right.length < after.length ? '…' : ''}`;
}

// ---- the clusterer -------------------------------------------------------------------------

const SATURATED: number[] = [];

/** A judged candidate pair (article indices in add order, a < b) that is one event or one story. */
export interface JudgedPair {
  a: number;
  b: number;
  score: number;
  sameEvent: boolean;
  sameStory: boolean;
}

/**
 * The pair judgements of one `result()`, to reuse in a later clusterer that was given the same
 * articles first (in the same order) and then more. Scores use corpus-wide statistics (IDF), so a
 * kept judgement is what the pair scored when the corpus had `scoredAt` articles, not now: reuse
 * trades exactness for time, within `rejudgeGrowth`.
 */
export interface SavedJudgements {
  /** Articles covered (the first `size` added) and their ids. */
  size: number;
  ids: string[];
  /** Corpus size when the oldest kept judgement was made. */
  scoredAt: number;
  /** Each covered article's entity ids when judged: an article whose entities changed is judged again. */
  entities: string[];
  /** The pairs that were one event or one story; every other candidate pair among them was neither. */
  pairs: JudgedPair[];
  /** Candidate pairs taken from the earlier judgements instead of scored (for stats). */
  reused: number;
}

/**
 * A story as one result built it, with its events and their sort keys, and the signature of the
 * part of the story graph it came from (see `compute`): everything building it read except the
 * corpus statistics (IDF, entity types), which are those of the result that built it.
 */
export interface SavedStory {
  component: string;
  story: Story;
  events: StoryEvent[];
  eventKeys: number[];
}

export interface SavedClusterer {
  /**
   * The term list of a clusterer whose prepared articles will be added (`Clusterer.terms()`), so their
   * term ids keep their meaning and new articles extend it as they would have extended the old.
   */
  terms?: readonly string[];
  /** Judgements of an earlier clusterer (`Clusterer.judgements()`). */
  judged?: SavedJudgements | null;
  /**
   * The stories of that clusterer's last result (`Clusterer.savedStories()`). While its judgements
   * are reused, a part of the story graph whose input is unchanged (`SavedStory.component`) takes
   * these stories and events as they were instead of building them again.
   */
  stories?: Iterable<SavedStory> | null;
  /**
   * Reuse `judged` while the corpus has grown by at most this share since its oldest judgement
   * (0.05: 5%); past it, or at 0 (the default), every candidate pair is judged again and the result
   * is exactly that of clustering everything at once.
   */
  rejudgeGrowth?: number;
}

/**
 * `terms`: the term list of a clusterer whose prepared articles will be added (`Clusterer.terms()`),
 * so their term ids keep their meaning and new articles extend it as they would have extended the old.
 */
export function createClusterer(options: ClusterOptions = {}, saved: SavedClusterer = {}): Clusterer {
  const unknown = Object.keys(options).filter((k) => !(k in CLUSTER_DEFAULTS));
  if (unknown.length) throw new TypeError(`tinline/cluster: unknown option(s) ${unknown.join(', ')}`);
  const o: Required<ClusterOptions> = { ...CLUSTER_DEFAULTS, ...options };
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number' && (Number.isNaN(v) || v < 0)) throw new TypeError(`tinline/cluster: option ${k} must be a number >= 0`);
  }

  const docs: Doc[] = [];
  const byId = new Map<string, number>();
  const termIndex = new Map<string, number>();
  let termDf = new Int32Array(1024);
  let termUnigram = new Uint8Array(1024);
  const keyIndex = new Map<string, number>();
  const entityKeys: number[] = [];
  const keyDf: number[] = [];
  const keyIsEntity: boolean[] = [];
  const postings: number[][] = [];
  const entityDf = new Map<string, number>();
  const entityNumber = new Map<string, number>();
  const entityTypes = new Map<string, Map<EntityType, number>>();
  let scratch = new Int32Array(1024);
  // A unigram is one word; a pair holds a space (terms.ts).
  for (const t of saved.terms ?? []) termId(t, !t.includes(' '));
  let cached: { size: number; result: ClusterResult; stats: ClusterStats } | null = null;

  function termId(term: string, unigram: boolean): number {
    let id = termIndex.get(term);
    if (id === undefined) {
      id = termIndex.size;
      termIndex.set(term, id);
      if (id >= termDf.length) {
        const grownDf = new Int32Array(termDf.length * 2);
        grownDf.set(termDf);
        termDf = grownDf;
        const grownU = new Uint8Array(termUnigram.length * 2);
        grownU.set(termUnigram);
        termUnigram = grownU;
      }
      termUnigram[id] = unigram ? 1 : 0;
    }
    return id;
  }

  /** The candidate key of a word pair of the sketch (`keyIndex`) or of an entity (by its number). */
  function keyId(key: string): number {
    let id = keyIndex.get(key);
    if (id === undefined) keyIndex.set(key, (id = newKey(false)));
    return id;
  }

  function entityKeyId(entityNum: number): number {
    let id = entityKeys[entityNum];
    if (id === undefined) entityKeys[entityNum] = id = newKey(true);
    return id;
  }

  function newKey(entity: boolean): number {
    keyDf.push(0);
    keyIsEntity.push(entity);
    postings.push([]);
    return keyDf.length - 1;
  }

  function add(input: ClusterDoc): void {
    if (byId.has(input.article.id)) return;
    addPrepared(prepare(input), input.analysis.mentions.map((m) => m.entity ?? null), input.entityIds);
  }

  /** The text work of `add`: everything about an article that does not depend on the link stage. */
  function prepare(input: ClusterDoc): PreparedDoc {
    const sentences = sentencesOf(input);
    const texts = [...(input.article.title ? [input.article.title] : []), ...sentences.map((s) => s.text)];
    const { unigrams, bigrams } = countTerms(texts);
    const weights = new Map<number, number>();
    for (const [t, n] of unigrams) weights.set(termId(t, true), 1 + Math.log(n));
    for (const [t, n] of bigrams) weights.set(termId(t, false), 1 + Math.log(n));
    const termIds = Int32Array.from([...weights.keys()].sort((a, b) => a - b));
    const tfw = Float32Array.from(termIds, (t) => weights.get(t)!);

    const cues = tablesFor(input.analysis.language || input.article.language || 'und').locationCues;
    const mentions: PreparedMention[] = input.analysis.mentions.map((m) => {
      const i = m.sentence ?? sentenceIndexOf(sentences, m.start);
      return { type: m.type, sentence: i, start: m.start, cued: i !== null && m.type === 'location' && !!sentences[i] && placeCue(sentences[i]!, m.start, cues) };
    });
    const ev = eventDate(input, sentences, o);
    // Of the sentences only those an event cites or takes its title from.
    const kept: [number, SentenceRef][] = [];
    for (const i of new Set([0, ev.sentence ?? 0])) if (sentences[i]) kept.push([i, sentences[i]!]);
    return {
      id: input.article.id,
      title: input.article.title,
      kept,
      termIds,
      tfw,
      sketch: sketch(bigrams.keys(), o.sketchTerms),
      mentions,
      hasCues: cues.length > 0,
      date: ev.date,
      span: ev.span,
      dateSentence: ev.sentence,
      recalled: recalledOf(input, sentences, ev, o),
      yearHint: yearHint(input.analysis.times),
    };
  }

  function addPrepared(p: PreparedDoc, mentionEntities: readonly (string | null | undefined)[], entityIds?: readonly string[]): void {
    const id = p.id;
    if (byId.has(id)) return;
    const index = docs.length;
    byId.set(id, index);
    cached = null;
    for (const t of p.termIds) termDf[t]!++;

    // Entities: ids from the link stage, counted by mention; types by majority over all mentions.
    const entities = [...new Set(entityIds ?? mentionEntities.filter((e): e is string => !!e))].sort();
    const mentionCount = new Map<string, number>();
    const leadEntities = new Map<string, number>();
    const entitiesBySentence = new Map<number, string[]>();
    const cuedPlaces = new Set<string>();
    const cuedLeadPlaces = new Set<string>();
    const cuedBySentence = new Map<number, { entity: string; start: number }[]>();
    p.mentions.forEach((m, k) => {
      const entity = mentionEntities[k];
      if (!entity) return;
      mentionCount.set(entity, (mentionCount.get(entity) ?? 0) + 1);
      let types = entityTypes.get(entity);
      if (!types) entityTypes.set(entity, (types = new Map()));
      types.set(m.type, (types.get(m.type) ?? 0) + 1);
      const i = m.sentence;
      if (i === null) return;
      if (i < o.leadSentences) leadEntities.set(entity, (leadEntities.get(entity) ?? 0) + 1);
      if (m.cued) {
        cuedPlaces.add(entity);
        if (i < o.leadSentences) cuedLeadPlaces.add(entity);
        (cuedBySentence.get(i) ?? cuedBySentence.set(i, []).get(i)!).push({ entity, start: m.start });
      }
      const list = entitiesBySentence.get(i) ?? [];
      if (!list.includes(entity)) list.push(entity);
      entitiesBySentence.set(i, list);
    });
    for (const e of entities) entityDf.set(e, (entityDf.get(e) ?? 0) + 1);
    const entityNums = Int32Array.from(entities, (e) => entityNumber.get(e) ?? (entityNumber.set(e, entityNumber.size), entityNumber.size - 1)).sort();

    // Keys: every entity, and a sketch of the word pairs.
    const keys = new Set<number>();
    for (const e of entities) keys.add(entityKeyId(entityNumber.get(e)!));
    for (const t of p.sketch) keys.add(keyId(t));
    const keyIds = Int32Array.from([...keys].sort((a, b) => a - b));

    // Candidates are found in `compute`, from the final posting lists: a key saturated by later
    // articles would drop out of the pair's key weight there anyway, so walking the lists now would
    // only find pairs compute discards (and a rebuild that reuses judgements walks only new articles).
    for (const k of keyIds) {
      keyDf[k]!++;
      const list = postings[k]!;
      if (list === SATURATED) continue;
      list.push(index);
      if (list.length > o.maxPostings) postings[k] = SATURATED;
    }

    const sentences: SentenceRef[] = [];
    for (const [i, s] of p.kept) sentences[i] = s;
    docs.push({
      id,
      title: p.title,
      sentences,
      termIds: p.termIds,
      tfw: p.tfw,
      keyIds,
      entities,
      entityNums,
      mentionCount,
      leadEntities,
      cuedPlaces,
      cuedLeadPlaces,
      hasCues: p.hasCues,
      date: p.date,
      span: p.span,
      dateSentence: p.dateSentence,
      recalled: p.recalled.map(({ at, timeStart, ...u }) => ({
        ...u,
        entities: entitiesBySentence.get(at) ?? [],
        // The cued place nearest before the date (`tại Moskva hồi tháng 2/2023`), else nearest after.
        places: [...(cuedBySentence.get(at) ?? [])]
          .sort((a, b) => (a.start <= timeStart ? timeStart - a.start : 1e6 + a.start - timeStart) - (b.start <= timeStart ? timeStart - b.start : 1e6 + b.start - timeStart))
          .map((x) => x.entity),
      })),
      yearHint: p.yearHint,
      linkKey: `${entities.join('\t')}\n${mentionEntities.map((e) => e ?? '').join('\t')}`,
    });
  }

  function result(): ClusterResult {
    if (!cached || cached.size !== docs.length) cached = { size: docs.length, ...compute() };
    return cached.result;
  }

  function stats(): ClusterStats {
    result();
    return cached!.stats;
  }

  function scorer() {
    const n = docs.length;
    const idf = new Float64Array(termIndex.size);
    for (let t = 0; t < idf.length; t++) idf[t] = (Math.log((n + 1) / (termDf[t]! + 1)) + 1) * (termUnigram[t] ? UNIGRAM_WEIGHT : 1);
    const norms = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      const doc = docs[d]!;
      let s = 0;
      for (let i = 0; i < doc.termIds.length; i++) {
        const w = doc.tfw[i]! * idf[doc.termIds[i]!]!;
        s += w * w;
      }
      norms[d] = Math.sqrt(s) || 1;
    }
    const eidfCache = new Map<string, number>();
    const eidf = (e: string) => {
      let w = eidfCache.get(e);
      if (w === undefined) eidfCache.set(e, (w = Math.log((n + 1) / ((entityDf.get(e) ?? 0) + 1)) + 1));
      return w;
    };

    // b's term weights spread by term id (weights are >= 1, so 0 is "absent"): the pairs of one b
    // come together, and each then costs one pass over a's terms. The products and their order are
    // those of a merge of the two sorted lists.
    // Float32 like tfw (exact copies): half the memory the random reads walk.
    const dense = new Float32Array(termIndex.size);
    let loaded = -1;
    const cosine = (a: number, b: number): number => {
      const x = docs[a]!;
      if (loaded !== b) {
        if (loaded >= 0) {
          const old = docs[loaded]!.termIds;
          for (let j = 0; j < old.length; j++) dense[old[j]!] = 0;
        }
        const y = docs[b]!;
        for (let j = 0; j < y.termIds.length; j++) dense[y.termIds[j]!] = y.tfw[j]!;
        loaded = b;
      }
      let dot = 0;
      const ids = x.termIds;
      for (let i = 0; i < ids.length; i++) {
        const t = ids[i]!;
        const v = dense[t]!;
        if (v !== 0) {
          const w = idf[t]!;
          dot += x.tfw[i]! * v * w * w;
        }
      }
      return round(dot / (norms[a]! * norms[b]!));
    };
    const keyWeight = (a: number, b: number): number => {
      const x = docs[a]!.keyIds;
      const y = docs[b]!.keyIds;
      let i = 0;
      let j = 0;
      let w = 0;
      while (i < x.length && j < y.length) {
        if (x[i] === y[j]) {
          const k = x[i]!;
          if (keyDf[k]! <= o.maxPostings) w += keyIsEntity[k] ? 2 : 1;
          i++;
          j++;
        } else if (x[i]! < y[j]!) i++;
        else j++;
      }
      return w;
    };
    // Per-article entity IDF weights and their sums, so a pair costs one merge of two short lists.
    const entityWeights = docs.map((d) => Float64Array.from(d.entities, eidf));
    const entityTotals = entityWeights.map((w) => w.reduce((x, y) => x + y, 0));
    const entityOverlap = (a: number, b: number): { shared: number; jaccard: number } => {
      const x = docs[a]!.entities;
      const y = docs[b]!.entities;
      const wx = entityWeights[a]!;
      let i = 0;
      let j = 0;
      let shared = 0;
      let inter = 0;
      while (i < x.length && j < y.length) {
        if (x[i]! < y[j]!) i++;
        else if (y[j]! < x[i]!) j++;
        else {
          inter += wx[i]!;
          shared++;
          i++;
          j++;
        }
      }
      const union = entityTotals[a]! + entityTotals[b]! - inter;
      return { shared, jaccard: union > 0 ? round(inter / union) : 0 };
    };

    const judge = (a: number, b: number, full = true): PairJudgement => {
      const ent = entityOverlap(a, b);
      const x = docs[a]!;
      const y = docs[b]!;
      const bothNamed = x.entities.length > 0 && y.entities.length > 0;
      const datesAgree = compatible(x.span, y.span, o.dateToleranceDays);
      // The cosine is the costly part: skip it when no rule could pass whatever it is.
      const hopeless = bothNamed && !datesAgree && !(ent.shared >= o.storySharedEntities && ent.jaccard >= o.storyEntities);
      const c = hopeless && !full ? 0 : cosine(a, b);
      const sameEvent =
        datesAgree &&
        (c >= o.eventContentAlone ||
          (bothNamed ? ent.shared >= 1 && ent.jaccard >= o.eventEntities && c >= o.eventContent : c >= o.eventContentNoEntities));
      const near = gapDays(x.span, y.span) <= o.storyMaxGapDays;
      // Named articles thread by actors (with some topic agreement); content alone threads only
      // where names are missing (a language without tables), or chains of look-alike boilerplate
      // would pull unrelated threads into one story.
      const sameStory =
        sameEvent ||
        (near &&
          (bothNamed
            ? ent.shared >= o.storySharedEntities && ent.jaccard >= o.storyEntities && c >= o.storyContent && c + ent.jaccard >= o.storyEvidence
            : c >= o.storyContentAlone));
      return { content: c, entityJaccard: ent.jaccard, sharedEntities: ent.shared, datesAgree, keyWeight: keyWeight(a, b), sameEvent, sameStory, score: round(c + 0.5 * ent.jaccard) };
    };
    return { n, idf, norms, judge, keyWeight };
  }

  function explain(idA: string, idB: string): PairJudgement | null {
    const a = byId.get(idA);
    const b = byId.get(idB);
    if (a === undefined || b === undefined) return null;
    if (!explainScorer || explainScorer.n !== docs.length) explainScorer = scorer();
    return explainScorer.judge(a, b);
  }
  let explainScorer: ReturnType<typeof scorer> | null = null;
  let judged: SavedJudgements | null = null;
  let lastSaved: SavedStory[] = [];
  const optionsKey = `${JSON.stringify(o)}\n`;

  function compute(): { result: ClusterResult; stats: ClusterStats } {
    const { n, idf, norms, judge, keyWeight } = scorer();
    // representative(): the centroid of one group at a time, by term id (zeroed after each group).
    const centroid = new Float64Array(idf.length);
    // typeOf(): the majority type of each entity, fixed for this result (every event asks it of every actor).
    const typeCache = new Map<string, EntityType>();
    type Pair = JudgedPair;
    const pairs: Pair[] = [];
    let scored = 0;
    // Judgements kept from an earlier run hold for its articles while the corpus has not grown past
    // the budget and their entities are the same (see `SavedJudgements`); the rest is judged now.
    const before = saved.judged;
    const reuse =
      !!before && (saved.rejudgeGrowth ?? 0) > 0 && before.size <= n && n <= before.scoredAt * (1 + saved.rejudgeGrowth!) && before.ids.every((id, i) => docs[i]!.id === id);
    // Articles whose pairs are found and judged now: all of them, or with judgements to reuse, the
    // new ones and those whose entities changed. A kept pair of two others still holds unless one
    // of its keys has since been saturated (its key weight is checked again).
    const open = new Uint8Array(n).fill(reuse ? 0 : 1);
    let reused = 0;
    let settled = 0;
    let candidates = 0;
    if (reuse) {
      for (let d = 0; d < n; d++) if (d >= before.size || docs[d]!.entities.join('\n') !== before.entities[d]) open[d] = 1;
      for (const p of before.pairs) {
        if (open[p.a] || open[p.b] || keyWeight(p.a, p.b) < o.minKeyWeight) continue;
        pairs.push(p);
        reused++;
      }
    }
    if (scratch.length < n) scratch = new Int32Array(n);
    const touched: number[] = [];
    for (let b = 0; b < n; b++) {
      if (!open[b]) continue;
      const y = docs[b]!;
      // Candidates: articles sharing keys of weight `minKeyWeight` (an entity 2, a word pair 1) that
      // no more than `maxPostings` articles hold. Each pair once: an open article takes its
      // candidates before it and those after it that are not open.
      for (const k of y.keyIds) {
        const list = postings[k]!;
        if (list === SATURATED) continue;
        const w = keyIsEntity[k] ? 2 : 1;
        for (const a of list) {
          // Lists are in add order: with every article open, only those before b.
          if (a >= b && (!reuse || a === b || open[a])) {
            if (reuse) continue;
            break;
          }
          if (scratch[a] === 0) touched.push(a);
          scratch[a]! += w;
        }
      }
      touched.sort((p, q) => p - q);
      for (const other of touched) {
        const weight = scratch[other]!;
        scratch[other] = 0;
        if (weight < o.minKeyWeight) continue;
        candidates++;
        const a = Math.min(other, b);
        const c = Math.max(other, b);
        // Most candidate pairs (through one common actor) are settled by dates and the count of
        // shared entities alone: both named, dates apart and too few shared actors to thread is
        // neither one event nor one story, whatever the scores (the `hopeless` case of judge).
        const x = docs[a]!;
        const z = docs[c]!;
        if (x.entityNums.length && z.entityNums.length && sharedCount(x.entityNums, z.entityNums) < o.storySharedEntities && !compatible(x.span, z.span, o.dateToleranceDays)) {
          settled++;
          continue;
        }
        scored++;
        const j = judge(a, c, false);
        if (j.sameEvent || j.sameStory) pairs.push({ a, b: c, score: j.score, sameEvent: j.sameEvent, sameStory: j.sameStory });
      }
      touched.length = 0;
    }
    judged = {
      size: n,
      scoredAt: reuse ? before.scoredAt : n,
      ids: docs.map((d) => d.id),
      entities: docs.map((d) => d.entities.join('\n')),
      pairs,
      reused,
    };

    // Events: best pair first; a merge must keep every member's date in agreement.
    const ids = (p: Pair): [string, string] => {
      const x = docs[p.a]!.id;
      const y = docs[p.b]!.id;
      return x < y ? [x, y] : [y, x];
    };
    const byScore = (p: Pair, q: Pair) => {
      if (p.score !== q.score) return q.score - p.score;
      const [p1, p2] = ids(p);
      const [q1, q2] = ids(q);
      return p1 < q1 ? -1 : p1 > q1 ? 1 : p2 < q2 ? -1 : p2 > q2 ? 1 : 0;
    };
    const eventPairs = pairs.filter((p) => p.sameEvent);
    eventPairs.sort(byScore);
    const eventUf = new UnionFind(n);
    const spans: DaySpan[] = docs.map((d) => d.span);
    for (const p of eventPairs) {
      const ra = eventUf.find(p.a);
      const rb = eventUf.find(p.b);
      if (ra === rb || !compatible(spans[ra]!, spans[rb]!, o.dateToleranceDays)) continue;
      const joined = intersect(spans[ra]!, spans[rb]!);
      spans[eventUf.union(ra, rb)] = joined;
    }

    // Stories: events kept whole, joined best pair first when the two groups are linked by enough
    // story pairs (see `storyLinks`). Link counts between groups live in per-group maps, merged
    // smaller into larger; passes repeat until no join happens (a join adds up counts, so a pair
    // refused earlier may pass later). The outcome depends on the pairs and their order only.
    const storyUf = new UnionFind(n);
    for (let d = 0; d < n; d++) storyUf.union(d, eventUf.find(d));
    const storyCandidates = pairs.filter((p) => p.sameStory).sort(byScore);
    const storyPairs = storyCandidates.length;
    let links = storyCandidates;
    if (o.storyNeighbours > 0) {
      // In byScore order, each article keeps its first `storyNeighbours` pairs.
      const seen = new Int32Array(n);
      links = storyCandidates.filter((p) => {
        const keep = seen[p.a]! < o.storyNeighbours || seen[p.b]! < o.storyNeighbours;
        seen[p.a]!++;
        seen[p.b]!++;
        return keep;
      });
    }
    const groupSize = new Int32Array(n);
    for (let d = 0; d < n; d++) groupSize[storyUf.find(d)]++;
    const adjacency: (Map<number, number> | undefined)[] = new Array(n);
    const bump = (x: number, y: number, c: number) => {
      const m = adjacency[x] ?? (adjacency[x] = new Map());
      m.set(y, (m.get(y) ?? 0) + c);
    };
    for (const p of links) {
      const ra = storyUf.find(p.a);
      const rb = storyUf.find(p.b);
      if (ra === rb) continue;
      bump(ra, rb, 1);
      bump(rb, ra, 1);
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const p of links) {
        let keep = storyUf.find(p.a);
        let gone = storyUf.find(p.b);
        if (keep === gone) continue;
        const sa = groupSize[keep]!;
        const sb = groupSize[gone]!;
        const need = sa + sb < o.storyLinksFrom ? 1 : Math.max(1, o.storyLinks, Math.ceil(o.storyLinkShare * Math.min(sa, sb) - 1e-9));
        if ((adjacency[keep]?.get(gone) ?? 0) < need) continue;
        if ((adjacency[keep]?.size ?? 0) < (adjacency[gone]?.size ?? 0)) [keep, gone] = [gone, keep];
        storyUf.attach(gone, keep);
        groupSize[keep]! += groupSize[gone]!;
        const moved = adjacency[gone]!;
        adjacency[gone] = undefined;
        adjacency[keep]!.delete(gone);
        for (const [x, c] of moved) {
          if (x === keep) continue;
          bump(keep, x, c);
          const back = adjacency[x]!;
          back.delete(gone);
          back.set(keep, (back.get(keep) ?? 0) + c);
        }
        changed = true;
      }
    }

    // Parts of the story graph: articles joined by event pairs or links. Events and stories form
    // inside one part from its own pairs alone, so a part whose articles, pairs and link-stage input
    // are those of a part the saved result built gets that part's stories back unchanged: a batch of
    // new articles builds only the parts its pairs reach. Reused only while judgements are
    // (`reuse`): past the growth budget everything is built anew with today's statistics.
    const partUf = new UnionFind(n);
    for (const p of eventPairs) partUf.union(p.a, p.b);
    for (const p of links) partUf.union(p.a, p.b);
    const partPairs = new Map<number, Pair[]>();
    for (const p of [...eventPairs, ...links]) {
      const r = partUf.find(p.a);
      (partPairs.get(r) ?? partPairs.set(r, []).get(r)!).push(p);
    }
    const partMembers = new Map<number, number[]>();
    for (let d = 0; d < n; d++) {
      const r = partUf.find(d);
      (partMembers.get(r) ?? partMembers.set(r, []).get(r)!).push(d);
    }
    const savedByPart = new Map<string, SavedStory[]>();
    if (reuse) for (const s of saved.stories ?? []) (savedByPart.get(s.component) ?? savedByPart.set(s.component, []).get(s.component)!).push(s);
    const signatureOf = new Map<number, string>();
    const toBuild = new Uint8Array(n);
    const reusedStories: SavedStory[] = [];
    let partsBuilt = 0;
    let partsReused = 0;
    let articlesBuilt = 0;
    for (const [root, members] of partMembers) {
      const h = createHash('sha256').update(optionsKey);
      const order = members.map((d) => docs[d]!.id).sort();
      for (const id of order) h.update(`${id}\n${docs[byId.get(id)!]!.linkKey}\n`);
      const lines = (partPairs.get(root) ?? []).map((p) => {
        const [x, y] = ids(p);
        return `${x} ${y} ${p.score} ${p.sameEvent ? 1 : 0}${p.sameStory ? 1 : 0}`;
      });
      for (const line of [...new Set(lines)].sort()) h.update(`${line}\n`);
      const signature = h.digest('hex');
      signatureOf.set(root, signature);
      const before = savedByPart.get(signature);
      if (before) {
        reusedStories.push(...before);
        partsReused++;
      } else {
        for (const d of members) toBuild[d] = 1;
        partsBuilt++;
        articlesBuilt += members.length;
      }
    }

    const built = build(eventUf, storyUf, toBuild);
    for (const s of reusedStories) {
      s.events.forEach((e, i) => eventKeys.set(e.id, s.eventKeys[i]!));
      built.stories.push(s.story);
      for (const e of s.events) (e.kind === 'recalled' ? built.recalled : built.reported).push(e);
    }
    const storyParts = new Map<string, string>();
    for (const [root, members] of partMembers) for (const d of members) storyParts.set(docs[d]!.id, signatureOf.get(root)!);
    for (const s of reusedStories) built.eventsOf.set(s.story.id, s.events);
    lastSaved = built.stories.map((story) => {
      const events = built.eventsOf.get(story.id)!;
      return { component: storyParts.get(story.articles[0]!)!, story, events, eventKeys: events.map((e) => eventKey(e)) };
    });
    built.stories.sort((a, b) => b.articles.length - a.articles.length || (a.id < b.id ? -1 : 1));
    const byDate = (a: StoryEvent, b: StoryEvent) => eventKey(a) - eventKey(b) || (a.id < b.id ? -1 : 1);
    built.reported.sort(byDate);
    built.recalled.sort(byDate);
    return {
      result: { events: [...built.reported, ...built.recalled], stories: built.stories },
      stats: {
        articles: n,
        candidatePairs: candidates,
        scoredPairs: scored,
        settledPairs: settled,
        eventPairs: eventPairs.length,
        storyPairs,
        saturatedKeys: postings.filter((p) => p === SATURATED).length,
        partsBuilt,
        partsReused,
        articlesBuilt,
      },
    };

    // ---- output ----------------------------------------------------------------------------

    /** Events and stories of the articles marked in `which` (whole parts of the story graph). */
    function build(eventUf: UnionFind, storyUf: UnionFind, which: Uint8Array) {
      const groups = new Map<number, number[]>();
      for (let d = 0; d < n; d++) {
        if (!which[d]) continue;
        const r = eventUf.find(d);
        const g = groups.get(r);
        if (g) g.push(d);
        else groups.set(r, [d]);
      }
      const storyGroups = new Map<number, StoryEvent[]>();
      const eventOfRoot = new Map<number, StoryEvent>();
      const reported: StoryEvent[] = [];
      for (const [root, members] of groups) {
        members.sort((a, b) => (docs[a]!.id < docs[b]!.id ? -1 : 1));
        const ev = reportedEvent(members);
        eventOfRoot.set(root, ev);
        reported.push(ev);
        const s = storyUf.find(root);
        const list = storyGroups.get(s);
        if (list) list.push(ev);
        else storyGroups.set(s, [ev]);
      }

      const recalledEvents: StoryEvent[] = [];
      const stories: Story[] = [];
      const eventsOf = new Map<string, StoryEvent[]>();
      for (const [, events] of storyGroups) {
        const memberDocs = events.flatMap((e) => e.articles.map((id) => byId.get(id)!));
        const recalled = recalledEventsOf(memberDocs, events);
        recalledEvents.push(...recalled);
        const story = storyOf(memberDocs, [...events, ...recalled]);
        stories.push(story);
        eventsOf.set(story.id, [...events, ...recalled]);
      }
      return { reported, recalled: recalledEvents, stories, eventsOf };
    }

    function eventKey(e: StoryEvent): number {
      return eventKeys.get(e.id) ?? Infinity;
    }

    function representative(members: number[]): number {
      if (members.length <= 2) return members[0]!;
      for (const d of members) {
        const doc = docs[d]!;
        for (let i = 0; i < doc.termIds.length; i++) {
          const t = doc.termIds[i]!;
          centroid[t]! += (doc.tfw[i]! * idf[t]!) / norms[d]!;
        }
      }
      let best = members[0]!;
      let bestScore = -1;
      for (const d of members) {
        const doc = docs[d]!;
        let s = 0;
        for (let i = 0; i < doc.termIds.length; i++) s += ((doc.tfw[i]! * idf[doc.termIds[i]!]!) / norms[d]!) * centroid[doc.termIds[i]!]!;
        s = round(s);
        if (s > bestScore) {
          bestScore = s;
          best = d;
        }
      }
      for (const d of members) {
        const ids = docs[d]!.termIds;
        for (let i = 0; i < ids.length; i++) centroid[ids[i]!] = 0;
      }
      return best;
    }

    /** Members with a title when some have one: a headline says what a story is better than a lead. */
    function titledFirst(members: number[]): number[] {
      const titled = members.filter((d) => docs[d]!.title);
      return titled.length ? titled : members;
    }

    function titleOf(d: number): string {
      const doc = docs[d]!;
      if (doc.title) return doc.title;
      const first = doc.sentences[doc.dateSentence ?? 0] ?? doc.sentences[0];
      return first ? shorten(first.text, o.titleWords) : doc.id;
    }

    function typeOf(e: string): EntityType {
      let type = typeCache.get(e);
      if (type !== undefined) return type;
      const types = entityTypes.get(e);
      type = types ? [...types].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0] : 'other';
      typeCache.set(e, type);
      return type;
    }

    function ranked(counts: Map<string, number[]>): string[] {
      const cmp = (a: number[], b: number[]) => {
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
        return 0;
      };
      return [...counts].sort((a, b) => cmp(a[1], b[1]) || (a[0] < b[0] ? -1 : 1)).map((x) => x[0]);
    }

    function reportedEvent(members: number[]): StoryEvent {
      // The finest date; among equals the most common value, then the smallest.
      const best = Math.max(...members.map((d) => rank(docs[d]!.date.precision)));
      const tally = new Map<string, number[]>();
      for (const d of members) {
        const date = docs[d]!.date;
        if (rank(date.precision) !== best || !date.value) continue;
        const list = tally.get(date.value) ?? [];
        list.push(d);
        tally.set(date.value, list);
      }
      const top = [...tally].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
      const dateDoc = top ? top[1][0]! : members[0]!;
      const date = { ...docs[dateDoc]!.date };
      if (date.evidence && members.length > 1) date.evidence = `${docs[dateDoc]!.id}: ${date.evidence}`;

      const actors = new Map<string, number[]>();
      // Place: a location named after a location cue (`tại`, `in`) in the lead; in a language with
      // no cue table, any location of the lead. The rarer wins ties (a city over the countries every
      // article names). No cue, no place: a country in the lead is more often a party than a venue.
      const places = new Map<string, number[]>();
      const sentences: CitedSentence[] = [];
      for (const d of members) {
        const doc = docs[d]!;
        for (const [e, c] of doc.mentionCount) {
          const lead = doc.leadEntities.get(e) ?? 0;
          if (typeOf(e) === 'location') {
            if (!lead || (doc.hasCues && !doc.cuedLeadPlaces.has(e))) continue;
            const cur = places.get(e) ?? [0, 0, 0, 0];
            places.set(e, [cur[0]! + (doc.cuedLeadPlaces.has(e) ? 1 : 0), cur[1]! + 1, -(entityDf.get(e) ?? 0), cur[3]! + c]);
            continue;
          }
          const cur = actors.get(e) ?? [0, 0];
          actors.set(e, [cur[0]! + (lead ? 1 : 0), cur[1]! + c]);
        }
        for (const e of doc.entities) if (!doc.mentionCount.has(e) && !actors.has(e) && typeOf(e) !== 'location') actors.set(e, [0, 1]);
        const picked = new Set<number>([0]);
        if (doc.dateSentence !== null) picked.add(doc.dateSentence);
        for (const i of [...picked].sort((a, b) => a - b)) {
          const s = doc.sentences[i];
          if (s) sentences.push({ article: doc.id, text: s.text, start: s.start, end: s.end });
        }
      }
      const articles = members.map((d) => docs[d]!.id);
      const ev: StoryEvent = {
        id: `ev-${hash(articles.join('\n'))}`,
        date,
        title: titleOf(representative(titledFirst(members))),
        place: ranked(places)[0] ?? null,
        actors: ranked(actors).filter((e) => typeOf(e) === 'person' || typeOf(e) === 'organization' || typeOf(e) === 'other').slice(0, o.eventActorCount),
        articles,
        sentences,
        kind: 'reported',
      };
      eventKeys.set(ev.id, sortKeyOf(members, spans[eventUf.find(members[0]!)]!));
      return ev;
    }

    function recalledEventsOf(memberDocs: number[], reported: StoryEvent[]): StoryEvent[] {
      const units = memberDocs.flatMap((d) => docs[d]!.recalled.map((u) => ({ u, d }))).sort((x, y) => (x.u.key < y.u.key ? -1 : 1));
      const groups: { units: { u: Recalled; d: number }[]; span: DaySpan; entities: Set<string>; value: string }[] = [];
      if (!units.length) return [];
      // Reported events of at least month precision by the months they cover: a unit looks only there.
      const byMonth = new Map<number, StoryEvent[]>();
      for (const e of reported) {
        if (rank(e.date.precision) < PRECISION_RANK.month) continue;
        const span = spans[eventUf.find(byId.get(e.articles[0]!)!)]!;
        for (const k of monthKeys(span)) (byMonth.get(k) ?? byMonth.set(k, []).get(k)!).push(e);
      }
      for (const item of units) {
        const { u } = item;
        // A happening the story already reports takes the recalling sentence as more evidence.
        const known = monthKeys(u.span)
          .flatMap((k) => byMonth.get(k) ?? [])
          .find((e) => {
            const members = e.articles.map((id) => byId.get(id)!);
            if (members.includes(item.d)) return false;
            const s = spans[eventUf.find(members[0]!)]!;
            if (!compatible(s, u.span, o.dateToleranceDays)) return false;
            return u.entities.some((x) => e.actors.includes(x) || e.place === x);
          });
        if (known) {
          known.sentences.push({ article: docs[item.d]!.id, text: u.sentence.text, start: u.sentence.start, end: u.sentence.end });
          continue;
        }
        const group = groups.find(
          (g) => compatible(g.span, u.span, o.dateToleranceDays) && (g.value === u.date.value || u.entities.some((x) => g.entities.has(x))),
        );
        if (group) {
          group.units.push(item);
          group.span = intersect(group.span, u.span);
          for (const x of u.entities) group.entities.add(x);
        } else groups.push({ units: [item], span: u.span, entities: new Set(u.entities), value: u.date.value! });
      }
      return groups.map((g) => {
        const first = [...g.units].sort((x, y) => rank(y.u.date.precision) - rank(x.u.date.precision) || (x.u.key < y.u.key ? -1 : 1))[0]!;
        const articles = [...new Set(g.units.map((x) => docs[x.d]!.id))].sort();
        const ev: StoryEvent = {
          id: `ev-${hash(`recalled\n${g.units.map((x) => x.u.key).join('\n')}`)}`,
          date: { ...first.u.date, evidence: `${docs[first.d]!.id} ${first.u.date.evidence}` },
          title: first.u.title,
          place: g.units.flatMap((x) => x.u.places)[0] ?? [...g.entities].filter((e) => typeOf(e) === 'location').sort()[0] ?? null,
          actors: [...g.entities].filter((e) => typeOf(e) !== 'location').sort().slice(0, o.eventActorCount),
          articles,
          sentences: g.units.map((x) => ({ article: docs[x.d]!.id, text: x.u.sentence.text, start: x.u.sentence.start, end: x.u.sentence.end })),
          kind: 'recalled',
        };
        eventKeys.set(ev.id, sortKey(g.span));
        return ev;
      });
    }

    function storyOf(memberDocs: number[], events: StoryEvent[]): Story {
      events.sort((a, b) => eventKey(a) - eventKey(b) || (a.id < b.id ? -1 : 1));
      const articles: string[] = [];
      const seen = new Set<string>();
      for (const e of events) {
        for (const id of e.articles) {
          if (!seen.has(id)) {
            seen.add(id);
            articles.push(id);
          }
        }
      }
      const counts = new Map<string, number[]>();
      for (const d of memberDocs) {
        const doc = docs[d]!;
        for (const e of doc.entities) {
          const cur = counts.get(e) ?? [0, 0];
          counts.set(e, [cur[0]! + 1, cur[1]! + (doc.mentionCount.get(e) ?? 1)]);
        }
      }
      memberDocs.sort((a, b) => (docs[a]!.id < docs[b]!.id ? -1 : 1));
      return {
        id: `st-${hash([...seen].sort().join('\n'))}`,
        title: titleOf(representative(titledFirst(memberDocs))),
        summary: '',
        events: events.map((e) => e.id),
        articles,
        entities: ranked(counts).slice(0, o.storyEntityCount),
      };
    }

    /**
     * Where an event sorts: its span's middle. A year-less date (`XXXX-11-18`) takes the latest year
     * its articles' other dates name, when they name one (a report is not older than what it
     * mentions); with none it sorts before every dated event, by month and day.
     */
    function sortKeyOf(members: number[], span: DaySpan): number {
      if (isBounded(span) || span.month === undefined) return sortKey(span);
      const years = members.map((d) => docs[d]!.yearHint).filter((y): y is number => y !== null);
      if (!years.length) return sortKey(span);
      return dayNumber(Math.max(...years), span.month, span.day ?? 15);
    }
  }

  const eventKeys = new Map<string, number>();

  return {
    add,
    prepare,
    addPrepared,
    terms: () => [...termIndex.keys()],
    judgements: () => {
      result();
      return judged!;
    },
    savedStories: () => {
      result();
      return lastSaved;
    },
    result,
    stats,
    explain,
    get size() {
      return docs.length;
    },
  };
}

/** Cluster a whole set at once (same result as adding them to a clusterer in any order). */
export function clusterArticles(docs: ClusterDoc[], options: ClusterOptions = {}): ClusterResult {
  const clusterer = createClusterer(options);
  for (const doc of docs) clusterer.add(doc);
  return clusterer.result();
}

// ---- helpers -------------------------------------------------------------------------------

/** How many numbers two ascending lists share. */
function sharedCount(x: Int32Array, y: Int32Array): number {
  return sharedIn(x, 0, x.length, y);
}

/** How many numbers flat[from..to) and y (both ascending) share. */
function sharedIn(flat: Int32Array, from: number, to: number, y: Int32Array): number {
  let i = from;
  let j = 0;
  let n = 0;
  while (i < to && j < y.length) {
    const a = flat[i]!;
    const b = y[j]!;
    if (a === b) {
      n++;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return n;
}

/** Single words weigh half a word pair (see terms.ts). */
const UNIGRAM_WEIGHT = Math.SQRT1_2;

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  /** Hangs the root `child` under the root `root` (callers that choose the surviving root). */
  attach(child: number, root: number): void {
    this.parent[child] = root;
  }
  /** Joins two sets; returns the new root (the smaller index, so roots do not depend on call order). */
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[child] = root;
    return root;
  }
}

/** Whether the words right before `offset` in the sentence end with one of the language's location cues. */
function placeCue(sentence: SentenceRef, offset: number, cues: readonly string[]): boolean {
  if (!cues.length) return false;
  const before = sentence.text.slice(Math.max(0, offset - sentence.start - 40), Math.max(0, offset - sentence.start)).trimEnd().toLowerCase();
  return cues.some((cue) => {
    const c = cue.toLowerCase();
    return before.endsWith(c) && (before.length === c.length || /[\s(,]/u.test(before[before.length - c.length - 1]!));
  });
}

function yearHint(times: TimeExpression[]): number | null {
  let best: number | null = null;
  for (const t of times) {
    const m = t.type === 'date' && t.value ? /^(\d{4})/.exec(t.value) : null;
    if (m && (best === null || +m[1]! > best)) best = +m[1]!;
  }
  return best;
}

/** Year*12+month of every month a bounded span touches (none for open spans or spans over a year). */
function monthKeys(span: DaySpan): number[] {
  if (!isBounded(span) || span.hi - span.lo > 370) return [];
  const key = (d: number) => {
    const date = new Date(d * 86_400_000);
    return date.getUTCFullYear() * 12 + date.getUTCMonth();
  };
  const out: number[] = [];
  for (let k = key(span.lo); k <= key(span.hi); k++) out.push(k);
  return out;
}

function gapDays(a: DaySpan, b: DaySpan): number {
  if (!isBounded(a) || !isBounded(b)) return 0;
  return Math.max(0, Math.max(a.lo, b.lo) - Math.min(a.hi, b.hi));
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

