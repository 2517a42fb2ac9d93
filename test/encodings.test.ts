// The seeds re-encoded the ways archives hold Vietnamese news (legacy code pages, NFD, old-style
// tone marks, CRLF with a BOM) go through the whole pipeline to the same ids and the same export.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { encodeAs } from '../src/decode/encode.ts';
import { articleId, normalizeText } from '../src/decode/index.ts';
import type { ExportV1 } from '../src/export/index.ts';
import { processDocument } from '../src/pipeline/process.ts';
import { cli, tempDir } from './helpers.ts';
import { seedFiles } from './shared.ts';

// VISCII and TCVN3 have no curly quotes or long dashes; every variant uses plain ones so all can hold the text.
const plain = (t: string) => t.normalize('NFC').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/[—–]/g, '-');
// Old-style ("dictionary") tone placement: hòa -> hoà, thủy -> thuỷ, khỏe -> khoẻ.
const oldStyle = (t: string) =>
  t.replace(/([òóỏõọ])a/g, (_, o: string) => `o${'àáảãạ'['òóỏõọ'.indexOf(o)]}`)
    .replace(/([òóỏõọ])e/g, (_, o: string) => `o${'èéẻẽẹ'['òóỏõọ'.indexOf(o)]}`)
    .replace(/([ùúủũụ])y/g, (_, u: string) => `u${'ỳýỷỹỵ'['ùúủũụ'.indexOf(u)]}`);

const VARIANTS: Record<string, (text: string) => Buffer> = {
  utf8: (t) => Buffer.from(t, 'utf8'),
  'windows-1258': (t) => encodeAs(t, 'windows-1258'),
  viscii: (t) => encodeAs(t, 'viscii'),
  tcvn3: (t) => encodeAs(t, 'tcvn3'),
  vni: (t) => encodeAs(t, 'vni'),
  nfd: (t) => Buffer.from(t.normalize('NFD'), 'utf8'),
  'old-tones': (t) => Buffer.from(oldStyle(t), 'utf8'),
  'crlf-bom': (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t.replace(/\n/g, '\r\n'), 'utf8')]),
  'utf16le-bom': (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
};

function comparable(data: ExportV1): unknown {
  // Origins name the variant's folder; everything else must be identical.
  return { ...data, articles: data.articles.map((a) => ({ ...a, origin: basename(a.origin) })).sort((a, b) => (a.origin < b.origin ? -1 : 1)) };
}

describe('the same articles in any encoding', () => {
  const tmp = tempDir('tinline-enc-');
  after(() => tmp.cleanup());
  const exports = new Map<string, ExportV1>();

  for (const [name, encode] of Object.entries(VARIANTS)) {
    it(`${name}: ingests all seeds`, async () => {
      const dir = join(tmp.dir, name);
      mkdirSync(dir);
      for (const file of seedFiles()) writeFileSync(join(dir, basename(file)), encode(plain(readFileSync(file, 'utf8'))));
      const db = join(tmp.dir, `${name}.db`);
      const run = await cli(['ingest', dir, '--db', db, '--workers', '1']);
      assert.equal(run.code, 0, run.stderr);
      const out = await cli(['export', '--db', db]);
      exports.set(name, JSON.parse(out.stdout) as ExportV1);
      assert.equal(exports.get(name)!.articles.length, 5);
    });
  }

  // Ingest hashes a text's title and body without normalizing them again: they must come out normalized.
  it('stores bodies already normalized, under the id of their normalized title and body', () => {
    for (const [name, data] of exports) {
      for (const a of data.articles) {
        const text = `${a.title ?? ''}\n\n${a.body.join('\n\n')}`;
        assert.equal(normalizeText(text), text, `${name} ${basename(a.origin)}`);
        assert.equal(a.id, articleId(text), `${name} ${basename(a.origin)}`);
      }
    }
  });

  it('gives the same ids and the same export as UTF-8', () => {
    const base = comparable(exports.get('utf8')!);
    for (const name of Object.keys(VARIANTS)) {
      assert.ok(exports.has(name), name);
      assert.deepEqual(comparable(exports.get(name)!), base, name);
    }
  });
});

describe('the same articles as HTML pages in any encoding', () => {
  // Each seed as a page (its lines as <p>, its first line as <title> and <h1>); the page is
  // normalized in its text nodes after parsing, so every encoding must give the UTF-8 page's article.
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const page = (text: string) => {
    const [first, ...rest] = text.split('\n').filter((l) => l.trim());
    const title = escape(first!.trim());
    return `<!doctype html><html lang="vi"><head><title>${title}</title></head><body><article><h1>${title}</h1>${rest.map((p) => `<p>${escape(p.trim())}</p>`).join('\n')}</article></body></html>`;
  };
  for (const file of seedFiles()) {
    it(basename(file), () => {
      const html = page(plain(readFileSync(file, 'utf8')));
      const seen = Object.entries(VARIANTS).map(([name, encode]) => {
        const { article } = processDocument({ origin: `${name}.html`, format: 'html', bytes: encode(html), given: {} });
        return { name, id: article.id, title: article.title, body: article.body, captions: article.captions, published: article.published };
      });
      const base = seen.find((s) => s.name === 'utf8')!;
      assert.ok(base.body.length > 0);
      for (const s of seen) assert.deepEqual({ ...s, name: 'utf8' }, base, s.name);
    });
  }
});
