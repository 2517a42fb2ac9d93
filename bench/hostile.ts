// Time on inputs built to find work that grows faster than the input: one huge paragraph full of dates
// and names, and HTML whose tags never close or never end. Prints CPU ms per input; each should grow
// about linearly with the size argument.
//   node --import tsx bench/hostile.ts [scale=1]
import { extractArticle } from '../src/extract/index.ts';
import { sanitizeHtml } from '../src/extract/sanitize.ts';
import { processDocument } from '../src/pipeline/process.ts';

const SCALE = Number(process.argv[2] ?? 1);
const VI = 'Ngoại trưởng Vương Nghị gặp đối tác ở Đà Nẵng ngày 12/11 ';
const EN = 'On Monday, January 5, 2024 at 3 p.m. President Joe Biden met Mr. Smith of the U.S. Senate; last week it voted. ';
const PARA = 'The city council approved the new transit budget on a narrow vote, after a debate that ran late into the evening.';

const cpu = (f: () => unknown): string => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) / 1000).toFixed(0).padStart(7);
};
const text = (t: string) => () => processDocument({ origin: 'x.txt', format: 'text', bytes: Buffer.from(t), given: {} });
const html = (h: string) => () => extractArticle({ text: h, format: 'html', origin: 'x.html', given: {} });

const cases: [string, () => unknown][] = [
  [`one Vietnamese paragraph, ${4000 * SCALE} dates`, text(VI.repeat(4000 * SCALE))],
  [`one English paragraph, ${3000 * SCALE} dates and names`, text(EN.repeat(3000 * SCALE))],
  [`${20000 * SCALE} short paragraphs`, text('Ông Nguyễn Văn An cho biết hôm qua.\n\n'.repeat(20000 * SCALE))],
  [`sanitize: ${20000 * SCALE} unclosed <iframe>`, () => sanitizeHtml(`<p>${PARA}</p>${'<iframe>x'.repeat(20000 * SCALE)}`)],
  [`sanitize: ${100000 * SCALE} tags that never end`, () => sanitizeHtml(`<p>${PARA}</p>${'<a '.repeat(100000 * SCALE)}>`)],
  [`sanitize: ${100000 * SCALE} nested <div>`, () => sanitizeHtml(`${'<div>'.repeat(100000 * SCALE)}<p>${PARA}</p>`)],
  [`extract: ${20000 * SCALE} spans`, html(`<p>${PARA}</p>${'<span>y</span>'.repeat(20000 * SCALE)}`)],
];
text(VI)(); // load tables once, outside the timings
for (const [label, f] of cases) console.log(`${cpu(f)} CPU ms  ${label}`);
