// putEntities + putStories at a rebuild's size: the first write of the whole set, the same set again,
// and the set after a rebuild's worth of change (~1%), on SQLite and (with --pg) PostgreSQL.
//   node --import tsx bench/store-diff.ts [--entities 5000] [--links 100000] [--events 9000] [--stories 2500] [--pg] [--runs 3]
// The sets are synthetic, seeded, and shaped like a rebuild's over a 20,000-article corpus (ids of
// the same kind and length, a few names per entity, cited sentences per event, summaries per story).
// The change mimics adding ~20 articles: entities edited, a few gone, new ones last (first-mention
// order); links of the new articles and some re-linked mentions; events edited, gone and new ones
// placed by date (so later ones shift); stories that grow move up the size order.
// CPU is this process's own (user + system); on PostgreSQL the server's share is not in it, so
// wall time is printed too.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createPostgresStore } from '../src/store/postgres.ts';
import { createSqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import type { Entity, EntityLink, EntityType, Story, StoryEvent } from '../src/types.ts';
import { startPostgres } from '../test/pg.ts';
import { seeded } from './lib/random.ts';

const { values: opts } = parseArgs({
  options: {
    entities: { type: 'string', default: '5000' },
    links: { type: 'string', default: '100000' },
    events: { type: 'string', default: '9000' },
    stories: { type: 'string', default: '2500' },
    articles: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    pg: { type: 'boolean', default: false },
  },
});
const N_ENT = Number(opts.entities);
const N_LINK = Number(opts.links);
const N_EV = Number(opts.events);
const N_ST = Number(opts.stories);
const N_ART = Number(opts.articles);
const RUNS = Number(opts.runs);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const WORDS = 'Hà Nội Đà Nẵng hội nghị kinh tế ngoại trưởng bộ trưởng hợp tác an ninh khu vực thương mại Bắc Kinh Moskva Washington tổng thống thủ tướng quốc hội bầu cử lũ lụt bão số miền Trung'.split(' ');

interface Sets { entities: Entity[]; links: EntityLink[]; events: StoryEvent[]; stories: Story[] }

function build(): Sets {
  const { rand, pick, between } = seeded(11);
  const text = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const articles = Array.from({ length: N_ART }, (_, i) => sha(`article ${i}`));
  const types: EntityType[] = ['person', 'organization', 'location', 'other'];
  const entity = (i: number): Entity => {
    const name = `${text(2)} ${i}`;
    return {
      id: `${pick(types)}:${sha(`entity ${i}`).slice(0, 12)}`, type: pick(types), name,
      names: [{ text: name, lang: 'vi' }, ...(rand() < 0.4 ? [{ text: `${text(2)} ${i}`, lang: 'en' }] : [])],
      aliases: Array.from({ length: between(0, 3) }, () => text(2)), keys: [name.toLowerCase(), text(1)],
    };
  };
  const entities = Array.from({ length: N_ENT }, (_, i) => entity(i));
  const reasons = ['same folded name', 'short form', 'Sino-Vietnamese reading -> pinyin', 'phonetic key + role', 'CLDR name'];
  const perArticle = N_LINK / N_ART;
  const links: EntityLink[] = [];
  for (let a = 0; a < N_ART && links.length < N_LINK; a++) {
    const n = Math.min(N_LINK - links.length, Math.max(1, Math.round(perArticle + (rand() - 0.5) * 4)));
    for (let m = 0; m < n; m++) links.push({ article: articles[a]!, mentionIndex: m * 2, entity: pick(entities).id, reason: pick(reasons) });
  }
  const event = (i: number): StoryEvent => {
    const arts = Array.from({ length: between(1, 4) }, () => pick(articles));
    return {
      id: `ev-${sha(`event ${i}`).slice(0, 16)}`,
      date: { value: `20${between(19, 25)}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`, precision: 'day', evidence: text(3) },
      title: text(12), place: rand() < 0.5 ? pick(entities).id : null,
      actors: Array.from({ length: between(0, 3) }, () => pick(entities).id).sort(), articles: [...new Set(arts)].sort(),
      sentences: arts.map((article) => ({ article, text: text(25), start: between(0, 2000), end: between(2000, 4000) })),
    };
  };
  const events = Array.from({ length: N_EV }, (_, i) => event(i)).sort(byDate);
  const story = (i: number, evs: StoryEvent[]): Story => ({
    id: `st-${sha(`story ${i}`).slice(0, 16)}`, title: text(10), summary: text(60),
    events: evs.map((e) => e.id), articles: [...new Set(evs.flatMap((e) => e.articles))].sort(),
    entities: [...new Set(evs.flatMap((e) => e.actors))].sort(),
    summarySentences: evs.slice(0, 3).map((e) => ({ article: e.articles[0]!, text: e.sentences[0]!.text })),
  });
  const stories: Story[] = [];
  for (let s = 0, e = 0; s < N_ST; s++) {
    const n = s === N_ST - 1 ? N_EV - e : Math.max(1, Math.min(N_EV - e - (N_ST - s - 1), between(1, Math.round((2 * N_EV) / N_ST) - 1)));
    stories.push(story(s, events.slice(e, e + n)));
    e += n;
  }
  stories.sort(bySize);
  return { entities, links, events, stories };
}

const byDate = (a: StoryEvent, b: StoryEvent) => (a.date.value! < b.date.value! ? -1 : a.date.value! > b.date.value! ? 1 : a.id < b.id ? -1 : 1);
const bySize = (a: Story, b: Story) => b.articles.length - a.articles.length || (a.id < b.id ? -1 : 1);

/** The sets after ~1% change, as described at the top. */
function change(s: Sets): Sets {
  const { rand, pick, between } = seeded(99);
  const edit = <T>(xs: T[], share: number, f: (x: T) => T) => xs.map((x) => (rand() < share ? f(x) : x));
  const entities = edit(s.entities, 0.005, (e) => ({ ...e, aliases: [...e.aliases, 'bí danh mới'] }))
    .filter(() => rand() >= 0.002);
  for (let i = 0; i < 0.003 * N_ENT; i++) entities.push({ ...s.entities[0]!, id: `person:new-${i}`, name: `Người mới ${i}` });
  const alive = new Set(entities.map((e) => e.id));
  const links = edit(s.links.filter((l) => alive.has(l.entity)), 0.003, (l) => ({ ...l, entity: pick(entities).id, reason: 'short form' }));
  for (let a = 0; a < 20; a++) for (let m = 0; m < 5; m++) links.push({ article: sha(`new article ${a}`), mentionIndex: m, entity: pick(entities).id, reason: 'same folded name' });
  links.sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : a.mentionIndex - b.mentionIndex));
  const gone = new Set(s.events.filter(() => rand() < 0.002).map((e) => e.id));
  const events = edit(s.events.filter((e) => !gone.has(e.id)), 0.004, (e) => ({ ...e, title: `${e.title} (cập nhật)` }));
  const fresh: StoryEvent[] = [];
  for (let i = 0; i < 0.005 * N_EV; i++) {
    const like = pick(events);
    fresh.push({ ...like, id: `ev-new-${i}`, date: { ...like.date, value: `20${between(19, 25)}-06-15` } });
  }
  events.push(...fresh);
  events.sort(byDate);
  let k = 0;
  const stories = s.stories.map((st) => {
    const events2 = st.events.filter((id) => !gone.has(id));
    if (rand() < 0.01 && k < fresh.length) {
      const add = fresh[k++]!;
      return { ...st, events: [...events2, add.id], articles: [...new Set([...st.articles, ...add.articles, sha(`new article ${k}`)])].sort() };
    }
    return events2.length === st.events.length ? st : { ...st, events: events2 };
  }).filter((st) => st.events.length > 0);
  for (; k < fresh.length; k++) stories.push({ ...s.stories[0]!, id: `st-new-${k}`, events: [fresh[k]!.id], articles: fresh[k]!.articles });
  stories.sort(bySize);
  return { entities, links, events, stories };
}

async function timed(store: Store, s: Sets): Promise<{ cpu: number; wall: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await store.putEntities(s.entities, s.links);
  await store.putStories(s.events, s.stories);
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => x.toFixed(0).padStart(6);

async function measure(label: string, open: () => Promise<Store>, before: Sets, after: Sets): Promise<void> {
  const rows: Record<string, { cpu: number; wall: number }[]> = { first: [], same: [], changed: [], back: [] };
  for (let r = 0; r < RUNS; r++) {
    const store = await open();
    try {
      rows.first!.push(await timed(store, before));
      rows.same!.push(await timed(store, before));
      rows.changed!.push(await timed(store, after));
      rows.back!.push(await timed(store, before));
      const [e, l, ev, st] = [await store.listEntities(), await store.entityLinks(), await store.listEvents(), await store.listStories()];
      if (e.length !== before.entities.length || l.length !== before.links.length || ev.length !== before.events.length || st.length !== before.stories.length) {
        throw new Error(`${label}: stored set differs from the given one`);
      }
    } finally {
      await store.close();
    }
  }
  for (const [name, xs] of Object.entries(rows)) {
    console.log(`${label.padEnd(10)} ${name.padEnd(8)} CPU ms ${fmt(median(xs.map((x) => x.cpu)))}   wall ms ${fmt(median(xs.map((x) => x.wall)))}   (median of ${xs.length})`);
  }
}

const before = build();
const after = change(before);
const count = (s: Sets) => `${s.entities.length} entities, ${s.links.length} links, ${s.events.length} events, ${s.stories.length} stories`;
console.log(`before: ${count(before)}\nafter:  ${count(after)}`);
console.log(`node ${process.version}, load ${loadavg()[0]!.toFixed(2)}; first = empty store, same = the same sets again, changed = ~1% changed, back = the first sets again`);
const dir = mkdtempSync(join(tmpdir(), 'tinline-store-diff-'));
try {
  let n = 0;
  await measure('sqlite', () => createSqliteStore(join(dir, `b${n++}.db`)), before, after);
  if (opts.pg) {
    const server = await startPostgres();
    try {
      await measure('postgres', async () => createPostgresStore(await server.newDatabase()), before, after);
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
