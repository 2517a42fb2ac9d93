// Country, territory and region names from CLDR + i18n-iso-countries (data/territories.json, built by
// scripts/build-territories.ts) and the few press forms no data set has (data/press-names.ts).
// Names are matched exactly (NFC, case-insensitive): short names such as `Nga` or `Anh` must never be
// matched fuzzily, or `Nga` would meet `Nigeria` and `Anh` any word.
import { readFileSync } from 'node:fs';
import { PRESS_NAMES } from './data/press-names.ts';
import { foldCompact, memo, nfc } from './text.ts';

interface TerritoryRecord {
  en: string;
  n: Record<string, string[]>;
}

export interface TerritoryHit {
  code: string;
  /** English name, the canonical one. */
  en: string;
  /** Language(s) the matched name belongs to. */
  langs: string[];
  source: 'CLDR' | 'press';
}

let index: Map<string, TerritoryHit[]> | null = null;

function key(name: string): string {
  return nfc(name).toLowerCase();
}

function load(): Map<string, TerritoryHit[]> {
  if (index) return index;
  const data = JSON.parse(readFileSync(new URL('./data/territories.json', import.meta.url), 'utf8')) as Record<string, TerritoryRecord>;
  const map = new Map<string, TerritoryHit[]>();
  const put = (name: string, code: string, en: string, lang: string, source: TerritoryHit['source']) => {
    const k = key(name);
    const hits = map.get(k) ?? [];
    const same = hits.find((h) => h.code === code);
    if (same) {
      if (!same.langs.includes(lang)) same.langs.push(lang);
    } else hits.push({ code, en, langs: [lang], source });
    map.set(k, hits);
  };
  for (const [code, rec] of Object.entries(data)) {
    for (const [lang, names] of Object.entries(rec.n)) for (const name of names) put(name, code, rec.en, lang, 'CLDR');
    put(rec.en, code, rec.en, 'en', 'CLDR');
  }
  for (const p of PRESS_NAMES) {
    const code = p.code ?? `x-${p.name}`;
    put(p.name, code, p.en ?? data[code]?.en ?? p.name, p.lang, 'press');
  }
  index = map;
  return map;
}

/** The territory a name denotes, when exactly one does (`Nga` -> RU; `Georgia` could be two things, but CLDR names one). */
export const lookupTerritory = memo((name: string): TerritoryHit | null => {
  const hits = load().get(key(name));
  return hits && hits.length === 1 ? hits[0] : null;
});

/**
 * Replaces territory names inside a longer name by their codes, longest first:
 * `Hội đồng An ninh Liên bang Nga` and `Hội đồng An ninh Nga` both -> `hoidongan ninh<RU>` (folded).
 * Returns null when the name has no territory inside or is only a territory.
 */
export function withTerritoryCodes(ws: readonly string[]): { key: string; codes: string[] } | null {
  const map = load();
  const out: string[] = [];
  const codes: string[] = [];
  for (let i = 0; i < ws.length; ) {
    let matched = 0;
    for (let len = Math.min(6, ws.length - i); len >= 1; len--) {
      const hit = map.get(key(ws.slice(i, i + len).join(' ')));
      // A territory inside a name is capitalised (`Nga`), never a common word (`anh` = elder brother).
      if (hit && hit.length === 1 && /^\p{Lu}/u.test(ws[i])) {
        out.push(`<${hit[0].code}>`);
        codes.push(hit[0].code);
        matched = len;
        break;
      }
    }
    if (matched) i += matched;
    else out.push(foldCompact(ws[i++]));
  }
  if (!codes.length || out.length === codes.length) return null;
  return { key: out.join(''), codes };
}
