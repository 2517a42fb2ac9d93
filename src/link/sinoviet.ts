// Sino-Vietnamese <-> pinyin. Unihan (kVietnamese) and m17n-db's Hán-Việt input table give each Chinese
// character its Sino-Vietnamese readings, Unihan its Mandarin ones; data/sinoviet-pinyin.json
// (scripts/build-unihan.ts) folds that into syllable -> candidate pinyin syllables. A Vietnamese name of
// capitalised Sino-Vietnamese syllables (`Ôn Gia Bảo`) then meets a Latin-script name (`Wen Jiabao`) when
// the Latin letters are exactly a sequence of candidate readings, one per syllable, in order, and every
// space of the Latin name falls on a syllable boundary. No list of names is involved.
import { readFileSync } from 'node:fs';
import { foldKey } from '../decode/fold.ts';
import { hasVietnameseLetters, isCapitalised, isPlainLatin, memo, words } from './text.ts';

type Reading = [pinyin: string, count: number, char: string];
let table: Map<string, Reading[]> | null = null;
let inventory: Set<string> | null = null;

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
const VOWELS = 'aăâeêioôơuưy';
const HATTED = 'ăâêôơư';

/**
 * Puts a tone mark (a combining character) on the vowel Vietnamese spelling gives it: the hatted vowel
 * (`ươ` -> ơ), else the last vowel before a final consonant, else the second of `oa`/`oe`/`uy` and the
 * first of other pairs. Sources disagree on `hòa`/`hoà`; one placement makes them one key.
 */
export function placeTone(base: string, tone: string): string {
  const cs = [...base.normalize('NFC')];
  if (!tone) return cs.join('');
  let start = cs.findIndex((c) => VOWELS.includes(c));
  if (start < 0) return (base + tone).normalize('NFC');
  let end = start;
  while (end < cs.length && VOWELS.includes(cs[end]!)) end++;
  // The u of `qu` and the i of `gi` are part of the onset when a vowel follows.
  if (end - start > 1 && ((cs[start] === 'u' && cs[start - 1] === 'q') || (cs[start] === 'i' && cs[start - 1] === 'g'))) start++;
  let at = -1;
  for (let i = start; i < end; i++) if (HATTED.includes(cs[i]!)) at = i;
  if (at < 0) {
    const n = end - start;
    const pair = cs.slice(start, end).join('');
    if (end < cs.length || n === 1) at = end - 1;
    else if (n === 2) at = ['oa', 'oe', 'uy'].includes(pair) ? end - 1 : start;
    else at = start + 1;
  }
  cs[at] = (cs[at]! + tone).normalize('NFC');
  return cs.join('');
}

/**
 * The lookup form of a syllable: lowercase, tone mark where placeTone puts it, and a lone final i/y after
 * a consonant written `i` (Vietnamese writes `lý`/`lí`, `kỹ`/`kĩ` either way; Unihan has `lí` for 李 where
 * names use `Lý`).
 */
export function syllableKey(s: string): string {
  const d = s.normalize('NFD').toLowerCase();
  const tone = d.match(TONE_MARKS)?.[0] ?? '';
  let base = d.replace(TONE_MARKS, '');
  if (/^[b-df-hj-np-tv-zđ]+y$/u.test(base.normalize('NFC'))) base = base.replace('y', 'i');
  return placeTone(base, tone);
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
