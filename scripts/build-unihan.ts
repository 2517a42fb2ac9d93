// Builds src/link/data/sinoviet-pinyin.json: Sino-Vietnamese syllable -> toneless pinyin syllables.
//
// Sources, both Debian packages (`apt-get install -y unicode-data m17n-db`):
// - Unicode's Unihan database, Unihan_Readings.txt (unicode-data). Sino-Vietnamese readings: kVietnamese,
//   the only Vietnamese field Unihan has; it lacks many common characters (北, 台 have none). Mandarin
//   readings: kMandarin, kHanyuPinlu, kXHC1983 and kTGHZ2013, the readings of modern dictionaries, so that
//   藏 has zàng (Xizang) beside kMandarin's cáng. kHanyuPinyin is left out: it lists classical readings
//   (台 yí, sì) that would only add false candidates. Unicode License v3 (https://www.unicode.org/license.txt).
// - m17n-db's vi-han.mim (/usr/share/m17n/vi-han.mim), the Hán-Việt input method by the Thua Thien Hue
//   Center of Information Technology (HueCIT, 2007): Telex-typed Sino-Vietnamese readings -> characters,
//   traditional and simplified (`bawcs` -> 北, `ddaif` -> 臺台). LGPL 2.1; we keep only derived syllable
//   pairs. Its vi-nom*.mim tables are Nôm (vernacular) readings and are not used: 北 there reads `bấc`, `bậc`…
//
// For every character that has both readings, each of its Sino-Vietnamese readings votes for each of
// its Mandarin readings. The table keeps, per Vietnamese syllable (lowercase NFC, tone placed by
// placeTone), the pinyin syllables ordered by how many characters support them (at most
// MAX_PER_SYLLABLE), with the count and one character that has both readings, so `vương` ->
// [["wang", n, "王"], ...].
//
// Usage: node --import tsx scripts/build-unihan.ts [Unihan_Readings.txt(.bz2)] [vi-han.mim]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeTone, syllableKey } from '../src/link/sinoviet.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'src/link/data/sinoviet-pinyin.json');
const UNIHAN = ['/usr/share/unicode/Unihan_Readings.txt.bz2', '/usr/share/unicode/Unihan_Readings.txt'];
const VI_HAN = ['/usr/share/m17n/vi-han.mim'];
const MAX_PER_SYLLABLE = 8;
const MANDARIN_FIELDS = new Set(['kMandarin', 'kHanyuPinlu', 'kXHC1983', 'kTGHZ2013']);

function readText(path: string): string {
  if (path.endsWith('.bz2')) return execFileSync('bzcat', [path], { maxBuffer: 1 << 30 }).toString('utf8');
  return readFileSync(path, 'utf8');
}

/** `wáng` -> `wang`, `lǜ` -> `lu` (the usual ASCII spelling of ü in names). */
function tonelessPinyin(syllable: string): string {
  return syllable.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ü/g, 'u').toLowerCase();
}

/** Readings of one Mandarin field: `0045.050:běi`, `356.090:tāi 356.120,356.130:tái`, `xi(902)`. */
function mandarinReadings(value: string): string[] {
  return value
    .trim()
    .split(/\s+/)
    .map((r) => r.replace(/^[\d.,]+:/, '').replace(/\(\d+\)$/, ''))
    .flatMap((r) => r.split(','))
    .filter((r) => /^\p{L}+$/u.test(r))
    .map(tonelessPinyin);
}

const TELEX_TONES: Record<string, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };

/**
 * Telex, as vi-han.mim spells readings: a trailing s/f/r/x/j is the tone (no Vietnamese syllable ends in
 * those letters), dd = đ, aa/ee/oo = â/ê/ô, aw/ow/uw = ă/ơ/ư, a lone w = ư (`cwowng` = cương).
 */
export function telexSyllable(key: string): string {
  let tone = '';
  if (key.length > 1 && TELEX_TONES[key.at(-1)!]) {
    tone = TELEX_TONES[key.at(-1)!]!;
    key = key.slice(0, -1);
  }
  const base = key
    .replace(/dd/g, 'đ')
    .replace(/uow/g, 'ươ')
    .replace(/aa/g, 'â')
    .replace(/aw/g, 'ă')
    .replace(/ee/g, 'ê')
    .replace(/oo/g, 'ô')
    .replace(/ow/g, 'ơ')
    .replace(/uw/g, 'ư')
    .replace(/w/g, 'ư');
  return syllableKey(placeTone(base, tone));
}

/** One Vietnamese syllable (onset, one vowel run, final): drops `z` (punctuation) and `hihi` (囍). */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnqrstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?$/u;

/** vi-han.mim's map: `("bawcs"  ("北"))` lines, Telex reading -> characters. */
function readViHan(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of text.matchAll(/^\s*\("([a-z]+)"\s+\("([^"]+)"\)\)/gmu)) {
    const syllable = telexSyllable(m[1]!);
    if (!SYLLABLE.test(syllable.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '').normalize('NFC'))) continue;
    for (const ch of m[2]!) {
      if (!/\p{Script=Han}/u.test(ch)) continue;
      if (!out.has(ch)) out.set(ch, new Set());
      out.get(ch)!.add(syllable);
    }
  }
  return out;
}

function main(): void {
  const unihanPath = process.argv[2] ?? UNIHAN.find((p) => existsSync(p));
  const viHanPath = process.argv[3] ?? VI_HAN.find((p) => existsSync(p));
  if (!unihanPath || !existsSync(unihanPath)) {
    console.error('Unihan_Readings not found: apt-get install -y unicode-data, or pass the path');
    process.exit(1);
  }
  if (!viHanPath || !existsSync(viHanPath)) {
    console.error('vi-han.mim not found: apt-get install -y m17n-db, or pass the path');
    process.exit(1);
  }
  // Keyed by the character itself (not the code point) so both sources meet.
  const viet = new Map<string, Set<string>>();
  const mandarin = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, ch: string, values: Iterable<string>) => {
    if (!m.has(ch)) m.set(ch, new Set());
    for (const v of values) m.get(ch)!.add(v);
  };
  // kHanyuPinlu's counts say how common a character is: the commonest one explains a link best (北, not 鉳).
  const frequency = new Map<string, number>();
  let unihanViet = 0;
  for (const line of readText(unihanPath).split('\n')) {
    if (line.startsWith('#') || !line) continue;
    const [cp, field, value] = line.split('\t') as [string, string, string];
    const ch = String.fromCodePoint(parseInt(cp.slice(2), 16));
    if (field === 'kVietnamese') {
      unihanViet++;
      add(viet, ch, value.trim().split(/\s+/).map(syllableKey));
    } else if (MANDARIN_FIELDS.has(field)) add(mandarin, ch, mandarinReadings(value));
    if (field === 'kHanyuPinlu') frequency.set(ch, [...value.matchAll(/\((\d+)\)/g)].reduce((n, m) => n + Number(m[1]), 0));
  }
  const viHan = readViHan(readText(viHanPath));
  for (const [ch, ss] of viHan) add(viet, ch, ss);

  // votes[viet][pinyin] = [count, first character with both readings] (the character explains a link).
  const votes = new Map<string, Map<string, [number, string]>>();
  let paired = 0;
  const chars = [...viet.keys()].sort((a, b) => (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0) || a.codePointAt(0)! - b.codePointAt(0)!);
  for (const ch of chars) {
    const pinyin = mandarin.get(ch);
    if (!pinyin?.size) continue;
    paired++;
    for (const v of viet.get(ch)!) {
      let m = votes.get(v);
      if (!m) votes.set(v, (m = new Map()));
      for (const p of pinyin) {
        const seen = m.get(p);
        m.set(p, seen ? [seen[0] + 1, seen[1]] : [1, ch]);
      }
    }
  }
  const table: Record<string, [string, number, string][]> = {};
  for (const v of [...votes.keys()].sort()) {
    table[v] = [...votes.get(v)!.entries()]
      .map(([p, [n, ch]]) => [p, n, ch] as [string, number, string])
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_PER_SYLLABLE);
  }
  mkdirSync(dirname(OUT), { recursive: true });
  // One syllable per line: compact but still diffable.
  const body = Object.entries(table).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n');
  writeFileSync(OUT, `{\n${body}\n}\n`);
  console.log(
    `characters with a Sino-Vietnamese reading: Unihan kVietnamese ${unihanViet}, vi-han.mim ${viHan.size}, ` +
      `union ${viet.size}; with a Mandarin reading too: ${paired}; ${Object.keys(table).length} syllables -> ${OUT}`,
  );
}

main();
