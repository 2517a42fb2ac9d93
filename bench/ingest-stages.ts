import { makeText } from './lib/ingest-corpus.ts';
import { decodeBytes, articleId, normalizeText } from '../src/decode/index.ts';
import { extractArticle } from '../src/extract/index.ts';
import { analyze } from '../src/analyze/index.ts';
import { processDocument } from '../src/pipeline/process.ts';
import { prepareArticle } from '../src/store/common.ts';
const texts = makeText(Number(process.argv[2] ?? 1000));
const bytes = texts.map((t) => Buffer.from(t, 'utf8'));
function time(label: string, f: (i: number) => unknown) {
  for (let i = 0; i < 200; i++) f(i);
  const t0 = performance.now();
  for (let i = 0; i < bytes.length; i++) f(i);
  console.log(label.padEnd(16), ((performance.now() - t0) / bytes.length).toFixed(3), 'ms/doc');
}
const decoded = bytes.map((b) => decodeBytes(b, { format: 'text' }));
const extracted = decoded.map((d) => extractArticle({ text: d.text, format: 'text', origin: 'x', given: {} }));
const bodies = extracted.map((e) => e.body.join('\n\n'));
const processed = bytes.map((b) => processDocument({ origin: 'x', format: 'text', bytes: b, given: {} }));
time('decode', (i) => decodeBytes(bytes[i]!, { format: 'text' }));
time('extract', (i) => extractArticle({ text: decoded[i]!.text, format: 'text', origin: 'x', given: {} }));
time('analyze', (i) => analyze(bodies[i]!, { language: extracted[i]!.language, published: extracted[i]!.published }));
time('articleId', (i) => articleId(bodies[i]!));
time('normalizeText', (i) => normalizeText(bodies[i]!));
time('process', (i) => processDocument({ origin: 'x', format: 'text', bytes: bytes[i]!, given: {} }));
time('prepare', (i) => prepareArticle(processed[i]!.article, processed[i]!.analysis));
time('clone', (i) => structuredClone(prepareArticle(processed[i]!.article, processed[i]!.analysis)));
console.log('precision', Object.entries(extracted.reduce((m: any, e) => (m[e.published.precision ?? 'null'] = (m[e.published.precision ?? 'null'] ?? 0) + 1, m), {})));
