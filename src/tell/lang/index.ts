import { en } from './en.ts';
import { vi } from './vi.ts';
import type { TellLanguage } from './types.ts';

export type { TellLanguage } from './types.ts';

const TABLES: Record<string, TellLanguage> = { en, vi };

/** Unknown languages get no stop words (salience still works, only noisier) and English date words. */
const NEUTRAL: TellLanguage = { stopWords: new Set(), formatDate: en.formatDate };

export function tellLanguage(code: string | null | undefined): TellLanguage {
  const key = (code ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return TABLES[key] ?? NEUTRAL;
}

/** Date words for display; only languages with a table, English otherwise. */
export function dateLanguage(code: string | null | undefined): TellLanguage {
  return tellLanguage(code) === NEUTRAL ? en : tellLanguage(code);
}
