import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { inferDocumentDate } from './docdate.ts';
import { loadExpected, seedFiles } from '../../test/shared.ts';
import type { PartialDate } from '../types.ts';

const none: PartialDate = { value: null, precision: null, evidence: null };
const d = (value: string, precision: PartialDate['precision']): PartialDate => ({ value, precision, evidence: 'test' });

// What a plain-text extractor gives for each seed, in name order (the seeds have no other metadata).
const given: { current: PartialDate; pageDates?: PartialDate[] }[] = [
  { current: d('2023-09', 'month') },
  { current: none },
  { current: none },
  { current: none, pageDates: [d('2024-11-19', 'day')] },
  { current: none },
];

test('seed publication dates match expected.json', () => {
  const expected = loadExpected();
  seedFiles().forEach((file, i) => {
    const text = readFileSync(file, 'utf8').normalize('NFC');
    const doc = expected.documents[basename(file)]!;
    const got = inferDocumentDate({ text, language: 'vi', ...given[i]! });
    const ok = [doc.published, ...(doc.published_acceptable ?? [])];
    // A day-month with the year unknown is what 'published: null' allows.
    if (doc.published === null) ok.push(`XXXX-${(doc as { published_from?: string }).published_from?.match(/(\d{1,2})\/(\d{1,2})/)?.slice(1).reverse().map((x) => x.padStart(2, '0')).join('-')}`);
    assert.ok(ok.includes(got.value), `${basename(file)}: got ${got.value} (${got.evidence}); expected one of ${ok.join(', ')}`);
    if (got.value !== given[i]!.current.value) assert.ok(got.evidence && got.evidence.startsWith('inferred from'), got.evidence ?? '');
  });
});

test('a full day given is kept', () => {
  const current = d('2024-03-05', 'day');
  assert.equal(inferDocumentDate({ text: 'Ngày 12/11 năm 2020, ...', language: 'vi', current }), current);
});

test('an approaching year fixes this year (English)', () => {
  const got = inferDocumentDate({ text: 'This year the two met twice. With 2031 approaching, they plan more.', language: 'en', current: none });
  assert.equal(got.value, '2030');
  assert.match(got.evidence ?? '', /This year/);
});

test('a partial date takes the latest stated year, or the next when it would fall before a dated mention', () => {
  const a = inferDocumentDate({ text: 'Ngày 3/2, hai bên gặp nhau. Trước đó, vào tháng 10/2019, hai bên đã ký thỏa thuận.', language: 'vi', current: none });
  assert.equal(a.value, '2020-02');
  const b = inferDocumentDate({ text: 'Ngày 3/12, hai bên gặp nhau. Trước đó, vào tháng 10/2019, hai bên đã ký thỏa thuận.', language: 'vi', current: none });
  assert.equal(b.value, '2019-12');
});

test('lunar new year in brackets picks the latest matching year under the page date', () => {
  const text = 'Cuộc gặp diễn ra trước ngày đầu năm mới Âm lịch (29/1).';
  const got = inferDocumentDate({ text, language: 'vi', current: none, pageDates: [d('2026-06-01', 'day')] });
  assert.equal(got.value, '2025-01');
});

test('no evidence: year stays unknown, and never the clock', () => {
  assert.equal(inferDocumentDate({ text: 'Hai bên thảo luận về hợp tác.', language: 'vi', current: none }).value, null);
  assert.equal(inferDocumentDate({ text: 'Ngày 18/11, hai bên điện đàm.', language: 'vi', current: none }).value, 'XXXX-11-18');
});

test('the latest dated event bounds the date from below', () => {
  const got = inferDocumentDate({ text: 'On March 3, 2021 the plant closed; on 12 May 2021 it reopened.', language: 'en', current: none });
  assert.equal(got.value, '2021-05');
});
