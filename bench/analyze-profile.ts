// analyze() over the seeds + UD dev articles (vi) or MEANTIME (en), 15 rounds: a steady load to profile.
// Prints CPU ms/doc twice: the first round alone (with each table's start-up: lexicon trie, places,
// time rules, eld's n-gram table on the first non-Vietnamese paragraph) and the rounds after it.
//   node --cpu-prof --import tsx bench/analyze-profile.ts [vi|en] [rounds=15]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conlluSentences } from '../scripts/build-vi-lexicon.ts';
import { analyze } from '../src/analyze/index.ts';
import { DATA_DIR, seedFiles } from '../test/shared.ts';
import { loadNerDocs } from '../bench/ner.ts';
const seeds = seedFiles().map((f) => readFileSync(f, 'utf8').normalize('NFC'));
const dev = conlluSentences(resolve(DATA_DIR, 'ud-vietnamese-vtb/vi_vtb-ud-dev.conllu')).map((s) => s.text.replace(/ ([,.;:!?)])/g, '$1'));
const articles: string[] = []; let cur = '';
for (const s of dev) { cur += (cur ? ' ' : '') + s; if (Buffer.byteLength(cur) > 3000) { articles.push(cur); cur = ''; } }
const en = loadNerDocs().map((d) => d.text);
const which = process.argv[2] ?? 'vi';
const docs = which === 'en' ? en : [...seeds, ...articles];
const ms = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
const c0 = process.cpuUsage();
for (const d of docs) analyze(d);
const first = ms(process.cpuUsage(c0));
const c1 = process.cpuUsage();
let n = 0;
for (let r = 1; r < Number(process.argv[3] ?? 15); r++) for (const d of docs) { analyze(d); n++; }
const steady = ms(process.cpuUsage(c1));
console.log(which, docs.length + n, ((first + steady) / (docs.length + n)).toFixed(3), 'ms/doc', `(first round ${(first / docs.length).toFixed(3)}, then ${(steady / Math.max(1, n)).toFixed(3)})`);
