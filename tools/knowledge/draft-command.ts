/**
 * `npm run knowledge -- draft <article.txt> [--out draft.yaml] [--date YYYY-MM-DD] [--site name] [--url url]
 * [--known pack.json]…`: drafts the annotations of an article with the same code as the builder page
 * (`src/pack-builder/draft/`), linked to the bundled pack and any `--known` packs, checks that the draft builds with
 * the article as given, and writes the YAML (to stdout without `--out`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import bundled from '../../src/knowledge/pack.json';
import { parsePack } from '../../src/knowledge/schema';
import type { Annotations } from '../../src/pack-builder/annotations';
import { buildPack } from '../../src/pack-builder/build';
import { draftAnnotations, type ArticleInput, type DraftResult } from '../../src/pack-builder/draft';
import { splitArticle } from '../../src/pack-builder/text';

const USAGE =
  'usage: npm run knowledge -- draft <article.txt> [--out draft.yaml] [--date YYYY-MM-DD] [--site name] [--url url] [--known pack.json]…';

/** The article of a text file in the builder's format: the headline line, then one paragraph per line. */
export function articleFromText(raw: string, meta: Omit<ArticleInput, 'title' | 'paragraphs'> = {}): ArticleInput {
  const split = splitArticle(raw);
  return {
    ...meta,
    title: split.title,
    paragraphs: split.paragraphs.map((paragraph) => split.text.slice(paragraph.start, paragraph.end)),
  };
}

/** Annotations as a person would write them: fields left at their defaults are left out. */
function tidy(annotations: Annotations): unknown {
  const drop = (value: unknown) => (Array.isArray(value) && value.length === 0) || value === undefined;
  const entities = annotations.entities.map((entity) => {
    const { wikipedia, ...rest } = entity;
    const kept = Object.fromEntries(Object.entries(rest).filter(([, value]) => !drop(value)));
    return wikipedia ? kept : { ...kept, wikipedia };
  });
  return Object.fromEntries(Object.entries({ ...annotations, entities }).filter(([, value]) => !drop(value)));
}

/** The YAML of a draft, with what to review first as comments. */
export function draftYaml(draft: DraftResult, file: string): string {
  const review = [
    `# Draft annotations for ${file}, written by \`npm run knowledge -- draft\` (src/pack-builder/draft/).`,
    '# It builds as it is; review it before sharing the pack:',
    ...draft.guessedQuotes.map((guess) => `#   - quote “${guess.quote}…”: speaker guessed (${guess.speaker})`),
    ...draft.candidates
      .filter((candidate) => candidate.confidence !== 'high')
      .map((candidate) => `#   - ${candidate.id}: ${candidate.confidence} confidence (${candidate.notes.join('; ')})`),
    ...draft.candidates
      .filter((candidate) => candidate.linked)
      .map(
        (candidate) =>
          `#   - ${candidate.id}: linked to ${candidate.linked?.packId ?? ''} (${candidate.linked?.name ?? ''})`,
      ),
    ...draft.dropped.map((line) => `#   - left out: ${line}`),
  ];
  return `${review.join('\n')}\n${stringify(tidy(draft.annotations), { lineWidth: 120 })}`;
}

/** Runs the command; returns the exit code. */
export function draftCommand(argv: readonly string[]): number {
  const source = argv[1];
  if (!source || source.startsWith('--')) throw new Error(USAGE);
  const flag = (name: string) => {
    const index = argv.indexOf(name);
    const value = index >= 0 ? argv[index + 1] : undefined;
    if (index >= 0 && (!value || value.startsWith('--'))) throw new Error(`${USAGE} (${name} needs a value)`);
    return value;
  };
  const knownFiles = argv.flatMap((arg, i) => (arg === '--known' && argv[i + 1] ? [argv[i + 1] as string] : []));
  const known = [
    parsePack(bundled, 'src/knowledge/pack.json'),
    ...knownFiles.map((file) => parsePack(JSON.parse(readFileSync(file, 'utf8')), file)),
  ];
  const raw = readFileSync(source, 'utf8');
  const article = articleFromText(raw, {
    published: flag('--date') ?? '',
    site: flag('--site') ?? '',
    url: flag('--url') ?? '',
  });
  const draft = draftAnnotations(article, known);
  // The draft must build with the article as given, not only with the text the draft wrote.
  buildPack({ article: raw, annotations: draft.annotations, files: { article: source, annotations: 'the draft' } });
  const yaml = draftYaml(draft, source);
  const out = flag('--out');
  if (out) {
    writeFileSync(out, yaml);
    console.error(
      `Wrote ${out}: ${draft.annotations.entities.length} entities (${draft.candidates.filter((c) => c.linked).length} ` +
        `linked to known packs), ${draft.guessedQuotes.length} guessed quote speakers; build it with ` +
        `npm run knowledge -- build --source ${source} --annotations ${out} --out <pack.json>`,
    );
  } else {
    process.stdout.write(yaml);
  }
  return 0;
}
