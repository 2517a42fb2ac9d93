import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis, Article, Precision, TimeExpression } from '../types.ts';
import { DASHES, buildTimeline, formatDate, formatTimeline, summarize, type TellDoc } from './index.ts';

// Hand-built TellDocs: sentences are split on ". " and every word is a token, so the tests
// exercise `tell` alone, not the analyzer.
interface TimeSpec {
  sentence: number;
  value: string;
  precision: Precision;
  mod?: 'before' | 'after' | 'approx';
}
function doc(
  id: string,
  published: { value: string; precision: Precision } | null,
  paragraphs: string[],
  times: TimeSpec[] = [],
  language = 'en',
  title: string | null = null,
): TellDoc {
  const text = paragraphs.join('\n\n');
  const sentences: Analysis['sentences'] = [];
  const re = /[^.!?\n]+[.!?]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (!t) continue;
    sentences.push({ start: m.index + lead, end: m.index + lead + t.length, text: t });
  }
  const tokens: Analysis['tokens'] = [];
  const wre = /[\p{L}\p{N}]+/gu;
  for (let m = wre.exec(text); m; m = wre.exec(text)) tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  const timeExprs: TimeExpression[] = times.map((t) => {
    const s = sentences[t.sentence]!;
    return { start: s.start, end: s.start + 1, surface: s.text.slice(0, 1), value: t.value, precision: t.precision, type: 'date', anchor: null, mod: t.mod ?? null, sentence: t.sentence };
  });
  const article: Article = {
    id,
    origin: `${id}.txt`,
    title,
    source: null,
    language,
    published: published ? { ...published, evidence: 'test' } : { value: null, precision: null, evidence: null },
    body: paragraphs,
    captions: [],
    removed: [],
    raw: text,
    charset: 'utf-8',
    duplicateOf: null,
    ingestedAt: '2000-01-01T00:00:00Z',
  };
  return { article, analysis: { language, sentences, tokens, mentions: [], times: timeExprs } };
}

const day = (value: string) => ({ value, precision: 'day' as const });
const month = (value: string) => ({ value, precision: 'month' as const });
const year = (value: string) => ({ value, precision: 'year' as const });

// A small story over three years, with a year-unknown article, a month-precision article and a
// lead repeated in the body with one word changed.
function story(): TellDoc[] {
  return [
    doc('aaaa1111xx', day('2024-11-12'), [
      'Ministers from Norland and Sudmark met in Harbor City to sign a fishing treaty.',
      'The treaty sets quotas for cod and herring in the northern sea.',
      'Talks had begun in Harbor City in March 2023 without result.',
    ], [{ sentence: 2, value: '2023-03', precision: 'month' }]),
    doc('bbbb2222xx', month('2023-09'), [
      'Norland and Sudmark opened formal talks on fishing quotas in the northern sea.',
      'Negotiators from both ministries said the cod stocks were shrinking fast.',
    ]),
    doc('cccc3333xx', month('2024-02'), [
      'The call took place before the spring festival, when both leaders discussed fishing quotas.',
      'Fishermen in Norland protested against the draft quotas for herring.',
      'The conversation took place before the spring festival, when both leaders discussed fishing quotas.',
    ], [{ sentence: 0, value: '2024-02-10', precision: 'day', mod: 'before' }]),
    doc('dddd4444xx', null, [
      'On 18 November the foreign ministers of Norland and Sudmark spoke by phone about the northern sea.',
      'They agreed that fishing rights needed a new framework.',
    ], [{ sentence: 0, value: 'XXXX-11-18', precision: 'day' }]),
    doc('eeee5555xx', year('2025'), [
      'Norland and Sudmark held a review of the fishing treaty this year in Harbor City.',
      'Both sides said the quotas for cod had helped the stocks recover.',
    ]),
  ];
}

const allSentences = (t: ReturnType<typeof buildTimeline>) => t.entries.flatMap((e) => e.sentences);

describe('buildTimeline', () => {
  it('puts entries in time order, each citing the article it came from', () => {
    const docs = story();
    const t = buildTimeline(docs);
    assert.deepEqual(
      t.entries.map((e) => e.date.value),
      ['XXXX-11-18', '2023-09', '2024-02', '2024-11-12', '2025'],
    );
    const byId = new Map(docs.map((d) => [d.article.id, d]));
    for (const s of allSentences(t)) {
      const d = byId.get(s.article);
      assert.ok(d, `cites a known article: ${s.article}`);
      assert.ok(d.article.body.join('\n\n').includes(s.text), `"${s.text}" is in ${s.article}`);
    }
    // Each entry cites the article filed under that date.
    assert.deepEqual(
      t.entries.map((e) => e.sentences[0]!.article),
      ['dddd4444xx', 'bbbb2222xx', 'cccc3333xx', 'aaaa1111xx', 'eeee5555xx'],
    );
  });

  it('keeps the real precision: a month stays a month, an unknown year stays unknown', () => {
    const t = buildTimeline(story());
    const prec = Object.fromEntries(t.entries.map((e) => [e.date.value, e.date.precision]));
    assert.deepEqual(prec, { 'XXXX-11-18': 'day', '2023-09': 'month', '2024-02': 'month', '2024-11-12': 'day', '2025': 'year' });
    // The bound `before 2024-02-10` is not turned into a day entry.
    assert.ok(!t.entries.some((e) => e.date.value === '2024-02-10'));
    const unknown = t.entries.find((e) => e.date.value === 'XXXX-11-18')!;
    assert.equal(unknown.yearEstimate?.year, null);
    assert.ok(!t.entries.find((e) => e.date.value === '2025')!.yearEstimate);
    const md = formatTimeline(t, 'md');
    assert.match(md, /^## Sep 2023$/m);
    assert.match(md, /^## Feb 2024$/m);
    assert.match(md, /^## 18 Nov, year unknown$/m);
    assert.match(md, /^## 2025$/m);
    assert.match(md, /^## 12 Nov 2024$/m);
    assert.doesNotMatch(md, /^## \d+ Sep 2023$/m, 'a month entry is never shown as a day');
  });

  it('does not make an entry of the year two articles merely stand in', () => {
    const docs = story();
    // "this year" in two articles of 2024, each already filed under a finer date of 2024.
    for (const i of [0, 2]) {
      const d = docs[i]!;
      const n = d.analysis.sentences.length - 1;
      d.analysis.times.push({ start: d.analysis.sentences[n]!.start, end: d.analysis.sentences[n]!.start + 1, surface: 'x', value: '2024', precision: 'year', type: 'date', anchor: null, sentence: n });
    }
    const values = buildTimeline(docs).entries.map((e) => e.date.value);
    assert.ok(!values.includes('2024'), values.join(' '));
    // Two articles filed elsewhere that both name 2024 do make it an entry.
    docs[0]!.article.published = { value: '2023-01-05', precision: 'day', evidence: 'test' };
    docs[2]!.article.published = { value: '2023-02', precision: 'month', evidence: 'test' };
    assert.ok(buildTimeline(docs).entries.some((e) => e.date.value === '2024'));
  });

  it('sorts a year-unknown entry by the publication year of its article', () => {
    const docs = story();
    docs[3]!.article.published = { value: '2024', precision: 'year', evidence: 'test' };
    const t = buildTimeline(docs);
    const e = t.entries.find((x) => x.date.value === 'XXXX-11-18')!;
    assert.equal(e.yearEstimate?.year, 2024);
    const order = t.entries.map((x) => x.date.value);
    assert.ok(order.indexOf('XXXX-11-18') > order.indexOf('2024-11-12'), order.join(' '));
  });

  it('never cites the same sentence twice, nor a lead repeated with one word changed', () => {
    const t = buildTimeline(story(), { dates: 10, sentencesPerDate: 3 });
    const texts = allSentences(t).map((s) => s.text);
    assert.equal(new Set(texts).size, texts.length);
    const repeats = texts.filter((x) => /took place before the spring festival/.test(x));
    assert.equal(repeats.length, 1, texts.join('\n'));
  });

  it('honours dates and sentencesPerDate', () => {
    const t = buildTimeline(story(), { dates: 2, sentencesPerDate: 2 });
    assert.equal(t.entries.length, 2);
    for (const e of t.entries) assert.equal(e.sentences.length, 2);
    const one = buildTimeline(story(), { dates: 3, sentencesPerDate: 1 });
    assert.equal(one.entries.length, 3);
    for (const e of one.entries) assert.equal(e.sentences.length, 1);
  });

  it('with a query, only matching documents and sentences count', () => {
    const t = buildTimeline(story(), { query: 'Harbor City' });
    const cited = new Set(allSentences(t).map((s) => s.article));
    assert.deepEqual([...cited].sort(), ['aaaa1111xx', 'eeee5555xx']);
    for (const s of allSentences(t)) assert.match(s.text, /Harbor|City/);
    assert.equal(t.title, 'Harbor City');
  });

  it('matches a query without diacritics against Vietnamese text', () => {
    const docs = [
      doc('vi000001', day('2024-11-12'), ['Ngoại trưởng Vương Nghị gặp người đồng cấp tại Bắc Kinh hôm nay.'], [], 'vi'),
      doc('vi000002', day('2024-11-13'), ['Thủ tướng thăm nhà máy điện ở miền Trung vào buổi sáng.'], [], 'vi'),
    ];
    const t = buildTimeline(docs, { query: 'vuong nghi' });
    assert.deepEqual(allSentences(t).map((s) => s.article), ['vi000001']);
    assert.equal(formatTimeline(t, 'md', { lang: 'vi' }).includes('## 12/11/2024'), true);
  });
});

describe('formatTimeline', () => {
  const t = buildTimeline(story(), { title: 'Fishing treaty' });

  it('writes Markdown with a heading per date and a citation per bullet', () => {
    const md = formatTimeline(t, 'md', { articleLabel: (id) => id.slice(0, 4) });
    assert.match(md, /^# Fishing treaty\n/);
    const bullets = md.split('\n').filter((l) => l.startsWith('- '));
    assert.equal(bullets.length, allSentences(t).length);
    for (const b of bullets) assert.match(b, / \[[a-e]{4}\]$/);
    assert.match(formatTimeline(t, 'md'), / \[aaaa1111\]$/m);
  });

  it('writes JSON in exactly the documented shape', () => {
    const parsed = JSON.parse(formatTimeline(t, 'json'));
    assert.deepEqual(Object.keys(parsed), ['title', 'entries']);
    assert.equal(parsed.title, 'Fishing treaty');
    for (const e of parsed.entries) {
      assert.deepEqual(Object.keys(e), ['date', 'sentences']);
      assert.deepEqual(Object.keys(e.date), ['value', 'precision']);
      for (const s of e.sentences) assert.deepEqual(Object.keys(s), ['text', 'article']);
    }
    assert.deepEqual(parsed.entries.map((e: { date: { value: string } }) => e.date.value), t.entries.map((e) => e.date.value));
  });

  it('writes the research text format: a date line, one sentence a line, 32 dashes', () => {
    const text = formatTimeline(t, 'text');
    const blocks = text.trimEnd().split('\n' + '-'.repeat(32)).filter((b) => b.trim());
    assert.equal(blocks.length, t.entries.length);
    const lines = text.split('\n');
    const dashLines = lines.filter((l) => /^-+$/.test(l));
    assert.equal(dashLines.length, t.entries.length);
    for (const l of dashLines) assert.equal(l, '--------------------------------');
    assert.equal(DASHES.length, 32);
    const dates = lines.filter((l) => /^(\d{4}|XXXX)-\d{2}-\d{2}$/.test(l));
    assert.deepEqual(dates, ['XXXX-11-18', '2023-09-01', '2024-02-01', '2024-11-12', '2025-01-01']);
  });
});

describe('formatDate', () => {
  it('shows each precision without inventing parts', () => {
    assert.equal(formatDate({ value: 'XXXX-11-18', precision: 'day' }, 'en'), '18 Nov, year unknown');
    assert.equal(formatDate({ value: '--11-18', precision: 'day' }, 'en'), '18 Nov, year unknown');
    assert.equal(formatDate({ value: '2024-11', precision: 'month' }, 'en'), 'Nov 2024');
    assert.equal(formatDate({ value: '2025', precision: 'year' }, 'en'), '2025');
    assert.equal(formatDate({ value: '2024-11-12', precision: 'day' }, 'en'), '12 Nov 2024');
    assert.equal(formatDate({ value: '2024-11-12', precision: 'month' }, 'en'), 'Nov 2024');
    assert.equal(formatDate({ value: '2024-11', precision: 'month' }, 'vi'), 'tháng 11/2024');
    assert.equal(formatDate({ value: 'XXXX-11-18', precision: 'day' }, 'vi'), '18/11 (không rõ năm)');
  });
});

describe('summarize', () => {
  it('gives short, cited, non-repeating sentences in article order', () => {
    const docs = story();
    const s = summarize(docs);
    assert.equal(s.length, 3);
    const texts = s.map((x) => x.text);
    assert.equal(new Set(texts).size, 3);
    assert.ok(texts.filter((x) => /took place before the spring festival/.test(x)).length <= 1);
    const pubOrder = ['bbbb2222xx', 'cccc3333xx', 'aaaa1111xx', 'eeee5555xx', 'dddd4444xx'];
    const idx = s.map((x) => pubOrder.indexOf(x.article));
    assert.ok(idx.every((i) => i >= 0));
    assert.deepEqual(idx, [...idx].sort((a, b) => a - b));
    assert.equal(summarize(docs, { sentences: 1 }).length, 1);
  });

  it('keeps to the requested language', () => {
    const docs = [
      ...story(),
      doc('vi000001', day('2024-11-12'), ['Hai bộ trưởng ký hiệp định nghề cá tại thành phố cảng.'], [], 'vi'),
    ];
    const s = summarize(docs, { language: 'vi', sentences: 3 });
    assert.deepEqual(s.map((x) => x.article), ['vi000001']);
  });
});

// A lead that leans on what came before (`Here, …`, `Tại đây, …`) against a self-contained sentence
// saying nearly the same: the lead bonus alone would pick the back-reference.
describe('self-contained sentences', () => {
  const cases = [
    {
      language: 'en',
      back: 'Here, the ministers of Norland and Sudmark signed the fishing treaty on quotas.',
      alone: 'The ministers of Norland and Sudmark signed the fishing treaty on quotas in Harbor City.',
    },
    {
      language: 'vi',
      back: 'Tại đây, bộ trưởng Norland và Sudmark đã ký hiệp định nghề cá về hạn ngạch.',
      alone: 'Bộ trưởng Norland và Sudmark đã ký hiệp định nghề cá về hạn ngạch tại Harbor City.',
    },
  ];
  for (const { language, back, alone } of cases) {
    const docs = () => [
      doc('ffff6666xx', day('2024-05-02'), [back, alone, 'Fishermen waited at the harbour for news.'], [], language),
    ];
    it(`${language}: a timeline line prefers the self-contained sentence`, () => {
      assert.deepEqual(allSentences(buildTimeline(docs())).map((s) => s.text), [alone]);
      // Without the preference the lead wins: the test measures the preference, not the fixture.
      assert.deepEqual(allSentences(buildTimeline(docs(), { backReferencePenalty: 0 })).map((s) => s.text), [back]);
    });
    it(`${language}: a summary prefers the self-contained sentence`, () => {
      assert.deepEqual(summarize(docs(), { sentences: 1 }).map((s) => s.text), [alone]);
      assert.deepEqual(summarize(docs(), { sentences: 1, backReferencePenalty: 0 }).map((s) => s.text), [back]);
    });
  }

  it('penalises, not forbids: a back-reference far more salient than the rest is still chosen', () => {
    // The day's other articles retell the signing in other words; the back-referencing lead is the only
    // sentence of its article about it, its alternative is about the weather.
    const lone = doc('gggg7777xx', day('2024-05-04'), [
      'However, Norland and Sudmark signed the fishing treaty on cod and herring quotas.',
      'The weather in the port city was grey and mild all afternoon long today.',
    ]);
    const others = [
      doc('hhhh8888xx', day('2024-05-04'), ['Envoys of Norland and Sudmark put their names to a treaty on fishing.']),
      doc('jjjj0000xx', day('2024-05-04'), ['Quotas for cod and herring are now fixed between Sudmark and Norland.']),
    ];
    const lines = allSentences(buildTimeline([lone, ...others], { sentencesPerDate: 3 })).map((x) => x.text);
    assert.ok(lines.includes(lone.analysis.sentences[0]!.text), lines.join(' | '));
  });

  it('reads a back-reference it must keep after its short antecedent of the same date', () => {
    const make = (antecedentTimes: TimeSpec[]) => [
      doc('kkkk1111xx', day('2024-05-04'), [
        'Crowds gathered at the port of Harbor City.',
        'However, Norland and Sudmark signed the fishing treaty on cod and herring quotas.',
        'The weather in the port city was grey and mild all afternoon long today.',
      ], antecedentTimes),
      doc('hhhh8888xx', day('2024-05-04'), ['Envoys of Norland and Sudmark put their names to a treaty on fishing.']),
      doc('jjjj0000xx', day('2024-05-04'), ['Quotas for cod and herring are now fixed between Sudmark and Norland.']),
    ];
    const docs = make([]);
    const [first, second] = docs[0]!.analysis.sentences;
    const line = allSentences(buildTimeline(docs, { sentencesPerDate: 3 })).find((x) => x.article === 'kkkk1111xx')!;
    assert.equal(line.text, `${first!.text} ${second!.text}`);
    assert.deepEqual([line.start, line.end], [first!.start, second!.end]);
    const sum = summarize(docs, { sentences: 3 }).find((x) => x.article === 'kkkk1111xx');
    assert.ok(!sum || !/^However/.test(sum.text), sum?.text);
    // An antecedent that names another date tells of another day: the line stays alone.
    const other = make([{ sentence: 0, value: '2023-01-15', precision: 'day' }]);
    const lines = allSentences(buildTimeline(other, { sentencesPerDate: 3 })).map((x) => x.text);
    assert.ok(lines.includes(second!.text), lines.join(' | '));
    // Each sentence at most once, even inside a pair.
    const all = allSentences(buildTimeline(docs, { sentencesPerDate: 3 })).map((x) => x.text);
    assert.ok(!all.includes(first!.text), 'the antecedent is not cited again alone');
  });

  it('reads openings from the language tables only', async () => {
    const { opensWithBackReference } = await import('./openings.ts');
    const { tellLanguage } = await import('./lang/index.ts');
    const en = tellLanguage('en');
    const vi = tellLanguage('vi');
    assert.equal(opensWithBackReference('“He said the plan failed.”', en), true);
    assert.equal(opensWithBackReference('There, the talks resumed.', en), true);
    assert.equal(opensWithBackReference('There were five deaths.', en), false);
    assert.equal(opensWithBackReference('This year, sales rose.', en), false);
    assert.equal(opensWithBackReference('Items were sold.', en), false);
    assert.equal(opensWithBackReference('Ông cho biết thêm.', vi), true);
    assert.equal(opensWithBackReference('Ông Nguyễn Văn An cho biết.', vi), false, 'a title before a name');
    assert.equal(opensWithBackReference('Trong khi đó, giá vàng giảm.', vi), true);
    assert.equal(opensWithBackReference('Trong năm 2024, kinh tế tăng.', vi), false);
    assert.equal(opensWithBackReference('Since this mechanism was set up, trade grew.', en), true, 'a demonstrative in the opening clause');
    assert.equal(opensWithBackReference('Trade grew, and this mechanism helped.', en), false, 'only the opening clause counts');
    assert.equal(opensWithBackReference('Kể từ khi thiết lập cơ chế này, thương mại tăng.', vi), true);
    assert.equal(opensWithBackReference('Trong tuần này, thương mại tăng.', vi), false, 'the current week is not a back-reference');
    assert.equal(opensWithBackReference('However, talks stalled.', tellLanguage('xx')), false, 'no table, no guess');
  });
});
