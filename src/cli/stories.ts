// Story commands: `stories`, `timeline`, and what `run` prints after ingesting.
import { Command, Option } from 'commander';
import { TinlineError } from '../errors.ts';
import { loadCorpus, type IngestReport, type RebuildResult, type Processed } from '../pipeline/index.ts';
import type { Store } from '../store/index.ts';
import type { Story, Timeline } from '../types.ts';
import { dbOption, withStore, type Io } from './main.ts';
import { articleHeader } from './print.ts';

type TimelineFormat = 'md' | 'json' | 'text';

export async function storyTimeline(store: Store, story: Story, options: { dates?: number; sentences?: number } = {}, corpus?: Processed[]): Promise<Timeline> {
  const { buildTimeline } = await import('../tell/index.ts');
  const members = new Set(story.articles);
  const docs = corpus ?? (await loadCorpus(store, members));
  const storyDocs = docs.filter((d) => members.has(d.article.id) && !d.article.duplicateOf);
  return buildTimeline(storyDocs, { title: story.title, dates: options.dates, sentencesPerDate: options.sentences });
}

export async function queryTimeline(store: Store, query: string, options: { dates?: number; sentences?: number } = {}): Promise<Timeline> {
  const { buildTimeline } = await import('../tell/index.ts');
  const { expandQuery } = await import('../link/index.ts');
  const alternatives = expandQuery(query, await store.listEntities());
  const hits = new Set<string>();
  for (const q of [query, ...alternatives]) {
    for (const hit of await store.search(q, { limit: 1000 })) hits.add(hit.id);
  }
  // A free query names several things; an article that matches any of its words may belong.
  if (!hits.size) {
    for (const word of query.split(/\s+/).filter(Boolean)) for (const hit of await store.search(word, { limit: 1000 })) hits.add(hit.id);
  }
  const docs = (await loadCorpus(store, hits)).filter((d) => !d.article.duplicateOf);
  return buildTimeline(docs, { title: query, query, dates: options.dates, sentencesPerDate: options.sentences });
}

async function render(timeline: Timeline, format: TimelineFormat, store: Store): Promise<string> {
  const { formatTimeline } = await import('../tell/index.ts');
  const origins = new Map<string, string>();
  for (const e of timeline.entries) for (const s of e.sentences) if (!origins.has(s.article)) origins.set(s.article, (await store.getArticle(s.article))?.origin ?? s.article);
  return formatTimeline(timeline, format, { articleLabel: (id) => id.slice(0, 8) });
}

export async function printRun(io: Io, store: Store, report: IngestReport, built: RebuildResult, json: boolean): Promise<void> {
  const articles = [...report.inserted, ...report.existing].sort((a, b) => (a.origin < b.origin ? -1 : 1));
  const corpus = await loadCorpus(store);
  if (json) {
    const stories = [];
    for (const story of built.stories) stories.push({ ...story, timeline: await storyTimeline(store, story, {}, corpus) });
    io.out(JSON.stringify({
      articles: articles.map((a) => ({ id: a.id, origin: a.origin, title: a.title, source: a.source, published: a.published, paragraphs: a.body.length, characters: a.body.reduce((n, p) => n + p.length, 0), captions: a.captions, removed: a.removed })),
      failed: report.failed.map((e) => ({ origin: e.origin ?? null, line: e.line ?? null, code: e.code, message: e.message })),
      skipped: report.skipped,
      stories,
    }, null, 2));
    return;
  }
  io.out(`Articles (${articles.length}${report.failed.length ? `, ${report.failed.length} failed` : ''}${report.skipped.length ? `, ${report.skipped.length} skipped` : ''}):\n`);
  for (const a of articles) {
    for (const line of articleHeader(a)) io.out(line);
    io.out('');
  }
  const stories = [...built.stories].sort((a, b) => b.articles.length - a.articles.length);
  io.out(`Stories (${stories.length}):\n`);
  for (const story of stories) {
    io.out(`# ${story.title}  [${story.id}]`);
    io.out(`${story.articles.length} article(s), ${story.events.length} event(s)`);
    if (story.summary) io.out(`\nSummary: ${story.summary}\n`);
    io.out(await render(await storyTimeline(store, story, {}, corpus), 'md', store));
    io.out('');
  }
}

export function registerStoryCommands(program: Command, io: Io, _setExit: (code: number) => void): void {
  program
    .command('stories')
    .description('list the stories: id, title, articles')
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .action(async (flags: { db: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const stories = await store.listStories();
        if (flags.json) {
          io.out(JSON.stringify(stories.map((s) => ({ id: s.id, title: s.title, summary: s.summary, events: s.events, articles: s.articles, entities: s.entities })), null, 2));
          return;
        }
        if (!stories.length) io.out('no stories yet (ingest some articles first)');
        for (const s of stories) io.out(`${s.id}  ${s.articles.length} article(s), ${s.events.length} event(s)  ${s.title}`);
      });
    });

  program
    .command('timeline')
    .description('a dated timeline for a story (--story) or a free query (--query)')
    .addOption(dbOption())
    .option('--story <id>', 'story id (see `tinline stories`)')
    .option('--query <text>', 'free query, e.g. "Trung Quốc Nga"')
    .option('--dates <n>', 'number of dates (default: chosen from the data)', (v) => positive('--dates', v))
    .option('--sentences <n>', 'sentences per date (default: chosen from the data)', (v) => positive('--sentences', v))
    .addOption(new Option('--format <format>', 'md (default on a terminal), json, or text (the research format)').choices(['md', 'json', 'text']))
    .action(async (flags: { db: string; story?: string; query?: string; dates?: number; sentences?: number; format?: TimelineFormat }) => {
      if (!flags.story === !flags.query) throw new TinlineError('USAGE', 'give exactly one of --story ID or --query TEXT');
      const format: TimelineFormat = flags.format ?? (process.stdout.isTTY ? 'md' : 'json');
      await withStore(flags.db, async (store) => {
        let timeline: Timeline;
        if (flags.story) {
          const story = (await store.getStory(flags.story)) ?? (await store.listStories()).find((s) => s.id.startsWith(flags.story!));
          if (!story) throw new TinlineError('NOT_FOUND', `no story with id ${flags.story}`);
          timeline = await storyTimeline(store, story, flags);
        } else {
          timeline = await queryTimeline(store, flags.query!, flags);
        }
        io.out(await render(timeline, format, store));
      });
    });
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new TinlineError('BAD_OPTION', `${name}: '${value}' is not a positive whole number`);
  return n;
}
