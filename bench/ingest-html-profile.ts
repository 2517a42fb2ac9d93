// decode + extract over the extraction benchmark's HTML pages (no analysis), beside Readability alone,
// for a CPU profile of our clean-up and metadata:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/ingest-html-profile.ts [rounds=2]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeBytes } from '../src/decode/index.ts';
import { extractArticle } from '../src/extract/index.ts';

const ROUNDS = Number(process.argv[2] ?? 2);
const dir = join(resolve(import.meta.dirname, '../../shared'), 'data/article-extraction-benchmark/html');
const pages = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort()
  .map((f) => ({ name: f, bytes: gunzipSync(readFileSync(join(dir, f))) }));
const cpu = (f: () => void) => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / pages.length;
};
for (let r = 0; r < ROUNDS; r++) {
  const readability = cpu(() => {
    for (const p of pages) new Readability(parseHTML(p.bytes.toString('utf8')).document as unknown as Document).parse();
  });
  const ours = cpu(() => {
    for (const p of pages) {
      const { text } = decodeBytes(p.bytes, { format: 'html', offsets: false, normalize: false });
      extractArticle({ text, format: 'html', origin: p.name, given: {} });
    }
  });
  console.log(`round ${r + 1}: Readability ${readability.toFixed(2)} CPU ms/page, decode + extract ${ours.toFixed(2)} (+${((ours / readability - 1) * 100).toFixed(0)}%)`);
}
