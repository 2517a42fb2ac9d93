// English time expressions as TimeML annotates them in news (`November 19, 2024`, `last Tuesday`,
// `the third quarter`, `two weeks ago`, `3:30 p.m.`, `the past decade`, `annually`).
import { addDays, anchorDay, fmtDay } from '../calendar.ts';
import {
  alt,
  day,
  dayMonth,
  duration,
  half,
  lookup,
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

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const FULL = Object.keys(MONTHS).filter((k) => k.length > 4 || k === 'may' || k === 'june' || k === 'july');
const ABBR = Object.keys(MONTHS).filter((k) => !FULL.includes(k));
/** A full name never takes the sentence's full stop; an abbreviation may take its own (`Nov.`). */
const MONTH = `(${alt(FULL)}|(?:${alt(ABBR)})\\.?)`;
const month = (s: string | undefined): number => (s ? MONTHS[s.toLowerCase().replace(/\.$/, '')] ?? 0 : 0);
/** `may` is mostly a verb: a month only when written `May`. */
const monthOk = (s: string | undefined): boolean => !!s && (s.toLowerCase() !== 'may' || s === 'May' || s === 'MAY');

const WEEKDAYS: Record<string, number> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };
const WD = `(${alt(Object.keys(WEEKDAYS))})`;
const wd = (s: string | undefined): number => (s ? WEEKDAYS[s.toLowerCase()] ?? 0 : 0);

const NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, hundred: 100, 'a couple of': 2, 'a couple': 2, 'a half': 0.5, 'one and a half': 1.5,
};
const SOME = ['several', 'few', 'a few', 'many', 'some', 'the next few', 'a number of', 'recent'];
const NUM = `(\\d+(?:\\.\\d+)?|${alt([...Object.keys(NUMBERS), ...SOME])})`;
const num = (s: string | undefined): number | null => lookup(NUMBERS, s?.replace(/-/g, ' '));

const UNITS: Record<string, [string, number]> = {
  second: ['S', 1], minute: ['MIN', 1], hour: ['H', 1], day: ['D', 1], week: ['W', 1], fortnight: ['W', 2], month: ['M', 1],
  quarter: ['M', 3], year: ['Y', 1], decade: ['Y', 10], century: ['Y', 100],
};
const UNIT = '(second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ies))s?';
const unitOf = (s: string): [string, number] => UNITS[s.toLowerCase().replace(/ies$/, 'y').replace(/s$/, '')] ?? ['X', 1];

const ORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, final: 4, last: 4 };
const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };
const POD: Record<string, string> = { morning: 'TMO', afternoon: 'TAF', evening: 'TEV', night: 'TNI', noon: 'T12:00', midday: 'T12:00', midnight: 'T24:00' };

const REL: Record<string, number> = { this: 0, current: 0, last: -1, past: -1, previous: -1, next: 1, coming: 1, following: 1 };

function rel(ctx: Ctx, unit: string, n: number): Hit {
  const u = unit.toLowerCase();
  if (u === 'week') return relWeek(ctx, n);
  if (u === 'month') return relMonth(ctx, n);
  if (u === 'quarter') return relQuarter(ctx, n);
  if (u === 'day') return relDay(ctx, n);
  return relYear(ctx, n);
}

/** News in the past tense: a bare weekday is the last one; with `will`/`to` near it, the next one. */
function tense(ctx: Ctx, index: number): 'past' | 'future' {
  const before = ctx.text.slice(Math.max(0, index - 80), index).split(/[.;!?\n]\s/).pop() ?? '';
  // The clause the expression sits in: a `that`/`which` clause after it has its own tense.
  const after = ctx.text.slice(index, index + 60).split(/[.;!?\n]\s|,|\b(?:that|which|who)\b/)[0] ?? '';
  if (/\b(?:\w+ed|said|told|announced|made|held|came|took|met|saw|began|went)\s+(?:on\s+|last\s+)?$/i.test(before)) return 'past';
  return /\b(?:will|'ll|shall|(?:is|are)\s+(?:expected|scheduled|set|due|going)\s+to|plans?\s+to|upcoming)\b/i.test(`${before} ${after}`) ? 'future' : 'past';
}

function ago(ctx: Ctx, n: number | null, unit: string, sign: number): Hit {
  const [u] = unitOf(unit);
  if (n === null || !Number.isInteger(n)) {
    const a = ctx.anchor;
    return { value: a?.y != null ? 'PAST_REF' : null, precision: null, type: 'date', relative: true };
  }
  if (u === 'D') return relDay(ctx, sign * n);
  if (u === 'W') return relWeek(ctx, sign * n);
  if (u === 'M') return relMonth(ctx, sign * n);
  if (u === 'Y') return relYear(ctx, sign * n * unitOf(unit)[1]);
  return duration(n, u);
}

const present = (): Hit => ({ value: 'PRESENT_REF', precision: null, type: 'date', relative: true });
const ref = (v: string): Hit => ({ value: v, precision: null, type: 'date', relative: false });

const rules: Rule[] = [
  // ---- absolute ----
  {
    name: 'en-month-day-year',
    re: words(`(?:${WD},?\\s+)?${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![:\\d])`),
    resolve: (m, ctx) => (monthOk(m[2]) ? dayMonth(ctx, Number(m[3]), month(m[2]), m[4] ? Number(m[4]) : null) : null),
  },
  {
    name: 'en-day-month-year',
    re: words(`(?:${WD},?\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?`),
    resolve: (m, ctx) => (monthOk(m[3]) ? dayMonth(ctx, Number(m[2]), month(m[3]), m[4] ? Number(m[4]) : null) : null),
  },
  { name: 'en-month-year', re: words(`${MONTH},?\\s+(?:of\\s+)?(\\d{4})`), resolve: (m) => (monthOk(m[1]) ? monthYear(month(m[1]), Number(m[2])) : null) },
  {
    name: 'en-month',
    re: words(`${MONTH}`),
    resolve: (m, ctx) => {
      if (!/^\p{Lu}/u.test(m[1]!) || !monthOk(m[1]) || !(m[1]!.length > 3 || m[0].endsWith('.'))) return null;
      const mm = month(m[1]);
      const a = ctx.anchor;
      // A month ahead in a sentence about the future is this year's or next year's, not last year's.
      if (a?.y != null && a.m != null && tense(ctx, m.index) === 'future') return { ...monthYear(mm, mm >= a.m ? a.y : a.y + 1)!, relative: true, explicitYear: undefined };
      return monthOnly(ctx, mm);
    },
  },
  { name: 'en-month-rel', re: words(`(last|next|this)\\s+${MONTH}`), resolve: (m, ctx) => {
    if (!monthOk(m[2])) return null;
    const h = monthOnly(ctx, month(m[2]));
    if (!h?.value || !ctx.anchor?.y || !ctx.anchor.m) return h;
    const mm = month(m[2]);
    const w = m[1]!.toLowerCase();
    const y = w === 'last' ? (mm < ctx.anchor.m ? ctx.anchor.y : ctx.anchor.y - 1) : w === 'next' ? (mm > ctx.anchor.m ? ctx.anchor.y : ctx.anchor.y + 1) : ctx.anchor.y;
    return { ...monthYear(mm, y)!, relative: true, explicitYear: undefined };
  } },
  {
    name: 'en-year',
    re: words('(?:(?:fiscal|fiscal\\s+year|FY)\\s*)?((?:19|20)\\d{2})(?![-–]\\d|,\\d|\\.\\d|%|\\s*(?:people|cars|vehicles|units|jobs|workers|employees|dealers|dealerships|shares|dollars|euros|miles|km|feet|tons|tonnes|metres|meters))', 'gu'),
    resolve: (m, ctx) => {
      const b = ctx.text.slice(Math.max(0, m.index - 2), m.index);
      if (/[$€£#]\s*$|\d[,.]?$/.test(b)) return null;
      return year(Number(m[1]));
    },
  },
  { name: 'en-decade', re: words("(?:((?:19|20)\\d)0|'?([2-9])0)'?s"), resolve: (m) => ref(m[1] ?? `19${m[2]}`) },
  { name: 'en-century', re: words('(?:the\\s+)?(\\d{2})(?:st|nd|rd|th)\\s+century'), resolve: (m) => ref(String(Number(m[1]) - 1).padStart(2, '0')) },
  {
    name: 'en-quarter',
    re: words('(?:the\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)[-\\s]+quarter(?:\\s+of\\s+(?:(\\d{4})|(this|last|next)\\s+year|the\\s+(?:year|fiscal\\s+year))|\\s+(\\d{4}))?|(?:(\\d{4})\\s+)?Q([1-4])(?:\\s+(\\d{4}))?'),
    resolve: (m, ctx) => {
      const q = m[1] ? ORD[m[1].toLowerCase()] ?? 0 : Number(m[6]);
      const y = m[2] ?? m[4] ?? m[5] ?? m[7];
      if (y) return quarter(ctx, q, Number(y));
      if (m[3] && ctx.anchor?.y != null) return { ...quarter(ctx, q, ctx.anchor.y + (REL[m[3].toLowerCase()] ?? 0))!, relative: true, explicitYear: undefined };
      // `the last quarter` alone is the quarter before the anchor's.
      if (m[1]?.toLowerCase() === 'last' && !y) return relQuarter(ctx, -1);
      return quarter(ctx, q, null);
    },
  },
  {
    name: 'en-half',
    re: words('(?:the\\s+)?(first|second|latter)\\s+half(?:\\s+of\\s+(?:(\\d{4})|(this|last|next)\\s+year|the\\s+year))?'),
    resolve: (m, ctx) => {
      const h = m[1]!.toLowerCase() === 'first' ? 1 : 2;
      if (m[2]) return half(ctx, h, Number(m[2]));
      const base = ctx.anchor?.y ?? null;
      return { ...half(ctx, h, base === null ? null : base + (REL[m[3]?.toLowerCase() ?? 'this'] ?? 0)), relative: true, explicitYear: undefined };
    },
  },
  {
    name: 'en-season',
    re: words('(?:(this|last|next)\\s+|the\\s+)?(spring|summer|fall|autumn|winter)(?:\\s+(?:of\\s+)?(\\d{4}))?'),
    resolve: (m, ctx) => {
      const s = SEASONS[m[2]!.toLowerCase()]!;
      if (m[3]) return { value: `${m[3]}-${s}`, precision: 'year', type: 'date', relative: false, explicitYear: Number(m[3]) };
      if (!m[1] || ctx.anchor?.y == null) return null;
      return { value: `${ctx.anchor.y + (REL[m[1].toLowerCase()] ?? 0)}-${s}`, precision: 'year', type: 'date', relative: true };
    },
  },

  // ---- relative ----
  { name: 'en-year-before', re: words('the\\s+(?:previous|prior)\\s+year|the\\s+year\\s+(?:before|previous|prior)'), resolve: (_m, ctx) => relYear(ctx, -1) },
  { name: 'en-year-edge', re: words('the\\s+(?:very\\s+)?(beginning|start|end|middle)\\s+of\\s+the\\s+year'), resolve: (_m, ctx) => ({ ...relYear(ctx, 0), mod: 'approx' }) },
  { name: 'en-today', re: words('today|tonight|tomorrow|yesterday|the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow'), resolve: (m, ctx) => {
    const w = m[0].toLowerCase().replace(/\s+/g, ' ');
    if (w === 'tonight') return podOn(ctx, 0, 'TNI');
    return relDay(ctx, w === 'today' ? 0 : w === 'tomorrow' ? 1 : w === 'yesterday' ? -1 : w.includes('before') ? -2 : 2);
  } },
  {
    name: 'en-pod-rel',
    re: words('(this|yesterday|tomorrow|last|early\\s+this|late\\s+this)\\s+(morning|afternoon|evening|night)'),
    resolve: (m, ctx) => {
      const w = m[1]!.toLowerCase();
      const n = w === 'yesterday' || w === 'last' ? -1 : w === 'tomorrow' ? 1 : 0;
      return podOn(ctx, n, POD[m[2]!.toLowerCase()]!);
    },
  },
  { name: 'en-pod', re: words('(?:in\\s+the\\s+)?(morning|afternoon|evening|night|noon|midday|midnight)'), resolve: (m) => timeOfDay(POD[m[1]!.toLowerCase()]!, true) },
  {
    name: 'en-rel-unit',
    re: words(`(this|current|last|past|previous|next|coming|following)\\s+(week|weekend|month|quarter|year|season)`),
    resolve: (m, ctx) => {
      const w = m[1]!.toLowerCase();
      const u = m[2]!.toLowerCase();
      const before = ctx.text.slice(Math.max(0, m.index - 4), m.index);
      // `the past year`, `the last month`: a stretch of time, not the calendar unit.
      if (/the\s+$/i.test(before) && (w === 'past' || w === 'last' || w === 'next' || w === 'coming' || w === 'following')) return null;
      if (w === 'following' || w === 'previous') return null;
      if (u === 'season') return null;
      if (u === 'weekend') {
        const h = relWeek(ctx, REL[w] ?? 0);
        return h.value ? { ...h, value: `${h.value}-WE` } : h;
      }
      return rel(ctx, u, REL[w] ?? 0);
    },
  },
  {
    name: 'en-the-past-unit',
    re: words(`the\\s+(past|last|next|coming|following|previous)\\s+(?:${NUM}\\s+)?${UNIT}`),
    resolve: (m, ctx) => {
      const n = m[2] ? num(m[2]) : 1;
      const [u, k] = unitOf(m[3]!);
      if (!m[2] && (m[1]!.toLowerCase() === 'following' || m[1]!.toLowerCase() === 'previous')) {
        return null;
      }
      void ctx;
      return duration(n === null ? null : n * k, u);
    },
  },
  { name: 'en-weekday-rel', re: words(`(last|next|this|this\\s+past|this\\s+coming)\\s+${WD}`), resolve: (m, ctx) => {
    const w = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const h = weekday(ctx, wd(m[2]), w === 'next' || w === 'this coming' ? 'future' : w === 'this' ? tense(ctx, m.index) : 'past');
    return { ...h, weekday: false };
  } },
  { name: 'en-weekday', re: words(`${WD}`), resolve: (m, ctx) => ({ ...weekday(ctx, wd(m[1]), tense(ctx, m.index)) }) },
  {
    name: 'en-ago',
    re: words(`${NUM}[-\\s]+${UNIT}\\s+(ago|earlier|before|later|from\\s+now|hence)`),
    resolve: (m, ctx) => {
      const d = m[3]!.toLowerCase();
      if (d === 'earlier' || d === 'before' || d === 'later') {
        // Relative to another event, not the anchor: keep the amount of time.
        const [u, k] = unitOf(m[2]!);
        const n = num(m[1]);
        return duration(n === null ? null : n * k, u);
      }
      return ago(ctx, num(m[1]), m[2]!, d === 'ago' ? -1 : 1);
    },
  },
  {
    name: 'en-duration',
    re: words(`(?:(?:about|around|nearly|almost|over|more\\s+than|less\\s+than|at\\s+least|up\\s+to)\\s+)?${NUM}(?:[-\\s]+(?:and[-\\s]+a[-\\s]+half))?[-\\s]+${UNIT}(?:[-\\s]+long)?`),
    resolve: (m, ctx) => {
      let n = num(m[1]);
      if (n !== null && /and[-\s]+a[-\s]+half/i.test(m[0])) n += 0.5;
      const [u, k] = unitOf(m[2]!);
      // `a second plant`, `a quarter of`: ordinals and fractions, not lengths of time.
      if (/^(?:a|an)$/i.test(m[1]!) && (u === 'S' || m[2]!.toLowerCase().startsWith('quarter'))) return null;
      const pre = ctx.text.slice(Math.max(0, m.index - 6), m.index);
      if (/\bper\s+$/i.test(pre)) return null;
      return duration(n === null ? null : n * k, u);
    },
  },
  { name: 'en-units-vague', re: words('(?:for\\s+)?(years|decades|months|weeks|centuries)(?=\\s|[.,;])'), resolve: (m, ctx) => {
    const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
    if (!/\b(?:for|in|over|within)\s+$/i.test(before) && !/^for/i.test(m[0])) return null;
    return duration(null, unitOf(m[1]!)[0]);
  } },

  // ---- clock times ----
  {
    name: 'en-clock',
    re: words('(\\d{1,2})(?::(\\d{2}))?\\s*(a\\.m\\.|p\\.m\\.|am|pm|a\\.m|p\\.m|o\'clock)(?:\\s+([A-Z]{2,4}T|GMT|UTC|Z))?|(\\d{1,2}):(\\d{2})(?:\\s+([A-Z]{2,4}T|GMT|UTC|Z))?', 'gu'),
    resolve: (m) => {
      let h = Number(m[1] ?? m[5]);
      const min = Number(m[2] ?? m[6] ?? 0);
      const zone = m[4] ?? m[7];
      const z = zone === 'UTC' || zone === 'GMT' || zone === 'Z' ? 'Z' : '';
      const ap = (m[3] ?? '').toLowerCase();
      if (h > 24 || min > 59) return null;
      if (ap.startsWith('p') && h < 12) h += 12;
      if (ap.startsWith('a') && h === 12) h = 0;
      return timeOfDay(`T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}${z}`);
    },
  },

  // ---- sets and references ----
  { name: 'en-set', re: words(`(?:every|each)\\s+(?:${WD}|(day|week|month|year|quarter))|(daily|weekly|monthly|quarterly|annually|yearly|annual|biannual)|(?:a|per)\\s+(year|month|week)(?=\\s*[.,;]|$)`), resolve: (m) => {
    if (m[1]) return set(`XXXX-WXX-${wd(m[1])}`);
    const k = (m[2] ?? m[3] ?? m[4] ?? '').toLowerCase();
    const v: Record<string, string> = { day: 'P1D', daily: 'P1D', week: 'P1W', weekly: 'P1W', month: 'P1M', monthly: 'P1M', quarter: 'P3M', quarterly: 'P3M', year: 'P1Y', annually: 'P1Y', yearly: 'P1Y', annual: 'P1Y', biannual: 'P6M' };
    return set(v[k] ?? 'P1Y');
  } },
  { name: 'en-present', re: words('now|currently|at\\s+present|nowadays|the\\s+present|at\\s+the\\s+moment|at\\s+this\\s+time|right\\s+now|so\\s+far|to\\s+date'), resolve: () => present() },
  { name: 'en-past', re: words('recently|the\\s+past|in\\s+the\\s+past'), resolve: (m) => (/^once$/i.test(m[0]) ? null : ref('PAST_REF')) },
  { name: 'en-future', re: words('the\\s+future|soon|in\\s+the\\s+near\\s+future'), resolve: () => ref('FUTURE_REF') },
];

function podOn(ctx: Ctx, n: number, tod: string): Hit {
  const a = anchorDay(ctx.anchor);
  if (!a) return { value: null, precision: null, type: 'time', relative: true };
  return { ...day(addDays(a, n), true), value: `${fmtDay(addDays(a, n))}${tod}`, type: 'time' };
}

export const en: LangTable = {
  code: 'en',
  dayFirst: false,
  rules,
  approxPrefix: /(?<![\p{L}])(?:earlier|later|early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of|about|around|approximately)/iu,
  beforePrefix: /(?<![\p{L}])(?:before|until|till|by|prior\s+to|ahead\s+of)/iu,
  afterPrefix: /(?<![\p{L}])(?:after|since|following)/iu,
  joiner: /^\s*,?\s*(?:on|at|of)?\s*,?\s*$/iu,
  approachingCue: /^\s*(?:(?:is\s+)?approaching|is\s+(?:coming|near)|approaches|draws\s+near|coming\s+up)/iu,
};
