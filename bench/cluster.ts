// Clustering and dedup load: time and memory at 1k, 10k and 100k synthetic articles, the scaling
// ratio (10x articles -> x time; goal <= 12x), arrival-order dependence, and dedup throughput.
//
//   node --expose-gc --max-old-space-size=16000 --import tsx bench/cluster.ts [sizes...] [--no-order] [--no-dedup] [--set=option=value,...]
//
// The articles recombine real sentences (the seeds and the `# text` lines of UD Vietnamese-VTB)
// into threads with random dates and entity ids drawn from a Zipf-like pool. It is load data:
// the clusters it yields say nothing about quality, so no quality number is printed.
import { createClusterer, type ClusterDoc, type ClusterOptions } from '../src/cluster/index.ts';
import { makeDoc, shuffled } from '../src/cluster/test-helpers.ts';
import { DuplicateIndex, candidateProbability, lshParams } from '../src/dedup/index.ts';
import { clusterScores } from '../src/eval/clusters.ts';
import { loadSentences } from './lib/sentences.ts';


function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n articles in threads of ~8: each thread has its own sentences, entities and a run of dates. */
function* generate(n: number, sentences: string[], seed = 1): Generator<ClusterDoc> {
  const rand = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const pool = Math.max(50, Math.floor(n / 5));
  // Zipf-like: low ids are common (countries), high ids rare (people).
  const entity = () => `ent-${Math.floor(Math.pow(rand(), 2.5) * pool)}`;
  const threads = Math.max(1, Math.floor(n / 8));
  const pad = (x: number) => String(x).padStart(2, '0');
  for (let i = 0; i < n; i++) {
    const t = Math.floor(rand() * threads);
    const trand = rng(seed * 7919 + t);
    const core = [0, 1, 2].map(() => sentences[Math.floor(trand() * sentences.length)]!);
    const ents = [0, 1, 2].map(() => `ent-${Math.floor(trand() * pool)}`);
    const year = 2015 + Math.floor(trand() * 10);
    // A thread's articles report a few happenings: same month, a few distinct days.
    const month = 1 + Math.floor(trand() * 12);
    const day = 1 + Math.floor(rand() * 3) * 9;
    const date = `${year}-${pad(month)}-${pad(day)}`;
    const body = [`Ngày ${day}/${month}, ${core[0]}`, ...core.slice(1).filter(() => rand() < 0.8), ...Array.from({ length: 4 + Math.floor(rand() * 5) }, () => pick(sentences))];
    const mentions = [...ents, entity(), entity()].map((e, k) => {
      const sentence = k % body.length;
      const surface = body[sentence]!.split(/\s+/)[0]!;
      return { sentence, surface, entity: e, type: (k % 3 === 0 ? 'location' : 'person') as 'location' | 'person' };
    });
    yield makeDoc({
      id: `a${String(i).padStart(7, '0')}`,
      published: date,
      sentences: body,
      times: [{ sentence: 0, surface: `Ngày ${day}/${month}`, value: date }],
      mentions,
    });
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

function partition(groups: { id: string; articles: string[] }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of groups) for (const a of g.articles) if (!out.has(a)) out.set(a, g.id);
  return out;
}

const args = process.argv.slice(2);
const sizes = args.map(Number).filter((x) => x > 0);
const setArg = args.find((a) => a.startsWith('--set='));
const options: ClusterOptions = setArg
  ? (Object.fromEntries(setArg.slice('--set='.length).split(',').map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])])) as ClusterOptions)
  : {};
if (setArg) console.log(`options: ${JSON.stringify(options)}`);
const SIZES = sizes.length ? sizes : [1000, 10_000, 100_000];
const sentences = loadSentences();
console.log(`sentences in the generator's pool: ${sentences.length}${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for steadier memory numbers)'}`);

console.log('\n== cluster: add every article, then result() ==');
console.log('articles   add ms   result ms   total ms   cpu ms   µs/article   heap after   rss peak   cand.pairs/article   events   stories   largest');
const totals: number[] = [];
const cpuTotals: number[] = [];
for (const n of SIZES) {
  gc();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  const clusterer = createClusterer(options);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let i = 0;
  let genMs = 0;
  const it = generate(n, sentences);
  for (;;) {
    const g0 = performance.now();
    const next = it.next();
    genMs += performance.now() - g0;
    if (next.done) break;
    clusterer.add(next.value);
    if (++i % 5000 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  const t1 = performance.now();
  const { events, stories } = clusterer.result();
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  // CPU time (this process, generator included) is steadier than wall time on a shared machine.
  cpuTotals.push((cpu.user + cpu.system) / 1000 - genMs);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  gc();
  const heap = process.memoryUsage().heapUsed - before.heapUsed;
  const addMs = t1 - t0 - genMs;
  const total = addMs + (t2 - t1);
  totals.push(total);
  const st = clusterer.stats();
  console.log(
    `${String(n).padStart(8)} ${addMs.toFixed(0).padStart(8)} ${(t2 - t1).toFixed(0).padStart(11)} ${total.toFixed(0).padStart(10)} ${cpuTotals[cpuTotals.length - 1]!.toFixed(0).padStart(8)} ${((total * 1000) / n).toFixed(0).padStart(12)} ${mb(heap).padStart(12)} ${mb(rssPeak).padStart(10)} ${(st.candidatePairs / n).toFixed(1).padStart(20)} ${String(events.length).padStart(8)} ${String(stories.length).padStart(9)} ${String(Math.max(...stories.map((x) => x.articles.length))).padStart(9)}`,
  );
}
for (let k = 1; k < SIZES.length; k++) {
  console.log(`scaling ${SIZES[k - 1]} -> ${SIZES[k]} articles (x${SIZES[k]! / SIZES[k - 1]!}): time x${(totals[k]! / totals[k - 1]!).toFixed(2)}, cpu time x${(cpuTotals[k]! / cpuTotals[k - 1]!).toFixed(2)} (goal <= 12 for x10)`);
}

if (!args.includes('--no-order')) console.log('\n== arrival order: the same articles in shuffled orders ==');
for (const n of SIZES.filter((x) => x <= 10_000 && !args.includes('--no-order'))) {
  const docs = [...generate(n, sentences, 2)];
  const run = (order: ClusterDoc[]) => {
    const c = createClusterer(options);
    for (const d of order) c.add(d);
    return c.result();
  };
  const ref = run(docs);
  const refJson = JSON.stringify(ref);
  for (const seed of [1, 2, 3]) {
    const other = run(shuffled(docs, seed));
    const ev = clusterScores(partition(other.events.filter((e) => e.kind !== 'recalled')), partition(ref.events.filter((e) => e.kind !== 'recalled')));
    const st = clusterScores(partition(other.stories), partition(ref.stories));
    console.log(
      `${n} articles, shuffle ${seed}: identical output ${JSON.stringify(other) === refJson}; pairwise agreement with input order: events F1 ${ev.pairwise.f1.toFixed(4)}, stories F1 ${st.pairwise.f1.toFixed(4)}`,
    );
  }
}

if (!args.includes('--no-dedup')) console.log('\n== dedup: DuplicateIndex.add throughput ==');
for (const [label, opts] of args.includes('--no-dedup') ? [] : [
  ['default (S-curve at 0.7)', {}],
  ['S-curve at 0.8', { candidateThreshold: 0.8 }],
] as const) {
  const { bands, rows } = lshParams((opts as { candidateThreshold?: number }).candidateThreshold ?? 0.7, 128);
  console.log(
    `${label}: ${bands} bands x ${rows} rows; P(candidate) by formula at Jaccard 0.6/0.7/0.8/0.9: ${[0.6, 0.7, 0.8, 0.9].map((s) => candidateProbability(s, bands, rows).toFixed(2)).join('/')}`,
  );
  for (const n of SIZES) {
    const texts: { id: string; text: string }[] = [];
    for (const doc of generate(n, sentences, 3)) texts.push({ id: doc.article.id, text: doc.article.body.join('\n\n') });
    // Every 20th text is a syndicated copy of an earlier one with a credit line.
    for (let i = 20; i < texts.length; i += 20) texts[i] = { id: texts[i]!.id, text: `${texts[i - 7]!.text}\n\n(Theo TTXVN)` };
    gc();
    const index = new DuplicateIndex(opts);
    const t0 = performance.now();
    let found = 0;
    for (const t of texts) if (index.add(t.id, t.text).duplicateOf) found++;
    const ms = performance.now() - t0;
    const chars = texts.reduce((s, t) => s + t.text.length, 0);
    console.log(
      `  ${String(n).padStart(7)} texts: ${ms.toFixed(0)} ms, ${((n * 1000) / ms).toFixed(0)} texts/s, ${(chars / 1048576 / (ms / 1000)).toFixed(1)} MB/s of text, ${(index.comparisons / n).toFixed(2)} exact comparisons/text, flagged ${found}`,
    );
  }
}
