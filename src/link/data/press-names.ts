// Country and region names that Vietnamese news writes but no data set we ship has (CLDR and
// i18n-iso-countries give `Vương quốc Anh`, `Nhật Bản`, `Ukraina`; papers write `Anh`, `Nhật`, and the
// Vietnam News Agency's older phonetic spellings `Ucraina`, `Xingapo`...). General facts about the press,
// each with where it comes from; not names taken from any article in this repository.
// `code` joins the name to a territory in territories.json; `en` names a region CLDR has no code for.

export interface PressName {
  name: string;
  lang: string;
  code?: string;
  en?: string;
  note: string;
}

export const PRESS_NAMES: PressName[] = [
  { name: 'Anh', lang: 'vi', code: 'GB', note: 'the usual short form of Vương quốc Anh in headlines and text' },
  { name: 'Nhật', lang: 'vi', code: 'JP', note: 'short form of Nhật Bản (Nhật - Hàn, Việt - Nhật)' },
  { name: 'Bắc Triều Tiên', lang: 'vi', code: 'KP', note: 'older/foreign-press form of Triều Tiên (North Korea)' },
  { name: 'Nam Triều Tiên', lang: 'vi', code: 'KR', note: 'older form for South Korea (Hàn Quốc)' },
  { name: 'Ucraina', lang: 'vi', code: 'UA', note: 'Vietnam News Agency (TTXVN) phonetic spelling' },
  { name: 'Ôxtrâylia', lang: 'vi', code: 'AU', note: 'TTXVN phonetic spelling of Australia (CLDR: Úc)' },
  { name: 'Xingapo', lang: 'vi', code: 'SG', note: 'TTXVN phonetic spelling of Singapore' },
  { name: 'Philippin', lang: 'vi', code: 'PH', note: 'TTXVN spelling of Philippines' },
  { name: 'Malaixia', lang: 'vi', code: 'MY', note: 'TTXVN phonetic spelling of Malaysia' },
  { name: 'Inđônêxia', lang: 'vi', code: 'ID', note: 'TTXVN phonetic spelling of Indonesia' },
  { name: 'Mianma', lang: 'vi', code: 'MM', note: 'TTXVN phonetic spelling of Myanmar' },
  { name: 'Thổ', lang: 'vi', code: 'TR', note: 'short form of Thổ Nhĩ Kỳ in headlines' },
  { name: 'Anh Quốc', lang: 'vi', code: 'GB', note: 'Sino-Vietnamese name of Britain, common in the press' },
  { name: 'Liên Xô', lang: 'vi', code: 'SU', en: 'Soviet Union', note: 'the Soviet Union (ISO code SU withdrawn, so not in CLDR)' },
  { name: 'Soviet Union', lang: 'en', code: 'SU', en: 'Soviet Union', note: 'English name of the same' },
  { name: 'Trung Đông', lang: 'vi', code: 'x-middle-east', en: 'Middle East', note: 'the Middle East: CLDR has only UN M.49 Western Asia (Tây Á)' },
  { name: 'Middle East', lang: 'en', code: 'x-middle-east', en: 'Middle East', note: 'English name of the same' },
  { name: 'Đông Âu', lang: 'vi', code: '151', note: 'Eastern Europe, written without Châu' },
  { name: 'Tây Âu', lang: 'vi', code: '155', note: 'Western Europe, written without Châu' },
];
