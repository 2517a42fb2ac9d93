// Cross-document name linking on MEANTIME (../shared/data/meantime-en, CC BY 4.0): 90 English news
// articles whose named mentions (syntactic_type NAM / PRE.NAM) point, through REFERS_TO, to entity
// instances shared across documents. Mentions are given (gold spans and types); the question is only
// which of them are one entity. Prints pairwise and B-cubed P/R/F1 for linkEntities and for the
// exact-surface baseline. Usage: node --import tsx bench/link-meantime.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clusterScores } from '../src/eval/clusters.ts';
import { linkEntities } from '../src/link/index.ts';
import type { Analysis, Article, EntityType, Mention } from '../src/types.ts';
import { DATA_DIR } from '../test/shared.ts';

const ROOT = join(DATA_DIR, 'meantime-en/intra_cross-doc_annotation');
const TYPES: Record<string, EntityType> = { PER: 'person', LOC: 'location', ORG: 'organization' };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.xml') ? [p] : [];
  });
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export interface Meantime {
  docs: { article: Article; analysis: Analysis }[];
  /** `article#mentionIndex` -> gold cross-document entity instance. */
  gold: Map<string, string>;
  surfaceOf: Map<string, string>;
}

/** MEANTIME's named mentions with their gold cross-document entities. */
export function loadMeantime(): Meantime {
  const docs: { article: Article; analysis: Analysis }[] = [];
  const gold = new Map<string, string>();
  const surfaceOf = new Map<string, string>();
  for (const path of files(ROOT).sort()) {
    const xml = readFileSync(path, 'utf8');
    const id = /doc_id="([^"]+)"/.exec(xml)![1];
    const tokens = new Map<string, { text: string; sentence: number; start: number; end: number }>();
    let text = '';
    let lastSentence = -1;
    for (const m of xml.matchAll(/<token [^>]*sentence="(\d+)" t_id="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
      const sentence = Number(m[1]);
      if (text) text += sentence !== lastSentence ? '\n\n' : ' ';
      lastSentence = sentence;
      const t = unescape(m[3]);
      tokens.set(m[2], { text: t, sentence, start: text.length, end: text.length + t.length });
      text += t;
    }
    const instance = new Map<string, { inst: string; type: string }>();
    for (const m of xml.matchAll(/<ENTITY [^>]*>/g)) {
      const inst = /instance_id="([^"]+)"/.exec(m[0]);
      const type = /ent_type="([^"]+)"/.exec(m[0]);
      const mid = /m_id="([^"]+)"/.exec(m[0]);
      if (inst && type && mid) instance.set(mid[1], { inst: inst[1], type: type[1] });
    }
    const refers = new Map<string, string>();
    for (const m of xml.matchAll(/<REFERS_TO[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
      const target = /<target m_id="([^"]+)"/.exec(m[1])?.[1];
      if (!target) continue;
      for (const s of m[1].matchAll(/<source m_id="([^"]+)"/g)) refers.set(s[1], target);
    }
    const mentions: Mention[] = [];
    for (const m of xml.matchAll(/<ENTITY_MENTION [^>]*m_id="(\d+)" syntactic_type="([^"]*)">([\s\S]*?)<\/ENTITY_MENTION>/g)) {
      if (m[2] !== 'NAM' && m[2] !== 'PRE.NAM') continue;
      const target = instance.get(refers.get(m[1]) ?? '');
      if (!target) continue;
      const anchors = [...m[3].matchAll(/t_id="(\d+)"/g)].map((a) => tokens.get(a[1])!).filter(Boolean);
      if (!anchors.length) continue;
      const start = anchors[0].start;
      const end = anchors[anchors.length - 1].end;
      const index = mentions.length;
      mentions.push({ start, end, surface: text.slice(start, end), type: TYPES[target.type] ?? 'other', sentence: anchors[0].sentence });
      gold.set(`${id}#${index}`, target.inst);
      surfaceOf.set(`${id}#${index}`, text.slice(start, end));
    }
    docs.push({
      article: { id, origin: path, title: null, source: null, language: 'en', published: { value: null, precision: null, evidence: null }, body: [text], captions: [], removed: [], raw: text, charset: 'utf-8', duplicateOf: null, ingestedAt: '' },
      analysis: { language: 'en', sentences: [], tokens: [], mentions, times: [] },
    });
  }

  return { docs, gold, surfaceOf };
}

/** linkEntities and the exact-surface baseline, scored against gold. */
export function scoreMeantime(m: Meantime = loadMeantime()) {
  const { entities, links } = linkEntities(m.docs);
  const predicted = new Map(links.map((l) => [`${l.article}#${l.mentionIndex}`, l.entity]));
  return { entities, predicted, linked: clusterScores(predicted, m.gold), baseline: clusterScores(m.surfaceOf, m.gold) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { docs, gold, surfaceOf } = loadMeantime();
  const { entities, predicted, linked, baseline } = scoreMeantime({ docs, gold, surfaceOf });
  const fmt = (s: ReturnType<typeof clusterScores>) =>
    `pairwise P ${s.pairwise.p.toFixed(3)} R ${s.pairwise.r.toFixed(3)} F1 ${s.pairwise.f1.toFixed(3)}; B-cubed P ${s.bcubed.p.toFixed(3)} R ${s.bcubed.r.toFixed(3)} F1 ${s.bcubed.f1.toFixed(3)}`;
  console.log(`MEANTIME en: ${docs.length} articles, ${gold.size} named mentions, ${new Set(gold.values()).size} gold entities; ${entities.length} predicted`);
  console.log(`  linkEntities:  ${fmt(linked)}`);
  console.log(`  exact surface: ${fmt(baseline)}`);
  if (process.argv.includes('--errors')) {
    const byPred = new Map<string, Set<string>>();
    for (const [k, p] of predicted) if (gold.has(k)) byPred.set(p, new Set([...(byPred.get(p) ?? []), `${gold.get(k)}=${surfaceOf.get(k)}`]));
    for (const [p, set] of byPred) if (new Set([...set].map((x) => x.split('=')[0])).size > 1) console.log('merged', p, [...set].join(' | '));
    const byGold = new Map<string, Set<string>>();
    for (const [k, g] of gold) byGold.set(g, new Set([...(byGold.get(g) ?? []), `${predicted.get(k)}=${surfaceOf.get(k)}`]));
    for (const [g, set] of byGold) if (new Set([...set].map((x) => x.split('=')[0])).size > 1) console.log('split', g, [...set].join(' | '));
  }
}
