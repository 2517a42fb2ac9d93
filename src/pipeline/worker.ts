// What one document costs before it reaches the store: decode -> extract -> analyze, then (for a
// store that takes them) the stored form — the analysis encoded, the search text folded. All of it
// is CPU-bound and runs in worker threads (./pool.ts) or inline; the main thread only writes.
// A result crosses the thread boundary as an Article plus strings: cloning a few strings is cheap,
// cloning an Analysis (hundreds of small token objects) is not.
import { asTinlineError } from '../errors.ts';
import { prepareArticle, type PreparedArticle } from '../store/common.ts';
import type { RawDocument } from '../types.ts';
import { processDocument, type Processed } from './process.ts';

export type WorkerResult =
  | { ok: true; prepared: PreparedArticle }
  | { ok: true; value: Processed }
  | { ok: false; code: string; message: string; origin?: string; line?: number };

/** A batch of documents for one worker; `prepared`: return PreparedArticle rather than Processed. */
export interface WorkerTask {
  docs: RawDocument[];
  ingestedAt: string;
  prepared: boolean;
}

export function processForStore(raw: RawDocument, ingestedAt: string, prepared: boolean): WorkerResult {
  try {
    const processed = processDocument(raw, ingestedAt);
    return prepared ? { ok: true, prepared: prepareArticle(processed.article, processed.analysis) } : { ok: true, value: processed };
  } catch (e) {
    const error = asTinlineError(e, 'INTERNAL', { origin: raw.origin, line: raw.line });
    return { ok: false, code: error.code, message: error.message, origin: error.origin ?? raw.origin, line: error.line ?? raw.line };
  }
}

export function runTask(task: WorkerTask): WorkerResult[] {
  return task.docs.map((raw) => processForStore(raw, task.ingestedAt, task.prepared));
}
