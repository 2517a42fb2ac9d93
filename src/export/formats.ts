// The other export formats, all built from the JSON contract so they never disagree with it:
// Markdown (people), CSV (spreadsheets: one row per event), TimelineJS3 JSON, and the plain-text
// timeline format of timeline-summarisation research (tilse).
import type { Store } from '../store/index.ts';
import type { Precision } from '../types.ts';
import { buildExport, type ExportV1 } from './index.ts';

export type ExportFormat = 'md' | 'csv' | 'timelinejs' | 'tilse';

export async function renderExport(store: Store, format: ExportFormat): Promise<string> {
  return renderFromExport(await buildExport(store), format);
}

export async function renderFromExport(data: ExportV1, format: ExportFormat): Promise<string> {
  switch (format) {
    case 'md':
      return toMarkdown(data);
    case 'csv':
      return toCsv(data);
    case 'timelinejs':
      return JSON.stringify(toTimelineJs(data), null, 2);
    case 'tilse':
      return toTilse(data);
  }
}

type ExportEvent = ExportV1['events'][number];

function eventsInOrder(data: ExportV1, ids?: string[]): ExportEvent[] {
  const byId = new Map(data.events.map((e) => [e.id, e]));
  if (ids) return ids.map((id) => byId.get(id)).filter((e): e is ExportEvent => !!e);
  return [...data.events].sort((a, b) => sortableDate(a.date.value).localeCompare(sortableDate(b.date.value)));
}

/** Unknown years sort last; within a value, shorter (coarser) first. */
function sortableDate(value: string | null): string {
  if (!value) return '~';
  return value.startsWith('XXXX') ? `9999${value.slice(4)}` : value;
}

async function label(value: string | null, precision: Precision | null): Promise<string> {
  if (!value || !precision) return 'undated';
  const { formatDate } = await import('../tell/index.ts');
  return formatDate({ value, precision }, 'en');
}

async function toMarkdown(data: ExportV1): Promise<string> {
  const entityName = new Map(data.entities.map((e) => [e.id, e.name]));
  const origin = new Map(data.articles.map((a) => [a.id, a.origin]));
  const lines: string[] = [];
  for (const story of data.stories) {
    lines.push(`# ${story.title}`, '');
    if (story.summary) lines.push(story.summary, '');
    const who = story.entities.slice(0, 10).map((id) => entityName.get(id) ?? id);
    if (who.length) lines.push(`**Who and where:** ${who.join(', ')}`, '');
    for (const event of eventsInOrder(data, story.events)) {
      lines.push(`## ${await label(event.date.value, event.date.precision)} — ${event.title}`, '');
      for (const s of event.sentences) lines.push(`- ${s.text} [${s.article.slice(0, 8)}]`);
      lines.push('');
    }
    lines.push('Sources:', ...story.articles.map((id) => `- [${id.slice(0, 8)}] ${origin.get(id) ?? id}`), '');
  }
  if (!data.stories.length) lines.push('# No stories yet', '', `${data.articles.length} article(s) stored.`);
  return lines.join('\n');
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(data: ExportV1): string {
  const entityName = new Map(data.entities.map((e) => [e.id, e.name]));
  const origin = new Map(data.articles.map((a) => [a.id, a.origin]));
  const storyOf = new Map<string, string>();
  for (const s of data.stories) for (const e of s.events) storyOf.set(e, s.id);
  const rows = [['date', 'precision', 'title', 'actors', 'place', 'article_ids', 'origins', 'story', 'event_id']];
  for (const e of eventsInOrder(data)) {
    rows.push([
      e.date.value ?? '',
      e.date.precision ?? '',
      e.title,
      e.actors.map((id) => entityName.get(id) ?? id).join('; '),
      e.place ? (entityName.get(e.place) ?? e.place) : '',
      e.articles.join('; '),
      e.articles.map((id) => origin.get(id) ?? '').join('; '),
      storyOf.get(e.id) ?? '',
      e.id,
    ]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n');
}

interface TimelineJsDate {
  year: number;
  month?: number;
  day?: number;
}

/** TimelineJS3 needs a year; an unknown-year event cannot be placed, so it is left out (and said in its text). */
function timelineJsDate(value: string | null): TimelineJsDate | null {
  const m = value ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value) : null;
  if (!m) return null;
  const date: TimelineJsDate = { year: Number(m[1]) };
  if (m[2]) date.month = Number(m[2]);
  if (m[3]) date.day = Number(m[3]);
  return date;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function toTimelineJs(data: ExportV1): { title?: unknown; events: unknown[] } {
  const storyTitle = new Map<string, string>();
  for (const s of data.stories) for (const e of s.events) storyTitle.set(e, s.title);
  const events = [];
  for (const e of eventsInOrder(data)) {
    const start = timelineJsDate(e.date.value);
    if (!start) continue;
    events.push({
      start_date: start,
      text: { headline: escapeHtml(e.title), text: e.sentences.map((s) => `<p>${escapeHtml(s.text)}</p>`).join('') },
      group: storyTitle.get(e.id) ?? '',
      unique_id: e.id,
    });
  }
  const first = data.stories[0];
  return first ? { title: { text: { headline: escapeHtml(first.title), text: escapeHtml(first.summary) } }, events } : { events };
}

/** One block per story: `YYYY-MM-DD` line, one sentence a line, 32 dashes. */
async function toTilse(data: ExportV1): Promise<string> {
  const { researchDate, DASHES } = await import('../tell/index.ts');
  const out: string[] = [];
  for (const story of data.stories) {
    for (const e of eventsInOrder(data, story.events)) {
      if (!e.date.value) continue;
      out.push(researchDate(e.date.value), ...e.sentences.map((s) => s.text.replace(/\s+/g, ' ')), DASHES);
    }
  }
  return out.join('\n');
}
