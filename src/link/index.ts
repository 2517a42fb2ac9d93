// link: mentions -> entities across articles, spellings and scripts (DESIGN.md "link").
// Each mechanism is a small module that adds reasoned unions to one graph of mentions; the order goes
// from the surest evidence to the weakest, so weak evidence sees the strong links already made:
//   same folded name -> territory codes -> acronyms defined in text -> full-name transliteration variants
//   -> short forms (people, organisations) -> syllable initials -> Sino-Vietnamese/pinyin -> one-word variants with evidence.
import type { Analysis, Article, Entity, EntityLink, EntityName, EntityType, Mention } from '../types.ts';
import { linkAcronyms, linkInitials } from './acronym.ts';
import { linkSameName, linkTerritories, territoryOf } from './exact.ts';
import { AFTER_CHARS, Graph, makeItem, type Item } from './graph.ts';
import { phoneticKey } from './phonetic.ts';
import { push } from './multimap.ts';
import { linkOrganizationShortForms, linkShortForms } from './shortform.ts';
import { matchPinyin, pinyinCandidates, pinyinLetters, sinoSyllables } from './sinoviet.ts';
import { lookupTerritory, withTerritoryCodes } from './territories.ts';
import { linkPhoneticFullNames, linkPhoneticVariants, linkPinyin, type CompanionContext } from './transliteration.ts';
import { foldCompact, hasVietnameseLetters, isAcronym, isPlainLatin, nameCore, nfc, scriptOf, slug, stripHonorifics, words } from './text.ts';

export interface LinkInput {
  article: Article;
  analysis: Analysis;
}

/**
 * All the link stage reads of an article: its mentions (entity left out) and the text right after
 * each. Small enough to keep between rebuilds, so linking a grown corpus needs no old article again.
 */
export interface LinkDoc {
  id: string;
  lang: string | null;
  mentions: Mention[];
  /** Per mention, `AFTER_CHARS` characters of text after it. */
  after: string[];
}

export function linkDocOf({ article, analysis }: LinkInput): LinkDoc {
  const text = article.body.join('\n\n');
  return {
    id: article.id,
    lang: analysis.language || article.language,
    mentions: analysis.mentions.map(({ entity: _entity, ...m }) => m),
    after: analysis.mentions.map((m) => text.slice(m.end, m.end + AFTER_CHARS)),
  };
}

export function linkEntities(docs: LinkInput[]): { entities: Entity[]; links: EntityLink[] } {
  return linkDocs(docs.map(linkDocOf));
}

export function linkDocs(docs: LinkDoc[]): { entities: Entity[]; links: EntityLink[] } {
  const items: Item[] = [];
  docs.forEach(({ id, lang, mentions, after }, doc) => {
    mentions.forEach((m, index) => {
      if (!m.surface || !nfc(m.surface)) return;
      items.push(makeItem(items.length, doc, id, index, m, after[index] ?? '', lang));
    });
  });
  const g = new Graph(items);
  linkEarly(g);
  linkLate(g);
  return buildEntities(g);
}

/** The mechanisms up to Sino-Vietnamese/pinyin: each reads only the items it links (incremental.ts relies on it). */
export function linkEarly(g: Graph): void {
  linkSameName(g);
  linkTerritories(g);
  linkAcronyms(g);
  linkPhoneticFullNames(g);
  linkShortForms(g);
  linkOrganizationShortForms(g);
  linkInitials(g);
  linkPinyin(g);
}

/**
 * The weakest mechanisms, after linkEarly. Phonetic variants of people also read which person entities
 * share their articles: `companions` gives them when g holds only part of the corpus.
 */
export function linkLate(g: Graph, companions?: CompanionContext): void {
  linkPhoneticVariants(g, companions);
  // A short form whose full name only became one entity through the later steps.
  linkShortForms(g);
}

// ---- entities -------------------------------------------------------------------------------

function nameLang(it: Item, pinyinMatched: boolean): string | undefined {
  const t = territoryOf(it);
  if (t) return t.langs.includes(it.lang ?? '') ? it.lang! : t.langs[0];
  if (hasVietnameseLetters(it.core)) return 'vi';
  if (pinyinMatched) return 'zh-Latn';
  return it.lang ?? undefined;
}

/**
 * The canonical name: a territory's English name; else the most frequent international form (plain Latin,
 * not an acronym, longest word count first: `Vladimir Putin` over `Putin`); else an acronym the text
 * defined (`SCO`); else the most frequent full form.
 */
function canonical(members: Item[], definedAcronyms: Set<string>): string {
  const territory = members.map(territoryOf).find(Boolean);
  if (territory) return territory.en;
  const count = new Map<string, { n: number; first: number; words: number }>();
  for (const it of members) {
    const c = count.get(it.core) ?? { n: 0, first: it.id, words: it.words.length };
    c.n++;
    count.set(it.core, c);
  }
  const person = members[0].type === 'person';
  // A person's full name beats a more frequent surname; otherwise the most frequent form wins.
  const rank = (names: string[]) =>
    names.sort((a, b) => {
      const ca = count.get(a)!;
      const cb = count.get(b)!;
      return (person ? cb.words - ca.words : 0) || cb.n - ca.n || cb.words - ca.words || ca.first - cb.first;
    })[0];
  const all = [...count.keys()];
  const latin = all.filter((n) => isPlainLatin(n) && !isAcronym(n) && (!person || words(n).length > 1));
  if (latin.length && (person || !all.some(hasVietnameseLetters) || members.some((m) => pinyinLetters(m.core)))) return rank(latin);
  const defined = [...new Set(members.flatMap((m) => (m.acronym ? [m.core] : m.tailAcronym ? [m.tailAcronym] : [])))].filter((a) => definedAcronyms.has(a));
  if (defined.length) return defined.sort((a, b) => members.filter((m) => m.core === b || m.tailAcronym === b).length - members.filter((m) => m.core === a || m.tailAcronym === a).length)[0];
  // A full form that ends with its own acronym (`... Thượng Hải SCO`) is not the name either.
  const fullForms = all.filter((n) => !isAcronym(n) && !isAcronym(words(n).at(-1) ?? ''));
  return rank(fullForms.length ? fullForms : all);
}

/** One entity as buildEntities makes it, before its slug gets the number that tells it from earlier namesakes. */
export interface ClusterEntity {
  /** Member item ids, ascending; the first is the root. */
  ids: number[];
  slug: string;
  entity: Omit<Entity, 'id'>;
  /** Member id -> the reason of its link. */
  reasons: Map<number, string>;
}

/** Numbers slugs the way every caller must: the n-th entity (in first-mention order) with a slug gets `-n`. */
export function numberedId(slug: string, n: number): string {
  return n > 1 ? `${slug}-${n}` : slug;
}

function buildEntities(g: Graph): { entities: Entity[]; links: EntityLink[] } {
  const entities: Entity[] = [];
  const links: EntityLink[] = [];
  const used = new Map<string, number>();
  for (const c of clusterEntities(g)) {
    const n = (used.get(c.slug) ?? 0) + 1;
    used.set(c.slug, n);
    const id = numberedId(c.slug, n);
    entities.push({ id, ...c.entity });
    for (const [item, reason] of c.reasons) {
      links.push({ article: g.items[item].article, mentionIndex: g.items[item].index, entity: id, reason });
    }
  }
  links.sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : a.mentionIndex - b.mentionIndex));
  return { entities, links };
}

/** g's entities in first-mention order, each with its unnumbered slug. */
export function clusterEntities(g: Graph): ClusterEntity[] {
  const definedAcronyms = new Set([...g.keys.values()].flatMap((ks) => [...ks]).filter((k) => k.startsWith('acronym:')).map((k) => k.slice(8)));
  const pinyinMatched = new Set<number>();
  for (const e of g.edges) if (e.reason.startsWith('Sino-Vietnamese')) pinyinMatched.add(e.a);
  const out: ClusterEntity[] = [];
  const adj = adjacency(g);
  for (const [, ids] of g.clusters()) {
    const members = ids.map((i) => g.items[i]);
    const type = majorityType(members);
    const name = canonical(members, definedAcronyms);
    const names: EntityName[] = [];
    const seen = new Set<string>();
    const addName = (text: string, lang: string | undefined) => {
      if (seen.has(text)) return;
      seen.add(text);
      names.push(lang ? { text, lang, script: scriptOf(text) } : { text, script: scriptOf(text) });
    };
    const territory = members.map(territoryOf).find(Boolean);
    if (territory) addName(territory.en, 'en');
    for (const it of members) {
      addName(it.core, nameLang(it, pinyinMatched.has(it.id)));
      if (it.surface !== it.core) addName(it.surface, nameLang(it, false));
    }
    const keys = new Set<string>();
    for (const it of members) for (const k of g.keys.get(it.id) ?? []) keys.add(k);
    const entity = { type, name, names, aliases: [...new Set(members.map((m) => m.surface))], keys: [...keys].sort() };
    out.push({ ids, slug: slug(name), entity, reasons: reasons(g, adj, ids, name) });
  }
  return out;
}

function majorityType(members: Item[]): EntityType {
  const count = new Map<EntityType, number>();
  for (const m of members) count.set(m.type, (count.get(m.type) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

type Adjacency = Map<number, { to: number; reason: string }[]>;

function adjacency(g: Graph): Adjacency {
  const adj: Adjacency = new Map();
  for (const e of g.edges) {
    push(adj, e.a, { to: e.b, reason: e.reason });
    push(adj, e.b, { to: e.a, reason: e.reason });
  }
  return adj;
}

/** Each member's reason: the link by which it is reached from the mention that carries the canonical name. */
function reasons(g: Graph, adj: Adjacency, ids: number[], name: string): Map<number, string> {
  const start = ids.find((i) => g.items[i].core === name) ?? ids[0];
  // The start's own reason: the first (strongest) link it took part in.
  const own = adj.get(start)?.[0]?.reason;
  const out = new Map<number, string>([[start, own ?? `new entity ${name}`]]);
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    for (const { to, reason } of adj.get(queue[q]) ?? []) {
      if (out.has(to)) continue;
      out.set(to, reason);
      queue.push(to);
    }
  }
  for (const i of ids) if (!out.has(i)) out.set(i, `linked to ${name}`);
  return out;
}

// ---- keys and query expansion ---------------------------------------------------------------

/** The keys a name is linked by: folded form, territory code, pinyin spelling(s), phonetic key. */
export function linkKeys(name: string, type: EntityType, lang?: string): string[] {
  void lang;
  const core = type === 'person' ? stripHonorifics(nameCore(name)).core : nameCore(name);
  const keys = new Set<string>();
  const fold = foldCompact(core);
  if (fold) keys.add(`fold:${fold}`);
  if (type !== 'person') {
    const t = lookupTerritory(core);
    if (t) keys.add(`territory:${t.code}`);
    else {
      const inner = withTerritoryCodes(words(core));
      if (inner) keys.add(`territory-name:${inner.key}`);
    }
  }
  const py = pinyinLetters(core);
  if (py) keys.add(`pinyin:${py}`);
  if (sinoSyllables(core)) for (const c of pinyinCandidates(core, 4)) keys.add(`pinyin:${c}`);
  if (isPlainLatin(core) && words(core).length >= 2 && !isAcronym(core)) keys.add(`phonetic:${phoneticKey(core)}`);
  return [...keys];
}

/**
 * The other names of the entity a query names, in any spelling or script (`Wen Jiabao` -> `Ôn Gia Bảo`, ...),
 * for entity-aware search; [] when the query names no entity.
 */
export function expandQuery(query: string, entities: Entity[]): string[] {
  const q = nfc(query);
  if (!q) return [];
  const qFold = foldCompact(stripHonorifics(nameCore(q)).core);
  const out: string[] = [];
  for (const e of entities) {
    const qKeys = new Set(linkKeys(q, e.type).filter((k) => !k.startsWith('fold:')));
    const hit =
      e.names.some((n) => foldCompact(n.text) === qFold) ||
      e.aliases.some((a) => foldCompact(a) === qFold) ||
      e.keys.some((k) => qKeys.has(k)) ||
      e.names.some((n) => matchPinyin(n.text, q) !== null || matchPinyin(q, n.text) !== null);
    if (!hit) continue;
    for (const n of [e.name, ...e.names.map((x) => x.text)]) {
      // Surfaces with courtesy words or determiners (`ông Vương`) are spans, not names to search for.
      const name = e.type === 'person' ? stripHonorifics(nameCore(n)).core : nameCore(n);
      // A surname alone (`Vương`) would find every namesake: search only full names of a person who has one.
      if (e.type === 'person' && words(name).length === 1 && e.names.some((x) => words(x.text).length > 1)) continue;
      if (foldCompact(name) !== qFold && !out.includes(name)) out.push(name);
    }
  }
  return out;
}
