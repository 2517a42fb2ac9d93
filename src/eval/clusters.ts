// Clustering measures: pairwise and B-cubed precision/recall/F1 of a predicted clustering against a
// gold one. Both are computed over the items present in gold; an item gold names but the
// prediction lacks counts as a singleton (the engine said nothing about it, so it grouped it with
// nothing). Predicted items absent from gold are ignored.

export interface PRF {
  p: number;
  r: number;
  f1: number;
}

export interface ClusterScores {
  pairwise: PRF;
  bcubed: PRF;
  /** Items scored (those in gold). */
  items: number;
}

function prf(p: number, r: number): PRF {
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * `predicted` and `gold` map item id -> cluster label. Pairwise: P = pairs together in both / pairs
 * together in predicted, R = … / pairs together in gold (0/0 counts as 1: nothing claimed, nothing
 * wrong). B-cubed: per item, P = |its predicted cluster ∩ its gold cluster| / |its predicted
 * cluster|, R = … / |its gold cluster|, averaged over items.
 */
export function clusterScores(predicted: Map<string, string>, gold: Map<string, string>): ClusterScores {
  const items = [...gold.keys()];
  // A missing prediction gets a label no other item can share.
  const predOf = (id: string) => (predicted.has(id) ? `p:${predicted.get(id)}` : `missing:${id}`);
  const cell = new Map<string, number>();
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  for (const id of items) {
    const p = predOf(id);
    const g = gold.get(id)!;
    const key = `${p}\u0000${g}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
  }
  let together = 0;
  for (const n of cell.values()) together += pairs(n);
  let predPairs = 0;
  for (const n of predSize.values()) predPairs += pairs(n);
  let goldPairs = 0;
  for (const n of goldSize.values()) goldPairs += pairs(n);
  const pairwise = prf(predPairs ? together / predPairs : 1, goldPairs ? together / goldPairs : 1);

  let bp = 0;
  let br = 0;
  for (const id of items) {
    const p = predOf(id);
    const g = gold.get(id)!;
    const shared = cell.get(`${p}\u0000${g}`)!;
    bp += shared / predSize.get(p)!;
    br += shared / goldSize.get(g)!;
  }
  const n = items.length;
  const bcubed = prf(n ? bp / n : 1, n ? br / n : 1);
  return { pairwise, bcubed, items: n };
}
