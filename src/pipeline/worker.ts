// Worker-thread entry: analysis is CPU-bound, so ingest spreads documents over all cores while
// the main thread alone writes to the store (SQLite has one writer).
import { isTinlineError } from '../errors.ts';
import type { RawDocument } from '../types.ts';
import { processDocument, type Processed } from './process.ts';

export type WorkerResult = { ok: true; value: Processed } | { ok: false; code: string; message: string; origin?: string; line?: number };

export default function run(input: { raw: RawDocument; ingestedAt: string }): WorkerResult {
  try {
    return { ok: true, value: processDocument(input.raw, input.ingestedAt) };
  } catch (e) {
    if (isTinlineError(e)) return { ok: false, code: e.code, message: e.message, origin: e.origin, line: e.line };
    return { ok: false, code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
  }
}
