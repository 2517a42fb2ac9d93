import type { LangTable } from '../engine.ts';
export const en: LangTable = { code: 'en', dayFirst: false, rules: [], joiner: /^\s*,?\s*(?:on|at)?\s*$/iu };
