import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze } from './index.ts';
import { en } from './lang/en.ts';
import { vi } from './lang/vi.ts';
import { splitSentences } from './sentences.ts';
import { pieces, piecesByPattern, piecesBySentence, textPieces, tokenizeSentence } from './tokens.ts';

const toks = (t: string, tables = vi): string[] => tokenizeSentence(t, { start: 0, end: t.length }, tables).map((x) => x.text);

test('Vietnamese multi-syllable words are one token', () => {
  const t = toks('Cuộc phỏng vấn về hợp tác diễn ra tại Hà Nội.');
  for (const w of ['phỏng vấn', 'hợp tác', 'Hà Nội']) assert.ok(t.includes(w), t.join('|'));
  assert.ok(!t.includes('.'), 'punctuation is not a token');
});

test('tone-mark placement does not change segmentation', () => {
  assert.deepEqual(toks('hòa bình và thủy lợi'), ['hòa bình', 'và', 'thủy lợi']);
  assert.deepEqual(toks('hoà bình và thuỷ lợi'), ['hoà bình', 'và', 'thuỷ lợi']);
});

test('numbers, dotted abbreviations and hyphenated words', () => {
  assert.deepEqual(toks('TP.HCM có 1.000 ca COVID-19, tăng 3,5% ngày 2/11/2023'), ['TP.HCM', 'có', '1.000', 'ca', 'COVID-19', 'tăng', '3,5', 'ngày', '2/11/2023']);
  assert.deepEqual(toks("The U.S. economy didn't grow.", en), ['The', 'U.S.', 'economy', "didn't", 'grow']);
});

test('token offsets point back into the text, NFC or NFD', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('Hà Nội', 'hợp tác', 'ông', 'Nga', '1.000', ',', '.', ' ', '\n\n', 'Mr.', 'x'), { maxLength: 30 }), (parts) => {
      const text = parts.join(' ');
      for (const form of [text, text.normalize('NFD')]) {
        const a = analyze(form, { language: 'vi' });
        for (const t of a.tokens) assert.equal(form.slice(t.start, t.end), t.text);
        for (const s of a.sentences) assert.equal(form.slice(s.start, s.end), s.text);
        for (const m of a.mentions) assert.equal(form.slice(m.start, m.end), m.surface);
      }
    }),
    { numRuns: 200 },
  );
});

test('language: detected per text and per paragraph, and the given one wins', () => {
  assert.equal(analyze('Chính phủ vừa thông qua kế hoạch phát triển kinh tế cho năm tới.').language, 'vi');
  assert.equal(analyze('Chinh phu vua thong qua ke hoach phat trien kinh te cho nam toi.').language, 'vi');
  assert.equal(analyze('The government approved an economic plan for the coming year.').language, 'en');
  assert.equal(analyze('The government approved an economic plan.', { language: 'vi' }).language, 'vi');
  const mixed = analyze('Chính phủ vừa thông qua kế hoạch phát triển kinh tế cho năm tới.\n\nThe government approved an economic plan for the coming year.');
  assert.deepEqual(mixed.paragraphLanguages, ['vi', 'en']);
});

test('pieces: the hand scanner gives the pattern\'s pieces, on any text and range', () => {
  // Letters, marks, digits of several scripts, the joiners and separators the pattern names, spaces,
  // capitals that start dotted abbreviations, and code points outside the BMP.
  const unit = fc.constantFrom('a', 'B', 'ư', 'Đ', 'ệ', '\u0301', '1', '٣', '²', '.', ',', ':', '/', "'", '’', '-', '‑', ' ', '\n', '\u00a0', '!', '(', 'Ⅻ', 'ǅ', 'ß', '_', 'TP', 'U', 'S', 'x', '𝐀', '😀');
  const text = fc.oneof(fc.array(unit, { maxLength: 24 }).map((a) => a.join('')), fc.string({ maxLength: 24 }));
  fc.assert(
    fc.property(text, fc.nat(3), fc.nat(3), (s, a, b) => {
      const end = Math.max(0, s.length - b);
      const start = Math.min(a, end);
      assert.deepEqual(pieces(s, start, end), piecesByPattern(s, start, end));
    }),
    { numRuns: 5000 },
  );
});

test('pieces: the whole text\'s pieces, cut per sentence, are each sentence\'s own', () => {
  // End marks (CJK ones need no space after them), closing quotes, abbreviations and dotted forms,
  // numbers with joiners, line and paragraph breaks.
  const unit = fc.constantFrom('a', 'B', 'ư', 'Đ', '1', '2024', '.', '...', '!', '?', '。', '！', '？', '…', '"', "'", '’', '”', ')', '»',
    ',', ':', '/', './.', '-', ' ', ' ', '\n', '\n\n', 'TP.HCM', 'U.S.', 'Mr.', 'F.', 'ông', 'Hà Nội', 'x', '東京');
  fc.assert(
    fc.property(fc.array(unit, { maxLength: 40 }).map((a) => a.join('')), (s) => {
      const all = textPieces(s);
      if (!all) return;
      for (const tables of [vi, en]) {
        const sentences = splitSentences(s, tables);
        assert.deepEqual(piecesBySentence(s, all, sentences), sentences.map((x) => pieces(s, x.start, x.end)));
      }
    }),
    { numRuns: 3000 },
  );
});
