// The CLI as a user meets it: bad input, exit codes, help, and a kill -9 in the middle of a batch.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { BIN, cli, cliProcess, spawn, tempDir } from './helpers.ts';
import { SEEDS_DIR, seedFiles } from './shared.ts';

const tmp = tempDir('tinline-cli-');
after(() => tmp.cleanup());

function article(i: number): string {
  // Distinct made-up articles (not near-duplicates of each other).
  const topics = ['cảng biển', 'đường sắt', 'nông nghiệp', 'y tế', 'giáo dục', 'năng lượng', 'du lịch', 'ngân hàng'];
  return [
    `Bản tin số ${i}: ${topics[i % topics.length]} tỉnh ${i}`,
    '',
    `Ngày ${(i % 27) + 1}/${(i % 12) + 1}/2023, Ủy ban nhân dân tỉnh số ${i} công bố kế hoạch ${topics[i % topics.length]} với tổng vốn ${i * 13 + 7} tỷ đồng.`,
    '',
    `Theo ông Nguyễn Văn ${String.fromCharCode(65 + (i % 26))}${i}, dự án mã ${(i * 7919) % 10007} sẽ hoàn thành trong ${(i % 9) + 2} năm và tạo việc làm cho ${i * 31 + 100} lao động.`,
  ].join('\n');
}

describe('bad input', () => {
  const dir = join(tmp.dir, 'bad');
  mkdirSync(dir);
  const db = join(tmp.dir, 'bad.db');
  writeFileSync(join(dir, '01-good.txt'), article(1));
  writeFileSync(join(dir, '02-binary.txt'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(200, 7)]));
  writeFileSync(join(dir, '03-empty.txt'), '');
  writeFileSync(join(dir, '04-big.txt'), 'Một câu rất dài. '.repeat(12000));
  writeFileSync(join(dir, '05-truncated.txt'), Buffer.concat([Buffer.from('Hà Nội là thủ đô của Việt Nam. Tin tức hôm nay ', 'utf8'), Buffer.from([0xe1, 0xba])]));
  writeFileSync(join(dir, '06-feed.jsonl'), `${JSON.stringify({ text: article(2) })}\n{"text": "no end\n${JSON.stringify({ text: article(3) })}\n`);
  writeFileSync(join(dir, '07-bomb.txt.gz'), gzipSync(Buffer.alloc(30_000_000, 0x61)));
  // Hostile HTML: deep nesting, a huge attribute, a script. It must neither hang nor crash; its text survives.
  writeFileSync(join(dir, '08-nested.html'), `<html><body><div title="${'a'.repeat(40000)}">${'<div>'.repeat(6000)}<p>Nội dung nằm rất sâu trong trang, vẫn được đọc ra đầy đủ.</p>${'</div>'.repeat(6000)}</div><script>alert(1)</script></body></html>`);
  writeFileSync(join(dir, '09-good.html'), `<html><head><title>Tin tức</title></head><body><article><h1>Tin tức</h1><p>${article(4).replace(/\n+/g, '</p><p>')}</p></article></body></html>`);

  it('reports each bad file on one stderr line with a stable code, ingests the rest, exits 1', async () => {
    const r = await cli(['ingest', dir, '--db', db, '--max-size', '120KB', '--json']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { inserted: { origin: string }[]; failed: { origin: string; code: string; line: number | null }[] };
    const codes = Object.fromEntries(report.failed.map((f) => [f.origin.replace(`${dir}/`, '') + (f.line ? `:${f.line}` : ''), f.code]));
    assert.equal(codes['02-binary.txt'], 'INPUT_BINARY');
    assert.equal(codes['03-empty.txt'], 'INPUT_EMPTY');
    assert.equal(codes['04-big.txt'], 'INPUT_TOO_LARGE');
    assert.equal(codes['05-truncated.txt'], 'INPUT_TRUNCATED');
    assert.equal(codes['06-feed.jsonl:2'], 'INPUT_JSON');
    assert.equal(codes['07-bomb.txt.gz'], 'INPUT_GZIP_BOMB');
    const stored = report.inserted.map((a) => a.origin.replace(`${dir}/`, '')).sort();
    assert.deepEqual(stored, ['01-good.txt', '06-feed.jsonl#L1', '06-feed.jsonl#L3', '08-nested.html', '09-good.html']);
    // One line per failure on stderr: file, line where it applies, the code, the reason.
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, report.failed.length);
    assert.ok(lines.some((l) => /06-feed\.jsonl:2: INPUT_JSON: /.test(l)), r.stderr);
  });

  it('touches nothing already stored when a later batch fails', async () => {
    const before = new Database(db, { readonly: true }).prepare('select id, title from articles order by id').all();
    const r = await cli(['ingest', join(dir, '02-binary.txt'), join(dir, '03-empty.txt'), '--db', db]);
    assert.equal(r.code, 1);
    const afterRows = new Database(db, { readonly: true }).prepare('select id, title from articles order by id').all();
    assert.deepEqual(afterRows, before);
  });
});

describe('usage', () => {
  it('exits 2 on a usage error, with one clear line', async () => {
    const r = await cli(['ingest']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing required argument/);
    assert.equal((await cli(['no-such-command'])).code, 2);
    assert.equal((await cli(['ingest', 'x', '--max-size', 'lots'])).code, 2);
    assert.equal((await cli(['timeline', '--db', join(tmp.dir, 'u.db')])).code, 2);
  });

  it('has --help on every command', async () => {
    for (const cmd of ['ingest', 'run', 'show', 'search', 'export', 'annotate', 'stories', 'timeline', 'migrate', 'rebuild', 'serve', 'eval', 'worker', 'enqueue']) {
      const r = await cli([cmd, '--help']);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, /Usage: tinline/, cmd);
    }
  });

  it('show of an unknown id is NOT_FOUND, exit 1', async () => {
    const r = await cli(['show', 'ffffffff', '--db', join(tmp.dir, 'empty.db')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /NOT_FOUND/);
  });

  it('stops quietly when the reader closes the pipe early (`… | head`)', async () => {
    const db = join(tmp.dir, 'pipe.db');
    const dir = join(tmp.dir, 'pipe');
    mkdirSync(dir);
    // An export of a few megabytes: more than a pipe holds, so the writer is still writing when it closes.
    for (let i = 0; i < 300; i++) writeFileSync(join(dir, `${String(i).padStart(3, '0')}.txt`), `${article(i)}\n\n${article(i + 1000).repeat(6)}`);
    assert.equal(cliProcess(['ingest', dir, '--db', db, '--no-rebuild']).code, 0);
    const child = spawn(process.execPath, [BIN, 'export', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read one chunk, then close our end, as `head -c` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error/);
  });

  it('draws a progress bar on a terminal for a long run, and none in a pipe', (t) => {
    // A terminal from util-linux `script`, which runs the command on a pseudo-terminal.
    if (spawnSync('script', ['--version']).status !== 0) return t.skip('no `script` command here');
    const dir = join(tmp.dir, 'long');
    mkdirSync(dir);
    for (let i = 0; i < 3000; i++) writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), article(i + 5000));
    const args = (db: string) => ['ingest', dir, '--db', join(tmp.dir, db), '--no-rebuild', '--workers', '1'];
    const quoted = [process.execPath, BIN, ...args('tty.db')].map((a) => `'${a}'`).join(' ');
    const onTerminal = spawnSync('script', ['-qec', quoted, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm' } });
    assert.equal(onTerminal.status, 0, onTerminal.stdout);
    assert.match(onTerminal.stdout, /ingest \d+ documents \| 0 failed \| \d+\/s/);
    const inPipe = cliProcess(args('pipe-bar.db'));
    assert.equal(inPipe.code, 0, inPipe.stderr);
    assert.doesNotMatch(inPipe.stderr, /documents \|/);
    assert.match(inPipe.stdout, /3000 stored/);
  });

  it('reads stdin with -', () => {
    const db = join(tmp.dir, 'stdin.db');
    const r = cliProcess(['ingest', '-', '--db', db, '--json', '--source', 'Báo Mẫu'], article(9));
    assert.equal(r.code, 0, r.stderr);
    const shown = cliProcess(['export', '--db', db]);
    const exported = JSON.parse(shown.stdout) as { articles: { source: string; origin: string }[] };
    assert.equal(exported.articles[0]!.source, 'Báo Mẫu');
    assert.equal(exported.articles[0]!.origin, '-');
  });
});

describe('kill -9 in the middle of a folder', () => {
  it('leaves a valid database, and the same command finishes the rest with no duplicates', async () => {
    const dir = join(tmp.dir, 'many');
    mkdirSync(dir);
    const total = 400;
    for (let i = 0; i < total; i++) writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), article(i + 100));
    for (const f of seedFiles()) writeFileSync(join(dir, `seed-${f.split('/').pop()}`), readFileSync(f));
    const db = join(tmp.dir, 'killed.db');
    const args = [BIN, 'ingest', dir, '--db', db, '--no-rebuild', '--workers', '1'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // Kill once some articles are committed (polling the database as another reader would).
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        try {
          const conn = new Database(db, { readonly: true, fileMustExist: true });
          const n = (conn.prepare('select count(*) n from articles').get() as { n: number }).n;
          conn.close();
          if (n >= 20) {
            clearInterval(timer);
            child.kill('SIGKILL');
            resolve();
          }
        } catch {
          /* not created yet */
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        resolve();
      });
    });
    await new Promise((r) => child.once('exit', r).once('close', r));
    const conn = new Database(db);
    assert.equal((conn.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
    const partial = (conn.prepare('select count(*) n from articles').get() as { n: number }).n;
    conn.close();
    assert.ok(partial < total + 5, `killed after ${partial} articles`);
    const again = cliProcess(['ingest', dir, '--db', db, '--json', '--no-rebuild', '--workers', '1']);
    assert.equal(again.code, 0, again.stderr);
    const report = JSON.parse(again.stdout) as { inserted: unknown[]; existing: unknown[] };
    assert.equal(report.inserted.length + report.existing.length, total + 5);
    const final = new Database(db, { readonly: true });
    assert.equal((final.prepare('select count(*) n from articles').get() as { n: number }).n, total + 5);
    final.close();
  });
});

// Keep the seeds folder path referenced so a missing ../shared fails loudly here too.
assert.ok(SEEDS_DIR);

describe('worker threads', () => {
  it('ingests the same articles with 2 worker threads as inline, in the same order', async () => {
    const dir = join(tmp.dir, 'threads');
    mkdirSync(dir);
    for (let i = 0; i < 60; i++) writeFileSync(join(dir, `${String(i).padStart(3, '0')}.txt`), article(i + 1000));
    const inline = await cli(['ingest', dir, '--db', join(tmp.dir, 'inline.db'), '--workers', '1', '--no-rebuild', '--json']);
    const threaded = await cli(['ingest', dir, '--db', join(tmp.dir, 'threads.db'), '--workers', '2', '--no-rebuild', '--json']);
    assert.equal(threaded.code, 0, threaded.stderr);
    const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as { inserted: { id: string; origin: string }[] }).inserted;
    assert.equal(ids(threaded).length, 60);
    assert.deepEqual(ids(threaded), ids(inline));
  });
});

describe('rebuild', () => {
  it('goes on locally from saved state; --exact gives what --full gives', async () => {
    const db = join(tmp.dir, 'rebuild.db');
    const first = join(tmp.dir, 'rebuild-1');
    const second = join(tmp.dir, 'rebuild-2');
    mkdirSync(first);
    mkdirSync(second);
    for (let i = 0; i < 30; i++) writeFileSync(join(first, `${String(i).padStart(2, '0')}.txt`), article(i));
    for (let i = 30; i < 32; i++) writeFileSync(join(second, `${String(i).padStart(2, '0')}.txt`), article(i));
    const ok = async (args: string[]) => {
      const r = await cli(args);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    await ok(['ingest', first, '--db', db, '--no-rebuild', '--workers', '1']);
    assert.match(await ok(['rebuild', '--db', db]), /^\d+ entities, 0 duplicates, \d+ events, \d+ stories/);
    await ok(['ingest', second, '--db', db, '--no-rebuild', '--workers', '1']);
    await ok(['rebuild', '--db', db]);
    const stories = async () => (JSON.parse(await ok(['export', '--db', db])) as { stories: unknown[] }).stories;
    const local = await stories();
    assert.equal(local.length > 0, true);
    await ok(['rebuild', '--exact', '--db', db]);
    const exact = await stories();
    await ok(['rebuild', '--full', '--db', db]);
    assert.deepEqual(await stories(), exact);
    assert.match((await cli(['rebuild', '--help'])).stdout, /--exact/);
  });
});
