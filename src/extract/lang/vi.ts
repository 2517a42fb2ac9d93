import type { ExtractLanguage } from './types.ts';

export const vi: ExtractLanguage = {
  code: 'vi',
  months: {},
  weekdays: ['thứ hai', 'thứ ba', 'thứ tư', 'thứ năm', 'thứ sáu', 'thứ bảy', 'chủ nhật', 't2', 't3', 't4', 't5', 't6', 't7', 'cn'],
  dayWords: ['ngày', 'hôm'],
  numericOrder: 'dmy',
  yearWords: ['năm', 'từ năm', 'đến năm'],
  futureAfterYear: ['đang đến gần', 'sắp tới', 'sắp đến', 'tới đây'],
  sectionFooters: [
    'tin mới', 'tin mới nhất', 'tin cùng chuyên mục', 'bài liên quan', 'tin liên quan', 'xem thêm', 'đọc thêm',
    'tin khác', 'các tin khác', 'tin đọc nhiều', 'đọc nhiều', 'đọc nhiều nhất', 'tin nổi bật', 'có thể bạn quan tâm',
    'bạn có thể quan tâm', 'tin tức liên quan', 'bài viết liên quan', 'cùng chuyên mục', 'bình luận', 'ý kiến bạn đọc',
    'tin cùng chủ đề', 'tin xem nhiều', 'chủ đề', 'từ khóa', 'tags',
  ],
  captionLabels: ['ảnh', 'nguồn ảnh', 'ảnh minh họa', 'ảnh minh hoạ', 'nguồn', 'đồ họa', 'video'],
  pictureWords: ['ảnh', 'hình'],
  creditOpeners: ['theo', 'nguồn'],
  referenceHeadings: ['nguồn', 'nguồn tham khảo', 'tài liệu tham khảo', 'tham khảo'],
  relatedLabels: ['xem thêm', 'đọc thêm', 'tin liên quan', 'bài liên quan', 'mời xem', 'xem tiếp'],
  homeWords: ['trang chủ', 'trang nhất'],
  endMarks: ['./.', '/.', '-/-'],
  metadataKeys: ['ngày đăng', 'ngày xuất bản'],
  bylineOpeners: ['bài và ảnh', 'bài:', 'tác giả', 'phóng viên', 'nhóm phóng viên'],
};
