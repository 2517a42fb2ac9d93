// Dates any language writes the same way: ISO dates, numeric dates with a year, and day-month-year with
// the month named in a major European language. Runs after the language's own table (which wins ties).
import { alt, dayMonth, monthYear, words, type LangTable, type Rule } from '../engine.ts';

/** Month names (es, fr, de, it, pt, nl, ca, ro, pl-latin forms left out): name → month number. */
export const EUROPEAN_MONTHS: Record<string, number> = {};
const lists: string[][] = [
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  ['Jänner', 'Feber', 'setiembre', 'fevrier', 'decembre', 'aout'],
];
const extraMonths = [1, 2, 9, 2, 12, 8];
lists.forEach((names, li) =>
  names.forEach((n, i) => {
    EUROPEAN_MONTHS[n.toLowerCase()] = li === lists.length - 1 ? extraMonths[i]! : i + 1;
  }),
);

const MONTH = `(${alt(Object.keys(EUROPEAN_MONTHS))})`;
const month = (s: string): number => EUROPEAN_MONTHS[s.toLowerCase()] ?? 0;

/** Numeric date rules, day-first or month-first according to ctx.dayFirst. */
export const numericRules: Rule[] = [
  {
    name: 'iso-datetime',
    re: words('(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?'),
    resolve: (m, ctx) => {
      const h = dayMonth(ctx, Number(m[3]), Number(m[2]), Number(m[1]));
      return h && { ...h, value: `${h.value}T${m[4]}:${m[5]}`, type: 'time' };
    },
  },
  { name: 'iso-date', re: words('(\\d{4})-(\\d{2})-(\\d{2})'), resolve: (m, ctx) => dayMonth(ctx, Number(m[3]), Number(m[2]), Number(m[1])) },
  { name: 'iso-month', re: words('(\\d{4})-(\\d{2})(?![-/.]\\d)'), resolve: (m) => (Number(m[1]) >= 1000 ? monthYear(Number(m[2]), Number(m[1])) : null) },
  {
    name: 'numeric-date',
    re: words('(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{4}|\\d{2})'),
    resolve: (m, ctx) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      let y = Number(m[4]);
      if (m[4]!.length === 2) y += y < 50 ? 2000 : 1900;
      // An impossible month settles the order whatever the language's habit.
      const dayFirst = a > 12 ? true : b > 12 ? false : ctx.dayFirst;
      return dayFirst ? dayMonth(ctx, a, b, y) : dayMonth(ctx, b, a, y);
    },
  },
  {
    name: 'numeric-month-year',
    re: words('(\\d{1,2})\\s*/\\s*((?:19|20)\\d{2})(?![/.-]\\d)'),
    resolve: (m) => monthYear(Number(m[1]), Number(m[2])),
  },
];

export const monthNameRules: Rule[] = [
  {
    name: 'eu-day-month-year',
    re: words(`(\\d{1,2})(?:\\.|º|er|°)?\\s+(?:de\\s+)?${MONTH}(?:\\s+(?:de\\s+|del\\s+)?(\\d{4}))?`),
    resolve: (m, ctx) => dayMonth(ctx, Number(m[1]), month(m[2]!), m[3] ? Number(m[3]) : null),
  },
  {
    name: 'eu-month-year',
    re: words(`${MONTH}\\s+(?:de\\s+|del\\s+)?(\\d{4})`),
    resolve: (m) => monthYear(month(m[1]!), Number(m[2])),
  },
];

export const generic: LangTable = {
  code: 'generic',
  dayFirst: true,
  rules: [...numericRules, ...monthNameRules],
  joiner: /^\s*,?\s*(?:à|a las|um|om|alle|às)?\s*$/iu,
  beforePrefix: /(?<![\p{L}])(?:avant(?: le)?|antes de(?:l)?|vor(?: dem)?|prima del|voor)/u,
  afterPrefix: /(?<![\p{L}])(?:après(?: le)?|después de(?:l)?|nach(?: dem)?|dopo il|na)/u,
};
