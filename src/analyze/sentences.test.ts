import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from './lang/en.ts';
import { generic } from './lang/index.ts';
import { vi } from './lang/vi.ts';
import { splitSentences } from './sentences.ts';

const texts = (t: string, tables = vi): string[] => splitSentences(t, tables).map((s) => s.text);

test('Vietnamese abbreviations do not end a sentence', () => {
  assert.deepEqual(texts('PGS.TS. Lê Văn Hòa làm việc ở TP.HCM. TS. Trần An đồng ý.'), [
    'PGS.TS. Lê Văn Hòa làm việc ở TP.HCM.',
    'TS. Trần An đồng ý.',
  ]);
});

test('numbers, decimals and dates stay inside sentences', () => {
  assert.deepEqual(texts('Dự án trị giá 1.000 tỷ đồng, tăng 3,5% so với 2/11/2023. Tổng là 200 tỷ USD.'), [
    'Dự án trị giá 1.000 tỷ đồng, tăng 3,5% so với 2/11/2023.',
    'Tổng là 200 tỷ USD.',
  ]);
  assert.deepEqual(texts('Growth was 3.5 percent. It rose.', en), ['Growth was 3.5 percent.', 'It rose.']);
});

test('English titles, initials, U.S. and month abbreviations', () => {
  assert.deepEqual(texts('Mr. Smith met Dr. Jones on Jan. 5 in the U.S. capital. John F. Kennedy spoke.', en), [
    'Mr. Smith met Dr. Jones on Jan. 5 in the U.S. capital.',
    'John F. Kennedy spoke.',
  ]);
});

test('a closing quote after the full stop belongs to the sentence', () => {
  assert.deepEqual(texts('Ông nói: “Chúng tôi sẵn sàng.” Sau đó ông rời đi.'), ['Ông nói: “Chúng tôi sẵn sàng.”', 'Sau đó ông rời đi.']);
  assert.deepEqual(texts('"We are ready." She left.', en), ['"We are ready."', 'She left.']);
});

test('ellipses, ?!, … and the ./. end mark', () => {
  assert.deepEqual(texts('Thật sao?! Không thể… Vậy mà được... Hết./.'), ['Thật sao?!', 'Không thể…', 'Vậy mà được...', 'Hết./.']);
  assert.deepEqual(texts('Chờ đã... rồi đi tiếp.'), ['Chờ đã... rồi đi tiếp.']);
});

test('paragraph breaks always end a sentence; offsets point into the text', () => {
  const t = 'Tiêu đề không dấu chấm\n\nĐoạn một – vẫn tiếp. Câu hai\nDòng mới';
  const ss = splitSentences(t, vi);
  assert.deepEqual(ss.map((s) => s.text), ['Tiêu đề không dấu chấm', 'Đoạn một – vẫn tiếp.', 'Câu hai', 'Dòng mới']);
  for (const s of ss) assert.equal(t.slice(s.start, s.end), s.text);
});

test('other languages split on their own marks', () => {
  assert.deepEqual(texts('今天下雨。明天晴天！', generic), ['今天下雨。', '明天晴天！']);
  assert.deepEqual(texts('Il pleut. Demain, soleil ?', generic), ['Il pleut.', 'Demain, soleil ?']);
});
