// read: files, folders, .gz, JSON/JSONL, HTML, plain text and stdin -> RawDocument.
// Nothing is decoded here (bytes stay bytes) except JSON, whose fields are already strings.
// Every failure is an item of its own so one bad file never stops a batch.
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TinlineError, asTinlineError } from '../errors.ts';
import type { DocumentFormat, GivenMetadata, RawDocument } from '../types.ts';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export interface ReadOptions {
  /** Largest input accepted, after decompression (default 20 MB). */
  maxBytes?: number;
  /** Metadata applied to every document read (user-given: wins over anything guessed). */
  given?: GivenMetadata;
  /** Where `-` reads from. */
  stdin?: NodeJS.ReadableStream;
  /**
   * Told how many documents lie ahead as soon as that is known, before they are read: the files of
   * a folder once it is listed, the records of a JSON/JSONL file once it is split. A consumer that
   * sets up for a large input (ingest's worker threads) can start at once rather than after the
   * first few documents. Counts add up; a file outside a folder is not announced.
   */
  onFound?: (documents: number) => void;
}

export type ReadItem =
  | { ok: true; doc: RawDocument }
  | { ok: false; error: TinlineError }
  /** A file inside a folder that is not an article (e.g. a JSON file of another shape); said, not failed. */
  | { ok: 'skipped'; origin: string; reason: string };

const TEXT_EXTENSIONS: Record<string, DocumentFormat | 'json' | 'jsonl'> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

type Kind = DocumentFormat | 'json' | 'jsonl';

/** The kind a file name says it is, looking through a trailing `.gz`. */
export function kindOf(path: string): { kind: Kind | null; gz: boolean } {
  const gz = /\.gz$/i.test(path);
  const inner = gz ? path.slice(0, -3) : path;
  return { kind: TEXT_EXTENSIONS[extname(inner).toLowerCase()] ?? null, gz };
}

export async function* readInputs(paths: string[], options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  for (const path of paths) {
    if (path === '-') {
      yield* readStdin(options);
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch {
      yield { ok: false, error: new TinlineError('INPUT_MISSING', path, { origin: path }) };
      continue;
    }
    if (info.isDirectory()) {
      const entries = await listFolder(path);
      options.onFound?.(entries.filter((e) => e.skip === undefined).length);
      for (const { path: file, skip } of entries) {
        if (skip !== undefined) yield { ok: 'skipped', origin: file, reason: skip };
        else yield* readFile_(file, options, true);
      }
    } else {
      yield* readFile_(path, options, false);
    }
  }
}

/**
 * Every file below `dir`, recursively, in a stable sorted order; hidden entries left out. A symbolic
 * link to a file is read; one to a folder is not followed (links can loop), and it says so, as do a
 * broken link and anything that is neither file nor folder.
 */
async function listFolder(dir: string): Promise<{ path: string; skip?: string }[]> {
  const out: { path: string; skip?: string }[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFolder(full)));
    else if (entry.isFile()) out.push({ path: full });
    else if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => null);
      if (!target) out.push({ path: full, skip: 'a broken symbolic link' });
      else if (target.isFile()) out.push({ path: full });
      else if (target.isDirectory()) out.push({ path: full, skip: 'a symbolic link to a folder: not followed (links can loop)' });
      else out.push({ path: full, skip: 'a symbolic link to something that is not a file' });
    } else out.push({ path: full, skip: 'not a regular file' });
  }
  return out;
}

async function* readFile_(path: string, options: ReadOptions, inFolder: boolean): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { kind, gz } = kindOf(path);
  if (!kind && inFolder) {
    yield { ok: 'skipped', origin: path, reason: `not a supported file type (${extname(path) || 'no extension'})` };
    return;
  }
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: a promise-based stat + readFile costs ~0.3 ms of CPU per small file
    // (four trips through the thread pool), the synchronous pair a twentieth of that, and the few
    // microseconds the event loop waits for a local file are less than those trips take anyway.
    const info = statSync(path);
    if (!gz && info.size > maxBytes) {
      throw new TinlineError('INPUT_TOO_LARGE', `${info.size} bytes, limit ${maxBytes}`, { origin: path });
    }
    const data = readFileSync(path);
    bytes = gz ? gunzipLimited(data, maxBytes, path) : data;
  } catch (e) {
    yield { ok: false, error: asTinlineError(e, 'INPUT_MISSING', { origin: path }) };
    return;
  }
  yield* fromBytes(path, bytes, kind ?? sniffKind(bytes), options, inFolder);
}

/** Decompress, refusing to expand past the limit (a gzip bomb stops at the limit, not at memory). */
export function gunzipLimited(data: Uint8Array, maxBytes: number, origin: string): Uint8Array {
  try {
    return gunzipSync(data, { maxOutputLength: maxBytes });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new TinlineError('INPUT_GZIP_BOMB', `expands past ${maxBytes} bytes`, { origin, cause: e });
    }
    throw new TinlineError('INPUT_GZIP', (e as Error).message, { origin, cause: e });
  }
}

async function* readStdin(options: ReadOptions): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  const input = options.stdin ?? process.stdin;
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) throw new TinlineError('INPUT_TOO_LARGE', `more than ${maxBytes} bytes on stdin`, { origin: '-' });
      chunks.push(buf);
    }
  } catch (e) {
    yield { ok: false, error: asTinlineError(e, 'INPUT_MISSING', { origin: '-' }) };
    return;
  }
  let bytes: Uint8Array = Buffer.concat(chunks);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipLimited(bytes, maxBytes, '-');
    } catch (e) {
      yield { ok: false, error: asTinlineError(e) };
      return;
    }
  }
  yield* fromBytes('-', bytes, sniffKind(bytes), options, false);
}

/** Guess a kind from content when the name does not say (stdin, odd extensions). */
export function sniffKind(bytes: Uint8Array): Kind {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (/^<(!doctype html|html|head|body|meta|article|div|p)\b/i.test(head)) return 'html';
  if (head.startsWith('{')) {
    const firstLine = head.split('\n', 1)[0]!.trim();
    return firstLine.endsWith('}') ? 'jsonl' : 'json';
  }
  if (head.startsWith('[')) return 'json';
  return 'text';
}

function* fromBytes(origin: string, bytes: Uint8Array, kind: Kind, options: ReadOptions, inFolder: boolean): Generator<ReadItem> {
  const given = { ...(options.given ?? {}) };
  if (kind === 'json' || kind === 'jsonl') {
    yield* fromJson(origin, bytes, kind, given, inFolder, options.onFound);
    return;
  }
  yield { ok: true, doc: { origin, format: kind, bytes, given } };
}

const ARTICLE_FIELDS = ['text', 'html'] as const;
const META_FIELDS = ['title', 'url', 'published', 'source', 'language'] as const;

function* fromJson(
  origin: string, bytes: Uint8Array, kind: 'json' | 'jsonl', given: GivenMetadata, inFolder: boolean, onFound: ReadOptions['onFound'],
): Generator<ReadItem> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    yield { ok: false, error: new TinlineError('INPUT_TRUNCATED', 'JSON must be UTF-8', { origin, cause: e }) };
    return;
  }
  if (!text.trim()) {
    yield { ok: false, error: new TinlineError('INPUT_EMPTY', undefined, { origin }) };
    return;
  }
  // A .json file holds one article or an array of them; anything else in a folder is not an article.
  if (kind === 'json' && !/^\s*\{[^\n]*\}\s*\n\s*\{/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { ok: false, error: new TinlineError('INPUT_JSON', (e as Error).message, { origin, cause: e }) };
      return;
    }
    const items = Array.isArray(value) ? value : [value];
    if (inFolder && !items.some(isArticleShaped)) {
      yield { ok: 'skipped', origin, reason: 'JSON without a "text" or "html" field: not an article' };
      return;
    }
    if (items.length > 1) onFound?.(items.length);
    for (let i = 0; i < items.length; i++) {
      const where = items.length > 1 ? `${origin}#${i + 1}` : origin;
      yield jsonArticle(where, items[i], given, undefined);
    }
    return;
  }
  const lines = text.split('\n');
  onFound?.(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield { ok: false, error: new TinlineError('INPUT_JSON', (e as Error).message, { origin, line: i + 1, cause: e }) };
      continue;
    }
    yield jsonArticle(`${origin}#L${i + 1}`, value, given, { origin, line: i + 1 });
  }
}

function isArticleShaped(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ARTICLE_FIELDS.some((f) => typeof (value as Record<string, unknown>)[f] === 'string');
}

function jsonArticle(origin: string, value: unknown, given: GivenMetadata, where: { origin: string; line: number } | undefined): ReadItem {
  const at = where ?? { origin };
  if (!isArticleShaped(value)) {
    return { ok: false, error: new TinlineError('INPUT_FIELDS', 'an article needs a "text" or "html" string', at) };
  }
  const record = value as Record<string, unknown>;
  const meta: GivenMetadata = {};
  for (const field of META_FIELDS) {
    const v = record[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      return { ok: false, error: new TinlineError('INPUT_FIELDS', `"${field}" must be a string`, at) };
    }
    meta[field] = v;
  }
  const html = typeof record.html === 'string' ? record.html : undefined;
  const doc: RawDocument = {
    origin,
    format: html !== undefined ? 'html' : 'text',
    text: html ?? (record.text as string),
    // The command line's metadata applies to the whole batch; a record's own fields are more specific.
    given: { ...given, ...meta },
    line: where?.line,
  };
  return { ok: true, doc };
}
