// Real sentences for load generators: the seeds' and the `# text` lines of UD Vietnamese-VTB.
// Load data only: what a generator makes of them yields no quality number.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EntityType } from '../../src/types.ts';
import { DATA_DIR, SEEDS_DIR } from '../../test/shared.ts';
import { seeded } from './random.ts';

/** Sentences of six words or more. */
export function loadSentences(): string[] {
  const out: string[] = [];
  for (const name of readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt'))) {
    const text = readFileSync(resolve(SEEDS_DIR, name), 'utf8');
    for (const s of text.match(/[^.!?\n]+[.!?]+/gu) ?? []) if (s.trim().split(/\s+/).length >= 6) out.push(s.trim());
  }
  const ud = resolve(DATA_DIR, 'ud-vietnamese-vtb');
  for (const name of readdirSync(ud).filter((n) => n.endsWith('.conllu'))) {
    for (const line of readFileSync(resolve(ud, name), 'utf8').split('\n')) {
      const m = /^# text ?= ?(.*)$/.exec(line);
      if (m && m[1]!.split(/\s+/).length >= 6) out.push(m[1]!.trim());
    }
  }
  return out;
}

const TYPES: EntityType[] = ['person', 'organization', 'location'];

/** Made-up names of two or three capitalised lower-case words of `sentences`, stable for a seed; types in turn. */
export function namePool(sentences: string[], size: number): { surface: string; type: EntityType }[] {
  const words = [...new Set(sentences.flatMap((s) => s.split(/[^\p{L}]+/u)).filter((w) => w.length >= 3 && /^\p{Ll}+$/u.test(w)))].sort();
  const r = seeded(4242);
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return Array.from({ length: size }, (_, i) => ({
    surface: Array.from({ length: r.between(2, 3) }, () => cap(r.pick(words))).join(' '),
    type: TYPES[i % 3]!,
  }));
}
