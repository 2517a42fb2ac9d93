import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TimelineRouge, approxRouge1, dateF1, rougeLanguage, rougeTokens, type DatedSummaries } from './rouge.ts';

// Hand-computed cases. A language with no table has no stop words and no stemmer, so one letter
// is one word and the arithmetic can be done on paper.
const plain = rougeLanguage('xx');
const r1 = new TimelineRouge(plain, 1);
const r2 = new TimelineRouge(plain, 2);
const tl = (o: Record<string, string[]>): DatedSummaries => new Map(Object.entries(o));
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

const pred = tl({ '2020-01-01': ['a b c'], '2020-01-03': ['d e'] });
const ref = tl({ '2020-01-01': ['a b x'], '2020-01-02': ['d e f'] });

describe('timeline ROUGE', () => {
  it('concat', () => {
    // ROUGE-1: pred a b c d e (5), ref a b x d e f (6), hits a b d e = 4.
    // P = 4/5, R = 4/6 = 2/3, F = 2(4/5)(2/3) / (4/5 + 2/3) = (16/15) / (22/15) = 8/11.
    const c1 = r1.concat(pred, ref);
    close(c1.precision, 4 / 5);
    close(c1.recall, 2 / 3);
    close(c1.f1, 8 / 11);
    // ROUGE-2 (within sentences): pred {a b, b c, d e}, ref {a b, b x, d e, e f}; hits a b, d e = 2.
    // P = 2/3, R = 2/4, F = 2(2/3)(1/2) / (2/3 + 1/2) = (2/3) / (7/6) = 4/7.
    close(r2.concat(pred, ref).f1, 4 / 7);
  });

  it('agreement', () => {
    // 01-01: pred a b c vs ref a b x: 2 hits; P += 2/3, R += 2/3.
    // 01-02: only in ref (3 words): R += 0/3.   01-03: only in pred (2 words): P += 0/2.
    // P = 2/5, R = 2/6 = 1/3, F = 2(2/5)(1/3) / (2/5 + 1/3) = (4/15) / (11/15) = 4/11.
    const a = r1.agreement(pred, ref);
    close(a.precision, 2 / 5);
    close(a.recall, 1 / 3);
    close(a.f1, 4 / 11);
  });

  it('align+ m:1', () => {
    // cost(p, r) = (1 - 1/(|days|+1)) * (1 - approxRouge1(p, r)).
    // Precision. pred 01-01: cost to ref 01-01 = 0 (same day) -> 2 hits * 1/1, 3 words.
    //   pred 01-03: to ref 01-01 = (1 - 1/3) * (1 - 0) = 2/3; to ref 01-02 = (1 - 1/2) * (1 - 0.8) = 0.1
    //   (approx: d e vs d e f, P = 1, R = 2/3, F = 0.8) -> ref 01-02, 2 hits * 1/2 = 1, 2 words.
    //   P = (2 + 1) / (3 + 2) = 3/5.
    // Recall. ref 01-01 -> pred 01-01 (cost 0): 2 hits, 3 words.
    //   ref 01-02: to pred 01-01 = 1/2 * (1 - 0) = 0.5; to pred 01-03 = 1/2 * (1 - 0.8) = 0.1
    //   -> pred 01-03, 2 hits * 1/2 = 1, 3 words.   R = (2 + 1) / (3 + 3) = 1/2.
    // F = 2(3/5)(1/2) / (3/5 + 1/2) = (3/5) / (11/10) = 6/11.
    close(approxRouge1(['d e'], ['d e f']), 0.8);
    const m = r1.alignM1(pred, ref);
    close(m.precision, 3 / 5);
    close(m.recall, 1 / 2);
    close(m.f1, 6 / 11);
  });

  it('align+ m:1 lets several predicted dates share one reference date', () => {
    // Precision: both predicted dates align to the only reference date.
    //   01-01: a b vs a b c: 2 hits * 1/1, 2 words.  01-02: a c vs a b c: 2 hits * 1/2 = 1, 2 words.
    //   P = 3/4 (a one-to-one alignment would leave 01-02 unmatched: P = 2/4).
    // Recall: ref 01-01 -> pred 01-01 (cost 0 beats 1/2 * (1 - 0.8) = 0.1): 2 hits of 3. R = 2/3.
    // F = 2(3/4)(2/3) / (3/4 + 2/3) = 1 / (17/12) = 12/17.
    const m = r1.alignM1(tl({ '2020-01-01': ['a b'], '2020-01-02': ['a c'] }), tl({ '2020-01-01': ['a b c'] }));
    close(m.precision, 3 / 4);
    close(m.recall, 2 / 3);
    close(m.f1, 12 / 17);
  });

  it('align+ m:1 weights a content match by its date distance', () => {
    // pred 01-05 "d e". To ref 01-01 "d e": (1 - 1/5) * (1 - 1) = 0; to ref 01-04 "x y": (1 - 1/2) * 1 = 0.5.
    // Aligned 4 days away: 2 hits * 1/5 = 0.4 of 2 words -> P = 0.2.
    // Recall: ref 01-01 -> 0.4 of 2; ref 01-04 -> 0 hits of 2.  R = 0.4 / 4 = 0.1.
    // F = 2(0.2)(0.1) / 0.3 = 2/15.
    const m = r1.alignM1(tl({ '2020-01-05': ['d e'] }), tl({ '2020-01-01': ['d e'], '2020-01-04': ['x y'] }));
    close(m.precision, 0.2);
    close(m.recall, 0.1);
    close(m.f1, 2 / 15);
  });

  it('scores an empty prediction 0 and a perfect one 1', () => {
    for (const f of ['concat', 'agreement', 'alignM1'] as const) {
      assert.equal(r1[f](new Map(), ref).f1, 0);
      close(r1[f](ref, ref).f1, 1);
      close(r2[f](ref, ref).f1, 1);
    }
  });
});

describe('dateF1', () => {
  it('counts exact shared dates', () => {
    // shared {01-01}: P = 1/2, R = 1/2, F = 1/2.
    close(dateF1(pred.keys(), ref.keys()).f1, 1 / 2);
    // P = 1/3, R = 1/1, F = 2(1/3)(1) / (4/3) = 1/2.
    const d = dateF1(['2020-01-01', '2020-01-02', '2020-01-03'], ['2020-01-01']);
    close(d.precision, 1 / 3);
    close(d.recall, 1);
    close(d.f1, 1 / 2);
    assert.equal(dateF1([], ['2020-01-01']).f1, 0);
  });
});

describe('rougeTokens', () => {
  it('lower-cases, drops stop words and punctuation, stems English words longer than 3', () => {
    assert.deepEqual(rougeTokens('The ministers were meeting in Paris, by bus.', rougeLanguage('en')), ['minist', 'meet', 'pari', 'bus']);
    assert.deepEqual(rougeTokens('Ông Vương Nghị và ông Lavrov.', rougeLanguage('vi')), ['ông', 'vương', 'nghị', 'ông', 'lavrov']);
  });
});
