// Clustering quality on real news: MEANTIME English (../shared/data/meantime-en, CC BY 4.0), 90
// Wikinews articles in three corpus folders (airbus, apple, gm). Each document becomes plain text
// (tokens joined, one paragraph per annotated sentence, sentence 0 = the headline as title) with its
// CREATION_TIME as the given publication date (when it has an ISO value), and goes through the real pipeline: ingest() into a
// temporary SQLite database, then rebuild() (dedup -> link -> cluster -> summaries).
//
// Gold:
// - stories: the corpus folder. A folder is a broad topic (every GM/Chrysler article of 2008-2010),
//   coarser than a thread, so story recall against it has a ceiling well under 1; precision is
//   the number to watch (a story mixing Airbus and Apple is plainly wrong).
// - events (document level): MEANTIME links event mentions across documents to shared instances
//   (EVENT elements with an instance_id). A document holds many events, most of them background,
//   and only 29 instances span two documents. The document-level reduction: a document's own
//   happening is the one its headline or lead reports, so two documents are one gold event when
//   they share a cross-document event instance mentioned in both leads (headline, date line and the
//   first `LEAD_SENTENCES - 2` body sentences); clusters are the connected components of that
//   relation, every other document a singleton. Sharing an instance deeper in the body is recall of
//   background (e.g. "fuel efficiency", "be"), not the same report, and is left out.
//
//   node --import tsx bench/cluster-quality.ts [--sweep] [--errors]
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clusterArticles, CLUSTER_DEFAULTS, type ClusterOptions, type ClusterResult } from '../src/cluster/index.ts';
import { clusterScores, type ClusterScores } from '../src/eval/clusters.ts';
import { linkEntities } from '../src/link/index.ts';
import { ingest, loadCorpus, rebuild, withContextMentions } from '../src/pipeline/index.ts';
import { createStore } from '../src/store/index.ts';
import type { Store } from '../src/store/index.ts';
import { DATA_DIR } from '../test/shared.ts';

export const MEANTIME_ROOT = join(DATA_DIR, 'meantime-en/intra_cross-doc_annotation');
/** Headline (0), date line (1) and the first two body sentences. */
export const LEAD_SENTENCES = 4;

export interface MeantimeDoc {
  docId: string;
  topic: string;
  title: string;
  text: string;
  published: string | null;
}

export interface MeantimeGold {
  docs: MeantimeDoc[];
  /** docId -> corpus folder. */
  stories: Map<string, string>;
  /** docId -> gold event label (see the header). */
  events: Map<string, string>;
}

function xmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? xmlFiles(p) : p.endsWith('.xml') ? [p] : [];
    })
    .sort();
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Tokens back to text: no space before closing punctuation and clitics, none after an opening one. */
function detokenize(tokens: string[]): string {
  let out = '';
  let quoteOpen = false;
  let glue = true;
  for (const t of tokens) {
    const isQuote = t === '"';
    const closes = /^(?:[.,;:!?%)\]}]|'|'s|'re|'ve|'ll|'d|'m|n't)$/i.test(t) || (isQuote && quoteOpen);
    if (!glue && !closes) out += ' ';
    out += t;
    glue = /^[([{$]$/.test(t) || (isQuote && !quoteOpen);
    if (isQuote) quoteOpen = !quoteOpen;
  }
  return out;
}

export function loadMeantimeGold(): MeantimeGold {
  const docs: MeantimeDoc[] = [];
  const stories = new Map<string, string>();
  const instanceDocs = new Map<string, Set<string>>();
  for (const path of xmlFiles(MEANTIME_ROOT)) {
    const xml = readFileSync(path, 'utf8');
    const docId = /doc_id="([^"]+)"/.exec(xml)![1]!;
    const topic = basename(dirname(path)).replace(/^corpus_/, '');
    const sentences = new Map<number, string[]>();
    const sentenceOf = new Map<string, number>();
    for (const m of xml.matchAll(/<token [^>]*sentence="(\d+)" t_id="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
      const s = Number(m[1]);
      sentenceOf.set(m[2]!, s);
      (sentences.get(s) ?? sentences.set(s, []).get(s)!).push(unescape(m[3]!));
    }
    const ordered = [...sentences].sort((a, b) => a[0] - b[0]).map(([, t]) => detokenize(t));
    const created = /<TIMEX3 [^>]*functionInDocument="CREATION_TIME"[^>]*>/.exec(xml)?.[0];
    // Two documents have no CREATION_TIME and one has a non-ISO value (`03-02-2009`): those go in
    // without a given date, and the pipeline dates them from their own date line.
    const createdValue = created ? (/value="([^"]+)"/.exec(created)?.[1] ?? null) : null;
    const published = createdValue && /^\d{4}-\d{2}-\d{2}/.test(createdValue) ? createdValue : null;
    docs.push({ docId, topic, title: ordered[0] ?? '', text: ordered.slice(1).join('\n\n'), published });
    stories.set(docId, topic);

    // Cross-document event instances mentioned in the lead.
    const instanceOf = new Map<string, string>();
    for (const m of xml.matchAll(/<EVENT [^>]*>/g)) {
      const inst = /instance_id="([^"]+)"/.exec(m[0])?.[1];
      const mid = /m_id="([^"]+)"/.exec(m[0])?.[1];
      if (inst && mid) instanceOf.set(mid, inst);
    }
    const refers = new Map<string, string>();
    for (const m of xml.matchAll(/<REFERS_TO[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
      const target = /<target m_id="([^"]+)"/.exec(m[1]!)?.[1];
      if (target) for (const s of m[1]!.matchAll(/<source m_id="([^"]+)"/g)) refers.set(s[1]!, target);
    }
    for (const m of xml.matchAll(/<EVENT_MENTION [^>]*m_id="(\d+)"[^>]*>([\s\S]*?)<\/EVENT_MENTION>/g)) {
      const inst = instanceOf.get(refers.get(m[1]!) ?? '');
      if (!inst) continue;
      const first = Math.min(...[...m[2]!.matchAll(/t_id="(\d+)"/g)].map((a) => sentenceOf.get(a[1]!) ?? Infinity));
      if (first < LEAD_SENTENCES) (instanceDocs.get(inst) ?? instanceDocs.set(inst, new Set()).get(inst)!).add(docId);
    }
  }
  // Connected components of "share a lead event instance".
  const parent = new Map(docs.map((d) => [d.docId, d.docId]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const set of instanceDocs.values()) {
    const [first, ...rest] = [...set];
    for (const d of rest) {
      const a = find(first!);
      const b = find(d);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const events = new Map(docs.map((d) => [d.docId, find(d.docId)]));
  return { docs, stories, events };
}

export interface MeantimeRun {
  store: Store;
  /** Store article id -> MEANTIME doc id. */
  docOf: Map<string, string>;
  cleanup: () => Promise<void>;
  ingestMs: number;
}

/** Ingest every document through the real pipeline into a temporary SQLite database. */
export async function ingestMeantime(gold: MeantimeGold = loadMeantimeGold(), workers = 1): Promise<MeantimeRun> {
  const dir = mkdtempSync(join(tmpdir(), 'tinline-meantime-'));
  const file = join(dir, 'meantime.jsonl');
  writeFileSync(file, gold.docs.map((d) => JSON.stringify({ title: d.title, text: d.text, language: 'en', ...(d.published ? { published: d.published } : {}) })).join('\n') + '\n');
  const store = await createStore(join(dir, 'm.db'));
  await store.migrate();
  const t0 = performance.now();
  const report = await ingest([file], store, { workers });
  const ingestMs = performance.now() - t0;
  if (report.failed.length) throw new Error(`ingest failed: ${report.failed.map((e) => e.message).join('; ')}`);
  const docOf = new Map<string, string>();
  for (const a of [...report.inserted, ...report.existing]) {
    const line = Number(/#L(\d+)$/.exec(a.origin)?.[1]);
    docOf.set(a.id, gold.docs[line - 1]!.docId);
  }
  return {
    store,
    docOf,
    ingestMs,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What rebuild() does up to clustering, with cluster options (rebuild itself uses the defaults). */
export async function clusterStored(run: MeantimeRun, options: ClusterOptions = {}): Promise<ClusterResult> {
  const docs = await loadCorpus(run.store);
  const { links } = linkEntities(docs.map(withContextMentions));
  const byArticle = new Map<string, Map<number, string>>();
  for (const l of links) (byArticle.get(l.article) ?? byArticle.set(l.article, new Map()).get(l.article)!).set(l.mentionIndex, l.entity);
  return clusterArticles(
    docs.map((d) => {
      const m = byArticle.get(d.article.id);
      d.analysis.mentions.forEach((mention, i) => (mention.entity = m?.get(i) ?? null));
      return { ...d, entityIds: [...new Set(d.analysis.mentions.map((x) => x.entity).filter((e): e is string => !!e))] };
    }),
    options,
  );
}

export interface QualityReport {
  stories: ClusterScores;
  events: ClusterScores;
  storyCount: number;
  eventCount: number;
  largestStory: number;
}

/** Scores of a cluster result against the MEANTIME gold (events: reported events only). */
export function scoreResult(result: Pick<ClusterResult, 'events' | 'stories'>, run: MeantimeRun, gold: MeantimeGold): QualityReport {
  const label = (groups: { id: string; articles: string[] }[]) => {
    const out = new Map<string, string>();
    for (const g of groups) for (const a of g.articles) if (run.docOf.has(a) && !out.has(run.docOf.get(a)!)) out.set(run.docOf.get(a)!, g.id);
    return out;
  };
  const reported = result.events.filter((e) => e.kind !== 'recalled');
  return {
    stories: clusterScores(label(result.stories), gold.stories),
    events: clusterScores(label(reported), gold.events),
    storyCount: result.stories.length,
    eventCount: reported.length,
    largestStory: Math.max(0, ...result.stories.map((s) => s.articles.length)),
  };
}

export function baselines(gold: MeantimeGold) {
  const all = new Map(gold.docs.map((d) => [d.docId, 'all']));
  const single = new Map(gold.docs.map((d) => [d.docId, d.docId]));
  return {
    allInOne: { stories: clusterScores(all, gold.stories), events: clusterScores(all, gold.events) },
    singletons: { stories: clusterScores(single, gold.stories), events: clusterScores(single, gold.events) },
  };
}

function parseSet(arg: string): ClusterOptions {
  return Object.fromEntries(arg.slice('--set='.length).split(',').map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])])) as ClusterOptions;
}

export const fmt = (s: ClusterScores) =>
  `pairwise P ${s.pairwise.p.toFixed(3)} R ${s.pairwise.r.toFixed(3)} F1 ${s.pairwise.f1.toFixed(3)} | B-cubed P ${s.bcubed.p.toFixed(3)} R ${s.bcubed.r.toFixed(3)} F1 ${s.bcubed.f1.toFixed(3)}`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const gold = loadMeantimeGold();
  const goldEventClusters = [...new Set(gold.events.values())].filter((l) => [...gold.events.values()].filter((x) => x === l).length > 1);
  console.log(
    `MEANTIME en: ${gold.docs.length} documents, ${new Set(gold.stories.values()).size} topic folders; gold events: ${goldEventClusters.length} multi-document clusters (${[...gold.events.values()].filter((l) => goldEventClusters.includes(l)).length} documents), the rest singletons`,
  );
  const run = await ingestMeantime(gold);
  try {
    const t0 = performance.now();
    const rebuilt = await rebuild(run.store);
    const rebuildMs = performance.now() - t0;
    console.log(`ingest ${run.ingestMs.toFixed(0)} ms, rebuild ${rebuildMs.toFixed(0)} ms, duplicates ${rebuilt.duplicates.size}, entities ${rebuilt.entities.length}`);
    const q = scoreResult(rebuilt, run, gold);
    const b = baselines(gold);
    console.log(`\nstories (gold: topic folder)   ${q.storyCount} stories, largest ${q.largestStory}`);
    console.log(`  tinline      ${fmt(q.stories)}`);
    console.log(`  all-in-one   ${fmt(b.allInOne.stories)}`);
    console.log(`  singletons   ${fmt(b.singletons.stories)}`);
    console.log(`events (gold: shared lead event instance)   ${q.eventCount} reported events`);
    console.log(`  tinline      ${fmt(q.events)}`);
    console.log(`  all-in-one   ${fmt(b.allInOne.events)}`);
    console.log(`  singletons   ${fmt(b.singletons.events)}`);

    if (args.includes('--sweep')) {
      // One option at a time around the defaults, then the given combination (--set k=v,...).
      const sweep: [keyof ClusterOptions, number[]][] = [
        ['storyEvidence', [0.25, 0.3, 0.35, 0.4, 0.45, 0.5]],
        ['storyEntities', [0.05, 0.1, 0.15, 0.2]],
        ['storyContent', [0.05, 0.1, 0.15, 0.2]],
        ['storySharedEntities', [1, 2, 3]],
        ['storyContentAlone', [0.2, 0.3, 0.4]],
        ['eventContent', [0.15, 0.2, 0.25, 0.3]],
        ['eventEntities', [0.1, 0.15, 0.2]],
      ];
      console.log(`\nsweep (story B-cubed / event B-cubed), defaults: ${JSON.stringify(Object.fromEntries(sweep.map(([k]) => [k, CLUSTER_DEFAULTS[k]])))}`);
      for (const [k, values] of sweep) {
        const cells: string[] = [];
        for (const v of values) {
          const r = scoreResult(await clusterStored(run, { [k]: v }), run, gold);
          cells.push(`${v}: P ${r.stories.bcubed.p.toFixed(3)} R ${r.stories.bcubed.r.toFixed(3)} F ${r.stories.bcubed.f1.toFixed(3)} (n ${r.storyCount}, max ${r.largestStory}) ev F ${r.events.bcubed.f1.toFixed(3)}`);
        }
        console.log(`${k}\n  ${cells.join('\n  ')}`);
      }
    }
    const set = args.find((a) => a.startsWith('--set='));
    if (set) {
      const opts = parseSet(set);
      const r = scoreResult(await clusterStored(run, opts), run, gold);
      console.log(`\nwith ${JSON.stringify(opts)}: ${r.storyCount} stories, largest ${r.largestStory}\n  stories ${fmt(r.stories)}\n  events  ${fmt(r.events)}`);
    }
    const shown = set ? await clusterStored(run, parseSet(set)) : rebuilt;
    if (args.includes('--errors')) {
      const titleOf = new Map(gold.docs.map((d) => [d.docId, d.title]));
      for (const s of shown.stories) {
        if (s.articles.length < 2) continue;
        const topics = s.articles.map((a) => gold.stories.get(run.docOf.get(a)!)!);
        console.log(`\nstory ${s.id} (${s.articles.length}): ${[...new Set(topics)].map((t) => `${t} ${topics.filter((x) => x === t).length}`).join(', ')}`);
        for (const a of s.articles) console.log(`   ${gold.stories.get(run.docOf.get(a)!)} ${run.docOf.get(a)} ${titleOf.get(run.docOf.get(a)!)}`);
      }
    }

  } finally {
    await run.cleanup();
  }
}
