import type { ExtractLanguage } from './types.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const en: ExtractLanguage = {
  code: 'en',
  months: Object.fromEntries([
    ...MONTHS.map((m, i) => [m, i + 1] as const),
    ...MONTHS.map((m, i) => [m.slice(0, 3), i + 1] as const),
    ['sept', 9],
  ]),
  weekdays: [
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  ],
  dayWords: ['on', 'published', 'posted', 'published on', 'posted on', 'updated'],
  numericOrder: 'mdy',
  yearWords: ['in', 'since', 'during', 'year', 'until', 'by', 'of'],
  futureAfterYear: ['approaching', 'is coming', 'ahead'],
  sectionFooters: [
    'related articles', 'related', 'related stories', 'related news', 'related content', 'read more', 'more stories',
    'more from', 'read next', 'you may also like', 'you might also like', 'recommended', 'recommended for you',
    'most read', 'most popular', 'latest news', 'latest', 'trending', 'comments', 'share this', 'share this article',
    'more on this story', 'see also', 'also read', 'more news', 'top stories', 'advertisement', 'tags', 'topics',
  ],
  captionLabels: ['photo', 'photograph', 'image', 'picture', 'credit', 'source', 'file photo', 'photo credit', 'illustration'],
  pictureWords: ['photo', 'image', 'picture'],
  creditOpeners: ['source', 'via', 'reporting by', 'additional reporting by', 'with reporting by'],
  referenceHeadings: ['reference(s)', 'references', 'reference', 'source(s)', 'sources', 'source'],
  relatedLabels: ['read more', 'see also', 'also read', 'read also', 'related', 'more'],
  homeWords: ['home', 'homepage', 'front page'],
  endMarks: ['###', '-30-', '(end)', '(ends)'],
  metadataKeys: ['date', 'published', 'pubdate', 'posted', 'dateline'],
  bylineOpeners: ['by', 'written by', 'words by', 'story by', 'author'],
};
