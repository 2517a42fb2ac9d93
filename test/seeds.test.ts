// The five seed articles through the whole pipeline, checked against expected.json.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { cli, tempDir } from './helpers.ts';
import { SEEDS_DIR, loadExpected } from './shared.ts';
import type { ExportV1 } from '../src/export/index.ts';

const expected = loadExpected();

function acceptable(doc: { published: string | null; published_acceptable?: string[] }): (string | null)[] {
  const values: (string | null)[] = [doc.published, ...(doc.published_acceptable ?? [])];
  // expected.json writes an unknown year as null or `--11-18`; the export writes `XXXX-11-18`.
  return values.flatMap((v) => (v === null ? [null] : [v, v.replace(/^--/, 'XXXX-')]));
}

function publishedOk(doc: { published: string | null; published_acceptable?: string[] }, value: string | null): boolean {
  if (acceptable(doc).includes(value)) return true;
  // `published: null` means "the year is unknown": a day and month with the year left unknown says exactly that.
  return doc.published === null && value !== null && value.startsWith('XXXX-');
}

describe('seeds through the pipeline', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'seeds.db');
  let exported: ExportV1;
  let runOutput: string;

  before(async () => {
    const run = await cli(['run', SEEDS_DIR, '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    runOutput = run.stdout;
    const out = await cli(['export', '--format', 'json', '--db', db]);
    assert.equal(out.code, 0, out.stderr);
    exported = JSON.parse(out.stdout) as ExportV1;
  });
  after(() => tmp.cleanup());

  it('ingests all five seeds and skips expected.json with a reason', () => {
    assert.equal(exported.version, 1);
    assert.equal(exported.articles.length, Object.keys(expected.documents).length);
  });

  for (const [file, doc] of Object.entries(expected.documents)) {
    it(`${file}: title, source, published and a clean body`, () => {
      const article = exported.articles.find((a) => basename(a.origin) === file);
      assert.ok(article, `${file} not exported`);
      assert.equal(article.title, doc.title, 'title');
      assert.equal(article.source, doc.source, 'source');
      assert.ok(publishedOk(doc, article.published.value), `published ${article.published.value} not in ${JSON.stringify(acceptable(doc))} (evidence: ${article.published.evidence})`);
      assert.equal(article.language, doc.language);
      for (const line of doc.not_body) {
        for (const paragraph of article.body) assert.ok(!paragraph.includes(line), `not_body line in body: ${line}`);
      }
      if (article.published.value) assert.ok(article.published.evidence, 'a date comes with its evidence');
    });
  }

  it('prints, for each seed, its title, source, date with evidence, body size and removed lines', () => {
    for (const file of Object.keys(expected.documents)) assert.ok(runOutput.includes(file), file);
    assert.match(runOutput, /published: .+ ← /);
    assert.match(runOutput, /body: +\d+ paragraphs, \d+ characters/);
    assert.match(runOutput, /removed: +\d+ line/);
    assert.match(runOutput, /\[caption\]/);
  });

  it('ingesting the same files again adds nothing', async () => {
    const again = await cli(['ingest', SEEDS_DIR, '--db', db, '--json']);
    assert.equal(again.code, 0, again.stderr);
    const report = JSON.parse(again.stdout) as { inserted: unknown[]; existing: unknown[] };
    assert.equal(report.inserted.length, 0);
    assert.equal(report.existing.length, 5);
  });

  it('search is diacritic-insensitive both ways', async () => {
    const folded = JSON.parse((await cli(['search', 'vuong nghi', '--json', '--db', db])).stdout) as { hits: unknown[] };
    const accented = JSON.parse((await cli(['search', 'Vương Nghị', '--json', '--db', db])).stdout) as { hits: unknown[] };
    assert.ok(folded.hits.length >= 3);
    assert.equal(folded.hits.length, accented.hits.length);
    const phrase = JSON.parse((await cli(['search', '"Hội đồng An ninh"', '--json', '--db', db])).stdout) as { hits: unknown[] };
    assert.ok(phrase.hits.length >= 2);
  });

  it('shows one article by id prefix, with removed lines and reasons', async () => {
    const article = exported.articles.find((a) => a.removed.length > 0)!;
    const shown = await cli(['show', article.id.slice(0, 8), '--db', db, '--json']);
    assert.equal(shown.code, 0, shown.stderr);
    const parsed = JSON.parse(shown.stdout) as { id: string; removed: { reason: string }[] };
    assert.equal(parsed.id, article.id);
    assert.ok(parsed.removed.every((r) => r.reason));
  });
});
