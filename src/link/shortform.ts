// Short forms of person names: `ông Ôn` -> `Ôn Gia Bảo`, `bà Lan` -> `Nguyễn Thị Lan`, `Merkel` ->
// `Angela Merkel`. A one-word person name is a part of a full name: the first syllable of a Chinese or
// Sino-Vietnamese name (surname first), the last word of a Western name, the last syllable of a Vietnamese
// name (people are called by their given name). It links when exactly one full name in the same article
// (after spelling variants are merged) has that part first or last; with no full name in the article, when
// exactly one full name in the whole corpus has it. Ambiguity leaves the short form alone.
import type { Graph, Item } from './graph.ts';
import { foldCompact } from './text.ts';
import { push } from './multimap.ts';

function parts(it: Item): string[] {
  const first = foldCompact(it.words[0]);
  const last = foldCompact(it.words[it.words.length - 1]);
  return first === last ? [first] : [first, last];
}

export function linkShortForms(g: Graph): void {
  const full = g.items.filter((it) => it.type === 'person' && it.words.length >= 2 && !it.acronym);
  const byPart = new Map<string, Item[]>();
  const byDocPart = new Map<string, Item[]>();
  for (const f of full) {
    for (const p of parts(f)) {
      push(byPart, p, f);
      push(byDocPart, `${f.doc}:${p}`, f);
    }
  }
  // Decide every short form against the state before any short-form link, so order does not matter.
  const decisions: [Item, Item, string][] = [];
  const resolved = new Set(full.map((f) => g.find(f.id)));
  for (const it of g.items) {
    if (it.type !== 'person' || it.words.length !== 1 || it.acronym || !it.fold) continue;
    if (resolved.has(g.find(it.id))) continue;
    const candidates = byPart.get(it.fold) ?? [];
    const local = byDocPart.get(`${it.doc}:${it.fold}`) ?? [];
    const pool = local.length ? local : candidates;
    const roots = new Set(pool.map((c) => g.find(c.id)));
    if (roots.size !== 1) continue;
    const target = pool[0];
    const where = local.length ? 'in the same article' : 'the only full name with it in the corpus';
    const part = foldCompact(target.words[0]) === it.fold ? 'first' : 'last';
    decisions.push([target, it, `short form: ${it.core} is the ${part} part of ${target.core}, ${where}`]);
  }
  for (const [target, it, reason] of decisions) g.union(target.id, it.id, reason);
}

/**
 * Organisations are shortened to their first word (`Lockheed` for `Lockheed Martin`, `AirTran` for
 * `AirTran Airways`), never their last (`Airlines`). Only within one article and only when one organisation
 * there starts with that word: across articles the same first word is too often another company.
 */
export function linkOrganizationShortForms(g: Graph): void {
  const byDocFirst = new Map<string, Item[]>();
  for (const it of g.items) {
    if (it.type !== 'organization' || it.words.length < 2 || it.acronym) continue;
    // `Boeing 's Launch Systems`: the first word is the owner, not the start of the name.
    if (/^\S+\s*['’]s?\s/u.test(it.core)) continue;
    push(byDocFirst, `${it.doc}:${foldCompact(it.words[0])}`, it);
  }
  const decisions: [Item, Item][] = [];
  for (const it of g.items) {
    if (it.type !== 'organization' || it.words.length !== 1 || it.acronym || !it.fold) continue;
    const pool = byDocFirst.get(`${it.doc}:${it.fold}`) ?? [];
    const roots = new Set(pool.map((c) => g.find(c.id)));
    if (roots.size === 1) decisions.push([pool[0], it]);
  }
  for (const [target, it] of decisions) g.union(target.id, it.id, `short form: ${it.core} is the first word of ${target.core}, in the same article`);
}
