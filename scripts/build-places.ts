// Builds src/analyze/data/places.json: place names the mention finder types as locations.
//
//   node --import tsx scripts/build-places.ts
//
// Sources, all shipped with installed packages (no download):
//   - CLDR territory names in Vietnamese and English (cldr-localenames-full, Unicode licence),
//     with their short and variant forms (`Mỹ`, `Nga`);
//   - i18n-iso-countries names in Vietnamese and English (MIT), all alternatives;
//   - the cities in the IANA time-zone identifiers (`Europe/Moscow` -> `Moscow`), from Node's Intl.
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
      if (!name || /\d/.test(name)) continue;
      names.add(name);
      const short = name.replace(PREFIXES[lang]!, '');
      if (short !== name && short) names.add(short);
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

// The territory codes that are organisations give their names to the organisation list.
function organisations(lang: string): string[] {
  const file = require.resolve(`cldr-localenames-full/main/${lang}/territories.json`);
  const t = JSON.parse(readFileSync(file, 'utf8')).main[lang].localeDisplayNames.territories as Record<string, string>;
  return [...new Set(Object.entries(t).filter(([code]) => ['UN', 'EU'].includes(code.replace(/-alt-.*/, ''))).map(([, n]) => n.normalize('NFC')))];
}

const out = { vi: build('vi'), en: build('en'), organizations: { vi: organisations('vi'), en: organisations('en') } };
const file = resolve(REPO_ROOT, 'src/analyze/data/places.json');
writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`${file}: vi ${out.vi.length}, en ${out.en.length} names`);
