// Per-language tables, merged: a mention's surface may mix languages (`ông Putin`), so every table applies.
import { en } from './en.ts';
import { vi } from './vi.ts';

export const HONORIFICS: ReadonlySet<string> = new Set([...vi.honorifics, ...en.honorifics]);
export const DETERMINERS: ReadonlySet<string> = new Set([...vi.determiners, ...en.determiners]);
