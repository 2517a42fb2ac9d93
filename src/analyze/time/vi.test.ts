import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tagTimes } from './index.ts';
import type { PartialDate } from '../../types.ts';

const A = '2024-11-19'; // a Tuesday
type Row = [text: string, anchor: string | null, surface: string, value: string | null, extra?: { mod?: string; type?: string }];

const anchorOf = (v: string | null): PartialDate | null =>
  v === null ? null : { value: v, precision: v.length === 10 ? 'day' : v.length === 7 ? 'month' : 'year', evidence: 'test' };

// Phrases in the style of Vietnamese news. Each row: text, anchor, the expression found, its value.
const rows: Row[] = [
  // absolute
  ['Ngày 12/11/2024, Bộ Ngoại giao thông báo', A, 'Ngày 12/11/2024', '2024-11-12'],
  ['ngày 18 tháng 11 năm 2020, hai bên ký kết', A, 'ngày 18 tháng 11 năm 2020', '2020-11-18'],
  ['Hội nghị diễn ra ngày 18-11-2020 tại Hà Nội', A, 'ngày 18-11-2020', '2020-11-18'],
  ['Từ tháng 2/2023, giá xăng tăng', A, 'tháng 2/2023', '2023-02'],
  ['Vào tháng 5 năm 2024, hai nước ký hiệp định', A, 'tháng 5 năm 2024', '2024-05'],
  ['Kế hoạch sẽ hoàn thành trong năm 2026', A, 'năm 2026', '2026'],
  ['Số liệu cập nhật đến 2023-09', A, '2023-09', '2023-09'],
  ['Ngày 30/4/1975 đất nước thống nhất', A, 'Ngày 30/4/1975', '1975-04-30'],
  ['Cuộc gặp diễn ra hồi tháng 2/2023 tại Moskva', null, 'tháng 2/2023', '2023-02'],
  ['Số liệu ngày 12.11.2024 cho thấy', A, 'ngày 12.11.2024', '2024-11-12'],
  ['Những năm 1990, kinh tế khó khăn', A, 'Những năm 1990', '199'],
  // partial: the year from the anchor (nearest, a past day preferred), or unknown
  ['Ngày 12/11, tại thủ đô Bắc Kinh', A, 'Ngày 12/11', '2024-11-12'],
  ['Ngày 12/11, tại thủ đô Bắc Kinh', null, 'Ngày 12/11', 'XXXX-11-12'],
  ['Ngày 18/11, Ngoại trưởng điện đàm', null, 'Ngày 18/11', 'XXXX-11-18'],
  ['Ngày 28/12, hai bên ký kết', '2025-01-05', 'Ngày 28/12', '2024-12-28'],
  ['Ngày 3/1, hội nghị sẽ khai mạc', '2024-12-28', 'Ngày 3/1', '2025-01-03'],
  ['Sáng 5/3, Chủ tịch nước tiếp đại sứ', A, 'Sáng 5/3', '2024-03-05TMO', { type: 'time' }],
  ['Ngày 12/11, hội nghị khai mạc', '2024-11', 'Ngày 12/11', '2024-11-12'],
  // relative to the anchor
  ['Hôm qua, Thủ tướng đã tiếp đoàn', A, 'Hôm qua', '2024-11-18'],
  ['Hôm nay, Quốc hội bế mạc kỳ họp', A, 'Hôm nay', '2024-11-19'],
  ['Ngày mai, đoàn sẽ lên đường', A, 'Ngày mai', '2024-11-20'],
  ['Hôm kia, cơ quan chức năng đã bắt giữ', A, 'Hôm kia', '2024-11-17'],
  ['Tuần trước, hai bên đã điện đàm', A, 'Tuần trước', '2024-W46'],
  ['Tuần này, giá vàng giảm mạnh', A, 'Tuần này', '2024-W47'],
  ['Tuần tới, Quốc hội khai mạc', A, 'Tuần tới', '2024-W48'],
  ['Tháng trước, xuất khẩu tăng 10%', A, 'Tháng trước', '2024-10'],
  ['Tháng này, giá điện điều chỉnh', A, 'Tháng này', '2024-11'],
  ['Tháng tới, giá xăng dự kiến giảm', A, 'Tháng tới', '2024-12'],
  ['Năm nay, kinh tế tăng trưởng 6%', A, 'Năm nay', '2024'],
  ['Năm ngoái, GDP đạt 430 tỷ USD', A, 'Năm ngoái', '2023'],
  ['Năm tới, ngân sách sẽ tăng', A, 'Năm tới', '2025'],
  ['Năm nay, kinh tế tăng trưởng', '2023-09', 'Năm nay', '2023'],
  ['Nga nhận chức chủ tịch vào đầu năm nay', A, 'đầu năm nay', '2024', { mod: 'approx' }],
  ['Dự án khởi công vào cuối tháng này', A, 'cuối tháng này', '2024-11', { mod: 'approx' }],
  ['Đầu tháng 5, giá phân bón tăng', A, 'Đầu tháng 5', '2024-05', { mod: 'approx' }],
  ['Cuối năm 2023, lạm phát giảm', A, 'Cuối năm 2023', '2023', { mod: 'approx' }],
  ['Trong năm qua, hai nước gặp nhau 3 lần', A, 'Trong năm qua', 'P1Y', { type: 'duration' }],
  ['Vụ việc xảy ra 2 ngày trước', A, '2 ngày trước', '2024-11-17'],
  ['5 năm trước, ông là giám đốc', A, '5 năm trước', '2019'],
  ['Trong 3 tháng qua, giá nhà tăng', A, '3 tháng qua', 'P3M', { type: 'duration' }],
  ['Quý trước, lợi nhuận tăng', A, 'Quý trước', '2024-Q3'],
  // no anchor: relative expressions stay unresolved (never the machine's clock)
  ['Hôm qua, Thủ tướng đã tiếp đoàn', null, 'Hôm qua', null],
  ['Tuần trước, hai bên đã điện đàm', null, 'Tuần trước', null],
  ['Năm nay, kinh tế tăng trưởng', null, 'Năm nay', null],
  ['Hôm qua, hai bên điện đàm', '2023-09', 'Hôm qua', null],
  // parts of day and clock times
  ['Sáng nay, Quốc hội họp phiên bế mạc', A, 'Sáng nay', '2024-11-19TMO', { type: 'time' }],
  ['Chiều 20/11, đoàn đã về nước', A, 'Chiều 20/11', '2024-11-20TAF', { type: 'time' }],
  ['Tối qua, một vụ cháy lớn xảy ra', A, 'Tối qua', '2024-11-18TEV', { type: 'time' }],
  ['Đêm 12/11, mưa lớn gây ngập', A, 'Đêm 12/11', '2024-11-12TNI', { type: 'time' }],
  ['Chiều qua, giá vàng tăng', A, 'Chiều qua', '2024-11-18TAF', { type: 'time' }],
  ['Tối nay, trận chung kết diễn ra', A, 'Tối nay', '2024-11-19TEV', { type: 'time' }],
  ['Sáng mai, đoàn sẽ làm việc tại Đà Nẵng', A, 'Sáng mai', '2024-11-20TMO', { type: 'time' }],
  ['Trưa 14/7, tàu cập cảng', A, 'Trưa 14/7', '2024-07-14TMI', { type: 'time' }],
  ['Cuộc họp bắt đầu lúc 15h30', A, '15h30', '2024-11-19T15:30', { type: 'time' }],
  ['Cuộc họp bắt đầu lúc 15 giờ 30 phút', A, '15 giờ 30 phút', '2024-11-19T15:30', { type: 'time' }],
  ['Lúc 9h sáng 2/11, đoàn xe xuất phát', A, '9h sáng 2/11', '2024-11-02T09:00', { type: 'time' }],
  ['Khoảng 20h ngày 3/9, vụ tai nạn xảy ra', A, 'Khoảng 20h ngày 3/9', '2024-09-03T20:00', { type: 'time', mod: 'approx' }],
  ['Rạng sáng 1/1/2025, pháo hoa được bắn', A, 'Rạng sáng 1/1/2025', '2025-01-01TNI', { type: 'time' }],
  ['Vụ nổ xảy ra lúc 8 giờ tối 5/10', A, '8 giờ tối 5/10', '2024-10-05T20:00', { type: 'time' }],
  // weekdays
  ['Thứ Hai tuần trước, ông đã từ chức', A, 'Thứ Hai tuần trước', '2024-11-11'],
  ['Thứ Ba, Bộ Ngoại giao ra thông cáo', '2024-11-21', 'Thứ Ba', '2024-11-19'],
  ['Vào một ngày thứ Ba gần đây tại Bắc Kinh', '2024-11-22', 'một ngày thứ Ba gần đây', '2024-11-19', { mod: 'approx' }],
  ['Vào một ngày thứ Ba gần đây tại Bắc Kinh', null, 'một ngày thứ Ba gần đây', 'XXXX-WXX-2', { mod: 'approx' }],
  ['Chủ nhật tới, cuộc bầu cử sẽ diễn ra', A, 'Chủ nhật tới', '2024-11-24'],
  ['Thứ Sáu vừa qua, thị trường chứng khoán giảm', A, 'Thứ Sáu vừa qua', '2024-11-15'],
  ['Thứ Tư tuần này, ông sẽ có bài phát biểu', A, 'Thứ Tư tuần này', '2024-11-20'],
  ['Sự kiện diễn ra vào thứ 7 (16/11)', A, 'thứ 7 (16/11)', '2024-11-16'],
  // quarters and halves
  ['Doanh thu quý 3 tăng 5%', A, 'quý 3', '2024-Q3'],
  ['Trong quý III/2024, lợi nhuận giảm', A, 'quý III/2024', '2024-Q3'],
  ['Quý I năm nay, tăng trưởng đạt 5,66%', A, 'Quý I năm nay', '2024-Q1'],
  ['Trong 6 tháng đầu năm, xuất khẩu tăng', A, '6 tháng đầu năm', '2024-H1'],
  ['Nửa cuối năm, kinh tế sẽ phục hồi', A, 'Nửa cuối năm', '2024-H2'],
  // lunar calendar (Tết 2024 fell on 10 Feb, Tết 2025 on 29 Jan; Mid-Autumn 2024 on 17 Sep)
  ['Người dân chuẩn bị đón Tết', A, 'Tết', '2025-01-29', { mod: 'approx' }],
  ['Dịp Tết Nguyên đán, nhiều người về quê', '2024-03-01', 'Tết Nguyên đán', '2024-02-10', { mod: 'approx' }],
  ['Hai ông điện đàm trước năm mới Âm lịch', '2024-02-12', 'năm mới Âm lịch', '2024-02-10', { mod: 'before' }],
  ['vào ngày đầu năm mới Âm lịch', '2024-02-12', 'ngày đầu năm mới Âm lịch', '2024-02-10'],
  ['Lễ hội diễn ra vào rằm tháng Giêng', '2024-11-19', 'rằm tháng Giêng', '2025-02-12'],
  ['Mùng 1 Tết, người dân đi lễ chùa', '2024-02-15', 'Mùng 1 Tết', '2024-02-10'],
  ['Lễ hội tổ chức ngày 15 tháng 8 âm lịch', '2024-10-01', 'ngày 15 tháng 8 âm lịch', '2024-09-17'],
  ['Ngày 15/8 âm lịch, nhiều gia đình bày cỗ', '2024-10-01', 'Ngày 15/8 âm lịch', '2024-09-17'],
  ['Cuộc điện đàm diễn ra trước ngày đầu năm mới Âm lịch (10/2), cho thấy', A, 'ngày đầu năm mới Âm lịch (10/2)', '2024-02-10', { mod: 'before' }],
  ['Cuộc điện đàm diễn ra trước ngày đầu năm mới Âm lịch (10/2), cho thấy', null, 'ngày đầu năm mới Âm lịch (10/2)', 'XXXX-02-10', { mod: 'before' }],
  // durations and sets stay as such
  ['Trong hai thập kỷ qua, cơ chế này đã phát huy hiệu quả', A, 'hai thập kỷ qua', 'P20Y', { type: 'duration' }],
  ['Kỷ niệm 75 năm thiết lập quan hệ ngoại giao', A, '75 năm', 'P75Y', { type: 'duration' }],
  ['Sau 3 ngày, đoàn cứu hộ tiếp cận hiện trường', A, '3 ngày', 'P3D', { type: 'duration' }],
  ['Trong những năm gần đây, hai nước tăng cường hợp tác', A, 'những năm gần đây', 'PXY', { type: 'duration' }],
  ['Hội nghị được tổ chức hằng năm', A, 'hằng năm', 'P1Y', { type: 'set' }],
  ['Hai bên gặp nhau mỗi tuần', A, 'mỗi tuần', 'P1W', { type: 'set' }],
  ['chức chủ tịch luân phiên thường niên của BRICS', A, 'thường niên', 'P1Y', { type: 'set' }],
  ['Hai bên sẽ họp định kỳ mỗi tháng', A, 'mỗi tháng', 'P1M', { type: 'set' }],
  ['Chợ phiên họp vào mỗi thứ Bảy', A, 'mỗi thứ Bảy', 'XXXX-WXX-6', { type: 'set' }],
];

test(`Vietnamese table: ${rows.length} phrases`, () => {
  assert.ok(rows.length >= 80);
  const failures: string[] = [];
  for (const [text, anchor, surface, value, extra] of rows) {
    const got = tagTimes(text, { language: 'vi', anchor: anchorOf(anchor) });
    const hit = got.find((t) => t.surface === surface);
    const wantType = extra?.type ?? 'date';
    if (!hit) failures.push(`${text} [${anchor}]: no '${surface}' in ${JSON.stringify(got.map((t) => t.surface))}`);
    else if (hit.value !== value || hit.type !== wantType || (extra?.mod !== undefined && hit.mod !== extra.mod))
      failures.push(`${text} [${anchor}]: got ${hit.value} ${hit.type} ${hit.mod}; want ${value} ${wantType} ${extra?.mod ?? ''}`);
    else if (hit && text.slice(hit.start, hit.end) !== hit.surface) failures.push(`${text}: offsets do not match the surface`);
  }
  assert.deepEqual(failures, []);
});

test('ordinals are not weekdays', () => {
  assert.deepEqual(tagTimes('Đây là vòng tham vấn lần thứ ba giữa hai nước', { language: 'vi', anchor: anchorOf(A) }), []);
  const t = tagTimes('Hai bên gặp nhau lần thứ hai vào năm 2019', { language: 'vi', anchor: anchorOf(A) });
  assert.deepEqual(t.map((x) => x.surface), ['năm 2019']);
});

test('`năm` is five before a unit, but years in `những năm tháng`', () => {
  assert.deepEqual(tagTimes('Họ đã sống qua những năm tháng ác liệt nhất', { language: 'vi', anchor: anchorOf(A) }), []);
  assert.deepEqual(tagTimes('bao năm tháng chờ đợi', { language: 'vi', anchor: anchorOf(A) }), []);
  const five = tagTimes('Sau năm tháng điều trị, ông đã khỏi bệnh', { language: 'vi', anchor: anchorOf(A) });
  assert.deepEqual(five.map((x) => [x.surface, x.value]), [['năm tháng', 'P5M']]);
});

test('`2 năm rồi` is two years so far, `một ngày nào đó` no length of time', () => {
  const so = tagTimes('Gần 2 năm rồi vẫn không quên', { language: 'vi', anchor: anchorOf(A) });
  assert.deepEqual(so.map((x) => [x.surface, x.value, x.type]), [['2 năm rồi', 'P2Y', 'duration']]);
  assert.deepEqual(tagTimes('Tôi mơ ước một ngày nào đó được về quê', { language: 'vi', anchor: anchorOf(A) }), []);
  assert.deepEqual(tagTimes('Năm rồi, giá tăng', { language: 'vi', anchor: anchorOf(A) }).map((x) => x.value), ['2023']);
});

test('`tiếng` before a capital is a language, not an hour', () => {
  assert.deepEqual(tagTimes('Các em sẽ bị mai một tiếng Việt', { language: 'vi', anchor: anchorOf(A) }), []);
  assert.deepEqual(tagTimes('Cuộc họp kéo dài một tiếng', { language: 'vi', anchor: anchorOf(A) }).map((x) => x.value), ['PT1H']);
});

test('relative values record the anchor; absolute ones do not', () => {
  const [rel] = tagTimes('Hôm qua', { language: 'vi', anchor: anchorOf(A) });
  assert.equal(rel!.anchor, A);
  const [abs] = tagTimes('ngày 18 tháng 11 năm 2020', { language: 'vi', anchor: anchorOf(A) });
  assert.equal(abs!.anchor, null);
  assert.equal(abs!.precision, 'day');
});
