// A progress line on a terminal for long runs; nothing at all in a pipe (stderr not a TTY).
import cliProgress from 'cli-progress';
import type { Io } from './main.ts';

export interface Progress {
  tick(kind: string): void;
  log(line: string): void;
  stop(): void;
}

export function createProgress(io: Io, enabled: boolean): Progress {
  if (!enabled || !io.isTTY) {
    return { tick: () => {}, log: (line) => io.err(line), stop: () => {} };
  }
  let bar: cliProgress.SingleBar | null = null;
  let done = 0;
  let failed = 0;
  const started = Date.now();
  return {
    tick(kind) {
      done++;
      if (kind === 'failed') failed++;
      // Only worth drawing once a run is long enough for a person to wonder.
      if (!bar && Date.now() - started > 700) {
        bar = new cliProgress.SingleBar(
          { format: 'ingest {value} documents | {failed} failed | {rate}/s', stream: process.stderr, clearOnComplete: true, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(0, done, { failed, rate: 0 });
      }
      bar?.update(done, { failed, rate: Math.round(done / ((Date.now() - started) / 1000)) });
    },
    log(line) {
      if (bar) process.stderr.write('\r\x1b[K');
      io.err(line);
    },
    stop() {
      bar?.stop();
    },
  };
}
