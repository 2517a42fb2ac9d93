// Entity mentions from capitalisation and cues, per sentence, then settled across the document.
//
// Gates, in order, over the pieces (syllables, numbers, marks) of one sentence:
//  1. a title or person cue (`Ngoại trưởng`, `người đồng cấp`, `Foreign Minister`) opens a role that
//     runs through organisations and places (`Thư ký Hội đồng An ninh Nga`) to the person's name;
//  2. an organisation head (`Tổ chức`, `Hội đồng`, `Ministry`) starts an organisation that goes on
//     through capitalised words and, in Vietnamese, through lower-case words (`Tổ chức hợp tác Thượng
//     Hải`): at most 4 lower-case syllables between capitals, or 10 when an acronym in parentheses
//     closes it (`Nhóm các nền kinh tế mới nổi hàng đầu thế giới (BRICS)`); a place ends it;
//  3. a place from the gazetteer (data/places.json) or a name after a place cue (`tại`, `in`);
//  4. an honorific (`ông`, `Mr.`) before a capitalised name: a person;
//  5. an acronym: a place or organisation whose initials it is (`TQ`, `LHQ`), else an organisation;
//  6. any other run of capitalised words: `other` until the document says more.
// An acronym inside an organisation name is a mention of its own too, nested in the organisation's span.
// Then, over the whole document: one surface keeps one type; a run sharing its first or last word
// with a person is that person; members of a list (`A, B và C`) take the type of a typed member.
// A sentence-initial capital alone is a name only if the lexicon does not know it as a common word
// or the document writes it capitalised elsewhere.
import { readFileSync } from 'node:fs';
import type { EntityType, Mention, Sentence } from '../types.ts';
import type { LanguageTables } from './lang/types.ts';
import { isNumberUnit, isSpaceUnit, isSurrogate, isUpperUnit } from './chars.ts';
import { syllableInfo, syllableInfoAt, syllableKey, type SyllableInfo } from './syllable.ts';
import { keyPieces, pieces, type Piece } from './tokens.ts';

interface Places {
  vi: string[];
  en: string[];
  /** ISO 3166-2 names as their countries write them in Latin letters (`Moskva`, `Sichuan`): any language. */
  subdivisions: string[];
  organizations: Record<string, string[]>;
}
const PLACES = JSON.parse(readFileSync(new URL('./data/places.json', import.meta.url), 'utf8')) as Places;
// Currency codes are capitalised acronyms that are no organisation (`USD`, `VND`).
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

// English month and weekday names turn up in page chrome of any language.
const ENGLISH_DATES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const keyOf = (words: readonly string[]): string => words.map(syllableKey).join(' ');

/** `keyOf(text.slice(start, end).split(/\s+/))`, read in place (no slice, no pattern, no array). */
function spanKey(text: string, start: number, end: number): string {
  let key = '';
  let i = start;
  for (;;) {
    let j = i;
    while (j < end && !isSpaceUnit(text.charCodeAt(j))) j++;
    const k = syllableInfoAt(text, i, j).key;
    key = i === start ? k : `${key} ${k}`;
    if (j >= end) return key;
    i = j;
    while (i < end && isSpaceUnit(text.charCodeAt(i))) i++;
  }
}

/** Per first-word key, the phrase lists of every table that has a phrase starting with it (by table id). */
type FirstIndex = Map<string, (string[][] | undefined)[]>;

/**
 * Phrases by the key of their first word, longest first. All tables of a language share one index,
 * so a piece's key is looked up once (`firstsOf`) and every table reads its own list from the entry.
 */
class PhraseTable {
  constructor(
    private readonly id: number,
    phrases: Iterable<string>,
    index: FirstIndex,
  ) {
    const mine: string[][][] = [];
    for (const p of phrases) {
      const words = p.split(/\s+/).filter(Boolean).map(syllableKey);
      if (!words.length) continue;
      let entry = index.get(words[0]!);
      if (!entry) index.set(words[0]!, (entry = []));
      let list = entry[id];
      if (!list) {
        list = entry[id] = [];
        mine.push(list);
      }
      list.push(words);
    }
    for (const l of mine) l.sort((a, b) => b.length - a.length);
  }
  /** Length in pieces of the longest phrase at `i` (words joined by single spaces), or 0. */
  match(ps: readonly KeyedPiece[], i: number, text: string, firsts: readonly ((string[][] | undefined)[] | undefined)[]): number {
    const list = firsts[i]?.[this.id];
    if (!list) return 0;
    outer: for (const words of list) {
      if (i + words.length > ps.length) continue;
      for (let k = 1; k < words.length; k++) {
        const q = ps[i + k]!;
        if (q.key !== words[k] || !spaced(ps[i + k - 1]!, q, text)) continue outer;
      }
      return words.length;
    }
    return 0;
  }
}

/** `possessive`: the piece was `Apple's`, cut to `Apple` (the `'s` is no part of a name). */
type KeyedPiece = Piece & { key: string; possessive?: boolean };

const POSSESSIVE = /^\p{Lu}.*['’]s$/u;
/** The sentence's pieces with capitalised possessives cut (`Airbus's` -> `Airbus`); the same array when none. */
function cutPossessives(ps: KeyedPiece[]): KeyedPiece[] {
  let out: KeyedPiece[] | null = null;
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k]!;
    if (p.kind !== 'word' || p.text.length < 3 || !POSSESSIVE.test(p.text)) continue;
    out ??= ps.slice();
    const cut = p.text.slice(0, -2);
    const info = syllableInfo(cut);
    out[k] = { start: p.start, end: p.end - 2, text: cut, kind: 'word', info, key: info.key, possessive: true };
  }
  return out ?? ps;
}

function spaced(a: Piece, b: Piece, text: string): boolean {
  if (b.start === a.end + 1) {
    const c = text.charCodeAt(a.end);
    return c === 32 || c === 160;
  }
  return false;
}

const UPPER = /^\p{Lu}/u;
const ACRONYM = /^(?=(?:[^\p{Lu}]*\p{Lu}){2})[\p{Lu}\p{N}&]{2,8}$/u;
/** `UPPER.test(t)`, by the first code unit unless it starts a surrogate pair. */
function startsUpper(t: string): boolean {
  const c = t.charCodeAt(0);
  return isSurrogate(c) ? UPPER.test(t) : isUpperUnit(c);
}
/** `ACRONYM.test(t)`, with the common rejections (too short or long, a first letter in lower case) first. */
function acronym(t: string): boolean {
  if (t.length < 2 || t.length > 16) return false;
  const c = t.charCodeAt(0);
  if (!isSurrogate(c) && !isUpperUnit(c) && !isNumberUnit(c) && c !== 38) return false;
  return ACRONYM.test(t);
}
const isCap = (p: Piece): boolean => (p.kind === 'word' || p.kind === 'abbr') && startsUpper(p.text);
/** `acronym(p.text)` for a word, remembered on its syllable record. */
function isAcronym(p: Piece): boolean {
  if (p.kind !== 'word') return false;
  const info = p.info;
  if (info === undefined || info.text !== p.text) return acronym(p.text);
  if (info.acronym < 0) info.acronym = acronym(p.text) ? 1 : 0;
  return info.acronym === 1;
}
const isLowerWord = (p: Piece): boolean => p.kind === 'word' && !startsUpper(p.text);

interface Compiled {
  titles: PhraseTable;
  honorifics: PhraseTable;
  orgHeads: PhraseTable;
  orgTails: Set<string>;
  orgStop: PhraseTable;
  places: PhraseTable;
  orgNames: PhraseTable;
  locationCues: PhraseTable;
  orgCuesBefore: PhraseTable;
  orgCuesAfter: Set<string>;
  legalSuffixes: Set<string>;
  locationTails: Set<string>;
  abbreviations: ReadonlySet<string>;
  notNames: Set<string>;
  connectors: Set<string>;
  /** Acronym -> type, from the initials of multi-word places and organisations (`TQ`, `LHQ`). */
  initials: Map<string, EntityType>;
  /** LanguageTables.loneInitialNeedsEvidence. */
  loneInitialNeedsEvidence: boolean;
  /** Whether the lexicon knows the word of these one or two pieces (lower-cased: a common word). */
  isCommonWord: (a: KeyedPiece, b?: KeyedPiece) => boolean;
  firsts: FirstIndex;
}

const pair: SyllableInfo[] = [];
const single: SyllableInfo[] = [];
const compiled = new Map<string, Compiled>();
function compile(t: LanguageTables): Compiled {
  const hit = compiled.get(t.code);
  if (hit) return hit;
  // English names are written in every language's news (`Moscow` in a Vietnamese article).
  const placeNames = [...new Set([...(PLACES[t.code as 'vi' | 'en'] ?? []), ...PLACES.en, ...PLACES.subdivisions])];
  const orgNames = PLACES.organizations[t.code] ?? PLACES.organizations.en ?? [];
  const initials = new Map<string, EntityType>();
  const addInitials = (name: string, type: EntityType): void => {
    const words = name.split(/[\s-]+/).filter(Boolean);
    if (words.length < 2) return;
    const acr = words.map((w) => w[0]!.toUpperCase()).join('');
    if (!initials.has(acr)) initials.set(acr, type);
  };
  for (const n of orgNames) addInitials(n, 'organization');
  // Initials of places only where the language writes them (`TQ`); elsewhere they shadow organisations (`GM`).
  if (t.placeInitials) for (const n of placeNames) if (t.placeInitials(n)) addInitials(n, 'location');
  const seg = t.segmenter?.();
  const firsts: FirstIndex = new Map();
  const c: Compiled = {
    titles: new PhraseTable(0, [...t.personTitles, ...t.personCues], firsts),
    honorifics: new PhraseTable(1, t.honorifics, firsts),
    orgHeads: new PhraseTable(2, t.orgHeads, firsts),
    orgTails: new Set(t.orgTails.map(syllableKey)),
    orgStop: new PhraseTable(3, t.orgStopWords, firsts),
    places: new PhraseTable(4, placeNames, firsts),
    orgNames: new PhraseTable(5, orgNames, firsts),
    locationCues: new PhraseTable(6, t.locationCues, firsts),
    orgCuesBefore: new PhraseTable(7, t.orgCuesBefore ?? [], firsts),
    orgCuesAfter: new Set((t.orgCuesAfter ?? []).map(syllableKey)),
    legalSuffixes: new Set((t.legalSuffixes ?? []).map((w) => syllableKey(w.replace(/\.$/, '')))),
    locationTails: new Set((t.locationTails ?? []).map(syllableKey)),
    abbreviations: t.abbreviations,
    firsts,
    notNames: new Set([...t.notNames, ...ENGLISH_DATES].map((w) => keyOf(w.split(' ')))),
    connectors: new Set(t.nameConnectors),
    initials,
    loneInitialNeedsEvidence: t.loneInitialNeedsEvidence ?? false,
    // Same as `seg.has(word.toLowerCase())`: a syllable's key is already lower-cased.
    isCommonWord: (a, b) => {
      if (!seg) return false;
      // The same two small arrays for every call (hasInfos only reads them).
      if (b) {
        pair[0] = a.info!;
        pair[1] = b.info!;
        return seg.hasInfos(pair);
      }
      single[0] = a.info!;
      return seg.hasInfos(single);
    },
  };
  compiled.set(t.code, c);
  return c;
}

/**
 * A mention in the making. A class rather than object literals: V8 may allocate all of a literal's
 * objects in the old generation once some survive a scavenge (allocation-site pretenuring), and
 * these are short-lived.
 */
class Draft {
  /** Index of the mention this acronym abbreviates (`X (ACR)`). */
  expandsDraft?: Draft = undefined;
  initialSingle?: boolean = undefined;
  /** Typed by a context word only (`in X`): a type the document gives X on firmer evidence wins. */
  weak?: boolean = undefined;
  /** The key of its surface (settle), remembered. */
  surface?: string = undefined;
  /** Its place among the document's mentions, once sorted. */
  order?: number = undefined;
  constructor(
    public start: number,
    public end: number,
    public type: EntityType,
    public role: string | null,
    public sentence: number,
    /** Typed by evidence (cue, table) rather than defaulted. */
    public sure: boolean,
  ) {}
}

/** Mentions in `text`; `piecesBySentence` (from `pieces`) saves splitting the text again. */
export function findMentions(text: string, sentences: readonly Sentence[], tables: LanguageTables, piecesBySentence?: Piece[][]): Mention[] {
  const c = compile(tables);
  const drafts: Draft[] = [];
  const pending: Draft[] = [];
  // Checked once per text: most texts (all Vietnamese ones) have no `'s` to cut.
  const possessives = text.includes("'s") || text.includes('’s');
  sentences.forEach((s, si) => sentenceMentions(text, s, si, c, tables, drafts, pending, possessives, piecesBySentence?.[si]));
  settle(text, drafts, pending, c);
  drafts.sort((a, b) => a.start - b.start);
  for (let i = 0; i < drafts.length; i++) drafts[i]!.order = i;
  return drafts.map((d) => {
    // Field by field, not a literal: see `Draft`.
    const m = {} as Mention;
    m.start = d.start;
    m.end = d.end;
    m.surface = text.slice(d.start, d.end);
    m.type = d.type;
    m.sentence = d.sentence;
    if (d.role) m.role = d.role;
    if (d.expandsDraft && d.expandsDraft.order !== undefined) m.expands = d.expandsDraft.order;
    return m;
  });
}

let usedBuffer = new Uint8Array(256);

/** One sentence's pieces and what the gates have taken so far; methods are the gates' shared steps. */
class SentenceScan {
  readonly n: number;
  readonly used: Uint8Array;
  constructor(
    readonly text: string,
    readonly ps: KeyedPiece[],
    readonly firsts: readonly ((string[][] | undefined)[] | undefined)[],
    readonly c: Compiled,
    readonly t: LanguageTables,
    readonly si: number,
    readonly out: Draft[],
  ) {
    this.n = ps.length;
    // One buffer for every sentence (a scan never nests), cleared over this sentence's length.
    if (usedBuffer.length < ps.length) usedBuffer = new Uint8Array(ps.length * 2);
    else usedBuffer.fill(0, 0, ps.length);
    this.used = usedBuffer;
  }

  add(i: number, j: number, type: EntityType, sure: boolean, role: string | null = null): Draft | null {
    const { used, ps, si, out } = this;
    if (j <= i) return null;
    for (let k = i; k < j; k++) used[k] = 1;
    const d = new Draft(ps[i]!.start, ps[j - 1]!.end, type, role, si, sure);
    out.push(d);
    if (type === 'organization' && j - i > 1) this.nestedAcronyms(i, j);
    return d;
  }

  /**
   * An acronym inside an organisation's name (`Hội đồng Bảo an LHQ`, `UN Security Council`) is also a
   * mention of its own, nested in the organisation's span: the name stays whole for the organisation,
   * and the acronym can be linked to what it abbreviates (`LHQ` -> `Liên hợp quốc`).
   */
  nestedAcronyms(i: number, j: number): void {
    const { ps, c, si, out } = this;
    for (let k = i; k < j; k++) {
      const p = ps[k]!;
      if (!isAcronym(p) || CURRENCIES.has(p.text)) continue;
      const type = c.places.match(ps, k, this.text, this.firsts) === 1 ? 'location' : (c.initials.get(p.text) ?? 'organization');
      out.push(new Draft(p.start, p.end, type, null, si, true));
    }
  }

  adjacent(k: number): boolean {
    return k > 0 && k < this.n && spaced(this.ps[k - 1]!, this.ps[k]!, this.text);
  }

  /** End (exclusive) of a run of capitalised pieces from i, through connectors between capitals. */
  capRun(i: number): number {
    const { n, ps, used, c } = this;
    let j = i;
    while (j < n && isCap(ps[j]!) && !used[j] && (j === i || (this.adjacent(j) && !this.c.titles.match(ps, j, this.text, this.firsts)))) {
      j++;
      if (j < n && this.adjacent(j) && c.connectors.has(ps[j]!.text) && j + 1 < n && this.adjacent(j + 1) && isCap(ps[j + 1]!)) j++;
    }
    return j;
  }

  /** Whether a capitalised word that is no place, title or acronym follows at k (the name goes on). */
  goesOn(k: number): boolean {
    const { ps, c, text, firsts } = this;
    if (k >= this.n || !this.adjacent(k) || !isCap(ps[k]!) || isAcronym(ps[k]!) || c.notNames.has(ps[k]!.key)) return false;
    return !c.places.match(ps, k, text, firsts) && !c.titles.match(ps, k, text, firsts) && !c.orgHeads.match(ps, k, text, firsts);
  }

  /** Context words that make the name at [i, j) an organisation (`automaker GM`, `Boeing shares`, `Apple's CEO`). */
  orgContext(i: number, j: number): boolean {
    const { ps, c, n } = this;
    if (c.orgCuesAfter.size && j < n) {
      const next = ps[j - 1]!.possessive || this.adjacent(j) ? ps[j]! : null;
      if (next && c.orgCuesAfter.has(next.key)) return true;
    }
    for (let back = 1; back <= 2 && i - back >= 0; back++) {
      if (!this.adjacent(i - back + 1)) break;
      if (c.orgCuesBefore.match(ps, i - back, this.text, this.firsts) === back) return true;
    }
    return false;
  }

  /** An organisation starting at i, as [end, closedByAcronym] or null. */
  orgAt(i: number): number {
    const { n, ps, text, c, t, firsts } = this;
    const named = c.orgNames.match(ps, i, text, firsts);
    const head = c.orgHeads.match(ps, i, text, firsts);
    if (!head && !named) return 0;
    if (!isCap(ps[i]!)) return 0;
    // `Đài Loan` is a place although `Đài` heads organisations.
    if (c.places.match(ps, i, text, firsts) >= Math.max(head, named)) return 0;
    let k = i + Math.max(head, named);
    let good = named ? k : 0;
    let lower = 0;
    while (k < n && this.adjacent(k)) {
      const place = c.places.match(ps, k, text, firsts);
      if (place && lower <= 4) {
        k += place;
        good = k;
        // A place ends the name unless another organisation word follows (`Đảng Cộng sản Trung Quốc`).
        break;
      }
      const p = ps[k]!;
      if (isCap(p)) {
        // Another organisation after lower-case words starts a name of its own (`Hội nghị thượng đỉnh Tổ chức …`).
        if (lower > 6 || (lower > 0 && c.orgHeads.match(ps, k, text, firsts))) break;
        k++;
        good = k;
        lower = 0;
        // Do not cut a word in two (`Trung ương`).
        if (k < n && this.adjacent(k) && isLowerWord(ps[k]!) && c.isCommonWord(p, ps[k]!)) good = ++k;
        continue;
      }
      if (isLowerWord(p) && (t.orgLowercaseContinuation || (c.connectors.has(p.text) && k + 1 < n && isCap(ps[k + 1]!)))) {
        if (c.orgStop.match(ps, k, text, firsts)) break;
        lower++;
        if (lower > 10) break;
        k++;
        continue;
      }
      break;
    }
    // A lower-case tail is kept when an acronym in parentheses closes it.
    if (lower > 0 && k + 1 < n && ps[k]!.text === '(' && isAcronym(ps[k + 1]!)) good = k;
    return good > i + (named ? 0 : head) || named ? good : 0;
  }
}

const firstsBuffer: ((string[][] | undefined)[] | undefined)[] = [];
let firstsUsed = 0;

// No closures in `sentenceMentions`' loop: one that reads the loop's `i` makes V8 allocate a fresh
// context for every iteration, that is for every piece.

/** Whether the piece at k is a long acronym (a word of a shouted heading). */
function shouted(ps: readonly KeyedPiece[], k: number): boolean {
  return k >= 0 && k < ps.length && isAcronym(ps[k]!) && ps[k]!.text.length > 3;
}

/** The first draft (other than `not`) ending at `end`. */
function draftEndingAt(drafts: readonly Draft[], end: number, not: Draft): Draft | undefined {
  for (const m of drafts) if (m.end === end && m !== not) return m;
  return undefined;
}

function sentenceMentions(text: string, s: Sentence, si: number, c: Compiled, t: LanguageTables, out: Draft[], pending: Draft[], possessives: boolean, given?: Piece[]): void {
  let ps = (given ?? pieces(text, s.start, s.end)) as KeyedPiece[];
  keyPieces(ps);
  if (possessives) ps = cutPossessives(ps);
  const n = ps.length;
  // Each piece's entry in the phrase index, looked up once for every table.
  // One array for every sentence, cleared past this one's end so that reading beyond it finds nothing.
  const firsts = firstsBuffer;
  for (let k = 0; k < n; k++) {
    const p = ps[k]!;
    if (p.kind === 'punct') {
      firsts[k] = undefined;
      continue;
    }
    const info = p.info!;
    if (info.phraseIndex !== c.firsts) {
      info.phrases = c.firsts.get(p.key);
      info.phraseIndex = c.firsts;
    }
    firsts[k] = info.phrases as (string[][] | undefined)[] | undefined;
  }
  for (let k = n; k < firstsUsed; k++) firsts[k] = undefined;
  firstsUsed = n;
  const S = new SentenceScan(text, ps, firsts, c, t, si, out);
  const used = S.used;
  const firstWord = ps.findIndex((p) => p.kind !== 'punct');
  // The first word of the sentence (after a dash or quote that opens it), or of quoted speech in it.
  const sentenceInitial = (i: number): boolean =>
    i === firstWord || (i > 0 && !S.adjacent(i) && /^["“‘'(\-–—]$/.test(ps[i - 1]!.text) && i - 1 === firstWord) || opensQuote(text, ps, i);
  for (let i = 0; i < n; i++) {
    if (used[i] || ps[i]!.kind === 'punct') continue;
    // Most pieces are lower-case words that open no phrase of any table: every gate below passes
    // them by (the tables match nothing there, and only a capital or an acronym starts a name).
    if (firsts[i] === undefined && !isCap(ps[i]!) && !isAcronym(ps[i]!)) continue;
    // 1. Titles open a role that runs to a name.
    const title = c.titles.match(ps, i, text, firsts);
    if (title) {
      let k = i + title;
      let nameStart = -1;
      while (k < n && S.adjacent(k)) {
        const more = c.titles.match(ps, k, text, firsts);
        if (more && isCap(ps[k]!)) {
          k += more;
          nameStart = -1;
          continue;
        }
        const org = S.orgAt(k);
        if (org) {
          S.add(k, org, 'organization', true);
          k = org;
          nameStart = -1;
          continue;
        }
        const place = isCap(ps[k]!) ? c.places.match(ps, k, text, firsts) : 0;
        if (place) {
          S.add(k, k + place, 'location', true);
          k += place;
          nameStart = -1;
          continue;
        }
        // A title-case common word belongs to the role (`Bộ trưởng Ngoại giao`).
        if (isCap(ps[k]!) && k + 1 < n && S.adjacent(k + 1) && isLowerWord(ps[k + 1]!) && c.isCommonWord(ps[k]!, ps[k + 1]!)) {
          k += 2;
          nameStart = -1;
          continue;
        }
        if (isCap(ps[k]!) && !isAcronym(ps[k]!)) {
          if (nameStart < 0) nameStart = k;
          k++;
          continue;
        }
        break;
      }
      // A title word that opens a company name (`General Motors`, `General Motors Corporation`).
      if (nameStart === i + title && isCap(ps[i]!) && c.orgTails.has(ps[k - 1]!.key)) {
        S.add(i, k, 'organization', true);
        i = k - 1;
        continue;
      }
      // `said Apple's spokesman`: the name's own context makes it a company, not the cue before it.
      if (nameStart >= 0 && S.orgContext(nameStart, k)) {
        S.add(nameStart, k, 'organization', true);
        for (let q = i; q < nameStart; q++) used[q] = 1;
        i = k - 1;
        continue;
      }
      if (nameStart >= 0 && !c.notNames.has(ps[nameStart]!.key)) {
        const role = text.slice(ps[i]!.start, ps[nameStart - 1]!.end);
        S.add(nameStart, k, 'person', true, role);
        for (let q = i; q < nameStart; q++) used[q] = 1;
        i = k - 1;
        continue;
      }
      for (let q = i; q < k; q++) used[q] = 1;
      i = k - 1;
      continue;
    }
    // 2. Organisations.
    const org = S.orgAt(i);
    if (org) {
      S.add(i, org, 'organization', true);
      i = org - 1;
      continue;
    }
    // 3. Places.
    const place = c.places.match(ps, i, text, firsts);
    // A place that starts a longer capitalised name is part of that name (`Singapore Airlines`, `US Air
    // Force`): the name is typed below, by its last word or its context.
    if (place && isCap(ps[i]!) && !S.goesOn(i + place)) {
      if (place === 1 && sentenceInitial(i) && c.honorifics.match(ps, i, text, firsts) === 1) {
        // A one-word place opening a sentence that is also a form of address (`Anh cho biết`: he
        // said, not England) waits, like any lone initial capital, for the document to name it.
        const d = new Draft(ps[i]!.start, ps[i]!.end, 'location', null, si, false);
        d.initialSingle = true;
        pending.push(d);
        used[i] = 1;
        continue;
      }
      S.add(i, i + place, 'location', true);
      i += place - 1;
      continue;
    }
    // 4. Honorifics.
    const hon = c.honorifics.match(ps, i, text, firsts);
    if (hon && i + hon < n && S.adjacent(i + hon) && isCap(ps[i + hon]!) && !isAcronym(ps[i + hon]!) && !c.places.match(ps, i + hon, text, firsts)) {
      const end = S.capRun(i + hon);
      const d = S.add(i + hon, end, 'person', true);
      if (d) {
        i = end - 1;
        continue;
      }
    }
    const cue = c.locationCues.match(ps, i, text, firsts);
    if (cue) {
      let k = i + cue;
      if (k < n && ps[k]!.text === '(') k++;
      if (k < n && isCap(ps[k]!) && !c.orgHeads.match(ps, k, text, firsts) && !c.titles.match(ps, k, text, firsts)) {
        const p2 = c.places.match(ps, k, text, firsts);
        const end = p2 ? k + p2 : S.capRun(k);
        if (end > k && !(end - k === 1 && c.notNames.has(ps[k]!.key))) {
          const d = S.add(k, end, 'location', true);
          if (d && !p2) d.weak = true;
          i = end - 1;
          continue;
        }
      }
    }
    const p = ps[i]!;
    // 5. Acronyms.
    if (isAcronym(p) && !S.goesOn(i + 1)) {
      // Shouted headings (`RELATED ARTICLES`) are no acronyms.
      if (CURRENCIES.has(p.text) || (p.text.length > 3 && (shouted(ps, i - 1) || shouted(ps, i + 1)))) continue;
      const type = c.initials.get(p.text) ?? 'organization';
      const d = S.add(i, i + 1, type, true)!;
      // `X (ACR)`: the acronym abbreviates the mention right before the parenthesis.
      if (i >= 2 && ps[i - 1]!.text === '(') {
        const before = draftEndingAt(out, ps[i - 2]!.end, d);
        if (before) {
          d.expandsDraft = before;
          if (!c.initials.has(p.text)) d.type = before.type;
        }
      }
      continue;
    }
    // 6. Other capitalised runs.
    if (isCap(p)) {
      // A title-case common word (`Khoa học`, `Vành đai`) is no name.
      if (i + 1 < n && S.adjacent(i + 1) && isLowerWord(ps[i + 1]!) && c.isCommonWord(p, ps[i + 1]!)) {
        i++;
        continue;
      }
      // A common opener (`Theo`, `The`) is skipped; what follows goes through every gate.
      if (c.notNames.has(p.key)) continue;
      let start = i;
      const end = S.capRun(i);
      if (sentenceInitial(i)) {
        // Sentence-initial: drop a common opener; a lone capital waits for evidence.
        while (start < end && (c.notNames.has(ps[start]!.key) || (start === i && end - start > 1 && c.isCommonWord(ps[start]!) && !c.places.match(ps, start, text, firsts)))) start++;
        if (end - start === 1 && start === i) {
          if (!c.notNames.has(ps[start]!.key)) {
            const d = new Draft(ps[start]!.start, ps[start]!.end, 'other', null, si, false);
            d.initialSingle = c.loneInitialNeedsEvidence || c.isCommonWord(ps[start]!);
            pending.push(d);
          }
          for (let k = i; k < end; k++) used[k] = 1;
          i = end - 1;
          continue;
        }
      }
      if (end - start === 1 && c.notNames.has(ps[start]!.key)) {
        i = end - 1;
        continue;
      }
      if (end > start) {
        // An organisation named head-last (`General Motors Corp`, `Labour Party`), a place by its last word
        // (`Changi International Airport`), or a name its context calls an organisation.
        const last = syllableKey(ps[end - 1]!.text.replace(/\.$/, ''));
        let type: EntityType = 'other';
        if (end - start > 1 && c.orgTails.has(last)) type = 'organization';
        else if (end - start > 1 && c.locationTails.has(last)) type = 'location';
        else if (S.orgContext(start, end)) type = 'organization';
        // A name followed by `, <title>` is a person (`Wang Yi, giám đốc …`).
        let appositive = false;
        if (end + 1 < n && ps[end]!.text === ',' && c.titles.match(ps, end + 1, text, firsts)) appositive = true;
        let stop = end;
        // `Apple Inc.`: the abbreviation's own dot belongs to the name.
        if (stop < n && ps[stop]!.text === '.' && ps[stop]!.start === ps[stop - 1]!.end && c.abbreviations.has(ps[stop - 1]!.text)) stop++;
        S.add(start, stop, appositive ? 'person' : type, type !== 'other' || appositive);
      }
      i = end - 1;
    }
  }
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;

/**
 * Whether piece i is the first word inside an opening quote or bracket (`nói: "Chúng tôi…`, `“Tôi…`):
 * quoted speech starts a sentence of its own, so its first capital is no evidence of a name.
 */
function opensQuote(text: string, ps: Piece[], i: number): boolean {
  const q = ps[i - 1];
  if (!q || !/^["“‘'(\[]$/.test(q.text) || ps[i]!.start - q.end > 1) return false;
  if (q.text === '“' || q.text === '‘' || q.text === '(' || q.text === '[') return true;
  // A straight quote opens when no letter or digit is glued before it.
  return q.start === 0 || !LETTER.test(text[q.start - 1]!);
}

/** Whether the text also writes this sentence-initial word in lower case (`The` … `the`): a common word. */
function lowerElsewhere(text: string, d: Draft): boolean {
  const word = text.slice(d.start, d.end);
  const lower = word.toLowerCase();
  if (lower === word) return false;
  for (let at = text.indexOf(lower); at >= 0; at = text.indexOf(lower, at + 1)) {
    const before = at > 0 ? text[at - 1]! : ' ';
    const after = at + lower.length < text.length ? text[at + lower.length]! : ' ';
    if (!LETTER.test(before) && !LETTER.test(after)) return true;
  }
  return false;
}

const LIST_GLUE = /^(?:\s*,\s*|\s+(?:và|hoặc|and|or|&)\s+|\s*,\s*(?:và|and)\s+)$/u;

function settle(text: string, drafts: Draft[], pending: Draft[], c: Compiled): void {
  const surf = (d: Draft): string => (d.surface ??= spanKey(text, d.start, d.end));
  const typed = new Map<string, EntityType>();
  const personWords = new Set<string>();
  for (const d of drafts) {
    if (!d.sure || d.weak) continue;
    if (!typed.has(surf(d))) typed.set(surf(d), d.type);
    if (d.type === 'person') {
      const words = surf(d).split(' ');
      personWords.add(words[0]!);
      personWords.add(words[words.length - 1]!);
    }
  }
  // `Apple Inc.` makes `Apple` the same company wherever the article writes it.
  if (c.legalSuffixes.size) {
    for (const d of drafts) {
      if (d.type !== 'organization') continue;
      const words = surf(d).split(' ');
      if (words.length > 1 && c.legalSuffixes.has(words[words.length - 1]!.replace(/\.$/, ''))) {
        const stem = words.slice(0, -1).join(' ');
        if (!typed.has(stem)) typed.set(stem, 'organization');
      }
    }
  }
  for (const d of drafts) if (d.weak && !typed.has(surf(d))) typed.set(surf(d), d.type);
  const resolve = (d: Draft): boolean => {
    const k = surf(d);
    const t = typed.get(k);
    if (t) {
      d.type = t;
      return true;
    }
    const words = k.split(' ');
    if (personWords.has(words[0]!) || personWords.has(words[words.length - 1]!)) {
      d.type = 'person';
      return true;
    }
    return false;
  };
  for (const d of drafts) if (!d.sure || d.weak) resolve(d);
  // A lone sentence-initial capital joins only with evidence, or when it is no common word.
  const capitalisedElsewhere = new Set(drafts.map(surf));
  // Where a lone initial needs evidence, a capitalised word of a longer name counts (`Paris` of `Paris Saint-Germain`).
  const inNames = c.loneInitialNeedsEvidence ? new Set(drafts.flatMap((d) => surf(d).split(' ').filter((w) => /^\p{Lu}/u.test(w)))) : null;
  for (const d of pending) {
    if (resolve(d) || capitalisedElsewhere.has(surf(d)) || inNames?.has(surf(d)) || (!d.initialSingle && !lowerElsewhere(text, d))) drafts.push(d);
  }
  // Lists share a type: `Đài Loan, Tân Cương, Tây Tạng và Hong Kong`.
  drafts.sort((a, b) => a.start - b.start);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < drafts.length; i++) {
      let j = i;
      while (j + 1 < drafts.length && drafts[j + 1]!.sentence === drafts[i]!.sentence && LIST_GLUE.test(text.slice(drafts[j]!.end, drafts[j + 1]!.start))) j++;
      if (j === i) continue;
      const group = drafts.slice(i, j + 1);
      const types = new Set(group.filter((d) => d.type !== 'other').map((d) => d.type));
      if (types.size === 1) {
        const [type] = types;
        for (const d of group) if (d.type === 'other') d.type = type!;
      }
      i = j;
    }
  }
}
