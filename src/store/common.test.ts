import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Analysis } from '../types.ts';
import { decodeAnalysis, encodeAnalysis } from './common.ts';

const body = 'Ông Vương Nghị nói.\n\nHai bên hợp tác.';

function analysisOf(text: string): Analysis {
  const spans = [...text.matchAll(/\S+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  return {
    language: 'vi',
    sentences: [{ start: 0, end: 19, text: text.slice(0, 19) }, { start: 21, end: text.length, text: text.slice(21) }],
    tokens: spans,
    mentions: [{ start: 4, end: 14, surface: 'Vương Nghị', type: 'person', sentence: 0 }],
    times: [],
    context: { text: 'Tựa', fields: [{ field: 'title', start: 0, end: 3 }], mentions: [] },
  };
}

test('stored analyses keep token and sentence offsets only, and read back exactly', () => {
  const a = analysisOf(body);
  const stored = encodeAnalysis(a, body);
  assert.ok(stored.length < JSON.stringify(a).length);
  assert.ok(!stored.includes('"text":"Ông"'), 'token text is not stored');
  assert.equal(JSON.stringify(decodeAnalysis(stored, body)), JSON.stringify(a));
  assert.equal(JSON.stringify(decodeAnalysis(stored, () => body)), JSON.stringify(a));
});

test('mentions and time expressions keep their offsets and other keys, not their text, and read back exactly', () => {
  const a: Analysis = {
    ...analysisOf(body),
    mentions: [
      { start: 4, end: 14, surface: 'Vương Nghị', type: 'person', sentence: 0, role: 'Ngoại trưởng' },
      { start: 0, end: 3, surface: 'Ông', type: 'other', entity: null },
      { start: 4, end: 14, surface: 'Vương Nghị', type: 'person', expands: 0, sentence: 0 },
    ],
    times: [{ start: 25, end: 28, surface: 'bên', value: null, precision: null, type: 'date', anchor: null }],
  };
  const stored = encodeAnalysis(a, body);
  assert.ok(!stored.includes('"surface"'), stored);
  assert.equal(JSON.stringify(decodeAnalysis(stored, body)), JSON.stringify(a));
  const notSlices: Analysis[] = [
    { ...a, mentions: [{ start: 4, end: 14, surface: 'Vuong Nghi', type: 'person' }] }, // not the slice
    { ...a, mentions: [{ surface: 'Vương Nghị', start: 4, end: 14, type: 'person' }] }, // other key order
    { ...a, times: [{ start: 0, end: 3, surface: 'Ông', value: null, precision: null, type: 'date', anchor: null }, null as never] },
  ];
  for (const c of notSlices) assert.equal(JSON.stringify(decodeAnalysis(encodeAnalysis(c, body), body)), JSON.stringify(c));
});

test('old rows (plain JSON) and parsed JSON read as they are, without the body', () => {
  const a = analysisOf(body);
  const noBody = () => assert.fail('the body is not needed');
  assert.deepEqual(decodeAnalysis(JSON.stringify(a), noBody), a);
  assert.deepEqual(decodeAnalysis(JSON.parse(JSON.stringify(a)), noBody), a);
});

test('span lists that are not plain slices of the body are stored whole', () => {
  const a = analysisOf(body);
  const cases: Analysis[] = [
    { ...a, tokens: [...a.tokens, { start: 0, end: 3, text: 'ONG' }] }, // text is not the slice
    { ...a, tokens: [{ end: 3, start: 0, text: 'Ông' }] }, // other key order
    { ...a, tokens: [{ start: 0, end: 3, text: 'Ông', extra: 1 } as never] }, // more keys
    { ...a, tokens: [{ start: 40, end: 90, text: 'x' }] }, // past the end
    { ...a, sentences: [{ start: 1.5, end: 3, text: 'x' }] },
  ];
  for (const c of cases) assert.equal(JSON.stringify(decodeAnalysis(encodeAnalysis(c, body), body)), JSON.stringify(c));
});

test('any spans over any text round-trip', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(fc.tuple(fc.nat(70), fc.nat(20))), (text, raw) => {
    const tokens = raw.map(([s, l]) => ({ start: Math.min(s, text.length), end: Math.min(s + l, text.length), text: text.slice(Math.min(s, text.length), Math.min(s + l, text.length)) }));
    const mentions = tokens.map((t, i) => ({ start: t.start, end: t.end, surface: t.text, type: 'other' as const, ...(i % 2 ? { sentence: i } : {}) }));
    const a: Analysis = { language: 'und', sentences: [], tokens, mentions, times: [] };
    assert.equal(JSON.stringify(decodeAnalysis(encodeAnalysis(a, text), text)), JSON.stringify(a));
  }));
});
