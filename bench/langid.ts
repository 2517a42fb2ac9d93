// Which language identifier is right on short paragraphs: franc (ISO 639-3, mapped), eld, tinyld.
//
//   node --import tsx bench/langid.ts
//
// Samples: Vietnamese from UD VTB dev `# text` lines (2-3 sentences joined, as written and folded
// without diacritics), English from MEANTIME article text (runs of tokens rebuilt into sentences).
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eld } from 'eld/medium';
import { franc } from 'franc';
import { detect as tinyld } from 'tinyld';
import { foldKey } from '../src/decode/fold.ts';
import { conlluSentences } from '../scripts/build-vi-lexicon.ts';
import { DATA_DIR } from '../test/shared.ts';
import { detectLanguage, ISO3_TO_1 } from '../src/analyze/langid.ts';

const detok = (s: string): string => s.replace(/ ([,.;:!?)])/g, '$1').replace(/\( /g, '(');
const vi = conlluSentences(resolve(DATA_DIR, 'ud-vietnamese-vtb/vi_vtb-ud-dev.conllu')).map((s) => detok(s.text));
const viParas: string[] = [];
for (let i = 0; i + 1 < vi.length && viParas.length < 300; i += 2) viParas.push(`${vi[i]} ${vi[i + 1]}`);
const viShort = vi.filter((s) => s.length > 20 && s.length < 120).slice(0, 300);

const enParas: string[] = [];
const enShort: string[] = [];
const root = resolve(DATA_DIR, 'meantime-en/intra_cross-doc_annotation');
for (const corpus of readdirSync(root)) {
  for (const f of readdirSync(resolve(root, corpus))) {
    const xml = readFileSync(resolve(root, corpus, f), 'utf8');
    const sents = new Map<string, string[]>();
    for (const m of xml.matchAll(/<token [^>]*sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
      const k = m[1]!;
      if (!sents.has(k)) sents.set(k, []);
      sents.get(k)!.push(m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
    }
    const list = [...sents.values()].map((w) => detok(w.join(' '))).filter((s) => s.length > 20);
    if (list.length > 3) enParas.push(`${list[2]} ${list[3]}`);
    for (const s of list.slice(2, 6)) if (s.length < 120) enShort.push(s);
  }
}

const fold = (xs: string[]): string[] => xs.map((x) => foldKey(x));
const sets: [string, string, string[]][] = [
  ['vi paragraphs', 'vi', viParas],
  ['vi paragraphs, no diacritics', 'vi', fold(viParas)],
  ['vi sentences <120 chars', 'vi', viShort],
  ['vi sentences, no diacritics', 'vi', fold(viShort)],
  ['en paragraphs', 'en', enParas],
  ['en sentences <120 chars', 'en', enShort],
];
const libs: [string, (t: string) => string][] = [
  ['franc', (t) => ISO3_TO_1[franc(t, { minLength: 3 })] ?? franc(t)],
  ['eld/medium', (t) => eld.detect(t).language],
  ['tinyld', (t) => tinyld(t)],
  ['tinline detectLanguage (eld + fallback)', (t) => detectLanguage(t)],
];
for (const [name, fn] of libs) {
  const row: string[] = [];
  const t0 = performance.now();
  let n = 0;
  for (const [label, want, xs] of sets) {
    const ok = xs.filter((x) => fn(x) === want).length;
    n += xs.length;
    row.push(`${label}: ${((100 * ok) / xs.length).toFixed(1)}% (n=${xs.length})`);
  }
  const ms = performance.now() - t0;
  console.log(`${name}  [${Math.round(n / (ms / 1000))} texts/s]\n  ${row.join('\n  ')}`);
}
