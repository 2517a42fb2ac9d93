// Worker threads for ingest. A plain pool rather than a task library: tasks are batches of
// documents (one message per batch, not per document). A loading thread is given one batch, which
// waits in its port, so it starts on it the moment it has loaded — its 'ready' is not relayed
// through a main thread busy analysing (that alone cost up to seconds on a busy machine); more
// only once it says ready. A thread that dies fails only the documents it held, and one that dies
// before it was ready hands its batch back undone, as does one the main thread would otherwise
// wait for (a small input: the main thread is done with the rest before the thread has loaded).
import { Worker } from 'node:worker_threads';
import type { RawDocument } from '../types.ts';
import { bundledWorker } from './bundle.ts';
import type { WorkerResult, WorkerTask } from './worker.ts';

/** Batches each thread may hold: one being analysed, one waiting, so a thread never idles on the main thread. */
const IN_FLIGHT = 2;

interface Thread {
  worker: Worker;
  ready: boolean;
  /** performance.now() when it said ready. */
  readyAt?: number;
  dead: boolean;
  /** Batches sent and not answered, oldest first (a thread answers in order). */
  inFlight: Batch[];
}

interface Batch {
  docs: RawDocument[];
  /** Taken back while its thread was loading (see reclaim): its answer, when it comes, is dropped. */
  reclaimed?: boolean;
  /** The results in order; null: not analysed (the thread died before it was ready, or the batch was reclaimed). */
  done: (results: WorkerResult[] | null) => void;
}

export class Pool {
  readonly #threads: Thread[] = [];
  readonly #onChange: () => void;
  /** Threads not started yet (the entry is being built). */
  #pending: number;
  #closed = false;
  readonly #started: Promise<void>;

  /** `onChange` is called whenever a thread becomes ready, answers or dies. */
  constructor(threads: number, onChange: () => void) {
    this.#onChange = onChange;
    this.#pending = threads;
    this.#started = bundledWorker().then((bundle) => {
      const entry = bundle ?? new URL('./worker-entry.mjs', import.meta.url);
      if (!this.#closed) for (let i = 0; i < threads; i++) this.#threads.push(this.#spawn(entry, bundle !== null));
      this.#pending = 0;
      this.#onChange();
    });
  }

  #spawn(entry: URL, bundled: boolean): Thread {
    // A bundle is plain JavaScript: a loader the process was started with (`--import tsx`) would only
    // cost each thread ~70 ms of start-up. (The tsx entry registers its own.)
    const worker = new Worker(entry, bundled ? { execArgv: [] } : {});
    const thread: Thread = { worker, ready: false, dead: false, inFlight: [] };
    worker.on('message', (message: 'ready' | WorkerResult[]) => {
      if (message === 'ready') {
        thread.ready = true;
        thread.readyAt = performance.now();
      }
      else {
        const batch = thread.inFlight.shift();
        if (batch && !batch.reclaimed) batch.done(message);
      }
      this.#onChange();
    });
    const fail = (reason: string) => {
      if (thread.dead) return;
      thread.dead = true;
      for (const batch of thread.inFlight.splice(0)) {
        if (!batch.reclaimed) batch.done(thread.ready ? batch.docs.map((raw) => ({ ok: false, code: 'INTERNAL', message: `analysis thread ${reason}`, origin: raw.origin, line: raw.line })) : null);
      }
      this.#onChange();
    };
    worker.on('error', (e) => fail(`failed: ${e instanceof Error ? e.message : String(e)}`));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
    return thread;
  }

  /**
   * A live thread that can take another batch, or null. `eager`: the batch is short (few documents
   * read yet), so only an idle loaded thread takes it; a loading thread takes one full batch, which
   * must last it until the main thread hears it is ready.
   */
  free(eager: boolean): Thread | null {
    let best: Thread | null = null;
    for (const t of this.#threads) {
      if (t.dead || (!t.ready && eager) || t.inFlight.length >= (t.ready && !eager ? IN_FLIGHT : 1)) continue;
      if (!best || t.inFlight.length < best.inFlight.length) best = t;
    }
    return best;
  }

  /**
   * Hand back (done(null)) the batches given to threads still loading: for when the main thread has
   * nothing else to do and would otherwise wait for a thread to load. The thread still analyses
   * the batch once loaded; that answer is dropped. Returns how many batches came back.
   */
  reclaim(): number {
    let n = 0;
    for (const t of this.#threads) {
      if (t.ready || t.dead) continue;
      for (const batch of t.inFlight) {
        if (batch.reclaimed) continue;
        batch.reclaimed = true;
        batch.done(null);
        n++;
      }
    }
    return n;
  }

  /** Threads that are loaded and alive. */
  get ready(): number {
    return this.#threads.filter((t) => t.ready && !t.dead).length;
  }

  /** Threads starting, loading or working (a pool whose threads all died has none). */
  get alive(): number {
    return this.#pending + this.#threads.filter((t) => !t.dead).length;
  }

  send(thread: Thread, task: WorkerTask, done: (results: WorkerResult[] | null) => void): void {
    thread.inFlight.push({ docs: task.docs, done });
    thread.worker.postMessage(task);
  }

  /** When the first thread said ready (performance.now()), or null. */
  get firstReadyAt(): number | null {
    const times = this.#threads.map((t) => t.readyAt).filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : null;
  }

  /** Each live thread's event-loop utilisation since it started: how busy it was. */
  utilization(): number[] {
    return this.#threads.filter((t) => !t.dead).map((t) => t.worker.performance.eventLoopUtilization().utilization);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#started;
    await Promise.all(this.#threads.map((t) => {
      t.dead = true;
      return t.worker.terminate();
    }));
  }
}
