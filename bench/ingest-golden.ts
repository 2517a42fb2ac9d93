// A fingerprint of what ingest computes before the store: processDocument (and the prepared form the
// threads send) over a fixed corpus — the seeds in every encoding the archives use, the HTML pages of
// the extraction benchmark, the load generator's synthetic texts, and JSON-given text with metadata.
// Speed work on decode/extract/pipeline must leave the hashes unchanged.
//   node --import tsx bench/ingest-golden.ts [synthetic=300]
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { encodeAs } from '../src/decode/encode.ts';
import { processDocument } from '../src/pipeline/process.ts';
import { processForStore } from '../src/pipeline/worker.ts';
import type { RawDocument } from '../src/types.ts';
import { makeText } from './lib/ingest-corpus.ts';

const N = Number(process.argv[2] ?? 300);
const SHARED = resolve(import.meta.dirname, '../../shared');
const INGESTED = '2000-01-01T00:00:00.000Z';

function corpus(): RawDocument[] {
  const docs: RawDocument[] = [];
  const seedDir = join(SHARED, 'seeds');
  const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
  const variants: Record<string, (t: string) => Uint8Array> = {
    utf8: (t) => Buffer.from(t, 'utf8'),
    'windows-1258': (t) => encodeAs(t, 'windows-1258'),
    viscii: (t) => encodeAs(t, 'viscii'),
    tcvn3: (t) => encodeAs(t, 'tcvn3'),
    vni: (t) => encodeAs(t, 'vni'),
    nfd: (t) => Buffer.from(t.normalize('NFD'), 'utf8'),
    'crlf-bom': (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t.replace(/\n/g, '\r\n'), 'utf8')]),
    'utf16le-bom': (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  };
  for (const f of seeds) {
    const text = readFileSync(join(seedDir, f), 'utf8');
    const plain = text.normalize('NFC').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/[—–]/g, '-');
    for (const [name, enc] of Object.entries(variants)) {
      docs.push({ origin: `${name}/${f}`, format: 'text', bytes: enc(name === 'utf8' ? text : plain), given: {} });
    }
    docs.push({ origin: `json/${f}`, format: 'text', text, given: {} });
    docs.push({ origin: `json-given/${f}`, format: 'text', text, given: { title: 'Given title', published: '2024-03-05', source: 'example.com', language: 'vi' } });
  }
  const htmlDir = join(SHARED, 'data/article-extraction-benchmark/html');
  for (const f of readdirSync(htmlDir).filter((f) => f.endsWith('.html.gz')).sort()) {
    docs.push({ origin: `html/${basename(f, '.gz')}`, format: 'html', bytes: gunzipSync(readFileSync(join(htmlDir, f))), given: {} });
  }
  for (const [i, text] of makeText(N).entries()) docs.push({ origin: `synthetic/${i}.txt`, format: 'text', bytes: Buffer.from(text, 'utf8'), given: {} });
  return docs;
}

const docs = corpus();
const processed = createHash('sha256');
const prepared = createHash('sha256');
const perGroup = new Map<string, ReturnType<typeof createHash>>();
const t0 = performance.now();
for (const raw of docs) {
  let line: string;
  try {
    line = JSON.stringify(processDocument(raw, INGESTED));
  } catch (e) {
    line = `error: ${(e as Error).message}`;
  }
  processed.update(line).update('\n');
  const group = raw.origin.split('/')[0]!;
  if (!perGroup.has(group)) perGroup.set(group, createHash('sha256'));
  perGroup.get(group)!.update(line).update('\n');
  prepared.update(JSON.stringify(processForStore(raw, INGESTED, true))).update('\n');
}
const ms = performance.now() - t0;
for (const [group, h] of perGroup) console.log(`${group.padEnd(14)} ${h.digest('hex').slice(0, 16)}`);
console.log(`documents ${docs.length}  (${(ms / docs.length).toFixed(2)} ms/doc for both passes)`);
console.log(`processDocument ${processed.digest('hex')}`);
console.log(`prepared        ${prepared.digest('hex')}`);
