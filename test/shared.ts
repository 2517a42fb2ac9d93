// Paths to ../shared (seeds and public data). Tests read them in place; nothing is copied.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');
export const SEEDS_DIR = resolve(SHARED_DIR, 'seeds');
export const DATA_DIR = resolve(SHARED_DIR, 'data');

export interface ExpectedDocument {
  language: string;
  title: string | null;
  published: string | null;
  published_acceptable?: string[];
  source: string | null;
  not_body: string[];
}

export interface Expected {
  documents: Record<string, ExpectedDocument>;
  entities: { id: string; type: string; name: string; surface: Record<string, string[]> }[];
  events: { id: string; date: string; date_acceptable?: string[]; actors: string[]; documents: string[] }[];
  stories: { id: string; documents: string[] }[];
}

export function loadExpected(): Expected {
  return JSON.parse(readFileSync(resolve(SEEDS_DIR, 'expected.json'), 'utf8')) as Expected;
}

/** The seed files in name order (`000_….txt` …). */
export function seedFiles(): string[] {
  return Object.keys(loadExpected().documents).sort().map((name) => resolve(SEEDS_DIR, name));
}
