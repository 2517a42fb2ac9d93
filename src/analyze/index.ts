// The analyze stage: language, sentences, tokens, entity mentions and time expressions of one text.
// Synchronous and pure; every table is loaded once, when the module is first imported.
import type { Analysis, PartialDate } from '../types.ts';
import { tablesFor } from './lang/index.ts';
import { isSpaceUnit } from './chars.ts';
import { detectLanguage, detectLanguageIn } from './langid.ts';
import { findMentions } from './mentions.ts';
import { splitSentences } from './sentences.ts';
import { tagTimes } from './time/index.ts';
import { pieces, piecesBySentence, textPieces, tokenize, type Piece } from './tokens.ts';

export { detectLanguage } from './langid.ts';
export { splitSentences } from './sentences.ts';
export { tokenize } from './tokens.ts';
export { findMentions } from './mentions.ts';
export { tablesFor } from './lang/index.ts';

export interface AnalyzeOptions {
  /** ISO 639-1 code when known (metadata, the user); it wins over detection. */
  language?: string | null;
  /** Publication date: the anchor for relative time expressions. */
  published?: PartialDate | null;
}

const PARAGRAPH = /\n[ \t\r]*\n/;
const PARAGRAPHS = new RegExp(PARAGRAPH.source, 'g');

/** Paragraph languages, when the text is long enough per paragraph to tell. */
function paragraphLanguages(text: string, all: readonly Piece[] | null): string[] {
  if (!all) {
    return text
      .split(PARAGRAPH)
      .filter((p) => p.trim().length > 0)
      .map((p) => (p.trim().length >= 40 ? detectLanguage(p) : 'und'));
  }
  // The same paragraphs by offset (what `split` cuts out), each read off the text's pieces.
  const out: string[] = [];
  let k = 0;
  const paragraph = (start: number, end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isSpaceUnit(text.charCodeAt(s))) s++;
    while (e > s && isSpaceUnit(text.charCodeAt(e - 1))) e--;
    if (e === s) return;
    while (k < all.length && all[k]!.start < start) k++;
    out.push(e - s >= 40 ? detectLanguageIn(text, start, end, all, k) : 'und');
  };
  PARAGRAPHS.lastIndex = 0;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = PARAGRAPHS.exec(text))) {
    paragraph(from, m.index);
    from = m.index + m[0].length;
  }
  paragraph(from, text.length);
  return out;
}

/** Index of the sentence holding offset `at`, or -1 (sentences are in order and do not overlap). */
function sentenceAt(sentences: readonly { start: number; end: number }[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  // Pieces first: they need no language, and language detection reads its words off them.
  const all = textPieces(text);
  const paras = paragraphLanguages(text, all);
  const counted = new Map<string, number>();
  for (const l of paras) if (l !== 'und') counted.set(l, (counted.get(l) ?? 0) + 1);
  const detected = [...counted.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? detectLanguage(text);
  const language = options.language || detected;
  const tables = tablesFor(language);
  const sentences = splitSentences(text, tables);
  const bySentence = all ? piecesBySentence(text, all, sentences) : sentences.map((s) => pieces(text, s.start, s.end));
  const tokens = tokenize(text, sentences, tables, bySentence);
  const mentions = findMentions(text, sentences, tables, bySentence);
  const times = tagTimes(text, { language, anchor: options.published ?? null });
  for (const t of times) {
    if (t.sentence !== undefined) continue;
    const i = sentenceAt(sentences, t.start);
    if (i >= 0) t.sentence = i;
  }
  const analysis: Analysis = { language, sentences, tokens, mentions, times };
  if (counted.size > 1) analysis.paragraphLanguages = paras;
  return analysis;
}
