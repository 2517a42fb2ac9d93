// Entities through the whole pipeline (extract -> analyze -> link), checked against expected.json:
// every expected entity is found, each of its listed surfaces in each listed article is linked to it,
// and no two expected entities are merged. Prints mention-level linking precision and recall.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ExportV1 } from '../src/export/index.ts';
import { foldKey } from '../src/decode/fold.ts';
import { cli, tempDir } from './helpers.ts';
import { SEEDS_DIR, loadExpected } from './shared.ts';

const expected = loadExpected();
// Courtesy words a listed surface may carry that a mention leaves out (`ông Vương` -> mention `Vương`).
const HONORIFIC = /^(ông|bà|anh|chị) /i;

describe('entities of the seeds, linked', () => {
  const tmp = tempDir('tinline-ent-');
  let data: ExportV1;
  let db = '';
  const docId = new Map<string, string>(); // '000' -> article id

  before(async () => {
    db = join(tmp.dir, 'e.db');
    const run = await cli(['ingest', SEEDS_DIR, '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    data = JSON.parse((await cli(['export', '--db', db])).stdout) as ExportV1;
    for (const a of data.articles) docId.set(basename(a.origin).slice(0, 3), a.id);
  });
  after(() => tmp.cleanup());

  /** Entity ids of the mentions in `article` whose surface is the listed one (up to a courtesy word, case and a trailing acronym). */
  function entitiesFor(article: string, surface: string): Map<string, number> {
    const want = foldKey(surface.replace(HONORIFIC, ''));
    const found = new Map<string, number>();
    for (const e of data.entities) {
      for (const m of e.mentions) {
        if (m.article !== article) continue;
        const got = foldKey(m.surface.replace(HONORIFIC, ''));
        if (got === want || want.startsWith(`${got} (`) || want.startsWith(`${got} `) && want.slice(got.length).trim().replace(/[()]/g, '').toUpperCase() === want.slice(got.length).trim().replace(/[()]/g, '')) {
          found.set(e.id, (found.get(e.id) ?? 0) + 1);
        }
      }
    }
    return found;
  }

  it('finds every expected entity, links its surfaces to it, and merges none', () => {
    const assigned = new Map<string, string>(); // expected id -> our entity id
    let listed = 0;
    let linkedRight = 0;
    let linkedWrong = 0;
    const problems: string[] = [];
    for (const entity of expected.entities) {
      const votes = new Map<string, number>();
      const perSurface: { doc: string; surface: string; found: Map<string, number> }[] = [];
      for (const [doc, surfaces] of Object.entries(entity.surface)) {
        for (const surface of surfaces) {
          const found = entitiesFor(docId.get(doc)!, surface);
          perSurface.push({ doc, surface, found });
          for (const [id, n] of found) votes.set(id, (votes.get(id) ?? 0) + n);
        }
      }
      const best = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (!best) {
        problems.push(`${entity.id}: not found`);
        listed += perSurface.length;
        continue;
      }
      assigned.set(entity.id, best);
      for (const { doc, surface, found } of perSurface) {
        listed++;
        if (found.has(best)) linkedRight++;
        else problems.push(`${entity.id}: '${surface}' in ${doc} → ${[...found.keys()].join(', ') || 'no mention'}`);
        linkedWrong += [...found.keys()].filter((id) => id !== best).length;
      }
    }
    const owners = new Map<string, string[]>();
    for (const [exp, ours] of assigned) owners.set(ours, [...(owners.get(ours) ?? []), exp]);
    for (const [ours, exps] of owners) if (exps.length > 1) problems.push(`merged into ${ours}: ${exps.join(', ')}`);
    const precision = linkedRight / Math.max(1, linkedRight + linkedWrong);
    const recall = linkedRight / Math.max(1, listed);
    console.log(`mention-level linking on the seeds: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${linkedRight}/${listed} listed surfaces linked right)`);
    if (problems.length) console.log(problems.join('\n'));
    assert.deepEqual(problems, []);
    assert.equal(precision, 1);
    assert.equal(recall, 1);
  });

  it('finds Wang Yi by any of his names (entity-aware search)', async () => {
    const wang = data.entities.find((e) => e.aliases.includes('Vương Nghị'));
    assert.ok(wang, 'an entity named Vương Nghị');
    assert.ok(wang.aliases.includes('Wang Yi'), `aliases: ${wang.aliases.join(', ')}`);
  });

  it('search "Wang Yi" finds the articles that write Vương Nghị', async () => {
    const out = await cli(['search', 'Wang Yi', '--json', '--db', db]);
    const result = JSON.parse(out.stdout) as { alternatives: string[]; hits: { id: string }[] };
    assert.ok(result.alternatives.includes('Vương Nghị'), JSON.stringify(result.alternatives));
    const writesVuong = data.articles.filter((a) => a.body.join(' ').includes('Vương Nghị')).map((a) => a.id).sort();
    assert.ok(writesVuong.length >= 3);
    for (const id of writesVuong) assert.ok(result.hits.some((h) => h.id === id), id);
  });

  it('show lists an article’s entities with all their names, and its dates', async () => {
    const out = await cli(['show', docId.get('001')!, '--db', db]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Entities:/);
    assert.match(out.stdout, /all names: .*Vương Nghị/);
    assert.match(out.stdout, /Ngày 12\/11 → 2024-11-12/);
  });
});

describe('annotate', () => {
  it('prints language, sentences, multi-syllable tokens, mentions and resolved times with offsets into the text', async () => {
    const { dir, cleanup } = tempDir('tinline-ann-');
    try {
      const file = join(dir, 'a.txt');
      const text = 'Hôm qua, Thủ tướng Nguyễn Văn An đã đến Hà Nội. Ông An gặp đại diện Liên hợp quốc (LHQ).';
      writeFileSync(file, text);
      const out = await cli(['annotate', file, '--published', '2024-11-12', '--json']);
      assert.equal(out.code, 0, out.stderr);
      const a = JSON.parse(out.stdout) as { language: string; sentences: { start: number; end: number; text: string }[]; tokens: { start: number; end: number; text: string }[]; mentions: { start: number; end: number; surface: string; type: string; entity: string | null }[]; times: { start: number; end: number; surface: string; value: string }[] };
      assert.equal(a.language, 'vi');
      assert.equal(a.sentences.length, 2);
      for (const x of [...a.sentences, ...a.tokens, ...a.mentions, ...a.times]) {
        const surface = 'text' in x ? x.text : x.surface;
        assert.equal(text.slice(x.start, x.end), surface);
      }
      assert.ok(a.tokens.some((t) => t.text === 'Hà Nội'));
      assert.ok(a.times.some((t) => t.surface.toLowerCase() === 'hôm qua' && t.value === '2024-11-11'));
      const person = a.mentions.find((m) => m.surface === 'Nguyễn Văn An');
      assert.equal(person?.type, 'person');
      const short = a.mentions.find((m) => m.surface === 'An');
      if (short) assert.equal(short.entity, person!.entity, 'the short form links to the full name');
    } finally {
      cleanup();
    }
  });
});
