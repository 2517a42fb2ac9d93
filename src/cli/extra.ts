// `tinline eval …`: quality measures on datasets laid out for them.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { TinlineError } from '../errors.ts';
import { dbOption, withStore, type Io } from './main.ts';

export function registerExtraCommands(program: Command, io: Io, _setExit: (code: number) => void): void {
  const evalCmd = program.command('eval').description('measure quality against gold data');

  evalCmd
    .command('tls')
    .description('timeline summarisation: Date-F1 and ROUGE-1/2 (concat, agreement, align+ m:1) per topic')
    .argument('<dir>', 'DIR/<topic>/articles.jsonl and DIR/<topic>/timelines.jsonl')
    .option('--json', 'print as JSON')
    .action(async (dir: string, flags: { json?: boolean }) => {
      const { evaluateTls } = await import('../eval/tls.ts');
      const report = await evaluateTls(dir);
      if (flags.json) {
        io.out(JSON.stringify(report, null, 2));
        return;
      }
      const f = (x: number) => x.toFixed(3);
      io.out('topic                 timelines  date_f1  R1 concat  R1 agree  R1 align  R2 concat  R2 agree  R2 align');
      for (const t of [...report.topics, { topic: 'mean', timelines: report.topics.reduce((n, x) => n + x.timelines, 0), ...report.mean }]) {
        io.out(`${t.topic.padEnd(22)}${String(t.timelines).padStart(9)}  ${f(t.date_f1)}    ${f(t.rouge1.concat)}     ${f(t.rouge1.agreement)}    ${f(t.rouge1.align_m1)}     ${f(t.rouge2.concat)}     ${f(t.rouge2.agreement)}    ${f(t.rouge2.align_m1)}`);
      }
    });

  evalCmd
    .command('clusters')
    .description("pairwise and B-cubed P/R/F1 of Tinline's stories or events against gold clusters")
    .argument('<gold>', 'JSONL lines { "origin" or "id", "cluster" } naming ingested articles')
    .addOption(dbOption())
    .addOption(new Option('--level <level>', 'compare stories or events').choices(['stories', 'events']).default('stories'))
    .option('--json', 'print as JSON')
    .action(async (goldPath: string, flags: { db: string; level: 'stories' | 'events'; json?: boolean }) => {
      const { clusterScores } = await import('../eval/clusters.ts');
      let text: string;
      try {
        text = readFileSync(goldPath, 'utf8');
      } catch {
        throw new TinlineError('INPUT_MISSING', goldPath, { origin: goldPath });
      }
      await withStore(flags.db, async (store) => {
        const articles = await store.listArticles({ limit: 1_000_000 });
        const byOrigin = new Map(articles.map((a) => [a.origin, a.id]));
        const gold = new Map<string, string>();
        text.split('\n').forEach((line, i) => {
          if (!line.trim()) return;
          let row: { id?: string; origin?: string; cluster?: unknown };
          try {
            row = JSON.parse(line);
          } catch (e) {
            throw new TinlineError('INPUT_JSON', (e as Error).message, { origin: goldPath, line: i + 1 });
          }
          const id = row.id ?? (row.origin ? byOrigin.get(row.origin) : undefined);
          if (!id || row.cluster === undefined) throw new TinlineError('INPUT_FIELDS', 'each line needs "id" or a known "origin", and "cluster"', { origin: goldPath, line: i + 1 });
          gold.set(id, String(row.cluster));
        });
        const predicted = new Map<string, string>();
        const groups = flags.level === 'events' ? await store.listEvents() : await store.listStories();
        for (const g of groups) for (const id of g.articles) if (!predicted.has(id)) predicted.set(id, g.id);
        const scores = clusterScores(predicted, gold);
        if (flags.json) io.out(JSON.stringify(scores, null, 2));
        else {
          const f = (x: number) => x.toFixed(3);
          io.out(`pairwise  P ${f(scores.pairwise.p)}  R ${f(scores.pairwise.r)}  F1 ${f(scores.pairwise.f1)}`);
          io.out(`B-cubed   P ${f(scores.bcubed.p)}  R ${f(scores.bcubed.r)}  F1 ${f(scores.bcubed.f1)}`);
        }
      });
    });
}
