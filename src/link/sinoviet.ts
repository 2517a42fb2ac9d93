// Sino-Vietnamese <-> pinyin. Unihan gives, for each Chinese character, its Sino-Vietnamese reading
// (kVietnamese) and its Mandarin reading (kMandarin); data/sinoviet-pinyin.json (scripts/build-unihan.ts)
// folds that into syllable -> candidate pinyin syllables. A Vietnamese name of capitalised Sino-Vietnamese
// syllables (`Ôn Gia Bảo`) then meets a Latin-script name (`Wen Jiabao`) when the Latin letters are exactly a
// sequence of candidate readings, one per syllable, in order, and every space of the Latin name falls on a
// syllable boundary. No list of names is involved.
import { readFileSync } from 'node:fs';
import { foldKey } from '../decode/fold.ts';
import { hasVietnameseLetters, isCapitalised, isPlainLatin, memo, words } from './text.ts';

type Reading = [pinyin: string, count: number, char: string];
let table: Map<string, Reading[]> | null = null;
let inventory: Set<string> | null = null;

/**
 * Vietnamese writes a lone final i/y either way after a consonant (`lý`/`lí`, `kỹ`/`kĩ`); Unihan uses `lí`
 * for 李 where names use `Lý`. Both spellings are looked up as the `i` form.
 */
export function syllableKey(s: string): string {
  const d = s.normalize('NFD').toLowerCase();
  return (/^[b-df-hj-np-tv-zđ]+y[\u0300-\u036f]*$/u.test(d) ? d.replace('y', 'i') : d).normalize('NFC');
}

function load(): Map<string, Reading[]> {
  if (table) return table;
  const raw = JSON.parse(readFileSync(new URL('./data/sinoviet-pinyin.json', import.meta.url), 'utf8')) as Record<string, Reading[]>;
  table = new Map();
  for (const [syllable, readings] of Object.entries(raw)) {
    const k = syllableKey(syllable);
    const merged = [...(table.get(k) ?? []), ...readings];
    table.set(k, merged.filter((r, i) => merged.findIndex((x) => x[0] === r[0]) === i));
  }
  inventory = new Set([...table.values()].flatMap((rs) => rs.map((r) => r[0])));
  return table;
}

/** The syllables of a Sino-Vietnamese name (2-4 capitalised syllables, each with readings), else null. */
export const sinoSyllables = memo((name: string): string[] | null => {
  const ws = words(name);
  if (ws.length < 2 || ws.length > 4 || !isCapitalised(ws)) return null;
  const t = load();
  const sy = ws.map(syllableKey);
  if (!sy.every((s) => t.has(s))) return null;
  // A name in plain Latin letters that happens to be Vietnamese syllables (`Nam Phi`) is fine; but at least
  // one syllable must be unambiguously Vietnamese or every English two-word name would be a candidate.
  if (!hasVietnameseLetters(name) && ws.every((w) => /^[a-z]+$/i.test(w) && inventory!.has(w.toLowerCase()))) return null;
  return sy;
});

/** Latin letters of a candidate pinyin name and the positions where its words end. */
function latinTarget(name: string): { letters: string; bounds: Set<number> } | null {
  if (!isPlainLatin(name)) return null;
  const ws = words(name).map((w) => foldKey(w).replace(/[^a-z]/g, ''));
  if (ws.length === 0 || ws.some((w) => !w)) return null;
  const bounds = new Set<number>();
  let pos = 0;
  for (const w of ws) bounds.add((pos += w.length));
  return { letters: ws.join(''), bounds };
}

export interface PinyinMatch {
  pinyin: string[];
  chars: string[];
}

/** Matches a Sino-Vietnamese name against a Latin name: `Ôn Gia Bảo` ~ `Wen Jiabao`, `Quảng Châu` ~ `Guangzhou`, through the characters' readings. */
const matches = new Map<string, PinyinMatch | null>();

export function matchPinyin(vietName: string, latinName: string): PinyinMatch | null {
  const key = `${vietName}\u0000${latinName}`;
  if (!matches.has(key)) {
    if (matches.size > 100_000) matches.clear();
    matches.set(key, computeMatch(vietName, latinName));
  }
  return matches.get(key)!;
}

function computeMatch(vietName: string, latinName: string): PinyinMatch | null {
  const sy = sinoSyllables(vietName);
  const target = latinTarget(latinName);
  if (!sy || !target) return null;
  const t = load();
  const walk = (i: number, pos: number): PinyinMatch | null => {
    if (i === sy.length) return pos === target.letters.length ? { pinyin: [], chars: [] } : null;
    for (const [py, , ch] of t.get(sy[i])!) {
      if (!target.letters.startsWith(py, pos)) continue;
      const end = pos + py.length;
      // A Latin word boundary inside this syllable would split it: `Wan Gyi` is not `Wang Yi`.
      let crosses = false;
      for (const b of target.bounds) if (b > pos && b < end) crosses = true;
      if (crosses) continue;
      const rest = walk(i + 1, end);
      if (rest) return { pinyin: [py, ...rest.pinyin], chars: [ch, ...rest.chars] };
    }
    return null;
  };
  return walk(0, 0);
}

/**
 * Every pinyin spelling (letters only) a Sino-Vietnamese name may have, most likely first, at most `limit`.
 * Used to index: a Latin name's letters are looked up among them, then confirmed with matchPinyin.
 */
export function pinyinCandidates(vietName: string, limit = 256): string[] {
  return limit === 256 ? candidates256(vietName) : computeCandidates(vietName, limit);
}
const candidates256 = memo((name: string) => computeCandidates(name, 256));

function computeCandidates(vietName: string, limit: number): string[] {
  const sy = sinoSyllables(vietName);
  if (!sy) return [];
  const t = load();
  let acc: [string, number][] = [['', 1]];
  for (const s of sy) {
    const next: [string, number][] = [];
    for (const [prefix, w] of acc) for (const [py, n] of t.get(s)!) next.push([prefix + py, w * n]);
    acc = next.sort((a, b) => b[1] - a[1]).slice(0, limit);
  }
  return acc.map(([p]) => p);
}

/** Letters of a Latin name if it could be pinyin (every word splits into known pinyin syllables). */
export const pinyinLetters = memo((latinName: string): string | null => {
  const target = latinTarget(latinName);
  if (!target) return null;
  load();
  const ws = words(latinName).map((w) => foldKey(w).replace(/[^a-z]/g, ''));
  const splits = (w: string): boolean => {
    if (!w) return true;
    for (let len = Math.min(6, w.length); len >= 1; len--) if (inventory!.has(w.slice(0, len)) && splits(w.slice(len))) return true;
    return false;
  };
  return ws.every(splits) ? target.letters : null;
});
