// Speed of analyze() (language, sentences, tokens, mentions; times come from src/analyze/time).
//
//   node --import tsx bench/annotate.ts
//
// Two inputs: the five seed articles repeated, and UD VTB dev sentences grouped into ~3 KB articles.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conlluSentences } from '../scripts/build-vi-lexicon.ts';
import { analyze } from '../src/analyze/index.ts';
import { DATA_DIR, seedFiles } from '../test/shared.ts';

function run(label: string, docs: string[], rounds: number): void {
  for (const d of docs.slice(0, 20)) analyze(d); // warm up
  let sentences = 0;
  let tokens = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const d of docs) {
      const a = analyze(d);
      sentences += a.sentences.length;
      tokens += a.tokens.length;
      bytes += Buffer.byteLength(d);
    }
  }
  const s = (performance.now() - t0) / 1000;
  const n = docs.length * rounds;
  console.log(`${label}: ${n} articles (avg ${(bytes / n / 1024).toFixed(1)} KB) in ${s.toFixed(2)} s -> ${Math.round(n / s)} articles/s, ${Math.round(sentences / s)} sentences/s, ${Math.round(tokens / s)} tokens/s (1 core)`);
}

const seeds = seedFiles().map((f) => readFileSync(f, 'utf8').normalize('NFC'));
run('seeds repeated', seeds, 200);

const dev = conlluSentences(resolve(DATA_DIR, 'ud-vietnamese-vtb/vi_vtb-ud-dev.conllu')).map((s) => s.text.replace(/ ([,.;:!?)])/g, '$1'));
const articles: string[] = [];
let cur = '';
for (const s of dev) {
  cur += (cur ? ' ' : '') + s;
  if (Buffer.byteLength(cur) > 3000) {
    articles.push(cur);
    cur = '';
  }
}
run('UD dev as ~3 KB articles', articles, 10);
