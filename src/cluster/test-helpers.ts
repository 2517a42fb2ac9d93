// Test-only: builds Article/Analysis objects by hand so cluster tests need no other stage.
import type { Analysis, Article, EntityType, Mention, PartialDate, Sentence, TimeExpression } from '../types.ts';
import type { ClusterDoc } from './index.ts';
import { precisionOf } from './dates.ts';

export interface DocSpec {
  id: string;
  title?: string | null;
  /** `2024-11-12`, `2024-11`, `2025` or null (unknown). */
  published?: string | null;
  language?: string;
  sentences: string[];
  /** A time expression: the surface must occur in sentence `sentence`. */
  times?: { sentence: number; surface: string; value: string | null; mod?: 'before' | 'after' | 'approx' }[];
  /** Linked mentions: the surface must occur in sentence `sentence`. */
  mentions?: { sentence: number; surface: string; entity: string; type: EntityType }[];
}

export function makeDoc(spec: DocSpec): ClusterDoc {
  const sentences: Sentence[] = [];
  let offset = 0;
  for (const text of spec.sentences) {
    sentences.push({ text, start: offset, end: offset + text.length });
    offset += text.length + 2; // body paragraphs joined with '\n\n', one sentence per paragraph
  }
  const locate = (i: number, surface: string) => {
    const s = sentences[i];
    if (!s) throw new Error(`no sentence ${i} in ${spec.id}`);
    const at = s.text.indexOf(surface);
    if (at < 0) throw new Error(`"${surface}" not in sentence ${i} of ${spec.id}`);
    return { start: s.start + at, end: s.start + at + surface.length };
  };
  const times: TimeExpression[] = (spec.times ?? []).map((t) => ({
    ...locate(t.sentence, t.surface),
    surface: t.surface,
    value: t.value,
    precision: precisionOf(t.value),
    type: 'date',
    anchor: spec.published ?? null,
    mod: t.mod ?? null,
    sentence: t.sentence,
  }));
  const mentions: Mention[] = (spec.mentions ?? []).map((m) => ({
    ...locate(m.sentence, m.surface),
    surface: m.surface,
    type: m.type,
    entity: m.entity,
    sentence: m.sentence,
  }));
  const published: PartialDate = spec.published
    ? { value: spec.published, precision: precisionOf(spec.published), evidence: `test: ${spec.published}`, kind: 'exact' }
    : { value: null, precision: null, evidence: null };
  const article: Article = {
    id: spec.id,
    origin: `test:${spec.id}`,
    title: spec.title ?? null,
    source: null,
    published,
    body: spec.sentences,
    captions: [],
    removed: [],
    language: spec.language ?? 'vi',
    raw: spec.sentences.join('\n\n'),
    charset: 'utf-8',
    duplicateOf: null,
    ingestedAt: '2000-01-01T00:00:00Z',
  };
  const analysis: Analysis = { language: spec.language ?? 'vi', sentences, tokens: [], mentions, times };
  return { article, analysis, entityIds: [...new Set(mentions.map((m) => m.entity!))] };
}

/** Mentions of every listed surface wherever it occurs (first occurrence per sentence). */
export function mentionsIn(sentences: string[], table: { surface: string; entity: string; type: EntityType }[]): DocSpec['mentions'] {
  const out: NonNullable<DocSpec['mentions']> = [];
  sentences.forEach((text, sentence) => {
    for (const row of table) if (text.includes(row.surface)) out.push({ sentence, ...row });
  });
  return out;
}

/** Deterministic shuffle (mulberry32) so a failing order can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
