// Publication dates on htmldate's MediaCloud evaluation sample (../shared/data/htmldate-mediacloud:
// 200 pages in many languages, truth.json url -> {file, date}). The day is compared: a wrong day (or a
// date known only to the month or year) is a false positive, no date a false negative.
//   node --import tsx bench/dates.ts [--list] [--diff]
// --list prints one line per wrong or missing page; --diff also prints, for each, every date the page
// offers (best first, with where it was found), so a wrong choice can be traced to its rule.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/extract/index.ts';
import { readHtml } from '../src/extract/html.ts';
import { isTinlineError } from '../src/errors.ts';
import { DATA_DIR } from '../test/shared.ts';

const DIR = resolve(DATA_DIR, 'htmldate-mediacloud');
// The file is Python's json.dump output: pages with no publication date carry a bare `NaN`.
const truth = JSON.parse(readFileSync(resolve(DIR, 'truth.json'), 'utf8').replace(/:\s*NaN\b/g, ': null')) as Record<
  string,
  { file: string; date: string | null }
>;

let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
let partialOnly = 0;
const bySource = new Map<string, { tp: number; fp: number; fn: number }>();
const wrong: string[] = [];
const c0 = process.cpuUsage();
for (const [url, { file, date }] of Object.entries(truth)) {
  const html = gunzipSync(readFileSync(resolve(DIR, 'pages', `${file}.gz`))).toString('utf8');
  let value: string | null = null;
  let precision: string | null = null;
  let evidence = '';
  try {
    const a = extractArticle({ text: html, format: 'html', origin: file, given: { url } });
    ({ value, precision } = a.published);
    evidence = a.published.evidence ?? '';
  } catch (e) {
    if (!isTinlineError(e)) throw e;
    evidence = `page refused: ${e.code}`;
  }
  const explain = () => {
    if (!process.argv.includes('--diff')) return '';
    const page = readHtml(html, file, url, { explain: true });
    const lines = (page.dateCandidates ?? []).map((d) => `       ${d.value === date ? '=' : ' '} ${d.value}  ${(d.evidence ?? '').slice(0, 110)}`);
    return `\n${lines.length ? lines.join('\n') : '         (no candidates)'}`;
  };
  const kind = value === null ? 'none' : evidence.split(':')[0] || 'none';
  const s = bySource.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
  bySource.set(kind, s);
  if (date === null) {
    // No date to find: saying none is right, any date is a false positive.
    if (value === null) tn++;
    else {
      fp++;
      s.fp++;
      wrong.push(`FP   none got ${value} (${evidence.slice(0, 90)}) ${url}${explain()}`);
    }
  } else if (value === null) {
    fn++;
    s.fn++;
    wrong.push(`MISS ${date}${evidence ? ` (${evidence})` : ''} ${url}${explain()}`);
  } else if (precision === 'day' && value === date) {
    tp++;
    s.tp++;
  } else {
    fp++;
    s.fp++;
    if (precision !== 'day') partialOnly++;
    wrong.push(`FP   ${date} got ${value} (${evidence.slice(0, 90)}) ${url}${explain()}`);
  }
}
const c = process.cpuUsage(c0);
const p = tp / (tp + fp);
const r = tp / (tp + fn);
const f = (2 * p * r) / (p + r);
console.log(`htmldate-mediacloud: ${Object.keys(truth).length} pages`);
console.log(`tinline extract   precision ${p.toFixed(3)}  recall ${r.toFixed(3)}  F ${f.toFixed(3)}   (tp ${tp}, fp ${fp} of which ${partialOnly} month/year only, fn ${fn}, tn ${tn})`);
console.log('htmldate (anchor) F 0.949 on its own, larger evaluation set (published figure, not run here)');
console.log(`${(Object.keys(truth).length / ((c.user + c.system) / 1e6)).toFixed(1)} pages per CPU second`);
console.log('by evidence:');
for (const [k, v] of [...bySource].sort((a, b) => b[1].tp + b[1].fp - (a[1].tp + a[1].fp))) console.log(`  ${k.padEnd(36)} tp ${v.tp}  fp ${v.fp}  fn ${v.fn}`);
if (process.argv.includes('--list') || process.argv.includes('--diff')) for (const w of wrong) console.log(w);
