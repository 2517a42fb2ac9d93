// decode: charset detection accuracy on text nobody here wrote, and decoding speed.
//
//   node --import tsx bench/decode.ts
//
// Vietnamese: UD VTB dev sentences, each encoded alone and in runs of 5, in every legacy
// encoding, decoded without a declared charset; "text ok" = same normalized text as the
// original. Non-Vietnamese: the article-extraction-benchmark bodies (mostly English) in
// Windows-1252: how often a Vietnamese encoding is wrongly chosen.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATA_DIR, seedFiles } from '../test/shared.ts';
import { decodeBytes, detectCharset, normalizeText } from '../src/decode/index.ts';
import { encodeAs } from '../src/decode/encode.ts';
import { decodeAs } from '../src/decode/charset.ts';

const sentences = [...readFileSync(resolve(DATA_DIR, 'ud-vietnamese-vtb/vi_vtb-ud-dev.conllu'), 'utf8').normalize('NFC').matchAll(/^# text ?= ?(.*)$/gm)]
  .map((m) => m[1]!.replace(/[“”]/g, '"'));
const runs: string[] = [];
for (let i = 0; i + 5 <= sentences.length; i += 5) runs.push(sentences.slice(i, i + 5).join(' '));

for (const [label, texts] of [['1 sentence', sentences], ['5 sentences', runs]] as const) {
  for (const charset of ['windows-1258', 'viscii', 'tcvn3', 'vni']) {
    let right = 0;
    let textOk = 0;
    let total = 0;
    for (const t of texts) {
      const bytes = encodeAs(t, charset);
      if (bytes.every((b) => b < 0x80)) continue; // nothing to detect
      if (normalizeText(decodeAs(bytes, charset)) !== normalizeText(t)) continue; // a character the encoding cannot hold
      total++;
      try {
        const d = decodeBytes(bytes);
        if (d.charset === charset) right++;
        if (d.text === normalizeText(t)) textOk++;
      } catch { /* counted as wrong */ }
    }
    console.log(`vi ${label.padEnd(11)} ${charset.padEnd(12)} n=${total}  charset ${(100 * right / total).toFixed(1)}%  text ok ${(100 * textOk / total).toFixed(1)}%`);
  }
}

const truth = JSON.parse(readFileSync(resolve(DATA_DIR, 'article-extraction-benchmark/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
let n = 0;
let cp1252 = 0;
const wrong: string[] = [];
for (const [id, { articleBody }] of Object.entries(truth)) {
  const bytes = encodeAs(articleBody, 'windows-1252');
  if (bytes.every((b) => b < 0x80)) continue;
  n++;
  const c = detectCharset(bytes);
  if (c === 'windows-1252') cp1252++;
  else wrong.push(`${id}:${c}`);
}
console.log(`non-vi bodies in windows-1252 with non-ASCII bytes: n=${n}  kept windows-1252 ${(100 * cp1252 / n).toFixed(1)}%  ${wrong.slice(0, 5).join(' ')}`);

// Speed: the seeds, repeated to ~1 MB, as UTF-8 and as VNI (the slowest path: scored, then mapped).
const seedText = seedFiles().map((f) => readFileSync(f, 'utf8')).join('\n\n');
const big = seedText.repeat(Math.ceil(1e6 / Buffer.byteLength(seedText)));
for (const charset of ['utf-8', 'vni', 'windows-1258']) {
  const bytes = charset === 'utf-8' ? Buffer.from(big) : encodeAs(big, charset);
  decodeBytes(bytes);
  const t0 = process.hrtime.bigint();
  const reps = 5;
  for (let i = 0; i < reps; i++) decodeBytes(bytes);
  const s = Number(process.hrtime.bigint() - t0) / 1e9 / reps;
  console.log(`speed ${charset.padEnd(12)} ${(bytes.length / 1e6).toFixed(2)} MB  ${(bytes.length / 1e6 / s).toFixed(1)} MB/s`);
}
