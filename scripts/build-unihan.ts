// Builds src/link/data/sinoviet-pinyin.json: Sino-Vietnamese syllable -> toneless pinyin syllables.
//
// Source: Unicode's Unihan database (Unihan_Readings.txt, fields kVietnamese and kMandarin), as
// shipped by Debian's `unicode-data` package (`apt-get install -y unicode-data`). Unicode data is
// under the Unicode License v3 (https://www.unicode.org/license.txt), which allows redistribution.
//
// For every character that has both readings, each of its Sino-Vietnamese readings votes for each of
// its Mandarin readings. The table keeps, per Vietnamese syllable (lowercase NFC), the pinyin
// syllables ordered by how many characters support them (at most MAX_PER_SYLLABLE), with the count and one
// character that has both readings,
// so `vương` -> [["wang", n, "王"], ...]. Traditional characters carry most kVietnamese readings (習 has
// `tập`, 习 has none), so no variant mapping is needed for the common case.
//
// Usage: node --import tsx scripts/build-unihan.ts [path/to/Unihan_Readings.txt(.bz2)]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'src/link/data/sinoviet-pinyin.json');
const CANDIDATES = ['/usr/share/unicode/Unihan_Readings.txt.bz2', '/usr/share/unicode/Unihan_Readings.txt'];
const MAX_PER_SYLLABLE = 8;

function readUnihan(path: string): string {
  if (path.endsWith('.bz2')) return execFileSync('bzcat', [path], { maxBuffer: 1 << 30 }).toString('utf8');
  return readFileSync(path, 'utf8');
}

/** `wáng` -> `wang`, `lǜ` -> `lv` (the usual ASCII spelling of ü in names is `u`/`v`; we keep `u`). */
function tonelessPinyin(syllable: string): string {
  return syllable
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ü/g, 'u')
    .toLowerCase();
}

function main(): void {
  const path = process.argv[2] ?? CANDIDATES.find((p) => existsSync(p));
  if (!path || !existsSync(path)) {
    console.error('Unihan_Readings not found: apt-get install -y unicode-data, or pass the path');
    process.exit(1);
  }
  const viet = new Map<string, string[]>();
  const mandarin = new Map<string, string[]>();
  for (const line of readUnihan(path).split('\n')) {
    if (line.startsWith('#') || !line) continue;
    const [cp, field, value] = line.split('\t');
    if (field === 'kVietnamese') viet.set(cp, value.trim().split(/\s+/).map((s) => s.normalize('NFC').toLowerCase()));
    else if (field === 'kMandarin') mandarin.set(cp, value.trim().split(/\s+/).map(tonelessPinyin));
  }
  // votes[viet][pinyin] = [count, first character with both readings] (the character explains a link).
  const votes = new Map<string, Map<string, [number, string]>>();
  for (const [cp, readings] of viet) {
    const pinyin = mandarin.get(cp);
    if (!pinyin) continue;
    const char = String.fromCodePoint(parseInt(cp.slice(2), 16));
    for (const v of new Set(readings)) {
      let m = votes.get(v);
      if (!m) votes.set(v, (m = new Map()));
      for (const p of new Set(pinyin)) {
        const seen = m.get(p);
        m.set(p, seen ? [seen[0] + 1, seen[1]] : [1, char]);
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
  console.log(`${Object.keys(table).length} Sino-Vietnamese syllables from ${viet.size} characters -> ${OUT}`);
}

main();
