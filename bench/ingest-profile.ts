// processDocument + prepareArticle over the synthetic corpus, for a CPU profile:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/ingest-profile.ts [n=1000]
import { makeText } from './lib/ingest-corpus.ts';
import { processForStore } from '../src/pipeline/worker.ts';
const texts = makeText(Number(process.argv[2] ?? 1000));
const c0 = process.cpuUsage();
for (const [i, t] of texts.entries()) processForStore({ origin: `${i}.txt`, format: 'text', bytes: Buffer.from(t, 'utf8'), given: {} }, '2000-01-01T00:00:00.000Z', true);
const c = process.cpuUsage(c0);
console.log(`${((c.user + c.system) / 1000 / texts.length).toFixed(2)} CPU ms/doc`);
