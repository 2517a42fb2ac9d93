import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Timeline } from '../types.ts';
import { evaluateTls, goldShape, type GoldTimeline, type TlsArticle } from './tls.ts';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

// A tiny synthetic dataset, written only here, in a temporary folder.
function dataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tinline-tls-'));
  const topic = join(dir, 'topic-a');
  mkdirSync(topic);
  const articles: TlsArticle[] = [
    { id: 'x1', published: '2020-01-01', title: 'A', text: 'a b c.\n\nmore text.' },
    { id: 'x2', published: '2020-01-03', title: 'B', text: 'd e.' },
  ];
  writeFileSync(join(topic, 'articles.jsonl'), articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const golds: GoldTimeline[] = [
    [['2020-01-01', ['a b x']], ['2020-01-02', ['d e f']]],
    [['2020-01-01', ['a b c']], ['2020-01-03', ['d e']]],
  ];
  writeFileSync(join(topic, 'timelines.jsonl'), golds.map((g) => JSON.stringify(g)).join('\n') + '\n');
  mkdirSync(join(dir, 'not-a-topic'));
  return dir;
}

const fixed: Timeline = {
  title: 'fixed',
  entries: [
    { date: { value: '2020-01-01', precision: 'day' }, sentences: [{ article: 'x1', text: 'a b c' }] },
    { date: { value: '2020-01-03', precision: 'day' }, sentences: [{ article: 'x2', text: 'd e' }] },
  ],
};

describe('evaluateTls', () => {
  it('scores every gold timeline and averages precision and recall before F1', async () => {
    const dir = dataset();
    try {
      const seen: GoldTimeline[] = [];
      const report = await evaluateTls(dir, {
        language: 'xx', // no stop words, no stemmer: one letter is one word
        build: (articles, gold) => {
          assert.equal(articles.length, 2);
          seen.push(gold);
          return fixed;
        },
      });
      assert.equal(seen.length, 2);
      assert.equal(report.topics.length, 1);
      assert.equal(report.topics[0]!.topic, 'topic-a');
      assert.equal(report.topics[0]!.timelines, 2);
      // Gold 1 (worked by hand in rouge.test.ts): dates P 1/2 R 1/2; concat P 4/5 R 2/3;
      // agreement P 2/5 R 1/3; align+ m:1 P 3/5 R 1/2.  Gold 2 equals the prediction: all 1.
      // Dates: P = R = (1/2 + 1)/2 = 3/4, F = 3/4.
      close(report.mean.date_f1, 3 / 4);
      // concat: P = (4/5 + 1)/2 = 9/10, R = (2/3 + 1)/2 = 5/6, F = 2(9/10)(5/6) / (9/10 + 5/6) = (3/2)/(26/15) = 45/52.
      close(report.mean.rouge1.concat, 45 / 52);
      // agreement: P = (2/5 + 1)/2 = 7/10, R = (1/3 + 1)/2 = 2/3, F = 2(7/10)(2/3) / (7/10 + 2/3) = (14/15)/(41/30) = 28/41.
      close(report.mean.rouge1.agreement, 28 / 41);
      // align+ m:1: P = (3/5 + 1)/2 = 4/5, R = (1/2 + 1)/2 = 3/4, F = 2(4/5)(3/4) / (4/5 + 3/4) = (6/5)/(31/20) = 24/31.
      close(report.mean.rouge1.align_m1, 24 / 31);
      assert.deepEqual(report.topics[0]!.rouge1, report.mean.rouge1);
      for (const v of [report.mean.date_f1, ...Object.values(report.mean.rouge2)]) assert.ok(v >= 0 && v <= 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes the gold shape: dates, mean sentences per date, span', () => {
    assert.deepEqual(goldShape([['2020-01-02', ['a', 'b', 'c']], ['2020-01-01', ['d']]]), {
      dates: 2,
      sentencesPerDate: 2,
      from: '2020-01-01',
      to: '2020-01-02',
    });
  });

  it('fails clearly on a folder with no topics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tinline-tls-empty-'));
    try {
      await assert.rejects(evaluateTls(dir, { build: () => fixed }), (e: { code?: string }) => e.code === 'INPUT_EMPTY');
      await assert.rejects(evaluateTls(join(dir, 'missing')), (e: { code?: string }) => e.code === 'INPUT_MISSING');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const analyzer = join(import.meta.dirname, '../analyze/index.ts');
  it('runs the default builder (analyze + buildTimeline) end to end', { skip: !existsSync(analyzer) && 'src/analyze/index.ts not written yet' }, async () => {
    const dir = dataset();
    try {
      const report = await evaluateTls(dir);
      assert.equal(report.topics[0]!.timelines, 2);
      for (const v of [report.mean.date_f1, ...Object.values(report.mean.rouge1), ...Object.values(report.mean.rouge2)]) {
        assert.ok(v >= 0 && v <= 1, String(v));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
