// The fast reading of eld's medium data (eldLanguage) must answer exactly as eld.detect does: on real
// English and Vietnamese text, on other scripts, and on arbitrary strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadNerDocs } from '../../bench/ner.ts';
import { eld, eldLanguage } from './langid.ts';

const samples = [
  'Le président Emmanuel Macron a rencontré le 12 mars 2024 à Paris les représentants de la Commission européenne.',
  'Am 3. Oktober 2023 feierte Deutschland den Tag der Deutschen Einheit in Berlin.',
  'El 5 de mayo de 2022, el presidente de México visitó Madrid.',
  '2024年3月12日、東京で岸田首相が記者会見を行った。',
  'Президент России Владимир Путин 9 мая 2024 года выступил на параде в Москве.',
  'ในวันที่ 12 มีนาคม 2567 นายกรัฐมนตรีเดินทางไปเชียงใหม่',
  '서울에서 2023년 10월 3일 대통령이 연설했다.',
  'Ngày 12/11/2024, Thủ tướng Phạm Minh Chính tiếp Đại sứ Hoa Kỳ tại Hà Nội.',
  "don't stop — it’s the `quoted' one 😀 𝐀𝐁𝐂 and a very long word " + 'x'.repeat(90),
  '',
  '   ',
  '12345 67 89',
];

test('eldLanguage answers as eld.detect on real and odd text', () => {
  const texts = [...samples];
  for (const d of loadNerDocs()) {
    texts.push(d.text);
    for (const p of d.text.split(/\n+/)) if (p.trim()) texts.push(p);
  }
  for (const t of texts) {
    const s = t.slice(0, 1000);
    assert.equal(eldLanguage(s), eld().detect(s).language, JSON.stringify(s.slice(0, 80)));
  }
});

test('eldLanguage answers as eld.detect on arbitrary strings', () => {
  const unit = fc.constantFrom('a', 'e', 'th', 'ing', ' ', "'", '’', '`', '-', 'ệ', 'ư', 'ß', 'é', 'ñ', 'и', 'я', '中', 'の', '한', '😀', '1', '.', '\n');
  const text = fc.oneof(fc.array(unit, { maxLength: 120 }).map((a) => a.join('')), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));
  fc.assert(
    fc.property(text, (s) => {
      assert.equal(eldLanguage(s), eld().detect(s).language);
    }),
    { numRuns: 3000 },
  );
});
