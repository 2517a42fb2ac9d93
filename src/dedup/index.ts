// Near-duplicate detection (syndicated copies) with our own MinHash + LSH.
//
// Why our own: the npm MinHash/LSH packages (minhash, minhashjs, lsh-lib…) are unmaintained, untyped
// and some hash with `Math.random()` seeds, so two runs disagree. This is ~200 lines, deterministic,
// and does exactly what the stage needs: incremental adds, candidates only from LSH buckets (never all
// pairs), and an exact confirmation on the shingle sets.
//
// Duplicates are linked, never deleted: `add` tells which earlier copy a text duplicates and why;
// the caller records `duplicateOf`. Exact duplicates (same id) are the caller's concern.
import { foldKey } from '../decode/fold.ts';

export interface DedupOptions {
  /** Word n-gram size of a shingle. */
  shingleSize?: number;
  /** Number of MinHash permutations. */
  numPerm?: number;
  /** Exact Jaccard of the shingle sets at or above which two texts are duplicates. */
  threshold?: number;
  /**
   * Share of the shorter text's shingles found in the longer one at or above which they are
   * duplicates: catches a copy wrapped in an extra header/footer, whose Jaccard falls below
   * `threshold` although it carries the whole article.
   */
  containment?: number;
  /**
   * Where the LSH S-curve's threshold (1/b)^(1/r) is put. The S-curve is soft: a pair exactly at
   * it becomes a candidate only ~63% of the time. Put at 0.8 (11 bands x 11 rows), a pair at
   * Jaccard 0.8 is found 63% of the time and a wrapped copy at 0.7 only 20%; at the default 0.7
   * (16 x 8) they are found 95% and 61% of the time, for a few more exact comparisons
   * (`bench/cluster.ts` prints both). Set it equal to `threshold` for the textbook placement.
   */
  candidateThreshold?: number;
  /** Texts with fewer shingles than this are never flagged (too short to tell a copy from a formula). */
  minShingles?: number;
}

export const DEDUP_DEFAULTS: Required<Omit<DedupOptions, 'candidateThreshold'>> & { candidateThreshold: number | null } = {
  shingleSize: 5,
  numPerm: 128,
  threshold: 0.8,
  containment: 0.9,
  candidateThreshold: 0.7,
  minShingles: 3,
};

export interface DuplicateResult {
  duplicateOf: string | null;
  /** The similarity that decided (Jaccard or containment), 0 when no candidate came close. */
  similarity: number;
  reason: string;
}

// ---- hashing ------------------------------------------------------------------------------

const MERSENNE = 2147483647; // 2^31 - 1

/** FNV-1a over UTF-16 code units, then a murmur3 finalizer for avalanche: one 32-bit base hash. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** v mod (2^31-1) for 0 <= v < 2^53 by Mersenne folding (2^31 = 1 mod p): no slow double `%`. */
function mersenne(v: number): number {
  const q = Math.floor(v / 2147483648);
  let r = v - q * 2147483648 + q;
  while (r >= MERSENNE) r -= MERSENNE;
  return r;
}

/** (a*x + b) mod (2^31-1) without leaving exact double arithmetic: a is split in 16-bit halves. */
function permute(a: number, b: number, x: number): number {
  const hi = mersenne((a >>> 16) * x);
  return mersenne(hi * 65536 + (a & 0xffff) * x + b);
}

/** Deterministic (a, b) pairs from a fixed-seed xorshift: the same signatures in every run. */
function permutations(n: number): { a: Uint32Array; b: Uint32Array } {
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = 1 + (next() % (MERSENNE - 1));
    b[i] = next() % MERSENNE;
  }
  return { a, b };
}

/** Folded, lower-cased words split on Unicode classes (never an ASCII whitelist). */
export function words(text: string): string[] {
  return foldKey(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Base hashes of the word n-gram shingles (a set; texts shorter than n give one shingle). */
export function shingles(text: string, size = DEDUP_DEFAULTS.shingleSize): Uint32Array {
  const w = words(text);
  const set = new Set<number>();
  if (w.length > 0 && w.length < size) set.add(hash32(w.join(' ')));
  for (let i = 0; i + size <= w.length; i++) set.add(hash32(w.slice(i, i + size).join(' ')));
  return Uint32Array.from([...set].sort((x, y) => x - y));
}

/**
 * Bands and rows for an S-curve whose threshold (1/b)^(1/r) is closest to `threshold`, with
 * b*r <= numPerm (ties: more rows, a steeper curve).
 */
export function lshParams(threshold: number, numPerm: number): { bands: number; rows: number } {
  let best = { bands: 1, rows: numPerm, err: Infinity };
  for (let rows = 1; rows <= numPerm; rows++) {
    const bands = Math.floor(numPerm / rows);
    if (bands < 1) break;
    const err = Math.abs(Math.pow(1 / bands, 1 / rows) - threshold);
    if (err < best.err - 1e-12 || (Math.abs(err - best.err) <= 1e-12 && rows > best.rows)) best = { bands, rows, err };
  }
  return { bands: best.bands, rows: best.rows };
}

/** Probability that a pair with Jaccard `s` lands in at least one common bucket. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/** Adds to a restored index scanned before its saved entries are bucketed (see `DuplicateIndex.unbucketed`). */
const SCANS_BEFORE_BUCKETING = 64;

/** Whether two signatures agree on every row of at least one band. */
function sameBand(x: Uint32Array, y: Uint32Array, bands: number, rows: number): boolean {
  for (let band = 0, i = 0; band < bands; band++, i += rows) {
    let r = 0;
    while (r < rows && x[i + r] === y[i + r]) r++;
    if (r === rows) return true;
  }
  return false;
}

function intersectionSize(x: Uint32Array, y: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      n++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return n;
}

interface Entry {
  id: string;
  shingles: Uint32Array;
  /** The id of the first-added copy this one duplicates, or its own id. */
  root: string;
  /** MinHash signature (absent for texts too short to compare): a restore rebuilds the LSH buckets from it. */
  sig?: Uint32Array;
}

/** Incremental near-duplicate index. */
export class DuplicateIndex {
  readonly options: typeof DEDUP_DEFAULTS;
  readonly bands: number;
  readonly rows: number;
  private readonly perm: { a: Uint32Array; b: Uint32Array };
  private readonly buckets: Map<string, number[]>[];
  private readonly entries: Entry[] = [];
  /**
   * Entries [0, unbucketed) came from `restore` and are not in the buckets yet: a few adds scan
   * their signatures band by band (cheap integer compares), which costs less than building 16
   * string-keyed buckets per saved entry; after `SCANS_BEFORE_BUCKETING` adds they are bucketed.
   */
  private unbucketed = 0;
  private scans = 0;
  /** Exact candidate comparisons made so far (for benchmarks: it grows with candidates, not pairs). */
  comparisons = 0;

  constructor(options: DedupOptions = {}) {
    const unknown = Object.keys(options).filter((k) => !(k in DEDUP_DEFAULTS));
    if (unknown.length) throw new TypeError(`tinline/dedup: unknown option(s) ${unknown.join(', ')}`);
    this.options = { ...DEDUP_DEFAULTS, ...options } as typeof DEDUP_DEFAULTS;
    const { bands, rows } = lshParams(this.options.candidateThreshold ?? this.options.threshold, this.options.numPerm);
    this.bands = bands;
    this.rows = rows;
    this.perm = permutations(this.options.numPerm);
    this.buckets = Array.from({ length: bands }, () => new Map());
  }

  get size(): number {
    return this.entries.length;
  }

  /** MinHash signature of a shingle set. */
  signature(sh: Uint32Array): Uint32Array {
    const n = this.options.numPerm;
    const sig = new Uint32Array(n).fill(0xffffffff);
    const { a, b } = this.perm;
    for (let s = 0; s < sh.length; s++) {
      const x = mersenne(sh[s]!);
      for (let i = 0; i < n; i++) {
        const v = permute(a[i]!, b[i]!, x);
        if (v < sig[i]!) sig[i] = v;
      }
    }
    return sig;
  }

  /**
   * The entries added from the `from`-th on (all by default): a caller that saved the earlier ones
   * saves only these, and `restore` takes the pieces in order. Buckets are not saved: each entry's
   * signature rebuilds its own.
   */
  snapshot(from = 0): DuplicateIndexSnapshot {
    return {
      options: { ...this.options },
      entries: this.entries.slice(from).map((e) => ({ ...e })),
      comparisons: this.comparisons,
    };
  }

  /** An index holding the entries of the given snapshots, in order (the last one's comparison count). */
  static restore(snapshots: DuplicateIndexSnapshot | DuplicateIndexSnapshot[]): DuplicateIndex {
    const parts = Array.isArray(snapshots) ? snapshots : [snapshots];
    const index = new DuplicateIndex((parts[0]?.options ?? {}) as DedupOptions);
    for (const part of parts) for (const e of part.entries) index.entries.push({ ...e });
    index.unbucketed = index.entries.length;
    index.comparisons = parts.at(-1)?.comparisons ?? 0;
    return index;
  }

  /** A band's values as a string, two UTF-16 units per value (cheaper to make than a joined list; same equality). */
  private bandKey(sig: Uint32Array, band: number): string {
    let key = '';
    for (let i = band * this.rows, end = i + this.rows; i < end; i++) key += String.fromCharCode(sig[i]! >>> 16, sig[i]! & 0xffff);
    return key;
  }

  private bucketAdd(band: number, key: string, at: number): void {
    const bucket = this.buckets[band]!;
    const list = bucket.get(key);
    if (list) list.push(at);
    else bucket.set(key, [at]);
  }

  /** The first-added copy each added text duplicates (texts that duplicate none are left out). */
  duplicates(): Map<string, string> {
    const out = new Map<string, string>();
    for (const e of this.entries) if (e.root !== e.id) out.set(e.id, e.root);
    return out;
  }

  add(id: string, text: string): DuplicateResult {
    const sh = shingles(text, this.options.shingleSize);
    const index = this.entries.length;
    const entry: Entry = { id, shingles: sh, root: id };
    this.entries.push(entry);
    if (sh.length < this.options.minShingles) return { duplicateOf: null, similarity: 0, reason: `too short to compare (${sh.length} shingles)` };

    const sig = this.signature(sh);
    entry.sig = sig;
    const keys: string[] = [];
    const candidates = new Set<number>();
    for (let band = 0; band < this.bands; band++) {
      const key = this.bandKey(sig, band);
      keys.push(key);
      for (const other of this.buckets[band]!.get(key) ?? []) candidates.add(other);
    }
    if (this.unbucketed && this.scans++ >= SCANS_BEFORE_BUCKETING) {
      for (let at = 0; at < this.unbucketed; at++) {
        const other = this.entries[at]!.sig;
        if (other) for (let band = 0; band < this.bands; band++) this.bucketAdd(band, this.bandKey(other, band), at);
      }
      this.unbucketed = 0;
    }
    // Restored entries not bucketed yet: a candidate when any band is equal, as a bucket would say.
    for (let at = 0; at < this.unbucketed; at++) {
      const other = this.entries[at]!.sig;
      if (other && sameBand(sig, other, this.bands, this.rows)) candidates.add(at);
    }

    let best: { entry: Entry; jaccard: number; containment: number; score: number; why: 'jaccard' | 'containment' } | null = null;
    let closest = 0;
    for (const other of [...candidates].sort((x, y) => x - y)) {
      const o = this.entries[other]!;
      this.comparisons++;
      const inter = intersectionSize(sh, o.shingles);
      const jaccard = inter / (sh.length + o.shingles.length - inter);
      const containment = inter / Math.min(sh.length, o.shingles.length);
      closest = Math.max(closest, jaccard);
      let why: 'jaccard' | 'containment' | null = null;
      if (jaccard >= this.options.threshold) why = 'jaccard';
      else if (containment >= this.options.containment) why = 'containment';
      if (!why) continue;
      const score = why === 'jaccard' ? jaccard : containment;
      // Earlier entries win ties: the result names the first-added copy.
      if (!best || score > best.score) best = { entry: o, jaccard, containment, score, why };
    }

    for (let band = 0; band < this.bands; band++) this.bucketAdd(band, keys[band]!, index);

    if (!best) return { duplicateOf: null, similarity: round(closest), reason: candidates.size ? `no candidate close enough (best Jaccard ${round(closest)})` : 'no LSH candidate' };
    entry.root = best.entry.root;
    const reason =
      best.why === 'jaccard'
        ? `near-duplicate of ${best.entry.id}: shingle Jaccard ${round(best.jaccard)}`
        : `contains or is contained in ${best.entry.id}: ${round(best.containment)} of the shorter text's shingles shared (Jaccard ${round(best.jaccard)})`;
    return { duplicateOf: entry.root, similarity: round(best.score), reason };
  }
}

/**
 * Everything an index holds, to save between runs (src/pipeline/rebuild.ts) and go on adding where
 * it stopped: adding more texts to a restored index gives what adding them to the original would.
 */
export interface DuplicateIndexSnapshot {
  options: typeof DEDUP_DEFAULTS;
  entries: { id: string; shingles: Uint32Array; root: string; sig?: Uint32Array }[];
  comparisons: number;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** id -> id of the first-added copy, for every document that duplicates an earlier one (in array order). */
export function findDuplicates(docs: { id: string; text: string }[], options: DedupOptions = {}): Map<string, string> {
  const index = new DuplicateIndex(options);
  const out = new Map<string, string>();
  for (const doc of docs) {
    const found = index.add(doc.id, doc.text);
    if (found.duplicateOf) out.set(doc.id, found.duplicateOf);
  }
  return out;
}
