// The seeds through the cluster stage, with the earlier stages stood in by test-helpers.ts.
// What must come out is expected.json's: one story, five events in time order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterArticles } from './index.ts';
import { seedDocs, shuffled } from './test-helpers.ts';
import { loadExpected } from '../../test/shared.ts';

test('the five seeds: one story, five reported events in time order, 001 and 002 apart', () => {
  const expected = loadExpected();
  const { events, stories } = clusterArticles(seedDocs());
  const want = expected.stories[0]!.documents;
  const story = stories.find((s) => s.articles.includes(want[0]!))!;
  assert.deepEqual([...story.articles].sort(), [...want].sort(), JSON.stringify(stories.map((s) => s.articles)));
  assert.equal(stories.length, 1);
  const reported = story.events.map((id) => events.find((e) => e.id === id)!).filter((e) => e.kind === 'reported');
  assert.deepEqual(reported.map((e) => e.articles), [['004'], ['000'], ['003'], ['001'], ['002']]);
  assert.deepEqual(
    reported.map((e) => e.date.value),
    ['XXXX-11-18', '2023-09', '2024-02-10', '2024-11-12', '2025'],
  );
  const byDoc = new Map(reported.map((e) => [e.articles[0]!, e]));
  assert.equal(byDoc.get('001')!.place, 'beijing');
  assert.ok(byDoc.get('001')!.actors.includes('wang-yi'));
});

test('the seeds: 001 recalls the talks of 2023-02 and 2024-05 as their own events in the story', () => {
  const expected = loadExpected();
  const { events, stories } = clusterArticles(seedDocs());
  const recalled = events.filter((e) => e.kind === 'recalled');
  const wanted = (expected as unknown as { mentioned_past_events?: { date: string; document: string }[] }).mentioned_past_events;
  assert.deepEqual(recalled.map((e) => [e.date.value, e.articles.join()]).sort(), (wanted ?? []).map((w) => [w.date, w.document]).sort());
  for (const e of recalled) assert.ok(stories[0]!.events.includes(e.id));
  assert.deepEqual(recalled.map((e) => e.place), ['moscow', 'beijing']);
});

test('the seeds cluster the same in any order', () => {
  const docs = seedDocs();
  const reference = JSON.stringify(clusterArticles(docs));
  for (let seed = 1; seed <= 5; seed++) assert.equal(JSON.stringify(clusterArticles(shuffled(docs, seed))), reference);
});
