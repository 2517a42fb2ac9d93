// Small text helpers shared by the link mechanisms.

/** Caches a pure function of one string: a corpus repeats the same few thousand names many times. */
export function memo<T>(fn: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      v = fn(s);
      if (cache.size > 200_000) cache.clear();
      cache.set(s, v);
    }
    return v as T;
  };
}
import { foldKey } from '../decode/fold.ts';
import { DETERMINERS, HONORIFICS } from './lang/index.ts';

export function nfc(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Words of a name: runs of letters/digits (hyphens and apostrophes inside a word are kept). */
export const words = memo((name: string): readonly string[] =>
  nfc(name).split(/[\s,]+/u).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean),
);

/** Folded, lower-case, letters and digits only: `Hồng Kông` and `Hong Kong` -> `hongkong`. */
export const foldCompact = memo((text: string): string => foldKey(nfc(text)).replace(/[^\p{L}\p{N}]+/gu, ''));

/** An acronym: one token, 2-10 characters, at least two capitals and no lower-case letter (`SCO`, `LHQ`, `G20`). */
export const isAcronym = memo((token: string): boolean => {
  const t = token.trim();
  return /^[\p{Lu}][\p{Lu}\p{N}&.\-]{1,9}$/u.test(t) && (t.match(/\p{Lu}/gu) ?? []).length >= 2 && !/\p{Ll}/u.test(t);
});

const VI_MARKS = /[\u0306\u031b\u0309\u0323đĐ]/u; // breve, horn, hook above, dot below, đ
/** Letters only Vietnamese uses (ă ơ ư đ, hook above, dot below, or a tone stacked on â ê ô). */
export const hasVietnameseLetters = memo((text: string): boolean => {
  const d = text.normalize('NFD');
  return VI_MARKS.test(d) || /[aeo]\u0302[\u0300\u0301\u0303]/u.test(d.toLowerCase());
});

/** True when the name is written in plain Latin letters a transliteration would use (no Vietnamese marks). */
export const isPlainLatin = memo((text: string): boolean => {
  return /^[\p{Script=Latin}\s'\-.]+$/u.test(text) && !hasVietnameseLetters(text);
});

export const scriptOf = memo((text: string): string => {
  const scripts: [string, RegExp][] = [
    ['Hani', /\p{Script=Han}/u], ['Cyrl', /\p{Script=Cyrillic}/u], ['Hang', /\p{Script=Hangul}/u],
    ['Jpan', /[\p{Script=Hiragana}\p{Script=Katakana}]/u], ['Arab', /\p{Script=Arabic}/u],
    ['Thai', /\p{Script=Thai}/u], ['Grek', /\p{Script=Greek}/u], ['Hebr', /\p{Script=Hebrew}/u],
    ['Latn', /\p{Script=Latin}/u],
  ];
  for (const [code, re] of scripts) if (re.test(text)) return code;
  return 'Zyyy';
});

/**
 * The name inside a mention's span: leading determiners and lower-case descriptors go (`the U.S.`,
 * `aircraft manufacturer Boeing`, `thủ đô Bắc Kinh`), as does a trailing possessive (`Boeing 's`), as long as
 * a capitalised word remains. Lower-case words inside a name stay (`Tổ chức hợp tác Thượng Hải`).
 */
export const nameCore = memo((span: string): string => {
  let ws = nfc(span).split(' ');
  let i = 0;
  while (i < ws.length - 1 && DETERMINERS.has(ws[i].toLowerCase())) i++;
  // Descriptors: plain lower-case words (not `iPhone`, not `787`) before the first capitalised word.
  const first = ws.findIndex((w, k) => k >= i && /^\p{Lu}/u.test(w));
  if (first > i && ws.slice(i, first).every((w) => /^[\p{Ll}\-]+$/u.test(w))) i = first;
  ws = ws.slice(i);
  while (ws.length > 1 && /^['’]s?$|^[,;:(]$/u.test(ws[ws.length - 1])) ws = ws.slice(0, -1);
  return ws.join(' ').replace(/\s*['’]s$/u, '').replace(/[\s,;:]+$/u, '');
});

/** The name without leading courtesy words (`ông Ôn Gia Bảo` -> `Ôn Gia Bảo`), never emptied. */
export function stripHonorifics(name: string): { core: string; honorific: string | null } {
  const ws = nfc(name).split(' ');
  let i = 0;
  while (i < ws.length - 1 && HONORIFICS.has(ws[i].toLowerCase())) i++;
  return { core: ws.slice(i).join(' '), honorific: i ? ws.slice(0, i).join(' ') : null };
}

/** Every word starts with a capital (or digit): a proper name rather than a phrase. */
export function isCapitalised(ws: readonly string[]): boolean {
  return ws.length > 0 && ws.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

export const slug = memo((text: string): string => {
  return foldKey(nfc(text)).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'entity';
});
