// Vietnamese word segmentation quality and speed on the UD VTB dev split.
//
//   node --import tsx bench/segment.ts            # dev, shipped lexicon
//   node --import tsx bench/segment.ts --holdout  # last fifth of train, lexicon built without it
//                                                 # (run scripts/build-vi-lexicon.ts --holdout first)
//
// Words are compared by their character spans in the `# text` sentence. "words" leaves out gold
// punctuation (our tokens carry none); "all" counts gold punctuation as matched, which is how
// segmenter papers (RDRsegmenter ~98 F1, vntk ~94.6) report, since splitting off marks is trivial.
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { conlluSentences } from '../scripts/build-vi-lexicon.ts';
import { DATA_DIR, REPO_ROOT } from '../test/shared.ts';
import { vi } from '../src/analyze/lang/vi.ts';
import { createSegmenter, loadLexicon, type SegmenterOptions } from '../src/analyze/segment.ts';
import { tokenizeSentence } from '../src/analyze/tokens.ts';

const holdout = process.argv.includes('--holdout');
const sweep = process.argv.includes('--sweep');
const sentences = holdout
  ? (() => {
      const t = conlluSentences(resolve(DATA_DIR, 'ud-vietnamese-vtb/vi_vtb-ud-train.conllu'));
      return t.slice(Math.floor(t.length * 0.8));
    })()
  : conlluSentences(resolve(DATA_DIR, 'ud-vietnamese-vtb/vi_vtb-ud-dev.conllu'));
const lexicon = loadLexicon(holdout ? resolve(tmpdir(), 'tinline-vi-words.holdout.txt') : resolve(REPO_ROOT, 'src/analyze/data/vi-words.txt'));
const PUNCT = /^[\p{P}\p{S}]+$/u;

function evaluate(options: Partial<SegmenterOptions>): { p: number; r: number; f: number; fAll: number; tokens: number; ms: number } {
  const seg = createSegmenter(lexicon, options);
  const tables = { ...vi, segmenter: () => seg };
  let tp = 0, pred = 0, gold = 0, punct = 0, tokens = 0;
  const predicted = sentences.map((s) => tokenizeSentence(s.text, { start: 0, end: s.text.length }, tables));
  const t0 = performance.now();
  const rounds = sweep ? 0 : 5;
  for (let r = 0; r < rounds; r++) for (const s of sentences) tokenizeSentence(s.text, { start: 0, end: s.text.length }, tables);
  const ms = (performance.now() - t0) / Math.max(1, rounds);
  sentences.forEach((s, idx) => {
    const goldSpans = new Set<string>();
    let at = 0;
    for (const w of s.words) {
      const i = s.text.indexOf(w, at);
      if (i < 0) continue;
      at = i + w.length;
      if (PUNCT.test(w.replace(/ /g, ''))) punct++;
      else goldSpans.add(`${i}:${at}`);
    }
    gold += goldSpans.size;
    for (const t of predicted[idx]!) {
      pred++;
      tokens++;
      if (goldSpans.has(`${t.start}:${t.end}`)) tp++;
    }
  });
  const p = tp / pred, r = tp / gold, f = (2 * p * r) / (p + r);
  const pa = (tp + punct) / (pred + punct), ra = (tp + punct) / (gold + punct);
  return { p, r, f, fAll: (2 * pa * ra) / (pa + ra), tokens, ms };
}

const fmt = (x: number): string => (100 * x).toFixed(2);
if (sweep) {
  for (const vocabCount of [0.3, 1, 2]) for (const unknownCount of [0.05, 0.3, 1]) for (const nameCount of [0.5, 2, 8]) {
    const e = evaluate({ vocabCount, unknownCount, nameCount });
    console.log(JSON.stringify({ vocabCount, unknownCount, nameCount }), 'F1', fmt(e.f));
  }
} else {
  evaluate({}); // warm up
  const e = evaluate({});
  console.log(`${holdout ? 'train holdout' : 'UD VTB dev'}: ${sentences.length} sentences`);
  console.log(`words (no punctuation): P ${fmt(e.p)}  R ${fmt(e.r)}  F1 ${fmt(e.f)}`);
  console.log(`all (gold punctuation counted as matched): F1 ${fmt(e.fAll)}`);
  console.log(`speed: ${Math.round(e.tokens / (e.ms / 1000))} tokens/s (${e.tokens} tokens in ${e.ms.toFixed(0)} ms)`);
}
