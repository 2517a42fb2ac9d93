// One test per linking mechanism, on made-up mentions (names chosen to be outside the seed articles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis, Article, EntityType, Mention } from '../types.ts';
import { expandQuery, linkEntities, linkKeys } from './index.ts';
import { phoneticKey } from './phonetic.ts';
import { matchPinyin } from './sinoviet.ts';
import { lookupTerritory } from './territories.ts';

type Spec = [surface: string, type: EntityType, extra?: Partial<Mention>];

/** An article whose text is the mentions' surfaces joined by ` ... `; offsets are real. */
function doc(id: string, specs: Spec[], glue = ' nói với '): { article: Article; analysis: Analysis } {
  let text = '';
  const mentions: Mention[] = [];
  for (const [surface, type, extra] of specs) {
    if (text) text += glue;
    mentions.push({ start: text.length, end: text.length + surface.length, surface, type, ...extra });
    text += surface;
  }
  const article: Article = {
    id, origin: id, title: null, source: null, language: 'vi', published: { value: null, precision: null, evidence: null },
    body: [text], captions: [], removed: [], raw: text, charset: 'utf-8', duplicateOf: null, ingestedAt: '',
  };
  return { article, analysis: { language: 'vi', sentences: [], tokens: [], mentions, times: [] } };
}

/** The entity id each mention was linked to, as `article:surface` -> id (the last occurrence wins). */
function linked(docs: ReturnType<typeof doc>[]) {
  const out = linkEntities(docs);
  const by = new Map<string, string>();
  const reason = new Map<string, string>();
  for (const l of out.links) {
    const d = docs.find((x) => x.article.id === l.article)!;
    const key = `${l.article}:${d.analysis.mentions[l.mentionIndex].surface}`;
    by.set(key, l.entity);
    reason.set(key, l.reason);
  }
  return { ...out, id: (k: string) => by.get(k), reason: (k: string) => reason.get(k) ?? '' };
}

test('same name up to case, diacritics and spaces', () => {
  const r = linked([doc('a', [['Hà Nội', 'location'], ['Ủy ban Nhân dân', 'organization']]), doc('b', [['Ha Noi', 'location'], ['Ủy ban nhân dân', 'organization'], ['HaNoi', 'location']])]);
  assert.equal(r.id('a:Hà Nội'), r.id('b:Ha Noi'));
  assert.equal(r.id('a:Hà Nội'), r.id('b:HaNoi'));
  assert.equal(r.id('a:Ủy ban Nhân dân'), r.id('b:Ủy ban nhân dân'));
  assert.notEqual(r.id('a:Hà Nội'), r.id('a:Ủy ban Nhân dân'));
});

test('territories from CLDR and the press table link by exact name, never fuzzily', () => {
  const r = linked([doc('a', [['Mỹ', 'location'], ['Nhật', 'location']]), doc('b', [['Hoa Kỳ', 'location'], ['Japan', 'location'], ['United States', 'location'], ['Niger', 'location'], ['Nigeria', 'location']])]);
  assert.equal(r.id('a:Mỹ'), r.id('b:Hoa Kỳ'));
  assert.equal(r.id('a:Mỹ'), r.id('b:United States'));
  assert.equal(r.id('a:Nhật'), r.id('b:Japan'));
  assert.notEqual(r.id('b:Niger'), r.id('b:Nigeria'));
  const us = r.entities.find((e) => e.id === r.id('a:Mỹ'))!;
  assert.equal(us.name, 'United States');
  assert.equal(us.id, 'united-states');
  assert.ok(us.keys.includes('territory:US'));
  assert.match(r.reason('b:Hoa Kỳ'), /territory US/);
  assert.equal(lookupTerritory('Nga')?.code, 'RU');
  assert.equal(lookupTerritory('Ng'), null);
});

test('names that contain a territory written two ways', () => {
  const r = linked([doc('a', [['Bộ Quốc phòng Hoa Kỳ', 'organization']]), doc('b', [['Bộ Quốc phòng Mỹ', 'organization'], ['Bộ Quốc phòng Nhật Bản', 'organization']])]);
  assert.equal(r.id('a:Bộ Quốc phòng Hoa Kỳ'), r.id('b:Bộ Quốc phòng Mỹ'));
  assert.notEqual(r.id('a:Bộ Quốc phòng Hoa Kỳ'), r.id('b:Bộ Quốc phòng Nhật Bản'));
});

test('short forms link to the one full name in the article that has that part', () => {
  const r = linked([
    doc('a', [['Mao Trạch Đông', 'person'], ['ông Mao', 'person'], ['Antony Blinken', 'person'], ['Blinken', 'person']]),
    doc('b', [['Kim Jong Un', 'person'], ['Kim Yo Jong', 'person'], ['ông Kim', 'person']]),
  ]);
  assert.equal(r.id('a:ông Mao'), r.id('a:Mao Trạch Đông'));
  assert.match(r.reason('a:ông Mao'), /short form/);
  assert.equal(r.id('a:Blinken'), r.id('a:Antony Blinken'));
  // Two people share the surname: the short form stays apart from both.
  assert.notEqual(r.id('b:ông Kim'), r.id('b:Kim Jong Un'));
  assert.notEqual(r.id('b:ông Kim'), r.id('b:Kim Yo Jong'));
  assert.notEqual(r.id('b:Kim Jong Un'), r.id('b:Kim Yo Jong'));
});

test('a surname alone in two articles does not merge two people', () => {
  const r = linked([doc('a', [['Nguyễn Văn An', 'person'], ['ông An', 'person']]), doc('b', [['Trần Thị An', 'person'], ['bà An', 'person']])]);
  assert.equal(r.id('a:ông An'), r.id('a:Nguyễn Văn An'));
  assert.equal(r.id('b:bà An'), r.id('b:Trần Thị An'));
  assert.notEqual(r.id('a:ông An'), r.id('b:bà An'));
});

test('acronyms: defined in parentheses, then alone elsewhere; also after the expansion', () => {
  const a = doc('a', [['Quỹ Tiền tệ Quốc tế', 'organization']]);
  a.article.body = [a.article.body[0] + ' (IMF) cho biết'];
  const r = linked([
    a,
    doc('b', [['IMF', 'organization'], ['Quỹ tiền tệ quốc tế IMF', 'organization']]),
    doc('c', [['Ngân hàng Thế giới (WB)', 'organization'], ['WB', 'organization']]),
  ]);
  assert.equal(r.id('b:IMF'), r.id('a:Quỹ Tiền tệ Quốc tế'));
  assert.equal(r.id('b:Quỹ tiền tệ quốc tế IMF'), r.id('a:Quỹ Tiền tệ Quốc tế'));
  assert.equal(r.id('c:WB'), r.id('c:Ngân hàng Thế giới (WB)'));
  const imf = r.entities.find((e) => e.id === r.id('b:IMF'))!;
  assert.equal(imf.name, 'IMF');
  assert.match(r.reason('b:IMF'), /acronym IMF defined as Quỹ Tiền tệ Quốc tế/);
});

test('the analyzer’s mention.expands ties an acronym to its expansion', () => {
  const d = doc('a', [['Cơ quan Năng lượng Quốc tế', 'organization'], ['IEA', 'organization', { expands: 0 }]]);
  const r = linked([d, doc('b', [['IEA', 'organization']])]);
  assert.equal(r.id('a:IEA'), r.id('a:Cơ quan Năng lượng Quốc tế'));
  assert.equal(r.id('b:IEA'), r.id('a:Cơ quan Năng lượng Quốc tế'));
});

test('an acronym defined as two different things links nowhere on its own', () => {
  const r = linked([
    doc('a', [['Hội đồng Bảo an (HĐBA)', 'organization']]),
    doc('b', [['Hội đồng Biên giới An ninh (HĐBA)', 'organization']]),
    doc('c', [['HĐBA', 'organization']]),
  ]);
  assert.notEqual(r.id('c:HĐBA'), r.id('a:Hội đồng Bảo an (HĐBA)'));
  assert.notEqual(r.id('c:HĐBA'), r.id('b:Hội đồng Biên giới An ninh (HĐBA)'));
});

test('syllable initials: UBND <- Ủy ban Nhân dân, VN <- Việt Nam, only when unambiguous', () => {
  const r = linked([
    doc('a', [['Ủy ban Nhân dân', 'organization'], ['UBND', 'organization'], ['Việt Nam', 'location'], ['VN', 'location']]),
    doc('b', [['Vĩnh Ninh', 'location'], ['Văn Nam', 'location'], ['VN', 'location']]),
  ]);
  assert.equal(r.id('a:UBND'), r.id('a:Ủy ban Nhân dân'));
  assert.equal(r.id('a:VN'), r.id('a:Việt Nam'));
  assert.match(r.reason('a:VN'), /initials of Việt Nam/);
  // In b two names have the initials VN: no link.
  assert.notEqual(r.id('b:VN'), r.id('b:Vĩnh Ninh'));
  assert.notEqual(r.id('b:VN'), r.id('b:Văn Nam'));
});

test('Sino-Vietnamese names meet their pinyin through Unihan readings', () => {
  assert.deepEqual(matchPinyin('Mao Trạch Đông', 'Mao Zedong')?.pinyin, ['mao', 'ze', 'dong']);
  assert.ok(matchPinyin('Ôn Gia Bảo', 'Wen Jiabao'));
  assert.ok(matchPinyin('Lý Bạch', 'Li Bai') || matchPinyin('Lí Bạch', 'Li Bai'));
  assert.equal(matchPinyin('Ôn Gia Bảo', 'Wen Jia'), null, 'the full name must match');
  assert.equal(matchPinyin('Ôn Gia Bảo', 'Wenj Iabao'), null, 'a word boundary may not split a syllable');
  const r = linked([
    doc('a', [['Ôn Gia Bảo', 'person'], ['Mao Trạch Đông', 'person']]),
    doc('b', [['Wen Jiabao', 'person'], ['Mao Zedong', 'location']]),
  ]);
  assert.equal(r.id('a:Ôn Gia Bảo'), r.id('b:Wen Jiabao'));
  assert.match(r.reason('a:Ôn Gia Bảo'), /Sino-Vietnamese reading Ôn Gia Bảo = .* → pinyin wen jia bao/);
  assert.notEqual(r.id('a:Mao Trạch Đông'), r.id('b:Mao Zedong'), 'same type required');
  const wen = r.entities.find((e) => e.id === r.id('b:Wen Jiabao'))!;
  assert.equal(wen.name, 'Wen Jiabao');
  assert.equal(wen.id, 'wen-jiabao');
  assert.ok(wen.names.some((n) => n.text === 'Ôn Gia Bảo' && n.lang === 'vi' && n.script === 'Latn'));
});

test('phonetic key collapses transliteration differences', () => {
  assert.equal(phoneticKey('Dmitry Medvedev'), phoneticKey('Dmitri Medwedew'));
  assert.equal(phoneticKey('Vladivostok'), phoneticKey('Wladiwostok'));
  assert.equal(phoneticKey('Alexei Navalny'), phoneticKey('Aleksey Navalnyy'));
  assert.notEqual(phoneticKey('Medvedev'), phoneticKey('Lavrentiev'));
});

test('full names that are transliteration variants link; different first names do not', () => {
  const r = linked([
    doc('a', [['Dmitry Medvedev', 'person'], ['Anna Medvedeva', 'person']]),
    doc('b', [['Dmitri Medwedew', 'person'], ['Oleg Medvedev', 'person']]),
  ]);
  assert.equal(r.id('a:Dmitry Medvedev'), r.id('b:Dmitri Medwedew'));
  assert.match(r.reason('b:Dmitri Medwedew'), /transliteration variant/);
  assert.notEqual(r.id('a:Dmitry Medvedev'), r.id('b:Oleg Medvedev'));
});

test('one-word transliteration variants need evidence: the same role or a shared companion', () => {
  const noEvidence = linked([doc('a', [['Peskov', 'person']]), doc('b', [['Peskow', 'person']])]);
  assert.notEqual(noEvidence.id('a:Peskov'), noEvidence.id('b:Peskow'));
  const role = { role: 'người phát ngôn Điện Kremlin' };
  const sameRole = linked([doc('a', [['Peskov', 'person', role]]), doc('b', [['Peskow', 'person', role]])]);
  assert.equal(sameRole.id('a:Peskov'), sameRole.id('b:Peskow'));
  assert.match(sameRole.reason('b:Peskow') + sameRole.reason('a:Peskov'), /same role/);
  const companion = linked([doc('a', [['Peskov', 'person'], ['Olaf Scholz', 'person']]), doc('b', [['Peskow', 'person'], ['Olaf Scholz', 'person']])]);
  assert.equal(companion.id('a:Peskov'), companion.id('b:Peskow'));
});

test('places that are transliteration variants link when both are places, in different articles', () => {
  const r = linked([
    doc('a', [['Vladivostok', 'location']]),
    doc('b', [['Wladiwostok', 'location']]),
    doc('c', [['Wladiwostok', 'organization']]),
    doc('d', [['Mali', 'location']]),
    doc('e', [['Male', 'location']]),
  ]);
  assert.equal(r.id('a:Vladivostok'), r.id('b:Wladiwostok'));
  assert.notEqual(r.id('a:Vladivostok'), r.id('c:Wladiwostok'));
  assert.notEqual(r.id('d:Mali'), r.id('e:Male'), 'a two-consonant skeleton is too little');
});

test('entity ids are readable slugs, deduplicated', () => {
  const r = linked([doc('a', [['Paris', 'location'], ['Paris', 'person'], ['Paris', 'organization']])]);
  const ids = r.entities.map((e) => e.id).sort();
  assert.deepEqual(ids, ['paris', 'paris-2', 'paris-3']);
});

test('linkKeys gives the folded, territory, pinyin and phonetic keys', () => {
  assert.ok(linkKeys('Hồng Kông', 'location').includes('fold:hongkong'));
  assert.ok(linkKeys('Hồng Kông', 'location').includes('territory:HK'));
  assert.ok(linkKeys('Wen Jiabao', 'person').includes('pinyin:wenjiabao'));
  assert.ok(linkKeys('Ôn Gia Bảo', 'person').includes('pinyin:wenjiabao'));
  assert.ok(linkKeys('ông Ôn Gia Bảo', 'person').includes('fold:ongiabao'));
  assert.ok(linkKeys('Dmitry Medvedev', 'person').some((k) => k.startsWith('phonetic:')));
});

test('expandQuery returns the other names of the entity a query names, in any script', () => {
  const { entities } = linkEntities([
    doc('a', [['Ôn Gia Bảo', 'person'], ['Mỹ', 'location']]),
    doc('b', [['Wen Jiabao', 'person'], ['United States', 'location']]),
  ]);
  assert.ok(expandQuery('Wen Jiabao', entities).includes('Ôn Gia Bảo'));
  assert.ok(expandQuery('on gia bao', entities).includes('Wen Jiabao'));
  assert.ok(expandQuery('Hoa Kỳ', entities).includes('Mỹ'), 'through the territory key');
  assert.deepEqual(expandQuery('Angela Merkel', entities), []);
  assert.deepEqual(expandQuery('', entities), []);
});

test('a mention of unknown type joins the one typed entity with its name', () => {
  const r = linked([doc('a', [['Vladivostok', 'location']]), doc('b', [['Vladivostok', 'other'], ['Gazprom', 'organization']]), doc('c', [['Gazprom', 'other'], ['Gazprom', 'location']])]);
  assert.equal(r.id('b:Vladivostok'), r.id('a:Vladivostok'));
  // Two typed entities share the name: the untyped mention stays with neither.
  assert.notEqual(r.id('c:Gazprom'), r.id('b:Gazprom'));
});

test('determiners, lower-case descriptors and possessives are not part of the name', () => {
  const r = linked([doc('a', [['the Red Cross', 'organization'], ['thủ đô Hà Nội', 'location']]), doc('b', [['Red Cross', 'organization'], ['Hà Nội', 'location'], ['the iPad 2', 'other'], ['iOS 2', 'other']])]);
  assert.equal(r.id('a:the Red Cross'), r.id('b:Red Cross'));
  assert.equal(r.id('a:thủ đô Hà Nội'), r.id('b:Hà Nội'));
  assert.notEqual(r.id('b:the iPad 2'), r.id('b:iOS 2'), '`iPad` is a name, not a lower-case descriptor');
});

test('organisations shorten to their first word within one article only', () => {
  const r = linked([
    doc('a', [['Lockheed Martin', 'organization'], ['Lockheed', 'organization'], ['Delta Air Lines', 'organization'], ['Lines', 'organization']]),
    doc('b', [['Lockheed', 'organization']]),
    doc('c', [['Ford Motor Company', 'organization'], ['Ford Australia', 'organization'], ['Ford', 'organization'], ['Boeing \'s Launch Systems', 'organization'], ['Boeing', 'organization']]),
  ]);
  assert.equal(r.id('a:Lockheed'), r.id('a:Lockheed Martin'));
  assert.notEqual(r.id('a:Lines'), r.id('a:Delta Air Lines'), 'never the last word');
  assert.notEqual(r.id('c:Ford'), r.id('c:Ford Motor Company'), 'two organisations start with Ford');
  assert.notEqual(r.id('c:Boeing'), r.id("c:Boeing 's Launch Systems"), 'a possessive owner is not a short form');
});
