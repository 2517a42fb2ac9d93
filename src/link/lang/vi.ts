// Vietnamese knowledge used by linking. Courtesy words that come before a name in a mention's surface
// (`ông Tập`, `bà Merkel`); they are not part of the name and are stripped before keys are made.
export const vi = {
  honorifics: ['ông', 'bà', 'anh', 'chị', 'cô', 'ngài', 'cụ', 'em', 'chú', 'bác', 'thầy'],
  /** Vietnamese names carry no determiner. */
  determiners: [] as string[],
};
