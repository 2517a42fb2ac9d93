// Placeholder so dependants compile; the time-tagger task replaces this file.
import type { PartialDate, TimeExpression } from '../../types.ts';

export interface TagTimesOptions {
  /** ISO 639-1 code (`vi`, `en`, …); unknown languages get numeric and month-name dates only. */
  language: string;
  /** The article's publication date, against which relative expressions resolve. */
  anchor: PartialDate | null;
}

export function tagTimes(_text: string, _options: TagTimesOptions): TimeExpression[] {
  return [];
}
