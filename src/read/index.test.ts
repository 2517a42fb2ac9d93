import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readInputs, sniffKind, type ReadItem } from './index.ts';

async function collect(paths: string[], options = {}): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readInputs(paths, options)) out.push(item);
  return out;
}

describe('read', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tinline-read-'));
    mkdirSync(join(dir, 'b-sub'));
    writeFileSync(join(dir, 'c.txt'), 'Một bài báo.');
    writeFileSync(join(dir, 'a.html'), '<html><body><p>Hello</p></body></html>');
    writeFileSync(join(dir, 'b-sub', 'z.md'), '# Title\n\nText');
    writeFileSync(join(dir, 'b-sub', 'y.txt.gz'), gzipSync(Buffer.from('Nén lại')));
    writeFileSync(join(dir, '.hidden.txt'), 'skip me');
    writeFileSync(join(dir, 'notes.pdf'), '%PDF-1.4');
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ about: 'not an article' }));
    writeFileSync(
      join(dir, 'feed.jsonl'),
      [
        JSON.stringify({ text: 'Bài một', title: 'T1', published: '2024-11-12', source: 'VnExpress', language: 'vi', url: 'https://example.vn/1' }),
        '{"text": "broken',
        JSON.stringify({ html: '<p>Bài hai</p>' }),
        JSON.stringify({ title: 'no text' }),
        '',
      ].join('\n'),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders recursively in sorted order, skipping hidden files and saying what it skips', async () => {
    const items = await collect([dir]);
    const origins = items.map((i) => (i.ok === true ? i.doc.origin : i.ok === 'skipped' ? `skip:${i.origin}` : `fail:${i.error.origin}`));
    assert.deepEqual(origins.map((o) => o.replace(dir, '')), [
      '/a.html',
      '/b-sub/y.txt.gz',
      '/b-sub/z.md',
      '/c.txt',
      '/feed.jsonl#L1',
      'fail:/feed.jsonl',
      '/feed.jsonl#L3',
      'fail:/feed.jsonl',
      'skip:/meta.json',
      'skip:/notes.pdf',
    ]);
  });

  it('reads a symbolic link to a file, and says why it skips one to a folder or a broken one', async () => {
    const links = mkdtempSync(join(tmpdir(), 'tinline-links-'));
    try {
      mkdirSync(join(links, 'real'));
      writeFileSync(join(links, 'real', 'a.txt'), 'Một bài báo.');
      symlinkSync(join(links, 'real', 'a.txt'), join(links, 'b-link.txt'));
      symlinkSync(links, join(links, 'real', 'loop'));
      symlinkSync(join(links, 'gone.txt'), join(links, 'c-broken.txt'));
      const items = await collect([links]);
      const seen = items.map((i) => (i.ok === true ? i.doc.origin : i.ok === 'skipped' ? `skip:${i.origin}: ${i.reason}` : 'fail'));
      assert.deepEqual(seen.map((o) => o.replace(links, '')), [
        '/b-link.txt',
        'skip:/c-broken.txt: a broken symbolic link',
        '/real/a.txt',
        'skip:/real/loop: a symbolic link to a folder: not followed (links can loop)',
      ]);
    } finally {
      rmSync(links, { recursive: true, force: true });
    }
  });

  it('announces what lies ahead before reading it: a folder once listed, a JSONL file once split', async () => {
    const log: string[] = [];
    for await (const item of readInputs([dir], { onFound: (n) => log.push(`found ${n}`) })) log.push(item.ok === true ? item.doc.origin.replace(dir, '') : 'other');
    // 7 visible files; feed.jsonl has 4 records and a final newline (lines, not yet parsed records).
    assert.deepEqual(log.slice(0, 2), ['found 7', '/a.html']);
    assert.ok(log.indexOf('found 5') > 0 && log.indexOf('found 5') < log.indexOf('/feed.jsonl#L1'), log.join(', '));
    const single: number[] = [];
    await collect([join(dir, 'c.txt')], { onFound: (n: number) => single.push(n) });
    assert.deepEqual(single, []);
  });

  it('reads formats from the extension, through .gz', async () => {
    const items = (await collect([dir])).filter((i) => i.ok === true).map((i) => (i as { doc: { origin: string; format: string; bytes?: Uint8Array } }).doc);
    const byName = new Map(items.map((d) => [d.origin.replace(dir, ''), d]));
    assert.equal(byName.get('/a.html')!.format, 'html');
    assert.equal(byName.get('/b-sub/z.md')!.format, 'markdown');
    assert.equal(Buffer.from(byName.get('/b-sub/y.txt.gz')!.bytes!).toString(), 'Nén lại');
  });

  it('takes JSONL metadata as given, and reports malformed lines with their line number', async () => {
    const items = await collect([join(dir, 'feed.jsonl')]);
    const first = items[0];
    assert.equal(first!.ok, true);
    if (first!.ok !== true) return;
    assert.deepEqual(first.doc.given, { title: 'T1', published: '2024-11-12', source: 'VnExpress', language: 'vi', url: 'https://example.vn/1' });
    const broken = items[1]!;
    assert.equal(broken.ok, false);
    if (broken.ok === false) {
      assert.equal(broken.error.code, 'INPUT_JSON');
      assert.equal(broken.error.line, 2);
    }
    const html = items[2]!;
    assert.ok(html.ok === true && html.doc.format === 'html');
    const noText = items[3]!;
    assert.ok(noText.ok === false && noText.error.code === 'INPUT_FIELDS' && noText.error.line === 4);
  });

  it('fails a missing path, an over-size file and a gzip bomb, each on its own', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(2000));
    const bomb = join(dir, 'bomb.txt.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(5_000_000)));
    const items = await collect([join(dir, 'missing.txt'), big, bomb, join(dir, 'c.txt')], { maxBytes: 1000 });
    assert.deepEqual(items.map((i) => (i.ok === false ? i.error.code : 'ok')), ['INPUT_MISSING', 'INPUT_TOO_LARGE', 'INPUT_GZIP_BOMB', 'ok']);
    rmSync(big);
    rmSync(bomb);
  });

  it('reports a corrupt gzip file', async () => {
    const bad = join(dir, 'bad.txt.gz');
    writeFileSync(bad, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    const [item] = await collect([bad]);
    assert.ok(item!.ok === false && item!.error.code === 'INPUT_GZIP');
    rmSync(bad);
  });

  it('reads stdin with -, sniffing HTML and JSONL', async () => {
    const html = await collect(['-'], { stdin: Readable.from([Buffer.from('<!doctype html><p>x</p>')]) });
    assert.ok(html[0]!.ok === true && html[0]!.doc.format === 'html' && html[0]!.doc.origin === '-');
    const jsonl = await collect(['-'], { stdin: Readable.from([Buffer.from('{"text":"a"}\n{"text":"b"}\n')]) });
    assert.equal(jsonl.filter((i) => i.ok === true).length, 2);
  });

  it('applies command-line metadata, with a record’s own fields more specific', async () => {
    const items = await collect([join(dir, 'feed.jsonl')], { given: { source: 'cli', published: '2020' } });
    assert.ok(items[0]!.ok === true && items[0]!.doc.given.source === 'VnExpress');
    assert.ok(items[2]!.ok === true && items[2]!.doc.given.source === 'cli' && items[2]!.doc.given.published === '2020');
  });

  it('sniffs kinds', () => {
    assert.equal(sniffKind(Buffer.from('  <html><body>')), 'html');
    assert.equal(sniffKind(Buffer.from('{"a":1}\n{"a":2}')), 'jsonl');
    assert.equal(sniffKind(Buffer.from('[{"a":1}]')), 'json');
    assert.equal(sniffKind(Buffer.from('Hà Nội, ngày 2/11')), 'text');
  });
});
