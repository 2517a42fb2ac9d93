// The mentions being linked and the links between them: a union-find whose every union keeps the
// reason it was made, so each mention's link can say why (DESIGN.md: nothing is merged silently).
import type { EntityType, Mention } from '../types.ts';
import type { TerritoryHit } from './territories.ts';
import { foldCompact, isAcronym, memo, nameCore, nfc, stripHonorifics, words } from './text.ts';

export interface Item {
  id: number;
  doc: number;
  article: string;
  /** Index of the mention in its analysis. */
  index: number;
  mention: Mention & { expands?: number };
  type: EntityType;
  surface: string;
  /** The name itself: courtesy words and a trailing `(ACR)` removed. */
  core: string;
  words: readonly string[];
  fold: string;
  /** The acronym the surface carries in parentheses (`Tổ chức Hợp tác Thượng Hải (SCO)` -> `SCO`). */
  tailAcronym: string | null;
  /** The core is itself an acronym. */
  acronym: boolean;
  /** The article's text right after the mention (`AFTER_CHARS` characters): where `(ACR)` would be. */
  after: string;
  lang: string | null;
  /** Cache of exact.ts territoryOf. */
  territory?: TerritoryHit | null;
}

export interface Edge {
  a: number;
  b: number;
  reason: string;
}

/** How much text after a mention the link stage reads (a parenthesised acronym); all it keeps of the text. */
export const AFTER_CHARS = 40;

export function makeItem(id: number, doc: number, article: string, index: number, mention: Mention, after: string, lang: string | null): Item {
  const { surface, core, words: ws, fold, tailAcronym, acronym } = parsed(`${mention.type}\u0001${mention.surface}`);
  return { id, doc, article, index, mention, type: mention.type, surface, core, words: ws, fold, tailAcronym, acronym, after, lang };
}

/** What an item's fields take from its surface and type alone (a corpus repeats a few thousand names). */
const parsed = memo((key: string) => {
  const cut = key.indexOf('\u0001');
  const type = key.slice(0, cut) as EntityType;
  const surface = nfc(key.slice(cut + 1));
  let rest = surface;
  let tailAcronym: string | null = null;
  // `... (SCO)`; a span may stop before the closing parenthesis (`the Air Force ( USAF`).
  const paren = /^(.*\S)\s*\(\s*([^()]+?)\s*\)?$/u.exec(rest);
  if (paren && isAcronym(paren[2]) && words(paren[1]).length > 1) {
    rest = paren[1];
    tailAcronym = paren[2];
  }
  rest = nameCore(rest);
  const core = type === 'person' ? stripHonorifics(rest).core : rest;
  const ws = words(core);
  return { surface, core, words: ws, fold: foldCompact(core), tailAcronym, acronym: ws.length === 1 && isAcronym(ws[0]) };
});

export class Graph {
  readonly parent: number[];
  readonly edges: Edge[] = [];
  readonly keys = new Map<number, Set<string>>();

  constructor(readonly items: Item[]) {
    this.parent = items.map((_, i) => i);
  }

  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  same(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  union(a: number, b: number, reason: string): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
    this.edges.push({ a, b, reason });
    return true;
  }

  addKey(i: number, key: string): void {
    let set = this.keys.get(i);
    if (!set) this.keys.set(i, (set = new Set()));
    set.add(key);
  }

  /** Root -> member ids, roots in first-mention order. */
  clusters(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const item of this.items) {
      const r = this.find(item.id);
      const list = out.get(r) ?? [];
      list.push(item.id);
      out.set(r, list);
    }
    return out;
  }

  members(i: number): Item[] {
    const r = this.find(i);
    return this.items.filter((it) => this.find(it.id) === r);
  }

  /** Links every pair of items that share a key; the first item of each group is the anchor. */
  linkByKey(select: (it: Item) => string | null, reason: (a: Item, b: Item, key: string) => string, keyName?: (key: string) => string): void {
    const groups = new Map<string, number[]>();
    for (const it of this.items) {
      const k = select(it);
      if (k === null) continue;
      if (keyName) this.addKey(it.id, keyName(k));
      const g = groups.get(k) ?? [];
      g.push(it.id);
      groups.set(k, g);
    }
    for (const [k, ids] of groups) for (const id of ids.slice(1)) this.union(ids[0], id, reason(this.items[ids[0]], this.items[id], k));
  }
}
