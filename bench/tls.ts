// Timeline-summarization quality: `node --import tsx bench/tls.ts DIR [--language en]`.
// DIR holds <topic>/articles.jsonl and <topic>/timelines.jsonl (see src/eval/tls.ts). Prints Date-F1
// and ROUGE-1/2 F1 (concat, agreement, align+ m:1) per topic and the mean, beside the published
// Datewise numbers (Ghalandari & Ifrim 2020, Table 3). No dataset ships here; without one it says so.
import { existsSync } from 'node:fs';
import { evaluateTls, type TlsScores } from '../src/eval/tls.ts';

const ANCHORS = [
  { name: 'Datewise, Timeline17', rouge1_align_m1: 0.12, date_f1: 0.544 },
  { name: 'Datewise, Crisis', rouge1_align_m1: 0.089, date_f1: 0.295 },
];

const args = process.argv.slice(2);
const langAt = args.indexOf('--language');
const language = langAt >= 0 ? args[langAt + 1] : 'en';
const dir = args.find((a, i) => !a.startsWith('--') && (langAt < 0 || i !== langAt + 1));

if (!dir || !existsSync(dir)) {
  console.log(
    `No TLS dataset ${dir ? `at ${dir}` : 'given'}: nothing measured. Usage: node --import tsx bench/tls.ts DIR [--language en]\n` +
      'Timeline17 and Crisis are not in ../shared/data; convert one to DIR/<topic>/{articles,timelines}.jsonl to measure.',
  );
  console.log('Anchors (align+ m:1 ROUGE-1 F1 / Date-F1):');
  for (const a of ANCHORS) console.log(`  ${a.name.padEnd(22)} ${a.rouge1_align_m1.toFixed(3)} / ${a.date_f1.toFixed(3)}`);
  process.exit(0);
}

const f = (x: number) => x.toFixed(3);
const row = (name: string, n: number | string, s: TlsScores) =>
  [name.padEnd(24), String(n).padStart(4), f(s.date_f1), f(s.rouge1.concat), f(s.rouge1.agreement), f(s.rouge1.align_m1),
    f(s.rouge2.concat), f(s.rouge2.agreement), f(s.rouge2.align_m1)].join('  ');

const started = performance.now();
const report = await evaluateTls(dir, {
  language,
  onTimeline: (topic, i) => process.stderr.write(`  ${topic} #${i + 1} done\n`),
});
const seconds = (performance.now() - started) / 1000;
console.log(['topic'.padEnd(24), 'tls', 'dateF1', 'R1con', 'R1agr', 'R1al+', 'R2con', 'R2agr', 'R2al+'].join('  '));
for (const t of report.topics) console.log(row(t.topic, t.timelines, t));
console.log(row('MEAN (Tinline)', report.topics.reduce((s, t) => s + t.timelines, 0), report.mean));
console.log('\nAnchors (align+ m:1 ROUGE-1 F1 / Date-F1):');
console.log(`  ${'Tinline (this run)'.padEnd(22)} ${f(report.mean.rouge1.align_m1)} / ${f(report.mean.date_f1)}`);
for (const a of ANCHORS) console.log(`  ${a.name.padEnd(22)} ${a.rouge1_align_m1.toFixed(3)} / ${a.date_f1.toFixed(3)}`);
console.log(`\n${seconds.toFixed(1)} s`);
