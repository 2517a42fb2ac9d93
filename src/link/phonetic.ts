// A phonetic key for Latin transliterations of one name (Russian, Arabic, Chinese... written in Latin
// letters by different papers): `Sergey`/`Sergei`, `Tchaikovsky`/`Chaikovsky`, `Moskva`/`Moscow`.
// Transliteration systems disagree mostly on (1) how a sibilant is spelled (ш = sh, s, sch, ch; ж = zh, j),
// (2) which letter stands for й/ы/и (y, i, j, ey, ei), (3) kh/h/ch for х, (4) w/v and c/k/q/ck for the same
// sound, and (5) vowels generally (the least stable part), while the consonant skeleton survives. So the key
// keeps the first sound and the consonant classes, drops vowels after the first letter, and collapses
// doubles. It is deliberately coarse: a shared key is a hint, and index.ts links on it only with evidence.
import { foldKey } from '../decode/fold.ts';
import { memo } from './text.ts';

const RULES: [RegExp, string][] = [
  [/tsch|sch|sh|ch|zh|tch|ş|š|ž|ç|č/g, 'S'],
  [/kh|gh/g, 'h'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/ck|q|c|k/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/dj|dzh|j/g, 'y'],
  [/tz|ts|z/g, 'Z'],
  [/s/g, 'S'],
  [/ey|ei|ay|ai|oy|oi/g, 'i'],
];

export const phoneticWord = memo((word: string): string => {
  let w = foldKey(word).replace(/[^a-zşšžçč]/g, '');
  if (!w) return '';
  for (const [re, to] of RULES) w = w.replace(re, to);
  const first = /^[aeiouy]/.test(w) ? 'A' : w[0];
  const rest = w.slice(1).replace(/[aeiouyh]/g, '');
  return (first + rest).replace(/(.)\1+/g, '$1');
});

/** Key of a multi-word name: the words' keys joined with spaces (word count must agree). */
export function phoneticKey(name: string): string {
  return name.split(/[\s\-]+/).map(phoneticWord).filter(Boolean).join(' ');
}

/** Consonants in a word's key after the first sound: how much the key says. */
export function skeletonLength(key: string): number {
  return key.replace(/\s/g, '').length;
}
