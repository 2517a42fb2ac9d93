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
  /** Linked mentions: the surface must occur in sentence `sentence` (at or after `from`, a character index). */
  mentions?: { sentence: number; surface: string; entity: string; type: EntityType; from?: number }[];
}

export function makeDoc(spec: DocSpec): ClusterDoc {
  const sentences: Sentence[] = [];
  let offset = 0;
  for (const text of spec.sentences) {
    sentences.push({ text, start: offset, end: offset + text.length });
    offset += text.length + 2; // body paragraphs joined with '\n\n', one sentence per paragraph
  }
  const locate = (i: number, surface: string, from = 0) => {
    const s = sentences[i];
    if (!s) throw new Error(`no sentence ${i} in ${spec.id}`);
    const at = s.text.indexOf(surface, from);
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
    ...locate(m.sentence, m.surface, m.from),
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

/** Mentions of every listed surface at each place it occurs. */
export function mentionsIn(sentences: string[], table: { surface: string; entity: string; type: EntityType }[]): DocSpec['mentions'] {
  const out: NonNullable<DocSpec['mentions']> = [];
  sentences.forEach((text, sentence) => {
    for (const row of table) {
      for (let at = text.indexOf(row.surface); at >= 0; at = text.indexOf(row.surface, at + row.surface.length)) out.push({ sentence, ...row, from: at });
    }
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

// ---- the seed articles, prepared by hand-written stand-ins for the earlier stages ----------------
// The cluster stage must thread the seeds into one story from general signals. These stand-ins give
// it roughly what extract/analyze/link give: body lines minus expected.json's not_body, expected
// publication dates, entity mentions from expected.json's surfaces, and a few numeric date forms.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadExpected, seedFiles } from '../../test/shared.ts';

function miniTimes(sentences: string[], year: string | null): NonNullable<DocSpec['times']> {
  const out: NonNullable<DocSpec['times']> = [];
  const pad = (x: string) => x.padStart(2, '0');
  sentences.forEach((text, sentence) => {
    for (const m of text.matchAll(/trước ngày [^()]*\((\d{1,2})\/(\d{1,2})\)/gu)) out.push({ sentence, surface: m[0], value: `${year ?? 'XXXX'}-${pad(m[2]!)}-${pad(m[1]!)}`, mod: 'before' });
    for (const m of text.matchAll(/[Nn]gày (\d{1,2})\/(\d{1,2})(?!\/)/gu)) out.push({ sentence, surface: m[0], value: `${year ?? 'XXXX'}-${pad(m[2]!)}-${pad(m[1]!)}` });
    for (const m of text.matchAll(/tháng (\d{1,2})\/(\d{4})/gu)) out.push({ sentence, surface: m[0], value: `${m[2]}-${pad(m[1]!)}` });
  });
  return out;
}

export function seedDocs(): ClusterDoc[] {
  const expected = loadExpected();
  return seedFiles().map((path) => {
    const name = basename(path);
    const exp = expected.documents[name]!;
    const notBody = new Set(exp.not_body.map((l) => l.trim()));
    const lines = readFileSync(path, 'utf8')
      .split(/\n+/)
      .map((l) => l.replace(/^\s*date \d{4}-\d{2}\s*/u, '').trim())
      .filter((l) => l && !notBody.has(l) && l !== exp.title);
    const sentences = lines.flatMap((l) => l.match(/[^.!?]+(?:[.!?]+(?:\/\.)?|$)/gu) ?? []).map((s) => s.trim()).filter((s) => s.length > 1);
    const short = name.slice(0, 3);
    const table = expected.entities.flatMap((e) => (e.surface[short] ?? []).map((surface) => ({ surface, entity: e.id, type: e.type as EntityType })));
    const year = exp.published ? exp.published.slice(0, 4) : null;
    return makeDoc({
      id: short,
      title: exp.title,
      published: exp.published,
      sentences,
      times: miniTimes(sentences, year),
      mentions: mentionsIn(sentences, table),
    });
  });
}
