// `tinline eval` from the command line, on small datasets laid out as the commands document.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cli, tempDir } from './helpers.ts';
import { SEEDS_DIR, seedFiles } from './shared.ts';

const tmp = tempDir('tinline-eval-');
after(() => tmp.cleanup());

describe('eval clusters', () => {
  it('scores stories and events against gold clusters given by origin', async () => {
    const db = join(tmp.dir, 'c.db');
    assert.equal((await cli(['ingest', SEEDS_DIR, '--db', db])).code, 0);
    const gold = join(tmp.dir, 'gold.jsonl');
    // One story (all five); five events (one per article).
    writeFileSync(gold, seedFiles().map((f) => JSON.stringify({ origin: join(SEEDS_DIR, basename(f)), cluster: 'china-russia' })).join('\n'));
    const stories = await cli(['eval', 'clusters', gold, '--db', db, '--json']);
    assert.equal(stories.code, 0, stories.stderr);
    const s = JSON.parse(stories.stdout) as { pairwise: { p: number; r: number; f1: number }; bcubed: { p: number; r: number; f1: number } };
    for (const v of [s.pairwise.p, s.pairwise.r, s.pairwise.f1, s.bcubed.p, s.bcubed.r, s.bcubed.f1]) assert.ok(v >= 0 && v <= 1);
    assert.equal(s.pairwise.p, 1, 'the seeds are one story, so no predicted pair can be wrong');

    const eventsGold = join(tmp.dir, 'events.jsonl');
    writeFileSync(eventsGold, seedFiles().map((f, i) => JSON.stringify({ origin: join(SEEDS_DIR, basename(f)), cluster: `e${i}` })).join('\n'));
    const events = JSON.parse((await cli(['eval', 'clusters', eventsGold, '--level', 'events', '--db', db, '--json'])).stdout) as typeof s;
    assert.equal(events.bcubed.r, 1, 'each gold event is a single article: recall is 1 by definition');
  });

  it('fails clearly on an unknown origin', async () => {
    const db = join(tmp.dir, 'c.db');
    const gold = join(tmp.dir, 'bad.jsonl');
    writeFileSync(gold, `${JSON.stringify({ origin: 'nowhere.txt', cluster: 1 })}\n`);
    const r = await cli(['eval', 'clusters', gold, '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.jsonl:1: INPUT_FIELDS/);
  });
});

describe('eval tls', () => {
  it('reports Date-F1 and ROUGE under the three measures for a topic', async () => {
    const dir = join(tmp.dir, 'tls', 'topic-a');
    mkdirSync(dir, { recursive: true });
    const articles = [
      { id: 'a1', published: '2024-03-01', title: 'Port opens', text: 'On March 1, 2024, the new port opened in Haiphong. Officials said the port would double cargo capacity.' },
      { id: 'a2', published: '2024-03-02', title: 'Ships arrive', text: 'The first container ships arrived at the port on March 2, 2024. Traffic grew quickly.' },
      { id: 'a3', published: '2024-06-10', title: 'Expansion', text: 'In June 2024 the operator announced an expansion of the port. A second terminal is planned for 2026.' },
    ];
    writeFileSync(join(dir, 'articles.jsonl'), articles.map((a) => JSON.stringify(a)).join('\n'));
    const gold = [['2024-03-01', ['The new port opened in Haiphong.']], ['2024-06-10', ['The operator announced an expansion of the port.']]];
    writeFileSync(join(dir, 'timelines.jsonl'), `${JSON.stringify(gold)}\n`);
    const r = await cli(['eval', 'tls', join(tmp.dir, 'tls'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { topics: { topic: string; timelines: number; date_f1: number; rouge1: Record<string, number> }[]; mean: { date_f1: number } };
    assert.equal(report.topics[0]!.topic, 'topic-a');
    assert.equal(report.topics[0]!.timelines, 1);
    for (const k of ['concat', 'agreement', 'align_m1']) assert.ok(report.topics[0]!.rouge1[k]! >= 0 && report.topics[0]!.rouge1[k]! <= 1);
    assert.ok(report.mean.date_f1 > 0, 'at least one gold date is found');
  });
});
