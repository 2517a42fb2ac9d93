import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { porterStem } from './stem.ts';

describe('porterStem', () => {
  it('gives the stems of Porter (1980)', () => {
    // Examples from the paper's step tables.
    const cases: [string, string][] = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['caress', 'caress'], ['cats', 'cat'],
      ['feed', 'feed'], ['agreed', 'agre'], ['plastered', 'plaster'], ['bled', 'bled'], ['motoring', 'motor'],
      ['sing', 'sing'], ['conflated', 'conflat'], ['troubled', 'troubl'], ['sized', 'size'], ['hopping', 'hop'],
      ['tanned', 'tan'], ['falling', 'fall'], ['hissing', 'hiss'], ['fizzed', 'fizz'], ['failing', 'fail'],
      ['filing', 'file'], ['happy', 'happi'], ['sky', 'sky'], ['relational', 'relat'], ['conditional', 'condit'],
      ['rational', 'ration'], ['valenci', 'valenc'], ['digitizer', 'digit'], ['triplicate', 'triplic'],
      ['formative', 'form'], ['electrical', 'electr'], ['hopeful', 'hope'], ['goodness', 'good'],
      ['revival', 'reviv'], ['allowance', 'allow'], ['adjustment', 'adjust'], ['adoption', 'adopt'],
      ['probate', 'probat'], ['rate', 'rate'], ['cease', 'ceas'], ['controll', 'control'], ['roll', 'roll'],
      ['generalizations', 'gener'], ['oscillators', 'oscil'],
    ];
    for (const [w, s] of cases) assert.equal(porterStem(w), s, w);
  });

  it('leaves non-ASCII words alone', () => {
    assert.equal(porterStem('nghị'), 'nghị');
    assert.equal(porterStem('a'), 'a');
  });
});
