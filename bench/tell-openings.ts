// How many timeline lines and summary sentences open with a back-reference (`Tại đây, …`, `However, …`,
// `He said …`), with and without the preference for self-contained sentences (src/tell/openings.ts).
// Corpora: the seeds (../shared/seeds) and MEANTIME English (../shared/data/meantime-en, loaded as
// bench/cluster-quality.ts does), each through ingest() + rebuild() into a temporary SQLite database;
// then every story gets a timeline (buildTimeline, as the story page does) and a
// 3-sentence summary (summarize, as rebuild does).
//
//   node --import tsx bench/tell-openings.ts [--show] [--sweep]
// --show prints every chosen sentence that differs between the two settings, and those still back-referencing;
// --sweep prints the counts at other penalties.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest, loadCorpus, rebuild } from '../src/pipeline/index.ts';
import { createStore } from '../src/store/index.ts';
import type { Store } from '../src/store/index.ts';
import { buildTimeline, summarize, type TellDoc } from '../src/tell/index.ts';
import { tellLanguage } from '../src/tell/lang/index.ts';
import { opensWithBackReference } from '../src/tell/openings.ts';
import { BACK_REFERENCE_PENALTY } from '../src/tell/text.ts';
import { SEEDS_DIR } from '../test/shared.ts';
import { ingestMeantime } from './cluster-quality.ts';

const show = process.argv.includes('--show');

interface Count {
  lines: number;
  backRef: number;
  /** Lines citing two sentences: a back-reference read after its short antecedent. */
  paired: number;
}

async function storiesOf(store: Store): Promise<TellDoc[][]> {
  const { stories } = await rebuild(store);
  const byId = new Map((await loadCorpus(store)).map((d) => [d.article.id, d]));
  return stories
    .map((s) => s.articles.map((id) => byId.get(id)).filter((d): d is TellDoc => !!d && !d.article.duplicateOf))
    .filter((m) => m.length >= 1);
}

function measure(name: string, stories: TellDoc[][]): void {
  const langOf = new Map(stories.flat().map((d) => [d.article.id, d.analysis.language || d.article.language || '']));
  const isBack = (s: { article: string; text: string }) => opensWithBackReference(s.text, tellLanguage(langOf.get(s.article)));
  const single = new Set(stories.flat().flatMap((d) => d.analysis.sentences.map((x) => `${d.article.id}:${x.start}:${x.end}`)));
  const count = (c: Count, s: { article: string; text: string; start?: number; end?: number }, where: string, left: string[]) => {
    c.lines++;
    if (!single.has(`${s.article}:${s.start}:${s.end}`)) c.paired++;
    if (isBack(s)) (c.backRef++, left.push(`${where} ${s.text}`));
  };
  const run = (penalty: number) => {
    const timeline: Count = { lines: 0, backRef: 0, paired: 0 };
    const summary: Count = { lines: 0, backRef: 0, paired: 0 };
    const chosen: string[][] = [];
    const left: string[] = [];
    for (const docs of stories) {
      const tl = buildTimeline(docs, { backReferencePenalty: penalty });
      const sum = summarize(docs, { backReferencePenalty: penalty });
      const lines = tl.entries.flatMap((e) => e.sentences);
      for (const s of lines) count(timeline, s, 'timeline', left);
      for (const s of sum) count(summary, s, 'summary', left);
      const tagged = [...lines.map((s) => ['timeline', s] as const), ...sum.map((s) => ['summary', s] as const)];
      chosen.push(tagged.map(([where, s]) => `${where} ${s.article}:${s.start}:${s.text}`));
    }
    const hash = createHash('sha256').update(JSON.stringify(chosen)).digest('hex').slice(0, 12);
    return { timeline, summary, chosen, hash, left };
  };
  const t0 = process.cpuUsage();
  const before = run(0);
  const after = run(BACK_REFERENCE_PENALTY);
  const cpu = process.cpuUsage(t0);
  const pct = (c: Count) =>
    `${c.backRef}/${c.lines} (${((100 * c.backRef) / Math.max(1, c.lines)).toFixed(1)}%)${c.paired ? `, ${c.paired} paired` : ''}`;
  let changed = 0;
  before.chosen.forEach((b, i) => {
    const a = new Set(after.chosen[i]);
    const bs = new Set(b);
    for (const x of b) if (!a.has(x)) changed++;
    if (show) {
      for (const x of b) if (!a.has(x)) console.log(`  - ${x.slice(0, 160)}`);
      for (const x of after.chosen[i]!) if (!bs.has(x)) console.log(`  + ${x.slice(0, 160)}`);
    }
  });
  console.log(`${name}: ${stories.length} stories`);
  console.log(`  penalty 0 (before):     timeline ${pct(before.timeline)}  summary ${pct(before.summary)}  hash ${before.hash}`);
  console.log(`  penalty ${BACK_REFERENCE_PENALTY} (after):  timeline ${pct(after.timeline)}  summary ${pct(after.summary)}  hash ${after.hash}`);
  if (show) for (const l of after.left) console.log(`  still back-referencing: ${l.slice(0, 160)}`);
  if (process.argv.includes('--sweep')) {
    for (const p of [0.05, 0.1, 0.2, 0.3]) {
      const r = run(p);
      console.log(`  penalty ${p}:  timeline ${pct(r.timeline)}  summary ${pct(r.summary)}`);
    }
  }
  console.log(`  chosen sentences replaced: ${changed}; tell CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms for both runs`);
}

async function seeds(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tinline-openings-'));
  const store = await createStore(join(dir, 's.db'));
  try {
    await store.migrate();
    const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS_DIR, f));
    await ingest(files, store);
    measure('seeds', await storiesOf(store));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function meantime(): Promise<void> {
  const run = await ingestMeantime();
  try {
    measure('MEANTIME English', await storiesOf(run.store));
  } finally {
    await run.cleanup();
  }
}

await seeds();
await meantime();
