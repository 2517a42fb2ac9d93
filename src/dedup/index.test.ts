import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DuplicateIndex, findDuplicates, lshParams, shingles, candidateProbability } from './index.ts';
import { seedFiles } from '../../test/shared.ts';

const BASE =
  'Ngày 12/11, tại thủ đô Bắc Kinh, Bộ trưởng Ngoại giao đã gặp Thư ký Hội đồng An ninh, tiến hành các cuộc tham vấn an ninh chiến lược giữa hai nước. ' +
  'Tại cuộc gặp, Bộ trưởng nhấn mạnh mối quan hệ lâu dài giữa hai nước, cho biết quan hệ đối tác chiến lược toàn diện đã trải qua những thử thách. ' +
  'Hai bên không ngừng củng cố tin cậy chính trị lẫn nhau, thúc đẩy mạnh mẽ hợp tác kinh doanh trong nhiều lĩnh vực, luôn giữ vững nguyên tắc láng giềng hữu nghị. ' +
  'Thư ký Hội đồng an ninh khẳng định sẵn sàng tiếp tục thực hiện các thỏa thuận đạt được giữa hai nhà lãnh đạo trong các cuộc hội đàm trước đây.';

test('lshParams puts the S-curve threshold near the asked one', () => {
  const { bands, rows } = lshParams(0.8, 128);
  assert.ok(bands * rows <= 128);
  // (1/11)^(1/11) = 0.804: the closest any b*r <= 128 gets to 0.8.
  assert.deepEqual({ bands, rows }, { bands: 11, rows: 11 });
  assert.ok(Math.abs(Math.pow(1 / bands, 1 / rows) - 0.8) < 0.01);
  assert.ok(candidateProbability(0.95, bands, rows) > 0.99);
  assert.ok(candidateProbability(0.3, bands, rows) < 0.001);
});

test('shingles fold diacritics and case: NFC, NFD and upper case give one set', () => {
  const a = shingles('Trung Quốc và Nga tiến hành tham vấn an ninh chiến lược');
  const b = shingles('TRUNG QUỐC VÀ NGA TIẾN HÀNH THAM VẤN AN NINH CHIẾN LƯỢC'.normalize('NFD'));
  assert.deepEqual([...a], [...b]);
  assert.equal(a.length, 12 - 5 + 1);
});

test('a syndicated copy is linked to the first-added one; an unrelated text is not', () => {
  const index = new DuplicateIndex();
  assert.equal(index.add('a', BASE).duplicateOf, null);
  const copy = index.add('b', BASE.replace('Ngày 12/11,', 'Hôm 12/11,'));
  assert.equal(copy.duplicateOf, 'a');
  assert.ok(copy.similarity >= 0.8, copy.reason);
  assert.match(copy.reason, /Jaccard/);
  // A copy of the copy names the first-added text, not the copy.
  const third = index.add('c', BASE + ' (TTXVN)');
  assert.equal(third.duplicateOf, 'a');
  const other = index.add('d', 'Giá vàng trong nước hôm nay tăng mạnh theo đà thế giới, các nhà đầu tư đổ xô đi mua vàng miếng tại nhiều cửa hàng ở Hà Nội và Thành phố Hồ Chí Minh.');
  assert.equal(other.duplicateOf, null);
});

test('containment catches a copy wrapped in a long header and footer', () => {
  const header = 'Trang chủ Thời sự Quốc tế Bản tin sáng nay cập nhật những tin tức nóng hổi nhất về chính trị thế giới từ các hãng thông tấn lớn. ';
  const footer = ' Tin cùng chuyên mục: giá xăng dầu điều chỉnh, thời tiết miền Bắc chuyển lạnh, đội tuyển bóng đá chuẩn bị cho giải đấu khu vực cuối năm nay.';
  const wrapped = header + BASE + footer;
  const inner = shingles(BASE).length;
  const outer = shingles(wrapped).length;
  // Jaccard = |BASE| / |wrapped| (BASE's shingles are all inside): below 0.8, so only containment can decide.
  assert.ok(inner / outer < 0.8, `jaccard ${inner / outer}`);
  const index = new DuplicateIndex({ candidateThreshold: 0.5 });
  index.add('orig', BASE);
  const found = index.add('wrapped', wrapped);
  assert.equal(found.duplicateOf, 'orig');
  assert.match(found.reason, /contain/);
  assert.ok(found.similarity >= 0.9);
});

test('findDuplicates maps each copy to the first-added id and leaves originals out', () => {
  const docs = [
    { id: 'x', text: BASE },
    { id: 'y', text: 'Một văn bản hoàn toàn khác, nói về thời tiết mùa đông năm nay ở các tỉnh miền núi phía Bắc, nhiệt độ xuống thấp.' },
    { id: 'z', text: BASE.replace('hai nước', 'hai quốc gia') },
  ];
  const dup = findDuplicates(docs);
  assert.deepEqual([...dup], [['z', 'x']]);
});

test('unknown options are rejected at construction', () => {
  assert.throws(() => new DuplicateIndex({ treshold: 0.5 } as never), /unknown option/);
});

test('the five seed articles hold no near-duplicates', () => {
  const docs = seedFiles().map((path, i) => ({ id: String(i), text: readFileSync(path, 'utf8') }));
  assert.equal(docs.length, 5);
  const index = new DuplicateIndex();
  for (const doc of docs) assert.equal(index.add(doc.id, doc.text).duplicateOf, null);
});

test('an index restored from saved pieces goes on as the original would (before and after its saved entries are bucketed)', () => {
  // Texts that recombine a few sentences, so many are near-copies of earlier ones and some are not.
  const sentences = BASE.split('. ').map((s) => s.replace(/\.$/, ''));
  const text = (i: number) => {
    const pick = [i % 4, (i * 7) % 4, (i * 3 + 1) % 4];
    return `${pick.map((k) => sentences[k]).join('. ')}. Tin số ${i % 9 === 0 ? i : i % 5} từ phóng viên ${i % 3}.`;
  };
  const original = new DuplicateIndex();
  for (let i = 0; i < 40; i++) original.add(`a${i}`, text(i));
  const whole = original.snapshot();
  const restored = DuplicateIndex.restore([{ ...whole, entries: whole.entries.slice(0, 25) }, original.snapshot(25)]);
  assert.equal(restored.size, 40);
  let copies = 0;
  // 100 more adds: past the scans a restored index makes before it buckets its saved entries.
  for (let i = 40; i < 140; i++) {
    const a = original.add(`a${i}`, text(i));
    const b = restored.add(`a${i}`, text(i));
    assert.deepEqual(b, a, `text ${i}`);
    if (a.duplicateOf) copies++;
  }
  assert.ok(copies > 10, `${copies} copies`);
  assert.deepEqual([...restored.duplicates()], [...original.duplicates()]);
});
