// Same name up to case, diacritics and spacing; countries and territories by their CLDR code.
import type { Graph, Item } from './graph.ts';
import { lookupTerritory, withTerritoryCodes } from './territories.ts';
import { addTo } from './multimap.ts';
import { memo, words } from './text.ts';

/**
 * `Hồng Kông`/`Hong Kong`, `Liên Bang`/`Liên bang`: the folded, space-free core. A one-word person name
 * (`Vương`, `Putin`) is only a surname: it joins others within its own article here, and across articles
 * only through the full name it stands for (shortform.ts), so two men who share a surname stay apart.
 */
export function linkSameName(g: Graph): void {
  g.linkByKey(
    (it) => {
      if (!it.fold) return null;
      const scope = it.type === 'person' && it.words.length === 1 ? `@${it.article}` : '';
      return `${it.type}:${it.fold}${scope}`;
    },
    (a, b) => (a.core === b.core ? 'same name' : `same name up to case/diacritics/spacing (${a.core} = ${b.core})`),
    (k) => `fold:${k.split(':')[1].split('@')[0]}`,
  );
  // `other` is the analyzer not knowing the type: such a mention joins the one typed entity with its name.
  const typed = new Map<string, Set<string>>();
  const anchor = new Map<string, number>();
  for (const it of g.items) {
    if (it.type === 'other' || !it.fold || (it.type === 'person' && it.words.length === 1)) continue;
    addTo(typed, it.fold, it.type);
    if (!anchor.has(it.fold)) anchor.set(it.fold, it.id);
  }
  for (const it of g.items) {
    if (it.type !== 'other' || typed.get(it.fold)?.size !== 1) continue;
    const a = g.items[anchor.get(it.fold)!];
    g.union(a.id, it.id, `same name as the ${a.type} ${a.core} (type not known here)`);
  }
}

const PLACE_LIKE = new Set(['location', 'organization', 'other']);

/** withTerritoryCodes of a name's words, once per distinct name. */
export const territoryCodesOf = memo((core: string) => withTerritoryCodes(words(core)));

/** Country and territory names by exact NFC match against CLDR/ISO data (`Nga`, `Liên bang Nga` -> RU). */
export function territoryOf(it: Item) {
  if (it.territory === undefined) it.territory = PLACE_LIKE.has(it.type) ? lookupTerritory(it.core) : null;
  return it.territory;
}

export function linkTerritories(g: Graph): void {
  // A country is one thing whether the analyzer typed it a place or an actor (organization).
  g.linkByKey(
    (it) => territoryOf(it)?.code ?? null,
    (a, b, code) => `same territory ${code} (${territoryOf(a)!.source}: ${a.core} = ${b.core})`,
    (code) => `territory:${code}`,
  );
  // Names that contain a territory name (`Hội đồng An ninh Liên bang Nga` = `Hội đồng An ninh Nga`).
  g.linkByKey(
    (it) => {
      if (it.type === 'person' || it.words.length < 2 || territoryOf(it)) return null;
      const t = territoryCodesOf(it.core);
      return t ? `${it.type}:${t.key}` : null;
    },
    (a, b) => `same name with the territory written differently (${a.core} = ${b.core})`,
    (k) => `territory-name:${k.slice(k.indexOf(':') + 1)}`,
  );
}
