// tell: dated timelines and short summaries, every line citing the article it came from.
import type { Analysis, Article } from '../types.ts';

/** One analyzed article, the unit `tell` reads. */
export interface TellDoc {
  article: Article;
  analysis: Analysis;
}

export { buildTimeline, MAX_DATES, type TimelineOptions } from './timeline.ts';
export { summarize, eventTitle, type SummaryOptions } from './summary.ts';
export { formatTimeline, formatDate, researchDate, DASHES, type TimelineFormat, type FormatOptions } from './format.ts';
export { REPEAT_JACCARD } from './text.ts';
