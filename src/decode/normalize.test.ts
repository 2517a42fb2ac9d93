import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeText, normalizeWithOffsets } from './normalize.ts';

// normalize.ts scans words by code unit instead of with `/[\p{L}\p{M}]+/gu`, and skips passes with
// nothing to do: the same words must be found and the text-only path must agree with the mapped one.
describe('normalize fast paths', () => {
  const pieces = ['a', 'Z', ' ', '.', '1', 'đ', 'Ð', 'ð', 'ɖ', 'ơ', 'hoà', 'thuỷ', 'Hoá', 'qua', '\u0301', '\u0323', 'o', 'y', 'Σ', '中',
    '\ud835\udc00', '\ud835', '\udc00', '\ud83d\ude00', '“', 'ǅ', 'ı', '\n', '\t', '\r\n', '\u00a0', '\u200b', '\u2028', '\u1100', '\u1161'];

  it('rewrites exactly the words the pattern finds', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces.filter((p) => !/[\s\u200b]/u.test(p))), { maxLength: 30 }), (parts) => {
      const s = parts.join('').normalize('NFC');
      const viaPattern = s.replace(/[\p{L}\p{M}]+/gu, (w) => normalizeText(w));
      assert.equal(normalizeText(s), viaPattern);
      assert.equal(normalizeWithOffsets(s).text, viaPattern);
    }), { numRuns: 5000 });
  });

  it('text-only and mapped normalization agree; offsets point into the input, in order', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const s = parts.join('');
      const { text, offsets } = normalizeWithOffsets(s);
      assert.equal(normalizeText(s), text);
      assert.equal(offsets.length, text.length);
      for (let i = 0; i < offsets.length; i++) {
        assert.ok(offsets[i]! >= 0 && offsets[i]! < s.length);
        if (i) assert.ok(offsets[i]! >= offsets[i - 1]!);
      }
    }), { numRuns: 5000 });
  });

  it('leaves text with nothing to change as it is, offsets the identity', () => {
    const s = 'Hà Nội, ngày 12/11.\n\nHai bên hợp tác.';
    const { text, offsets } = normalizeWithOffsets(s);
    assert.equal(text, s);
    assert.deepEqual([...offsets], [...s].map((_, i) => i));
  });
});
