// The extract stage: one decoded document in, one cleaned article out (DESIGN.md "extract").
// Pure and synchronous. What the user gave (title, url, date, source, language) wins over anything guessed.
import { TinlineError } from '../errors.ts';
import type { DocumentFormat, ExtractedArticle, GivenMetadata, PartialDate } from '../types.ts';
import { UNKNOWN_DATE } from '../types.ts';
import { dateFromUrl, parseGivenDate, partial } from './dates.ts';
import { hostOf, readHtml } from './html.ts';
import { numericOrderFor } from './lang/index.ts';
import { cleanText } from './text.ts';

export interface ExtractInput {
  /** Decoded and normalized (decodeBytes); HTML may come unnormalized: readHtml normalizes the page's text, not its markup. */
  text: string;
  format: DocumentFormat;
  origin: string;
  given: GivenMetadata;
}

export function extractArticle(input: ExtractInput): ExtractedArticle {
  const { text, format, origin, given } = input;
  const order = numericOrderFor(given.language);
  let title: string | null = null;
  let source: string | null = null;
  let language: string | null = null;
  let published: PartialDate | null = null;
  let body: string[];
  let captions: string[];
  let removed: ExtractedArticle['removed'];
  let pageDates: PartialDate[] = [];

  if (format === 'html') {
    const page = readHtml(text, origin, given.url);
    const cleaned = cleanText(page.paragraphs.join('\n\n'), { order: numericOrderFor(given.language ?? page.language), fromHtml: true });
    title = page.title;
    source = page.source ?? cleaned.source;
    language = page.language;
    published = page.published ?? cleaned.published;
    body = cleaned.body;
    // Readability often repeats the headline as the first block.
    if (title && body.length && norm(body[0]!) === norm(title)) {
      cleaned.removed.push({ text: body[0]!, reason: 'title' });
      body = body.slice(1);
    }
    captions = [...page.captions, ...cleaned.captions];
    removed = [...page.removed, ...cleaned.removed];
    pageDates = cleaned.pageDates;
  } else {
    const cleaned = cleanText(text, { order, markdown: format === 'markdown' });
    ({ title, source, published, body, captions, removed, pageDates } = cleaned);
    if (!published && given.url) {
      const u = dateFromUrl(given.url);
      if (u) published = partial(u, `url: ${u.text}`);
    }
  }

  if (given.title?.trim()) title = given.title.trim();
  if (given.source?.trim()) source = given.source.trim();
  if (given.language?.trim()) language = given.language.trim();
  if (given.published?.trim()) {
    const g = parseGivenDate(given.published);
    if (g) published = g;
  }

  if (!body.some((p) => /[\p{L}\p{N}]/u.test(p))) {
    throw new TinlineError('INPUT_NO_TEXT', 'tinline/extract: nothing is left after removing page chrome', { origin });
  }
  const out: ExtractedArticle = {
    title,
    source,
    published: published ?? { ...UNKNOWN_DATE },
    body,
    captions,
    removed,
    language,
  };
  if (pageDates.length) out.pageDates = pageDates;
  return out;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export { hostOf };
export { parseGivenDate } from './dates.ts';
