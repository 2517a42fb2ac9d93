// The data that flows through the pipeline. Every stage takes and returns these plain shapes
// (DESIGN.md, "Data"); nothing here knows about storage or transport.

/** How much of a date is known. */
export type Precision = 'day' | 'month' | 'year';

/**
 * A date known only in part. `value` is TimeML-like: `2024-11-12`, `2024-11`, `2025`, or
 * `XXXX-11-18` when the year is unknown. The ingesting machine's clock is never evidence.
 */
export interface PartialDate {
  value: string | null;
  precision: Precision | null;
  /** The text the value came from, and where (e.g. `meta article:published_time: 2023-11-02T19:20`). */
  evidence: string | null;
  /** exact: the text states it; approximate: inferred; before/after: a bound. */
  kind?: 'exact' | 'approximate' | 'before' | 'after';
}

export const UNKNOWN_DATE: PartialDate = { value: null, precision: null, evidence: null };

/** What the user told us about a document; it wins over anything guessed. */
export interface GivenMetadata {
  title?: string;
  url?: string;
  published?: string;
  source?: string;
  language?: string;
}

export type DocumentFormat = 'text' | 'html' | 'markdown';

/** One document as read from disk, stdin or a JSONL line, before decoding. */
export interface RawDocument {
  /** The path or URL as given; for a JSONL line `path#L<line>`. */
  origin: string;
  format: DocumentFormat;
  /** Raw bytes when the document came from a file; absent when `text` is given (JSON input). */
  bytes?: Uint8Array;
  /** Already-decoded text (JSON/JSONL fields are strings). */
  text?: string;
  given: GivenMetadata;
  /** 1-based line for JSONL input, for error messages. */
  line?: number;
}

/** Why a line was removed from the body. Kept with the line so `tinline show` can explain. */
export type RemovalReason =
  | 'navigation'
  | 'breadcrumb'
  | 'date-header'
  | 'caption'
  | 'related-link'
  | 'credit'
  | 'footer'
  | 'end-mark'
  | 'metadata'
  | 'repeated-lead'
  | 'byline'
  | 'title'
  | 'boilerplate';

export interface RemovedLine {
  text: string;
  reason: RemovalReason;
}

/** Decoded, normalized text with the way back to the original characters. */
export interface DecodedText {
  text: string;
  /** The charset the bytes were read as (e.g. `utf-8`, `windows-1258`, `viscii`, `tcvn3`, `vni`, `utf-16le`). */
  charset: string;
  /** Optional sparse map: offsets[i] is the index in `original` of text[i]; absent when identical. */
  offsets?: Int32Array;
  /** The decoded text before normalization (verbatim). */
  original: string;
}

/** The result of extraction: one cleaned article, before analysis. */
export interface ExtractedArticle {
  title: string | null;
  source: string | null;
  published: PartialDate;
  body: string[];
  captions: string[];
  removed: RemovedLine[];
  /** Language from metadata (`<html lang>`, given), if any; analysis decides otherwise. */
  language: string | null;
  /**
   * Dates shown by page chrome that are not the publication date (e.g. the day the page was viewed,
   * removed as a `date-header`). They bound the publication date (it cannot be later) but never set it.
   */
  pageDates?: PartialDate[];
}

/** One stored article (DESIGN.md "Article"). */
export interface Article extends ExtractedArticle {
  /** Hash of the normalized text (see `articleId`). Same text in any encoding -> same id. */
  id: string;
  origin: string;
  language: string | null;
  /** Verbatim decoded text, before any cleaning. */
  raw: string;
  charset: string;
  duplicateOf: string | null;
  /** When this copy was ingested (bookkeeping only; never evidence for a date). */
  ingestedAt: string;
}

// ---- analysis (src/analyze) --------------------------------------------------------------

/** Offsets are into the article's text: `body.join('\n\n')`. */
export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  text: string;
}

export interface Token extends Span {
  text: string;
}

export type EntityType = 'person' | 'organization' | 'location' | 'other';

export interface Mention extends Span {
  surface: string;
  type: EntityType;
  /** The role or title carried with the mention (`Ngoại trưởng`, `Thư ký Hội đồng An ninh`). */
  role?: string | null;
  /** The entity it was linked to (filled by src/link). */
  entity?: string | null;
  /** Index into `sentences`. */
  sentence?: number;
  /**
   * Additive (src/analyze): for an acronym written right after a name in parentheses
   * (`Tổ chức Hợp tác Thượng Hải (SCO)`), the index in `mentions` of the name it abbreviates.
   */
  expands?: number;
}

export type TimeType = 'date' | 'time' | 'duration' | 'set';

export interface TimeExpression extends Span {
  surface: string;
  /** TimeML-style value: `2024-11-12`, `2024-11`, `2025`, `XXXX-11-18`, `P2D`, ... */
  value: string | null;
  precision: Precision | null;
  type: TimeType;
  /** The anchor date the value was resolved against, if it was relative. */
  anchor: string | null;
  /** before/after/approx when the expression is a bound (`trước ngày 10/2`). */
  mod?: 'before' | 'after' | 'approx' | null;
  sentence?: number;
}

export interface Analysis {
  language: string;
  sentences: Sentence[];
  tokens: Token[];
  mentions: Mention[];
  times: TimeExpression[];
  /** Paragraph-level languages where an article mixes them. */
  paragraphLanguages?: string[];
  /**
   * Mentions in the article's title and captions, which are not body text (never sentences of the
   * article) but do name its people and places. `text` is the title and captions joined by a blank
   * line, in that order; mention offsets point into it.
   */
  context?: { text: string; fields: { field: 'title' | 'caption'; start: number; end: number }[]; mentions: Mention[] };
}

// ---- linking (src/link) ------------------------------------------------------------------

export interface EntityName {
  text: string;
  lang?: string;
  script?: string;
}

export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  names: EntityName[];
  aliases: string[];
  /** Keys used to link (folded names, phonetic keys, pinyin readings...). */
  keys: string[];
}

export interface EntityLink {
  article: string;
  mentionIndex: number;
  entity: string;
  /** Why the link was made (`same folded name`, `Sino-Vietnamese reading -> pinyin`, ...). */
  reason: string;
}

// ---- stories (src/dedup, src/cluster, src/tell) -----------------------------------------

export interface CitedSentence {
  article: string;
  text: string;
  start?: number;
  end?: number;
}

export interface StoryEvent {
  id: string;
  date: PartialDate;
  title: string;
  place: string | null;
  actors: string[];
  articles: string[];
  sentences: CitedSentence[];
  summary?: CitedSentence[];
  /**
   * reported: the happening its articles report; recalled: an earlier happening a sentence recalls
   * (`các cuộc hội đàm tại Moskva hồi tháng 2/2023`), kept as its own event in the same story.
   */
  kind?: 'reported' | 'recalled';
}

export interface Story {
  id: string;
  title: string;
  summary: string;
  summarySentences?: CitedSentence[];
  events: string[];
  articles: string[];
  entities: string[];
}

export interface TimelineEntry {
  date: { value: string; precision: Precision };
  sentences: CitedSentence[];
  /**
   * Only for a year-unknown date (`XXXX-11-18`): the year the entry was sorted by (null when nothing
   * suggests one; such entries come first) and the evidence. The date itself stays year-unknown.
   */
  yearEstimate?: { year: number | null; reason: string };
}

export interface Timeline {
  title: string;
  entries: TimelineEntry[];
}
