// The story the five seeds tell, through the whole pipeline, checked against expected.json.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ExportV1 } from '../src/export/index.ts';
import { cli, tempDir } from './helpers.ts';
import { SEEDS_DIR, loadExpected } from './shared.ts';

const expected = loadExpected();
const ORDER = ['004', '000', '003', '001', '002'];

/** Date values an expected event accepts, in the export's notation (`--11-18` -> `XXXX-11-18`). */
function acceptedDates(event: { date: string; date_acceptable?: string[] }): Set<string> {
  const out = new Set<string>();
  for (const text of [event.date, ...(event.date_acceptable ?? [])]) {
    for (const m of text.matchAll(/(?:--|\d{4}-)\d{2}(?:-\d{2})?|\b\d{4}\b/g)) out.add(m[0].replace(/^--/, 'XXXX-'));
  }
  return out;
}

describe('the seeds tell one story', () => {
  const tmp = tempDir('tinline-story-');
  const db = join(tmp.dir, 's.db');
  let data: ExportV1;
  const idOf = new Map<string, string>();

  before(async () => {
    const run = await cli(['run', SEEDS_DIR, '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    data = JSON.parse((await cli(['export', '--db', db])).stdout) as ExportV1;
    for (const a of data.articles) idOf.set(basename(a.origin).slice(0, 3), a.id);
  });
  after(() => tmp.cleanup());

  it('has no duplicates among the seeds', () => {
    assert.deepEqual(data.articles.filter((a) => a.duplicateOf), []);
  });

  it('puts all five seeds in one story', () => {
    const all = [...idOf.values()];
    const story = data.stories.find((s) => all.every((id) => s.articles.includes(id)));
    assert.ok(story, `stories: ${JSON.stringify(data.stories.map((s) => s.articles.length))}`);
    assert.ok(story.title.length > 0);
    assert.ok(story.summary.length > 0);
  });

  it('dates each seed’s event right, in the order 004, 000, 003, 001, 002, with 001 and 002 apart', () => {
    const story = data.stories.find((s) => s.articles.length >= 5)!;
    const events = story.events.map((id) => data.events.find((e) => e.id === id)!);
    const eventOf = (doc: string) => {
      const id = idOf.get(doc)!;
      // The event the article reports (an article may also recall earlier happenings: those events come with it).
      const own = events.filter((e) => e.articles.includes(id));
      return own.find((e) => e.kind !== 'recalled') ?? own[0];
    };
    const positions: number[] = [];
    for (const doc of ORDER) {
      const event = eventOf(doc);
      assert.ok(event, `no event for ${doc}`);
      const exp = expected.events.find((e) => e.documents.includes(doc))!;
      assert.ok(acceptedDates(exp).has(event.date.value ?? ''), `${doc}: event dated ${event.date.value}, expected one of ${[...acceptedDates(exp)].join(', ')}`);
      positions.push(story.events.indexOf(event.id));
    }
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, `event order ${positions}`);
    assert.notEqual(eventOf('001')!.id, eventOf('002')!.id);
  });

  it('writes a timeline with those five events in order, each citing its article, no sentence twice', async () => {
    const story = data.stories.find((s) => s.articles.length >= 5)!;
    const out = await cli(['timeline', '--story', story.id, '--format', 'json', '--db', db]);
    assert.equal(out.code, 0, out.stderr);
    const timeline = JSON.parse(out.stdout) as { title: string; entries: { date: { value: string; precision: string }; sentences: { text: string; article: string }[] }[] };
    const firstEntry = (doc: string) => timeline.entries.findIndex((e) => e.sentences.some((s) => s.article === idOf.get(doc)));
    const positions = ORDER.map(firstEntry);
    assert.ok(positions.every((p) => p >= 0), `entries citing each seed: ${positions}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, `timeline order ${positions}`);
    const texts = timeline.entries.flatMap((e) => e.sentences.map((s) => s.text.replace(/\s+/g, ' ').trim()));
    assert.equal(new Set(texts).size, texts.length, 'a sentence appears twice');
  });

  it('lists stories as JSON for scripts', async () => {
    const out = await cli(['stories', '--json', '--db', db]);
    const stories = JSON.parse(out.stdout) as { id: string; title: string; articles: string[] }[];
    assert.ok(stories.length >= 1 && stories.every((s) => s.id && s.title && s.articles.length));
  });

  it('writes a timeline for a free query, and the research text format', async () => {
    const out = await cli(['timeline', '--query', 'Trung Quốc Nga', '--format', 'text', '--db', db]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^\d{4}-\d{2}-\d{2}$/m);
    assert.match(out.stdout, /^-{32}$/m);
  });
});

describe('exports from the command line', () => {
  const tmp = tempDir('tinline-exp-');
  const db = join(tmp.dir, 'x.db');
  before(async () => {
    assert.equal((await cli(['ingest', SEEDS_DIR, '--db', db])).code, 0);
  });
  after(() => tmp.cleanup());

  it('writes Markdown, CSV (one row per event), TimelineJS and the research text format', async () => {
    const data = JSON.parse((await cli(['export', '--db', db])).stdout) as ExportV1;
    const md = (await cli(['export', '--format', 'md', '--db', db])).stdout;
    assert.match(md, /^# .+/m);
    assert.match(md, /^## .+ — .+/m);
    const csv = (await cli(['export', '--format', 'csv', '--db', db])).stdout.trim().split('\n');
    assert.equal(csv[0], 'date,precision,title,actors,place,article_ids,origins,story,event_id');
    assert.equal(csv.length - 1, data.events.length);
    const tl = JSON.parse((await cli(['export', '--format', 'timelinejs', '--db', db])).stdout) as { events: { start_date: { year: number; month?: number }; text: { headline: string }; group: string }[] };
    // An event whose year is unknown cannot be placed on TimelineJS's axis; every other one is there.
    assert.equal(tl.events.length, data.events.filter((e) => e.date.value && !e.date.value.startsWith('XXXX')).length);
    assert.ok(tl.events.every((e) => Number.isInteger(e.start_date.year) && e.text.headline));
    const tilse = (await cli(['export', '--format', 'tilse', '--db', db])).stdout;
    assert.match(tilse, /^\d{4}-\d{2}-\d{2}\n.+\n-{32}$/m);
    const out = join(tmp.dir, 'out.json');
    assert.equal((await cli(['export', '--out', out, '--db', db])).code, 0);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as ExportV1).version, 1);
  });
});
