// Mentions on the seed articles (expected.json surfaces, types) and on made-up sentences.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import { loadExpected, seedFiles } from '../../test/shared.ts';
import type { Mention } from '../types.ts';
import { analyze } from './index.ts';
import { vi } from './lang/vi.ts';

const HONORIFIC = new Set(vi.honorifics.map((h) => h.toLowerCase()));

/**
 * A listed surface counts as found at an occurrence when a mention of the right type covers it:
 * exactly, or after an honorific (`ông Vương` -> mention `Vương`), or as a name followed by its acronym
 * mention (`Tổ chức Hợp tác Thượng Hải (SCO)`). Mentions leave honorifics out on purpose.
 */
function found(text: string, mentions: Mention[], surface: string, type: string): boolean {
  for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
    const end = at + surface.replace(/\)$/, '').length;
    const first = surface.split(' ')[0]!.toLowerCase();
    const starts = [at];
    if (HONORIFIC.has(first)) starts.push(at + first.length + 1);
    for (const m of mentions) {
      if (m.type !== type || !starts.includes(m.start)) continue;
      if (m.end === end) return true;
      const tail = mentions.find((x) => x.end === end && x.start > m.end && /^[\s(]*$/.test(text.slice(m.end, x.start)));
      if (tail) return true;
    }
  }
  return false;
}

test('seed surfaces are found as mentions of the right type', () => {
  const expected = loadExpected();
  const byDoc = new Map<string, { text: string; mentions: Mention[] }>();
  for (const file of seedFiles()) {
    const text = readFileSync(file, 'utf8').normalize('NFC');
    byDoc.set(basename(file).slice(0, 3), { text, mentions: analyze(text).mentions });
  }
  let total = 0;
  let hits = 0;
  const missed: string[] = [];
  const listed = new Set<string>();
  for (const e of expected.entities) {
    for (const [doc, surfaces] of Object.entries(e.surface)) {
      const d = byDoc.get(doc)!;
      for (const s of surfaces) {
        listed.add(`${doc}:${s}`);
        total++;
        if (found(d.text, d.mentions, s, e.type)) hits++;
        else missed.push(`${doc} ${e.type} ${s}`);
      }
    }
  }
  // Precision over mention surfaces: a mention counts as right when its surface is listed (any type)
  // for its document; unlisted mentions are not all wrong (the list is not exhaustive).
  let mentions = 0;
  let listedMentions = 0;
  for (const [doc, d] of byDoc) {
    for (const m of d.mentions) {
      mentions++;
      const bare = [...listed].some((l) => l.startsWith(`${doc}:`) && l.slice(4).includes(m.surface));
      if (bare) listedMentions++;
    }
  }
  const recall = hits / total;
  console.log(`seed surfaces: recall ${(100 * recall).toFixed(1)}% (${hits}/${total}); mentions inside a listed surface ${(100 * listedMentions / mentions).toFixed(1)}% (${listedMentions}/${mentions})`);
  if (missed.length) console.log(`missed: ${missed.join(' | ')}`);
  assert.ok(recall >= 0.9, `recall ${recall}`);
});

test('titles give a person with the role kept', () => {
  const a = analyze('Hôm qua, Bộ trưởng Quốc phòng Pháp Jean Dupont đã tới thăm thủ đô Viên.');
  const p = a.mentions.find((m) => m.type === 'person');
  assert.equal(p?.surface, 'Jean Dupont');
  assert.equal(p?.role, 'Bộ trưởng Quốc phòng Pháp');
  assert.ok(a.mentions.some((m) => m.type === 'location' && m.surface === 'Pháp'));
  assert.ok(a.mentions.some((m) => m.type === 'location' && m.surface === 'Viên'));
  assert.equal(p?.sentence, 0);
});

test('organisations go on in lower case and pair with their acronym', () => {
  const a = analyze('Hai nước là thành viên của Hiệp hội các quốc gia Đông Nam Á (ASEAN) từ lâu.', { language: 'vi' });
  const org = a.mentions.find((m) => m.type === 'organization' && m.surface.startsWith('Hiệp hội'));
  assert.ok(org, JSON.stringify(a.mentions));
  const acr = a.mentions.find((m) => m.surface === 'ASEAN');
  assert.equal(acr?.type, 'organization');
  assert.equal(a.mentions[acr!.expands!], org);
});

test('honorifics and surnames: the short name takes the person type', () => {
  const a = analyze('Ông Lê Minh Khang đến Đà Nẵng hôm thứ Hai. Khang cho biết dự án sẽ sớm hoàn thành.', { language: 'vi' });
  const people = a.mentions.filter((m) => m.type === 'person').map((m) => m.surface);
  assert.deepEqual(people, ['Lê Minh Khang', 'Khang']);
});

test('sentence-initial common words and months are no names', () => {
  const a = analyze('Theo báo cáo, giá vàng tăng. Trong tháng Mười, giá dầu giảm. Tuesday, March 3.', { language: 'vi' });
  const surfaces = a.mentions.map((m) => m.surface);
  for (const w of ['Theo', 'Trong', 'Mười', 'Tuesday', 'March']) assert.ok(!surfaces.includes(w), surfaces.join('|'));
});

test('the first word of quoted speech is no name, a name quoted still is', () => {
  const a = analyze('Bà Lan cho biết: “Tôi rất vui”. Ông nói: "Họ sẽ đến Hà Nội" và "Vương Nghị" đồng ý (Rất tốt).\n\nTôi đã đến.', { language: 'vi' });
  const surfaces = a.mentions.map((m) => m.surface);
  for (const w of ['Tôi', 'Họ', 'Rất']) assert.ok(!surfaces.includes(w), surfaces.join('|'));
  for (const w of ['Lan', 'Hà Nội', 'Vương Nghị']) assert.ok(surfaces.includes(w), surfaces.join('|'));
  const en = analyze('He said: "We will go back to Paris." She replied: “Back then, Smith agreed.”', { language: 'en' });
  const enSurfaces = en.mentions.map((m) => m.surface);
  for (const w of ['We', 'Back']) assert.ok(!enSurfaces.includes(w), enSurfaces.join('|'));
  for (const w of ['Paris', 'Smith']) assert.ok(enSurfaces.includes(w), enSurfaces.join('|'));
});

test('a one-word place that is also a form of address opens a sentence as a name only with evidence', () => {
  const types = (t: string) => analyze(t, { language: 'vi' }).mentions.map((m) => `${m.surface}:${m.type}`);
  // `Anh` is England, and the way to say `he` or `you` to a young man.
  assert.deepEqual(types('Anh cho biết sẽ về quê ở Hà Nội. Anh nhân viên rất vui.'), ['Hà Nội:location']);
  assert.deepEqual(types('Anh rời EU năm 2020. Thủ tướng Anh phát biểu.').filter((m) => m.startsWith('Anh')), ['Anh:location', 'Anh:location']);
  // Other one-word places open sentences as before.
  assert.deepEqual(types('Mỹ tăng thuế. Đức phản đối.'), ['Mỹ:location', 'Đức:location']);
});

test('acronyms are places by the initials of the language\'s own place names only', () => {
  const types = (t: string) => analyze(t, { language: 'vi' }).mentions.map((m) => `${m.surface}:${m.type}`);
  assert.deepEqual(types('TQ và VN ký thỏa thuận (ảnh: MEM).'), ['TQ:location', 'VN:location', 'MEM:organization']);
});

test('English: title, place cue, organisation tail', () => {
  const a = analyze('Foreign Minister Anna Berg met officials in Oslo on Monday. The Labour Party said it agreed.', { language: 'en' });
  const get = (s: string): string | undefined => a.mentions.find((m) => m.surface === s)?.type;
  assert.equal(get('Anna Berg'), 'person');
  assert.equal(a.mentions.find((m) => m.surface === 'Anna Berg')?.role, 'Foreign Minister');
  assert.equal(get('Oslo'), 'location');
  assert.equal(get('Labour Party'), 'organization');
  assert.equal(get('Monday'), undefined);
});

test('an acronym inside an organisation name is a nested mention of its own', () => {
  const text = 'Hai nước phối hợp tại Liên hợp quốc và Hội đồng Bảo an LHQ trong năm nay.';
  const ms = analyze(text, { language: 'vi' }).mentions.map((m) => `${m.surface}/${m.type}`);
  assert.ok(ms.includes('Hội đồng Bảo an LHQ/organization'), ms.join(' | '));
  assert.ok(ms.includes('LHQ/organization'), ms.join(' | '));
});

test('English: possessives cut, a title inside a run starts a person, legal suffixes and context type companies', () => {
  const text = 'Shares rose after Apple Inc. said so. Apple CEO Steve Jobs spoke. The deal helps Boeing\'s rival. Analysts said Apple\'s sales grew. Singapore Airlines flew to Moskva.';
  const ms = analyze(text, { language: 'en' }).mentions.map((m) => `${m.surface}/${m.type}`);
  assert.ok(ms.includes('Apple Inc./organization'), ms.join(' | '));
  assert.ok(ms.includes('Steve Jobs/person'), ms.join(' | '));
  assert.ok(ms.includes('Boeing/other') || ms.includes('Boeing/organization'), ms.join(' | '));
  assert.ok(!ms.some((m) => m.startsWith("Boeing's")), ms.join(' | '));
  assert.equal(ms.filter((m) => m === 'Apple/organization').length, 2, ms.join(' | '));
  assert.ok(ms.includes('Singapore Airlines/organization'), ms.join(' | '));
  assert.ok(ms.includes('Moskva/location'), ms.join(' | '));
  assert.ok(!ms.some((m) => m.startsWith('The/')), ms.join(' | '));
});

test('a language without tables: a lone capital opening a sentence needs evidence to be a name', () => {
  const text = 'Selon le ministre, le plan coûtera 3 milliards. Les syndicats ont salué le plan à Paris et à Lyon.\n\nParis a salué le plan. Mercredi, Bruno Le Maire a parlé.';
  const surfaces = analyze(text, { language: 'fr' }).mentions.map((m) => m.surface);
  assert.ok(!surfaces.includes('Selon') && !surfaces.includes('Les') && !surfaces.includes('Mercredi'), surfaces.join(', '));
  // `Paris` opens a sentence too, but the text also writes it capitalised mid-sentence.
  assert.equal(surfaces.filter((s) => s === 'Paris').length, 2);
  assert.ok(surfaces.includes('Lyon') && surfaces.includes('Bruno Le Maire'), surfaces.join(', '));
});
