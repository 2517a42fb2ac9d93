// Query parsing, folding with offsets, snippets; and a fuzz check that no input makes FTS5 fail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { foldKey } from '../decode/fold.ts';
import {
  firstMatch, foldForSearch, foldForSearchSlow, foldWithOffsets, makeSnippet, parseQuery, toFts5Query, toTsQuery, tokenize,
} from './search.ts';

const vietnamese = fc.constantFrom(
  'Vương', 'Nghị', 'Đà', 'Nẵng', 'đường', 'Hà', 'Nội', 'ngày', 'tháng', 'năm', 'Wang', 'Yi', 'Σίσυφος', 'İstanbul',
  'Ωμέγα', 'ǅemal', 'ﬁle', '王毅', 'हिन्दी', '12/11', '"', '*', '-', 'OR', 'NEAR(', ':', '(', ')', ' ', '\n', '🙂', '\u0301',
);
const mixedText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(vietnamese, { maxLength: 12 }).map((xs) => xs.join(' ')),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('search folding', () => {
  it('folds marks, đ and case', () => {
    assert.equal(foldForSearch('Vương Nghị ĐÀ NẴNG'), 'vuong nghi da nang');
    assert.equal(foldForSearch('Đà Nẵng'.normalize('NFD')), 'da nang');
  });

  it('folds exactly as the cluster-by-cluster definition (the fast path changes nothing)', () => {
    const units = fc.constantFrom(
      'a', 'A', 'z', '0', ' ', '\n', 'Đ', 'đ', 'ư', 'ệ', 'Ệ', '\u0301', '\u0302', '\u20dd', '\ud834\udd65', '\u1100', '\u1161',
      '\u11a8', '\ud800', '\udc00', '🙂', 'Σ', 'İ', 'ǅ', 'ﬁ', '王', 'ि',
    );
    fc.assert(fc.property(fc.oneof(mixedText, fc.string({ unit: units, maxLength: 30 })), (s) => {
      assert.equal(foldForSearch(s), foldForSearchSlow(s));
      assert.equal(foldForSearch(s.repeat(300)), foldForSearchSlow(s.repeat(300)), 'long text (buffer growth)');
    }), { numRuns: 2000 });
  });

  it('gives NFC and NFD text the same folded form, equal to foldKey for Vietnamese', () => {
    fc.assert(fc.property(mixedText, (s) => {
      assert.equal(foldForSearch(s.normalize('NFC')), foldForSearch(s.normalize('NFD')));
    }));
    fc.assert(fc.property(fc.array(vietnamese, { maxLength: 12 }).map((xs) => xs.slice(0, 8).join(' ')), (s) => {
      if (/[\u0370-\u03ff]|İ/.test(s)) return; // context-free folding differs from whole-string lower-casing there
      assert.equal(foldForSearch(s), foldKey(s));
    }));
  });

  it('maps every folded character back to the cluster it came from', () => {
    fc.assert(fc.property(mixedText, (s) => {
      const { folded, offsets } = foldWithOffsets(s);
      assert.equal(folded, foldForSearch(s));
      assert.equal(offsets.length, folded.length + 1);
      assert.equal(offsets[folded.length], s.length);
      for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i]! >= offsets[i - 1]!);
      // The original range a token maps to folds to the token (or, where one character folds
      // to several and a token starts inside them, to a little more around it).
      for (const t of tokenize(folded)) {
        const original = s.slice(offsets[t.start], offsets[t.end]);
        assert.ok(foldForSearch(original).includes(t.text), `${JSON.stringify(original)} → ${t.text}`);
      }
    }));
  });
});

describe('query parsing', () => {
  it('splits words, keeps quoted phrases, folds', () => {
    assert.deepEqual(parseQuery('Vương Nghị "Đà Nẵng" 12/11'), {
      phrases: [['vuong'], ['nghi'], ['da', 'nang'], ['12', '11']],
      alternatives: [],
    });
    assert.deepEqual(parseQuery('“an ninh” OR -x*', ['Wang Yi', '"', 'wang  yi']), {
      phrases: [['an', 'ninh'], ['or'], ['x']],
      alternatives: [['wang', 'yi']],
    });
    assert.deepEqual(parseQuery('"*-()'), { phrases: [], alternatives: [] });
  });

  it('builds FTS5 and tsquery expressions', () => {
    const q = parseQuery('vuong "da nang"', ['Wang Yi']);
    assert.equal(toFts5Query(q), '("vuong" AND "da nang") OR "wang yi"');
    assert.equal(toTsQuery(q), "('vuong' & ('da' <-> 'nang')) | ('wang' <-> 'yi')");
    assert.equal(toFts5Query(parseQuery('   ')), null);
    assert.equal(toTsQuery(parseQuery('()')), null);
  });

  it('never produces an FTS5 expression that fails, whatever the input', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE f USING fts5 (title, body, content = '', tokenize = 'unicode61 remove_diacritics 0')");
    db.prepare('INSERT INTO f (rowid, title, body) VALUES (1, ?, ?)').run('vuong nghi', 'da nang or near');
    const stmt = db.prepare('SELECT rowid FROM f WHERE f MATCH ?');
    fc.assert(fc.property(mixedText, fc.array(mixedText, { maxLength: 3 }), (q, alts) => {
      const expr = toFts5Query(parseQuery(q, alts));
      if (expr !== null) stmt.all(expr);
    }), { numRuns: 2000 });
    db.close();
  });
});

describe('snippets', () => {
  it('finds the first phrase in the original text', () => {
    const text = 'Hôm qua, Ngoại trưởng Vương Nghị đã tới Đà Nẵng.';
    const m = firstMatch(text, parseQuery('"vuong nghi"'));
    assert.deepEqual(m && text.slice(m.start, m.end), 'Vương Nghị');
    const nfd = text.normalize('NFD');
    const m2 = firstMatch(nfd, parseQuery('"da nang"'));
    assert.equal(m2 && nfd.slice(m2.start, m2.end).normalize('NFC'), 'Đà Nẵng');
    assert.equal(firstMatch(text, parseQuery('"nghi vuong"')), null);
    const lines = 'Dòng một.\nNgoại trưởng Vương\nNghị phát biểu.\nVương Nghị lần nữa.';
    const m3 = firstMatch(lines, parseQuery('"vuong nghi"'));
    assert.equal(m3 && m3.start, lines.lastIndexOf('Vương'), 'a match within one line comes first');
    const split = lines.slice(0, lines.lastIndexOf('\n'));
    const m5 = firstMatch(split, parseQuery('"vuong nghi"'));
    assert.equal(m5 && split.slice(m5.start, m5.end), 'Vương\nNghị', 'else a phrase across a line break');
    const m4 = firstMatch(lines, parseQuery('phat'));
    assert.equal(m4 && lines.slice(m4.start, m4.end), 'phát', 'offsets on later lines');
  });

  it('cuts about 160 characters around the match, at spaces', () => {
    const before = 'Một câu mở đầu khá dài để đẩy từ khoá ra xa. '.repeat(10);
    const after = ' Và sau đó còn nhiều câu khác nữa để kéo dài văn bản.'.repeat(10);
    const text = `${before}Thủ tướng thăm Đà Nẵng hôm nay.${after}`;
    const s = makeSnippet(text, parseQuery('da nang'));
    assert.match(s, /Đà Nẵng/);
    assert.ok(s.startsWith('…') && s.endsWith('…'));
    assert.ok(s.length <= 162, `${s.length}`);
    assert.ok(!/\s…$/.test(s) && !/^…\s/.test(s));
    assert.equal(makeSnippet('Ngắn thôi.', parseQuery('zzz')), 'Ngắn thôi.');
    assert.equal(makeSnippet('a\n\nb   c', parseQuery('b')), 'a b c');
  });

  it('always contains the match when the text has one', () => {
    fc.assert(fc.property(fc.array(vietnamese, { minLength: 1, maxLength: 80 }), fc.nat(), (words, k) => {
      const text = words.join(' ');
      const word = words[k % words.length]!;
      const q = parseQuery(word);
      const m = firstMatch(text, q);
      if (!m) return;
      const s = makeSnippet(text, q);
      assert.ok(s.replace(/^…|…$/g, '').includes(text.slice(m.start, m.end).replace(/\s+/g, ' ')), s);
    }));
  });
});
