// The page's words in each interface language. Dates come from the API already labelled.
export type Lang = 'en' | 'vi';

const en = {
  search: 'Search articles, people, places…',
  stories: 'Stories',
  noStories: 'No stories yet. Ingest some articles: tinline ingest PATH',
  articles: (n: number) => `${n} article${n === 1 ? '' : 's'}`,
  events: (n: number) => `${n} event${n === 1 ? '' : 's'}`,
  summary: 'Summary',
  timeline: 'Timeline',
  who: 'Who and where',
  sources: 'Articles',
  names: 'Names',
  mentions: 'Mentions',
  inStories: 'In stories',
  noResults: 'No results',
  alsoSearching: 'Also searching:',
  results: 'Results for',
  loading: 'Loading…',
  yearUnknown: 'year unknown',
  placedBy: (y: number) => `placed by an estimated ${y}`,
  published: 'Published',
  source: 'Source',
  language: 'Language',
  origin: 'From',
  captions: 'Captions',
  removed: 'Removed while cleaning',
  entities: 'Entities',
  dates: 'Dates in the text',
  undated: 'undated',
  recalled: 'recalled',
  duplicateOf: 'Duplicate of',
  back: '← Stories',
  error: 'Something went wrong:',
  notFound: 'Not found.',
  type: { person: 'person', organization: 'organisation', location: 'place', other: 'other' } as Record<string, string>,
  reason: {
    navigation: 'navigation', breadcrumb: 'breadcrumb', 'date-header': 'page date', caption: 'photo caption', 'related-link': 'link to another story',
    credit: 'credit', footer: 'footer', 'end-mark': 'end mark', metadata: 'metadata', 'repeated-lead': 'repeated lead', byline: 'byline', title: 'title', boilerplate: 'boilerplate',
  } as Record<string, string>,
  switchTo: 'Tiếng Việt',
};

const vi: typeof en = {
  search: 'Tìm bài báo, người, nơi chốn…',
  stories: 'Câu chuyện',
  noStories: 'Chưa có câu chuyện nào. Hãy nạp bài báo: tinline ingest PATH',
  articles: (n) => `${n} bài báo`,
  events: (n) => `${n} sự kiện`,
  summary: 'Tóm tắt',
  timeline: 'Dòng thời gian',
  who: 'Ai và ở đâu',
  sources: 'Bài báo',
  names: 'Các tên gọi',
  mentions: 'Được nhắc đến',
  inStories: 'Trong các câu chuyện',
  noResults: 'Không có kết quả',
  alsoSearching: 'Tìm cả:',
  results: 'Kết quả cho',
  loading: 'Đang tải…',
  yearUnknown: 'không rõ năm',
  placedBy: (y) => `xếp theo năm ước tính ${y}`,
  published: 'Ngày đăng',
  source: 'Nguồn',
  language: 'Ngôn ngữ',
  origin: 'Lấy từ',
  captions: 'Chú thích ảnh',
  removed: 'Đã loại khi làm sạch',
  entities: 'Thực thể',
  dates: 'Thời gian trong bài',
  undated: 'không rõ ngày',
  recalled: 'nhắc lại',
  duplicateOf: 'Trùng với',
  back: '← Câu chuyện',
  error: 'Có lỗi:',
  notFound: 'Không tìm thấy.',
  type: { person: 'người', organization: 'tổ chức', location: 'địa danh', other: 'khác' },
  reason: {
    navigation: 'điều hướng', breadcrumb: 'đường dẫn trang', 'date-header': 'ngày của trang', caption: 'chú thích ảnh', 'related-link': 'liên kết bài khác',
    credit: 'nguồn ảnh/tin', footer: 'chân trang', 'end-mark': 'dấu kết bài', metadata: 'siêu dữ liệu', 'repeated-lead': 'sapo lặp lại', byline: 'tác giả', title: 'tiêu đề', boilerplate: 'nội dung lặp',
  },
  switchTo: 'English',
};

export const STRINGS: Record<Lang, typeof en> = { en, vi };

export function initialLang(): Lang {
  const saved = localStorage.getItem('tinline.lang');
  if (saved === 'en' || saved === 'vi') return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('vi') ? 'vi' : 'en';
}
