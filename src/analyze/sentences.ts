// Sentence boundaries with offsets into the text as given. A boundary is an end mark (`.`, `!`, `?`,
// `…`, runs such as `?!` or `...`, and the CJK/Arabic/Devanagari marks) plus any closing quotes or
// brackets after it, followed by white space and something that can start a sentence. A dot is not
// an end when it follows a known abbreviation (per-language table), an initial (`F.`), sits inside a
// token (`TP.HCM`, `1.000`, `3.5`), or when the next word starts in lower case. Paragraph breaks
// always end a sentence; a single line break does too unless the line plainly runs on.
import type { Sentence } from '../types.ts';
import { codeUnitClass, isLowerUnit, isSpaceUnit, isSurrogate, isUpperUnit, isWordUnit } from './chars.ts';
import type { LanguageTables } from './lang/types.ts';

const END = new Set(['.', '!', '?', '…', '。', '！', '？', '؟', '।', '‼', '⁇', '⁈', '⁉']);
// Marks after which no space is written (CJK), so they end a sentence on their own.
const END_NO_SPACE = new Set(['。', '！', '？']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', '›', ')', ']', '}', '」', '』', '）']);
// The same marks by code unit, for the scan over every character (all are single UTF-16 units).
const END_CODES = new Set([...END].map((c) => c.charCodeAt(0)));
const isEnd = (code: number): boolean => (code < 128 ? code === 46 || code === 33 || code === 63 : END_CODES.has(code));
// `/[\p{L}\p{M}\p{N}.]/u.test(text[i])`, by code unit.
const isWordChar = (code: number): boolean => code === 46 || isWordUnit(code);

const isLetterUnit = codeUnitClass(/\p{L}/u);
const ONE_LETTER = /^\p{L}$/u;
const ONE_UPPER = /^\p{Lu}$/u;
// `ONE_LETTER.test(w)` and `ONE_UPPER.test(w)` by code-unit table; only a surrogate pair needs the pattern.
const oneLetter = (w: string): boolean =>
  w.length === 1 ? isLetterUnit(w.charCodeAt(0)) : w.length === 2 && isSurrogate(w.charCodeAt(0)) && ONE_LETTER.test(w);
const oneUpper = (w: string): boolean =>
  w.length === 1 ? isUpperUnit(w.charCodeAt(0)) : w.length === 2 && isSurrogate(w.charCodeAt(0)) && ONE_UPPER.test(w);

function isAbbreviation(text: string, dot: number, tables: LanguageTables): boolean {
  let s = dot;
  while (s > 0 && isWordChar(text.charCodeAt(s - 1))) s--;
  const word = text.slice(s, dot);
  if (!word) return false;
  if (tables.abbreviations.has(word)) return true;
  const last = word.slice(word.lastIndexOf('.') + 1);
  if (word.includes('.') && (tables.abbreviations.has(last) || oneLetter(last))) return true;
  // A single capital letter is an initial (`John F. Kennedy`, `V. H. Nam`).
  return oneUpper(word);
}

/**
 * A sentence, filled in field by field: a plain object like a literal's, but V8 may allocate all of
 * an object literal's objects in the old generation once some survive a scavenge (allocation-site
 * pretenuring), and these are short-lived. Not tokens.ts `token`, though it reads the same: V8 decides
 * per allocation site, and sentences outlive the tokens they hold.
 */
function sentence(start: number, end: number, text: string): Sentence {
  const s = {} as Sentence;
  s.start = start;
  s.end = end;
  s.text = text;
  return s;
}

/** Splits `text` into sentences; `tables` gives the abbreviations of its language. */
export function splitSentences(text: string, tables: LanguageTables): Sentence[] {
  const out: Sentence[] = [];
  const push = (start: number, end: number): void => {
    while (start < end && isSpaceUnit(text.charCodeAt(start))) start++;
    while (end > start && isSpaceUnit(text.charCodeAt(end - 1))) end--;
    if (end > start) out.push(sentence(start, end, text.slice(start, end)));
  };
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      // Blank line: always a break. Single line break: a break unless the line runs on in lower case.
      let j = i + 1;
      while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
      const blank = j < n && text[j] === '\n';
      let p = i - 1;
      while (p >= start && (text[p] === ' ' || text[p] === '\r' || text[p] === '\t')) p--;
      const runsOn = !blank && p >= start && (isLowerUnit(text.charCodeAt(p)) || text.charCodeAt(p) === 44) && j < n && isLowerUnit(text.charCodeAt(j));
      if (!runsOn) {
        push(start, i);
        start = i + 1;
      }
      continue;
    }
    if (!isEnd(code)) continue;
    const ch = text[i]!;
    let j = i + 1;
    while (j < n && END.has(text[j]!)) j++;
    // The Vietnamese end-of-article mark `./.` stays with its sentence.
    if (text[j] === '/' && text[j + 1] === '.') j += 2;
    while (j < n && CLOSERS.has(text[j]!)) j++;
    const single = j === i + 1 || (j > i + 1 && !END.has(text[i + 1]!) && text[i + 1] !== '/');
    if (!END_NO_SPACE.has(ch)) {
      if (j < n && !isSpaceUnit(text.charCodeAt(j))) continue;
      let k = j;
      while (k < n && isSpaceUnit(text.charCodeAt(k)) && text[k] !== '\n') k++;
      if (k < n && text[k] !== '\n' && isLowerUnit(text.charCodeAt(k))) continue;
      if (ch === '.' && single && isAbbreviation(text, i, tables) && k < n && text[k] !== '\n') continue;
    }
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, n);
  return out;
}
