import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterScores } from './clusters.ts';

const m = (o: Record<string, string>) => new Map(Object.entries(o));
const close = (x: number, y: number) => assert.ok(Math.abs(x - y) < 1e-9, `${x} != ${y}`);

test('perfect clustering scores 1 everywhere', () => {
  const gold = m({ a: 'X', b: 'X', c: 'Y' });
  const s = clusterScores(m({ a: '1', b: '1', c: '2' }), gold);
  assert.deepEqual(s.pairwise, { p: 1, r: 1, f1: 1 });
  assert.deepEqual(s.bcubed, { p: 1, r: 1, f1: 1 });
});

test('hand-computed case: one gold cluster split, one wrongly merged', () => {
  // gold: {a,b,c} {d,e}      predicted: {a,b} {c,d,e}
  // pairwise: predicted pairs ab, cd, ce, de = 4; gold pairs ab, ac, bc, de = 4; both: ab, de = 2
  //   P = 2/4 = 0.5, R = 2/4 = 0.5, F1 = 0.5
  // B-cubed precision: a: |{a,b}∩{a,b,c}|/2 = 1, b: 1, c: |{c,d,e}∩{a,b,c}|/3 = 1/3, d: 2/3, e: 2/3
  //   P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = (11/3)/5 = 11/15
  // B-cubed recall: a: 2/3, b: 2/3, c: 1/3, d: 2/2 = 1, e: 1
  //   R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = (11/3)/5 = 11/15
  const gold = m({ a: 'G1', b: 'G1', c: 'G1', d: 'G2', e: 'G2' });
  const pred = m({ a: 'P1', b: 'P1', c: 'P2', d: 'P2', e: 'P2' });
  const s = clusterScores(pred, gold);
  close(s.pairwise.p, 0.5);
  close(s.pairwise.r, 0.5);
  close(s.pairwise.f1, 0.5);
  close(s.bcubed.p, 11 / 15);
  close(s.bcubed.r, 11 / 15);
  close(s.bcubed.f1, 11 / 15);
  assert.equal(s.items, 5);
});

test('everything in one predicted cluster: recall 1, precision low', () => {
  // gold: {a,b} {c} {d}; predicted: {a,b,c,d}
  // pairwise: predicted pairs = 6, gold pairs = 1 (ab), both = 1 -> P = 1/6, R = 1, F1 = 2*(1/6)/(7/6) = 2/7
  // B-cubed P: a: 2/4, b: 2/4, c: 1/4, d: 1/4 -> 6/4/4 = 3/8; R: all 1
  //   F1 = 2*(3/8)/(11/8) = 6/11
  const s = clusterScores(m({ a: 'x', b: 'x', c: 'x', d: 'x' }), m({ a: '1', b: '1', c: '2', d: '3' }));
  close(s.pairwise.p, 1 / 6);
  close(s.pairwise.r, 1);
  close(s.pairwise.f1, 2 / 7);
  close(s.bcubed.p, 3 / 8);
  close(s.bcubed.r, 1);
  close(s.bcubed.f1, 6 / 11);
});

test('all singletons: pairwise precision 1 (no pair claimed), recall 0; items missing from the prediction are singletons', () => {
  // gold: {a,b,c}; predicted: a alone, b alone, c missing
  // pairwise: predicted pairs 0 -> P = 1 by convention, both = 0, gold pairs 3 -> R = 0, F1 = 0
  // B-cubed: P = 1 for each; R = 1/3 each -> R = 1/3, F1 = 2*(1/3)/(4/3) = 1/2
  // Extra predicted item z (not in gold) is ignored.
  const s = clusterScores(m({ a: '1', b: '2', z: '1' }), m({ a: 'G', b: 'G', c: 'G' }));
  assert.deepEqual(s.pairwise, { p: 1, r: 0, f1: 0 });
  close(s.bcubed.p, 1);
  close(s.bcubed.r, 1 / 3);
  close(s.bcubed.f1, 0.5);
  assert.equal(s.items, 3);
});

test('labels are compared by identity of grouping, not by name', () => {
  // Same partition with the labels swapped between namespaces scores perfectly.
  const s = clusterScores(m({ a: 'G2', b: 'G2', c: 'G1' }), m({ a: 'G1', b: 'G1', c: 'G2' }));
  assert.equal(s.pairwise.f1, 1);
  assert.equal(s.bcubed.f1, 1);
});
