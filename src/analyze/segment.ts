// Vietnamese word segmentation: a unigram word model over a lexicon (src/analyze/data/vi-words.txt,
// built by scripts/build-vi-lexicon.ts) and a dynamic program that picks the most probable split of
// each run of syllables. Longest-match alone glues `hợp tác` + `tác chiến` wrongly; word counts from
// the treebank break such ties. Runs of capitalised syllables are offered as one candidate word
// (names: `Hà Nội`, `Nguyễn Văn An`), which the treebank also writes as one word.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { foldKey } from '../decode/fold.ts';
import { changesWhenLowered } from './chars.ts';
import { syllableInfo, syllableKey, type SyllableInfo } from './syllable.ts';

export interface SegmenterOptions {
  /** Longest word tried, in syllables. */
  maxSyllables: number;
  /** Pseudo-count of a vocabulary word never seen in the treebank. */
  vocabCount: number;
  /** Pseudo-count of a single syllable the lexicon does not know. */
  unknownCount: number;
  /** Pseudo-count of a run of 2+ capitalised syllables not in the lexicon (a name). */
  nameCount: number;
}

/** Tuned on a held-out fifth of the treebank's train split (never on dev): see bench/segment.ts. */
export const DEFAULT_SEGMENTER: SegmenterOptions = { maxSyllables: 4, vocabCount: 0.3, unknownCount: 0.3, nameCount: 2 };

export interface Lexicon {
  counts: Map<string, number>;
  total: number;
}

export function loadLexicon(path: string | URL): Lexicon {
  const counts = new Map<string, number>();
  let total = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const n = Number(line.slice(tab + 1));
    const key = line.slice(0, tab).split(' ').map(syllableKey).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + n);
    total += n;
  }
  return { counts, total };
}


export interface Segmenter {
  /**
   * Given the syllables of one run (no punctuation between them), returns how many syllables each word
   * takes. `infos`, when the caller has them, are the syllables' `syllableInfo`s.
   */
  split(syllables: readonly string[], firstIsSentenceStart?: boolean, infos?: readonly SyllableInfo[]): number[];
  has(word: string): boolean;
  /** `has` for a word given as its syllables' `syllableKey`s (`has('Hà Nội')` = `hasKeys([key('Hà'), key('Nội')])`). */
  hasKeys(keys: readonly string[]): boolean;
  /** `hasKeys` for syllables given as their `syllableInfo`s. */
  hasInfos(infos: readonly SyllableInfo[]): boolean;
  /** Whether a single syllable, stripped of all marks, is a Vietnamese syllable (`khong` -> yes). */
  hasFolded(syllable: string): boolean;
  /** `hasFolded` for a syllable given as its `syllableInfo`. */
  hasFoldedInfo(info: SyllableInfo): boolean;
  /**
   * `split` for the run `ps[from, to)` of keyed pieces (each with its `info`), without building arrays:
   * the words' lengths go to `lens` (room for `to - from`); returns how many words.
   */
  splitPieces(ps: readonly { text: string; info?: SyllableInfo }[], from: number, to: number, firstIsSentenceStart: boolean, lens: Int32Array): number;
}

/**
 * The word trie over syllable keys, flat: syllables and nodes are numbers (root 0), and every edge
 * (parent, syllable) -> child sits in one open-addressing table of typed arrays, so a step is a hash
 * and a probe or two instead of a Map lookup keyed by a string.
 */
interface TrieParts {
  /** Syllable keys by number. */
  syllables: string[];
  edges: Int32Array;
  isWord: Uint8Array;
  logp: Float64Array;
  hasNext: Uint8Array;
}

class Trie {
  /** Syllable key -> syllable number. */
  readonly syllables = new Map<string, number>();
  /**
   * The edges, three numbers each (parent, syllable, child; parent -1 = empty slot), side by side so
   * a probe reads one cache line rather than three.
   */
  private readonly edges: Int32Array;
  private readonly mask: number;
  /** Per node: a word ends here (`logp` holds its log-probability); some longer word goes on from here. */
  readonly isWord: Uint8Array;
  readonly logp: Float64Array;
  readonly hasNext: Uint8Array;

  constructor(words: readonly [string[], number][], parts?: TrieParts) {
    if (parts) {
      parts.syllables.forEach((syl, i) => this.syllables.set(syl, i));
      this.edges = parts.edges;
      this.mask = parts.edges.length / 3 - 1;
      this.isWord = parts.isWord;
      this.logp = parts.logp;
      this.hasNext = parts.hasNext;
      return;
    }
    // Every syllable of every word bounds the number of edges (and of nodes, but for the root).
    let syllableCount = 0;
    for (const [syls] of words) syllableCount += syls.length;
    let size = 1024;
    // Edges are fewer than syllables (words share prefixes): at most about half the slots fill, and the
    // table stays small enough to sit in cache.
    while (size < syllableCount) size *= 2;
    this.mask = size - 1;
    const edges = (this.edges = new Int32Array(size * 3).fill(-1));
    this.isWord = new Uint8Array(syllableCount + 1);
    this.logp = new Float64Array(syllableCount + 1);
    this.hasNext = new Uint8Array(syllableCount + 1);
    let nodes = 1;
    for (const [syls, lp] of words) {
      let node = 0;
      for (const syl of syls) {
        let sid = this.syllables.get(syl);
        if (sid === undefined) this.syllables.set(syl, (sid = this.syllables.size));
        let h = this.hash(node, sid);
        let next = -1;
        for (;;) {
          const p = edges[h * 3]!;
          if (p === -1) break;
          if (p === node && edges[h * 3 + 1] === sid) {
            next = edges[h * 3 + 2]!;
            break;
          }
          h = (h + 1) & this.mask;
        }
        if (next === -1) {
          next = nodes++;
          edges[h * 3] = node;
          edges[h * 3 + 1] = sid;
          edges[h * 3 + 2] = next;
          this.hasNext[node] = 1;
        }
        node = next;
      }
      this.isWord[node] = 1;
      this.logp[node] = lp;
    }
  }

  /** What the trie is made of, for the start-up cache. */
  parts(): TrieParts {
    return { syllables: [...this.syllables.keys()], edges: this.edges, isWord: this.isWord, logp: this.logp, hasNext: this.hasNext };
  }

  /** Whether the syllable numbers `ids[from, to)` spell a word. */
  isWordPath(ids: Int32Array, from: number, to: number): boolean {
    let node = 0;
    for (let k = from; k < to; k++) node = this.step(node, ids[k]!);
    return to > from && node >= 0 && this.isWord[node] === 1;
  }

  private hash(node: number, sid: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(sid + 1, 0x85ebca77)) & this.mask;
  }

  /** The child of `node` by syllable number `sid`, or -1 (also for `node` or `sid` -1). */
  step(node: number, sid: number): number {
    if (node < 0 || sid < 0) return -1;
    const edges = this.edges;
    let h = this.hash(node, sid);
    for (;;) {
      const p = edges[h * 3]!;
      if (p === -1) return -1;
      if (p === node && edges[h * 3 + 1] === sid) return edges[h * 3 + 2]!;
      h = (h + 1) & this.mask;
    }
  }
}

/** What a segmenter needs of its lexicon: the trie, the folded syllables, and the counts behind z. */
interface SegmenterCore {
  trie: Trie;
  folded: Set<string>;
  total: number;
  words: number;
}

function coreOf(lexicon: Lexicon, o: SegmenterOptions): SegmenterCore {
  const z = Math.log(lexicon.total + lexicon.counts.size * o.vocabCount);
  // Log-probabilities once, in a trie over syllable keys: the search takes one step per syllable (no
  // joined keys to build and hash) and stops as soon as no longer word can start with what it has
  // read (a node without children).
  const trie = new Trie([...lexicon.counts].map(([key, c]) => [key.split(' '), Math.log(c + o.vocabCount) - z]));
  // Folded once per distinct syllable (some 8k), not per syllable of every word (some 90k).
  const syllableKeys = new Set<string>();
  for (const key of lexicon.counts.keys()) for (const syl of key.split(' ')) syllableKeys.add(syl);
  const folded = new Set<string>();
  for (const syl of syllableKeys) folded.add(foldKey(syl));
  return { trie, folded, total: lexicon.total, words: lexicon.counts.size };
}

export function createSegmenter(lexicon: Lexicon, options: Partial<SegmenterOptions> = {}): Segmenter {
  const o = { ...DEFAULT_SEGMENTER, ...options };
  return segmenterOver(coreOf(lexicon, o), o);
}

function segmenterOver(core: SegmenterCore, o: SegmenterOptions): Segmenter {
  const { trie, folded } = core;
  const z = Math.log(core.total + core.words * o.vocabCount);
  const unknown = Math.log(o.unknownCount) - z;
  const name = Math.log(o.nameCount) - z;
  // Per syllable, remembered on its SyllableInfo: its number in the trie (-1: in no word) and the
  // node one step from the root; and whether it is a Vietnamese syllable with marks stripped.
  const learn = (info: SyllableInfo): void => {
    info.trie = trie;
    info.trieId = trie.syllables.get(info.key) ?? -1;
    info.trieRoot = trie.step(0, info.trieId);
  };
  const hasFoldedInfo = (info: SyllableInfo): boolean => {
    if (info.foldSet !== folded) {
      info.folded = folded.has(foldKey(info.text));
      info.foldSet = folded;
    }
    return info.folded;
  };
  const idOf = (info: SyllableInfo): number => {
    if (info.trie !== trie) learn(info);
    return info.trieId;
  };
  let bestBuf = new Float64Array(64);
  let backBuf = new Int32Array(64);
  let idsBuf = new Int32Array(64);
  let rootsBuf = new Int32Array(64);
  let upperBuf = new Uint8Array(64);
  const reserve = (n: number): void => {
    if (bestBuf.length < n + 1) {
      bestBuf = new Float64Array(2 * n + 2);
      backBuf = new Int32Array(2 * n + 2);
      idsBuf = new Int32Array(2 * n + 2);
      rootsBuf = new Int32Array(2 * n + 2);
      upperBuf = new Uint8Array(2 * n + 2);
    }
  };
  const load = (i: number, info: SyllableInfo, s: string): void => {
    if (info.trie !== trie) learn(info);
    idsBuf[i] = info.trieId;
    rootsBuf[i] = info.trieRoot;
    upperBuf[i] = changesWhenLowered(s.charCodeAt(0)) ? 1 : 0;
  };
  /** The most probable split of the loaded run of n syllables, left in `backBuf`. */
  const decide = (n: number, firstIsSentenceStart: boolean): void => {
    // The buffers in locals: as closure variables that `reserve` may replace, each read in the loops
    // below would go through the closure's context.
    const best = bestBuf;
    const back = backBuf;
    const ids = idsBuf;
    const roots = rootsBuf;
    const upper = upperBuf;
    for (let i = 1; i <= n; i++) best[i] = -Infinity;
    best[0] = 0;
    const { isWord, logp, hasNext } = trie;
    const max = o.maxSyllables;
    for (let i = 0; i < n; i++) {
      const here = best[i]!;
      if (here === -Infinity) continue;
      let node = 0;
      let allUpper = true;
      const last = Math.min(max, n - i);
      for (let len = 1; len <= last; len++) {
        const k = i + len - 1;
        node = len === 1 ? roots[k]! : trie.step(node, ids[k]!);
        // A name: every syllable capitalised (a sentence-initial capital does not count).
        if (!upper[k] || (k === 0 && firstIsSentenceStart)) allUpper = false;
        // The word's score: from the lexicon; else an unknown syllable, or a name.
        const known = node >= 0 && isWord[node] === 1;
        if (known || len === 1 || allUpper) {
          const s = here + (known ? logp[node]! : len === 1 ? unknown : name);
          if (s > best[i + len]!) {
            best[i + len] = s;
            back[i + len] = len;
          }
        }
        if (!allUpper && (node < 0 || hasNext[node] === 0)) break;
      }
      // Longer capitalised runs than maxSyllables (long names) are taken whole.
      if (upper[i] && !(i === 0 && firstIsSentenceStart)) {
        let j = i;
        while (j < n && upper[j]) j++;
        const len = j - i;
        // (Whether the lexicon has the run as a word: its trie path, which is the same question.)
        if (len > o.maxSyllables) {
          if (!trie.isWordPath(ids, i, j)) {
            const s = best[i]! + name;
            if (s > best[j]!) {
              best[j] = s;
              back[j] = len;
            }
          }
        }
      }
    }
  };
  return {
    hasFolded: (syllable) => hasFoldedInfo(syllableInfo(syllable)),
    hasFoldedInfo,
    hasKeys(ks) {
      let node = 0;
      for (const k of ks) node = trie.step(node, trie.syllables.get(k) ?? -1);
      return ks.length > 0 && node >= 0 && trie.isWord[node] === 1;
    },
    hasInfos(infos) {
      let node = 0;
      for (const info of infos) node = trie.step(node, idOf(info));
      return infos.length > 0 && node >= 0 && trie.isWord[node] === 1;
    },
    // A lexicon key is its syllables' keys joined by spaces, and the trie holds exactly those paths.
    has(word) {
      let node = 0;
      for (const syl of word.split(' ')) node = trie.step(node, trie.syllables.get(syllableKey(syl)) ?? -1);
      return node >= 0 && trie.isWord[node] === 1;
    },
    split(syllables, firstIsSentenceStart = false, infos) {
      const n = syllables.length;
      if (n === 1) return [1];
      reserve(n);
      for (let i = 0; i < n; i++) {
        const s = syllables[i]!;
        load(i, infos ? infos[i]! : syllableInfo(s), s);
      }
      decide(n, firstIsSentenceStart);
      const lens: number[] = [];
      for (let k = n; k > 0; k -= backBuf[k]!) lens.push(backBuf[k]!);
      return lens.reverse();
    },
    splitPieces(ps, from, to, firstIsSentenceStart, lens) {
      const n = to - from;
      if (n === 1) {
        lens[0] = 1;
        return 1;
      }
      reserve(n);
      for (let i = 0; i < n; i++) {
        const p = ps[from + i]!;
        load(i, p.info!, p.text);
      }
      decide(n, firstIsSentenceStart);
      // The words back to front, then turned round in place.
      let count = 0;
      for (let k = n; k > 0; k -= backBuf[k]!) lens[count++] = backBuf[k]!;
      for (let a = 0, b = count - 1; a < b; a++, b--) {
        const t = lens[a]!;
        lens[a] = lens[b]!;
        lens[b] = t;
      }
      return count;
    },
  };
}

let defaultSegmenter: Segmenter | null = null;
/**
 * The segmenter over the shipped lexicon, loaded once per thread. Reading the lexicon and building its
 * trie costs ~0.15 s of CPU; the finished trie is kept under node_modules/.cache/tinline, named by a
 * hash of the lexicon and the options, and later threads load it in a few milliseconds.
 */
export function viSegmenter(): Segmenter {
  if (defaultSegmenter) return defaultSegmenter;
  const url = new URL('./data/vi-words.txt', import.meta.url);
  const o = DEFAULT_SEGMENTER;
  const bytes = readFileSync(url);
  const tag = createHash('sha256').update(bytes).update(JSON.stringify(o)).update(String(CORE_FORMAT)).digest('hex').slice(0, 16);
  const file = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/tinline', `vi-segmenter-${tag}.bin`);
  let core: SegmenterCore | null = null;
  try {
    if (existsSync(file)) core = readCore(file, tag);
  } catch {
    core = null;
  }
  if (!core) {
    core = coreOf(loadLexicon(url), o);
    try {
      writeCore(file, tag, core);
    } catch {
      // No cache (read-only tree): the next thread builds the trie again.
    }
  }
  defaultSegmenter = segmenterOver(core, o);
  return defaultSegmenter;
}

const CORE_FORMAT = 1;

/** A JSON header line (tag, counts, syllables, folded syllables, array lengths), then the arrays, 8-aligned. */
function writeCore(file: string, tag: string, core: SegmenterCore): void {
  const parts = core.trie.parts();
  const head = { format: CORE_FORMAT, tag, total: core.total, words: core.words, syllables: parts.syllables, folded: [...core.folded], lengths: [parts.edges.length, parts.logp.length] };
  const headBytes = Buffer.from(JSON.stringify(head) + '\n');
  const pad = Buffer.alloc((8 - ((8 + headBytes.length) % 8)) % 8, 0x20);
  const len = Buffer.alloc(8);
  len.writeUInt32LE(headBytes.length + pad.length);
  const view = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  mkdirSync(dirname(file), { recursive: true });
  const part = `${file}.${process.pid}.${threadId}.part`;
  writeFileSync(part, Buffer.concat([len, headBytes, pad, view(parts.logp), view(parts.edges), view(parts.isWord), view(parts.hasNext)]));
  renameSync(part, file);
}

function readCore(file: string, tag: string): SegmenterCore | null {
  const buf = readFileSync(file);
  const headLength = buf.readUInt32LE(0);
  const head = JSON.parse(buf.subarray(8, 8 + headLength).toString('utf8')) as { format: number; tag: string; total: number; words: number; syllables: string[]; folded: string[]; lengths: [number, number] };
  if (head.format !== CORE_FORMAT || head.tag !== tag) return null;
  const [edgeCount, nodeCount] = head.lengths;
  // One aligned copy of the arrays.
  const bytes = new Uint8Array(buf.length - 8 - headLength);
  bytes.set(buf.subarray(8 + headLength));
  let at = 0;
  const logp = new Float64Array(bytes.buffer, at, nodeCount);
  at += nodeCount * 8;
  const edges = new Int32Array(bytes.buffer, at, edgeCount);
  at += edgeCount * 4;
  const isWord = new Uint8Array(bytes.buffer, at, nodeCount);
  at += nodeCount;
  const hasNext = new Uint8Array(bytes.buffer, at, nodeCount);
  at += nodeCount;
  if (at !== bytes.length) return null;
  const trie = new Trie([], { syllables: head.syllables, edges, isWord, logp, hasNext });
  return { trie, folded: new Set(head.folded), total: head.total, words: head.words };
}
