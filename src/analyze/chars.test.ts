import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changesWhenLowered, isLetterOrMarkUnit, isLowerUnit, isNumberUnit, isSpaceUnit, isUpperUnit, isWordUnit } from './chars.ts';

test('code-unit tables answer as the regexes do, for every UTF-16 code unit', () => {
  const cases: [string, (c: number) => boolean, RegExp][] = [
    ['space', isSpaceUnit, /\s/u],
    ['lower', isLowerUnit, /\p{Ll}/u],
    ['upper', isUpperUnit, /\p{Lu}/u],
    ['letter or mark', isLetterOrMarkUnit, /[\p{L}\p{M}]/u],
    ['number', isNumberUnit, /\p{N}/u],
    ['word', isWordUnit, /[\p{L}\p{M}\p{N}]/u],
  ];
  for (const [name, f, re] of cases) {
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      if (f(c) !== re.test(ch)) assert.fail(`${name}: U+${c.toString(16)}`);
      // Asked again: the remembered answer.
      if (f(c) !== re.test(ch)) assert.fail(`${name} (remembered): U+${c.toString(16)}`);
    }
  }
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    if (changesWhenLowered(c) !== (ch !== ch.toLowerCase())) assert.fail(`lowered: U+${c.toString(16)}`);
  }
});
