// Acronyms and their expansions. Evidence only, never a list: an acronym is tied to an expansion where a
// text defines it (`Tổ chức Hợp tác Thượng Hải (SCO)`, or the analyzer's mention.expands), and the tie then
// holds wherever the acronym appears alone in the corpus. A Vietnamese acronym made of syllable initials
// (`LHQ` for `Liên hợp quốc`, `TQ` for `Trung Quốc`) links when exactly one name in the article (else in the
// corpus) has those initials.
import { foldKey } from '../decode/fold.ts';
import type { Graph, Item } from './graph.ts';
import { foldCompact, isAcronym, memo, words } from './text.ts';
import { addTo, push } from './multimap.ts';

/** `(SCO)`, `(BRICS - gồm ...)`, `“...” (BRI)` right after a mention. */
export const AFTER = /^[\s"'”’»]*\(\s*([^\s()\-–,;:]+)\s*[)\-–,;:]/u;

interface Definition {
  acronym: string;
  expansion: Item;
}

function definitions(g: Graph): Definition[] {
  const defs: Definition[] = [];
  const byDoc = new Map<number, Item[]>();
  for (const it of g.items) push(byDoc, it.doc, it);
  for (const it of g.items) {
    const peers = byDoc.get(it.doc)!;
    if (typeof it.mention.expands === 'number') {
      const target = peers.find((p) => p.index === it.mention.expands);
      if (target && target.id !== it.id) {
        const [acr, exp] = it.acronym ? [it, target] : [target, it];
        g.union(exp.id, acr.id, `acronym ${acr.core} of ${exp.core} (analyzer)`);
        if (acr.acronym) defs.push({ acronym: acr.core, expansion: exp });
      }
    }
    if (it.tailAcronym) defs.push({ acronym: it.tailAcronym, expansion: it });
    if (!it.acronym && it.words.length > 1 && it.after) {
      const m = AFTER.exec(it.after);
      if (m && isAcronym(m[1])) {
        defs.push({ acronym: m[1], expansion: it });
        const at = it.mention.end + m.index + m[0].indexOf(m[1]);
        const acr = peers.find((p) => p.acronym && p.core === m[1] && p.mention.start === at);
        if (acr) g.union(it.id, acr.id, `acronym ${m[1]} in parentheses after ${it.core}`);
      }
    }
  }
  return defs;
}

export function linkAcronyms(g: Graph): void {
  const defs = definitions(g);
  for (const d of defs) g.addKey(d.expansion.id, `acronym:${d.acronym}`);
  // acronym -> the entities it is defined as; an acronym defined as two different things links nowhere.
  const meaning = new Map<string, Set<number>>();
  for (const d of defs) {
    const k = `${d.expansion.type}:${d.acronym}`;
    addTo(meaning, k, g.find(d.expansion.id));
  }
  const exp = (acr: string, type: string): Item | null => {
    const roots = meaning.get(`${type}:${acr}`);
    if (!roots || roots.size !== 1) return null;
    return g.items[[...roots][0]];
  };
  for (const it of g.items) {
    if (it.acronym) {
      const e = exp(it.core, it.type);
      if (e) {
        g.addKey(it.id, `acronym:${it.core}`);
        g.union(e.id, it.id, `acronym ${it.core} defined as ${e.core}`);
      }
      continue;
    }
    // `Tổ chức hợp tác Thượng Hải SCO`: a defined acronym written after its own expansion.
    const last = it.words[it.words.length - 1];
    if (it.words.length > 2 && isAcronym(last)) {
      const e = exp(last, it.type);
      const restFold = foldCompact(it.words.slice(0, -1).join(' '));
      if (e && e.fold === restFold) g.union(e.id, it.id, `${e.core} followed by its acronym ${last}`);
    }
  }
}

const initials = (it: Item): string => initialsOf(it.core);
export const initialsOf = memo((core: string): string => {
  return words(core).flatMap((w) => w.split('-')).map((w) => foldKey(w)[0] ?? '').join('').toUpperCase();
});

export function linkInitials(g: Graph): void {
  const byInitials = new Map<string, Item[]>();
  for (const it of g.items) if (!it.acronym && it.words.length >= 2 && it.words.length <= 10) push(byInitials, `${it.type}:${initials(it)}`, it);
  // Roots already linked to a real name (not only to other acronyms) need no initials.
  const named = new Set(g.items.filter((it) => !it.acronym).map((it) => g.find(it.id)));
  // An acronym some text defines (here: as several things, or it would be linked already) is not guessed.
  const defined = new Set([...g.keys.values()].flatMap((ks) => [...ks]).filter((k) => k.startsWith('acronym:')).map((k) => k.slice(8)));
  for (const it of g.items) {
    if (!it.acronym || named.has(g.find(it.id)) || defined.has(it.core)) continue;
    const letters = foldKey(it.core).replace(/[^a-z]/g, '').toUpperCase();
    if (letters.length < 2) continue;
    const matching = byInitials.get(`${it.type}:${letters}`) ?? [];
    const local = matching.filter((f) => f.doc === it.doc);
    const pool = local.length ? local : matching;
    const roots = new Set(pool.map((f) => g.find(f.id)));
    if (roots.size !== 1) continue;
    const target = pool[0];
    g.addKey(it.id, `initials:${letters}`);
    g.union(target.id, it.id, `${it.core} = initials of ${target.core}${local.length ? ' in the same article' : ' (only such name in the corpus)'}`);
  }
}
