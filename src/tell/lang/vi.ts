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

// Openings that lean on the sentence before: a place or time already named (`Tại đây`, `Cùng ngày`),
// a person or thing already named (`Ông này`, `Điều này`, `Hai bên`), or a link to the previous statement
// (`Theo đó`, `Ngoài ra`, `Tuy nhiên`).
const BACK_REFERENCES = [
  'tại đây', 'ở đây', 'tại đó', 'ở đó', 'theo đó', 'trong đó', 'trong khi đó', 'cũng trong', 'cũng theo', 'cũng tại',
  'cũng', 'cùng ngày', 'cùng lúc', 'cùng thời điểm', 'ông này', 'bà này', 'người này', 'vị này', 'điều này', 'điều đó',
  'việc này', 'việc đó', 'chuyện này', 'vụ việc này', 'động thái này', 'thông tin này', 'con số này', 'đây là', 'đó là',
  'đây cũng', 'đó cũng', 'bên cạnh đó', 'ngoài ra', 'thêm vào đó', 'hơn nữa', 'đồng thời', 'sau đó', 'trước đó',
  'khi đó', 'lúc đó', 'lúc này', 'vì vậy', 'vì thế', 'do đó', 'do vậy', 'bởi vậy', 'như vậy', 'tuy nhiên', 'tuy vậy',
  'dù vậy', 'mặt khác', 'trước tình hình đó', 'trước tình hình này', 'theo ông', 'theo bà', 'theo họ', 'họ', 'nó',
  'nhưng', 'còn', 'và', 'hai bên', 'hai nước', 'hai ông', 'hai người',
];

export const vi: TellLanguage = {
  stopWords: new Set(STOP.map((w) => w.normalize('NFC'))),
  backReferences: BACK_REFERENCES.map((w) => w.normalize('NFC')),
  pronounsUnlessNamed: ['ông', 'bà'],
  // `cơ chế này`, `cuộc họp đó`, `khi ấy`; `tuần này` is the current week, `nào đó` is indefinite.
  demonstratives: ['này', 'đó', 'ấy'],
  selfContained: ['tuần này', 'tháng này', 'năm này', 'nào đó'].map((w) => w.normalize('NFC')),
  formatDate({ year, month, day }, precision) {
    if (precision === 'year') return year === null ? 'không rõ năm' : `năm ${year}`;
    if (precision === 'month') return year === null ? `tháng ${month} (không rõ năm)` : `tháng ${month}/${year}`;
    return year === null ? `${day}/${month} (không rõ năm)` : `${day}/${month}/${year}`;
  },
};
