import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchAll, matchAllPlain } from './engine.ts';
import { tablesFor } from './index.ts';
import { buildIndex, fold, openings } from './prefix.ts';

const WORD_START = '(?<![\\p{L}\\p{N}])';
const allTables = ['vi', 'en', 'fr'].map((l) => tablesFor(l));

test('openings: the literals every match starts with, or null', () => {
  assert.deepEqual(openings('(?:(tuần|tháng)\\s+(qua|tới))(?![\\p{L}])'), ['tuần', 'thán']);
  assert.deepEqual(openings('(?:(?:ngày\\s+)?(\\d{1,2})/)'), ['ngày', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.deepEqual(openings('(?:the\\s+)?first'), ['the', 'firs']);
  assert.equal(openings('[a-z]+x'), null);
  assert.equal(openings("'?s"), null);
  assert.equal(openings('(?:a|\\s*b)'), null);
});

test('fold joins every character a case-insensitive pattern joins with a literal the tables open with', () => {
  const res = [...new Set(allTables.flat().flatMap((t) => t.rules.map((r) => r.re)))];
  const index = buildIndex(res);
  const chars = new Set<string>();
  res.forEach((re, i) => {
    if (!index.indexed[i]) return;
    for (const o of openings(re.source.slice(WORD_START.length))!) for (const c of o.slice(0, 4)) chars.add(c);
  });
  assert.ok(chars.size > 20);
  let bmp = '';
  for (let c = 0; c < 65536; c++) if (c < 0xd800 || c > 0xdfff) bmp += String.fromCharCode(c);
  for (const lit of chars) {
    const re = new RegExp(lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    for (const m of bmp.matchAll(re)) assert.equal(fold(m[0].charCodeAt(0)), fold(lit.charCodeAt(0)), `${lit} ~ U+${m[0].charCodeAt(0).toString(16)}`);
  }
});

test('rules tried only where their openings are written find exactly what plain scans find', () => {
  const part = fc.constantFrom(
    'ngày', 'Ngày', 'NGÀY', 'hôm', 'tháng', 'THÁNG', 'năm', 'thứ Hai', 'chủ nhật', 'sáng', 'chiều', 'tối qua', 'tuần trước',
    'quý III', 'rằm', 'tết', 'Tết', 'âm lịch', 'từ', 'đến', 'vào', 'lúc', 'giờ', 'hai', 'mười', 'vài', 'hàng', 'những',
    'các', 'đầu', 'cuối', '12', '3', '2024', '1999', '15h30', '/', '-', '.', ',', '(', ')', ' ', ' ', '  ', '\n', 'x',
    'ư', '7', 'last', 'next', 'Monday', 'MONDAY', 'November', 'Nov.', 'de', 'mars', 'mai', '2009-05-04', 'T10:30', 'ago',
    'the', 'year', 'a.m.', '😀', 'ſ', 'K', 'ſeptember', 'Septemb', 'ϐ', 'İ', 'ı', 'ΣΑ', 'ς', 'a', 'b',
    // A letter outside the BMP before a word, and a mark that only a case-insensitive class takes for a letter.
    '𝐀', '\u0345',
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 30 }).map((a) => a.join('')), (text) => {
      for (const tables of allTables) {
        const show = (f: ReturnType<typeof matchAll>) => f.map(({ rule, m }) => `${rule.name}@${m.index}:${JSON.stringify([...m])}`);
        assert.deepEqual(show(matchAll(text, tables)), show(matchAllPlain(text, tables)));
      }
    }),
    { numRuns: 1500 },
  );
});
