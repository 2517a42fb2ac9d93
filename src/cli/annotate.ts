// `tinline annotate`: the analysis of any text, without storing it.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { TinlineError } from '../errors.ts';
import type { Io } from './main.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export function registerAnnotateCommand(program: Command, io: Io): void {
  program
    .command('annotate')
    .description('sentences, words, entities and dates of any text (not stored)')
    .argument('[file]', 'a text file, or - for stdin', '-')
    .addOption(new Option('--lang <code>', 'language: vi, en, another code, or auto').default('auto'))
    .option('--published <date>', 'anchor for relative dates: YYYY-MM-DD (or YYYY-MM, YYYY)')
    .option('--json', 'print as JSON (the default when not on a terminal)')
    .action(async (file: string, flags: { lang: string; published?: string; json?: boolean }) => {
      const { decodeBytes } = await import('../decode/index.ts');
      const { analyze } = await import('../analyze/index.ts');
      const { linkEntities } = await import('../link/index.ts');
      if (flags.published && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(flags.published)) {
        throw new TinlineError('BAD_OPTION', `--published: '${flags.published}' is not YYYY, YYYY-MM or YYYY-MM-DD`);
      }
      let bytes: Buffer;
      try {
        bytes = file === '-' ? await readAll(process.stdin) : readFileSync(file);
      } catch {
        throw new TinlineError('INPUT_MISSING', file, { origin: file });
      }
      // Offsets refer to the text as given: decode only, no clean-up.
      const text = decodeBytes(bytes, { origin: file }).original.replace(/^\uFEFF/, '');
      const published = flags.published
        ? { value: flags.published, precision: (['year', 'month', 'day'] as const)[flags.published.split('-').length - 1]!, evidence: '--published' }
        : null;
      const analysis = analyze(text, { language: flags.lang === 'auto' ? null : flags.lang, published });
      const fakeArticle = { id: 'annotate', origin: file, title: null, source: null, language: analysis.language, published: published ?? { value: null, precision: null, evidence: null }, body: [text], captions: [], removed: [], raw: text, charset: 'utf-8', duplicateOf: null, ingestedAt: '' };
      const { entities, links } = linkEntities([{ article: fakeArticle, analysis }]);
      const entityOf = new Map(links.map((l) => [l.mentionIndex, l.entity]));
      const result = {
        language: analysis.language,
        sentences: analysis.sentences.map((s) => ({ start: s.start, end: s.end, text: s.text })),
        tokens: analysis.tokens.map((t) => ({ start: t.start, end: t.end, text: t.text })),
        mentions: analysis.mentions.map((m, i) => ({ start: m.start, end: m.end, surface: m.surface, type: m.type, role: m.role ?? null, entity: entityOf.get(i) ?? null })),
        times: analysis.times.map((t) => ({ start: t.start, end: t.end, surface: t.surface, value: t.value, precision: t.precision, type: t.type })),
        entities: entities.map((e) => ({ id: e.id, type: e.type, name: e.name, aliases: e.aliases })),
      };
      if (flags.json || !process.stdout.isTTY) {
        io.out(JSON.stringify(result, null, 2));
        return;
      }
      io.out(`language: ${result.language}; ${result.sentences.length} sentences, ${result.tokens.length} tokens`);
      for (const m of result.mentions) io.out(`  ${m.type.padEnd(12)} ${m.surface}${m.role ? ` (${m.role})` : ''} → ${m.entity ?? '—'}`);
      for (const t of result.times) io.out(`  ${t.type.padEnd(12)} ${t.surface} → ${t.value ?? '?'}`);
    });
}
