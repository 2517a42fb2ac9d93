// linkIncremental against linkDocs: after every batch, the same entities and links as linking the whole
// corpus so far at once, and `changed` exactly the articles and entities whose output differs from the
// batch before. Corpora: MEANTIME, the seed texts, the mechanism fixtures of index.test.ts and random
// corpora drawn from names made to meet every mechanism (and to stop meeting: ambiguity, late definitions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { loadMeantime } from '../../bench/link-meantime.ts';
import { seeded } from '../../bench/lib/random.ts';
import { seedFiles } from '../../test/shared.ts';
import type { Analysis, Article, Entity, EntityLink, EntityType, Mention } from '../types.ts';
import { linkDocOf, linkDocs, type LinkDoc } from './index.ts';
import { linkIncremental, type LinkState } from './incremental.ts';

type Spec = [surface: string, type: EntityType, extra?: Partial<Mention> & { after?: string }];

/** A doc whose text is the surfaces joined by ` nói với ` (an `after` text goes right after its mention). */
function doc(id: string, specs: Spec[]): LinkDoc {
  let text = '';
  const mentions: Mention[] = [];
  for (const [surface, type, extra] of specs) {
    if (text) text += ' nói với ';
    const { after, ...rest } = extra ?? {};
    mentions.push({ start: text.length, end: text.length + surface.length, surface, type, ...rest });
    text += surface;
    if (after) text += after;
  }
  const article: Article = {
    id, origin: id, title: null, source: null, language: 'vi', published: { value: null, precision: null, evidence: null },
    body: [text], captions: [], removed: [], raw: text, charset: 'utf-8', duplicateOf: null, ingestedAt: '',
  };
  const analysis: Analysis = { language: 'vi', sentences: [], tokens: [], mentions, times: [] };
  return linkDocOf({ article, analysis });
}

/** The output difference linkIncremental's `changed` must report. */
function diff(before: { entities: Entity[]; links: EntityLink[] }, after: { entities: Entity[]; links: EntityLink[] }, fresh: LinkDoc[]) {
  const articles = new Set(fresh.map((d) => d.id));
  const old = new Map(before.links.map((l) => [`${l.article}#${l.mentionIndex}`, l]));
  for (const l of after.links) {
    const o = old.get(`${l.article}#${l.mentionIndex}`);
    if (!o || o.entity !== l.entity || o.reason !== l.reason) articles.add(l.article);
  }
  const a = new Map(before.entities.map((e) => [e.id, JSON.stringify(e)]));
  const b = new Map(after.entities.map((e) => [e.id, JSON.stringify(e)]));
  const entities = new Set([...a.keys(), ...b.keys()].filter((id) => a.get(id) !== b.get(id)));
  return { articles, entities };
}

/** Feeds `docs` in batches of the given sizes, checking every step; `roundTrip` stores the state in between. */
function check(docs: LinkDoc[], sizes: number[], label: string, roundTrip = false): void {
  let state: LinkState | null = null;
  let prev = { entities: [] as Entity[], links: [] as EntityLink[] };
  let at = 0;
  for (const size of sizes) {
    const batch = docs.slice(at, at + size);
    at += size;
    const got = linkIncremental(state, batch);
    const want = linkDocs(docs.slice(0, at));
    assert.deepStrictEqual(got.entities, want.entities, `${label}: entities after ${at} docs`);
    assert.deepStrictEqual(got.links, want.links, `${label}: links after ${at} docs`);
    const expected = diff(prev, want, batch);
    assert.deepStrictEqual([...got.changed.articles].sort(), [...expected.articles].sort(), `${label}: changed articles after ${at} docs`);
    assert.deepStrictEqual([...got.changed.entities].sort(), [...expected.entities].sort(), `${label}: changed entities after ${at} docs`);
    prev = want;
    state = roundTrip ? (deserialize(serialize(got.state)) as LinkState) : got.state;
  }
  assert.equal(at, docs.length);
}

/** Batch sizes: one batch; one doc at a time; all but one then one; random sizes. */
function splits(n: number, seed: number): [string, number[]][] {
  const r = seeded(seed);
  const random: number[] = [];
  for (let left = n; left > 0; ) {
    const k = Math.min(left, r.between(1, Math.max(1, Math.ceil(n / 4))));
    random.push(k);
    left -= k;
  }
  const out: [string, number[]][] = [['one batch', [n]], ['random batches', random]];
  if (n > 1) out.push(['then a batch of 1', [n - 1, 1]]);
  if (n <= 120) out.push(['one doc at a time', Array.from({ length: n }, () => 1)]);
  return out;
}

function checkAll(docs: LinkDoc[], label: string, seed = 1): void {
  for (const [name, sizes] of splits(docs.length, seed)) check(docs, sizes, `${label}, ${name}`, name === 'random batches');
}

// ---- corpora ----------------------------------------------------------------------------------

/** Every fixture of index.test.ts, one corpus (each its own articles). */
function fixtures(): LinkDoc[] {
  const role = { role: 'người phát ngôn Điện Kremlin' };
  const groups: [string, Spec[]][][] = [
    [['a', [['Hà Nội', 'location'], ['Ủy ban Nhân dân', 'organization']]], ['b', [['Ha Noi', 'location'], ['Ủy ban nhân dân', 'organization'], ['HaNoi', 'location']]]],
    [['a', [['Mỹ', 'location'], ['Nhật', 'location']]], ['b', [['Hoa Kỳ', 'location'], ['Japan', 'location'], ['United States', 'location'], ['Niger', 'location'], ['Nigeria', 'location']]]],
    [['a', [['Bộ Quốc phòng Hoa Kỳ', 'organization']]], ['b', [['Bộ Quốc phòng Mỹ', 'organization'], ['Bộ Quốc phòng Nhật Bản', 'organization']]]],
    [['a', [['Mao Trạch Đông', 'person'], ['ông Mao', 'person'], ['Antony Blinken', 'person'], ['Blinken', 'person']]], ['b', [['Kim Jong Un', 'person'], ['Kim Yo Jong', 'person'], ['ông Kim', 'person']]]],
    [['a', [['Nguyễn Văn An', 'person'], ['ông An', 'person']]], ['b', [['Trần Thị An', 'person'], ['bà An', 'person']]]],
    [['a', [['Quỹ Tiền tệ Quốc tế', 'organization', { after: ' (IMF) cho biết' }]]], ['b', [['IMF', 'organization'], ['Quỹ tiền tệ quốc tế IMF', 'organization']]], ['c', [['Ngân hàng Thế giới (WB)', 'organization'], ['WB', 'organization']]]],
    [['a', [['Cơ quan Năng lượng Quốc tế', 'organization'], ['IEA', 'organization', { expands: 0 }]]], ['b', [['IEA', 'organization']]]],
    [['a', [['Hội đồng Bảo an (HĐBA)', 'organization']]], ['b', [['Hội đồng Biên giới An ninh (HĐBA)', 'organization']]], ['c', [['HĐBA', 'organization']]]],
    [['a', [['Ủy ban Nhân dân', 'organization'], ['UBND', 'organization'], ['Việt Nam', 'location'], ['VN', 'location']]], ['b', [['Vĩnh Ninh', 'location'], ['Văn Nam', 'location'], ['VN', 'location']]]],
    [['a', [['Ôn Gia Bảo', 'person'], ['Mao Trạch Đông', 'person']]], ['b', [['Wen Jiabao', 'person'], ['Mao Zedong', 'location']]]],
    [['a', [['Dmitry Medvedev', 'person'], ['Anna Medvedeva', 'person']]], ['b', [['Dmitri Medwedew', 'person'], ['Oleg Medvedev', 'person']]]],
    [['a', [['Peskov', 'person']]], ['b', [['Peskow', 'person']]]],
    [['a', [['Peskov', 'person', role]]], ['b', [['Peskow', 'person', role]]]],
    [['a', [['Peskov', 'person'], ['Olaf Scholz', 'person']]], ['b', [['Peskow', 'person'], ['Olaf Scholz', 'person']]]],
    [['a', [['Vladivostok', 'location']]], ['b', [['Wladiwostok', 'location']]], ['c', [['Wladiwostok', 'organization']]], ['d', [['Mali', 'location']]], ['e', [['Male', 'location']]]],
    [['a', [['Paris', 'location'], ['Paris', 'person'], ['Paris', 'organization']]]],
    [['a', [['Ôn Gia Bảo', 'person'], ['Mỹ', 'location']]], ['b', [['Wen Jiabao', 'person'], ['United States', 'location']]]],
    [['a', [['Vladivostok', 'location']]], ['b', [['Vladivostok', 'other'], ['Gazprom', 'organization']]], ['c', [['Gazprom', 'other'], ['Gazprom', 'location']]]],
    [['a', [['the Red Cross', 'organization'], ['thủ đô Hà Nội', 'location']]], ['b', [['Red Cross', 'organization'], ['Hà Nội', 'location'], ['the iPad 2', 'other'], ['iOS 2', 'other']]]],
    [['a', [['Lockheed Martin', 'organization'], ['Lockheed', 'organization'], ['Delta Air Lines', 'organization'], ['Lines', 'organization']]], ['b', [['Lockheed', 'organization']]],
      ['c', [['Ford Motor Company', 'organization'], ['Ford Australia', 'organization'], ['Ford', 'organization'], ["Boeing 's Launch Systems", 'organization'], ['Boeing', 'organization']]]],
  ];
  return groups.flatMap((g, i) => g.map(([id, specs]) => doc(`fixture${String(i).padStart(2, '0')}-${id}`, specs)));
}

/** The seed texts' capitalised runs as mentions (as bench/link.ts), each seed copied under a few ids. */
function seedDocs(copies: number): LinkDoc[] {
  const types = ['person', 'location', 'organization'] as const;
  const seeds = seedFiles().map((p) => ({ name: basename(p), text: readFileSync(p, 'utf8').normalize('NFC') }));
  const out: LinkDoc[] = [];
  for (let c = 0; c < copies; c++) {
    for (const s of seeds) {
      const mentions: Mention[] = [];
      let n = c;
      for (const m of s.text.matchAll(/\p{Lu}[\p{L}\p{N}\-]*(?: \p{Lu}[\p{L}\p{N}\-]*)*/gu)) {
        const words = m[0].split(' ').length;
        mentions.push({ start: m.index!, end: m.index! + m[0].length, surface: m[0], type: words === 1 && n % 5 ? 'location' : types[n++ % 3] });
      }
      const article: Article = {
        id: `${c}-${s.name}`, origin: s.name, title: null, source: null, language: 'vi', published: { value: null, precision: null, evidence: null },
        body: [s.text], captions: [], removed: [], raw: s.text, charset: 'utf-8', duplicateOf: null, ingestedAt: '',
      };
      out.push(linkDocOf({ article, analysis: { language: 'vi', sentences: [], tokens: [], mentions, times: [] } }));
    }
  }
  return out;
}

/** Names that meet through every mechanism, and some that make those meetings ambiguous when they come. */
const POOL: Spec[] = [
  ['Vladimir Putin', 'person'], ['Putin', 'person'], ['Wladimir Putin', 'person'], ['ông Putin', 'person'],
  ['Wang Yi', 'person'], ['Vương Nghị', 'person'], ['ông Vương', 'person'], ['Wang', 'person'], ['Vương', 'person'], ['Wang Yi', 'location'],
  ['Ôn Gia Bảo', 'person'], ['Wen Jiabao', 'person'], ['Ôn', 'person'], ['Mao Trạch Đông', 'person'], ['Mao Zedong', 'person'], ['Mao', 'person'],
  ['Dmitry Medvedev', 'person'], ['Dmitri Medwedew', 'person'], ['Medvedev', 'person'], ['Medwedew', 'person'], ['Anna Medvedeva', 'person'], ['Oleg Medvedev', 'person'],
  ['Nguyễn Văn An', 'person'], ['Trần Thị An', 'person'], ['An', 'person'], ['bà An', 'person'],
  ['Kim Jong Un', 'person'], ['Kim Yo Jong', 'person'], ['Kim', 'person'], ['Angela Merkel', 'person'], ['Merkel', 'person'], ['Peter Merkel', 'person'],
  ['Olaf Scholz', 'person'], ['Scholz', 'person'], ['Anna Scholz', 'person'], ['Peskov', 'person'], ['Peskow', 'person'], ['Peskov', 'person', { role: 'người phát ngôn' }], ['Peskow', 'person', { role: 'người phát ngôn' }],
  ['Tchaikovsky', 'person'], ['Chaikovsky', 'person'], ['Pyotr Tchaikovsky', 'person'], ['Lavrov', 'person'], ['Lawrow', 'person'], ['Sergei Lavrov', 'person'],
  ['Paris', 'location'], ['Paris', 'person'], ['Paris', 'organization'], ['Paris', 'other'], ['Gazprom', 'organization'], ['Gazprom', 'other'], ['Gazprom', 'location'],
  ['Quỹ Tiền tệ Quốc tế', 'organization', { after: ' (IMF) cho biết' }], ['IMF', 'organization'], ['Quỹ tiền tệ quốc tế IMF', 'organization'], ['Quỹ Tiền tệ Quốc tế', 'organization'],
  ['Hội đồng Bảo an (HĐBA)', 'organization'], ['Hội đồng Biên giới An ninh (HĐBA)', 'organization'], ['HĐBA', 'organization'], ['HĐBA', 'location'],
  ['Ủy ban Nhân dân', 'organization'], ['UBND', 'organization'], ['Ủy ban Nhân dân Bình Dương', 'organization'], ['Ủy Ban Ngoại Dân', 'organization'],
  ['Việt Nam', 'location'], ['VN', 'location'], ['Vĩnh Ninh', 'location'], ['Văn Nam', 'location'], ['TQ', 'location'], ['Trung Quốc', 'location'],
  ['Mỹ', 'location'], ['Hoa Kỳ', 'location'], ['United States', 'location'], ['Nga', 'location'], ['Liên bang Nga', 'location'], ['Nga', 'organization'],
  ['Bộ Quốc phòng Mỹ', 'organization'], ['Bộ Quốc phòng Hoa Kỳ', 'organization'], ['Bộ Quốc phòng Nga', 'organization'], ['Hội đồng An ninh Liên bang Nga', 'organization'], ['Hội đồng An ninh Nga', 'organization'],
  ['Vladivostok', 'location'], ['Wladiwostok', 'location'], ['Wladiwostok', 'organization'], ['Moskva', 'location'], ['Moscow', 'location'], ['Moskwa', 'location'],
  ['Quảng Châu', 'location'], ['Guangzhou', 'location'], ['Bắc Kinh', 'location'], ['Beijing', 'location'], ['Hà Nội', 'location'], ['Ha Noi', 'location'], ['HaNoi', 'location'],
  ['Lockheed Martin', 'organization'], ['Lockheed', 'organization'], ['Lockheed Space', 'organization'], ['Ford Motor Company', 'organization'], ['Ford', 'organization'], ["Boeing 's Launch Systems", 'organization'], ['Boeing', 'organization'],
  ['Cơ quan Năng lượng Quốc tế', 'organization'], ['IEA', 'organization'], ['Ngân hàng Thế giới (WB)', 'organization'], ['WB', 'organization'], ['Ngân hàng Trung ương', 'organization'],
  ['Nato', 'organization'], ['NATO', 'organization'], ['Tổ chức Hiệp ước Bắc Đại Tây Dương', 'organization', { after: ' (NATO), ' }],
];

/** Random docs from POOL: Zipf-like picks, acronyms the analyzer ties (`expands`), names alone in their article. */
function randomDocs(n: number, seed: number): LinkDoc[] {
  const r = seeded(seed);
  const out: LinkDoc[] = [];
  for (let i = 0; i < n; i++) {
    const specs: Spec[] = [];
    for (let k = r.between(1, 6); k > 0; k--) specs.push(POOL[Math.floor(Math.pow(r.rand(), 1.6) * POOL.length)]);
    if (r.rand() < 0.1) specs.push(['Cơ quan Năng lượng Quốc tế', 'organization'], ['IEA', 'organization', { expands: specs.length }]);
    out.push(doc(`r${seed}-${String(i).padStart(4, '0')}`, specs));
  }
  return out;
}

// ---- tests ------------------------------------------------------------------------------------

test('fixtures of every mechanism: incremental = linkDocs after every batch, in every split', () => {
  checkAll(fixtures(), 'fixtures');
});

test('hand-made orders: an acronym defined late, a surname before its full name, a slug renamed and renumbered', () => {
  const docs = [
    doc('1', [['IMF', 'organization'], ['Putin', 'person']]),
    doc('2', [['Paris', 'person'], ['Quảng Châu', 'location']]),
    doc('3', [['Paris', 'location'], ['Scholz', 'person'], ['Peskov', 'person']]),
    doc('4', [['Vladimir Putin', 'person'], ['Guangzhou', 'location'], ['Olaf Scholz', 'person'], ['Peskow', 'person']]),
    doc('5', [['Quỹ Tiền tệ Quốc tế', 'organization', { after: ' (IMF) cho biết' }], ['Vương Nghị', 'person']]),
    doc('6', [['Wang Yi', 'person'], ['Anna Scholz', 'person'], ['Paris', 'organization']]),
    doc('7', [['Hội đồng Bảo an (IMF)', 'organization']]),
  ];
  checkAll(docs, 'hand-made');
  // The single-doc batches above include every one of these transitions; a few spelled out:
  const first = linkIncremental(null, docs.slice(0, 3));
  const late = linkIncremental(first.state, docs.slice(3, 5));
  const imf = late.links.find((l) => l.article === '1' && l.mentionIndex === 0)!;
  assert.match(imf.reason, /acronym IMF defined as Quỹ Tiền tệ Quốc tế/);
  assert.ok(late.changed.articles.has('1'), 'the article of the acronym defined late changed');
  const putin = late.links.find((l) => l.article === '1' && l.mentionIndex === 1)!;
  assert.match(putin.reason, /short form/);
});

test('an unrelated new name changes only its own article and entity', () => {
  const docs = randomDocs(60, 7);
  const { state } = linkIncremental(null, docs);
  const add = doc('unrelated', [['Zyxwvut Qponmlk', 'organization']]);
  const r = linkIncremental(state, [add]);
  assert.deepStrictEqual([...r.changed.articles], ['unrelated']);
  assert.deepStrictEqual([...r.changed.entities], ['zyxwvut-qponmlk']);
  assert.deepStrictEqual(r, { ...r, ...linkDocs([...docs, add]) });
});

test('an entity not linked again is renumbered when an earlier one takes or leaves its slug', () => {
  // Names in other scripts all slug to `entity`; the Kremlin is reached by nothing the batch brings.
  const docs = [doc('1', [['Путин', 'person']]), doc('2', [['Кремль', 'location']]), doc('3', [['Vladimir Путин', 'person']])];
  const a = linkIncremental(null, docs.slice(0, 2));
  assert.deepStrictEqual(a.entities.map((e) => e.id), ['entity', 'entity-2']);
  const b = linkIncremental(a.state, docs.slice(2));
  assert.deepStrictEqual(b.entities.map((e) => e.id), ['vladimir', 'entity']);
  assert.deepStrictEqual([...b.changed.articles].sort(), ['1', '2', '3']);
  assert.deepStrictEqual([...b.changed.entities].sort(), ['entity', 'entity-2', 'vladimir']);
  checkAll(docs, 'renumbered');
});

test('a phonetic key shared by more than 50 entities stops being evidence, and is again once they merge', () => {
  const role = { role: 'bộ trưởng' };
  // Distinct consonant skeletons, so no two of these are transliteration variants of each other.
  const name = (i: number) => `${'BDFGLMNPRT'[i % 10]}a${'bdfglmnprt'[Math.floor(i / 10)]} Smith`;
  const docs: LinkDoc[] = [doc('smyth', [['Smyth', 'person', role]]), doc('smith', [['Smith', 'person', role]])];
  for (let i = 0; i < 52; i++) docs.push(doc(`p${String(i).padStart(2, '0')}`, [[name(i), 'person']]));
  // An analyzer tie (`expands`) merges two of them per article: the bucket shrinks back under 50.
  for (let i = 0; i < 26; i++) docs.push(doc(`q${String(i).padStart(2, '0')}`, [[name(2 * i), 'person'], [name(2 * i + 1), 'person', { expands: 0 }]]));
  const together = (n: number) => {
    const { links } = linkDocs(docs.slice(0, n));
    return links.find((l) => l.article === 'smyth')!.entity === links.find((l) => l.article === 'smith')!.entity;
  };
  assert.deepStrictEqual([2, 50, 51, docs.length].map(together), [true, true, false, true], 'the fixture crosses the bucket limit both ways');
  check(docs, docs.map(() => 1), 'bucket, one at a time');
  check(docs, [2, 48, 1, 1, 10, 10, 4, 1, 1, 2], 'bucket, in blocks');
});

test('random corpora built to meet every mechanism, in every split', () => {
  for (const seed of [1, 2, 3, 4, 5]) checkAll(randomDocs(70, seed), `random ${seed}`, seed);
});

test('seed texts (capitalised runs as mentions), copied', () => {
  checkAll(seedDocs(4), 'seeds');
});

test('MEANTIME, in every split', () => {
  const docs = loadMeantime().docs.map(linkDocOf);
  for (const [name, sizes] of splits(docs.length, 11).filter(([n]) => n !== 'one doc at a time')) check(docs, sizes, `MEANTIME, ${name}`);
});

test('two docs with one article id: still exact (a full run)', () => {
  const docs = [doc('x', [['Putin', 'person']]), doc('y', [['Vladimir Putin', 'person']]), doc('x', [['Putin', 'person'], ['Merkel', 'person']]), doc('z', [['Angela Merkel', 'person']])];
  check(docs, [2, 1, 1], 'duplicate ids');
});
