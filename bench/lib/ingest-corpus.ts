// The ingest benchmark's synthetic plain-text articles (bench/ingest.ts, bench/ingest-golden.ts):
// real sentences from the seeds and the UD Vietnamese treebank recombined into ~3 KB articles.
// Load data only: it yields no quality number.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SHARED = resolve(import.meta.dirname, '../../../shared');

function seedSentences(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(join(SHARED, 'seeds')).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(SHARED, 'seeds', f), 'utf8');
    out.push(...text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 40 && s.length < 400));
  }
  const ud = readFileSync(join(SHARED, 'data/ud-vietnamese-vtb/vi_vtb-ud-train.conllu'), 'utf8');
  for (const m of ud.matchAll(/^# text = (.+)$/gm)) if (m[1]!.length > 40) out.push(m[1]!);
  return out;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** `n` articles: a title line and six paragraphs of three sentences, the same for the same `n`. */
export function makeText(n: number): string[] {
  const sentences = seedSentences();
  const r = rng(42);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const paragraphs: string[] = [`Bản tin ${i}`];
    for (let p = 0; p < 6; p++) paragraphs.push(Array.from({ length: 3 }, () => sentences[Math.floor(r() * sentences.length)]).join(' '));
    out.push(paragraphs.join('\n\n'));
  }
  return out;
}
