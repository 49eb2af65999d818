/**
 * `npm run knowledge -- quality [--pages <folder>] [--out docs/builder-quality.md] [--sets dev,test,fresh]`: drafts
 * a pack from each real news page that has a hand key in `test/quality/keys/`, before any review, and reports entity
 * recall and precision and quote speaker accuracy, per page and per set (see `QualitySet`). The pages are read where
 * they are (`../shared/corpus/pages`), never copied into the project.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import bundled from '../../src/knowledge/pack.json';
import { parsePack } from '../../src/knowledge/schema';
import { draftAndBuild } from '../../src/pack-builder/draft';
import { extractArticle } from './extract';
import { draftEveryPage, robustnessLines, type RobustnessResult } from './quality-robustness';
import { scorePage, totals, type PageScore, type QualityKey, type QualitySet } from './quality-score';

const root = path.resolve(import.meta.dirname, '../..');
const KEYS = 'test/quality/keys';
const GOAL = 0.9;
const SETS: readonly QualitySet[] = ['dev', 'test', 'fresh', 'heldout', 'heldout2'];

function percent(value: number): string {
  return `${(value * 100).toFixed(0)}%`;
}

function setLines(name: string, scores: readonly PageScore[]): string[] {
  const t = totals(scores);
  const c = t.counts;
  return [
    `| ${name} (${scores.length} pages) | ${percent(t.recall)} (${c.found}/${c.keyEntities}) | ` +
      `${percent(t.precision)} (${c.correct}/${c.drafted}) | ${percent(t.speakers)} (${c.rightSpeakers}/${c.namedQuotes}) |`,
  ];
}

function report(scores: readonly PageScore[], date: string, robustness: RobustnessResult): string {
  // A set left out (`--sets`) has no row.
  const sets = SETS.map((set) => [set, scores.filter((s) => s.set === set)] as const).filter(([, list]) => list.length);
  const lines = [
    '# Drafting quality',
    '',
    `Measured ${date} by \`npm run knowledge -- quality\`: each page of \`../shared/corpus/pages\` that has a hand key`,
    `in \`${KEYS}/\` is read with Readability (happy-dom), drafted with \`draftAndBuild\` (the reader's packs: the`,
    'bundled pack) and scored before any review. Goal: ≥ 90% each. The keys were written by reading each page before',
    'drafting it. dev: the pages the rules were tuned on; test: held out, but their report was read while tuning',
    '(see History); fresh: keyed and run once after the rules were final, read since; heldout: keyed before a',
    'round of rule changes and run once at its end, its report read and used by the next round; heldout2: keyed',
    'before the latest round and run once at its end (see History).',
    '',
    '- entity recall: key entities (people, groups, organisations, places, outlets a reader expects) that some drafted',
    '  entity names (one of its spellings is one of the key entity’s);',
    '- entity precision: drafted entities that name a key entity (a second drafted entity for the same key entity',
    '  counts as wrong; drafted entities matching an `optional` key entity — credits, names inside a title — count',
    '  neither way);',
    '- quote speaker accuracy: the key’s quotes whose speaker is a named entity, drafted with that speaker (a quote',
    '  the article attributes to no entity — “officials”, “his office” — is left out and counted apart).',
    '',
    '| set | entity recall | entity precision | quote speakers |',
    '| --- | --- | --- | --- |',
    ...sets.flatMap(([set, list]) => setLines(set, list)),
    '',
    '## Per page',
    '',
    '| page | set | recall | precision | speakers | unnamed-source quotes |',
    '| --- | --- | --- | --- | --- | --- |',
    ...scores.map(
      (s) =>
        `| ${s.page} | ${s.set} | ${s.found}/${s.keyEntities} | ${s.correct}/${s.drafted} | ` +
        `${s.rightSpeakers}/${s.namedQuotes} | ${s.unnamedQuotes} |`,
    ),
    '',
    ...robustnessLines(robustness),
    '## What the draft got wrong',
    '',
  ];
  for (const s of scores) {
    lines.push(`### ${s.page} (${s.set})`, '');
    if (s.missed.length) lines.push(`- missed: ${s.missed.join('; ')}`);
    if (s.wrong.length) lines.push(`- not in the key: ${s.wrong.join('; ')}`);
    for (const quote of s.wrongSpeakers) lines.push(`- speaker: ${quote}`);
    if (!s.missed.length && !s.wrong.length && !s.wrongSpeakers.length) lines.push('- nothing');
    lines.push('');
  }
  return lines.join('\n');
}

/** Runs the measure; returns the exit code (1 when a set misses a goal). */
export async function qualityCommand(argv: readonly string[]): Promise<number> {
  const flag = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const pages = path.resolve(flag('--pages') ?? path.join(root, '../shared/corpus/pages'));
  const out = flag('--out') ?? 'docs/builder-quality.md';
  if (!existsSync(pages)) {
    console.error(`No pages at ${pages}: pass --pages <folder> (the corpus of real news pages).`);
    return 1;
  }
  // `--sets` scores only the named sets (while tuning, the held-out set is left unread).
  const only = flag('--sets')?.split(',');
  const known = [parsePack(bundled, 'src/knowledge/pack.json')];
  const scores: PageScore[] = [];
  for (const file of readdirSync(path.join(root, KEYS))
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const key = parse(readFileSync(path.join(root, KEYS, file), 'utf8')) as QualityKey;
    if (only && !only.includes(key.set)) continue;
    const article = extractArticle(readFileSync(path.join(pages, key.page), 'utf8'), `https://example.org/${key.page}`);
    if (!article) throw new Error(`${key.page}: Readability found no article`);
    // A fixed "now" keeps undated pages' drafts reproducible.
    const draft = draftAndBuild(article, known, undefined, { now: new Date('2020-01-01T00:00:00Z') });
    scores.push(scorePage(draft.pack, key));
  }
  scores.sort((a, b) => SETS.indexOf(a.set) - SETS.indexOf(b.set) || a.page.localeCompare(b.page));
  const robustness = draftEveryPage(pages, known);
  const text = report(scores, new Date().toISOString().slice(0, 10), robustness);
  // The hand-written history at the end of the file (from `## History` on) is kept.
  const previous = existsSync(path.resolve(root, out)) ? readFileSync(path.resolve(root, out), 'utf8') : '';
  const history = previous.indexOf('\n## History\n');
  const file = path.resolve(root, out);
  const markdown = `${text.trimEnd()}\n${history >= 0 ? previous.slice(history) : ''}`;
  // Formatted as the project's Prettier would, so the lint passes on the written file.
  writeFileSync(file, await format(markdown, { ...(await resolveConfig(file)), filepath: file }));
  for (const set of SETS.filter((name) => scores.some((s) => s.set === name))) {
    const t = totals(scores.filter((s) => s.set === set));
    console.log(
      `${set}: entity recall ${percent(t.recall)}, precision ${percent(t.precision)}, quote speakers ${percent(t.speakers)}`,
    );
  }
  console.log(`Wrote ${out}.`);
  const test = totals(scores.filter((s) => s.set !== 'dev'));
  console.log(`Every page: ${robustness.built} of ${robustness.pages} built, ${robustness.failed.length} failed.`);
  const goals = test.recall >= GOAL && test.precision >= GOAL && test.speakers >= GOAL;
  return goals && robustness.failed.length === 0 ? 0 : 1;
}
