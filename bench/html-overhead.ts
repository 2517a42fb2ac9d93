// What our HTML clean-up and metadata add to Readability's own time (the goal: ≤ 15 %),
// measured steadily: the extraction benchmark's pages, Readability on linkedom alone and our
// decode + extract (which runs Readability inside), in alternating rounds after a warm-up, CPU time
// of this thread. Prints every round's ratio and their median.
//   node --expose-gc --single-threaded-gc --import tsx bench/html-overhead.ts [rounds=7]
// (--single-threaded-gc: garbage collection on this thread only, so the CPU time of helper threads
// collecting for the other side never lands in a round.)
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeBytes } from '../src/decode/index.ts';
import { extractArticle } from '../src/extract/index.ts';

const ROUNDS = Number(process.argv[2] ?? 7);
const dir = join(resolve(import.meta.dirname, '../../shared'), 'data/article-extraction-benchmark/html');
const pages = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort()
  .map((f) => ({ name: f.replace(/\.gz$/, ''), bytes: gunzipSync(readFileSync(join(dir, f))) }));

const gc = (globalThis as { gc?: () => void }).gc;
const cpuMs = (f: () => void): number => {
  gc?.(); // a collection left over from the other side is not charged to this one
  const c0 = process.cpuUsage();
  f();
  gc?.(); // ...and each side pays for collecting all of its own garbage
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
// Readability is given the page as text, as a caller with a decoded page would.
const texts = pages.map((p) => p.bytes.toString('utf8'));
const readabilityAlone = () => {
  for (const html of texts) new Readability(parseHTML(html).document as unknown as Document).parse();
};
const ours = () => {
  for (const p of pages) {
    const { text } = decodeBytes(p.bytes, { format: 'html', offsets: false, normalize: false });
    extractArticle({ text, format: 'html', origin: p.name, given: {} });
  }
};

readabilityAlone();
ours();
const ratios: number[] = [];
let rTotal = 0;
let oTotal = 0;
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so a drift in machine load hits both alike.
  const [r, o] = round % 2 === 0 ? [cpuMs(readabilityAlone), cpuMs(ours)] : (() => { const o = cpuMs(ours); return [cpuMs(readabilityAlone), o]; })();
  rTotal += r;
  oTotal += o;
  ratios.push(o / r);
  console.log(`round ${round + 1}: Readability ${(r / pages.length).toFixed(2)} ms/page, decode+extract ${(o / pages.length).toFixed(2)} ms/page, +${((o / r - 1) * 100).toFixed(1)}%`);
}
ratios.sort((a, b) => a - b);
console.log(`pages ${pages.length}, rounds ${ROUNDS}, load average ${loadavg()[0]!.toFixed(2)}`);
console.log(`Readability alone ${(rTotal / ROUNDS / pages.length).toFixed(2)} CPU ms/page; decode + extract ${(oTotal / ROUNDS / pages.length).toFixed(2)} CPU ms/page`);
console.log(`overhead: median +${((ratios[Math.floor(ROUNDS / 2)]! - 1) * 100).toFixed(1)}%, range +${((ratios[0]! - 1) * 100).toFixed(1)}% … +${((ratios.at(-1)! - 1) * 100).toFixed(1)}%  (goal ≤ 15%)`);
