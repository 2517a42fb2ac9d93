// The article-extraction benchmark's own measure (its evaluate.py), shared by bench/extraction.ts
// and the quality floor in test/quality.test.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATA_DIR } from '../../test/shared.ts';

export const EXTRACTION_DIR = resolve(DATA_DIR, 'article-extraction-benchmark');

export function loadExtractionBenchmark(): { truth: Record<string, { articleBody: string; url?: string }>; pages: Map<string, string> } {
  const truth = JSON.parse(readFileSync(resolve(EXTRACTION_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url?: string }>;
  const pages = new Map(Object.keys(truth).map((id) => [id, gunzipSync(readFileSync(resolve(EXTRACTION_DIR, 'html', `${id}.html.gz`))).toString('utf8')]));
  return { truth, pages };
}

// Python's `\w` on str: letters, digits (all Unicode numbers) and underscore.
const TOKEN = /[\p{L}\p{N}_]+/gu;

export function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - 3); i++) {
    const s = tokens.slice(i, i + 4);
    if (!s.length) continue;
    const key = s.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export function tpFpFn(trueText: string, predText: string): [number, number, number] {
  const a = shingles(trueText);
  const b = shingles(predText);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? 0;
    const y = b.get(k) ?? 0;
    tp += Math.min(x, y);
    fp += Math.max(0, y - x);
    fn += Math.max(0, x - y);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [tp, fp, fn];
}

export function metrics(rows: [number, number, number][]) {
  const ps: number[] = [];
  const rs: number[] = [];
  for (const [tp, fp, fn] of rows) {
    if (tp + fp > 0) ps.push(fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp));
    if (tp + fn > 0) rs.push(fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn));
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const p = mean(ps);
  const r = mean(rs);
  return { precision: p, recall: r, f1: (2 * p * r) / (p + r) };
}

