import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchPinyin, pinyinCandidates, placeTone, syllableKey } from './sinoviet.ts';

test('one lookup key whatever the tone placement or i/y spelling', () => {
  assert.equal(syllableKey('Hòa'), syllableKey('hoà'));
  assert.equal(syllableKey('Thủy'), syllableKey('thuỷ'));
  assert.equal(syllableKey('Lý'), syllableKey('lí'));
  assert.equal(syllableKey('Quảng'.normalize('NFD')), 'quảng');
  assert.equal(placeTone('thương', '\u0323'), 'thượng');
  assert.equal(placeTone('bac', '\u0301'), 'bác');
  assert.notEqual(syllableKey('Bắc'), syllableKey('Bác'), 'the vowel hat is not a tone');
});

// Readings Unihan's kVietnamese lacks (北 bắc, 台 đài) come from m17n-db's vi-han table.
test('common place names meet their pinyin when every syllable has the reading', () => {
  assert.deepEqual(matchPinyin('Bắc Kinh', 'Beijing')?.pinyin, ['bei', 'jing']);
  assert.deepEqual(matchPinyin('Đài Loan', 'Taiwan')?.pinyin, ['tai', 'wan']);
  assert.deepEqual(matchPinyin('Tân Cương', 'Xinjiang')?.pinyin, ['xin', 'jiang']);
  assert.deepEqual(matchPinyin('Tây Tạng', 'Xizang')?.pinyin, ['xi', 'zang']);
  assert.deepEqual(matchPinyin('Hồ Cẩm Đào', 'Hu Jintao')?.pinyin, ['hu', 'jin', 'tao']);
  assert.ok(pinyinCandidates('Bắc Kinh').includes('beijing'));
});

test('no link where the readings do not spell the Latin name', () => {
  assert.equal(matchPinyin('Tây Tạng', 'Tibet'), null, 'an exonym is not pinyin');
  assert.equal(matchPinyin('Bắc Kinh', 'Nanjing'), null);
  assert.equal(matchPinyin('Đài Loan', 'Thailand'), null);
  assert.equal(matchPinyin('Bắc Kinh', 'Bei Jingguo'), null, 'the whole Latin name must be spelled');
});
