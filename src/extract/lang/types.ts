// What the extract stage knows about one language. Rules read every table at once (the language of a
// scraped page is often unknown at this stage), so entries must be safe to match in any text.

export interface ExtractLanguage {
  code: string;
  /** Month names and abbreviations (lower case) -> month number. */
  months: Record<string, number>;
  /** Weekday names (lower case) that may open a date line (`Thứ năm`, `Tuesday`). */
  weekdays: string[];
  /** Words that may stand before a day in a dateline (`Ngày 12/11`, `On Nov. 2`). */
  dayWords: string[];
  /** How an ambiguous `a/b/yyyy` reads: day first or month first. */
  numericOrder: 'dmy' | 'mdy';
  /** Words that introduce a year (`năm 2024`, `in 2024`). */
  yearWords: string[];
  /** Phrases after a year saying it is still to come (`năm 2026 đang đến gần`). */
  futureAfterYear: string[];
  /** Headings of the lists of other stories at the foot of a page (`Tin mới`, `Related articles`). */
  sectionFooters: string[];
  /** Labels that introduce a photo caption's credit (`Ảnh: …`, `Photo: …`). */
  captionLabels: string[];
  /** Words glued to a picture number inside a caption (`… ảnh 1Ngoại trưởng …`). */
  pictureWords: string[];
  /** Words that open a credit line naming the source (`Theo Reuters`, `Nguồn: …`). */
  creditOpeners: string[];
  /** Headings of a closing block of references (`Reference(s):`, `Nguồn:`). */
  referenceHeadings: string[];
  /** Labels that open a "see also" link line (`Xem thêm:`, `Read more:`). */
  relatedLabels: string[];
  /** Words a breadcrumb starts with (`Trang chủ`, `Home`). */
  homeWords: string[];
  /** Marks that end an article (`./.`). */
  endMarks: string[];
  /** Keys of a leading metadata token (`date 2023-09 …`). */
  metadataKeys: string[];
  /** Words opening a byline (`By Jane Doe`, `Bài và ảnh:`). */
  bylineOpeners: string[];
}
