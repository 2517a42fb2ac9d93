// Incremental rebuild: N stored articles, then k new ones; the time of a rebuild that goes on from
// the saved state against a full rebuild of the same N+k, their peak memory, and whether the two
// give the same entities, links, events and stories. Also how much arrival order changes a full
// rebuild (articles ingested in another order).
//
//   node --expose-gc --max-old-space-size=8000 --import tsx bench/rebuild.ts [N...] [--k 20] [--growth=0.1] [--batches=B] [--no-order] [--prof=DIR]
//
// --batches=B also lets B batches of k articles arrive one after another, each followed by a local
// rebuild (the default), and compares the end with a full rebuild of the same corpus: how far local
// rebuilds drift from it between two rejudgings.
// --prof=DIR writes V8 CPU profiles of the local and the exact incremental rebuild (DIR/local-N.cpuprofile, DIR/inc-N.cpuprofile).
//
// Articles recombine real sentences (the seeds and the `# text` lines of UD Vietnamese-VTB) into
// threads of ~8 with a dated lead and name mentions drawn from a Zipf-like pool of made-up names
// (two or three capitalised words of the same text), so dedup, link, cluster and tell all have work.
// Load data: no quality number is printed. CPU time is the process's own (user + system).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clusterScores } from '../src/eval/clusters.ts';
import { rebuild } from '../src/pipeline/index.ts';
import { REJUDGE_GROWTH, rebuildStateNames } from '../src/pipeline/rebuild.ts';
import { createSqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import type { Analysis, Article, EntityType, Mention, TimeExpression } from '../src/types.ts';
import { seeded } from './lib/random.ts';
import { loadSentences, namePool } from './lib/sentences.ts';

const argv = process.argv.slice(2);
const kAt = argv.indexOf('--k');
const K = kAt >= 0 ? Number(argv[kAt + 1]) : 20;
const SIZES = argv.filter((a, i) => /^\d+$/.test(a) && argv[i - 1] !== '--k').map(Number);
const NS = SIZES.length ? SIZES : [1000, 5000, 20000];
const ORDER = !argv.includes('--no-order');
const growthArg = argv.find((a) => a.startsWith('--growth='));
const GROWTH = growthArg ? Number(growthArg.slice(9)) : REJUDGE_GROWTH;
const batchesArg = argv.find((a) => a.startsWith('--batches='));
const BATCHES = batchesArg ? Number(batchesArg.slice(10)) : 0;
const profArg = argv.find((a) => a.startsWith('--prof='));
const PROF = profArg ? profArg.slice(7) : null;

/** f under the V8 CPU profiler when --prof is given (the profile goes to DIR/NAME.cpuprofile). */
async function profiled<T>(name: string, f: () => Promise<T>): Promise<T> {
  if (!PROF) return f();
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROF, { recursive: true });
    writeFileSync(join(PROF, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}


const SENTENCES = loadSentences();


/** n articles in threads of ~8, ids and ingest times in corpus order from `from`. */
function generate(from: number, n: number, total: number, seed = 1): { article: Article; analysis: Analysis }[] {
  const r = seeded(seed * 1_000_003 + from);
  const pool = namePool(SENTENCES, Math.max(60, Math.floor(total / 4)));
  const threads = Math.max(1, Math.floor(total / 8));
  const pad = (x: number) => String(x).padStart(2, '0');
  const out: { article: Article; analysis: Analysis }[] = [];
  const namedOf: { surface: string; type: EntityType }[][] = [];
  for (let i = from; i < from + n; i++) {
    const t = Math.floor(r.rand() * threads);
    const tr = seeded(seed * 7919 + t);
    const core = [0, 1, 2].map(() => tr.pick(SENTENCES));
    const actors = [0, 1, 2].map(() => pool[Math.floor(tr.rand() * pool.length)]!);
    const year = 2015 + tr.between(0, 9);
    const month = tr.between(1, 12);
    const day = 1 + r.between(0, 2) * 9;
    const date = `${year}-${pad(month)}-${pad(day)}`;
    // Zipf-like extras: low indices (the common names) come up far more often.
    const extras = [0, 1].map(() => pool[Math.floor(Math.pow(r.rand(), 2.5) * pool.length)]!);
    const lead = `Ngày ${day}/${month}, ${core[0]}`;
    const lines = [lead, ...core.slice(1).filter(() => r.rand() < 0.8), ...Array.from({ length: r.between(4, 8) }, () => r.pick(SENTENCES))];
    let named = [...actors, ...extras];
    named.forEach((name, k) => {
      const at = k % lines.length;
      lines[at] = k === 0 ? `${lines[at]} ${name.surface} nói.` : `${name.surface} ${lines[at]}`;
    });
    // Every 50th article is a syndicated copy of an earlier one of its batch (a line added on top).
    const copyOf = i % 50 === 49 && out.length > 10 ? Math.floor(r.rand() * out.length) : null;
    if (copyOf !== null) {
      lines.splice(0, lines.length, `Theo nguồn tin số ${i} hôm nay.`, ...out[copyOf]!.article.body);
      named = namedOf[copyOf]!;
    }
    namedOf.push(named);
    const sentences: Analysis['sentences'] = [];
    let offset = 0;
    for (const text of lines) {
      sentences.push({ text, start: offset, end: offset + text.length });
      offset += text.length + 2;
    }
    const mentions: Mention[] = [];
    lines.forEach((text, s) => {
      for (const name of named) {
        const at = text.indexOf(name.surface);
        if (at >= 0 && !mentions.some((m) => m.sentence === s && m.surface === name.surface)) {
          mentions.push({ start: sentences[s]!.start + at, end: sentences[s]!.start + at + name.surface.length, surface: name.surface, type: name.type, sentence: s });
        }
      }
    });
    let times: TimeExpression[] = [{ start: 0, end: `Ngày ${day}/${month}`.length, surface: `Ngày ${day}/${month}`, value: date, precision: 'day', type: 'date', anchor: date, mod: null, sentence: 0 }];
    if (copyOf !== null) {
      const shift = lines[0]!.length + 2;
      times = out[copyOf]!.analysis.times.map((x) => ({ ...x, start: x.start + shift, end: x.end + shift, sentence: (x.sentence ?? 0) + 1 }));
    }
    const id = createHash('sha256').update(`rebuild-bench ${seed} ${i}`).digest('hex');
    out.push({
      article: {
        id,
        origin: `bench/${i}.txt`,
        title: null,
        source: `nguon${i % 20}.vn`,
        language: 'vi',
        published: { value: date, precision: 'day', evidence: 'bench', kind: 'exact' },
        body: lines,
        captions: [],
        removed: [],
        raw: lines.join('\n\n'),
        charset: 'utf-8',
        duplicateOf: null,
        ingestedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      },
      analysis: { language: 'vi', sentences, tokens: [], mentions, times },
    });
  }
  return out;
}

async function put(store: Store, docs: { article: Article; analysis: Analysis }[]): Promise<void> {
  for (const d of docs) await store.putArticle(d.article, d.analysis);
}

/** Wall and CPU time and peak RSS / heap of one call (RSS sampled every 20 ms). */
async function measure<T>(f: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number; rss: number; heap: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  clearInterval(timer);
  const m = process.memoryUsage();
  return { value, wall, cpu: (c.user + c.system) / 1e6, rss: Math.max(rss, m.rss), heap: Math.max(heap, m.heapUsed) };
}

async function outputs(store: Store) {
  const duplicates: [string, string | null][] = [];
  for (const id of await store.articleIds()) duplicates.push([id, (await store.getArticle(id))?.duplicateOf ?? null]);
  return {
    duplicates,
    entities: await store.listEntities(),
    links: await store.entityLinks(),
    events: await store.listEvents(),
    stories: await store.listStories(),
  };
}

/** Every saved rebuild state, by name. */
async function copyState(store: Store): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const name of await rebuildStateNames(store)) {
    const data = await store.getState(name);
    if (data) out.set(name, Uint8Array.from(data));
  }
  return out;
}

async function restoreState(store: Store, saved: Map<string, Uint8Array>): Promise<void> {
  for (const name of new Set([...(await rebuildStateNames(store)), ...saved.keys()])) await store.putState(name, saved.get(name) ?? null);
}

const written = (lines: string[]) => {
  const m = lines.map((l) => /state bytes written (\d+)/.exec(l)).find(Boolean);
  return m ? `${(Number(m[1]) / 1048576).toFixed(2)} MB` : '?';
};
const hash = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 12);
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const s = (x: number) => `${x.toFixed(2)} s`;

/** How far two rebuilds of one corpus agree when ids may differ: partitions compared, not labels. */
function agreement(a: Awaited<ReturnType<typeof outputs>>, b: Awaited<ReturnType<typeof outputs>>) {
  const storyOf = (o: typeof a) => new Map(o.stories.flatMap((st) => st.articles.map((id) => [id, st.articles.slice().sort().join(',')])));
  const entityOf = (o: typeof a) => new Map(o.links.map((l) => [`${l.article}#${l.mentionIndex}`, l.entity] as [string, string]));
  const sameStories = new Set(a.stories.map((st) => st.articles.slice().sort().join(',')));
  const storiesIdentical = b.stories.filter((st) => sameStories.has(st.articles.slice().sort().join(','))).length;
  const sa = storyOf(a);
  const sb = storyOf(b);
  const ea = entityOf(a);
  const eb = entityOf(b);
  const dupA = new Map(a.duplicates);
  const dupDiff = b.duplicates.filter(([id, d]) => (dupA.get(id) ?? null) !== (d ?? null)).length;
  const eventsA = new Set(a.events.map((e) => [...e.articles].sort().join(',')));
  const eventsIdentical = b.events.filter((e) => eventsA.has([...e.articles].sort().join(','))).length;
  const storyA = new Map(a.stories.map((st) => [st.id, st]));
  const sameTold = b.stories.filter((st) => storyA.get(st.id)?.title === st.title && storyA.get(st.id)?.summary === st.summary).length;
  const eventA = new Map(a.events.map((e) => [e.id, e]));
  const sameEventText = b.events.filter((e) => eventA.has(e.id) && JSON.stringify(eventA.get(e.id)) === JSON.stringify(e)).length;
  const typeA = new Map(a.entities.map((e) => [e.id, e.type]));
  const typeDiff = b.entities.filter((e) => typeA.has(e.id) && typeA.get(e.id) !== e.type).length;
  const reasonA = new Map(a.links.map((l) => [`${l.article}#${l.mentionIndex}`, l.reason]));
  const reasonDiff = b.links.filter((l) => reasonA.get(`${l.article}#${l.mentionIndex}`) !== l.reason).length;
  return {
    stories: `${storiesIdentical}/${b.stories.length} stories identical as article sets (other: ${a.stories.length}); story pairwise F1 ${clusterScores(sb, sa).pairwise.f1.toFixed(4)}; ${sameTold} with the same id, title and summary`,
    events: `${eventsIdentical}/${b.events.length} events identical as article sets (other: ${a.events.length}); ${sameEventText} identical in every field`,
    links: `${typeDiff} entities of another type; ${reasonDiff}/${b.links.length} links with another reason`,
    entities: `${a.entities.length} vs ${b.entities.length} entities; mention partition pairwise F1 ${clusterScores(eb, ea).pairwise.f1.toFixed(4)}; entity ids equal for ${[...ea].filter(([k, e]) => eb.get(k) === e).length}/${ea.size} mentions`,
    duplicates: `${dupDiff} articles with another duplicate verdict`,
  };
}

console.log(`bench/rebuild: k = ${K} new articles; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; node ${process.version}`);
for (const n of NS) {
  const dir = mkdtempSync(join(tmpdir(), 'tinline-rebuild-bench-'));
  const base = generate(0, n, n + K);
  const fresh = generate(n, K, n + K);
  const store = await createSqliteStore(join(dir, 'inc.db'));
  await put(store, base);
  const firstLines: string[] = [];
  // Judgements kept in the state, for the run that reuses them.
  const first = await measure(() => rebuild(store, { rejudgeGrowth: GROWTH, trace: (l) => firstLines.push(l) }));
  const baseState = await copyState(store);
  await put(store, fresh);
  // Judgements of old pairs kept (the corpus grew well within the budget), from the same base state.
  const reuseLines: string[] = [];
  const reuse = await measure(() => profiled(`local-${n}`, () => rebuild(store, { rejudgeGrowth: GROWTH, trace: (l) => reuseLines.push(l) })));
  const reuseOut = await outputs(store);
  await restoreState(store, baseState);
  const lines: string[] = [];
  const inc = await measure(() => profiled(`inc-${n}`, () => rebuild(store, { rejudgeGrowth: 0, trace: (l) => lines.push(l) })));
  const incOut = await outputs(store);
  const stateCopy = await copyState(store);
  const stateBytes = [...stateCopy.values()].reduce((x, d) => x + d.byteLength, 0);
  const stateKinds = new Map<string, number>();
  for (const [name, d] of stateCopy) {
    const kind = name.split('/')[1] ?? 'head';
    stateKinds.set(kind, (stateKinds.get(kind) ?? 0) + d.byteLength);
  }
  const fullLines: string[] = [];
  const full = await measure(() => rebuild(store, { full: true, trace: (l) => fullLines.push(l) }));
  const fullOut = await outputs(store);
  const same = hash(incOut) === hash(fullOut);
  console.log(`\nN = ${n} (+${K}): ${full.value.entities.length} entities, ${full.value.events.length} events, ${full.value.stories.length} stories, ${full.value.duplicates.size} duplicates; load ${loadavg()[0]!.toFixed(2)}`);
  console.log(`  first rebuild of N (full, saves state): wall ${s(first.wall)}, CPU ${s(first.cpu)} (${((first.cpu / n) * 1000).toFixed(2)} ms/article), peak RSS ${mb(first.rss)}, peak heap ${mb(first.heap)}`);
  console.log(`  incremental +${K} (exact, every pair judged again): wall ${s(inc.wall)}, CPU ${s(inc.cpu)}, peak RSS ${mb(inc.rss)}, peak heap ${mb(inc.heap)}; ${lines.filter((l) => /saved state|told anew|seconds|pair graph/.test(l)).join('; ')}`);
  console.log(`  incremental +${K}, local (the default: old judgements kept, only reached parts built; rejudgeGrowth ${GROWTH}): wall ${s(reuse.wall)}, CPU ${s(reuse.cpu)}, peak RSS ${mb(reuse.rss)}, peak heap ${mb(reuse.heap)}; ${reuseLines.filter((l) => /judged|seconds|parts|told anew/.test(l)).join('; ')}`);
  console.log(`  full rebuild N+${K}: wall ${s(full.wall)}, CPU ${s(full.cpu)}, peak RSS ${mb(full.rss)}, peak heap ${mb(full.heap)}`);
  console.log(`  speed-up (CPU) over full: exact ${(full.cpu / inc.cpu).toFixed(1)}x, local ${(full.cpu / reuse.cpu).toFixed(1)}x`);
  console.log(`  state: ${mb(stateBytes)} in all (${[...stateKinds].map(([k, b]) => `${k} ${mb(b)}`).join(', ')}); bytes written by the first rebuild ${written(firstLines)}, incremental exact ${written(lines)}, local ${written(reuseLines)}, full ${written(fullLines)}`);
  console.log(`  incremental = full: ${same ? 'identical (entities, links with reasons, events, stories with summaries, duplicates)' : 'DIFFERENT'}`);
  if (!same) for (const [k, v] of Object.entries(agreement(fullOut, incOut))) console.log(`    ${k}: ${v}`);
  const reuseSame = hash(reuseOut) === hash(fullOut);
  console.log(`  incremental local = full: ${reuseSame ? 'identical' : 'different:'}`);
  if (!reuseSame) for (const [k, v] of Object.entries(agreement(fullOut, reuseOut))) console.log(`    ${k}: ${v}`);
  await store.close();

  if (BATCHES > 0) {
    // Batches arriving one after another, a local rebuild after each, against one full rebuild.
    const drift = await createSqliteStore(join(dir, 'drift.db'));
    const total = n + BATCHES * K;
    const all = generate(0, total, total, 2);
    await put(drift, all.slice(0, n));
    await rebuild(drift);
    const cpu: number[] = [];
    const built: string[] = [];
    for (let b = 0; b < BATCHES; b++) {
      await put(drift, all.slice(n + b * K, n + (b + 1) * K));
      const batchLines: string[] = [];
      cpu.push((await measure(() => rebuild(drift, { trace: (l) => batchLines.push(l) }))).cpu);
      built.push(/(\d+) parts of the story graph built \((\d+) articles\)/.exec(batchLines.join('\n'))?.slice(1, 3).join('/') ?? '?');
    }
    const localOut = await outputs(drift);
    await rebuild(drift, { full: true });
    const fullDrift = await outputs(drift);
    const sorted = [...cpu].sort((a, b) => a - b);
    console.log(`  ${BATCHES} batches of ${K} after N (${((BATCHES * K * 100) / n).toFixed(1)}% growth), a local rebuild after each: CPU per batch median ${s(sorted[sorted.length >> 1]!)}, max ${s(sorted.at(-1)!)}; parts/articles built per batch ${built.join(' ')}`);
    console.log(`  after the last batch, local against a full rebuild of the same ${total} articles:`);
    for (const [k, v] of Object.entries(agreement(fullDrift, localOut))) console.log(`    ${k}: ${v}`);
    await drift.close();
  }

  if (ORDER && n === NS[0]) {
    // The same articles arriving in another order (reverse ingest times): a full rebuild each.
    const other = await createSqliteStore(join(dir, 'order.db'));
    const all = [...base, ...fresh];
    const times = all.map((d) => d.article.ingestedAt);
    await put(other, all.map((d, i) => ({ article: { ...d.article, ingestedAt: times[all.length - 1 - i]! }, analysis: d.analysis })));
    await rebuild(other, { full: true });
    const otherOut = await outputs(other);
    console.log(`  arrival order reversed (full rebuild of both):`);
    for (const [k, v] of Object.entries(agreement(fullOut, otherOut))) console.log(`    ${k}: ${v}`);
    await other.close();
  }
  rmSync(dir, { recursive: true, force: true });
}
