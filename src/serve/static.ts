// The built page (web/dist) served as plain files. Paths are resolved inside the folder and
// nothing outside it is ever read; a missing build says how to make one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_WEB_DIR = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function webBuilt(dir: string): boolean {
  return existsSync(resolve(dir, 'index.html'));
}

export interface StaticFile {
  body: Uint8Array;
  type: string;
  /** Vite's hashed assets never change under one name. */
  immutable: boolean;
}

export function readStatic(dir: string, urlPath: string): StaticFile | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = resolve(dir);
  const file = resolve(root, `.${rel}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) return null;
  try {
    if (!statSync(file).isFile()) return null;
    return { body: readFileSync(file), type, immutable: rel.startsWith('/assets/') };
  } catch {
    return null;
  }
}
