import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compatible, intersect, sortKey, valueSpan, widen, resolveYear } from './dates.ts';

const span = (v: string) => valueSpan(v)!;
const W = { boundDays: 31, approxDays: 7 };

test('dates agree at the coarser of two precisions', () => {
  assert.ok(compatible(span('2024-11'), span('2024-11-12'), 0));
  assert.ok(compatible(span('2024'), span('2024-11-12'), 0));
  assert.ok(!compatible(span('2024-11-12'), span('2025'), 0));
  assert.ok(!compatible(span('2024-11-12'), span('2024-11-14'), 1));
  assert.ok(compatible(span('2024-11-12'), span('2024-11-13'), 1));
  assert.ok(!compatible(span('2024-10'), span('2024-11-12'), 0));
});

test('a year-less date agrees only with the same month-day', () => {
  assert.ok(compatible(span('XXXX-11-18'), span('XXXX-11-18'), 0));
  assert.ok(!compatible(span('XXXX-11-18'), span('XXXX-11-20'), 1));
  assert.ok(!compatible(span('XXXX-11-18'), span('XXXX-12-18'), 0));
  assert.ok(compatible(span('XXXX-11-18'), span('2020-11-18'), 0));
  assert.ok(compatible(span('XXXX-11-18'), span('2020-11'), 0));
  assert.ok(!compatible(span('XXXX-11-18'), span('2020-10'), 0));
  assert.ok(!compatible(span('XXXX-11-18'), span('2020-11-25'), 1));
});

test('bounds widen backwards or forwards; intersections keep the month-day', () => {
  const before = widen(span('2024-02-10'), 'before', W);
  assert.ok(compatible(before, span('2024-02-08'), 0));
  assert.ok(compatible(before, span('2024-01'), 0));
  assert.ok(!compatible(before, span('2024-02-12'), 1));
  const both = intersect(span('XXXX-11-18'), span('2020'));
  assert.equal(both.month, 11);
  assert.ok(!compatible(both, span('2020-10'), 0));
});

test('sort keys: middles of spans; year-less dates first', () => {
  const order = ['2025', 'XXXX-11-18', '2024-11-12', '2023-09'].sort((a, b) => sortKey(span(a)) - sortKey(span(b)));
  assert.deepEqual(order, ['XXXX-11-18', '2023-09', '2024-11-12', '2025']);
  assert.equal(valueSpan('P2D'), null);
});

test('a year-less day takes the latest year not after the publication', () => {
  assert.equal(resolveYear('XXXX-11-18', span('2020-11-19'), 1), '2020-11-18');
  assert.equal(resolveYear('XXXX-12-30', span('2021-01-02'), 1), '2020-12-30');
  assert.equal(resolveYear('XXXX-11-18', { lo: -Infinity, hi: Infinity }, 1), null);
});
