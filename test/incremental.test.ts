// Rebuilds that go on from saved state: exact ones (`rejudgeGrowth: 0`) give what one full rebuild
// of the same corpus gives; local ones (the default) redo only what new articles reach and leave
// every other story as it was.
// The corpus: the seeds through the whole pipeline, the MEANTIME English articles (gold mentions,
// no dates) and a wrapped copy of a seed (a duplicate that arrives in a later batch).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadMeantime } from '../bench/link-meantime.ts';
import { buildExport } from '../src/export/index.ts';
import { processDocument, rebuild, type Processed } from '../src/pipeline/index.ts';
import { REBUILD_STATE, REBUILD_STATE_VERSION } from '../src/pipeline/rebuild.ts';
import { createSqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { SEEDS_DIR } from './shared.ts';

function seedDocs(): Processed[] {
  const names = readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort();
  const docs = names.map((n) => processDocument({ origin: join(SEEDS_DIR, n), format: 'text', text: readFileSync(join(SEEDS_DIR, n), 'utf8'), given: {} }));
  // A syndicated copy of the first seed, wrapped in a header line: dedup must flag it whichever batch it is in.
  const first = readFileSync(join(SEEDS_DIR, names[0]!), 'utf8');
  docs.push(processDocument({ origin: 'copy/first.txt', format: 'text', text: `Republished with permission.\n\n${first}`, given: {} }));
  return docs;
}

/** Seeds and MEANTIME interleaved, each with its own ingest time (the corpus order). */
function corpus(): Processed[] {
  const seeds = seedDocs();
  const meantime = loadMeantime().docs.map((d) => ({ article: { ...d.article }, analysis: structuredClone(d.analysis) }));
  const all: Processed[] = [];
  for (let i = 0; i < Math.max(seeds.length, meantime.length); i++) {
    if (meantime[i]) all.push(meantime[i]!);
    if (i % 15 === 0 && seeds[i / 15]) all.push(seeds[i / 15]!);
  }
  for (const s of seeds) if (!all.includes(s)) all.push(s);
  all.forEach((d, i) => (d.article.ingestedAt = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()));
  return all;
}

async function put(store: Store, docs: Processed[]): Promise<void> {
  for (const d of docs) await store.putArticle(structuredClone(d.article), structuredClone(d.analysis));
}

async function snapshot(store: Store) {
  const exported = await buildExport(store);
  return {
    articles: exported.articles.map((a) => [a.id, a.duplicateOf]),
    entities: await store.listEntities(),
    links: await store.entityLinks(),
    events: await store.listEvents(),
    stories: await store.listStories(),
    exported: { entities: exported.entities, events: exported.events, stories: exported.stories },
  };
}

describe('incremental rebuild', () => {
  const docs = corpus();
  let full: Awaited<ReturnType<typeof snapshot>>;

  before(async () => {
    const store = await createSqliteStore(':memory:');
    await put(store, docs);
    await rebuild(store, { full: true });
    full = await snapshot(store);
    await store.close();
  });

  it('the corpus makes entities, duplicates and multi-article stories (the comparison is not vacuous)', () => {
    assert.ok(full.entities.length > 50, `${full.entities.length} entities`);
    assert.equal(full.articles.filter(([, dup]) => dup).length, 1);
    assert.ok(full.stories.some((s) => s.articles.length > 2), 'no story of 3+ articles');
    assert.ok(full.stories.some((s) => s.summary), 'no summary');
  });

  for (const cuts of [[40], [30, 70], [1, 50, 95]]) {
    it(`in ${cuts.length + 1} batches (after ${cuts.join(', ')}), exact, equals one full rebuild`, async () => {
      const store = await createSqliteStore(':memory:');
      const lines: string[] = [];
      const bounds = [0, ...cuts, docs.length];
      for (let b = 0; b + 1 < bounds.length; b++) {
        await put(store, docs.slice(bounds[b], bounds[b + 1]));
        await rebuild(store, { rejudgeGrowth: 0, trace: (l) => lines.push(l) });
      }
      // Every rebuild after the first went on from saved state.
      assert.equal(lines.filter((l) => l.includes('from saved state')).length, cuts.length, lines.join('\n'));
      assert.deepEqual(await snapshot(store), full);
      await store.close();
    });
  }

  it('state split into many small chunks (a big corpus) reads back whole: exact batches still equal a full rebuild', async () => {
    const store = await createSqliteStore(':memory:');
    const { rebuildStateNames } = await import('../src/pipeline/rebuild.ts');
    for (const [from, to] of [[0, 45], [45, 60], [60, docs.length]] as const) {
      await put(store, docs.slice(from, to));
      await rebuild(store, { rejudgeGrowth: 0, chunkArticles: 16 });
    }
    const chunks = (await rebuildStateNames(store)).filter((n) => n.includes('/chunk/'));
    assert.ok(chunks.length >= Math.ceil(docs.length / 16), chunks.join(' '));
    for (const name of chunks) {
      const { deserialize } = await import('node:v8');
      assert.ok((deserialize((await store.getState(name))!) as { ids: string[] }).ids.length <= 16, name);
    }
    assert.deepEqual(await snapshot(store), full);
    await store.close();
  });

  it('kept pair judgements are used within the growth budget, and past it every pair is judged again (then equal to full)', async () => {
    const store = await createSqliteStore(':memory:');
    const lines: string[] = [];
    const trace = (l: string) => lines.push(l);
    await put(store, docs.slice(0, 90));
    await rebuild(store, { rejudgeGrowth: 0.5, trace });
    await put(store, docs.slice(90, 100));
    lines.length = 0;
    await rebuild(store, { rejudgeGrowth: 0.5, trace });
    const reused = lines.find((l) => /candidate pairs judged/.test(l)) ?? '';
    assert.match(reused, /, [1-9]\d* taken from saved judgements \(scored at 90 articles\)/, lines.join('\n'));
    // 90 -> 100 articles is past a 5% budget: everything is judged again.
    await createSqliteStore(':memory:').then(async (other) => {
      const otherLines: string[] = [];
      await put(other, docs.slice(0, 90));
      await rebuild(other, { rejudgeGrowth: 0.05 });
      await put(other, docs.slice(90));
      await rebuild(other, { rejudgeGrowth: 0.05, trace: (l) => otherLines.push(l) });
      assert.ok(otherLines.some((l) => / 0 taken from saved judgements \(scored at \d+ articles\)/.test(l)), otherLines.join('\n'));
      assert.deepEqual(await snapshot(other), full);
      await other.close();
    });
    await store.close();
  });

  it('local (the default): a batch redoes only the stories its pairs reach; every other story and event stays as saved', async () => {
    const store = await createSqliteStore(':memory:');
    const cut = docs.length - 5;
    // A story of its own that names `Bắc Kinh` (see below).
    const local = processDocument({
      origin: 'extra/mua.txt',
      format: 'text',
      text: 'Mưa lớn tại Bắc Kinh\n\nNgày 3/7, mưa lớn kéo dài nhiều giờ tại Bắc Kinh khiến nhiều tuyến phố bị ngập, chính quyền thành phố cho biết.',
      given: { published: '2024-07-03' },
    });
    local.article.ingestedAt = docs[cut - 1]!.article.ingestedAt.replace(/Z$/, '1Z');
    await put(store, [...docs.slice(0, cut), local]);
    await rebuild(store);
    const before = await snapshot(store);
    // With an English report that names Beijing and nothing else: `Bắc Kinh` takes the English name
    // (and id), so old articles' links change, among them one whose story gains no pair at all; its
    // story must still be built again.
    const english = processDocument({
      origin: 'extra/storm.txt',
      format: 'text',
      text: 'Storm hits Beijing\n\nHeavy rain fell in Beijing on Sunday, flooding several streets, officials in Beijing said.',
      given: { published: '2019-10-20' },
    });
    english.article.ingestedAt = new Date(Date.UTC(2026, 0, 1) + docs.length * 1000).toISOString();
    const added = [...docs.slice(cut), english];
    await put(store, added);
    const lines: string[] = [];
    await rebuild(store, { trace: (l) => lines.push(l) });
    const after = await snapshot(store);
    assert.match(lines.join('\n'), /, [1-9]\d* taken from saved judgements/);
    const parts = /rebuild: (\d+) parts of the story graph built \((\d+) articles\), (\d+) taken as saved/.exec(lines.join('\n'));
    assert.ok(parts && Number(parts[1]) > 0 && Number(parts[3]) > Number(parts[1]), lines.join('\n'));

    // The articles a batch can reach: the new ones and those whose entity links changed.
    const linksOf = (o: typeof full) => {
      const m = new Map<string, string[]>();
      for (const l of o.links) (m.get(l.article) ?? m.set(l.article, []).get(l.article)!).push(`${l.mentionIndex}=${l.entity}`);
      return m;
    };
    const oldLinks = linksOf(before);
    const newLinks = linksOf(after);
    const reached = new Set(added.map((d) => d.article.id));
    for (const [id, l] of newLinks) if (oldLinks.get(id)?.join() !== l.join()) reached.add(id);
    const text = (x: unknown) => JSON.stringify(x);
    const oldStories = new Map(before.stories.map((st) => [st.id, text(st)]));
    const newStories = new Map(after.stories.map((st) => [st.id, text(st)]));
    let kept = 0;
    for (const st of before.stories) {
      if (st.articles.some((id) => reached.has(id))) continue;
      // A story none of whose articles was reached may still change when a reached article joins it.
      const now = after.stories.find((x) => x.articles.includes(st.articles[0]!))!;
      if (now.articles.some((id) => reached.has(id))) continue;
      assert.equal(newStories.get(st.id), oldStories.get(st.id), `story ${st.id} changed though no article of it was reached`);
      kept++;
    }
    for (const st of after.stories) {
      if (oldStories.get(st.id) === text(st)) continue;
      assert.ok(st.articles.some((id) => reached.has(id)), `story ${st.id} changed with no reached article`);
    }
    const oldEvents = new Map(before.events.map((e) => [e.id, text(e)]));
    for (const e of after.events) {
      if (oldEvents.get(e.id) === text(e)) continue;
      const story = after.stories.find((st) => st.events.includes(e.id))!;
      assert.ok(story.articles.some((id) => reached.has(id)), `event ${e.id} changed in a story no new article reached`);
    }
    assert.ok(kept > before.stories.length / 2, `${kept} of ${before.stories.length} stories kept`);
    // Nothing kept goes stale: every story and event names entities that exist now, and each
    // story's entities are those its own articles link to.
    const entityIds = new Set(after.entities.map((e) => e.id));
    const linkedBy = new Map([...newLinks].map(([id, l]) => [id, new Set(l.map((x) => x.slice(x.indexOf('=') + 1)))]));
    for (const st of after.stories) {
      for (const e of st.entities) {
        assert.ok(entityIds.has(e), `story ${st.id} names entity ${e}, which is gone`);
        assert.ok(st.articles.some((id) => linkedBy.get(id)?.has(e)), `story ${st.id} names ${e}, which none of its articles links to`);
      }
    }
    for (const e of after.events) for (const x of [...e.actors, ...(e.place ? [e.place] : [])]) assert.ok(entityIds.has(x), `event ${e.id} names entity ${x}, which is gone`);
    assert.ok(reached.has(local.article.id), 'the lone story of Bắc Kinh had no link changed: the staleness checks are vacuous');
    // Close to what a full rebuild of the same articles gives: the same stories, or nearly.
    const reference = await createSqliteStore(':memory:');
    await put(reference, [...docs.slice(0, cut), local, ...docs.slice(cut), english]);
    await rebuild(reference, { full: true });
    const sets = (o: typeof full) => new Set(o.stories.map((st) => [...st.articles].sort().join(',')));
    const fullSets = sets(await snapshot(reference));
    await reference.close();
    const same = [...sets(after)].filter((x) => fullSets.has(x)).length;
    assert.ok(same >= fullSets.size * 0.95, `${same} of ${fullSets.size} stories as in a full rebuild`);
    await store.close();
  });

  it('does not depend on arrival order: shuffled ingest gives the same stories, entities and duplicate pairs', async () => {
    const { shuffled } = await import('../src/cluster/test-helpers.ts');
    const storySets = (o: typeof full) => o.stories.map((st) => [...st.articles].sort().join(',')).sort();
    // Which copy is the duplicate depends on which came first (the first-added copy is kept): compare pairs.
    const dupPairs = (o: typeof full) => o.articles.filter(([, d]) => d).map(([id, d]) => [id, d].sort().join('=')).sort();
    for (const seed of [7, 8]) {
      const order = shuffled(docs, seed).map((d, i) => ({ article: { ...d.article, ingestedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() }, analysis: d.analysis }));
      const store = await createSqliteStore(':memory:');
      await put(store, order);
      await rebuild(store);
      const got = await snapshot(store);
      assert.deepEqual(storySets(got), storySets(full));
      // A link's reason names the path by which its mention was reached, which follows arrival
      // order; the entity it links to does not.
      const linked = (o: typeof full) => o.links.map((l) => `${l.article}#${l.mentionIndex}=${l.entity}`);
      assert.deepEqual(linked(got), linked(full));
      // Order-dependent by design, and left out: an entity's type when its mentions' types tie (the
      // earliest mention's wins) and the order of its names (first-seen). Reported by bench/rebuild.ts.
      const entity = ({ type: _type, ...e }: (typeof full.entities)[number]) => ({ ...e, names: [...e.names].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : (a.lang ?? '') < (b.lang ?? '') ? -1 : 1)), aliases: [...e.aliases].sort() });
      const byId = (o: typeof full) => o.entities.map(entity).sort((a, b) => (a.id < b.id ? -1 : 1));
      assert.deepEqual(byId(got), byId(full));
      assert.deepEqual(dupPairs(got), dupPairs(full));
      await store.close();
    }
  });

  it('a rebuild saves about what it added: its own chunk and the summaries it changed, not the whole state again', async () => {
    const store = await createSqliteStore(':memory:');
    const bytes = (lines: string[]) => Number(/state bytes written (\d+)/.exec(lines.find((l) => l.includes('state bytes written')) ?? '')?.[1] ?? NaN);
    await put(store, docs.slice(0, 90));
    const first: string[] = [];
    await rebuild(store, { trace: (l) => first.push(l) });
    await put(store, docs.slice(90));
    const next: string[] = [];
    await rebuild(store, { trace: (l) => next.push(l) });
    assert.ok(next.some((l) => l.includes('from saved state')), next.join('\n'));
    assert.ok(bytes(next) > 0 && bytes(next) * 3 < bytes(first), `${bytes(next)} bytes after ${bytes(first)}`);
    // Nothing new: only the head is written.
    const idle: string[] = [];
    await rebuild(store, { trace: (l) => idle.push(l) });
    assert.ok(bytes(idle) < 1000, `${bytes(idle)} bytes with nothing new`);
    assert.deepEqual(await snapshot(store), full);
    await store.close();
  });

  it('a rebuild with nothing new changes nothing and tells no story again', async () => {
    const store = await createSqliteStore(':memory:');
    await put(store, docs);
    await rebuild(store);
    const lines: string[] = [];
    await rebuild(store, { trace: (l) => lines.push(l) });
    assert.ok(lines.some((l) => /^rebuild: 0 of \d+ stories told anew$/.test(l)), lines.join('\n'));
    assert.deepEqual(await snapshot(store), full);
    await store.close();
  });

  it('falls back to a full rebuild when a new article sorts before the covered ones, or the state is of another format', async () => {
    const store = await createSqliteStore(':memory:');
    const late = docs.slice(0, 60);
    const early = docs.slice(60).map((d) => ({ article: { ...d.article, ingestedAt: '2025-01-01T00:00:00.000Z' }, analysis: d.analysis }));
    await put(store, late);
    await rebuild(store);
    await put(store, early);
    const lines: string[] = [];
    await rebuild(store, { trace: (l) => lines.push(l) });
    assert.ok(lines.some((l) => l.includes('sorts before')), lines.join('\n'));
    const expected = await createSqliteStore(':memory:');
    await put(expected, [...early, ...late]);
    await rebuild(expected, { full: true });
    assert.deepEqual(await snapshot(store), await snapshot(expected));

    const { serialize } = await import('node:v8');
    await store.putState(REBUILD_STATE, serialize({ version: REBUILD_STATE_VERSION + 1 }));
    lines.length = 0;
    await rebuild(store, { trace: (l) => lines.push(l) });
    assert.ok(lines.some((l) => l.includes('full rebuild')), lines.join('\n'));
    assert.deepEqual(await snapshot(store), await snapshot(expected));
    await store.close();
    await expected.close();
  });
});
