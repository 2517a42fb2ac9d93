// Speed of analyze() (language, sentences, tokens, mentions; times come from src/analyze/time).
//
//   node --import tsx bench/annotate.ts
//
// Three inputs: the five seed articles repeated, UD VTB dev sentences grouped into ~3 KB articles, and
// the MEANTIME English texts (bench/ner.ts). CPU ms per article come from process.cpuUsage.
// Then the same articles as the pipeline treats an undated one (analyze, docdate's tagging, tagging
// again with the inferred anchor), and where the time of one analyze() goes, stage by stage.
// On a busy machine compare runs made at the same time; profile with `node --cpu-prof --import tsx`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conlluSentences } from '../scripts/build-vi-lexicon.ts';
import { analyze, detectLanguage, findMentions, splitSentences, tablesFor, tokenize } from '../src/analyze/index.ts';
import { tagTimes, tagTimesDetailed } from '../src/analyze/time/index.ts';
import { pieces } from '../src/analyze/tokens.ts';
import { DATA_DIR, seedFiles } from '../test/shared.ts';
import { loadNerDocs } from './ner.ts';

function run(label: string, docs: string[], rounds: number): void {
  for (const d of docs.slice(0, 20)) analyze(d); // warm up
  let sentences = 0;
  let tokens = 0;
  let bytes = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const d of docs) {
      const a = analyze(d);
      sentences += a.sentences.length;
      tokens += a.tokens.length;
      bytes += Buffer.byteLength(d);
    }
  }
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const n = docs.length * rounds;
  const cpuMs = (cpu.user + cpu.system) / 1000 / n;
  console.log(`${label}: ${n} articles (avg ${(bytes / n / 1024).toFixed(1)} KB) in ${s.toFixed(2)} s -> ${Math.round(n / s)} articles/s, ${Math.round(sentences / s)} sentences/s, ${Math.round(tokens / s)} tokens/s (1 core); CPU ${cpuMs.toFixed(3)} ms/article`);
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
run('MEANTIME English', loadNerDocs().map((d) => d.text), 10);

// The pipeline on an article without a full date: analyze, docdate's own tagging, then tagging again
// with the inferred date (src/pipeline/process.ts).
{
  const anchor = { value: '2024-11-15', precision: 'day' as const, evidence: null };
  for (const d of articles.slice(0, 20)) analyze(d);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const rounds = 5;
  for (let r = 0; r < rounds; r++) {
    for (const d of articles) {
      const a = analyze(d);
      tagTimesDetailed(d, { language: a.language, anchor: null });
      tagTimes(d, { language: a.language, anchor });
    }
  }
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  console.log(`UD dev, undated (analyze + docdate tagging + re-tagging): ${Math.round((articles.length * rounds) / s)} articles/s (1 core); CPU ${((cpu.user + cpu.system) / 1000 / (articles.length * rounds)).toFixed(3)} ms/article`);
}

// Stage by stage, in ms per article (the stages analyze() runs, called one by one).
{
  const tables = tablesFor('vi');
  const anchor = { value: '2024-11-15', precision: 'day' as const, evidence: null };
  const ms: Record<string, number> = { language: 0, sentences: 0, pieces: 0, tokens: 0, mentions: 0, times: 0 };
  const time = <T>(k: string, f: () => T): T => {
    const t = performance.now();
    const r = f();
    ms[k]! += performance.now() - t;
    return r;
  };
  const docs = [...seeds, ...articles];
  for (let r = 0; r < 2; r++) {
    if (r === 1) for (const k of Object.keys(ms)) ms[k] = 0; // the first round warms up
    for (const d of docs) {
      time('language', () => d.split(/\n[ \t\r]*\n/).map((p) => (p.trim().length >= 40 ? detectLanguage(p) : 'und')));
      const sentences = time('sentences', () => splitSentences(d, tables));
      const bySentence = time('pieces', () => sentences.map((x) => pieces(d, x.start, x.end)));
      time('tokens', () => tokenize(d, sentences, tables, bySentence));
      time('mentions', () => findMentions(d, sentences, tables, bySentence));
      time('times', () => tagTimes(d, { language: 'vi', anchor }));
    }
  }
  const total = Object.values(ms).reduce((a, b) => a + b, 0);
  console.log(`stages, ms per article (seeds + UD dev): ${Object.entries(ms).map(([k, v]) => `${k} ${(v / docs.length).toFixed(3)}`).join(', ')}; total ${(total / docs.length).toFixed(3)}`);
}
