// Where a rule can match at all. Most rules open with whole words (`words()`: no letter or digit
// before the match) spelt out as literals (`tuần|tháng|năm|quý`, month names). Scanning the whole
// text with each of some forty such patterns costs more than everything else the tagger does; one
// pass over the text's word starts instead looks up the first few letters there (case-folded) in one
// table of every rule's literal openings, and gives each rule the few positions where it may match.
// The rule is then tried only there (sticky). Its matches stay exactly those of a plain scan: every
// match starts at a word start with one of the rule's openings, so no position where it matches is
// skipped. A digit (`\d`) opens with any of ten; rules whose opening this cannot read (a character
// class, an optional first letter) keep the plain scan.
import { codeUnitClass } from '../chars.ts';

/** Longest opening looked up, in code units; longer literals are cut (that only widens the net). */
const DEPTH = 4;

/** The `words()` lookbehind: a rule that opens with it matches only at a word start. */
export const WORD_START = '(?<![\\p{L}\\p{N}])';

// ---- the literal openings of a pattern ----------------------------------------------------------

interface Atom {
  kind: 'lit' | 'digit' | 'group' | 'zero' | 'other';
  /** The literal character (`lit`) or the group's inside (`group`). */
  text: string;
  /** Whether the atom may be absent (a quantifier with minimum 0). */
  optional: boolean;
  /** Whether a literal repeats (`+`, `{2,}`): what follows it is not known. */
  repeats: boolean;
}

/** End (exclusive) of the group opening at src[i] === '(', or -1. */
function groupEnd(src: string, i: number): number {
  let depth = 0;
  let cls = false;
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (cls) {
      if (c === ']') cls = false;
      continue;
    }
    if (c === '[') cls = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k + 1;
  }
  return -1;
}

function classEnd(src: string, i: number): number {
  for (let k = i + 1; k < src.length; k++) {
    if (src[k] === '\\') k++;
    else if (src[k] === ']') return k + 1;
  }
  return -1;
}

/** The top-level alternatives of a pattern source. */
function alternatives(src: string): string[] | null {
  const out: string[] = [];
  let from = 0;
  for (let k = 0; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') k++;
    else if (c === '[') {
      const e = classEnd(src, k);
      if (e < 0) return null;
      k = e - 1;
    } else if (c === '(') {
      const e = groupEnd(src, k);
      if (e < 0) return null;
      k = e - 1;
    } else if (c === '|') {
      out.push(src.slice(from, k));
      from = k + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

/** The atoms of one alternative (no top-level `|`), or null where the source is beyond this reader. */
function atoms(src: string): Atom[] | null {
  const out: Atom[] = [];
  let k = 0;
  while (k < src.length) {
    const c = src[k]!;
    let atom: Atom;
    if (c === '(') {
      const e = groupEnd(src, k);
      if (e < 0) return null;
      const inner = src.slice(k + 1, e - 1);
      if (inner.startsWith('?=') || inner.startsWith('?!') || inner.startsWith('?<=') || inner.startsWith('?<!')) {
        atom = { kind: 'zero', text: '', optional: false, repeats: false };
      } else if (inner.startsWith('?:')) atom = { kind: 'group', text: inner.slice(2), optional: false, repeats: false };
      else if (inner.startsWith('?<')) {
        const close = inner.indexOf('>');
        if (close < 0) return null;
        atom = { kind: 'group', text: inner.slice(close + 1), optional: false, repeats: false };
      } else if (inner.startsWith('?')) return null;
      else atom = { kind: 'group', text: inner, optional: false, repeats: false };
      k = e;
    } else if (c === '[') {
      const e = classEnd(src, k);
      if (e < 0) return null;
      atom = { kind: 'other', text: '', optional: false, repeats: false };
      k = e;
    } else if (c === '\\') {
      const d = src[k + 1];
      if (d === undefined) return null;
      if (d === 'b' || d === 'B') {
        atom = { kind: 'zero', text: '', optional: false, repeats: false };
        k += 2;
      } else if (/[A-Za-z0-9]/.test(d)) {
        // \s \p{…} \uXXXX \xXX \cX and back references: not a literal; \d is ten of them (ASCII digits).
        atom = { kind: d === 'd' ? 'digit' : 'other', text: '', optional: false, repeats: false };
        if ((d === 'p' || d === 'P' || d === 'u') && src[k + 2] === '{') {
          const close = src.indexOf('}', k);
          if (close < 0) return null;
          k = close + 1;
        } else if (d === 'u') k += 6;
        else if (d === 'x') k += 4;
        else if (d === 'c') k += 3;
        else if (d === 'k') return null;
        else {
          k += 2;
          if (d >= '0' && d <= '9') while (k < src.length && src[k]! >= '0' && src[k]! <= '9') k++;
        }
      } else {
        atom = { kind: 'lit', text: d, optional: false, repeats: false };
        k += 2;
      }
    } else if (c === '.' || c === '^' || c === '$') {
      atom = c === '.' ? { kind: 'other', text: '', optional: false, repeats: false } : { kind: 'zero', text: '', optional: false, repeats: false };
      k++;
    } else if (c === ')' || c === '|' || c === '*' || c === '+' || c === '?' || c === '{' || c === ']' || c === '}') {
      return null;
    } else {
      // One code unit at a time; a surrogate pair is left to the plain scan.
      if (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff) return null;
      atom = { kind: 'lit', text: c, optional: false, repeats: false };
      k++;
    }
    // A quantifier.
    const q = src[k];
    if (q === '?' || q === '*' || q === '+') {
      atom.optional = q !== '+';
      atom.repeats = q !== '?';
      k++;
      if (src[k] === '?') k++;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(k));
      if (!m) return null;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      atom.optional = min === 0;
      atom.repeats = max > 1;
      k += m[0].length;
      if (src[k] === '?') k++;
    }
    out.push(atom);
  }
  return out;
}

/** Literal openings every match of `src` starts with (each non-empty), or null when there are none to read. */
export function openings(src: string): string[] | null {
  const alts = alternatives(src);
  if (!alts) return null;
  const out: string[] = [];
  for (const alt of alts) {
    const as = atoms(alt);
    if (!as) return null;
    const got = fromAtoms(as, 0, '');
    if (!got) return null;
    out.push(...got);
  }
  return out;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function fromAtoms(as: Atom[], i: number, acc: string): string[] | null {
  if (acc.length >= DEPTH) return [acc];
  if (i === as.length) return acc ? [acc] : null;
  const a = as[i]!;
  if (a.kind === 'zero') return fromAtoms(as, i + 1, acc);
  if (acc) {
    // What follows a literal start: only more mandatory single literals lengthen it.
    if (a.kind === 'lit' && !a.optional) return a.repeats ? [acc + a.text] : fromAtoms(as, i + 1, acc + a.text);
    return [acc];
  }
  if (a.kind === 'lit') {
    if (a.optional) return null;
    return a.repeats ? [a.text] : fromAtoms(as, i + 1, a.text);
  }
  if (a.kind === 'group' || a.kind === 'digit') {
    const inner = a.kind === 'digit' ? DIGITS : openings(a.text);
    if (!inner) return null;
    if (!a.optional) return inner;
    const rest = fromAtoms(as, i + 1, '');
    return rest ? [...inner, ...rest] : null;
  }
  return null;
}

// ---- case folding ---------------------------------------------------------------------------------

// A pattern with flags `iu` matches a literal character wherever the text has a character of the
// same simple case folding. `fold` maps both to one code unit: the lower case of the upper case (so
// `ſ` and `s`, `ς` and `σ` meet), or the character itself where either is not one code unit. Where it
// could still part two characters the pattern joins, a test compares it with the pattern itself over
// every code unit and every literal the tables open with (prefix.test.ts).
const folded = new Uint16Array(65536);
const foldKnown = new Uint8Array(65536);
export function fold(code: number): number {
  if (foldKnown[code]) return folded[code]!;
  const c = String.fromCharCode(code);
  let f = code;
  if (code < 0xd800 || code > 0xdfff) {
    const up = c.toUpperCase();
    const low = (up.length === 1 ? up : c).toLowerCase();
    if (low.length === 1) f = low.charCodeAt(0);
    else {
      const l = c.toLowerCase();
      if (l.length === 1) f = l.charCodeAt(0);
    }
  }
  folded[code] = f;
  foldKnown[code] = 1;
  return f;
}

const isLetterOrNumberUnit = codeUnitClass(/[\p{L}\p{N}]/u);

const step = (h: number, code: number): number => (Math.imul(h, 0x01000193) ^ (code + 1)) | 0;

// ---- the index ------------------------------------------------------------------------------------

interface Entry {
  /** Groups (by number) one of whose openings, cut to this length, is what this key spells. */
  groups: number[];
  /** Whether some opening is longer than this key (read on). */
  more: boolean;
}

/** Per rule: whether it takes part, and the index over the openings of all that do. */
export interface OpeningIndex {
  /** Per rule (in the order given): true when it is found through the index, false for a plain scan. */
  indexed: boolean[];
  /**
   * Per indexed rule, its group: rules with the same openings (the numeric ones all open with a
   * digit) share one list of positions.
   */
  group: number[];
  groups: number;
  /** The entries, by key: a hash of the folded opening (its length is in the hash: one step per unit). */
  entries: Entry[];
  /** Open addressing over the keys: `keys[slot]` and `slots[slot]` (entry + 1; 0 = empty). */
  keys: Int32Array;
  slots: Int32Array;
  mask: number;
}

const slotOf = (h: number, mask: number): number => (h ^ (h >>> 15)) & mask;

function lookupEntry(index: OpeningIndex, h: number): Entry | undefined {
  const { keys, slots, mask } = index;
  for (let s = slotOf(h, mask); ; s = (s + 1) & mask) {
    const e = slots[s]!;
    if (e === 0) return undefined;
    if (keys[s] === h) return index.entries[e - 1];
  }
}

export function buildIndex(res: readonly RegExp[]): OpeningIndex {
  const table = new Map<number, Entry>();
  const bySignature = new Map<string, number>();
  const group: number[] = [];
  const indexed = res.map((re, r) => {
    group[r] = -1;
    // Case-sensitive patterns too: a character that matches itself has the same folding.
    if (!re.flags.includes('u') || !re.source.startsWith(WORD_START)) return false;
    const ops = openings(re.source.slice(WORD_START.length));
    if (!ops || ops.length === 0) return false;
    const cut = [...new Set(ops.map((o) => o.slice(0, DEPTH)))];
    const signature = cut.map((o) => [...o].map((c) => fold(c.charCodeAt(0))).join(',')).sort().join(' ');
    let g = bySignature.get(signature);
    if (g !== undefined) {
      group[r] = g;
      return true;
    }
    bySignature.set(signature, (g = bySignature.size));
    group[r] = g;
    for (const op of cut) {
      let h = 0;
      for (let k = 0; k < op.length; k++) {
        h = step(h, fold(op.charCodeAt(k)));
        let e = table.get(h);
        if (!e) table.set(h, (e = { groups: [], more: false }));
        if (k === op.length - 1) {
          if (e.groups[e.groups.length - 1] !== g) e.groups.push(g);
        } else e.more = true;
      }
    }
    return true;
  });
  let size = 64;
  while (size < table.size * 4) size *= 2;
  const index: OpeningIndex = { indexed, group, groups: bySignature.size, entries: [], keys: new Int32Array(size), slots: new Int32Array(size), mask: size - 1 };
  for (const [h, e] of table) {
    let s = slotOf(h, index.mask);
    while (index.slots[s] !== 0) s = (s + 1) & index.mask;
    index.entries.push(e);
    index.keys[s] = h;
    index.slots[s] = index.entries.length;
  }
  return index;
}

/** Per group of rules, the word starts of `text` (ascending) where one of its openings is written. */
export function candidates(index: OpeningIndex, text: string): number[][] {
  const out: number[][] = [];
  for (let g = 0; g < index.groups; g++) out.push([]);
  const n = text.length;
  let prevWord = false;
  for (let p = 0; p < n; p++) {
    const code = text.charCodeAt(p);
    // Half of a surrogate pair is taken for no letter: the position after it is a word start, which
    // only widens the net (the pattern itself checks the code point there).
    const here = isLetterOrNumberUnit(code) && (code < 0xd800 || code > 0xdfff);
    if (prevWord) {
      prevWord = here;
      continue;
    }
    prevWord = here;
    let h = 0;
    for (let k = p; k < n && k < p + DEPTH; k++) {
      h = step(h, fold(text.charCodeAt(k)));
      const e = lookupEntry(index, h);
      if (e === undefined) break;
      for (const g of e.groups) {
        const list = out[g]!;
        if (list[list.length - 1] !== p) list.push(p);
      }
      if (!e.more) break;
    }
  }
  return out;
}
