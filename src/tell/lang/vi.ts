import type { TellLanguage } from './types.ts';

// Vietnamese function words and reporting verbs (one token each, as the analyzer segments them).
// Time words (ngày, tháng, năm) are here too: every dated sentence has them, so they only add noise.
const STOP = [
  'và', 'của', 'các', 'những', 'được', 'là', 'có', 'trong', 'với', 'cho', 'này', 'đã', 'sẽ', 'đang', 'không',
  'một', 'theo', 'về', 'tại', 'từ', 'khi', 'đến', 'ra', 'vào', 'cũng', 'như', 'thì', 'mà', 'nhưng', 'nên', 'để',
  'do', 'bị', 'rằng', 'ngày', 'năm', 'tháng', 'lần', 'thứ', 'trên', 'dưới', 'sau', 'trước', 'qua', 'lại', 'còn',
  'nhiều', 'hơn', 'rất', 'đó', 'đây', 'ấy', 'nào', 'gì', 'ai', 'vẫn', 'đều', 'chỉ', 'mới', 'hai', 'ba', 'nói',
  'cho biết', 'cho rằng', 'nhằm', 'bởi', 'vì', 'nếu', 'hay', 'hoặc', 'cả', 'tới', 'ông', 'bà', 'anh', 'chị',
  'việc', 'sự', 'điều', 'nhau', 'phía', 'hôm', 'nay', 'tuần', 'giữa', 'thêm', 'vừa', 'tiếp', 'tục', 'tiếp tục',
  'đồng thời', 'bên', 'cùng', 'ở', 'thế', 'vậy', 'hết', 'luôn', 'mỗi', 'mọi', 'chúng', 'tôi', 'họ', 'chúng tôi',
];

export const vi: TellLanguage = {
  stopWords: new Set(STOP.map((w) => w.normalize('NFC'))),
  formatDate({ year, month, day }, precision) {
    if (precision === 'year') return year === null ? 'không rõ năm' : `năm ${year}`;
    if (precision === 'month') return year === null ? `tháng ${month} (không rõ năm)` : `tháng ${month}/${year}`;
    return year === null ? `${day}/${month} (không rõ năm)` : `${day}/${month}/${year}`;
  },
};
