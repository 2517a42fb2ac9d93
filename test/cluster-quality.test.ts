// Story clustering on real news (MEANTIME English, 90 articles in three topic folders) through the
// real pipeline: ingest() into SQLite, rebuild(). The floors sit under the numbers
// bench/cluster-quality.ts measured (story B-cubed P 1.000 R 0.772 F1 0.871) so a change that
// makes stories chain across topics or fall apart fails here.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baselines, ingestMeantime, loadMeantimeGold, scoreResult, type MeantimeRun, type QualityReport } from '../bench/cluster-quality.ts';
import { rebuild } from '../src/pipeline/index.ts';

describe('stories on MEANTIME', () => {
  const gold = loadMeantimeGold();
  let run: MeantimeRun;
  let q: QualityReport;

  before(async () => {
    run = await ingestMeantime(gold);
    q = scoreResult(await rebuild(run.store), run, gold);
  });
  after(async () => run?.cleanup());

  it('reads all 90 documents with their creation dates and three topics', () => {
    assert.equal(gold.docs.length, 90);
    assert.equal(new Set(gold.stories.values()).size, 3);
    // Three have no usable CREATION_TIME (see loadMeantimeGold).
    assert.equal(gold.docs.filter((d) => d.published).length, 87);
    assert.equal(run.docOf.size, 90);
  });

  it('groups articles by topic: story B-cubed F1 >= 0.80 with precision >= 0.95', () => {
    assert.ok(q.stories.bcubed.f1 >= 0.8, JSON.stringify(q.stories));
    assert.ok(q.stories.bcubed.p >= 0.95, JSON.stringify(q.stories));
  });

  it('beats both trivial baselines on story B-cubed F1', () => {
    const b = baselines(gold);
    assert.ok(q.stories.bcubed.f1 > b.allInOne.stories.bcubed.f1 + 0.2);
    assert.ok(q.stories.bcubed.f1 > b.singletons.stories.bcubed.f1 + 0.2);
  });

  it('no story swallows most of the corpus (chaining)', () => {
    assert.ok(q.largestStory <= 45, `largest story ${q.largestStory}`);
  });
});
