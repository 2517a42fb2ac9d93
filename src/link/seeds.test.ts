// The seed articles against expected.json: every expected entity is found, each of its surfaces links to
// it, and no two expected entities are merged. Mentions are built from the expected surfaces (plus decoy
// capitalised runs that belong to no expected entity) by `mentionsFor`; swapping in the real analyzer is a
// one-line change there. Prints mention-level pairwise linking precision and recall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadExpected, seedFiles } from '../../test/shared.ts';
import type { Analysis, Article, EntityType, Mention } from '../types.ts';
import { expandQuery, linkEntities } from './index.ts';

const expected = loadExpected();

interface Gold {
  /** Expected entity id, or null for a decoy. */
  entity: string | null;
}

const LETTER = /[\p{L}\p{N}]/u;

/** Every occurrence of `surface` in `text` at word boundaries; a sentence-initial capital also counts. */
function occurrences(text: string, surface: string): number[] {
  const forms = new Set([surface, surface[0].toUpperCase() + surface.slice(1)]);
  const out: number[] = [];
  for (const form of forms) {
    for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) {
      const before = text[i - 1];
      const after = text[i + form.length];
      if ((before && LETTER.test(before)) || (after && LETTER.test(after))) continue;
      out.push(i);
    }
  }
  return out;
}

/**
 * The mentions of one seed text. Today: expected surfaces found in the text (longest first; a shorter
 * surface of the same entity inside a longer one is not repeated) plus decoys. Later: `analyze(text).mentions`.
 */
function mentionsFor(text: string, doc: string): { mentions: Mention[]; gold: Gold[] } {
  const spans: { start: number; end: number; surface: string; type: EntityType; entity: string | null }[] = [];
  const wanted = expected.entities.flatMap((e) => (e.surface[doc] ?? []).map((s) => ({ e, s })));
  wanted.sort((a, b) => b.s.length - a.s.length);
  for (const { e, s } of wanted) {
    const found = occurrences(text, s);
    assert.ok(found.length > 0, `${doc}: expected surface "${s}" not in the text`);
    for (const start of found) {
      const end = start + s.length;
      if (spans.some((p) => p.entity === e.id && p.start < end && start < p.end)) continue;
      spans.push({ start, end, surface: text.slice(start, end), type: e.type as EntityType, entity: e.id });
    }
  }
  // Decoys: runs of capitalised words outside every expected span (`Bộ Ngoại giao`, `Chủ tịch`, `Theo`...),
  // and outside the lines expected.json marks as not body (a reference line `China, Russia to ...` names the
  // expected countries in English: a right link, not a decoy).
  const key = Object.keys(expected.documents).find((k) => k.startsWith(doc))!;
  const notBody = expected.documents[key].not_body.flatMap((line) => {
    const at = text.indexOf(line.normalize('NFC'));
    return at >= 0 ? [{ start: at, end: at + line.length }] : [];
  });
  const wordRe = /[\p{L}\p{N}][\p{L}\p{N}\-]*/gu;
  let run: { start: number; end: number } | null = null;
  const flush = () => {
    if (run) {
      const surface = text.slice(run.start, run.end);
      spans.push({ ...run, surface, type: surface.includes(' ') ? 'organization' : 'other', entity: null });
    }
    run = null;
  };
  for (const m of text.matchAll(wordRe)) {
    const start = m.index!;
    const end = start + m[0].length;
    const capital = /^\p{Lu}/u.test(m[0]);
    const inside = [...spans.filter((p) => p.entity), ...notBody].some((p) => p.start < end && start < p.end);
    if (!capital || inside) {
      flush();
      continue;
    }
    if (run && text.slice(run.end, start) === ' ') run.end = end;
    else {
      flush();
      run = { start, end };
    }
  }
  flush();
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return {
    mentions: spans.map((p) => ({ start: p.start, end: p.end, surface: p.surface, type: p.type })),
    gold: spans.map((p) => ({ entity: p.entity })),
  };
}

function article(id: string, text: string): Article {
  return {
    id, origin: id, title: null, source: null, language: 'vi', published: { value: null, precision: null, evidence: null },
    body: [text], captions: [], removed: [], raw: text, charset: 'utf-8', duplicateOf: null, ingestedAt: '',
  };
}

function analysis(mentions: Mention[]): Analysis {
  return { language: 'vi', sentences: [], tokens: [], mentions, times: [] };
}

const docs = seedFiles().map((path) => {
  const doc = basename(path).slice(0, 3);
  const text = readFileSync(path, 'utf8').normalize('NFC');
  const { mentions, gold } = mentionsFor(text, doc);
  return { doc, article: article(doc, text), analysis: analysis(mentions), gold };
});
const { entities, links } = linkEntities(docs.map(({ article, analysis }) => ({ article, analysis })));
const predicted = new Map(links.map((l) => [`${l.article}#${l.mentionIndex}`, l.entity]));

interface Row {
  doc: string;
  index: number;
  surface: string;
  gold: string | null;
  pred: string;
}
const rows: Row[] = docs.flatMap((d) =>
  d.analysis.mentions.map((m, index) => ({ doc: d.doc, index, surface: m.surface, gold: d.gold[index].entity, pred: predicted.get(`${d.doc}#${index}`)! })),
);
const goldRows = rows.filter((r) => r.gold);

/** The predicted entity that holds most of an expected entity's mentions. */
function majority(id: string): string {
  const count = new Map<string, number>();
  for (const r of goldRows) if (r.gold === id) count.set(r.pred, (count.get(r.pred) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

test('every mention gets a link with a reason', () => {
  assert.equal(links.length, rows.length);
  for (const l of links) assert.ok(l.reason.length > 0);
  for (const r of rows) assert.ok(entities.some((e) => e.id === r.pred));
});

test('every expected entity exists and each of its surfaces in each article links to it', () => {
  const failures: string[] = [];
  for (const e of expected.entities) {
    const target = majority(e.id);
    for (const r of goldRows.filter((x) => x.gold === e.id)) {
      if (r.pred !== target) failures.push(`${e.id}: "${r.surface}" in ${r.doc} -> ${r.pred}, not ${target}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('no two expected entities are merged, and no decoy joins an expected entity', () => {
  const owner = new Map<string, string>();
  const merged: string[] = [];
  for (const r of goldRows) {
    const prev = owner.get(r.pred);
    if (prev && prev !== r.gold) merged.push(`${prev} + ${r.gold} in ${r.pred}`);
    owner.set(r.pred, r.gold!);
  }
  const intruders = rows.filter((r) => !r.gold && owner.has(r.pred)).map((r) => `decoy "${r.surface}" in ${r.doc} -> ${r.pred}`);
  assert.deepEqual([...new Set(merged)], []);
  assert.deepEqual(intruders, []);
});

test('expandQuery: any surface of an expected entity finds its other spellings', () => {
  for (const e of expected.entities) {
    const surfaces = [...new Set(Object.values(e.surface).flat())];
    for (const s of surfaces) {
      const others = expandQuery(s, entities);
      const names = entities.find((x) => x.id === majority(e.id))!.names.map((n) => n.text);
      for (const o of others) assert.ok(names.includes(o) || o === entities.find((x) => x.id === majority(e.id))!.name, `${s} -> ${o}`);
    }
  }
  const wang = expected.entities.find((e) => e.type === 'person' && new Set(Object.values(e.surface).flat().map((x) => /\p{Script=Latin}/u.test(x) && !/[^\x00-\x7f]/.test(x))).size > 1);
  if (wang) {
    const ascii = Object.values(wang.surface).flat().find((x) => !/[^\x00-\x7f]/.test(x))!;
    const viet = Object.values(wang.surface).flat().find((x) => /[^\x00-\x7f]/.test(x) && !/^\p{Ll}/u.test(x))!;
    assert.ok(expandQuery(ascii, entities).includes(viet), `${ascii} -> ${viet}`);
    assert.ok(expandQuery(viet, entities).includes(ascii), `${viet} -> ${ascii}`);
  }
});

test('pairwise mention-level precision and recall (printed)', () => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i];
      const b = rows[j];
      if (!a.gold && !b.gold) continue; // decoys among themselves have no gold answer
      const sameGold = a.gold !== null && a.gold === b.gold;
      const samePred = a.pred === b.pred;
      if (sameGold && samePred) tp++;
      else if (samePred) fp++;
      else if (sameGold) fn++;
    }
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  console.log(
    `link seeds: ${goldRows.length} expected mentions, ${rows.length - goldRows.length} decoys, ${entities.length} entities; ` +
      `pairwise precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (tp ${tp} fp ${fp} fn ${fn})`,
  );
  assert.ok(precision >= 0.99, `precision ${precision}`);
  assert.ok(recall >= 0.95, `recall ${recall}`);
});

if (process.env.LINK_DUMP) {
  for (const e of entities) {
    const ls = links.filter((l) => l.entity === e.id);
    if (ls.length < 2 && !process.env.LINK_DUMP_ALL) continue;
    console.log(`${e.id} [${e.type}] ${e.name} :: ${e.aliases.join(' | ')}`);
    for (const r of new Set(ls.map((l) => l.reason))) console.log(`   - ${r}`);
  }
}
