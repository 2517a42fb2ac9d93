// VNI-Windows, the encoding of the VNI fonts that much of the 1990s-2000s Vietnamese web and
// office archive was typed in. It is not a code page iconv knows: the bytes are Windows-1252, and
// the font draws a Vietnamese letter from a base letter plus a following "accent" byte
// (`Vieät` = `Việt`). So decoding is Windows-1252 followed by this letter table.

// Tone order in the tables below: sắc (acute), huyền (grave), hỏi (hook), ngã (tilde), nặng (dot).
const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];

// [letter without tone, its VNI spelling, the five toned spellings]
const ROWS: [string, string, string[]][] = [
  ['a', 'a', ['aù', 'aø', 'aû', 'aõ', 'aï']],
  ['ă', 'aê', ['aé', 'aè', 'aú', 'aü', 'aë']],
  ['â', 'aâ', ['aá', 'aà', 'aå', 'aã', 'aä']],
  ['e', 'e', ['eù', 'eø', 'eû', 'eõ', 'eï']],
  ['ê', 'eâ', ['eá', 'eà', 'eå', 'eã', 'eä']],
  ['i', 'i', ['í', 'ì', 'æ', 'ó', 'ò']],
  ['o', 'o', ['où', 'oø', 'oû', 'oõ', 'oï']],
  ['ô', 'oâ', ['oá', 'oà', 'oå', 'oã', 'oä']],
  ['ơ', 'ô', ['ôù', 'ôø', 'ôû', 'ôõ', 'ôï']],
  ['u', 'u', ['uù', 'uø', 'uû', 'uõ', 'uï']],
  ['ư', 'ö', ['öù', 'öø', 'öû', 'öõ', 'öï']],
  ['y', 'y', ['yù', 'yø', 'yû', 'yõ', 'î']],
  ['đ', 'ñ', []],
];

/** Unicode letter (NFC) -> VNI spelling, both cases. Letters spelled as themselves are left out. */
export const VNI_ENCODE: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [letter, plain, toned] of ROWS) {
    const forms: [string, string][] = [[letter, plain], ...toned.map((v, k): [string, string] => [(letter + TONES[k]).normalize('NFC'), v])];
    for (const [u, v] of forms) {
      if (u === v) continue;
      map.set(u, v);
      map.set(u.toUpperCase(), v.toUpperCase());
    }
  }
  return map;
})();

// VNI spelling -> letter. An upper-case base with a lower-case accent byte is accepted too
// (some converters wrote `Aù`); the letter's case follows the base.
const DECODE = new Map<string, string>();
for (const [u, v] of VNI_ENCODE) {
  DECODE.set(v, u);
  if (v.length === 2) DECODE.set(v[0]! + v[1]!.toLowerCase(), u);
}

/** Decode text already read as Windows-1252 from VNI bytes. */
export function vniToUnicode(latin: string): string {
  let out = '';
  for (let i = 0; i < latin.length; i++) {
    const pair = DECODE.get(latin.slice(i, i + 2));
    if (pair !== undefined && i + 1 < latin.length) {
      out += pair;
      i++;
      continue;
    }
    out += DECODE.get(latin[i]!) ?? latin[i]!;
  }
  return out;
}

/** Unicode -> VNI spelling (still a JS string; encode it as Windows-1252 for bytes). */
export function unicodeToVni(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += VNI_ENCODE.get(ch) ?? ch;
  return out;
}
