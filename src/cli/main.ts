// The `tinline` command. Every command takes --db; errors print one line each on stderr
// (`file:line: CODE: reason`) and map to exit codes through the error catalogue:
// 0 all went in, 1 some input failed, 2 usage error, 3 database error.
import { Command, CommanderError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { TinlineError, asTinlineError, isTinlineError } from '../errors.ts';
import { DEFAULT_DB, createStore, type Store } from '../store/index.ts';
import { assertPaths, ingest, rebuild, type ArticleRef, type IngestReport } from '../pipeline/index.ts';
import { buildExport } from '../export/index.ts';
import { DEFAULT_MAX_BYTES } from '../read/index.ts';
import type { GivenMetadata } from '../types.ts';
import { createProgress } from './progress.ts';
import { printArticle, printIngestSummary, printSearchHits } from './print.ts';
import { registerStoryCommands } from './stories.ts';
import { registerAnnotateCommand } from './annotate.ts';
import { registerExtraCommands } from './extra.ts';
import { registerScaleCommands } from './scale.ts';
import { registerServeCommand } from './serve.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

export async function withStore<T>(db: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await createStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb?|mb?|gb?)?$/i.exec(value.trim());
  if (!m) throw new TinlineError('BAD_OPTION', `--max-size: '${value}' is not a size (e.g. 20MB)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * factor);
}

function parseCount(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new TinlineError('BAD_OPTION', `${name}: '${value}' is not a whole number`);
    return n;
  };
}

export const dbOption = () => new Option('--db <file|url>', 'SQLite file or postgres:// URL').default(DEFAULT_DB);

interface IngestFlags {
  db: string;
  json?: boolean;
  maxSize?: number;
  workers?: number;
  title?: string;
  url?: string;
  published?: string;
  source?: string;
  language?: string;
  rebuild?: boolean;
  model?: string;
}

async function rebuildOptions(flags: IngestFlags, io: Io) {
  const { loadModel } = await import('../models/index.ts');
  return { model: loadModel(flags.model), log: (line: string) => io.err(line) };
}

function givenFrom(flags: IngestFlags): GivenMetadata {
  const given: GivenMetadata = {};
  for (const key of ['title', 'url', 'published', 'source', 'language'] as const) {
    if (flags[key] !== undefined) given[key] = flags[key];
  }
  if (given.published && !/^\d{4}(-\d{2}(-\d{2})?)?/.test(given.published)) {
    throw new TinlineError('BAD_OPTION', `--published: '${given.published}' is not YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  return given;
}

// `ingest` reports ids and origins only (its report must not grow with every article's text on a
// huge batch); `run` prints whole articles, so it keeps them.
async function runIngest(paths: string[], flags: IngestFlags, io: Io, store: Store, keep: 'refs'): Promise<IngestReport<ArticleRef>>;
async function runIngest(paths: string[], flags: IngestFlags, io: Io, store: Store, keep: 'articles'): Promise<IngestReport>;
async function runIngest(paths: string[], flags: IngestFlags, io: Io, store: Store, keep: 'refs' | 'articles'): Promise<IngestReport<ArticleRef>> {
  assertPaths(paths);
  const progress = createProgress(io, !flags.json);
  try {
    return await ingest(paths, store, {
      keep,
      maxBytes: flags.maxSize ?? DEFAULT_MAX_BYTES,
      given: givenFrom(flags),
      workers: flags.workers,
      onEvent: (event) => {
        if (event.type === 'failed') progress.log(event.error.toLine());
        else if (event.type === 'skipped') progress.log(`${event.origin}: skipped: ${event.reason}`);
        progress.tick(event.type);
      },
    });
  } finally {
    progress.stop();
  }
}

function addIngestOptions(cmd: Command): Command {
  return cmd
    .addOption(dbOption())
    .option('--json', 'print the result as JSON')
    .option('--max-size <size>', 'largest input accepted, after decompression (e.g. 20MB)', parseSize)
    .option('--workers <n>', 'worker threads for analysis (default: all cores)', parseCount('--workers'))
    .option('--title <text>', 'title for every input (wins over what is found)')
    .option('--url <url>', 'URL for every input')
    .option('--published <date>', 'publication date for every input: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--source <name>', 'source (outlet) for every input')
    .option('--language <code>', 'language code for every input (vi, en, …)')
    .option('--no-rebuild', 'store articles only; do not relink entities or recluster stories')
    .option('--model <url|none>', 'OpenAI-compatible endpoint for abstractive story summaries (default: none; see README)');
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('tinline')
    .description('Turn news articles into dated, cited story timelines.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  addIngestOptions(program.command('ingest').description('read, clean and store articles').argument('<paths...>', 'files, folders, .gz, .jsonl, or - for stdin')).action(
    async (paths: string[], flags: IngestFlags) => {
      const options = await rebuildOptions(flags, io); // a bad model setup fails before any work
      await withStore(flags.db, async (store) => {
        const report = await runIngest(paths, flags, io, store, 'refs');
        if (flags.rebuild !== false && report.inserted.length) await rebuild(store, options);
        if (flags.json) {
          io.out(JSON.stringify({
            inserted: report.inserted.map((a) => ({ id: a.id, origin: a.origin })),
            existing: report.existing.map((a) => ({ id: a.id, origin: a.origin })),
            failed: report.failed.map((e) => ({ origin: e.origin ?? null, line: e.line ?? null, code: e.code, message: e.message })),
            skipped: report.skipped,
          }, null, 2));
        } else {
          printIngestSummary(io, report);
        }
        setExit(report.failed.length ? 1 : 0);
      });
    },
  );

  addIngestOptions(program.command('run').description('ingest, then show every article and the stories they tell').argument('<paths...>', 'files, folders, .gz, .jsonl, or - for stdin')).action(
    async (paths: string[], flags: IngestFlags) => {
      const options = await rebuildOptions(flags, io);
      await withStore(flags.db, async (store) => {
        const report = await runIngest(paths, flags, io, store, 'articles');
        const built = await rebuild(store, options);
        const { printRun } = await import('./stories.ts');
        await printRun(io, store, report, built, Boolean(flags.json));
        setExit(report.failed.length ? 1 : 0);
      });
    },
  );

  program
    .command('show')
    .description('one article: cleaned text, metadata with evidence, captions, removed lines with reasons')
    .argument('<id>', 'article id or a unique prefix of it')
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .action(async (id: string, flags: { db: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const article = await store.getArticle(id);
        if (!article) throw new TinlineError('NOT_FOUND', `no article with id ${id}`);
        const analysis = await store.getAnalysis(article.id);
        const links = await store.entityLinks({ article: article.id });
        const entities = new Map((await store.listEntities()).map((e) => [e.id, e]));
        printArticle(io, article, analysis, links, entities, Boolean(flags.json));
      });
    });

  program
    .command('search')
    .description('diacritic-insensitive search over titles and bodies ("…" for a phrase); entity-aware')
    .argument('<query...>', 'words or "a phrase"')
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .option('--limit <n>', 'results per page', parseCount('--limit'), 20)
    .option('--offset <n>', 'results to skip', parseCount('--offset'), 0)
    .action(async (words: string[], flags: { db: string; json?: boolean; limit: number; offset: number }) => {
      const query = words.join(' ');
      if (!query.trim()) throw new TinlineError('USAGE', 'an empty query');
      await withStore(flags.db, async (store) => {
        const { expandQuery } = await import('../link/index.ts');
        const alternatives = expandQuery(query, await store.listEntities());
        const hits = await store.search(query, { limit: flags.limit, offset: flags.offset, alternatives });
        if (flags.json) io.out(JSON.stringify({ query, alternatives, hits }, null, 2));
        else printSearchHits(io, query, alternatives, hits);
      });
    });

  program
    .command('export')
    .description('write everything in one documented format (json is the versioned contract)')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'md', 'csv', 'timelinejs', 'tilse']).default('json'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (flags: { db: string; format: string; out?: string }) => {
      await withStore(flags.db, async (store) => {
        let text: string;
        if (flags.format === 'json') text = JSON.stringify(await buildExport(store), null, 2);
        else {
          const { renderExport } = await import('../export/formats.ts');
          text = await renderExport(store, flags.format as 'md' | 'csv' | 'timelinejs' | 'tilse');
        }
        if (flags.out) writeFileSync(flags.out, text.endsWith('\n') ? text : `${text}\n`);
        else io.out(text);
      });
    });

  program
    .command('rebuild')
    .description('relink entities, find duplicates and recluster stories over everything stored (after ingest --no-rebuild)')
    .addOption(dbOption())
    .option('--model <url|none>', 'OpenAI-compatible endpoint for abstractive story summaries (default: none)')
    .option('--full', 'redo every article, ignoring what earlier rebuilds saved')
    .option('--exact', 'judge every candidate pair again with today\'s corpus statistics and rebuild every story (the result of --full, from saved state); by default only what new articles reach is redone')
    .action(async (flags: { db: string; model?: string; full?: boolean; exact?: boolean }) => {
      const options = await rebuildOptions(flags as IngestFlags, io);
      await withStore(flags.db, async (store) => {
        const started = performance.now();
        const built = await rebuild(store, { ...options, full: flags.full === true, ...(flags.exact ? { rejudgeGrowth: 0 } : {}) });
        io.out(`${built.entities.length} entities, ${built.duplicates.size} duplicates, ${built.events.length} events, ${built.stories.length} stories (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      });
    });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .addOption(dbOption())
    .action(async (flags: { db: string }) => {
      await withStore(flags.db, async (store) => {
        await store.migrate();
        io.out(`schema version ${await store.schemaVersion()}`);
      });
    });

  registerAnnotateCommand(program, io);
  registerStoryCommands(program, io, setExit);
  registerExtraCommands(program, io, setExit);
  registerScaleCommands(program, io, setExit);
  registerServeCommand(program, io);
  return program;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = Math.max(exitCode, code)));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    const error = isTinlineError(e) ? e : asTinlineError(e);
    io.err(`tinline: ${error.toLine()}`);
    if (error.code === 'INTERNAL' && process.env.TINLINE_DEBUG) io.err(String((e as Error).stack));
    return error.exitCode;
  }
}
