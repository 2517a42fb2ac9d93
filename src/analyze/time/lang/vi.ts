// Vietnamese time expressions: vocabulary and the patterns news uses (`Ngày 12/11`, `tối qua`,
// `thứ Hai tuần trước`, `quý III/2024`, `rằm tháng Giêng`, `hai thập kỷ qua`, `hằng năm`…).
import { addDays, anchorDay, fmtDay } from '../calendar.ts';
import {
  alt,
  day,
  dayMonth,
  duration,
  half,
  lookup,
  lunar,
  monthOnly,
  monthYear,
  quarter,
  relDay,
  relMonth,
  relQuarter,
  relWeek,
  relYear,
  set,
  timeOfDay,
  weekday,
  words,
  year,
  type Ctx,
  type Hit,
  type LangTable,
  type Rule,
} from '../engine.ts';
import { numericRules } from './generic.ts';

const NUMBERS: Record<string, number> = {
  một: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10,
  'mười một': 11, 'mười hai': 12, 'mười lăm': 15, 'hai mươi': 20, 'ba mươi': 30, 'năm mươi': 50, 'một trăm': 100,
};
/** `vài`, `mấy`, `nhiều` = some number: the value keeps an X. */
const SOME = ['vài', 'mấy', 'nhiều', 'hàng chục', 'hàng trăm'];
const NUM = `(\\d{1,3}|${alt([...Object.keys(NUMBERS), ...SOME])})`;
const num = (s: string | undefined): number | null => lookup(NUMBERS, s);

const MONTH_WORDS: Record<string, number> = { giêng: 1, chạp: 12, ...Object.fromEntries(Object.entries(NUMBERS).filter(([, v]) => v <= 12)) };
const MONTH = `(\\d{1,2}|giêng|chạp|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười một|mười hai|mười)`;
const month = (s: string | undefined): number => lookup(MONTH_WORDS, s) ?? 0;

const WEEKDAYS: Record<string, number> = { hai: 1, ba: 2, tư: 3, năm: 4, sáu: 5, bảy: 6, '2': 1, '3': 2, '4': 3, '5': 4, '6': 5, '7': 6 };
const WD = `(?:thứ\\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|(chủ\\s+nhật))`;
const wd = (m: RegExpExecArray, i: number): number => (m[i + 1] ? 7 : WEEKDAYS[m[i]!.toLowerCase()] ?? 0);

/** `thứ ba` is also "third": take it as a weekday only when the text says so. */
function isWeekday(m: RegExpExecArray, i: number, ctx: Ctx, strong: boolean): boolean {
  if (m[i + 1] || strong) return true;
  const w = m[i]!;
  const before = ctx.text.slice(Math.max(0, m.index - 25), m.index);
  if (/(?:lần|vòng|hạng|lượt|khóa|kỳ|phiên|người|thế hệ|nhiệm|đợt|lớp|số|điều|mục|phần|giải)\s*$/iu.test(before)) return false;
  if (/^\p{Lu}/u.test(w)) return true;
  return /(?:vào|ngày|hôm|sáng|trưa|chiều|tối|đêm|,|\()\s*$/iu.test(before);
}

const POD: Record<string, string> = { sáng: 'TMO', 'sáng sớm': 'TMO', 'rạng sáng': 'TNI', trưa: 'TMI', chiều: 'TAF', tối: 'TEV', đêm: 'TNI', khuya: 'TNI', 'đêm khuya': 'TNI' };
const PODRE = `(${alt(Object.keys(POD))})`;
const pod = (s: string): string => POD[s.toLowerCase().replace(/\s+/g, ' ')] ?? 'TDT';

const REL_DAY: Record<string, number> = { 'hôm nay': 0, 'ngày hôm nay': 0, nay: 0, 'hôm qua': -1, 'ngày hôm qua': -1, qua: -1, 'hôm kia': -2, 'ngày mai': 1, mai: 1, 'ngày kia': 2, 'ngày mốt': 2 };
const REL: Record<string, number> = { này: 0, nay: 0, trước: -1, ngoái: -1, rồi: -1, qua: -1, 'vừa qua': -1, tới: 1, sau: 1, 'sắp tới': 1, 'kế tiếp': 1, 'tiếp theo': 1 };
const RELRE = `(${alt(Object.keys(REL))})`;
const UNITS: Record<string, [string, number]> = {
  ngày: ['D', 1], tuần: ['W', 1], tháng: ['M', 1], năm: ['Y', 1], quý: ['M', 3], 'thập kỷ': ['Y', 10], 'thập niên': ['Y', 10],
  'thế kỷ': ['Y', 100], giờ: ['H', 1], tiếng: ['H', 1], 'tiếng đồng hồ': ['H', 1], phút: ['MIN', 1],
};
const UNIT = `(${alt(Object.keys(UNITS))})`;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4, một: 1, hai: 2, ba: 3, bốn: 4, tư: 4 };

function rel(ctx: Ctx, unit: string, n: number): Hit {
  return unit === 'tuần' ? relWeek(ctx, n) : unit === 'tháng' ? relMonth(ctx, n) : unit === 'quý' ? relQuarter(ctx, n) : relYear(ctx, n);
}

function podDay(ctx: Ctx, p: string, n: number): Hit {
  const a = anchorDay(ctx.anchor);
  if (!a) return { value: null, precision: null, type: 'time', relative: true };
  return { ...day(addDays(a, n), true), value: `${fmtDay(addDays(a, n))}${pod(p)}`, type: 'time' };
}

const rules: Rule[] = [
  // ---- absolute and partial dates ----
  {
    name: 'vi-ngay-d-m-y',
    re: words(`(?:(?:ngày|hôm|mùng|mồng)\\s+)?(\\d{1,2})\\s+tháng\\s+${MONTH}(?:\\s*(?:năm\\s+|[/,]\\s*)(\\d{4}))?`),
    resolve: (m, ctx) => dayMonth(ctx, Number(m[1]), month(m[2]), m[3] ? Number(m[3]) : null),
  },
  {
    name: 'vi-ngay-numeric',
    re: words('(?:ngày|hôm|mùng|mồng)\\s+(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})(?:\\s*\\2\\s*(\\d{4}))?(?![/.-]?\\d)'),
    resolve: (m, ctx) => dayMonth(ctx, Number(m[1]), Number(m[3]), m[4] ? Number(m[4]) : null),
  },
  {
    // A bare `12/11` is a date only where the sentence leads into one (`chiều 20/11`, `(10/2)`, `và 13/11`).
    name: 'vi-bare-d-m',
    re: new RegExp(
      `(?<=(?:^|[^\\p{L}\\p{N}])(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|rạng sáng|vào|từ|đến|tới|trước|sau|qua|đầu|giữa|cuối|lúc|và|hoặc|nhật|hai|ba|tư|năm|sáu|bảy|[2-7])\\s*,?\\s*|\\(\\s*|^)(\\d{1,2})\\s*/\\s*(\\d{1,2})(?![/.-]?\\d)`,
      'giu',
    ),
    resolve: (m, ctx) => dayMonth(ctx, Number(m[1]), Number(m[2]), null),
  },
  {
    name: 'vi-month-year',
    re: words(`tháng\\s+${MONTH}\\s*(?:[/-]|,?\\s*năm)\\s*(\\d{4})`),
    resolve: (m) => monthYear(month(m[1]), Number(m[2])),
  },
  { name: 'vi-month', re: words(`tháng\\s+(\\d{1,2}|giêng|chạp)(?!\\s*[/.-]?\\s*\\d)`), resolve: (m, ctx) => monthOnly(ctx, month(m[1])) },
  { name: 'vi-year', re: words('năm\\s+(\\d{4})'), resolve: (m) => year(Number(m[1])) },
  { name: 'vi-bare-year', re: words('(?<=(?:từ|đến|tới|vào|trước|sau|trong|cuối|đầu|giữa|hồi)\\s+)((?:19|20)\\d{2})(?![.,]\\d)'), resolve: (m) => year(Number(m[1])) },
  {
    name: 'vi-decade',
    re: words('(?:những\\s+)?(?:năm|thập niên|thập kỷ)\\s+((?:19|20)?\\d)0(?:s)?(?:\\s+(?:của\\s+)?thế\\s+kỷ\\s+(XX|XXI|20|21))?'),
    resolve: (m) => {
      let d = m[1]!;
      if (d.length === 1) d = (m[2] === 'XXI' || m[2] === '21' ? '20' : '19') + d;
      return d.length === 3 ? { value: d, precision: null, type: 'date', relative: false } : null;
    },
  },

  // ---- relative to the anchor ----
  { name: 'vi-rel-day', re: words('ngày\\s+hôm\\s+(?:nay|qua)|hôm\\s+(?:nay|qua|kia)|ngày\\s+(?:mai|kia|mốt)'), resolve: (m, ctx) => relDay(ctx, REL_DAY[m[0].toLowerCase().replace(/\s+/g, ' ')] ?? 0) },
  {
    name: 'vi-rel-unit',
    re: words(`(tuần|tháng|năm|quý)\\s+${RELRE}`),
    resolve: (m, ctx) => rel(ctx, m[1]!.toLowerCase(), REL[m[2]!.toLowerCase().replace(/\s+/g, ' ')] ?? 0),
  },
  {
    // `trong năm qua`, `trong tuần qua`: the span of time just past, not the calendar unit.
    name: 'vi-within-past',
    re: words('trong\\s+(?:suốt\\s+)?(tuần|tháng|năm|quý)\\s+(?:qua|vừa qua)'),
    resolve: (m) => {
      const [u, k] = UNITS[m[1]!.toLowerCase()]!;
      return duration(k, u);
    },
  },
  {
    name: 'vi-recent-years',
    re: words('(?:những|các|mấy)\\s+(ngày|tuần|tháng|năm|thập kỷ|thập niên)\\s+(?:gần đây|qua|vừa qua|tới|sắp tới)'),
    resolve: (m) => duration(null, UNITS[m[1]!.toLowerCase()]![0]),
  },
  {
    name: 'vi-n-units',
    re: words(`${NUM}\\s+${UNIT}(?:\\s+(trước|qua|vừa qua|nay|tới|sắp tới|sau|gần đây|trở lại đây|rồi))?`),
    resolve: (m, ctx) => {
      const unit = m[2]!.toLowerCase().replace(/\s+/g, ' ');
      // `những năm tháng ác liệt`: `năm` is years there, not five (a count takes no `những` before it).
      if (m[1]!.toLowerCase() === 'năm' && /(?:những|các|bao|mấy)\s+$/iu.test(ctx.text.slice(Math.max(0, m.index - 8), m.index))) return null;
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 6);
      // `một ngày nào đó`: some day, no length of time.
      if (!m[3] && /^\s+nào(?![\p{L}\p{M}])/u.test(after)) return null;
      // `tiếng Việt`, `tiếng Anh`: a language (`mai một tiếng Việt`), not an hour.
      if (!m[3] && unit === 'tiếng' && /^\s+\p{Lu}/u.test(after)) return null;
      const [u, k] = UNITS[unit]!;
      const n = num(m[1]);
      const n2 = n === null ? null : n * k;
      const dir = m[3]?.toLowerCase();
      if (dir === 'trước' && n !== null && (unit === 'ngày' || unit === 'tuần' || unit === 'tháng' || unit === 'năm')) {
        if (unit === 'ngày') return relDay(ctx, -n);
        if (unit === 'tuần') return relWeek(ctx, -n);
        if (unit === 'tháng') return relMonth(ctx, -n);
        return relYear(ctx, -n);
      }
      // `2 giờ` alone is a duration; a clock time needs minutes or a part of day (rule below).
      return duration(n2, u);
    },
  },
  {
    name: 'vi-start-end',
    re: words('(đầu|cuối|giữa)\\s+(năm|tháng|tuần)(?!\\s*(?:nay|này|trước|ngoái|tới|sau|qua|rồi|\\d|giêng|chạp))'),
    resolve: (m, ctx) => ({ ...rel(ctx, m[2]!.toLowerCase(), 0), mod: 'approx' }),
  },
  {
    name: 'vi-half',
    re: words('(?:6|sáu)\\s+tháng\\s+(đầu|cuối)\\s+năm(?:\\s+(nay|ngoái|trước|tới|(\\d{4})))?|nửa\\s+(đầu|cuối|sau)\\s+năm(?:\\s+(nay|ngoái|trước|tới|(\\d{4})))?'),
    resolve: (m, ctx) => {
      const which = (m[1] ?? m[4])!.toLowerCase() === 'đầu' ? 1 : 2;
      const relw = (m[2] ?? m[5])?.toLowerCase();
      const y = m[3] ?? m[6];
      if (y) return half(ctx, which, Number(y));
      const off = relw ? REL[relw] ?? 0 : 0;
      const base = ctx.anchor?.y ?? null;
      return { ...half(ctx, which, base === null ? null : base + off), relative: true, explicitYear: undefined };
    },
  },
  {
    name: 'vi-quarter',
    re: words('quý\\s+(I{1,3}|IV|[1-4]|một|hai|ba|bốn|tư)(?:\\s*(?:[/-]|,?\\s*năm)\\s*(\\d{4}))?(?:\\s+năm\\s+(nay|ngoái|trước|tới))?'),
    resolve: (m, ctx) => {
      const q = ROMAN[m[1]!.toLowerCase()] ?? 0;
      if (m[2]) return quarter(ctx, q, Number(m[2]));
      if (m[3] && ctx.anchor?.y != null) return { ...quarter(ctx, q, ctx.anchor.y + (REL[m[3].toLowerCase()] ?? 0))!, relative: true, explicitYear: undefined };
      return quarter(ctx, q, null);
    },
  },

  // ---- weekdays ----
  {
    name: 'vi-weekday-week',
    re: words(`${WD}\\s+tuần\\s+${RELRE}`),
    resolve: (m, ctx) => ({ ...weekday(ctx, wd(m, 1), REL[m[3]!.toLowerCase().replace(/\s+/g, ' ')] ?? 0), weekday: false }),
  },
  {
    name: 'vi-weekday-recent',
    re: words(`(?:một\\s+)?(?:ngày\\s+)?${WD}\\s+(gần đây|vừa qua|tuần rồi|tới|sắp tới|này|trước)`),
    resolve: (m, ctx) => {
      const dir = m[3]!.toLowerCase().replace(/\s+/g, ' ');
      const future = dir === 'tới' || dir === 'sắp tới';
      const hit = weekday(ctx, wd(m, 1), future ? 'future' : 'past');
      return { ...hit, weekday: false, mod: dir === 'gần đây' ? 'approx' : null };
    },
  },
  {
    name: 'vi-weekday',
    re: words(`(?:ngày\\s+)?${WD}`),
    resolve: (m, ctx) => (isWeekday(m, 1, ctx, /^ngày/iu.test(m[0])) ? weekday(ctx, wd(m, 1), 'past') : null),
  },

  // ---- parts of day and clock times ----
  { name: 'vi-pod-rel', re: words(`${PODRE}\\s+(hôm\\s+nay|hôm\\s+qua|hôm\\s+kia|ngày\\s+mai|nay|qua|mai)`), resolve: (m, ctx) => podDay(ctx, m[1]!, REL_DAY[m[2]!.toLowerCase().replace(/\s+/g, ' ')] ?? 0) },
  { name: 'vi-pod', re: words(`${PODRE}(?:\\s+ngày)?`), resolve: (m) => timeOfDay(pod(m[1]!), true) },
  {
    name: 'vi-clock',
    re: words(`(\\d{1,2})\\s*(?:h|giờ|g|:)\\s*(?:(\\d{2})\\s*(?:phút|p|')?)?(?:\\s+${PODRE})?`),
    resolve: (m, ctx) => {
      const h = Number(m[1]);
      const min = m[2] ? Number(m[2]) : 0;
      if (h > 24 || min > 59) return null;
      const unitWord = /giờ/iu.test(m[0]);
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      // `2 giờ` with nothing else is two hours; `lúc 2 giờ`, `14 giờ`, `2 giờ chiều` are times.
      if (unitWord && !m[2] && !m[3] && h <= 12 && !/(?:lúc|vào|từ|đến)\s*$/iu.test(before)) return null;
      if (!unitWord && !/h/iu.test(m[0]) && !m[2]) return null;
      let hh = h;
      const p = m[3] ? pod(m[3]) : null;
      if (p && (p === 'TAF' || p === 'TEV' || (p === 'TNI' && h >= 6)) && h < 12) hh += 12;
      return timeOfDay(`T${String(hh).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
    },
  },

  // ---- lunar calendar ----
  {
    name: 'vi-lunar-new-year',
    re: words('(?:(?:ngày\\s+)?(?:đầu\\s+(?:tiên\\s+)?(?:của\\s+)?)?năm\\s+mới\\s+(?:âm\\s+lịch|nguyên\\s+đán|theo\\s+âm\\s+lịch))|(?:(?:ngày\\s+)?(?:mùng|mồng)\\s+(\\d|một|hai|ba|bốn)\\s+tết(?:\\s+nguyên\\s+đán)?)'),
    resolve: (m, ctx) => lunar(ctx, m[1] ? num(m[1]) ?? 1 : 1, 1),
  },
  {
    name: 'vi-tet',
    re: words('tết(?:\\s+(nguyên\\s+đán|âm\\s+lịch|cổ\\s+truyền|trung\\s+thu|đoan\\s+ngọ|dương\\s+lịch|tây))?(?:\\s+(?:năm\\s+)?((?:19|20)\\d{2}|giáp|ất|bính|đinh|mậu|kỷ|canh|tân|nhâm|quý)\\b)?'),
    resolve: (m, ctx) => {
      const kind = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
      if (kind === 'trung thu') return lunar(ctx, 15, 8);
      if (kind === 'đoan ngọ') return lunar(ctx, 5, 5);
      if (kind === 'dương lịch' || kind === 'tây') return { ...dayMonth(ctx, 1, 1, null)!, mod: null };
      // Tết is a festival of several days: the value is its first day, approximately.
      return { ...lunar(ctx, 1, 1), mod: 'approx' };
    },
  },
  {
    name: 'vi-lunar-date',
    re: words(`(?:(?:ngày|mùng|mồng)\\s+)?(\\d{1,2})\\s*(?:tháng\\s+|/)${MONTH}\\s*(?:năm\\s+\\p{L}+\\s+)?\\(?(?:âm\\s+lịch|âm|al)\\)?`),
    resolve: (m, ctx) => lunar(ctx, Number(m[1]), month(m[2])),
  },
  {
    name: 'vi-ram',
    re: words(`rằm\\s+tháng\\s+${MONTH}(?:\\s+(?:âm\\s+lịch|âm))?`),
    resolve: (m, ctx) => lunar(ctx, 15, month(m[1])),
  },

  // ---- sets and present ----
  {
    name: 'vi-set',
    re: words('(?:hằng|hàng|mỗi|mọi)\\s+(ngày|tuần|tháng|năm|quý)|thường\\s+niên|định\\s+kỳ\\s+hằng\\s+năm'),
    resolve: (m) => {
      const u = (m[1] ?? 'năm').toLowerCase();
      return set(u === 'ngày' ? 'P1D' : u === 'tuần' ? 'P1W' : u === 'tháng' ? 'P1M' : u === 'quý' ? 'P3M' : 'P1Y');
    },
  },
  { name: 'vi-every-weekday', re: words(`(?:mỗi|hằng|hàng|các)\\s+(?:ngày\\s+)?${WD}`), resolve: (m) => set(`XXXX-WXX-${wd(m, 1)}`) },
  { name: 'vi-present', re: words('hiện\\s+nay|bây\\s+giờ|lúc\\s+này'), resolve: () => ({ value: 'PRESENT_REF', precision: null, type: 'date', relative: false }) },
];

export const vi: LangTable = {
  code: 'vi',
  dayFirst: true,
  rules: [...rules, ...numericRules.map((r) => ({ ...r, name: `vi-${r.name}` }))],
  approxPrefix: /(?<![\p{L}])(?:vào\s+khoảng|khoảng|hồi\s+đầu|đầu|cuối|giữa|trung\s+tuần)/u,
  beforePrefix: /(?<![\p{L}])(?:trước(?:\s+khi)?|cho\s+đến|cho\s+tới|đến\s+trước)/u,
  afterPrefix: /(?<![\p{L}])(?:sau(?:\s+khi)?|kể\s+từ(?:\s+sau)?)/u,
  joiner: /^\s*,?\s*(?:ngày|hôm|vào|lúc)?\s*,?\s*$/iu,
  approachingCue: /^\s*(?:đang\s+(?:đến|tới)\s+gần|sắp\s+(?:đến|tới)|đang\s+tới|tới\s+đây|sắp\s+tới)/iu,
};
