// One catalogue of errors. Codes are stable (tests, scripts and API clients match on them);
// each maps to a CLI exit code and an HTTP status at the edges, never in the stages.

export const ERRORS = {
  // usage
  USAGE: { exit: 2, http: 400, message: 'bad usage' },
  BAD_OPTION: { exit: 2, http: 400, message: 'invalid option value' },
  NOT_FOUND: { exit: 1, http: 404, message: 'not found' },
  // input
  INPUT_MISSING: { exit: 1, http: 400, message: 'no such file or folder' },
  INPUT_EMPTY: { exit: 1, http: 422, message: 'empty input' },
  INPUT_TOO_LARGE: { exit: 1, http: 413, message: 'input over the size limit' },
  INPUT_BINARY: { exit: 1, http: 415, message: 'binary data, not text' },
  INPUT_TRUNCATED: { exit: 1, http: 422, message: 'truncated or invalid encoding' },
  INPUT_GZIP: { exit: 1, http: 422, message: 'corrupt gzip data' },
  INPUT_GZIP_BOMB: { exit: 1, http: 413, message: 'gzip data expands past the size limit' },
  INPUT_JSON: { exit: 1, http: 400, message: 'malformed JSON' },
  INPUT_FIELDS: { exit: 1, http: 422, message: 'missing or invalid fields' },
  INPUT_HTML: { exit: 1, http: 422, message: 'HTML could not be parsed' },
  INPUT_NO_TEXT: { exit: 1, http: 422, message: 'no article text found' },
  INPUT_UNSUPPORTED: { exit: 1, http: 415, message: 'unsupported file type' },
  // store
  STORE_OPEN: { exit: 3, http: 503, message: 'cannot open the database' },
  STORE_SCHEMA: { exit: 3, http: 500, message: 'database schema is newer than this Tinline' },
  STORE_FAILED: { exit: 3, http: 500, message: 'database operation failed' },
  STORE_UNAVAILABLE: { exit: 3, http: 503, message: 'database unavailable' },
  // serve
  UNAUTHORIZED: { exit: 1, http: 401, message: 'a valid token is required' },
  BODY_TOO_LARGE: { exit: 1, http: 413, message: 'request body too large' },
  VALIDATION: { exit: 2, http: 400, message: 'invalid request' },
  // optional model endpoint (src/models)
  MODEL_FAILED: { exit: 1, http: 502, message: 'the model endpoint failed' },
  // anything else
  INTERNAL: { exit: 70, http: 500, message: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class TinlineError extends Error {
  readonly code: ErrorCode;
  /** The file (origin) the error is about, if any. */
  readonly origin?: string;
  readonly line?: number;

  constructor(code: ErrorCode, detail?: string, where?: { origin?: string; line?: number; cause?: unknown }) {
    super(detail ? `${ERRORS[code].message}: ${detail}` : ERRORS[code].message, { cause: where?.cause });
    this.name = 'TinlineError';
    this.code = code;
    this.origin = where?.origin;
    this.line = where?.line;
  }

  get exitCode(): number {
    return ERRORS[this.code].exit;
  }

  get httpStatus(): number {
    return ERRORS[this.code].http;
  }

  /** One line for stderr: `file:line: CODE: reason`. */
  toLine(): string {
    const where = this.origin ? `${this.origin}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.code}: ${this.message}`;
  }
}

export function isTinlineError(e: unknown): e is TinlineError {
  return e instanceof TinlineError;
}

/** Wrap anything thrown into a TinlineError, keeping the original as `cause`. */
export function asTinlineError(e: unknown, fallback: ErrorCode = 'INTERNAL', where?: { origin?: string; line?: number }): TinlineError {
  if (e instanceof TinlineError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new TinlineError(fallback, detail, { ...where, cause: e });
}

/** Rebuild an error that crossed a thread or process boundary as plain data. */
export function restoreError(data: { code: string; message: string; origin?: string; line?: number }): TinlineError {
  const code = (data.code in ERRORS ? data.code : 'INTERNAL') as ErrorCode;
  const error = new TinlineError(code, undefined, { origin: data.origin, line: data.line });
  error.message = data.message;
  return error;
}
