// The language tables by ISO 639-1 code; anything else gets the generic table.
import { en } from './en.ts';
import type { LanguageTables } from './types.ts';
import { vi } from './vi.ts';

export type { LanguageTables } from './types.ts';

/** Languages without a table still get sentences on punctuation and word tokens, but no mentions cues. */
export const generic: LanguageTables = {
  code: 'und',
  abbreviations: new Set(),
  personTitles: [],
  honorifics: [],
  personCues: [],
  orgHeads: [],
  orgTails: [],
  orgLowercaseContinuation: false,
  orgStopWords: new Set(),
  locationCues: [],
  notNames: new Set(),
  nameConnectors: new Set(),
  loneInitialNeedsEvidence: true,
};

const TABLES: Record<string, LanguageTables> = { vi, en };

export function tablesFor(language: string): LanguageTables {
  return TABLES[language] ?? generic;
}
