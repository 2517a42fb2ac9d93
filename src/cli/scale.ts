// `tinline enqueue` and `tinline worker`: ingest spread over many processes and machines through
// the job queue in PostgreSQL (src/queue). Enqueue reads inputs here and queues them; any number
// of workers anywhere take the jobs, store the articles and rebuild the stories.
import { Command, Option } from 'commander';
import { TinlineError } from '../errors.ts';
import { DEFAULT_MAX_BYTES, readInputs } from '../read/index.ts';
import { isPostgresUrl } from '../store/index.ts';
import type { RawDocument } from '../types.ts';
import { dbOption, type Io } from './main.ts';

// Documents per enqueue call: bounded memory however many files are given.
const ENQUEUE_BATCH = 200;

function parseCount(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new TinlineError('BAD_OPTION', `${name}: '${value}' is not a whole number ≥ ${min}`);
    return n;
  };
}

function requirePostgres(db: string, command: string): void {
  if (!isPostgresUrl(db)) {
    throw new TinlineError('USAGE', `${command} needs --db postgres://… (the job queue lives in PostgreSQL)`);
  }
}

export function registerScaleCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('enqueue')
    .description('queue files for `tinline worker` processes (PostgreSQL only)')
    .argument('<paths...>', 'files, folders, .gz, .jsonl, or - for stdin')
    .addOption(dbOption())
    .option('--max-size <bytes>', 'largest input accepted, in bytes', parseCount('--max-size', 1))
    .option('--json', 'print the result as JSON')
    .action(async (paths: string[], flags: { db: string; maxSize?: number; json?: boolean }) => {
      requirePostgres(flags.db, 'enqueue');
      const { enqueueDocuments } = await import('../queue/index.ts');
      let queued = 0;
      const failed: TinlineError[] = [];
      const skipped: { origin: string; reason: string }[] = [];
      let batch: RawDocument[] = [];
      const flush = async () => {
        if (batch.length) queued += await enqueueDocuments(flags.db, batch);
        batch = [];
      };
      for await (const item of readInputs(paths, { maxBytes: flags.maxSize ?? DEFAULT_MAX_BYTES })) {
        if (item.ok === 'skipped') {
          skipped.push({ origin: item.origin, reason: item.reason });
          if (!flags.json) io.err(`${item.origin}: skipped: ${item.reason}`);
        } else if (!item.ok) {
          failed.push(item.error);
          if (!flags.json) io.err(item.error.toLine());
        } else {
          batch.push(item.doc);
          if (batch.length >= ENQUEUE_BATCH) await flush();
        }
      }
      await flush();
      if (flags.json) {
        io.out(JSON.stringify({
          queued,
          failed: failed.map((e) => ({ origin: e.origin ?? null, line: e.line ?? null, code: e.code, message: e.message })),
          skipped,
        }, null, 2));
      } else {
        io.out(`queued ${queued} document${queued === 1 ? '' : 's'}${failed.length ? `, ${failed.length} failed` : ''}${skipped.length ? `, ${skipped.length} skipped` : ''}`);
      }
      setExit(failed.length ? 1 : 0);
    });

  program
    .command('worker')
    .description('take queued documents, store them and rebuild stories, until SIGINT/SIGTERM (PostgreSQL only)')
    .addOption(dbOption())
    .addOption(new Option('--concurrency <n>', 'documents worked on at once in this process').argParser(parseCount('--concurrency', 1)).default(1))
    .option('--until-idle', 'stop when nothing is left to do, instead of waiting for more')
    .option('--no-rebuild', 'take ingest jobs only; leave rebuilds to other workers')
    .option('--quiet', 'print only the final summary')
    .action(async (flags: { db: string; concurrency: number; untilIdle?: boolean; rebuild?: boolean; quiet?: boolean }) => {
      requirePostgres(flags.db, 'worker');
      const { runWorker } = await import('../queue/index.ts');
      const controller = new AbortController();
      // The first signal finishes the jobs in hand and stops; a second one ends at once.
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals++;
        if (signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
        io.err(`tinline worker: ${signal}: finishing the jobs in hand, then stopping`);
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const summary = await runWorker(flags.db, {
          signal: controller.signal,
          concurrency: flags.concurrency,
          untilIdle: Boolean(flags.untilIdle),
          rebuild: flags.rebuild !== false,
          onEvent: (e) => {
            if (e.type === 'failed') io.err(`${e.error.toLine()}${e.retrying ? ' (will retry)' : ''}`);
            else if (e.type === 'error') io.err(`tinline worker: ${e.error.toLine()}`);
            else if (flags.quiet) return;
            else if (e.type === 'stored') io.out(`${e.inserted ? 'stored' : 'already stored'} ${e.id.slice(0, 12)} ${e.origin}`);
            else if (e.type === 'rebuilt') io.out(`rebuilt: ${e.articles} articles, ${e.events} events, ${e.stories} stories (${(e.ms / 1000).toFixed(1)} s)`);
          },
        });
        io.out(`worker stopped: ${summary.stored} stored, ${summary.existing} already stored, ${summary.failed} failed, ${summary.rebuilds} rebuilds`);
        setExit(summary.failed ? 1 : 0);
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
    });
}
