// Vietnamese tables for the analyzer.
import { isVietnameseSyllable } from '../../decode/index.ts';
import { viSegmenter } from '../segment.ts';
import type { LanguageTables } from './types.ts';

// Academic and office abbreviations written with a dot (`TS. Nguyễn`, `PGS.TS. Lê`, `TP. Hồ Chí Minh`).
const ABBREVIATIONS = [
  'TP', 'Tp', 'TS', 'ThS', 'PGS', 'GS', 'BS', 'KS', 'CN', 'NXB', 'Q', 'P', 'TT', 'TX', 'H', 'Th', 'St', 'v.v', 'vv',
  'Đ', 'đ', 'Ths', 'TTƯT', 'NSƯT', 'NSND', 'Nxb', 'tr', 'Tr', 'Lt', 'Ng', 'ĐT', 'Tel', 'tel', 'No', 'no',
];

export const vi: LanguageTables = {
  code: 'vi',
  abbreviations: new Set(ABBREVIATIONS),
  segmenter: viSegmenter,
  personTitles: [
    'Tổng Bí thư', 'Chủ tịch nước', 'Chủ tịch Quốc hội', 'Chủ tịch', 'Phó Chủ tịch', 'Tổng thống', 'Phó Tổng thống',
    'Thủ tướng', 'Phó Thủ tướng', 'Ngoại trưởng', 'Bộ trưởng', 'Thứ trưởng', 'Phó Bộ trưởng', 'Thư ký', 'Tổng Thư ký',
    'Ủy viên', 'Uỷ viên', 'Ủy viên Quốc vụ', 'Chủ nhiệm', 'Phó Chủ nhiệm', 'Giám đốc', 'Phó Giám đốc', 'Tổng Giám đốc',
    'Chánh văn phòng', 'Người phát ngôn', 'người phát ngôn', 'Đại sứ', 'Tướng', 'Đại tướng', 'Thượng tướng',
    'Trung tướng', 'Thiếu tướng', 'Đô đốc', 'Nghị sĩ', 'Thượng nghị sĩ', 'Hạ nghị sĩ', 'Thống đốc', 'Thị trưởng',
    'Quốc vương', 'Nhà vua', 'Vua', 'Hoàng tử', 'Công chúa', 'Nữ hoàng', 'Giáo hoàng', 'Tổng tư lệnh', 'Tư lệnh',
    'Chủ tịch Ủy ban', 'Bí thư', 'Phó Bí thư', 'Trưởng ban', 'Phó Trưởng ban', 'Trưởng phòng', 'Viện trưởng',
    'Hiệu trưởng', 'Đặc phái viên', 'Cố vấn', 'Huấn luyện viên', 'HLV', 'Tiến sĩ', 'Giáo sư', 'Phó Giáo sư',
    'TS.', 'PGS.TS.', 'GS.TS.', 'ThS.', 'PGS.', 'GS.', 'BS.', 'Nhà báo', 'Luật sư', 'Bác sĩ', 'Đại biểu', 'Thẩm phán',
    'Chánh án', 'Viện trưởng Viện Kiểm sát', 'Thủ lĩnh', 'lãnh đạo', 'Lãnh đạo', 'CEO', 'thư ký', 'giám đốc',
    'chủ tịch', 'tổng thống', 'thủ tướng', 'ngoại trưởng', 'bộ trưởng', 'phó chủ tịch', 'đại sứ',
  ],
  honorifics: ['ông', 'bà', 'Ông', 'Bà', 'anh', 'chị', 'Anh', 'Chị', 'cô', 'Cô', 'cụ', 'Cụ', 'ngài', 'Ngài', 'em', 'Em', 'thầy', 'Thầy'],
  personCues: ['người đồng cấp', 'Người đồng cấp', 'người đứng đầu'],
  orgHeads: [
    'Tổ chức', 'Hội đồng', 'Bộ', 'Liên minh', 'Nhóm', 'Ủy ban', 'Uỷ ban', 'Văn phòng', 'Điện', 'Đảng', 'Liên hợp quốc',
    'Liên Hợp Quốc', 'Liên hiệp quốc', 'Quốc hội', 'Chính phủ', 'Ngân hàng', 'Quỹ', 'Hiệp hội', 'Công ty', 'Tập đoàn',
    'Tổng công ty', 'Viện', 'Trường', 'Đại học', 'Học viện', 'Ban', 'Cục', 'Tổng cục', 'Sở', 'Vụ', 'Tòa án', 'Toà án',
    'Viện Kiểm sát', 'Quân đội', 'Quân khu', 'Lực lượng', 'Hãng', 'Báo', 'Đài', 'Thông tấn xã', 'Liên đoàn', 'Hội',
    'Mặt trận', 'Cơ quan', 'Trung tâm', 'Khối', 'Diễn đàn', 'Hạm đội', 'Nhà Trắng', 'Lầu Năm Góc', 'Cộng đồng',
      ],
  orgTails: [],
  orgLowercaseContinuation: true,
  orgStopWords: new Set([
    'và', 'của', 'với', 'là', 'đã', 'đang', 'sẽ', 'cho', 'tại', 'ở', 'trong', 'về', 'khi', 'thì', 'mà', 'này', 'đó',
    'nhằm', 'để', 'được', 'bị', 'có', 'không', 'cũng', 'vẫn', 'như', 'từ', 'đến', 'tới', 'theo', 'sau', 'trước',
    'cho biết', 'nói', 'khẳng định', 'nhấn mạnh', 'cùng', 'nhưng', 'hay', 'hoặc', 'vào', 'ra', 'lên', 'xuống',
    'hai', 'ba', 'nhiều', 'rằng', 'đều', 'nêu', 'gồm', 'bao gồm', 'thuộc', 'do', 'bởi', 'vì', 'nên',
    'đối với', 'giữa', 'tổ chức', 'tiến hành', 'thảo luận', 'gặp', 'kêu gọi', 'đề nghị', 'ủng hộ', 'phản đối', 'thông qua',
  ]),
  locationCues: ['tại', 'ở', 'Tại', 'Ở', 'thủ đô', 'Thủ đô', 'thành phố', 'Thành phố', 'tỉnh', 'Tỉnh', 'đến', 'tới',
    'từ', 'thăm', 'vùng', 'khu vực', 'miền', 'nước', 'quốc gia', 'đảo', 'bán đảo', 'sông', 'biển', 'huyện', 'xã', 'quận',
    'thị trấn', 'thị xã', 'châu', 'bang', 'Bang', 'TP.', 'TP'],
  notNames: new Set([
    'Theo', 'Trong', 'Tại', 'Ở', 'Khi', 'Sau', 'Trước', 'Với', 'Về', 'Cả', 'Các', 'Những', 'Một', 'Hai', 'Ba', 'Ông',
    'Bà', 'Anh', 'Chị', 'Ngày', 'Tháng', 'Năm', 'Tuần', 'Hôm', 'Thứ', 'Chủ nhật', 'Nhưng', 'Tuy', 'Tuy nhiên', 'Đồng thời',
    'Ngoài', 'Bên', 'Bên cạnh', 'Cuộc', 'Việc', 'Này', 'Đây', 'Đó', 'Hiện', 'Hiện nay', 'Nếu', 'Vì', 'Do', 'Nhìn',
    'Dưới', 'Trên', 'Từ', 'Đến', 'Để', 'Chúng', 'Chúng ta', 'Chúng tôi', 'Họ', 'Ảnh', 'Nguồn', 'Tin', 'Xem', 'Đối với',
    'Còn', 'Vào', 'Cũng', 'Như', 'Mỗi', 'Mọi', 'Nhiều', 'Tất cả', 'Kể', 'Kể từ', 'Hôm nay', 'Sáng', 'Chiều', 'Tối',
    'Trưa', 'Đêm', 'Nhà', 'Người', 'Phía', 'Phần', 'Hơn', 'Gần', 'Mới', 'Đặc biệt', 'Riêng', 'Giêng', 'Mười', 'Tư', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Chạp', 'Âm lịch', 'Dương lịch', 'Tết',
  ]),
  nameConnectors: new Set([]),
  placeInitials: (name) => name.split(/[\s-]+/).every(isVietnameseSyllable),
};
