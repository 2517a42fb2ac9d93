// Scores the English time tagger on MEANTIME (90 Wikinews articles, TIMEX3 with normalized values).
// Each document's creation time (functionInDocument="CREATION_TIME") is the anchor and is not scored.
// Run: node --import tsx bench/timex.ts [--chrono] [--errors]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tagTimes } from '../src/analyze/time/index.ts';
import type { TimeExpression } from '../src/types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data/meantime-en/intra_cross-doc_annotation');
const showErrors = process.argv.includes('--errors');
const useChrono = process.argv.includes('--chrono');

interface Gold {
  start: number;
  end: number;
  value: string;
  type: string;
  surface: string;
}

function unescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Rebuilds running text from the tokens, keeping each token's character span. */
function load(file: string): { text: string; anchor: string | null; gold: Gold[]; scope: number; dct: [number, number] | null } {
  const xml = readFileSync(file, 'utf8');
  const spans = new Map<string, [number, number]>();
  let text = '';
  let lastSentence = '';
  let prev = '';
  let scope = Infinity;
  for (const m of xml.matchAll(/<token[^>]*sentence="(\d+)"[^>]*t_id="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
    const tok = unescape(m[3]!);
    if (text) {
      if (m[1] !== lastSentence) text += '\n';
      else if (!/^(?:[.,;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$/i.test(tok) && !/^[($[{]$/.test(prev)) text += ' ';
    }
    // MEANTIME annotates time only in the title and the first five sentences (0–5): score that part.
    if (Number(m[1]) > 5 && scope === Infinity) scope = text.length;
    lastSentence = m[1]!;
    spans.set(m[2]!, [text.length, text.length + tok.length]);
    text += tok;
    prev = tok;
  }
  let anchor: string | null = null;
  let dct: [number, number] | null = null;
  const gold: Gold[] = [];
  for (const m of xml.matchAll(/<TIMEX3([^>]*?)>([\s\S]*?)<\/TIMEX3>/g)) {
    const attrs = m[1]!;
    const ids = [...m[2]!.matchAll(/t_id="(\d+)"/g)].map((x) => spans.get(x[1]!)).filter((x): x is [number, number] => !!x);
    let value = /\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? '';
    // A few creation times are written day-month-year (`03-02-2009`; its `last month` is 2009-01).
    value = value.replace(/^(\d{2})-(\d{2})-(\d{4})$/, '$3-$2-$1');
    if (!ids.length) {
      if (/functionInDocument="CREATION_TIME"/.test(attrs)) anchor = value;
      continue;
    }
    if (/functionInDocument="CREATION_TIME"/.test(attrs)) {
      anchor = value;
      dct = [Math.min(...ids.map((x) => x[0])), Math.max(...ids.map((x) => x[1]))];
      continue;
    }
    const start = Math.min(...ids.map((x) => x[0]));
    const end = Math.max(...ids.map((x) => x[1]));
    gold.push({ start, end, value, type: /\btype="([^"]*)"/.exec(attrs)?.[1] ?? '', surface: text.slice(start, end) });
  }
  return { text, anchor, gold, scope, dct };
}

async function chronoTag(text: string, anchor: string | null): Promise<TimeExpression[]> {
  const chrono = await import('chrono-node');
  const ref = anchor ? new Date(`${anchor.slice(0, 10)}T12:00:00Z`) : undefined;
  return chrono.en.parse(text, ref ?? new Date(0)).map((r) => {
    const k = r.start;
    const v = k.isCertain('day') ? `${k.get('year')}-${String(k.get('month')).padStart(2, '0')}-${String(k.get('day')).padStart(2, '0')}` : k.isCertain('month') ? `${k.get('year')}-${String(k.get('month')).padStart(2, '0')}` : String(k.get('year'));
    return { start: r.index, end: r.index + r.text.length, surface: r.text, value: v, precision: null, type: 'date', anchor: null };
  });
}

const files = readdirSync(ROOT).flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.xml')).map((f) => join(ROOT, d, f)));
let nGold = 0;
let nPred = 0;
let strict = 0;
let relaxed = 0;
let valueOk = 0;
const errors: string[] = [];
for (const file of files.sort()) {
  const { text, anchor, gold, scope, dct } = load(file);
  const all = useChrono
    ? await chronoTag(text, anchor)
    : tagTimes(text, { language: 'en', anchor: anchor ? { value: anchor.slice(0, 10), precision: 'day', evidence: null } : null });
  const pred = all.filter((p) => p.start < scope && !(dct && p.start < dct[1] && dct[0] < p.end));
  nGold += gold.length;
  nPred += pred.length;
  const used = new Set<number>();
  for (const g of gold) {
    let best = -1;
    for (let i = 0; i < pred.length; i++) {
      const p = pred[i]!;
      if (used.has(i) || p.end <= g.start || g.end <= p.start) continue;
      if (best < 0 || (p.start === g.start && p.end === g.end)) best = i;
    }
    if (best < 0) {
      if (showErrors) errors.push(`MISS  ${JSON.stringify(g.surface)} ${g.value} [${anchor}]`);
      continue;
    }
    used.add(best);
    const p = pred[best]!;
    relaxed++;
    if (p.start === g.start && p.end === g.end) strict++;
    else if (showErrors) errors.push(`SPAN  ${JSON.stringify(p.surface)} vs gold ${JSON.stringify(g.surface)}`);
    if (p.value === g.value) valueOk++;
    else if (showErrors) errors.push(`VALUE ${JSON.stringify(g.surface)} ours ${p.value} gold ${g.value} [${anchor}]`);
  }
  if (showErrors) pred.forEach((p, i) => used.has(i) || errors.push(`EXTRA ${JSON.stringify(p.surface)} ${p.value}`));
}

const f1 = (tp: number): number => (tp === 0 ? 0 : (2 * (tp / nPred) * (tp / nGold)) / (tp / nPred + tp / nGold));
const fmt = (x: number): string => x.toFixed(3);
if (showErrors) console.log(errors.sort().join('\n'));
console.log(`MEANTIME English: ${files.length} documents (title + first 5 sentences, the annotated part), ${nGold} gold TIMEX3 (creation times excluded), ${nPred} predicted${useChrono ? ' (chrono-node)' : ''}`);
console.log(`extent strict   P ${fmt(strict / nPred)}  R ${fmt(strict / nGold)}  F1 ${fmt(f1(strict))}`);
console.log(`extent relaxed  P ${fmt(relaxed / nPred)}  R ${fmt(relaxed / nGold)}  F1 ${fmt(f1(relaxed))}`);
console.log(`value accuracy on relaxed matches ${fmt(valueOk / Math.max(1, relaxed))}`);
console.log(`value F1 (relaxed extent and correct value) ${fmt(f1(valueOk))}   [reference: HeidelTime value F1 ≈ 0.78 on TempEval-3 English news]`);
