// The Vietnamese syllable: onset + vowel nucleus + coda, plus at most one tone mark.
// One parser serves two jobs: deciding where the tone mark goes (normalizeText) and telling
// whether a decoding "looks Vietnamese" (charset detection). Spelling is regular enough that a
// structural check rejects nearly every mis-decoded word, so no word list is needed.

/** The five tone marks as combining characters (NFD form). */
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
/** Vowel-quality marks: circumflex (â ê ô), breve (ă), horn (ơ ư). Part of the letter, not the tone. */
const QUALITY = new Set(['\u0302', '\u0306', '\u031b']);
const ACUTE = '\u0301';
const DOT = '\u0323';
const HOOK = '\u0309';

const VOWELS = new Set([...'aăâeêioôơuưy']);
const MARKED_VOWELS = new Set([...'ăâêôơư']);
const CONSONANTS = new Set([...'bcdđghklmnpqrstvx']);

// Longest first, so `ngh` wins over `ng` and `n`.
const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'qu',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x'];
const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);
const STOP_CODAS = new Set(['c', 'ch', 'p', 't']);

// Vowel nuclei (glides and final semivowels included), as written after the onset is removed
// (so `qu`+`y`, `gi`+`a`). Split by whether a consonant coda may follow.
const SINGLE = [...VOWELS];
const OPEN_NUCLEI = new Set([...SINGLE, 'oa', 'oe', 'uy', 'uê', 'uơ',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu',
  'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'iêu', 'yêu', 'uya', 'uyu']);
const CLOSED_NUCLEI = new Set([...SINGLE, 'oa', 'oă', 'oe', 'oo', 'uâ', 'uê', 'uô', 'ươ', 'iê', 'yê', 'uy', 'uyê']);

export interface Syllable {
  /** Lower-case letters without tone (`ư`, `đ` are one letter each). */
  letters: string[];
  /** Per letter: was it upper case in the input. */
  upper: boolean[];
  /** The tone mark (combining character) or '' for the level tone. */
  tone: string;
  /** Index (into letters) of the letter that carried the tone mark in the input, or -1. */
  toneAt: number;
  /** letters[0, onsetEnd) is the onset, [onsetEnd, nucleusEnd) the nucleus, the rest the coda. */
  onsetEnd: number;
  nucleusEnd: number;
}

/** Split a word into letters: each base character with the combining marks that follow it. */
export function clusters(word: string): string[] {
  return word.match(/\P{M}\p{M}*/gu) ?? [];
}

/** Parse one word (any normalization form). Null when it is not a well-formed Vietnamese syllable. */
export function parseSyllable(word: string): Syllable | null {
  const parts = clusters(word);
  if (parts.length === 0 || parts.join('') !== word) return null; // leading mark
  const letters: string[] = [];
  const upper: boolean[] = [];
  let tone = '';
  let toneAt = -1;
  for (const part of parts) {
    const [base, ...marks] = part.normalize('NFD');
    let quality = '';
    for (const m of marks) {
      if (TONES.has(m)) {
        if (tone) return null; // two tones
        tone = m;
        toneAt = letters.length;
      } else if (QUALITY.has(m) && !quality) quality = m;
      else return null;
    }
    const letter = (base + quality).normalize('NFC');
    const lower = letter.toLowerCase();
    if (!VOWELS.has(lower) && !CONSONANTS.has(lower)) return null;
    letters.push(lower);
    upper.push(lower !== letter);
  }
  return structure(letters, upper, tone, toneAt);
}

function structure(letters: string[], upper: boolean[], tone: string, toneAt: number): Syllable | null {
  const word = letters.join('');
  let onset = ONSETS.find((o) => word.startsWith(o)) ?? '';
  // `gi`/`qu` are onsets only when a vowel follows: `gìn` is g + i + n, `gì` is g + i.
  if ((onset === 'gi' || onset === 'qu') && !VOWELS.has(letters[2] ?? '')) onset = onset === 'gi' ? 'g' : '';
  if (onset === '' && letters[0] === 'q') return null;
  const onsetEnd = [...onset].length;
  let nucleusEnd = onsetEnd;
  while (nucleusEnd < letters.length && VOWELS.has(letters[nucleusEnd]!)) nucleusEnd++;
  const nucleus = letters.slice(onsetEnd, nucleusEnd).join('');
  const coda = letters.slice(nucleusEnd).join('');
  if (!nucleus || !CODAS.has(coda)) return null;
  if (!(coda ? CLOSED_NUCLEI : OPEN_NUCLEI).has(nucleus)) return null;
  // Stops take only the rising (sắc) or the heavy (nặng) tone.
  if (STOP_CODAS.has(coda) && tone !== ACUTE && tone !== DOT) return null;
  // `ch`/`nh` follow only a, ê, i, y (anh, ênh, inh, uynh).
  if ((coda === 'ch' || coda === 'nh') && !'aêiy'.includes(nucleus.at(-1)!)) return null;
  // k, gh, ngh before front vowels only; c, ng never before them.
  const front = 'eêiy'.includes(nucleus[0]!);
  if ((onset === 'k' || onset === 'gh' || onset === 'ngh') && !front) return null;
  if ((onset === 'c' || onset === 'ng') && front) return null;
  return { letters, upper, tone, toneAt, onsetEnd, nucleusEnd };
}

/**
 * Index (into letters) of the vowel that carries the tone, by the one placement Tinline uses
 * everywhere (what most Vietnamese news sites print):
 * - a vowel with a quality mark takes it (the last one: `ươ` -> ơ): `thuyền`, `người`;
 * - otherwise, in a closed syllable the last vowel: `hoàn`, `toán`, `huỳnh`;
 * - otherwise an open three-vowel nucleus takes it in the middle: `khoái`, `ngoáy`, `khuỷu`;
 * - otherwise the first vowel: `hòa`, `khỏe`, `thủy`, `mùa`, `bài`.
 * `qu` and `gi` belong to the onset, so `quý`, `giày`, `già` come out right by the same rule.
 */
export function toneIndex(s: Syllable): number {
  const start = s.onsetEnd;
  const end = s.nucleusEnd;
  for (let i = end - 1; i >= start; i--) if (MARKED_VOWELS.has(s.letters[i]!)) return i;
  if (end < s.letters.length) return end - 1;
  if (end - start === 3) return start + 1;
  return start;
}

/**
 * Whether moving the tone to toneIndex fixes Vietnamese spelling rather than changing a word of
 * another language. In an open nucleus of two vowels without a quality mark every convention marks
 * the first vowel, except for `oa`, `oe`, `uy` (`hoà`, `khoẻ`, `thuỷ`). A mark on the second vowel of
 * any other pair is a slip of Vietnamese typing (`cuả`) only when the mark is one European languages
 * do not use, the hook above or the dot below; a grave, acute or tilde there is the Italian `più` or
 * the Portuguese `saí`, which must stay as they are.
 */
export function toneMovable(s: Syllable): boolean {
  if (!s.tone || s.tone === HOOK || s.tone === DOT || s.toneAt === toneIndex(s)) return true;
  const nucleus = s.letters.slice(s.onsetEnd, s.nucleusEnd);
  const open = s.nucleusEnd === s.letters.length;
  if (!open || nucleus.length !== 2 || nucleus.some((l) => MARKED_VOWELS.has(l))) return true;
  const pair = nucleus.join('');
  return pair === 'oa' || pair === 'oe' || pair === 'uy' || s.toneAt !== s.nucleusEnd - 1;
}

/** The word with its tone mark on the canonical vowel, in NFC; letters and case kept. */
export function render(s: Syllable): string {
  const at = s.tone ? toneIndex(s) : -1;
  let out = '';
  for (let i = 0; i < s.letters.length; i++) {
    const letter = s.upper[i] ? s.letters[i]!.toUpperCase() : s.letters[i]!;
    out += i === at ? (letter + s.tone).normalize('NFC') : letter;
  }
  return out;
}

/**
 * The commonest Vietnamese syllables that carry marks (function words, pronouns, frequent verbs and
 * nouns). Charset detection uses them to break ties between two legacy decodings that both yield
 * well-formed syllables, which happens on short texts: a wrong decoding rarely yields these.
 */
export const COMMON_SYLLABLES: ReadonlySet<string> = new Set(
  ('và của các có là được người trong không với một những đã này để đến khi năm về từ nhiều thì cũng '
  + 'như bị đó sẽ sau lại nhà ở tại đang vào trên nước ông bà chị làm nói rằng nhưng vì nên mà phải việc '
  + 'nhất hơn ngày tháng thể đi biết còn hiện lên cùng chỉ giữa trước sự bộ thành tôi chúng họ mình đây '
  + 'được ấy gì nào vẫn rồi đều mới đầu cả lớn chính tế xã hội đồng quốc động dân công tình hình thời'
  ).split(' '),
);

export function isVietnameseSyllable(word: string): boolean {
  return parseSyllable(word) !== null;
}
