// Character classes by UTF-16 code unit, for the hot loops (sentences, pieces, mentions). A
// Unicode-property regex run per character is slow; these tables ask the same regex once per code
// unit, the first time it is seen, and remember the answer. A lone surrogate is asked like any other
// code unit, exactly as `re.test(text[i])` would.

export type CodeUnitTest = (code: number) => boolean;

/** `re.test(String.fromCharCode(code))`, remembered per code unit. */
export function codeUnitClass(re: RegExp): CodeUnitTest {
  const known = new Uint8Array(65536);
  return (code) => {
    let v = known[code]!;
    if (v === 0) {
      re.lastIndex = 0;
      v = re.test(String.fromCharCode(code)) ? 1 : 2;
      known[code] = v;
    }
    return v === 1;
  };
}

export const isSpaceUnit = codeUnitClass(/\s/u);
export const isLowerUnit = codeUnitClass(/\p{Ll}/u);
export const isUpperUnit = codeUnitClass(/\p{Lu}/u);
export const isLetterOrMarkUnit = codeUnitClass(/[\p{L}\p{M}]/u);
export const isNumberUnit = codeUnitClass(/\p{N}/u);
export const isWordUnit = codeUnitClass(/[\p{L}\p{M}\p{N}]/u);

/** Whether a code unit is half of a surrogate pair (a code point outside the BMP). */
export const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;

const lowerDiffers = new Uint8Array(65536);
/** `c !== c.toLowerCase()` for the one-unit string `c`, remembered per code unit. */
export function changesWhenLowered(code: number): boolean {
  let v = lowerDiffers[code]!;
  if (v === 0) {
    const c = String.fromCharCode(code);
    v = c !== c.toLowerCase() ? 1 : 2;
    lowerDiffers[code] = v;
  }
  return v === 1;
}
