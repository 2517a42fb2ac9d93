// Linking throughput: the seed texts' capitalised runs as mentions, the five articles copied to N articles
// (each copy a new article id), timed through linkEntities. Prints numbers; asserts nothing.
// Usage: node --import tsx bench/link.ts [copies=400]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { linkEntities } from '../src/link/index.ts';
import type { Analysis, Article, Mention } from '../src/types.ts';
import { seedFiles } from '../test/shared.ts';

const copies = Number(process.argv[2] ?? 400);
const TYPES = ['person', 'location', 'organization'] as const;

function mentions(text: string): Mention[] {
  const out: Mention[] = [];
  const re = /\p{Lu}[\p{L}\p{N}\-]*(?: \p{Lu}[\p{L}\p{N}\-]*)*/gu;
  let n = 0;
  for (const m of text.matchAll(re)) {
    const words = m[0].split(' ').length;
    out.push({ start: m.index!, end: m.index! + m[0].length, surface: m[0], type: words === 1 ? 'location' : TYPES[n++ % 3] });
  }
  return out;
}

const seeds = seedFiles().map((p) => ({ name: basename(p), text: readFileSync(p, 'utf8').normalize('NFC') }));
const docs: { article: Article; analysis: Analysis }[] = [];
for (let c = 0; c < copies; c++) {
  for (const s of seeds) {
    const id = `${c}-${s.name}`;
    docs.push({
      article: { id, origin: id, title: null, source: null, language: 'vi', published: { value: null, precision: null, evidence: null }, body: [s.text], captions: [], removed: [], raw: s.text, charset: 'utf-8', duplicateOf: null, ingestedAt: '' },
      analysis: { language: 'vi', sentences: [], tokens: [], mentions: mentions(s.text), times: [] },
    });
  }
}
const total = docs.reduce((n, d) => n + d.analysis.mentions.length, 0);
linkEntities(docs.slice(0, 5)); // load the tables once
const t0 = performance.now();
const { entities, links } = linkEntities(docs);
const ms = performance.now() - t0;
console.log(`link: ${docs.length} articles, ${total} mentions -> ${entities.length} entities, ${links.length} links in ${ms.toFixed(0)} ms ` +
  `(${((total / ms) * 1000).toFixed(0)} mentions/s); heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
