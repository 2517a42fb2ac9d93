// Builds src/analyze/data/places.json: place names the mention finder types as locations.
//
//   node --import tsx scripts/build-places.ts
//
// Sources, all shipped with installed packages (no download):
//   - CLDR territory names in Vietnamese and English (cldr-localenames-full, Unicode licence),
//     with their short and variant forms (`Mỹ`, `Nga`);
//   - i18n-iso-countries names in Vietnamese and English (MIT), all alternatives;
//   - the cities in the IANA time-zone identifiers (`Europe/Moscow` -> `Moscow`), from Node's Intl;
//   - ISO 3166-2 subdivision names (provinces, states, capital cities: `Moskva`, `Sichuan`, `Quảng Ninh`),
//     from Debian's iso-codes (`apt-get install -y iso-codes`, LGPL-2.1+; names are facts), written the way
//     the country writes them in Latin letters. A word that ends (or starts) three or more names of one
//     country is a generic word (`Beijing Shi`, `Sichuan Sheng`, `Moskovskaya oblast'`) and is stripped.
//     One-word names that are common words (Debian's wamerican `/usr/share/dict/american-english`, the
//     Vietnamese lexicon) are left out: `Central`, `Orange`, `Ba` would make every occurrence a place.
// Official long forms are also reduced to the name people write (`Liên bang Nga` -> `Nga`,
// `Đặc khu Hành chính Hồng Kông, Trung Quốc` -> `Hồng Kông`) by stripping generic state prefixes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import countries from 'i18n-iso-countries';
import { REPO_ROOT } from '../test/shared.ts';

const require = createRequire(import.meta.url);
// Territory codes that name organisations or groupings rather than places.
const NOT_PLACES = new Set(['UN', 'EU', 'EZ', 'QO', 'ZZ']);
const PREFIXES: Record<string, RegExp> = {
  vi: /^(?:Đặc khu Hành chính|Lãnh thổ|Liên bang|Cộng hòa|Cộng hoà|Vương quốc|Hợp chủng quốc|Nhà nước|Quần đảo|Đảo)\s+/iu,
  en: /^(?:(?:the\s+)?(?:Republic|Federation|Kingdom|State|Commonwealth|Territory) of(?: the)?|The)\s+/iu,
};

function territories(lang: string): string[] {
  const file = require.resolve(`cldr-localenames-full/main/${lang}/territories.json`);
  const t = JSON.parse(readFileSync(file, 'utf8')).main[lang].localeDisplayNames.territories as Record<string, string>;
  return Object.entries(t)
    .filter(([code]) => !NOT_PLACES.has(code.replace(/-alt-.*/, '')))
    .map(([, name]) => name);
}

function build(lang: string): string[] {
  const names = new Set<string>();
  const add = (raw: string): void => {
    for (let name of raw.split(/,|\(|\)/)) {
      name = name.normalize('NFC').trim();
      // `Gambia, The` splits into a lone article, which is no name.
      if (!name || /\d/.test(name) || /^(?:the|a|an)$/i.test(name)) continue;
      names.add(name);
      const short = name.replace(PREFIXES[lang]!, '');
      if (short !== name && short && !/^(?:the|a|an)$/i.test(short)) names.add(short);
    }
  };
  for (const n of territories(lang)) add(n);
  for (const v of Object.values(countries.getNames(lang, { select: 'all' }))) for (const n of v) add(n);
  for (const tz of Intl.supportedValuesOf('timeZone')) {
    const city = tz.split('/').slice(1).pop();
    if (city && !/^(?:GMT|UTC|[A-Z]{2,4}\d)/.test(city)) add(city.replace(/_/g, ' '));
  }
  // ICU's generic zone names carry localized city and country names (`Giờ Mát-xcơ-va`).
  for (const tz of Intl.supportedValuesOf('timeZone')) {
    for (const style of ['shortGeneric', 'long'] as const) {
      const part = new Intl.DateTimeFormat(lang, { timeZone: tz, timeZoneName: style }).formatToParts(0).find((x) => x.type === 'timeZoneName');
      const name = part?.value.replace(lang === 'vi' ? /^Giờ\s+(?:[Cc]huẩn\s+)?/u : /\s+(?:Standard\s+)?Time$/u, '');
      if (name && name !== part?.value && /^\p{Lu}/u.test(name) && !/GMT|UTC|\d/.test(name)) add(name);
    }
  }
  // One-word names that are also ordinary words would make every occurrence a place.
  return [...names].filter((n) => n.length > 1).sort();
}

const ISO_3166_2 = '/usr/share/iso-codes/json/iso_3166-2.json';
const DICT = '/usr/share/dict/american-english';

/** Lower-case words that the dictionary does not also list as a name (`shanghai` is both: kept). */
function commonWords(): Set<string> {
  const words = new Set<string>();
  const dict = readFileSync(DICT, 'utf8').split('\n');
  const names = new Set(dict.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.toLowerCase()));
  for (const w of dict) if (/^\p{Ll}/u.test(w) && !names.has(w)) words.add(w);
  for (const line of readFileSync(resolve(REPO_ROOT, 'src/analyze/data/vi-words.txt'), 'utf8').split('\n')) {
    const w = line.split('\t')[0]!.trim();
    if (w) words.add(w.normalize('NFC').toLowerCase());
  }
  return words;
}

function subdivisions(): string[] {
  const rows = JSON.parse(readFileSync(ISO_3166_2, 'utf8'))['3166-2'] as { code: string; name: string }[];
  const byCountry = new Map<string, string[]>();
  for (const r of rows) {
    const cc = r.code.split('-')[0]!;
    for (const part of r.name.split(/\s*[,;\/(]\s*|\)/)) {
      const name = part.normalize('NFC').trim();
      if (name && !/\d/.test(name)) (byCountry.get(cc) ?? byCountry.set(cc, []).get(cc)!).push(name);
    }
  }
  const common = commonWords();
  const out = new Set<string>();
  for (const names of byCountry.values()) {
    const count = (pick: (ws: string[]) => string) => {
      const c = new Map<string, number>();
      for (const n of names) {
        const ws = n.split(/\s+/);
        if (ws.length > 1) c.set(pick(ws), (c.get(pick(ws)) ?? 0) + 1);
      }
      return c;
    };
    const lasts = count((ws) => ws[ws.length - 1]!.toLowerCase());
    // Generic suffixes joined by a hyphen (`Busan-gwangyeoksi`, `Gyeonggi-do`).
    const hyphened = new Map<string, number>();
    for (const n of names) {
      const m = /-(\p{Ll}+)$/u.exec(n);
      if (m) hyphened.set(m[1]!, (hyphened.get(m[1]!) ?? 0) + 1);
    }
    const firsts = count((ws) => ws[0]!.toLowerCase());
    for (const n of names) {
      const h = /^(.+)-(\p{Ll}+)$/u.exec(n);
      let ws = (h && (hyphened.get(h[2]!) ?? 0) >= 3 ? h[1]! : n).split(/\s+/);
      while (ws.length > 1 && (lasts.get(ws[ws.length - 1]!.toLowerCase()) ?? 0) >= 3) ws = ws.slice(0, -1);
      while (ws.length > 1 && (firsts.get(ws[0]!.toLowerCase()) ?? 0) >= 3) ws = ws.slice(1);
      // Connectors left at an edge (`Provincia de`) are no part of the name.
      while (ws.length > 1 && /^\p{Ll}/u.test(ws[ws.length - 1]!)) ws = ws.slice(0, -1);
      while (ws.length > 1 && /^\p{Ll}/u.test(ws[0]!)) ws = ws.slice(1);
      for (const name of new Set([n, ws.join(' ')])) {
        if (name.length < 4 || !/^\p{Lu}/u.test(name)) continue;
        if (!name.includes(' ') && common.has(name.toLowerCase())) continue;
        out.add(name);
      }
    }
  }
  return [...out].sort();
}

// The territory codes that are organisations give their names to the organisation list.
function organisations(lang: string): string[] {
  const file = require.resolve(`cldr-localenames-full/main/${lang}/territories.json`);
  const t = JSON.parse(readFileSync(file, 'utf8')).main[lang].localeDisplayNames.territories as Record<string, string>;
  return [...new Set(Object.entries(t).filter(([code]) => ['UN', 'EU'].includes(code.replace(/-alt-.*/, ''))).map(([, n]) => n.normalize('NFC')))];
}

const out = { vi: build('vi'), en: build('en'), subdivisions: subdivisions(), organizations: { vi: organisations('vi'), en: organisations('en') } };
const file = resolve(REPO_ROOT, 'src/analyze/data/places.json');
writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`${file}: vi ${out.vi.length}, en ${out.en.length}, subdivisions ${out.subdivisions.length} names`);
