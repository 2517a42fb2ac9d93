// English mention detection on MEANTIME (../shared/data/meantime-en, CC BY 4.0): 90 Wikinews articles
// whose entity mentions are CAT markables over token ids. The tokens are joined back into text with the
// spacing English punctuation usually has (a token-id -> character-offset map kept), analyze() runs on it,
// and its mentions are scored against the gold NAMED mentions (syntactic_type NAM; the type comes from
// the entity the mention REFERS_TO: PER/ORG/LOC -> person/organization/location, PRO/FIN/MIX -> other).
// A predicted mention that overlaps no named gold mention but overlaps a non-named one (NOM, PRO, PRE.NAM
// `American`, …) is left out of precision: the corpus marks it, just not as a name.
//
//   node --import tsx bench/ner.ts [--errors]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../src/analyze/index.ts';
import type { EntityType, Mention } from '../src/types.ts';
import { DATA_DIR } from '../test/shared.ts';

const ROOT = join(DATA_DIR, 'meantime-en/intra_cross-doc_annotation');
const TYPES: Record<string, EntityType> = { PER: 'person', LOC: 'location', ORG: 'organization', PRO: 'other', FIN: 'other', MIX: 'other' };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.xml') ? [p] : [];
  });
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export interface GoldMention {
  start: number;
  end: number;
  type: EntityType;
  named: boolean;
}
export interface NerDoc {
  id: string;
  text: string;
  gold: GoldMention[];
}

// No space before closing punctuation and clitics, none after opening punctuation.
const NO_SPACE_BEFORE = /^(?:[,.;:!?)\]}%”’]|''|'s|'re|'ve|'ll|'d|'m|n't|'|\.\.\.)$/i;
const NO_SPACE_AFTER = /^(?:[(\[{$£#“‘]|``|`)$/;

/** Tokens joined with their likely spacing; sentences 0 (title) and 1 (dateline) are paragraphs. */
function detokenize(tokens: { id: string; text: string; sentence: number }[]): { text: string; at: Map<string, [number, number]> } {
  let text = '';
  const at = new Map<string, [number, number]>();
  let last = -1;
  let prev = '';
  let quoteOpen = false;
  let lastQuoteOpened = false;
  for (const t of tokens) {
    let tok = t.text;
    if (tok === '``') tok = '"';
    if (tok === "''") tok = '"';
    const isQuote = tok === '"';
    if (text) {
      if (t.sentence !== last && last <= 1) text += '\n\n';
      else if (t.sentence !== last) text += ' ';
      else {
        const closing = isQuote ? quoteOpen : NO_SPACE_BEFORE.test(t.text);
        const afterOpen = NO_SPACE_AFTER.test(prev) || (prev === '"' && quoteOpen && !closing && lastQuoteOpened);
        if (!closing && !afterOpen) text += ' ';
      }
    }
    if (isQuote) {
      quoteOpen = !quoteOpen;
      lastQuoteOpened = quoteOpen;
    } else lastQuoteOpened = false;
    at.set(t.id, [text.length, text.length + tok.length]);
    text += tok;
    last = t.sentence;
    prev = tok;
  }
  return { text, at };
}

export function loadNerDocs(): NerDoc[] {
  const docs: NerDoc[] = [];
  for (const path of files(ROOT).sort()) {
    const xml = readFileSync(path, 'utf8');
    const id = /doc_id="([^"]+)"/.exec(xml)![1]!;
    const tokens = [...xml.matchAll(/<token [^>]*sentence="(\d+)" t_id="(\d+)"[^>]*>([^<]*)<\/token>/g)].map((m) => ({ id: m[2]!, sentence: Number(m[1]), text: unescape(m[3]!) }));
    const { text, at } = detokenize(tokens);
    const typeOf = new Map<string, string>();
    for (const m of xml.matchAll(/<ENTITY [^>]*>/g)) {
      const type = /ent_type="([^"]+)"/.exec(m[0]);
      const mid = /m_id="([^"]+)"/.exec(m[0]);
      if (type && mid) typeOf.set(mid[1]!, type[1]!);
    }
    const refers = new Map<string, string>();
    for (const m of xml.matchAll(/<REFERS_TO[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
      const target = /<target m_id="([^"]+)"/.exec(m[1]!)?.[1];
      if (!target) continue;
      for (const s of m[1]!.matchAll(/<source m_id="([^"]+)"/g)) refers.set(s[1]!, target);
    }
    const gold: GoldMention[] = [];
    for (const m of xml.matchAll(/<ENTITY_MENTION [^>]*m_id="(\d+)" syntactic_type="([^"]*)">([\s\S]*?)<\/ENTITY_MENTION>/g)) {
      const anchors = [...m[3]!.matchAll(/t_id="(\d+)"/g)].map((a) => at.get(a[1]!)).filter((x): x is [number, number] => !!x);
      if (!anchors.length) continue;
      const raw = typeOf.get(refers.get(m[1]!) ?? '');
      gold.push({ start: anchors[0]![0], end: anchors[anchors.length - 1]![1], type: TYPES[raw ?? ''] ?? 'other', named: m[2] === 'NAM' });
    }
    docs.push({ id, text, gold });
  }
  return docs;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Prf {
  p: number;
  r: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}
const prf = (c: Counts): Prf => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, ...c };
};

export interface NerScores {
  docs: number;
  named: number;
  predicted: number;
  ignored: number;
  exact: Prf;
  /** Exact, but a leading determiner or possessive (`the United States`, `their iPhone`) and a trailing comma or dot of the gold span may be left out. */
  loose: Prf;
  overlap: Prf;
  /** Exact span and the same type. */
  typed: Prf;
  /** Exact-span precision without the predictions whose text is a name the gold marks elsewhere in the article. */
  sparse: { p: number; skipped: number };
  /** How often the texts of the marked names occur in their articles. */
  occurrences: number;
  byType: Record<string, { exact: Prf; typed: Prf }>;
  errors: { doc: string; kind: 'missed' | 'spurious' | 'type'; surface: string; detail: string }[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function scoreNer(docs: NerDoc[] = loadNerDocs()): NerScores {
  const exact: Counts = { tp: 0, fp: 0, fn: 0 };
  const loose: Counts = { tp: 0, fp: 0, fn: 0 };
  const overlap: Counts = { tp: 0, fp: 0, fn: 0 };
  const typed: Counts = { tp: 0, fp: 0, fn: 0 };
  const types = ['person', 'organization', 'location', 'other'];
  const byType = Object.fromEntries(types.map((t) => [t, { exact: { tp: 0, fp: 0, fn: 0 }, typed: { tp: 0, fp: 0, fn: 0 } }])) as Record<string, { exact: Counts; typed: Counts }>;
  const errors: NerScores['errors'] = [];
  let named = 0;
  let predicted = 0;
  let ignored = 0;
  // MEANTIME marks a name only where it takes part in an annotated event: the same name elsewhere in
  // the article is unmarked. `sparse` scores a prediction off every gold span whose exact text is a
  // marked name of the same article (of any type) as neither right nor wrong; `occurrences` counts how
  // often the marked names' texts occur in their articles at all.
  const sparse = { tp: 0, fp: 0, skipped: 0 };
  let occurrences = 0;
  for (const d of docs) {
    const mentions: Mention[] = analyze(d.text, { language: 'en' }).mentions;
    const gold = d.gold.filter((g) => g.named);
    const others = d.gold.filter((g) => !g.named);
    named += gold.length;
    const key = (s: { start: number; end: number }) => `${s.start}:${s.end}`;
    const goldAt = new Map(gold.map((g) => [key(g), g]));
    const preds = mentions.filter((m) => {
      if (gold.some((g) => overlaps(g, m))) return true;
      if (others.some((g) => overlaps(g, m))) {
        ignored++;
        return false;
      }
      return true;
    });
    predicted += preds.length;
    const markedTexts = new Set(gold.map((g) => d.text.slice(g.start, g.end)));
    for (const t of markedTexts) for (let at = d.text.indexOf(t); at >= 0; at = d.text.indexOf(t, at + 1)) occurrences++;
    for (const m of preds) {
      if (gold.some((g) => g.start === m.start && g.end === m.end)) sparse.tp++;
      else if (!gold.some((g) => overlaps(g, m)) && markedTexts.has(d.text.slice(m.start, m.end))) sparse.skipped++;
      else sparse.fp++;
    }
    const predAt = new Map(preds.map((m) => [key(m), m]));
    const looseKeys = new Set<string>();
    for (const g of gold) {
      const surface = d.text.slice(g.start, g.end);
      const lead = /^(?:the|a|an|its|their|his|her|our|today's)\s+/i.exec(surface)?.[0].length ?? 0;
      const trail = /[,.]$/.test(surface) && !/\b\p{Lu}[\p{L}.]*\.$/u.test(surface) ? 1 : 0;
      const spans = [key(g), key({ start: g.start + lead, end: g.end - trail }), key({ start: g.start, end: g.end - trail })];
      const hit = spans.find((k) => predAt.has(k));
      if (hit) {
        loose.tp++;
        looseKeys.add(hit);
      } else loose.fn++;
    }
    loose.fp += preds.filter((m) => !looseKeys.has(key(m))).length;
    for (const g of gold) {
      const p = predAt.get(key(g));
      const bt = byType[g.type]!;
      if (p) {
        exact.tp++;
        bt.exact.tp++;
        if (p.type === g.type) {
          typed.tp++;
          bt.typed.tp++;
        } else {
          typed.fn++;
          bt.typed.fn++;
          byType[p.type]!.typed.fp++;
          typed.fp++;
          errors.push({ doc: d.id, kind: 'type', surface: d.text.slice(g.start, g.end), detail: `${p.type} for ${g.type}` });
        }
      } else {
        exact.fn++;
        bt.exact.fn++;
        typed.fn++;
        bt.typed.fn++;
        const near = preds.filter((m) => overlaps(m, g)).map((m) => `${m.surface}/${m.type}`);
        errors.push({ doc: d.id, kind: 'missed', surface: d.text.slice(g.start, g.end), detail: `${g.type}${near.length ? ` (got ${near.join(', ')})` : ''}` });
      }
      if (preds.some((m) => overlaps(m, g))) overlap.tp++;
      else overlap.fn++;
    }
    for (const m of preds) {
      if (!goldAt.has(key(m))) {
        exact.fp++;
        typed.fp++;
        byType[m.type]!.exact.fp++;
        byType[m.type]!.typed.fp++;
        if (!gold.some((g) => overlaps(g, m))) errors.push({ doc: d.id, kind: 'spurious', surface: m.surface, detail: m.type });
      }
      // Overlap precision: a prediction that touches a named gold mention.
      if (!gold.some((g) => overlaps(g, m))) overlap.fp++;
    }
  }
  // Overlap true positives were counted per gold mention; precision needs them per prediction.
  const overlapPrf = prf({ tp: overlap.tp, fp: overlap.fp, fn: overlap.fn });
  overlapPrf.p = predicted ? (predicted - overlap.fp) / predicted : 0;
  overlapPrf.f1 = overlapPrf.p + overlapPrf.r ? (2 * overlapPrf.p * overlapPrf.r) / (overlapPrf.p + overlapPrf.r) : 0;
  return {
    docs: docs.length,
    named,
    predicted,
    ignored,
    exact: prf(exact),
    loose: prf(loose),
    overlap: overlapPrf,
    typed: prf(typed),
    sparse: { p: sparse.tp + sparse.fp ? sparse.tp / (sparse.tp + sparse.fp) : 0, skipped: sparse.skipped },
    occurrences,
    byType: Object.fromEntries(types.map((t) => [t, { exact: prf(byType[t]!.exact), typed: prf(byType[t]!.typed) }])),
    errors,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  const docs = loadNerDocs();
  const s = scoreNer(docs);
  const f = (x: Prf) => `P ${x.p.toFixed(3)} R ${x.r.toFixed(3)} F1 ${x.f1.toFixed(3)}`;
  console.log(`MEANTIME en NER: ${s.docs} articles, ${s.named} named gold mentions, ${s.predicted} predicted (${s.ignored} more on non-named gold mentions, not scored) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  exact span:        ${f(s.exact)}`);
  console.log(`  exact span + type: ${f(s.typed)}`);
  console.log(`  exact, gold's leading determiner optional: ${f(s.loose)}`);
  console.log(`  overlap:           ${f(s.overlap)}`);
  console.log(`  the marked names' texts occur ${s.occurrences} times in their articles; ${s.named} are marked`);
  console.log(`  exact-span precision leaving out the ${s.sparse.skipped} predictions, on no gold span, whose text is a marked name of the same article: P ${s.sparse.p.toFixed(3)}`);
  for (const [t, v] of Object.entries(s.byType)) {
    const gold = v.exact.tp + v.exact.fn;
    console.log(`  ${t.padEnd(12)} gold ${String(gold).padStart(4)}  span R ${v.exact.r.toFixed(3)}  span+type ${f(v.typed)}`);
  }
  if (process.argv.includes('--errors')) {
    for (const e of s.errors) console.log(`${e.kind.padEnd(8)} ${e.doc} ${JSON.stringify(e.surface)} ${e.detail}`);
    if (process.argv.includes('--text')) for (const d of docs.slice(0, 2)) console.log(d.text);
  }
}
