// Builds src/link/data/territories.json: territory code -> English canonical name and names by language.
//
// Sources (both installed from npm, no network at build or run time):
// - CLDR's localized territory names, `cldr-localenames-full` (Unicode License v3): main/<lang>/territories.json,
//   including the `-alt-short` and `-alt-variant` forms (`Mỹ` is the Vietnamese alt-short of US).
// - `i18n-iso-countries` (MIT): official and common forms CLDR lacks (`Liên bang Nga`, `Ukraine` in vi).
//
// Output shape: { "RU": { "en": "Russia", "n": { "vi": ["Nga", "Liên bang Nga"], "en": [...], ... } }, ... }
// Only ISO 3166 alpha-2 codes and the UN M.49 region codes CLDR names (e.g. `142` Asia) are kept.
//
// Usage: node --import tsx scripts/build-territories.ts
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'src/link/data/territories.json');
const CLDR = resolve(ROOT, 'node_modules/cldr-localenames-full/main');
const ISO = resolve(ROOT, 'node_modules/i18n-iso-countries/langs');
/** Vietnamese and English first; a few other languages so that names in them are recognised too. */
const LANGS = ['vi', 'en', 'zh', 'zh-Hant', 'ru', 'fr', 'de', 'es', 'ja', 'ko'];
/** Codes that are not places of their own (EU/UN groupings, "unknown region", pseudo-codes). */
const SKIP = new Set(['ZZ', 'QO', 'EU', 'EZ', 'UN', 'XA', 'XB']);

type Names = Record<string, string[]>;
const out: Record<string, { en: string; n: Names }> = {};

function add(code: string, lang: string, name: string): void {
  if (SKIP.has(code)) return;
  const entry = (out[code] ??= { en: '', n: {} });
  const list = (entry.n[lang] ??= []);
  const nfc = name.normalize('NFC').trim();
  // Abbreviations are kept in English only: `RU` is Spanish for the United Kingdom but Russia's code
  // everywhere else, and a bare acronym in non-English text is rarely a country.
  if (lang !== 'en' && !/\p{Ll}/u.test(nfc) && /^[\p{Lu}.\-]+$/u.test(nfc)) return;
  if (nfc && !list.includes(nfc)) list.push(nfc);
}

function cldr(lang: string): Record<string, string> {
  const path = resolve(CLDR, lang, 'territories.json');
  if (!existsSync(path)) return {};
  const json = JSON.parse(readFileSync(path, 'utf8'));
  return json.main[lang].localeDisplayNames.territories as Record<string, string>;
}

for (const lang of LANGS) {
  const names = cldr(lang);
  // Main names first so that they lead each list; then the alternative forms.
  const keys = Object.keys(names).sort((a, b) => Number(a.includes('-alt-')) - Number(b.includes('-alt-')));
  for (const key of keys) {
    const code = key.split('-alt-')[0];
    if (!/^([A-Z]{2}|\d{3})$/.test(code)) continue;
    add(code, lang, names[key]);
  }
  const isoLang = lang.split('-')[0];
  const isoPath = resolve(ISO, `${isoLang}.json`);
  if (lang === isoLang && existsSync(isoPath)) {
    const iso = JSON.parse(readFileSync(isoPath, 'utf8')).countries as Record<string, string | string[]>;
    for (const [code, value] of Object.entries(iso)) {
      for (const name of Array.isArray(value) ? value : [value]) if (out[code]) add(code, lang, name);
    }
  }
}

// The English canonical name: CLDR's short form when it is a word (`Hong Kong` for `Hong Kong SAR China`,
// `Palestine`), not when it is an abbreviation (`US`, `UK`), else CLDR's main English name.
const enNames = cldr('en');
for (const [code, entry] of Object.entries(out)) {
  const short = enNames[`${code}-alt-short`];
  entry.en = short && /\p{Ll}/u.test(short) ? short : enNames[code] ?? entry.n.en?.[0] ?? code;
}

mkdirSync(dirname(OUT), { recursive: true });
const codes = Object.keys(out).sort();
const body = codes.map((c) => `${JSON.stringify(c)}:${JSON.stringify(out[c])}`).join(',\n');
writeFileSync(OUT, `{\n${body}\n}\n`);
console.log(`${codes.length} territories, languages ${LANGS.join(' ')} -> ${OUT}`);
