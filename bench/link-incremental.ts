// Incremental linking: linkDocs over N + k articles against linkIncremental adding k articles to the state
// of N, and whether the two give the same entities and links. Also the first build of the state, the
// state's size through node:v8, and how big the parts of the mention graph a batch re-links are.
//
//   node --expose-gc --max-old-space-size=8000 --import tsx bench/link-incremental.ts [N...] [--k 20] [--batches=5] [--mixed]
//
// Articles as bench/rebuild.ts makes them: real sentences (seeds, UD Vietnamese-VTB `# text` lines) in threads
// of ~8, with name mentions from a Zipf-like pool of made-up names (two or three capitalised words).
// --mixed also writes people by their last word (`ông X`), organisations by their initials, some of them
// defined in parentheses, so short forms, acronyms and initials have work too.
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { serialize, deserialize } from 'node:v8';
import { linkDocs, linkDocOf, type LinkDoc } from '../src/link/index.ts';
import { linkIncremental, type LinkState } from '../src/link/incremental.ts';
import type { Analysis, Article, EntityType, Mention } from '../src/types.ts';
import { seeded } from './lib/random.ts';
import { loadSentences, namePool } from './lib/sentences.ts';

const argv = process.argv.slice(2);
const kAt = argv.indexOf('--k');
const K = kAt >= 0 ? Number(argv[kAt + 1]) : 20;
const SIZES = argv.filter((a, i) => /^\d+$/.test(a) && argv[i - 1] !== '--k').map(Number);
const NS = SIZES.length ? SIZES : [5000, 20000];
const batchesArg = argv.find((a) => a.startsWith('--batches='));
const BATCHES = batchesArg ? Number(batchesArg.slice(10)) : 5;
const MIXED = argv.includes('--mixed');


const SENTENCES = loadSentences();


/** The short forms --mixed writes: a person's last word, an organisation's initials. */
function shortForm(name: { surface: string; type: EntityType }): string | null {
  const ws = name.surface.split(' ');
  if (name.type === 'person') return `ông ${ws[ws.length - 1]}`;
  if (name.type === 'organization') return ws.map((w) => w[0]!.toUpperCase()).join('');
  return null;
}

/** Articles [from, from + n) of a corpus of `total`, as rebuild.ts's generator lays them out. */
function generate(from: number, n: number, total: number): LinkDoc[] {
  const r = seeded(1_000_003 + from);
  const pool = namePool(SENTENCES, Math.max(60, Math.floor(total / 4)));
  const threads = Math.max(1, Math.floor(total / 8));
  const out: LinkDoc[] = [];
  for (let i = from; i < from + n; i++) {
    const t = Math.floor(r.rand() * threads);
    const tr = seeded(7919 + t);
    const core = [0, 1, 2].map(() => tr.pick(SENTENCES));
    const actors = [0, 1, 2].map(() => pool[Math.floor(tr.rand() * pool.length)]!);
    const extras = [0, 1].map(() => pool[Math.floor(Math.pow(r.rand(), 2.5) * pool.length)]!);
    const lines = [core[0]!, ...core.slice(1).filter(() => r.rand() < 0.8), ...Array.from({ length: r.between(4, 8) }, () => r.pick(SENTENCES))];
    const named = [...actors, ...extras];
    named.forEach((name, k) => {
      const at = k % lines.length;
      lines[at] = k === 0 ? `${lines[at]} ${name.surface} nói.` : `${name.surface} ${lines[at]}`;
    });
    const shorts: { surface: string; type: EntityType }[] = [];
    if (MIXED) {
      named.forEach((name, k) => {
        const s = shortForm(name);
        if (!s || r.rand() < 0.5) return;
        const at = (k + 1 + r.between(0, 2)) % lines.length;
        // Some acronyms are defined where the name first appears (`Tên Tổ Chức (TTC)`).
        if (name.type === 'organization' && r.rand() < 0.3) lines[k % lines.length] = lines[k % lines.length]!.replace(name.surface, `${name.surface} (${s})`);
        lines[at] = `${lines[at]} Theo ${s}.`;
        shorts.push({ surface: s, type: name.type });
      });
    }
    const text = lines.join('\n\n');
    const mentions: Mention[] = [];
    let offset = 0;
    lines.forEach((line, s) => {
      for (const name of [...named, ...shorts]) {
        const at = line.indexOf(name.surface);
        if (at >= 0 && !mentions.some((m) => m.sentence === s && m.surface === name.surface)) {
          mentions.push({ start: offset + at, end: offset + at + name.surface.length, surface: name.surface, type: name.type, sentence: s });
        }
      }
      offset += line.length + 2;
    });
    const article = { id: `bench-${String(i).padStart(7, '0')}`, body: [text] } as Article;
    out.push(linkDocOf({ article, analysis: { language: 'vi', mentions } as Analysis }));
  }
  return out;
}

const ms = (t: number) => `${t.toFixed(0)} ms`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

for (const N of NS) {
  const total = N + K * BATCHES;
  const docs = generate(0, total, total);
  const mentions = docs.slice(0, N + K).reduce((n, d) => n + d.mentions.length, 0);
  linkDocs(docs.slice(0, 50)); // tables and memos once
  gc();
  let t = performance.now();
  const full = linkDocs(docs.slice(0, N + K));
  const fullMs = performance.now() - t;
  gc();
  t = performance.now();
  const first = linkIncremental(null, docs.slice(0, N));
  const buildMs = performance.now() - t;
  t = performance.now();
  const bytes = serialize(first.state);
  const saveMs = performance.now() - t;
  t = performance.now();
  let state = deserialize(bytes) as LinkState;
  const loadMs = performance.now() - t;
  const comps = [...state.comps.values()].map((c) => c.length).sort((a, b) => b - a);
  const times: number[] = [];
  const relinked: number[] = [];
  let same = true;
  for (let b = 0; b < BATCHES; b++) {
    const batch = docs.slice(N + b * K, N + (b + 1) * K);
    const before = new Map([...state.comps].map(([r, m]) => [r, m.length]));
    gc();
    t = performance.now();
    const inc = linkIncremental(state, batch);
    times.push(performance.now() - t);
    state = inc.state;
    // Items of the components this batch created or grew.
    relinked.push([...state.comps].filter(([r, m]) => before.get(r) !== m.length).reduce((n, [, m]) => n + m.length, 0));
    const want = b === 0 ? full : linkDocs(docs.slice(0, N + (b + 1) * K));
    same &&= isDeepStrictEqual(inc.entities, want.entities) && isDeepStrictEqual(inc.links, want.links);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `N=${N}${MIXED ? ' (mixed)' : ''}: ${N + K} articles, ${mentions} mentions, ${full.entities.length} entities\n` +
      `  linkDocs over N+${K}:              ${ms(fullMs)}\n` +
      `  linkIncremental adding ${K} to N:   ${ms(times[0]!)} (median of ${BATCHES} batches ${ms(sorted[sorted.length >> 1]!)}, max ${ms(sorted[sorted.length - 1]!)}); identical to linkDocs: ${same ? 'yes' : 'NO'}\n` +
      `  first build of the state (N):      ${ms(buildMs)}; state ${(bytes.length / 2 ** 20).toFixed(1)} MiB through node:v8 (save ${ms(saveMs)}, load ${ms(loadMs)})\n` +
      `  components: ${comps.length}, largest ${comps.slice(0, 3).join(', ')} items; re-linked per batch: ${relinked.join(', ')} items`,
  );
  if (!same) process.exitCode = 1;
}
