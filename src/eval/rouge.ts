// ROUGE for timelines as tilse defines it (Martschat & Markert 2017, 2018: `tilse/evaluation/rouge.py`)
// and news-tls reports it: concat, agreement and align+ m:1, over ROUGE-N counts.
//
// Text is prepared as ROUGE-1.5.5 does with `-s -m` (what tilse asks pyrouge for): lower-cased,
// split on anything that is not a letter or digit (Unicode classes, so Vietnamese works), stop words
// dropped, and the Porter stemmer applied to English words longer than 3 characters. Differences from
// ROUGE-1.5.5 itself, stated so numbers are read right: the English stop list below is a common
// 180-word list, not ROUGE's 571-word SMART list; n-grams do not cross sentence boundaries.
import { porterStem } from './stem.ts';

export interface RougeLanguage {
  stopWords: ReadonlySet<string>;
  stem?: (word: string) => string;
}

const EN_STOP = `a about above after again against all am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few
for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself
his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should
shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what
what's when when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll
you're you've your yours yourself yourselves s t d ll m o re ve y will just also`;

// Vietnamese is scored on syllables (what whitespace gives); these are single-syllable function words.
const VI_STOP = `và của các những được là có trong với cho này đã sẽ đang không một theo về tại từ khi đến ra vào cũng
như thì mà nhưng nên để do bị rằng trên sau trước qua lại còn rất đó đây ấy nào gì vẫn đều chỉ hay hoặc cả tới việc sự ở`;

function words(list: string): Set<string> {
  // Apostrophe forms are split by the tokenizer, so their parts are what must be matched.
  return new Set(list.split(/\s+/).flatMap((w) => w.split("'")).filter(Boolean));
}

export const ROUGE_LANGUAGES: Record<string, RougeLanguage> = {
  en: { stopWords: words(EN_STOP), stem: porterStem },
  vi: { stopWords: words(VI_STOP) },
};

const NEUTRAL: RougeLanguage = { stopWords: new Set() };

export function rougeLanguage(code: string | undefined): RougeLanguage {
  return ROUGE_LANGUAGES[(code ?? '').toLowerCase().split(/[-_]/)[0] ?? ''] ?? NEUTRAL;
}

/** The words ROUGE compares for one sentence. */
export function rougeTokens(sentence: string, lang: RougeLanguage): string[] {
  const raw = sentence.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return raw
    .filter((w) => !lang.stopWords.has(w))
    .map((w) => (lang.stem && w.length > 3 ? lang.stem(w) : w));
}

export type Counts = Map<string, number>;

/** N-grams of each sentence (they do not cross sentences), counted. */
export function ngramCounts(sentences: string[][], n: number): Counts {
  const c: Counts = new Map();
  for (const s of sentences) {
    for (let i = 0; i + n <= s.length; i++) {
      const g = s.slice(i, i + n).join(' ');
      c.set(g, (c.get(g) ?? 0) + 1);
    }
  }
  return c;
}

/** ROUGE-N counts: hits (clipped matches), n-grams in the prediction and in the reference. */
export interface RougeCounts {
  hit: number;
  pred: number;
  ref: number;
}

export function rougeCounts(pred: Counts, ref: Counts): RougeCounts {
  let hit = 0;
  let p = 0;
  let r = 0;
  for (const [g, c] of pred) {
    p += c;
    hit += Math.min(c, ref.get(g) ?? 0);
  }
  for (const c of ref.values()) r += c;
  return { hit, pred: p, ref: r };
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function prf(pNum: number, pDen: number, rNum: number, rDen: number): PRF {
  const precision = pDen === 0 ? 0 : pNum / pDen;
  const recall = rDen === 0 ? 0 : rNum / rDen;
  return { precision, recall, f1: f1(precision, recall) };
}

/** A timeline for evaluation: `YYYY-MM-DD` -> its summary sentences (raw text). */
export type DatedSummaries = Map<string, string[]>;

/** Whole days between two `YYYY-MM-DD` dates. */
export function dayDiff(a: string, b: string): number {
  return Math.round(Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/**
 * tilse's `compute_rouge_approximation`: a quick ROUGE-1 F1 on whitespace tokens of the raw
 * sentences (no lower-casing, no stop words), used only to set alignment costs.
 */
export function approxRouge1(pred: string[], ref: string[]): number {
  const count = (ss: string[]) => {
    const c: Counts = new Map();
    for (const s of ss) for (const t of s.split(/\s+/).filter(Boolean)) c.set(t, (c.get(t) ?? 0) + 1);
    return c;
  };
  const { hit, pred: p, ref: r } = rougeCounts(count(pred), count(ref));
  return f1(p ? hit / p : 0, r ? hit / r : 0);
}

/** Scores one predicted timeline against one reference with the three tilse measures. */
export class TimelineRouge {
  private cache = new Map<string, string[]>();
  constructor(
    private readonly lang: RougeLanguage,
    private readonly n: number,
  ) {}

  private counts(sentences: string[]): Counts {
    return ngramCounts(
      sentences.map((s) => {
        let t = this.cache.get(s);
        if (!t) {
          t = rougeTokens(s, this.lang);
          this.cache.set(s, t);
        }
        return t;
      }),
      this.n,
    );
  }

  private score(pred: string[], ref: string[]): RougeCounts {
    return rougeCounts(this.counts(pred), this.counts(ref));
  }

  /** All summaries of each timeline concatenated, then plain ROUGE. */
  concat(pred: DatedSummaries, ref: DatedSummaries): PRF {
    const all = (t: DatedSummaries) => [...t.keys()].sort().flatMap((d) => t.get(d)!);
    const c = this.score(all(pred), all(ref));
    return prf(c.hit, c.pred, c.hit, c.ref);
  }

  /** Only summaries of the same date are compared; a date missing on one side scores 0 hits. */
  agreement(pred: DatedSummaries, ref: DatedSummaries): PRF {
    let pNum = 0, pDen = 0, rNum = 0, rDen = 0;
    for (const d of new Set([...pred.keys(), ...ref.keys()])) {
      const c = this.score(pred.get(d) ?? [], ref.get(d) ?? []);
      if (pred.has(d)) { pNum += c.hit; pDen += c.pred; }
      if (ref.has(d)) { rNum += c.hit; rDen += c.ref; }
    }
    return prf(pNum, pDen, rNum, rDen);
  }

  /**
   * align+ m:1. For precision every predicted date is aligned to the reference date of least cost,
   * cost = (1 - 1/(|days|+1)) * (1 - approxRouge1): near in time and alike in words. Several predicted
   * dates may share one reference date (many-to-one). Hits are weighted by 1/(|days|+1). Recall is
   * the mirror image: every reference date is aligned to its least-cost predicted date. Ties go to the
   * earliest date (numpy's argmin).
   */
  alignM1(pred: DatedSummaries, ref: DatedSummaries): PRF {
    const predDates = [...pred.keys()].sort();
    const refDates = [...ref.keys()].sort();
    let pNum = 0, pDen = 0, rNum = 0, rDen = 0;
    const cost = (p: string, r: string) =>
      (1 - 1 / (dayDiff(p, r) + 1)) * (1 - approxRouge1(pred.get(p)!, ref.get(r)!));
    const argmin = <T>(xs: T[], f: (x: T) => number): T => {
      let best: T = xs[0] as T;
      let bestCost = f(best);
      for (const x of xs.slice(1)) {
        const c = f(x);
        if (c < bestCost) { best = x; bestCost = c; }
      }
      return best;
    };
    if (refDates.length) {
      for (const p of predDates) {
        const r = argmin(refDates, (r) => cost(p, r));
        const c = this.score(pred.get(p)!, ref.get(r)!);
        pNum += c.hit / (dayDiff(p, r) + 1);
        pDen += c.pred;
      }
    } else {
      for (const p of predDates) pDen += this.score(pred.get(p)!, []).pred;
    }
    if (predDates.length) {
      for (const r of refDates) {
        const p = argmin(predDates, (p) => cost(p, r));
        const c = this.score(pred.get(p)!, ref.get(r)!);
        rNum += c.hit / (dayDiff(p, r) + 1);
        rDen += c.ref;
      }
    } else {
      for (const r of refDates) rDen += this.score([], ref.get(r)!).ref;
    }
    return prf(pNum, pDen, rNum, rDen);
  }
}

/** Date selection as news-tls scores it: exact dates shared. */
export function dateF1(pred: Iterable<string>, ref: Iterable<string>): PRF {
  const p = new Set(pred);
  const r = new Set(ref);
  let shared = 0;
  for (const d of p) if (r.has(d)) shared++;
  return prf(shared, p.size, shared, r.size);
}
