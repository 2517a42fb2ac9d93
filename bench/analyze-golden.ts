// A golden hash over what analyze() and the functions src/pipeline/process.ts calls beside it return,
// on a fixed corpus: the seed bodies, UD VTB sentences recombined into articles (seeded), the MEANTIME
// English texts, the Vietnamese ones without diacritics, and a few other languages. Speed work on
// src/analyze must leave the hash unchanged.
//
//   node --import tsx bench/analyze-golden.ts [--dump FILE]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conlluSentences } from '../scripts/build-vi-lexicon.ts';
import { analyze, findMentions, splitSentences, tablesFor } from '../src/analyze/index.ts';
import { inferDocumentDate } from '../src/analyze/docdate.ts';
import { tagTimes, tagTimesDetailed } from '../src/analyze/time/index.ts';
import { pieces } from '../src/analyze/tokens.ts';
import { UNKNOWN_DATE } from '../src/types.ts';
import { DATA_DIR, seedFiles } from '../test/shared.ts';
import { loadNerDocs } from './ner.ts';
import { seeded } from './lib/random.ts';

function corpus(): string[] {
  const docs: string[] = [];
  const seeds = seedFiles().map((f) => readFileSync(f, 'utf8').normalize('NFC'));
  docs.push(...seeds);
  const { pick, between } = seeded(20261123);
  const ud: string[] = [];
  for (const part of ['dev', 'train']) {
    ud.push(...conlluSentences(resolve(DATA_DIR, `ud-vietnamese-vtb/vi_vtb-ud-${part}.conllu`)).map((s) => s.text.replace(/ ([,.;:!?)])/g, '$1')));
  }
  const seedSentences = seeds.flatMap((s) => s.split(/(?<=[.!?])\s+|\n+/)).filter((s) => s.trim());
  for (let i = 0; i < 300; i++) {
    const paras: string[] = [];
    const np = between(1, 5);
    for (let p = 0; p < np; p++) {
      const ns = between(1, 8);
      const ss: string[] = [];
      for (let k = 0; k < ns; k++) ss.push(i % 3 === 0 ? pick(seedSentences) : pick(ud));
      paras.push(ss.join(' '));
    }
    docs.push(paras.join('\n\n'));
  }
  for (const d of loadNerDocs()) docs.push(d.text);
  // Without diacritics: the same Vietnamese, stripped.
  for (const d of docs.slice(0, 60)) docs.push(d.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));
  docs.push(
    'Le président Emmanuel Macron a rencontré le 12 mars 2024 à Paris les représentants de la Commission européenne. La réunion a duré trois heures.',
    'Am 3. Oktober 2023 feierte Deutschland den Tag der Deutschen Einheit in Berlin. Bundeskanzler Olaf Scholz hielt eine Rede.',
    'El 5 de mayo de 2022, el presidente de México visitó Madrid para reunirse con el Rey Felipe VI.',
    '2024年3月12日、東京で岸田首相が記者会見を行った。日本銀行は金利を据え置いた。',
    'Президент России Владимир Путин 9 мая 2024 года выступил на параде в Москве.',
    'ในวันที่ 12 มีนาคม 2567 นายกรัฐมนตรีเดินทางไปเชียงใหม่',
    '서울에서 2023년 10월 3일 대통령이 연설했다. 한국은행은 금리를 동결했다.',
    'Ngày 12/11/2024, Thủ tướng Phạm Minh Chính tiếp Đại sứ Hoa Kỳ tại Hà Nội. Hôm qua, trước Tết Nguyên đán (10/2), UBND TP.HCM họp trong 3 tiếng đồng hồ.\n\nOn 5 March 2024 the World Bank said in Washington that growth would slow next year.',
    '',
    '   \n\n  ',
    'A',
  );
  return docs;
}

const docs = corpus();
const out: unknown[] = [];
const anchor = { value: '2024-11-15', precision: 'day' as const, evidence: null };
for (const text of docs) {
  const a = analyze(text);
  const a2 = analyze(text, { language: 'vi', published: anchor });
  const lang = a.language;
  const tables = tablesFor(lang);
  const sentences = splitSentences(text, tables);
  const m = findMentions(text, sentences, tables, sentences.map((s) => pieces(text, s.start, s.end)));
  const t1 = tagTimes(text, { language: lang, anchor });
  const t2 = tagTimesDetailed(text, { language: lang, anchor: null });
  const dd = inferDocumentDate({ text, language: lang, current: UNKNOWN_DATE });
  out.push({ a, a2, m, t1, t2, dd });
}
const json = JSON.stringify(out);
const dump = process.argv.indexOf('--dump');
if (dump >= 0) writeFileSync(process.argv[dump + 1]!, JSON.stringify(out, null, 1));
console.log(`${docs.length} texts, ${json.length} chars of JSON, sha256 ${createHash('sha256').update(json).digest('hex')}`);
