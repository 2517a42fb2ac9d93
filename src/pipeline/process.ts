// One document through decode -> extract -> analyze: pure and synchronous, so it runs the same
// inline or in a worker thread (./worker.ts).
import { articleId, articleIdOfNormalized, decodeBytes, normalizeText } from '../decode/index.ts';
import { extractArticle } from '../extract/index.ts';
import { analyze, findMentions, splitSentences, tablesFor } from '../analyze/index.ts';
import { pieces } from '../analyze/tokens.ts';
import { inferDocumentDate } from '../analyze/docdate.ts';
import { tagTimes } from '../analyze/time/index.ts';
import type { Analysis, Article, RawDocument } from '../types.ts';

/** Title and captions analysed apart from the body: their names count, their sentences don't. */
function contextMentions(title: string | null, captions: string[], language: string): Analysis['context'] {
  const fields: NonNullable<Analysis['context']>['fields'] = [];
  let text = '';
  for (const [field, value] of [['title', title] as const, ...captions.map((c) => ['caption', c] as const)]) {
    if (!value) continue;
    if (text) text += '\n\n';
    fields.push({ field, start: text.length, end: text.length + value.length });
    text += value;
  }
  if (!text) return undefined;
  return { text, fields, mentions: mentionsOnly(text, language) };
}

/**
 * `analyze(text, { language }).mentions` without what analyze also does and this does not use
 * (language detection per paragraph, tokens, time expressions): the same sentences, pieces and tables.
 */
function mentionsOnly(text: string, language: string): Analysis['mentions'] {
  if (!language) return analyze(text, { language }).mentions;
  const tables = tablesFor(language);
  const sentences = splitSentences(text, tables);
  return findMentions(text, sentences, tables, sentences.map((s) => pieces(text, s.start, s.end)));
}

/**
 * A text's body comes out of decode and extract normalized; a page's does not (the DOM decodes
 * entities after the page was normalized), nor does a title given as metadata.
 */
function articleIdFor(format: RawDocument['format'], title: string | null, body: string): string {
  if (format === 'html') return articleId(`${title ?? ''}\n\n${body}`);
  return articleIdOfNormalized(`${title ? normalizeText(title) : ''}\n\n${body}`);
}

export interface Processed {
  article: Article;
  analysis: Analysis;
}

export function processDocument(raw: RawDocument, ingestedAt: string = new Date().toISOString()): Processed {
  let text: string;
  let original: string;
  let charset: string;
  if (raw.text !== undefined) {
    original = raw.text;
    // A page is normalized by extract, after its scripts and styles are gone (see decodeBytes).
    text = raw.format === 'html' ? raw.text : normalizeText(raw.text);
    charset = 'utf-8';
  } else {
    const decoded = decodeBytes(raw.bytes ?? new Uint8Array(), { format: raw.format, origin: raw.origin, offsets: false, normalize: raw.format !== 'html' });
    ({ text, original, charset } = decoded);
  }
  const extracted = extractArticle({ text, format: raw.format, origin: raw.origin, given: raw.given });
  const bodyText = extracted.body.join('\n\n');
  let analysis = analyze(bodyText, { language: raw.given.language ?? extracted.language, published: extracted.published });
  const language = analysis.language;

  // The publication date: given metadata and the page's own metadata win; otherwise the text's own
  // time expressions complete a missing or partial date (and say so in the evidence).
  let published = extracted.published;
  if (!raw.given.published && published.precision !== 'day') {
    const inferred = inferDocumentDate({ text: bodyText, language, current: published, pageDates: extracted.pageDates });
    if (inferred.value !== published.value) {
      published = inferred;
      analysis = { ...analysis, times: tagTimes(bodyText, { language, anchor: published }) };
    }
  }

  analysis.context = contextMentions(extracted.title, extracted.captions, language);

  const article: Article = {
    id: articleIdFor(raw.format, extracted.title, bodyText),
    origin: raw.origin,
    title: extracted.title,
    source: extracted.source,
    language,
    published,
    body: extracted.body,
    captions: extracted.captions,
    removed: extracted.removed,
    pageDates: extracted.pageDates,
    raw: original,
    charset,
    duplicateOf: null,
    ingestedAt,
  };
  return { article, analysis };
}
