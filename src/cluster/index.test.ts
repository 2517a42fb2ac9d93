import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterArticles, createClusterer, eventDateOf, type ClusterDoc } from './index.ts';
import { makeDoc, mentionsIn, shuffled } from './test-helpers.ts';
import { findDuplicates } from '../dedup/index.ts';
import type { StoryEvent } from '../types.ts';

const ENTITIES = [
  { surface: 'Việt Nam', entity: 'vietnam', type: 'location' as const },
  { surface: 'Nhật Bản', entity: 'japan', type: 'location' as const },
  { surface: 'Hà Nội', entity: 'hanoi', type: 'location' as const },
  { surface: 'Tokyo', entity: 'tokyo', type: 'location' as const },
  { surface: 'Bùi Thanh Sơn', entity: 'bui-thanh-son', type: 'person' as const },
  { surface: 'Kamikawa Yoko', entity: 'kamikawa-yoko', type: 'person' as const },
  { surface: 'Đồng bằng sông Cửu Long', entity: 'mekong-delta', type: 'location' as const },
  { surface: 'Hiệp hội Lương thực', entity: 'vfa', type: 'organization' as const },
];

function vi(id: string, published: string | null, sentences: string[], times: ReturnType<typeof makeDoc>['analysis']['times'] extends infer _ ? { sentence: number; surface: string; value: string; mod?: 'before' } [] : never, title: string | null = null): ClusterDoc {
  return makeDoc({ id, published, title, sentences, times, mentions: mentionsIn(sentences, ENTITIES) });
}

const DIALOGUE_10 = [
  'Ngày 5/3, tại Hà Nội, Bộ trưởng Ngoại giao Bùi Thanh Sơn và Ngoại trưởng Nhật Bản Kamikawa Yoko đồng chủ trì phiên đối thoại chiến lược Việt Nam - Nhật Bản lần thứ 10.',
  'Hai bên đánh giá quan hệ đối tác chiến lược toàn diện giữa Việt Nam và Nhật Bản phát triển mạnh mẽ, tin cậy chính trị ngày càng sâu sắc.',
  'Bộ trưởng Bùi Thanh Sơn đề nghị Nhật Bản tiếp tục hỗ trợ vốn vay ưu đãi cho các dự án hạ tầng giao thông và chuyển đổi số.',
  'Ngoại trưởng Kamikawa Yoko khẳng định Nhật Bản coi trọng vai trò của Việt Nam trong khu vực và sẵn sàng mở rộng hợp tác lao động, giáo dục.',
];
// A syndicated copy: the same text with the agency's credit line.
const DIALOGUE_10_COPY = [...DIALOGUE_10, '(Theo TTXVN)'];
// Another outlet's own report of the same meeting.
const DIALOGUE_10_REWRITE = [
  'Bộ trưởng Ngoại giao Bùi Thanh Sơn ngày 5/3 đã đồng chủ trì đối thoại chiến lược Việt Nam - Nhật Bản lần thứ 10 với Ngoại trưởng Kamikawa Yoko tại Hà Nội.',
  'Tại đối thoại, hai bộ trưởng nhất trí quan hệ đối tác chiến lược toàn diện Việt Nam - Nhật Bản đang ở giai đoạn tốt đẹp nhất, tin cậy chính trị ngày càng sâu sắc.',
  'Phía Việt Nam đề nghị Nhật Bản tiếp tục cung cấp vốn vay ưu đãi cho hạ tầng giao thông, chuyển đổi số và chuyển đổi xanh.',
  'Ngoại trưởng Nhật Bản cho biết Tokyo sẵn sàng mở rộng hợp tác lao động và giáo dục với Hà Nội.',
];
const DIALOGUE_11 = [
  'Ngày 11/3, tại Hà Nội, Bộ trưởng Ngoại giao Bùi Thanh Sơn và Ngoại trưởng Nhật Bản Kamikawa Yoko đồng chủ trì phiên đối thoại chiến lược Việt Nam - Nhật Bản lần thứ 11.',
  'Hai bên đánh giá quan hệ đối tác chiến lược toàn diện giữa Việt Nam và Nhật Bản tiếp tục phát triển, tin cậy chính trị được củng cố.',
  'Bộ trưởng Bùi Thanh Sơn đề nghị Nhật Bản tiếp tục hỗ trợ vốn vay ưu đãi cho hạ tầng giao thông và năng lượng sạch.',
  'Hai bên nhất trí triển khai các thỏa thuận đạt được tại cuộc hội đàm ở Tokyo hồi tháng 9/2023 giữa lãnh đạo cấp cao Việt Nam và Nhật Bản.',
];
const RICE = [
  'Ngày 5/3, giá lúa gạo tại Đồng bằng sông Cửu Long tiếp tục giảm do nguồn cung vụ đông xuân dồi dào.',
  'Theo Hiệp hội Lương thực, giá gạo xuất khẩu đã giảm khoảng 30 USD mỗi tấn so với tháng trước.',
  'Nhiều thương lái tạm ngừng thu mua, nông dân phải bán lúa tươi với giá thấp tại ruộng.',
];

function vietnameseCorpus(): ClusterDoc[] {
  return [
    vi('a-orig', '2024-03-05', DIALOGUE_10, [{ sentence: 0, surface: 'Ngày 5/3', value: '2024-03-05' }], 'Đối thoại chiến lược Việt Nam - Nhật Bản lần thứ 10'),
    vi('a-copy', '2024-03-05', DIALOGUE_10_COPY, [{ sentence: 0, surface: 'Ngày 5/3', value: '2024-03-05' }], 'Đối thoại chiến lược Việt Nam - Nhật Bản lần thứ 10'),
    vi('a-rewrite', '2024-03-06', DIALOGUE_10_REWRITE, [{ sentence: 0, surface: 'ngày 5/3', value: '2024-03-05' }]),
    vi('b-next-year', '2025-03-11', DIALOGUE_11, [
      { sentence: 0, surface: 'Ngày 11/3', value: '2025-03-11' },
      { sentence: 3, surface: 'tháng 9/2023', value: '2023-09' },
    ]),
    vi('rice', '2024-03-05', RICE, [{ sentence: 0, surface: 'Ngày 5/3', value: '2024-03-05' }]),
  ];
}

const SPANISH = {
  s1: [
    'Las inundaciones causadas por la dana en la provincia de Valencia dejaron al menos 95 muertos este miércoles.',
    'Los servicios de emergencia continúan la búsqueda de desaparecidos en los municipios de la huerta sur.',
    'El gobierno regional pidió a los vecinos no salir de sus casas mientras persistan las lluvias torrenciales.',
  ],
  s2: [
    'La dana que azotó la provincia de Valencia este miércoles ha dejado al menos 95 muertos y decenas de desaparecidos.',
    'Los equipos de emergencia siguen buscando desaparecidos en los municipios más afectados de la huerta sur.',
    'Las autoridades regionales piden a los vecinos que no salgan de sus casas por las lluvias torrenciales.',
  ],
  s3: [
    'El parlamento aprobó este miércoles la reforma de la ley de vivienda con el apoyo de los socios del gobierno.',
    'La norma limita el precio del alquiler en las zonas tensionadas y amplía las ayudas para jóvenes inquilinos.',
    'La oposición anunció que recurrirá la ley ante el Tribunal Constitucional.',
  ],
};

function spanishCorpus(): ClusterDoc[] {
  return [
    makeDoc({ id: 'es-1', language: 'es', published: '2024-10-30', sentences: SPANISH.s1 }),
    makeDoc({ id: 'es-2', language: 'es', published: '2024-10-31', sentences: SPANISH.s2, times: [{ sentence: 0, surface: 'este miércoles', value: '2024-10-30' }] }),
    makeDoc({ id: 'es-3', language: 'es', published: '2024-10-30', sentences: SPANISH.s3 }),
  ];
}

const eventOf = (events: StoryEvent[], article: string) => events.filter((e) => e.kind !== 'recalled' && e.articles.includes(article));

test('one event reported by three outlets: one event, and dedup flags only the syndicated copy', () => {
  const docs = vietnameseCorpus();
  const { events, stories } = clusterArticles(docs);
  const [ev] = eventOf(events, 'a-orig');
  assert.ok(ev);
  assert.deepEqual(ev.articles, ['a-copy', 'a-orig', 'a-rewrite']);
  assert.equal(ev.date.value, '2024-03-05');
  assert.equal(ev.date.precision, 'day');
  assert.equal(ev.place, 'hanoi');
  assert.ok(ev.actors.includes('bui-thanh-son') && ev.actors.includes('kamikawa-yoko'), ev.actors.join());
  assert.ok(stories.some((s) => s.articles.includes('a-orig') && s.articles.includes('a-rewrite')));

  const dup = findDuplicates(docs.map((d) => ({ id: d.article.id, text: d.article.body.join('\n\n') })));
  assert.deepEqual([...dup], [['a-copy', 'a-orig']]);
});

test('the same meeting a year later: one story, two events in date order', () => {
  const { events, stories } = clusterArticles(vietnameseCorpus());
  const first = eventOf(events, 'a-orig')[0]!;
  const second = eventOf(events, 'b-next-year')[0]!;
  assert.notEqual(first.id, second.id);
  assert.deepEqual(second.articles, ['b-next-year']);
  assert.equal(second.date.value, '2025-03-11');
  const story = stories.find((s) => s.articles.includes('a-orig'))!;
  assert.ok(story.articles.includes('b-next-year'));
  const reported = story.events.filter((id) => events.find((e) => e.id === id)!.kind === 'reported');
  assert.deepEqual(reported, [first.id, second.id]);
  assert.ok(story.entities.slice(0, 4).includes('japan'));
  assert.equal(story.summary, '');
  assert.ok(story.title.length > 0);
});

test('an unrelated article of the same day is its own event and its own story', () => {
  const { events, stories } = clusterArticles(vietnameseCorpus());
  const rice = stories.filter((s) => s.articles.includes('rice'));
  assert.equal(rice.length, 1);
  assert.deepEqual(rice[0]!.articles, ['rice']);
  assert.deepEqual(eventOf(events, 'rice')[0]!.articles, ['rice']);
  assert.equal(stories.length, 2);
});

test('a sentence recalling an earlier meeting becomes its own event in the same story', () => {
  const { events, stories } = clusterArticles(vietnameseCorpus());
  const recalled = events.filter((e) => e.kind === 'recalled');
  assert.equal(recalled.length, 1);
  const ev = recalled[0]!;
  assert.equal(ev.date.value, '2023-09');
  assert.equal(ev.date.precision, 'month');
  assert.deepEqual(ev.articles, ['b-next-year']);
  assert.match(ev.title, /tháng 9\/2023/);
  assert.ok(ev.actors.length === 0 && ev.place === 'tokyo', JSON.stringify(ev));
  const story = stories.find((s) => s.articles.includes('b-next-year'))!;
  // In time order the recalled meeting (2023-09) comes first.
  assert.equal(story.events[0], ev.id);
  assert.equal(story.events.length, 3);
});

test('the result does not depend on arrival order (ids, members, order)', () => {
  const docs = [...vietnameseCorpus(), ...spanishCorpus()];
  const reference = JSON.stringify(clusterArticles(docs));
  for (let seed = 1; seed <= 8; seed++) {
    const clusterer = createClusterer();
    for (const doc of shuffled(docs, seed)) clusterer.add(doc);
    assert.equal(JSON.stringify(clusterer.result()), reference, `order seed ${seed}`);
  }
});

test('Spanish articles with no entity tables or links still cluster from terms and dates', () => {
  const { events, stories } = clusterArticles(spanishCorpus());
  assert.deepEqual(eventOf(events, 'es-1')[0]!.articles, ['es-1', 'es-2']);
  assert.equal(eventOf(events, 'es-1')[0]!.date.value, '2024-10-30');
  assert.deepEqual(eventOf(events, 'es-3')[0]!.articles, ['es-3']);
  assert.equal(stories.length, 2);
});

test('articles alike in words but a year apart are never one event, even without entities', () => {
  const again = makeDoc({ id: 'es-1-next-year', language: 'es', published: '2025-10-30', sentences: SPANISH.s1 });
  const { events, stories } = clusterArticles([...spanishCorpus(), again]);
  assert.deepEqual(eventOf(events, 'es-1-next-year')[0]!.articles, ['es-1-next-year']);
  // Same words, so the same thread.
  assert.ok(stories.find((s) => s.articles.includes('es-1'))!.articles.includes('es-1-next-year'));
});

test('an undated article cannot bridge two events whose dates differ', () => {
  const d1 = makeDoc({ id: 'x1', language: 'es', published: '2024-10-30', sentences: SPANISH.s1 });
  const d2 = makeDoc({ id: 'x2', language: 'es', published: '2025-10-30', sentences: SPANISH.s1 });
  const d3 = makeDoc({ id: 'x3', language: 'es', published: null, sentences: SPANISH.s1 });
  const { events } = clusterArticles([d1, d2, d3]);
  const reported = events.filter((e) => e.kind === 'reported');
  assert.equal(reported.length, 2);
  assert.ok(!reported.some((e) => e.articles.includes('x1') && e.articles.includes('x2')));
});

test('event date: lead day resolved against the month of publication, never finer than the evidence', () => {
  const doc = vi('d', '2024-11', ['Ngày 12/11, tại thủ đô, hai bên đã gặp nhau.', 'Các cuộc hội đàm hồi tháng 2/2023 được nhắc lại.'], [
    { sentence: 0, surface: 'Ngày 12/11', value: '2024-11-12' },
    { sentence: 1, surface: 'tháng 2/2023', value: '2023-02' },
  ]);
  const ev = eventDateOf(doc);
  assert.equal(ev.date.value, '2024-11-12');
  assert.equal(ev.date.precision, 'day');
  assert.equal(ev.sentence, 0);
  assert.match(ev.date.evidence!, /Ngày 12\/11/);
  // Only the publication year known and nothing in the lead: the year, no more.
  const vague = eventDateOf(vi('v', '2025', ['Vào một ngày thứ Ba gần đây, hai bên đã gặp nhau.'], []));
  assert.deepEqual([vague.date.value, vague.date.precision], ['2025', 'year']);
  // A lead date far before publication is a recalled happening, not the news.
  const old = eventDateOf(vi('o', '2024-11-20', ['Hồi tháng 2/2023, hai bên đã gặp nhau.'], [{ sentence: 0, surface: 'tháng 2/2023', value: '2023-02' }]));
  assert.equal(old.date.value, '2024-11-20');
});

test('event date: year-less day kept year-less without a publication date, resolved with one', () => {
  const noYear = eventDateOf(vi('n', null, ['Ngày 18/11, hai ngoại trưởng điện đàm.'], [{ sentence: 0, surface: 'Ngày 18/11', value: 'XXXX-11-18' }]));
  assert.deepEqual([noYear.date.value, noYear.date.precision], ['XXXX-11-18', 'day']);
  const withYear = eventDateOf(vi('w', '2020-11-19', ['Ngày 18/11, hai ngoại trưởng điện đàm.'], [{ sentence: 0, surface: 'Ngày 18/11', value: 'XXXX-11-18' }]));
  assert.deepEqual([withYear.date.value, withYear.date.kind], ['2020-11-18', 'approximate']);
  const bound = eventDateOf(vi('b', '2024-02', ['Cuộc điện đàm diễn ra trước ngày 10/2.'], [{ sentence: 0, surface: 'trước ngày 10/2', value: '2024-02-10', mod: 'before' }]));
  assert.deepEqual([bound.date.value, bound.date.kind], ['2024-02-10', 'before']);
});

test('options: unknown names and negative numbers are rejected at creation', () => {
  assert.throws(() => createClusterer({ eventTreshold: 1 } as never), /unknown option/);
  assert.throws(() => createClusterer({ eventContent: -1 }), /must be a number/);
});

test('re-adding an article id is ignored', () => {
  const clusterer = createClusterer();
  const [doc] = vietnameseCorpus();
  clusterer.add(doc!);
  clusterer.add(doc!);
  assert.equal(clusterer.size, 1);
  assert.equal(clusterer.result().events.length, 1);
});

// A chain: each article shares a sentence and two actors with the next one only. Single link makes
// one story of the whole chain; a story that must be linked to its core stops growing at the
// first article tied to it by one pair only.
function chainCorpus(length: number): ClusterDoc[] {
  const vocab = 'harbor lantern meadow quarry saddle timber violet walnut anchor basil cedar dune ember falcon glacier hazel iris juniper kettle lagoon maple nectar orchard pebble quartz raven spruce thistle umber willow yarrow zephyr amber birch clover delta'.split(' ');
  const sentence = (i: number) => `The ${vocab[(i * 3) % vocab.length]} ${vocab[(i * 3 + 1) % vocab.length]} council met the ${vocab[(i * 3 + 2) % vocab.length]} committee number ${i}.`;
  return Array.from({ length }, (_, i) => {
    const sentences = [sentence(i), sentence(i + 1)];
    const mentions = [i, i + 1].flatMap((k, s) => [
      { sentence: s, surface: 'council', entity: `council-${k}`, type: 'organization' as const },
      { sentence: s, surface: 'committee', entity: `committee-${k}`, type: 'organization' as const },
    ]);
    return makeDoc({ id: `chain-${i}`, published: `20${10 + i}-01-15`, language: 'en', sentences, mentions });
  });
}

test('stories do not chain: an article joins a grown story only through several links', () => {
  const docs = chainCorpus(6);
  const single = clusterArticles(docs, { storyLinks: 1, storyNeighbours: 0 });
  assert.equal(single.stories.length, 1, 'single link chains the six articles into one story');
  const { stories } = clusterArticles(docs);
  assert.ok(stories.every((s) => s.articles.length <= 3), JSON.stringify(stories.map((s) => s.articles)));
  assert.ok(stories.some((s) => s.articles.length > 1));
  const reference = JSON.stringify(clusterArticles(docs));
  for (let seed = 1; seed <= 3; seed++) assert.equal(JSON.stringify(clusterArticles(shuffled(docs, seed))), reference);
});
