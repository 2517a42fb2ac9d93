// The page end to end in headless Chromium (Debian's package, driven by playwright-core): the real
// server on a free loopback port over the seeds, then stories, a timeline, an entity, search,
// and that posted article text is never run as HTML. Screenshots go to artifacts/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ingest, rebuild } from '../../src/pipeline/index.ts';
import { DEFAULT_WEB_DIR, startServer, webBuilt, type RunningServer } from '../../src/serve/index.ts';
import { createStore, type Store } from '../../src/store/index.ts';
import { tempDir } from '../helpers.ts';
import { REPO_ROOT, SEEDS_DIR } from '../shared.ts';

const ARTIFACTS = join(REPO_ROOT, 'artifacts');
const TOKEN = 'e2e-token-5f1c';
const XSS = `<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> <a href="javascript:window.__pwned=1">bấm vào đây</a>`;

function chromiumPath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path && existsSync(path) ? path : null;
}

async function buildPageIfMissing(): Promise<void> {
  if (webBuilt(DEFAULT_WEB_DIR)) return;
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'web', 'vite.config.mjs'), logLevel: 'warn' });
}

describe('the web page in Chromium', { timeout: 240_000 }, () => {
  const tmp = tempDir('tinline-e2e-');
  const executablePath = chromiumPath();
  let store: Store;
  let server: RunningServer;
  let context: BrowserContext;
  const dialogs: string[] = [];
  const cspErrors: string[] = [];
  const pageErrors: string[] = [];

  const watch = (page: Page) => {
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  };

  before(async () => {
    if (!executablePath) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    await buildPageIfMissing();
    store = await createStore(join(tmp.dir, 'seeds.db'));
    await ingest([SEEDS_DIR], store, { workers: 1 });
    await rebuild(store);
    server = await startServer(store, { host: '127.0.0.1', port: 0, token: TOKEN, webDir: DEFAULT_WEB_DIR, log: () => {} });
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(join(tmp.dir, 'profile'), {
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      viewport: { width: 1200, height: 900 },
      locale: 'en-US',
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    await store?.close();
    tmp.cleanup();
  });

  it('has Chromium', () => {
    if (!executablePath) assert.fail('chromium is not installed: run `apt-get install -y chromium` (as root) to run the page tests');
  });

  it('shows the biggest story with its timeline in time order, an entity with both scripts, and search as you type', async () => {
    if (!executablePath) assert.fail('chromium is not installed: run `apt-get install -y chromium`');
    const page = watch(await context.newPage());
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.story-link');
    const stories = await page.$$eval('.story-link', (links) => links.map((a) => ({ href: a.getAttribute('href'), articles: Number(a.getAttribute('data-articles')) })));
    const biggest = stories.reduce((a, b) => (b.articles > a.articles ? b : a));
    assert.ok(biggest.articles >= 4, `the biggest story holds the seed articles (${biggest.articles})`);
    await page.screenshot({ path: join(ARTIFACTS, 'stories.png'), fullPage: true });

    await page.click(`.story-link[href="${biggest.href}"]`);
    await page.waitForSelector('.tl-entry');
    const entries = await page.$$eval('.tl-entry', (els) => els.map((e) => ({ sort: e.getAttribute('data-sort') ?? '', shown: e.querySelector('.tl-date time')?.textContent ?? '' })));
    assert.ok(entries.length >= 2, `timeline entries: ${entries.length}`);
    for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1]!.sort <= entries[i]!.sort, `in time order: ${entries.map((e) => e.sort).join(' ')}`);
    for (const e of entries) assert.ok(e.shown.trim().length > 0, 'each entry shows its date');
    // Each entry's sentences link to their articles.
    assert.ok((await page.$$('.tl-entry .cited a.cite[href^="#/article/"]')).length >= entries.length);
    await page.screenshot({ path: join(ARTIFACTS, 'story.png'), fullPage: true });

    await page.locator('a.chip', { hasText: /^(Wang Yi|Vương Nghị)$/ }).first().click();
    await page.waitForSelector('.name-text');
    const names = await page.$$eval('.name-text', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(names.includes('Vương Nghị'), `names: ${names.join(', ')}`);
    assert.ok(names.includes('Wang Yi'), `names: ${names.join(', ')}`);
    await page.screenshot({ path: join(ARTIFACTS, 'entity.png'), fullPage: true });

    await page.locator('#search').pressSequentially('vuong nghi', { delay: 30 });
    await page.waitForSelector('#search-results .hit');
    const hits = await page.$$('#search-results .hit');
    assert.ok(hits.length >= 1);
    await page.screenshot({ path: join(ARTIFACTS, 'search.png') });

    await page.locator('#search-results .hit-title').first().click();
    await page.waitForSelector('article.body p');
    assert.ok((await page.$$('article.body p')).length >= 1);
    await page.screenshot({ path: join(ARTIFACTS, 'article.png'), fullPage: true });

    // The interface switches language; dates are shown in the new one.
    const before = await page.textContent('#lang');
    await page.click('#lang');
    await page.waitForFunction((b) => document.getElementById('lang')?.textContent !== b, before);
    assert.notEqual(await page.textContent('#lang'), before);
    assert.deepEqual(cspErrors, [], 'nothing was blocked by the Content-Security-Policy');
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('never runs posted article text as HTML', async () => {
    if (!executablePath) assert.fail('chromium is not installed: run `apt-get install -y chromium`');
    const res = await fetch(`${server.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        title: `Bài thử xssprobe ${XSS}`,
        text: `Ngày 2/3/2024, tại Hà Nội, nhóm xssprobe công bố báo cáo ${XSS} về an ninh mạng.\n\nBáo cáo nêu nhiều lỗ hổng ${XSS} trong các trang tin.`,
        published: '2024-03-02',
        source: `<b onmouseover="window.__pwned=1">nguồn</b>`,
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const id = ((await res.json()) as { ids: string[] }).ids[0]!;

    const page = watch(await context.newPage());
    await page.goto(`${server.url}/#/article/${id}`);
    await page.waitForSelector('article.body p');
    const title = await page.textContent('h1');
    assert.ok(title?.includes('<script>window.__pwned=1</script>'), 'the title is shown as text');
    assert.ok((await page.textContent('article.body'))?.includes('onerror="window.__pwned=1"'), 'the body is shown as text');
    await page.hover('.meta');
    await page.screenshot({ path: join(ARTIFACTS, 'xss-article.png'), fullPage: true });

    await page.locator('#search').pressSequentially('xssprobe', { delay: 30 });
    await page.waitForSelector('#search-results .hit');
    await page.hover('#search-results .hit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main .hits .hit');
    await page.screenshot({ path: join(ARTIFACTS, 'xss-search.png'), fullPage: true });

    for (const p of [page]) {
      assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
      assert.equal(await p.$$eval('script', (s) => s.filter((x) => !x.src).length), 0, 'no inline script in the DOM');
      assert.equal(await p.$$eval('img', (imgs) => imgs.length), 0, 'no injected image');
      assert.equal(await p.$$eval('a', (as) => as.filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length), 0, 'no javascript: link');
    }
    assert.deepEqual(dialogs, [], 'no dialog fired');
    await page.close();
  });

  it('fits a phone-sized screen', async () => {
    if (!executablePath) assert.fail('chromium is not installed: run `apt-get install -y chromium`');
    const page = watch(await context.newPage());
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.story-link');
    await page.locator('.story-link').first().click();
    await page.waitForSelector('.tl-entry');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() => Array.from(document.querySelectorAll("main *")).filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`).slice(0, 5));
    assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px too wide: ${wide.join(", ")})`);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-story.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'phone-story-full.png'), fullPage: true });
    await page.close();
  });
});
