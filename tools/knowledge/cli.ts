/**
 * `npm run knowledge`: builds src/knowledge/pack.json from data/source/article.txt and data/annotations.yaml.
 * `npm run knowledge -- --check` only verifies that the committed pack is what a fresh build gives.
 * `npm run knowledge -- build --source <article.txt> --annotations <file.yaml> --out <pack.json>` builds any pack
 * (its `id` comes from the annotations' `id`), which a reader imports on the options page.
 * `npm run knowledge -- draft <article.txt> [--out draft.yaml]` drafts annotations from an article (`draft-command.ts`);
 * `npm run knowledge -- quality [--pages <folder>]` measures the drafts against hand keys (`quality.ts`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { buildPack, serializePack } from '../../src/pack-builder/build';
import { draftCommand } from './draft-command';

const root = path.resolve(import.meta.dirname, '../..');
export const files = {
  article: 'data/source/article.txt',
  annotations: 'data/annotations.yaml',
  pack: 'src/knowledge/pack.json',
  variants: 'docs/variants.md',
};

/** Reads the YAML annotation file; syntax errors name the file, line and column. */
export function readAnnotations(file: string): unknown {
  return parseAnnotationsYaml(readFileSync(path.join(root, file), 'utf8'), file);
}

/** Parses annotation YAML; syntax errors and duplicate keys name the file, line and column. */
export function parseAnnotationsYaml(source: string, file: string): unknown {
  const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length) {
    throw new Error(`${file}: YAML syntax error\n${document.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return document.toJS();
}

/** The files of `build --source … --annotations … --out …`, or null when the arguments are not a build command. */
export function parseBuildArgs(argv: readonly string[]): { source: string; annotations: string; out: string } | null {
  if (argv[0] !== 'build') return null;
  const value = (flag: string): string => {
    const index = argv.indexOf(flag);
    const found = index >= 0 ? argv[index + 1] : undefined;
    if (!found || found.startsWith('--')) {
      throw new Error(
        `usage: npm run knowledge -- build --source <article.txt> --annotations <file.yaml> --out <pack.json> (${flag} is missing)`,
      );
    }
    return found;
  };
  return { source: value('--source'), annotations: value('--annotations'), out: value('--out') };
}

/** Builds any pack from the files given on the command line (paths relative to the working directory). */
function buildCommand(args: { source: string; annotations: string; out: string }): number {
  const annotations = parseAnnotationsYaml(readFileSync(args.annotations, 'utf8'), args.annotations);
  const { pack, report } = buildPack({
    article: readFileSync(args.source, 'utf8'),
    annotations,
    files: { article: args.source, annotations: args.annotations },
  });
  writeFileSync(args.out, serializePack(pack));
  console.log(
    `Wrote ${args.out} (pack "${pack.id}"): ${report.entities} entities, ${report.quotes} quotes, ` +
      `${report.statements} attributed statements.`,
  );
  return 0;
}

/** A file of the project, or '' when it does not exist (a missing output is simply out of date). */
function readOrEmpty(file: string): string {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<number> {
  const command = process.argv[2];
  if (command === 'draft') return draftCommand(process.argv.slice(2));
  // Loaded only for this command: it reads pages with Readability and happy-dom, which nothing else here needs.
  if (command === 'quality') return (await import('./quality')).qualityCommand(process.argv.slice(2));
  const build = parseBuildArgs(process.argv.slice(2));
  if (build) return buildCommand(build);
  const check = process.argv.includes('--check');
  const { pack, report } = buildPack({
    article: readFileSync(path.join(root, files.article), 'utf8'),
    annotations: readAnnotations(files.annotations),
    files,
  });
  const outputs = [
    { file: files.pack, text: serializePack(pack) },
    { file: files.variants, text: report.variants },
  ];
  if (check) {
    const stale = outputs.filter(({ file, text }) => readOrEmpty(file) !== text).map(({ file }) => file);
    for (const file of stale) console.error(`${file} is out of date: run \`npm run knowledge\` and commit the result.`);
    if (stale.length === 0) console.log(`${outputs.map(({ file }) => file).join(' and ')} are up to date.`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const { file, text } of outputs) writeFileSync(path.join(root, file), text);
  console.log(
    `Wrote ${files.pack}: ${report.entities} entities (${report.mentions} mentions), ${report.quotes} quotes, ` +
      `${report.statements} attributed statements, ${report.overrides} attribution overrides, ` +
      `${report.ignored.length} names ignored by the coverage check; ${report.generated} generated spellings, ` +
      `for review in ${files.variants}.`,
  );
  return 0;
}

// Run only as a command, so tests can import the helpers.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
