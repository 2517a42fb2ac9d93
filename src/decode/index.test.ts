import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { isTinlineError } from '../errors.ts';
import { DATA_DIR, seedFiles } from '../../test/shared.ts';
import { articleId, decodeBytes, detectCharset, foldDiacritics, foldKey, normalizeText, normalizeWithOffsets } from './index.ts';
import { encodeAs } from './encode.ts';

// ---- encoders, written the way the real tools wrote these files -----------------------------

const encode1258 = (text: string): Buffer => encodeAs(text, 'windows-1258');
const encodeVni = (text: string): Buffer => encodeAs(text, 'vni');

/** Old-style ("dictionary") placement: tone on the second vowel of open oa, oe, uy (hoà, khoẻ, thuỷ). */
function oldStyle(text: string): string {
  return text
    .normalize('NFD')
    .replace(/([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])(?![\p{L}\p{M}])/gu, '$1$3$2')
    .replace(/(?<![qQ])([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])(?![\p{L}\p{M}])/gu, '$1$3$2')
    .normalize('NFC');
}

/** VISCII and TCVN3 have no room for typographic punctuation; the seeds use a few. */
const plainPunctuation = (t: string): string => t.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/[—–]/g, '-');

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(isTinlineError(e), `not a TinlineError: ${String(e)}`);
    return `${e.code}: ${e.message}`;
  }
  return 'no error';
}

// ---- every seed in every encoding ------------------------------------------------------------

describe('decode: seeds in every encoding give the UTF-8 text and id', () => {
  for (const file of seedFiles()) {
    const seed = readFileSync(file, 'utf8').normalize('NFC');
    const variants: [string, string, (t: string) => Uint8Array, string][] = [
      ['windows-1258 (decomposed tones)', 'windows-1258', encode1258, seed],
      ['VISCII', 'viscii', (t) => iconv.encode(t, 'viscii'), plainPunctuation(seed)],
      ['TCVN3', 'tcvn3', (t) => iconv.encode(t, 'tcvn'), plainPunctuation(seed)],
      ['VNI', 'vni', encodeVni, seed],
      ['UTF-16LE with BOM', 'utf-16le', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), seed],
      ['UTF-16BE with BOM', 'utf-16be', (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]), seed],
      ['UTF-8 BOM + CRLF', 'utf-8', (t) => Buffer.from('\ufeff' + t.replace(/\n/g, '\r\n')), seed],
      ['UTF-8 NFD', 'utf-8', (t) => Buffer.from(t.normalize('NFD')), seed],
      ['UTF-8 old-style tones', 'utf-8', (t) => Buffer.from(oldStyle(t)), seed],
    ];
    for (const [name, charset, encode, base] of variants) {
      it(`${basename(file)} as ${name}`, () => {
        const reference = decodeBytes(Buffer.from(base));
        const bytes = encode(base);
        assert.equal(detectCharset(bytes), charset);
        const got = decodeBytes(bytes);
        assert.equal(got.charset, charset);
        assert.equal(got.text, reference.text);
        assert.equal(articleId(got.text), articleId(reference.text));
        assert.equal(articleId(got.original), articleId(base));
      });
    }
  }

  it('the old-style converter really changes the seeds (the test above can fail)', () => {
    const changed = seedFiles().filter((f) => {
      const t = readFileSync(f, 'utf8').normalize('NFC');
      return oldStyle(t) !== t;
    });
    assert.ok(changed.length > 0);
  });
});

// ---- normalizeText --------------------------------------------------------------------------

describe('normalizeText', () => {
  it('places the tone by one syllable rule', () => {
    const cases: [string, string][] = [
      ['hoà', 'hòa'], ['thuỷ', 'thủy'], ['khoẻ', 'khỏe'], ['hoè', 'hòe'], ['Uỷ ban', 'Ủy ban'], ['HOÀ', 'HÒA'],
      ['hoàn', 'hoàn'], ['thuyền', 'thuyền'], ['quý', 'quý'], ['qúy', 'quý'], ['giày', 'giày'], ['gìn', 'gìn'],
      ['khoái', 'khoái'], ['khuỷu', 'khuỷu'], ['người', 'người'], ['mùa', 'mùa'], ['quốc', 'quốc'], ['huỳnh', 'huỳnh'],
    ];
    for (const [input, want] of cases) assert.equal(normalizeText(input), want, input);
  });

  it('leaves words that are not Vietnamese syllables alone', () => {
    for (const w of ['Kiev', 'naïve', 'Zoë', 'façade', 'Müller', 'COVID-19', 'hoàx']) assert.equal(normalizeText(w), w.normalize('NFC'));
  });

  it('moves a tone only between the places Vietnamese conventions put it', () => {
    // `più` and `saí` parse as syllables, but no convention marks the second vowel of `iu` or `ai`
    // with a grave or an acute: they are Italian and Portuguese.
    for (const w of ['più', 'PIÚ', 'così più', 'saí', 'aí', 'già', 'giù', 'pão', 'põe']) assert.equal(normalizeText(w), w, w);
    assert.equal(normalizeText('il lavoro più smart, hoà bình'), 'il lavoro più smart, hòa bình');
    // Typing slips a writer of Vietnamese makes still come out in the one placement.
    for (const [input, want] of [['qúa', 'quá'], ['gìa', 'già'], ['hòan', 'hoàn'], ['ngừơi', 'người'], ['khủyu', 'khuỷu'], ['cuả', 'của'], ['điạ', 'địa']]) {
      assert.equal(normalizeText(input!), want, input);
      assert.equal(normalizeText(input!.normalize('NFD')), want, input);
    }
  });

  it('repairs the look-alike Ð/ð only where a Vietnamese syllable results', () => {
    assert.equal(normalizeText('Ðà Nẵng, ÐẢNG, ðiều'), 'Đà Nẵng, ĐẢNG, điều');
    assert.equal(normalizeText('Sigurður með Ðóra'), 'Sigurður með Ðóra');
    assert.equal(foldKey(normalizeText('Ðà Nẵng')), 'da nang');
  });

  it('removes invisible characters and unifies spaces and line ends', () => {
    assert.equal(normalizeText('Việt\u200bNam\u00a0mới\u202fđây\u2060!\u00ad'), 'ViệtNam mới đây!');
    assert.equal(normalizeText('\ufeffa  \r\nb\t \rc\u3000\u2003'), 'a\nb\nc');
    assert.equal(normalizeText('một\n\n\nhai\r\n\r\nba'), 'một\n\n\nhai\n\nba');
  });

  it('NFD and NFC input give the same text', () => {
    const s = 'Thủ tướng Nguyễn Xuân Phúc, Hà Nội, Đà Nẵng';
    assert.equal(normalizeText(s.normalize('NFD')), s);
  });
});

// ---- normalizeWithOffsets properties --------------------------------------------------------

// Vietnamese letters, combining marks, look-alikes, invisible and space characters, line ends,
// plus arbitrary Unicode: the mix that makes offset bookkeeping go wrong.
const unit = fc.oneof(
  fc.constantFrom(...'aăâeêioôơuưy', ...'hoàthuỷquýgiàyngườiĐđÐð', ' ', '\n', '\r', '\r\n', '\t'),
  fc.constantFrom('\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b'),
  fc.constantFrom('\u200b', '\ufeff', '\u00ad', '\u00a0', '\u202f', '\u2003', '\u2028', '\u0085'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const text = fc.string({ unit, maxLength: 40 });

describe('normalizeWithOffsets', () => {
  it('offsets are monotonic, in range, and point at the character they came from', () => {
    fc.assert(
      fc.property(text, (s) => {
        const { text: out, offsets } = normalizeWithOffsets(s);
        assert.equal(offsets.length, out.length);
        for (let i = 0; i < offsets.length; i++) {
          assert.ok(offsets[i]! >= 0 && offsets[i]! < s.length, `offset ${offsets[i]} out of range`);
          if (i > 0) assert.ok(offsets[i]! >= offsets[i - 1]!, 'not monotonic');
          // An ASCII letter or digit comes from itself or from a letter with marks on it (a tone
          // mark may move to the neighbouring vowel: `uà` -> `ùa`).
          if (/[A-Za-z0-9]/.test(out[i]!)) assert.equal(foldDiacritics(s[offsets[i]!]!), out[i]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('NFC and NFD input give the same text, and normalizing is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = normalizeText(s);
        assert.equal(normalizeText(s.normalize('NFD')), normalizeText(s.normalize('NFC')));
        assert.equal(normalizeText(once), once);
      }),
      { numRuns: 2000 },
    );
  });

  it('maps a moved tone mark and a dropped CR back into the original', () => {
    const src = 'hoà\r\nthuỷ';
    const { text: out, offsets } = normalizeWithOffsets(src);
    assert.equal(out, 'hòa\nthủy');
    assert.deepEqual([...offsets], [0, 1, 2, 3, 5, 6, 7, 8]);
  });
});

// ---- charset detection and errors -----------------------------------------------------------

describe('detectCharset and decodeBytes', () => {
  it('honours <meta charset> and http-equiv when the bytes are not UTF-8', () => {
    const body = 'Привет, мир. Новости дня.';
    const meta = Buffer.concat([Buffer.from('<!doctype html><html><head><meta charset="koi8-r"></head><body>'), iconv.encode(body, 'koi8-r')]);
    assert.equal(detectCharset(meta, { format: 'html' }), 'koi8-r');
    assert.ok(decodeBytes(meta, { format: 'html' }).text.includes(body));
    const equiv = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'),
      iconv.encode(body, 'windows1251'),
    ]);
    assert.equal(detectCharset(equiv), 'windows-1251');
    // The same bytes without the declaration are not read as Cyrillic.
    assert.notEqual(detectCharset(iconv.encode(body, 'koi8-r')), 'koi8-r');
  });

  it('prefers valid UTF-8 over a wrong declaration', () => {
    const page = Buffer.from('<html><head><meta charset="iso-8859-1"></head><body>Hà Nội mùa thu</body></html>');
    assert.equal(detectCharset(page, { format: 'html' }), 'utf-8');
    assert.equal(detectCharset(Buffer.from('Hà Nội mùa thu'), { declared: 'windows-1252' }), 'utf-8');
  });

  it('sees VNI behind an iso-8859-1 declaration (text drawn by a font)', () => {
    const bytes = encodeVni('Người dân Việt Nam được hưởng các quyền trong luật của nhà nước.');
    assert.equal(detectCharset(bytes, { declared: 'iso-8859-1' }), 'vni');
  });

  it('does not mangle English Windows-1252 text', () => {
    const english = 'The café’s “naïve” résumé — 5 €, façade, Zoë and Müller.\nSecond line.';
    const got = decodeBytes(iconv.encode(english, 'windows1252'));
    assert.equal(got.charset, 'windows-1252');
    assert.equal(got.text, english);
  });

  it('keeps the verbatim decoding and a way back to it', () => {
    const got = decodeBytes(Buffer.from('hoà\r\nbình\u00a0'));
    assert.equal(got.original, 'hoà\r\nbình\u00a0');
    assert.equal(got.text, 'hòa\nbình');
    assert.ok(got.offsets);
    assert.equal(got.original[got.offsets[4]!], 'b');
  });

  it('decodes without normalizing when asked (extract normalizes a page after sanitizing)', () => {
    const got = decodeBytes(Buffer.from('hoà\r\nbình\u00a0'), { normalize: false });
    assert.equal(got.text, 'hoà\r\nbình\u00a0');
    assert.equal(got.offsets, undefined);
    assert.throws(() => decodeBytes(Buffer.from(' \r\n '), { normalize: false }), /whitespace/);
  });

  it('rejects empty input', () => {
    assert.match(code(() => decodeBytes(new Uint8Array())), /^INPUT_EMPTY: .*0 bytes/);
    assert.match(code(() => decodeBytes(Buffer.from(' \r\n\t\u00a0\n'))), /^INPUT_EMPTY: .*whitespace/);
    assert.match(code(() => decodeBytes(Buffer.from('\ufeff\n'))), /^INPUT_EMPTY/);
  });

  it('rejects binary data', () => {
    let seed = 7;
    const random = Buffer.alloc(4096, 0).map(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed >> 16) & 0xff);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), random]);
    assert.match(code(() => decodeBytes(png)), /^INPUT_BINARY: .*PNG/);
    assert.match(code(() => decodeBytes(Buffer.concat([Buffer.from('PK\x03\x04'), random]))), /^INPUT_BINARY: .*ZIP/);
    assert.match(code(() => decodeBytes(Buffer.concat([Buffer.from('\x7fELF'), random]))), /^INPUT_BINARY/);
    assert.match(code(() => decodeBytes(Buffer.from('text\0more text'))), /^INPUT_BINARY: .*NUL byte at offset 4/);
    // No signature, no NUL: still far too many control characters for text.
    const noNul = random.map((b) => b || 1);
    assert.match(code(() => decodeBytes(noNul)), /^INPUT_BINARY: .*control characters/);
    assert.match(code(() => decodeBytes(Buffer.from('a\x01b\x02c\x03d\x04'))), /^INPUT_BINARY: .*control/);
  });

  it('rejects truncated and invalid UTF-8 with the byte offset', () => {
    const whole = Buffer.from('Hà Nội, Việt');
    const cut = whole.subarray(0, whole.length - 2); // inside the 3-byte `ệ`
    assert.equal(code(() => decodeBytes(cut)), `INPUT_TRUNCATED: truncated or invalid encoding: incomplete UTF-8 sequence at byte offset ${cut.length - 2}: the data ends mid-character`);
    const cutAfterAscii = Buffer.from('Viet ệ').subarray(0, 7);
    assert.match(code(() => decodeBytes(cutAfterAscii)), /^INPUT_TRUNCATED: .*offset 5/);
    const broken = Buffer.concat([Buffer.from('Hà Nội và '), Buffer.from([0xc3]), Buffer.from(' Đà Nẵng')]);
    assert.match(code(() => decodeBytes(broken)), new RegExp(`^INPUT_TRUNCATED: .*0xc3 at offset ${Buffer.from('Hà Nội và ').length}`));
    const oddUtf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('abc', 'utf16le'), Buffer.from([0x41])]);
    assert.match(code(() => decodeBytes(oddUtf16)), /^INPUT_TRUNCATED: .*UTF-16/);
    // A byte no candidate code page defines.
    assert.match(code(() => decodeBytes(Buffer.from([0x61, 0x62, 0x81, 0x63]))), /^INPUT_TRUNCATED: .*0x81 at offset 2/);
  });

  it('carries the origin in errors', () => {
    try {
      decodeBytes(new Uint8Array(), { origin: 'a/b.txt' });
      assert.fail('no error');
    } catch (e) {
      assert.ok(isTinlineError(e));
      assert.equal(e.origin, 'a/b.txt');
    }
  });
});

describe('articleId', () => {
  it('is 16 hex digits and ignores layout whitespace and normalization form', () => {
    const id = articleId('Hà Nội\n\nmùa thu');
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.equal(articleId('  Hà  Nội \r\n\r\n mùa\u00a0thu \n'.normalize('NFD')), id);
    assert.notEqual(articleId('Hà Nội mùa đông'), id);
  });
});

// ---- floors on public data nobody here wrote (bench/decode.ts prints the full numbers) -------

describe('detection quality floors', () => {
  const dev = readFileSync(resolve(DATA_DIR, 'ud-vietnamese-vtb/vi_vtb-ud-dev.conllu'), 'utf8').normalize('NFC');
  const sentences = [...dev.matchAll(/^# text ?= ?(.*)$/gm)].map((m) => m[1]!.replace(/[“”]/g, '"'));
  const runs: string[] = [];
  for (let i = 0; i + 5 <= sentences.length; i += 5) runs.push(sentences.slice(i, i + 5).join(' '));

  for (const charset of ['windows-1258', 'viscii', 'tcvn3', 'vni']) {
    it(`UD VTB dev, runs of 5 sentences in ${charset}: at least 99% detected`, () => {
      let right = 0;
      for (const t of runs) if (detectCharset(encodeAs(t, charset)) === charset) right++;
      assert.ok(right / runs.length >= 0.99, `${right}/${runs.length}`);
    });
  }

  it('article-extraction-benchmark bodies in Windows-1252 stay Windows-1252', () => {
    const truth = JSON.parse(readFileSync(resolve(DATA_DIR, 'article-extraction-benchmark/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
    const wrong = Object.values(truth)
      .map(({ articleBody }) => encodeAs(articleBody, 'windows-1252'))
      .filter((b) => b.some((x) => x >= 0x80))
      .map((b) => detectCharset(b))
      .filter((c) => c !== 'windows-1252');
    assert.deepEqual(wrong, []);
  });
});
