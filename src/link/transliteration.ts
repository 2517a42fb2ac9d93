// Names written in other scripts or transliterated differently: Sino-Vietnamese <-> pinyin (sinoviet.ts)
// and Latin transliteration variants (phonetic.ts) backed by evidence from context.
import type { Graph, Item } from './graph.ts';
import { phoneticKey, phoneticWord, skeletonLength } from './phonetic.ts';
import { matchPinyin, pinyinCandidates, pinyinLetters, sinoSyllables } from './sinoviet.ts';
import { territoryOf } from './exact.ts';
import { foldCompact, isPlainLatin } from './text.ts';
import { addTo, push } from './multimap.ts';

/** `Ôn Gia Bảo` ~ `Wen Jiabao`, `Quảng Châu` ~ `Guangzhou`: full name, same type, every syllable read. */
export function linkPinyin(g: Graph): void {
  const latin = new Map<string, Item[]>();
  for (const it of g.items) {
    if (it.acronym || it.words.length > 4 || it.type === 'other') continue;
    const letters = pinyinLetters(it.core);
    if (!letters) continue;
    g.addKey(it.id, `pinyin:${letters}`);
    const k = `${it.type}:${letters}`;
    push(latin, k, it);
  }
  for (const it of g.items) {
    if (it.type === 'other' || !sinoSyllables(it.core)) continue;
    const candidates = pinyinCandidates(it.core);
    if (candidates.length) g.addKey(it.id, `pinyin:${candidates[0]}`);
    for (const c of candidates) {
      for (const l of latin.get(`${it.type}:${c}`) ?? []) {
        const m = matchPinyin(it.core, l.core);
        if (!m) continue;
        g.addKey(it.id, `pinyin:${c}`);
        g.union(l.id, it.id, `Sino-Vietnamese reading ${it.core} = ${m.chars.join('')} → pinyin ${m.pinyin.join(' ')} = ${l.core}`);
      }
    }
  }
}

interface Cluster {
  root: number;
  items: Item[];
  articles: Set<string>;
  roles: Set<string>;
  /** Multi-word names' phonetic keys. */
  full: Set<string>;
  /** Phonetic keys of the surname-like parts (single words; first and last word of full names). */
  parts: Set<string>;
}

function clustersOf(g: Graph, type: string): Cluster[] {
  const out = new Map<number, Cluster>();
  for (const it of g.items) {
    if (it.type !== type) continue;
    const root = g.find(it.id);
    let c = out.get(root);
    if (!c) out.set(root, (c = { root, items: [], articles: new Set(), roles: new Set(), full: new Set(), parts: new Set() }));
    c.items.push(it);
    c.articles.add(it.article);
    if (it.mention.role) c.roles.add(foldCompact(it.mention.role));
    if (!isPlainLatin(it.core) || it.acronym) continue;
    if (it.words.length >= 2) {
      c.full.add(phoneticKey(it.core));
      c.parts.add(phoneticWord(it.words[it.words.length - 1]));
    } else c.parts.add(phoneticWord(it.core));
  }
  return [...out.values()];
}

/**
 * Full person names whose every word has the same phonetic key (`Sergey Rachmaninov` ~ `Sergei Rakhmaninov`): the
 * first name agreeing is the evidence the brief asks for, on top of the surname's key.
 */
export function linkPhoneticFullNames(g: Graph): void {
  g.linkByKey(
    (it) => {
      if (it.type !== 'person' || it.words.length < 2 || !isPlainLatin(it.core)) return null;
      const key = phoneticKey(it.core);
      return key.split(' ').every((w) => w.length >= 2) ? key : null;
    },
    (a, b, key) => `transliteration variant: ${a.core} ~ ${b.core} (phonetic key ${key}, same first name)`,
    (key) => `phonetic:${key}`,
  );
}

const MAX_BUCKET = 50;

/** Pairs of clusters that share a part key, found through a key index rather than all pairs. */
function* pairsByPart(clusters: Cluster[]): Generator<[Cluster, Cluster, string]> {
  const index = new Map<string, Cluster[]>();
  for (const c of clusters) for (const p of c.parts) push(index, p, c);
  const seen = new Set<string>();
  for (const [key, list] of index) {
    // A key shared by many entities (a common surname) is no evidence of anything.
    if (list.length > MAX_BUCKET) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const id = `${list[i].root}:${list[j].root}`;
        if (seen.has(id)) continue;
        seen.add(id);
        yield [list[i], list[j], key];
      }
    }
  }
}

function shared<T>(a: Set<T>, b: Set<T>): T | undefined {
  for (const x of a) if (b.has(x)) return x;
  return undefined;
}

/**
 * Where the person entities of an article come from. A graph of the whole corpus answers from itself; a
 * graph of one part of it (incremental.ts) from the corpus-wide state, in the same order and numbering.
 */
export interface CompanionContext {
  /** Ids of the person entities mentioned in `article`, ordered by their first person mention. */
  personRoots(article: string): Iterable<number>;
  /** The id a cluster root of g has in personRoots. */
  id(root: number): number;
  /** The name a personRoots id is reported with (its root mention's core). */
  core(id: number): string;
}

function ownCompanions(g: Graph, persons: Cluster[]): CompanionContext {
  const byArticle = new Map<string, Set<number>>();
  for (const c of persons) {
    if (c.items.length < 1) continue;
    for (const a of c.articles) addTo(byArticle, a, c.root);
  }
  return { personRoots: (a) => byArticle.get(a) ?? [], id: (r) => r, core: (i) => g.items[i].core };
}

/** Other person entities mentioned in the cluster's articles (excluding itself). */
function companions(c: Cluster, ctx: CompanionContext): Set<number> {
  const self = ctx.id(c.root);
  const out = new Set<number>();
  for (const a of c.articles) for (const r of ctx.personRoots(a)) if (r !== self) out.add(r);
  return out;
}

/**
 * One-word names that share a phonetic key (`Tchaikovsky` ~ `Chaikovsky`, `Moskva` ~ `Moscow`) link only with
 * evidence. People: the same role, or a co-occurring person entity in common (not the shared countries
 * every article names). Places: both typed places, a skeleton of at least three consonants, never both in
 * one article (two spellings side by side are more likely two places), and not two different territories.
 */
export function linkPhoneticVariants(g: Graph, context?: CompanionContext): void {
  const persons = clustersOf(g, 'person');
  const ctx = context ?? ownCompanions(g, persons);
  const decisions: [number, number, string][] = [];
  for (const [a, b, key] of pairsByPart(persons)) {
    // Two full names with different first names are two people, whatever their surnames.
    if (a.full.size && b.full.size) continue;
    if (skeletonLength(key) < 2 || shared(a.articles, b.articles)) continue;
    const role = shared(a.roles, b.roles);
    const other = shared(companions(a, ctx), companions(b, ctx));
    if (!role && other === undefined) continue;
    const evidence = role ? `same role ${role}` : `both with ${ctx.core(other!)}`;
    decisions.push([a.root, b.root, `transliteration variant: ${a.items[0].core} ~ ${b.items[0].core} (phonetic key ${key}, ${evidence})`]);
  }
  for (const [a, b, key] of pairsByPart(clustersOf(g, 'location'))) {
    if (a.full.size || b.full.size) continue;
    if (skeletonLength(key) < 3 || shared(a.articles, b.articles)) continue;
    const ta = a.items.map(territoryOf).find(Boolean);
    const tb = b.items.map(territoryOf).find(Boolean);
    if (ta && tb && ta.code !== tb.code) continue;
    decisions.push([a.root, b.root, `transliteration variant of a place: ${a.items[0].core} ~ ${b.items[0].core} (phonetic key ${key})`]);
  }
  // Resolve against the state before this step, so a chain of weak hints cannot snowball.
  for (const [a, b, reason] of decisions) g.union(a, b, reason);
}
