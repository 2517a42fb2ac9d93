// Incremental linking: linkDocs over a grown corpus, exactly, with work in proportion to what the new
// mentions can reach rather than to the corpus.
//
// Every mechanism decides about an item from the items that share some value with it (a folded name, a
// territory code, an acronym, the parts a short form is matched on, pinyin letters, phonetic keys, ...).
// Each item therefore gets blocking keys that over-approximate all of these; items joined through shared
// keys form components, and linkDocs restricted to one component (items in corpus order) makes the same
// unions, in the same relative order, as linkDocs over everything. So a batch only re-links the components
// its mentions join. Ambiguity checks ("the only full name with this surname", "an acronym defined as two
// things", the 50-entity bucket of a phonetic key) count what is in the key, so the key holds it all.
//
// Some keys only matter when one side exists: full names sharing a word are compared only if a one-word
// name is matched against them. Those keys are conditional: their "passive" members (full names) wait in a
// list and are joined only once an "active" member (the one-word name) arrives. And a short form or an
// acronym whose own article has candidates is matched only there: known when the article arrives (articles
// come whole), so it gets a key of that article and reaches the corpus-wide key only when the article has
// none. Without both, `ông An` tied every `... An` and, through first names, most people into one component
// (bench/link-incremental.ts --mixed: 52,000 of 139,000 mentions).
//
// One reading crosses components: phonetic variants of people take as evidence a person entity both
// variants' articles mention (transliteration.ts `companions`), read from the state after linkEarly. The
// state keeps that state per item (r8, fp8); when a batch changes it for an item, the components with a
// person in that item's article are linked again too (no further: companions read nothing later).
//
// What stays global is cheap and done over the stored results: slug numbering (`-2` for the second
// entity with a slug in first-mention order), entity order, link order.
import { foldKey } from '../decode/fold.ts';
import type { Entity, EntityLink } from '../types.ts';
import { AFTER, initialsOf } from './acronym.ts';
import { territoryCodesOf, territoryOf } from './exact.ts';
import { Graph, makeItem, type Item } from './graph.ts';
import { clusterEntities, linkDocs, linkEarly, linkLate, numberedId, type LinkDoc } from './index.ts';
import { phoneticKey, phoneticWord } from './phonetic.ts';
import { pinyinCandidates, pinyinLetters, sinoSyllables } from './sinoviet.ts';
import { foldCompact, isAcronym, isPlainLatin, nfc } from './text.ts';
import type { CompanionContext } from './transliteration.ts';

interface StoredCluster {
  slug: string;
  /** As output, with its numbered id. */
  entity: Entity;
  /** Member item ids, ascending (the first is the root). */
  ids: number[];
}

/** Everything linkIncremental needs of the corpus so far: plain data, `node:v8` serialisable. */
export interface LinkState {
  version: 1;
  docs: LinkDoc[];
  /** Item ids of doc d are docStart[d] .. docStart[d + 1] - 1 (items: mentions with a surface, as in linkDocs). */
  docStart: number[];
  itemDoc: number[];
  itemIndex: number[];
  /** Union-find over items by blocking keys. */
  parent: number[];
  /** Active key -> an item in its component. */
  active: Map<string, number>;
  /** Conditional keys no active member has reached yet -> their passive members. */
  pending: Map<string, number[]>;
  /** Sino-Vietnamese names (type + core) whose pinyin keys are in: one item per name is enough (the rest share its fold key). */
  sino: Set<string>;
  /** Component root -> member item ids, ascending. */
  comps: Map<number, number[]>;
  /** Component root -> roots of its entities. */
  compClusters: Map<number, number[]>;
  /** Per item, after linkEarly: root of its cluster, and the cluster's first person item (-1 for non-persons). */
  r8: number[];
  fp8: number[];
  /** Entity root (its first item) -> the entity. */
  clusters: Map<number, StoredCluster>;
  /** Slug -> roots of the entities with it, ascending: rank k gets `slug-k`. */
  slugs: Map<string, number[]>;
  /** Entity roots, ascending: the output order. */
  order: number[];
  /** Per item, its link. */
  links: EntityLink[];
  /** Doc indices in the order links are sorted (article id). */
  docOrder: number[];
  articleDoc: Map<string, number>;
  /** Two docs with one article id: linkDocs is rerun on everything (see linkIncremental). */
  fallback: { entities: Entity[]; links: EntityLink[] } | null;
}

export interface LinkChange {
  /** New articles, and articles with a mention whose link (entity id or reason) changed. */
  articles: Set<string>;
  /** Ids of entities added, removed or changed in any field (a renumbered id counts as both). */
  entities: Set<string>;
}

/** Keys scoped to one article (by its index or id). */
const LOCAL_KEY = /^(?:pd|id|o|x|s):/;

export function emptyLinkState(): LinkState {
  return {
    version: 1, docs: [], docStart: [0], itemDoc: [], itemIndex: [], parent: [], active: new Map(), pending: new Map(), sino: new Set(),
    comps: new Map(), compClusters: new Map(), r8: [], fp8: [], clusters: new Map(), slugs: new Map(), order: [], links: [],
    docOrder: [], articleDoc: new Map(), fallback: null,
  };
}

/**
 * linkDocs over the state's docs followed by `fresh`, exactly, plus the state to go on from. The state
 * passed in is updated in place and returned (keep no other reference to the old one).
 */
export function linkIncremental(state: LinkState | null, fresh: LinkDoc[]): { entities: Entity[]; links: EntityLink[]; state: LinkState; changed: LinkChange } {
  const s = state ?? emptyLinkState();
  const ids = new Set<string>();
  const duplicate = fresh.some((d) => s.articleDoc.has(d.id) || ids.size === ids.add(d.id).size);
  if (s.fallback || duplicate) return fallback(s, fresh);
  const firstItem = s.itemDoc.length;
  const touched = new Set<number>();
  const find = (i: number): number => {
    const p = s.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    if (ra < firstItem) touched.add(ra);
    if (rb < firstItem) touched.add(rb);
    s.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const changedArticles = new Set<string>();

  // 1. New items and their keys.
  const localKeys = new Set<string>();
  const freshOrder: number[] = [];
  for (const doc of fresh) {
    const d = s.docs.length;
    s.docs.push(doc);
    s.articleDoc.set(doc.id, d);
    freshOrder.push(d);
    changedArticles.add(doc.id);
    const items: Item[] = [];
    doc.mentions.forEach((m, index) => {
      if (!m.surface || !nfc(m.surface)) return;
      items.push(makeItem(s.itemDoc.length + items.length, d, doc.id, index, m, doc.after[index] ?? '', doc.lang));
    });
    const local = docContext(items);
    for (const it of items) {
      const id = it.id;
      s.itemDoc.push(d);
      s.itemIndex.push(it.index);
      s.parent.push(id);
      s.r8.push(-1);
      s.fp8.push(-1);
      s.links.push(null as unknown as EntityLink);
      const { on, off } = blockingKeys(it, local, s.sino);
      for (const k of on) {
        if (LOCAL_KEY.test(k)) localKeys.add(k);
        const rep = s.active.get(k);
        if (rep !== undefined) union(rep, id);
        else {
          s.active.set(k, id);
          for (const p of s.pending.get(k) ?? []) union(p, id);
          s.pending.delete(k);
        }
      }
      for (const k of off) {
        if (LOCAL_KEY.test(k)) localKeys.add(k);
        const rep = s.active.get(k);
        if (rep !== undefined) union(rep, id);
        else {
          const list = s.pending.get(k);
          if (list) list.push(id);
          else s.pending.set(k, [id]);
        }
      }
    }
    // An article's own keys can gain no member after it.
    for (const k of localKeys) {
      s.pending.delete(k);
      s.active.delete(k);
    }
    localKeys.clear();
    s.docStart.push(s.itemDoc.length);
  }

  // Docs in article-id order: the new ones sorted, then merged in (inserting each in place cost
  // O(N) apiece, quadratic for a first build).
  const byArticle = (a: number, b: number) => cmpArticle(s.docs[a].id, s.docs[b].id);
  if (freshOrder.length) s.docOrder = mergeSorted(s.docOrder, freshOrder.sort(byArticle), byArticle);

  // 2. Components to link again: those the new items joined.
  const dirty = new Map<number, number[][]>();
  const gather = (root: number, list: number[]) => {
    const r = find(root);
    const lists = dirty.get(r);
    if (lists) lists.push(list);
    else dirty.set(r, [list]);
  };
  const removed: number[] = [];
  for (const r of touched) {
    const members = s.comps.get(r);
    if (!members) continue;
    s.comps.delete(r);
    removed.push(...(s.compClusters.get(r) ?? []));
    s.compClusters.delete(r);
    gather(r, members);
  }
  const freshItems: number[] = [];
  for (let i = firstItem; i < s.itemDoc.length; i++) freshItems.push(i);
  for (const i of freshItems) gather(i, [i]);
  const work = new Map<number, Linked>();
  for (const [root, lists] of dirty) {
    const members = lists.length === 1 ? lists[0] : lists.flat().sort((a, b) => a - b);
    s.comps.set(root, members);
    work.set(root, linkEarlyPart(s, members));
  }

  // 3. Components whose people's companions changed (a person cluster after linkEarly got another root or first person).
  const docsChanged = new Set<number>();
  for (const w of work.values()) {
    for (let l = 0; l < w.members.length; l++) {
      const gid = w.members[l];
      const [r8, fp8] = [w.r8[l], w.fp8[l]];
      if (gid < firstItem && w.g.items[l].type === 'person' && (s.r8[gid] !== r8 || s.fp8[gid] !== fp8)) docsChanged.add(s.itemDoc[gid]);
      s.r8[gid] = r8;
      s.fp8[gid] = fp8;
    }
  }
  for (const d of docsChanged) {
    for (let i = s.docStart[d]; i < s.docStart[d + 1]; i++) {
      if (mentionOf(s, i).type !== 'person') continue;
      const r = find(i);
      if (work.has(r)) continue;
      removed.push(...(s.compClusters.get(r) ?? []));
      work.set(r, linkEarlyPart(s, s.comps.get(r)!));
    }
  }

  // 4. The rest of the mechanisms and the entities of every component linked again.
  const personRoots = new Map<string, number[]>();
  const ctx = (members: number[]): CompanionContext => ({
    personRoots: (article) => {
      let list = personRoots.get(article);
      if (!list) {
        const d = s.articleDoc.get(article)!;
        const byFirst = new Map<number, number>();
        for (let i = s.docStart[d]; i < s.docStart[d + 1]; i++) if (s.fp8[i] >= 0) byFirst.set(s.r8[i], s.fp8[i]);
        list = [...byFirst.entries()].sort((a, b) => a[1] - b[1]).map(([r]) => r);
        personRoots.set(article, list);
      }
      return list;
    },
    id: (root) => members[root],
    core: (gid) => itemOf(s, gid, gid).core,
  });
  const oldEntity = new Map<number, Entity>();
  const touchedSlugs = new Set<string>();
  for (const root of removed) {
    const c = s.clusters.get(root)!;
    oldEntity.set(root, c.entity);
    s.clusters.delete(root);
    removeSorted(s.slugs.get(c.slug)!, root);
    removeSorted(s.order, root);
    touchedSlugs.add(c.slug);
  }
  const added = new Set<number>();
  const reasonOf = new Map<number, string>();
  const addedRoots: number[] = [];
  for (const [compRoot, w] of work) {
    linkLate(w.g, ctx(w.members));
    const roots: number[] = [];
    for (const ce of clusterEntities(w.g)) {
      const ids = ce.ids.map((l) => w.members[l]);
      const root = ids[0];
      roots.push(root);
      // The id is set by the numbering below.
      s.clusters.set(root, { slug: ce.slug, entity: { id: '', ...ce.entity }, ids });
      added.add(root);
      let list = s.slugs.get(ce.slug);
      if (!list) s.slugs.set(ce.slug, (list = []));
      insertSorted(list, root, (a, b) => a - b);
      addedRoots.push(root);
      touchedSlugs.add(ce.slug);
      for (const [l, reason] of ce.reasons) reasonOf.set(w.members[l], reason);
    }
    s.compClusters.set(compRoot, roots);
  }
  // Merged in once, sorted: inserting each root in place is quadratic on a first build.
  const ascending = (a: number, b: number) => a - b;
  if (addedRoots.length) s.order = mergeSorted(s.order, addedRoots.sort(ascending), ascending);

  // 5. Numbering: an entity's id depends on the entities before it with its slug, so every entity after a
  // change in a slug's list may get another id (and all its links with it).
  const newEntity = new Map<number, Entity>();
  for (const slug of touchedSlugs) {
    const list = s.slugs.get(slug)!;
    list.forEach((root, k) => {
      const c = s.clusters.get(root)!;
      const id = numberedId(slug, k + 1);
      const relinked = added.has(root);
      if (!relinked && c.entity.id === id) return;
      if (!relinked) oldEntity.set(root, c.entity);
      const entity = { ...c.entity, id };
      // An entity linked again to the same thing keeps its object (callers may compare by identity).
      const prev = oldEntity.get(root);
      c.entity = prev && sameEntity(prev, entity) ? prev : entity;
      newEntity.set(root, c.entity);
      for (const i of c.ids) {
        const old = s.links[i];
        const reason = relinked ? reasonOf.get(i)! : old.reason;
        if (old && old.entity === id && old.reason === reason) continue;
        s.links[i] = { article: s.docs[s.itemDoc[i]].id, mentionIndex: s.itemIndex[i], entity: id, reason };
        changedArticles.add(s.docs[s.itemDoc[i]].id);
      }
    });
    if (!list.length) s.slugs.delete(slug);
  }

  const changedEntities = new Set<string>();
  const before = new Map<string, Entity>();
  const after = new Map<string, Entity>();
  for (const [root, e] of oldEntity) {
    before.set(e.id, e);
    const now = s.clusters.get(root)?.entity;
    if (now) after.set(now.id, now);
  }
  for (const e of newEntity.values()) after.set(e.id, e);
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a || !b || !sameEntity(a, b)) changedEntities.add(id);
  }
  return { ...output(s), state: s, changed: { articles: changedArticles, entities: changedEntities } };
}

function output(s: LinkState): { entities: Entity[]; links: EntityLink[] } {
  const entities = s.order.map((r) => s.clusters.get(r)!.entity);
  const links: EntityLink[] = [];
  for (const d of s.docOrder) for (let i = s.docStart[d]; i < s.docStart[d + 1]; i++) links.push(s.links[i]);
  return { entities, links };
}

function sameEntity(a: Entity, b: Entity): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Two docs with one article id tie in link order and share a scope: rare enough to pay a full run for. */
function fallback(s: LinkState, fresh: LinkDoc[]) {
  const before = s.fallback ?? output(s);
  s.docs.push(...fresh);
  const out = linkDocs(s.docs);
  s.fallback = out;
  const articles = new Set(fresh.map((d) => d.id));
  const key = (l: EntityLink) => `${l.article}\u0000${l.mentionIndex}`;
  const old = new Map(before.links.map((l) => [key(l), l]));
  for (const l of out.links) {
    const o = old.get(key(l));
    if (!o || o.entity !== l.entity || o.reason !== l.reason) articles.add(l.article);
  }
  const oldE = new Map(before.entities.map((e) => [e.id, e]));
  const newE = new Map(out.entities.map((e) => [e.id, e]));
  const entities = new Set<string>();
  for (const id of new Set([...oldE.keys(), ...newE.keys()])) {
    const a = oldE.get(id);
    const b = newE.get(id);
    if (!a || !b || !sameEntity(a, b)) entities.add(id);
  }
  return { ...out, state: s, changed: { articles, entities } };
}

// ---- one component --------------------------------------------------------------------------

interface Linked {
  members: number[];
  g: Graph;
  /** Per member (local id), global r8 and fp8. */
  r8: number[];
  fp8: number[];
}

function mentionOf(s: LinkState, gid: number) {
  return s.docs[s.itemDoc[gid]].mentions[s.itemIndex[gid]];
}

function itemOf(s: LinkState, gid: number, local: number): Item {
  const d = s.itemDoc[gid];
  const doc = s.docs[d];
  const index = s.itemIndex[gid];
  return makeItem(local, d, doc.id, index, doc.mentions[index], doc.after[index] ?? '', doc.lang);
}

function linkEarlyPart(s: LinkState, members: number[]): Linked {
  const g = new Graph(members.map((gid, local) => itemOf(s, gid, local)));
  linkEarly(g);
  const firstPerson = new Map<number, number>();
  const r8: number[] = [];
  const fp8: number[] = [];
  for (const it of g.items) {
    const root = g.find(it.id);
    if (it.type === 'person' && !firstPerson.has(root)) firstPerson.set(root, it.id);
  }
  for (const it of g.items) {
    const root = g.find(it.id);
    r8.push(members[root]);
    fp8.push(it.type === 'person' ? members[firstPerson.get(root)!] : -1);
  }
  return { members, g, r8, fp8 };
}

// ---- blocking keys --------------------------------------------------------------------------

/** What an article holds that decides whether a short form or an acronym of it is matched in it or in the corpus. */
export interface DocContext {
  /** Mention indices some mention `expands`. */
  targeted: Set<number>;
  /** First and last words (folded) of its full person names. */
  parts: Set<string>;
  /** `type:initials` of its names of 2-10 words. */
  initials: Set<string>;
}

export function docContext(items: Item[]): DocContext {
  const out: DocContext = { targeted: new Set(), parts: new Set(), initials: new Set() };
  for (const it of items) {
    if (typeof it.mention.expands === 'number') out.targeted.add(it.mention.expands);
    if (it.type === 'person' && it.words.length >= 2 && !it.acronym) for (const p of fullNameParts(it)) out.parts.add(p);
    if (!it.acronym && it.words.length >= 2 && it.words.length <= 10) out.initials.add(`${it.type}:${initialsOf(it.core)}`);
  }
  return out;
}

function fullNameParts(it: Item): string[] {
  const first = foldCompact(it.words[0]);
  const last = foldCompact(it.words[it.words.length - 1]);
  return first === last ? [first] : [first, last];
}

/**
 * Keys under which the mechanisms can compare `it` with another item (index.ts linkEarly and linkLate, in
 * their order). `on` keys join every item that has them; `off` keys join only once some item has them `on`.
 */
export function blockingKeys(it: Item, local: DocContext, sino: Set<string>): { on: string[]; off: string[] } {
  const on: string[] = [];
  const off: string[] = [];
  const person = it.type === 'person';
  const n = it.words.length;
  const last = it.words[n - 1] ?? '';
  // exact.ts linkSameName: a one-word person only within its article; `other` meets every type.
  if (it.fold) on.push(person && n === 1 ? `s:${it.fold}@${it.article}` : `f:${it.fold}`);
  // exact.ts linkTerritories.
  const territory = territoryOf(it);
  if (territory) on.push(`t:${territory.code}`);
  else if (!person && n >= 2) {
    const t = territoryCodesOf(it.core);
    if (t) on.push(`n:${it.type}:${t.key}`);
  }
  // acronym.ts linkAcronyms: an acronym meets every definition of it, of any type (buildEntities' definedAcronyms too).
  if (it.acronym) on.push(`a:${it.core}`);
  if (it.tailAcronym) on.push(`a:${it.tailAcronym}`);
  if (!it.acronym && n > 1 && it.after) {
    const m = AFTER.exec(it.after);
    if (m && isAcronym(m[1])) on.push(`a:${m[1]}`);
  }
  if (n > 2 && isAcronym(last)) on.push(`a:${last}`);
  const expands = it.mention.expands;
  if (typeof expands === 'number') on.push(`x:${it.doc}:${expands}`);
  if (local.targeted.has(it.index)) on.push(`x:${it.doc}:${it.index}`);
  // transliteration.ts linkPhoneticFullNames.
  if (person && n >= 2 && isPlainLatin(it.core)) {
    const key = phoneticKey(it.core);
    if (key.split(' ').every((w) => w.length >= 2)) on.push(`pf:${key}`);
  }
  // shortform.ts linkShortForms: a one-word name meets the full names with it first or last in its article,
  // and only when there are none there, those of the corpus. Keying the article's own case by article keeps
  // `ông An` from tying every `... An` and, through their first names, most people into one component.
  if (person && !it.acronym) {
    if (n >= 2) {
      for (const p of fullNameParts(it)) {
        off.push(`pd:${it.doc}:${p}`);
        off.push(`p:${p}`);
      }
    } else if (n === 1 && it.fold) on.push(local.parts.has(it.fold) ? `pd:${it.doc}:${it.fold}` : `p:${it.fold}`);
  }
  // shortform.ts linkOrganizationShortForms: within one article.
  if (it.type === 'organization' && !it.acronym) {
    if (n >= 2) {
      if (!/^\S+\s*['’]s?\s/u.test(it.core)) on.push(`o:${it.doc}:${foldCompact(it.words[0])}`);
    } else if (n === 1 && it.fold) on.push(`o:${it.doc}:${it.fold}`);
  }
  // acronym.ts linkInitials: an acronym meets the names with its letters as initials, in its article if
  // there are any there, else in the corpus (as short forms).
  if (!it.acronym && n >= 2 && n <= 10) {
    const key = `${it.type}:${initialsOf(it.core)}`;
    off.push(`id:${it.doc}:${key}`);
    off.push(`i:${key}`);
  }
  if (it.acronym) {
    const letters = foldKey(it.core).replace(/[^a-z]/g, '').toUpperCase();
    const key = `${it.type}:${letters}`;
    if (letters.length >= 2) on.push(local.initials.has(key) ? `id:${it.doc}:${key}` : `i:${key}`);
  }
  // transliteration.ts linkPinyin: a Latin name meets the Sino-Vietnamese names it may be the pinyin of.
  if (it.type !== 'other') {
    if (!it.acronym && n <= 4) {
      const letters = pinyinLetters(it.core);
      if (letters) on.push(`y:${it.type}:${letters}`);
    }
    const name = `${it.type}\u0001${it.core}`;
    if (!sino.has(name) && sinoSyllables(it.core)) {
      sino.add(name);
      for (const c of pinyinCandidates(it.core)) off.push(`y:${it.type}:${c}`);
    }
  }
  // transliteration.ts linkPhoneticVariants: a pair is only ever linked when one side (people) or both
  // (places) have no full name, so all of that side's part keys come from one-word names.
  if ((person || it.type === 'location') && !it.acronym && isPlainLatin(it.core)) {
    const kind = person ? 'v' : 'l';
    if (n >= 2) off.push(`${kind}:${phoneticWord(last)}`);
    else on.push(`${kind}:${phoneticWord(it.core)}`);
  }
  return { on, off };
}

// ---- sorted arrays --------------------------------------------------------------------------

function cmpArticle(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound<T>(list: T[], x: T, cmp: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(list[mid], x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two sorted lists as one (an element in both is kept once). */
function mergeSorted<T>(a: T[], b: T[], cmp: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : cmp(a[i], b[j]);
    if (c < 0) out.push(a[i++]);
    else if (c > 0) out.push(b[j++]);
    else {
      out.push(a[i++]);
      j++;
    }
  }
  return out;
}

function insertSorted<T>(list: T[], x: T, cmp: (a: T, b: T) => number): void {
  const at = lowerBound(list, x, cmp);
  if (list[at] === x) return;
  // Appending is the common case (new docs and items come last).
  if (at === list.length) list.push(x);
  else list.splice(at, 0, x);
}

function removeSorted(list: number[], x: number): void {
  const at = lowerBound(list, x, (a, b) => a - b);
  if (list[at] === x) list.splice(at, 1);
}
