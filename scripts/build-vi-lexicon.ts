// Builds src/analyze/data/vi-words.txt, the Vietnamese word lexicon used by the segmenter.
//
//   node --import tsx scripts/build-vi-lexicon.ts [--holdout]
//
// Sources (see src/analyze/data/NOTICE):
//   ../shared/data/ud-vietnamese-vtb/vi_vtb-ud-train.conllu  (CC BY-SA 4.0) — words and their counts
//   ../shared/data/vietnamese-vocab/words.txt                 (Apache-2.0)   — 34k known words
// Only the TRAIN split is read; the dev split is kept for measuring (bench/segment.ts).
// With --holdout, the last fifth of train is left out and written to $TMPDIR/tinline-vi-words.holdout.txt so the
// segmenter's few constants can be tuned without touching dev.
//
// Output: one word per line, `word<TAB>count` (count = occurrences in train; 0 = vocabulary only),
// lower-cased, sorted by word. Words are deduplicated by a tone-placement-independent key.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { DATA_DIR, REPO_ROOT } from '../test/shared.ts';
import { wordKey } from '../src/analyze/syllable.ts';

const holdout = process.argv.includes('--holdout');
const LETTER = /\p{L}/u;

export function conlluSentences(path: string): { text: string; words: string[] }[] {
  const out: { text: string; words: string[] }[] = [];
  let cur: { text: string; words: string[] } | null = null;
  for (const line of readFileSync(path, 'utf8').normalize('NFC').split('\n')) {
    const m = /^# text ?= ?(.*)$/.exec(line);
    if (m) cur = { text: m[1]!, words: [] };
    else if (line.trim() === '') {
      if (cur) out.push(cur);
      cur = null;
    } else if (cur && !line.startsWith('#')) {
      const cols = line.split('\t');
      if (/^\d+$/.test(cols[0]!)) cur.words.push(cols[1]!);
    }
  }
  if (cur) out.push(cur);
  return out;
}

function main(): void {
  let train = conlluSentences(resolve(DATA_DIR, 'ud-vietnamese-vtb/vi_vtb-ud-train.conllu'));
  if (holdout) train = train.slice(0, Math.floor(train.length * 0.8));
  const counts = new Map<string, { form: string; n: number }>();
  const add = (form: string, n: number): void => {
    const lower = form.toLowerCase().replace(/\s+/g, ' ').trim();
    // Only words made of letters go in: numbers and punctuation are recognised by class.
    if (!lower || !LETTER.test(lower) || /[\p{N}\p{P}]/u.test(lower.replace(/ /g, ''))) return;
    const key = wordKey(lower);
    const e = counts.get(key);
    if (e) e.n += n;
    else counts.set(key, { form: lower, n });
  };
  for (const s of train) for (const w of s.words) add(w, 1);
  for (const w of readFileSync(resolve(DATA_DIR, 'vietnamese-vocab/words.txt'), 'utf8').normalize('NFC').split('\n')) add(w, 0);
  const lines = [...counts.values()].sort((a, b) => (a.form < b.form ? -1 : a.form > b.form ? 1 : 0)).map((e) => `${e.form}\t${e.n}`);
  const file = holdout ? resolve(tmpdir(), 'tinline-vi-words.holdout.txt') : resolve(REPO_ROOT, 'src/analyze/data/vi-words.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${file}: ${lines.length} words (${[...counts.values()].filter((e) => e.n > 0).length} seen in train)`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('build-vi-lexicon.ts')) main();
