// Article-body extraction quality and HTML throughput on the Zyte/ScrapingHub article-extraction
// benchmark (../shared/data/article-extraction-benchmark), with the benchmark's own measure
// (evaluate.py): tokens are runs of word characters; each page is a multiset of 4-token shingles;
// tp/fp/fn per page normalised to sum 1; precision and recall averaged over pages; F1 from the averages.
// Prints Readability alone (its textContent, on linkedom) beside Tinline's extractArticle.
//   node --import tsx bench/extraction.ts
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/extract/index.ts';
import { loadExtractionBenchmark, metrics, tpFpFn } from './lib/extraction-measure.ts';

const { truth, pages } = loadExtractionBenchmark();
const ids = Object.keys(truth);

function readabilityAlone(html: string): string {
  const { document } = parseHTML(html);
  try {
    return (new Readability(document as any).parse()?.textContent ?? '') as string;
  } catch {
    return '';
  }
}

function ours(id: string, html: string): string {
  try {
    const a = extractArticle({ text: html, format: 'html', origin: `${id}.html`, given: { url: truth[id]!.url } });
    return a.body.join('\n\n');
  } catch {
    return '';
  }
}

const runs: [string, (id: string, html: string) => string][] = [
  ['readability alone', (_id, html) => readabilityAlone(html)],
  ['tinline extract', ours],
];
const results: { name: string; m: ReturnType<typeof metrics>; pps: number; rows: [number, number, number][] }[] = [];
for (const [name, run] of runs) {
  // One untimed warm-up page so JIT start-up is not charged to either side.
  run(ids[0]!, pages.get(ids[0]!)!);
  const rows: [number, number, number][] = [];
  // CPU time, not wall time: the machine may be shared, and this is a single-threaded loop.
  const c0 = process.cpuUsage();
  const outputs = ids.map((id) => run(id, pages.get(id)!));
  const c = process.cpuUsage(c0);
  const secs = (c.user + c.system) / 1e6;
  ids.forEach((id, i) => rows.push(tpFpFn(truth[id]!.articleBody, outputs[i]!)));
  results.push({ name, m: metrics(rows), pps: ids.length / secs, rows });
}

console.log(`article-extraction-benchmark: ${ids.length} pages`);
console.log('system             precision  recall  F1     pages/s (per CPU second)');
for (const r of results) {
  console.log(`${r.name.padEnd(18)} ${r.m.precision.toFixed(3).padStart(9)}  ${r.m.recall.toFixed(3)}   ${r.m.f1.toFixed(3)}  ${r.pps.toFixed(1)}`);
}
const [base, mine] = results;
console.log(`time added over Readability alone: ${((base!.pps / mine!.pps - 1) * 100).toFixed(1)}%`);
if (process.argv.includes('--diff')) {
  // Pages where we lose against Readability alone, worst first (for tuning).
  const diffs = ids.map((id, i) => {
    const f = (r: [number, number, number]) => { const m = metrics([r]); return m.f1 || 0; };
    return { id, d: f(mine!.rows[i]!) - f(base!.rows[i]!) };
  });
  diffs.sort((a, b) => a.d - b.d);
  for (const x of diffs.slice(0, 15)) console.log(`${x.id} ${x.d.toFixed(3)}`);
}
