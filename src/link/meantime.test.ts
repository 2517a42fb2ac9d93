// Cross-document name linking on MEANTIME's 90 English articles (gold mention spans and types, gold
// cross-document entities): floors under the numbers bench/link-meantime.ts prints, so a change that
// merges wrongly or stops linking shows. Measured when pinned: pairwise P 0.982 R 0.790; B-cubed P 0.974 R 0.728.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreMeantime } from '../../bench/link-meantime.ts';

test('MEANTIME named-mention linking stays above its floors and beats exact matching', () => {
  const { linked, baseline } = scoreMeantime();
  console.log(`link MEANTIME: pairwise P ${linked.pairwise.p.toFixed(3)} R ${linked.pairwise.r.toFixed(3)}; B-cubed P ${linked.bcubed.p.toFixed(3)} R ${linked.bcubed.r.toFixed(3)} (exact surface R ${baseline.pairwise.r.toFixed(3)})`);
  assert.ok(linked.items > 900);
  assert.ok(linked.pairwise.p >= 0.97, `pairwise precision ${linked.pairwise.p}`);
  assert.ok(linked.pairwise.r >= 0.75, `pairwise recall ${linked.pairwise.r}`);
  assert.ok(linked.bcubed.p >= 0.96, `B-cubed precision ${linked.bcubed.p}`);
  assert.ok(linked.bcubed.f1 > baseline.bcubed.f1 + 0.1);
});
