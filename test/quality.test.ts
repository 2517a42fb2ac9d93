// Quality floors on public data nobody here wrote (STYLE.md 7): a floor under what is measured,
// so a change that makes extraction worse fails. Numbers are printed by bench/extraction.ts.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../src/extract/index.ts';
import { loadExtractionBenchmark, metrics, tpFpFn } from '../bench/lib/extraction-measure.ts';

it('extraction F1 on the article-extraction benchmark stays above Readability alone (0.947)', () => {
  const { truth, pages } = loadExtractionBenchmark();
  const rows = Object.keys(truth).map((id) => {
    let body = '';
    try {
      body = extractArticle({ text: pages.get(id)!, format: 'html', origin: `${id}.html`, given: { url: truth[id]!.url } }).body.join('\n\n');
    } catch {
      /* an empty extraction scores zero for this page */
    }
    return tpFpFn(truth[id]!.articleBody, body);
  });
  const m = metrics(rows);
  console.log(`extraction: P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)} on ${rows.length} pages`);
  assert.ok(m.f1 >= 0.955, `F1 ${m.f1.toFixed(3)}`);
});
