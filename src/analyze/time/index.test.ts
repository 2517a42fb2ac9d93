import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { choose, ruleMatches, withoutContained, type Found } from './engine.ts';
import { tablesFor, tagTimes } from './index.ts';

const anchor = { value: '2024-11-20', precision: 'day' as const, evidence: 'test' }; // a Wednesday
type Row = [text: string, surface: string, value: string | null, type?: string];

const english: Row[] = [
  ['The deal was signed on November 19, 2024.', 'November 19, 2024', '2024-11-19'],
  ['Shares rose on Nov. 19 after the report.', 'Nov. 19', '2024-11-19'],
  ['The summit opened on 19 November 2024 in Lima.', '19 November 2024', '2024-11-19'],
  ['The page was shown Tuesday, November 19, 2024.', 'Tuesday, November 19, 2024', '2024-11-19'],
  ['Yesterday the company said it would cut jobs.', 'Yesterday', '2024-11-19'],
  ['The vote took place last Tuesday.', 'last Tuesday', '2024-11-19'],
  ['Sales fell this year.', 'this year', '2024'],
  ['Profits doubled last year.', 'last year', '2023'],
  ['Prices will rise next month.', 'next month', '2024-12'],
  ['The plant closed two weeks ago.', 'two weeks ago', '2024-W45'],
  ['Revenue grew in the third quarter.', 'the third quarter', '2024-Q3'],
  ['The company will report results on Monday.', 'Monday', '2024-11-25'],
  ['The company reported results on Monday.', 'Monday', '2024-11-18'],
  ['The firm was founded in 2023.', '2023', '2023'],
  ['Earlier this month, the board met.', 'Earlier this month', '2024-11'],
  ['The data were released 2024-11-12.', '2024-11-12', '2024-11-12'],
  ['The filing is dated 11/19/2024.', '11/19/2024', '2024-11-19'],
  ['The meeting ended at 3:30 p.m.', '3:30 p.m.', '2024-11-20T15:30', 'time'],
  ['The talks lasted two years.', 'two years', 'P2Y', 'duration'],
  ['Over the past decade, output grew.', 'the past decade', 'P10Y', 'duration'],
  ['The committee meets every week.', 'every week', 'P1W', 'set'],
  ['The report is published annually.', 'annually', 'P1Y', 'set'],
  ['Output rose in March.', 'March', '2024-03'],
  ['The merger closed in the first half of 2009.', 'the first half of 2009', '2009-H1'],
];

const generic: [lang: string, text: string, surface: string, value: string][] = [
  ['fr', 'Le 12 novembre 2024, le président a parlé', '12 novembre 2024', '2024-11-12'],
  ['es', 'El 12 de noviembre de 2024 se firmó', '12 de noviembre de 2024', '2024-11-12'],
  ['de', 'Am 12. November 2024 wurde', '12. November 2024', '2024-11-12'],
  ['it', 'Il 12 novembre 2024 è stato', '12 novembre 2024', '2024-11-12'],
  ['pt', 'Em 12 de novembro de 2024 foi', '12 de novembro de 2024', '2024-11-12'],
  ['nl', 'Op 12 november 2024 werd', '12 november 2024', '2024-11-12'],
  ['nl', 'Datum 12.11.2024', '12.11.2024', '2024-11-12'],
  ['xx', 'ref 12/11/2024', '12/11/2024', '2024-11-12'],
  ['xx', 'ref 2024-11-12', '2024-11-12', '2024-11-12'],
  ['es', 'en marzo de 2023', 'marzo de 2023', '2023-03'],
];

test('English table', () => {
  const failures: string[] = [];
  for (const [text, surface, value, type] of english) {
    const got = tagTimes(text, { language: 'en', anchor });
    const hit = got.find((t) => t.surface === surface);
    if (!hit) failures.push(`${text}: no '${surface}' in ${JSON.stringify(got.map((t) => t.surface))}`);
    else if (hit.value !== value || hit.type !== (type ?? 'date')) failures.push(`${text}: got ${hit.value} ${hit.type}, want ${value}`);
  }
  assert.deepEqual(failures, []);
});

test('numeric dates and European month names in any language', () => {
  const failures: string[] = [];
  for (const [language, text, surface, value] of generic) {
    const got = tagTimes(text, { language, anchor: null });
    const hit = got.find((t) => t.surface === surface);
    if (!hit || hit.value !== value) failures.push(`${language} ${text}: ${JSON.stringify(got.map((t) => [t.surface, t.value]))}`);
  }
  assert.deepEqual(failures, []);
});

test('numeric order: day-first by default, month-first for English, an impossible month decides', () => {
  assert.equal(tagTimes('3/4/2024', { language: 'vi', anchor: null })[0]!.value, '2024-04-03');
  assert.equal(tagTimes('3/4/2024', { language: 'en', anchor: null })[0]!.value, '2024-03-04');
  assert.equal(tagTimes('25/4/2024', { language: 'en', anchor: null })[0]!.value, '2024-04-25');
});

test('without an anchor, relative expressions have no value and day-months keep an unknown year', () => {
  const got = tagTimes('Yesterday, on Nov. 19, prices rose; last year they fell.', { language: 'en', anchor: null });
  assert.deepEqual(got.map((t) => [t.surface, t.value]), [['Yesterday', null], ['Nov. 19', 'XXXX-11-19'], ['last year', null]]);
});

test('a date and a weekday or time join on one line, never across a line end', () => {
  const dateline = tagTimes('October 13, 2005\nOn Wednesday, Apple introduced an iPod.', { language: 'en', anchor });
  assert.deepEqual(dateline.map((t) => t.surface), ['October 13, 2005', 'Wednesday']);
  const oneLine = tagTimes('Apple introduced it on Wednesday, October 12, 2005.', { language: 'en', anchor });
  assert.deepEqual(oneLine.map((t) => [t.surface, t.value]), [['Wednesday, October 12, 2005', '2005-10-12']]);
  const vi = tagTimes('Ngày 2/11/2023\n19:20 hôm nay, đoàn đến Hà Nội.', { language: 'vi', anchor });
  assert.ok(vi.length >= 2 && vi.every((t) => !t.surface.includes('\n')), JSON.stringify(vi));
});

test('choosing and dropping contained expressions agree with the pairwise definitions', () => {
  const span = fc.tuple(fc.nat(60), fc.nat(12)).map(([start, n]) => ({ start, end: start + n }) as Found);
  fc.assert(fc.property(fc.array(span, { maxLength: 40 }), (found) => {
    // Longest first, earlier first on a tie; an expression overlapping one already chosen is dropped.
    const order = found.map((f, i) => ({ f, i })).sort((a, b) => b.f.end - b.f.start - (a.f.end - a.f.start) || a.i - b.i);
    const chosen: Found[] = [];
    for (const { f } of order) if (!chosen.some((c) => f.start < c.end && c.start < f.end)) chosen.push(f);
    assert.deepEqual(choose(found), chosen.sort((a, b) => a.start - b.start));
    const kept = found.filter((f, i) => !found.some((g, j) => j !== i && g.start <= f.start && f.end <= g.end && g.end - g.start > f.end - f.start));
    assert.deepEqual(withoutContained(found), kept);
  }), { numRuns: 3000 });
});

test('offsets point into the text', () => {
  const text = 'Ngày 12/11, tại Bắc Kinh; hôm qua và 3:30 p.m. Monday';
  for (const language of ['vi', 'en', 'fr']) {
    for (const t of tagTimes(text, { language, anchor })) assert.equal(text.slice(t.start, t.end), t.surface);
  }
});

test('every rule finds, through its looser twin, exactly what a plain global scan finds', () => {
  const rules = [...tablesFor('vi'), ...tablesFor('en')].flatMap((t) => t.rules);
  const plain = (re: RegExp, text: string): string[] => {
    const out: string[] = [];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push(`${m.index}:${JSON.stringify([...m])}`);
    }
    return out;
  };
  const part = fc.constantFrom(
    'ngày', 'Ngày', 'hôm', 'tháng', 'năm', 'thứ Hai', 'chủ nhật', 'sáng', 'chiều', 'tối qua', 'tuần trước', 'quý III', 'rằm',
    'tết', 'Tết', 'âm lịch', 'từ', 'đến', 'vào', 'lúc', 'giờ', 'hai', 'mười', 'vài', 'hàng', 'những', 'các', 'đầu', 'cuối',
    '12', '3', '2024', '1999', '15h30', '/', '-', '.', ',', '(', ')', ' ', ' ', '  ', '\n', 'x', 'ư', '7', 'last', 'next',
    'Monday', 'November', 'Nov.', 'de', 'mars', '2009-05-04', 'T10:30', 'ago', 'the', 'year', 'a.m.', '😀', 'ſ', 'K',
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 30 }).map((a) => a.join('')), (text) => {
      for (const r of rules) {
        const fast = ruleMatches(r.re, text).map((m) => `${m.index}:${JSON.stringify([...m])}`);
        assert.deepEqual(fast, plain(r.re, text), r.name);
      }
    }),
    { numRuns: 1500 },
  );
});
