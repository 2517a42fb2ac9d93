// Human-readable output for the terminal. JSON output goes through the export shapes instead.
import type { TinlineError } from '../errors.ts';
import { exportArticle } from '../export/index.ts';
import type { ArticleRef, IngestReport } from '../pipeline/index.ts';
import type { SearchHit } from '../store/index.ts';
import type { Analysis, Article, Entity, EntityLink, PartialDate } from '../types.ts';
import type { Io } from './main.ts';

export function formatPublished(p: PartialDate): string {
  if (!p.value) return 'unknown';
  const kind = p.kind && p.kind !== 'exact' ? ` (${p.kind})` : '';
  const year = p.value.startsWith('XXXX') ? ' (year unknown)' : '';
  return `${p.value}${year}${kind}`;
}

export function articleHeader(article: Article): string[] {
  const chars = article.body.reduce((n, p) => n + p.length, 0);
  const lines = [
    `${article.id}  ${article.origin}`,
    `  title:     ${article.title ?? '—'}`,
    `  source:    ${article.source ?? '—'}`,
    `  language:  ${article.language ?? '—'}`,
    `  published: ${formatPublished(article.published)}${article.published.evidence ? `  ← ${article.published.evidence}` : ''}`,
    `  body:      ${article.body.length} paragraphs, ${chars} characters${article.duplicateOf ? `  (duplicate of ${article.duplicateOf})` : ''}`,
  ];
  if (article.captions.length) lines.push(`  captions:  ${article.captions.length}`);
  if (article.removed.length) {
    lines.push(`  removed:   ${article.removed.length} line(s)`);
    for (const r of article.removed) lines.push(`    - [${r.reason}] ${clip(r.text, 100)}`);
  }
  return lines;
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function printIngestSummary(io: Io, report: IngestReport<ArticleRef>): void {
  for (const a of report.inserted) io.out(`stored   ${a.id}  ${a.origin}`);
  for (const a of report.existing) io.out(`existing ${a.id}  ${a.origin}`);
  io.out(`${report.inserted.length} stored, ${report.existing.length} already there, ${report.failed.length} failed, ${report.skipped.length} skipped`);
}

export function printFailures(io: Io, failed: TinlineError[]): void {
  for (const e of failed) io.err(e.toLine());
}

export function printArticle(io: Io, article: Article, analysis: Analysis | null, links: EntityLink[], entities: Map<string, Entity>, json: boolean): void {
  const mentionEntity = new Map(links.map((l) => [l.mentionIndex, l]));
  if (json) {
    const mentions = (analysis?.mentions ?? []).map((m, i) => ({
      start: m.start,
      end: m.end,
      surface: m.surface,
      type: m.type,
      role: m.role ?? null,
      entity: mentionEntity.get(i)?.entity ?? null,
      reason: mentionEntity.get(i)?.reason ?? null,
    }));
    const usedEntities = [...new Set(mentions.map((m) => m.entity).filter((e): e is string => !!e))].map((id) => entities.get(id)).filter(Boolean);
    io.out(JSON.stringify({
      ...exportArticle(article, analysis?.times ?? []),
      published: article.published,
      captions: article.captions,
      pageDates: article.pageDates ?? [],
      mentions,
      entities: usedEntities,
    }, null, 2));
    return;
  }
  for (const line of articleHeader(article)) io.out(line);
  io.out('');
  for (const p of article.body) io.out(`${p}\n`);
  if (article.captions.length) {
    io.out('Captions:');
    for (const c of article.captions) io.out(`  - ${c}`);
  }
  if (analysis) {
    const byEntity = new Map<string, string[]>();
    // Title and caption mentions are numbered after the body's (see withContextMentions).
    [...analysis.mentions, ...(analysis.context?.mentions ?? [])].forEach((m, i) => {
      const id = mentionEntity.get(i)?.entity ?? `(${m.type}) ${m.surface}`;
      const list = byEntity.get(id) ?? [];
      if (!list.includes(m.surface)) list.push(m.surface);
      byEntity.set(id, list);
    });
    if (byEntity.size) {
      io.out('Entities:');
      for (const [id, surfaces] of byEntity) {
        const e = entities.get(id);
        if (e) io.out(`  - ${e.name} [${e.type}] as ${surfaces.join(', ')}; all names: ${e.aliases.join(', ')}`);
        else io.out(`  - ${id}`);
      }
    }
    if (analysis.times.length) {
      io.out('Dates:');
      for (const t of analysis.times) io.out(`  - ${t.surface} → ${t.value ?? '?'}${t.mod ? ` (${t.mod})` : ''} [${t.type}]`);
    }
  }
}

export function printSearchHits(io: Io, query: string, alternatives: string[], hits: SearchHit[]): void {
  if (alternatives.length) io.out(`(also searching: ${alternatives.join(', ')})`);
  if (!hits.length) {
    io.out(`no results for ${query}`);
    return;
  }
  for (const h of hits) {
    io.out(`${h.id}  ${h.published ?? '—'}  ${h.title ?? h.origin}`);
    io.out(`    ${clip(h.snippet, 200)}`);
  }
}
