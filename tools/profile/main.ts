/**
 * `npm run cost [-- --pages <folder>] [--loads 5] [--markjs-loads n] [--no-pack20] [--no-packs50] [--out …]`: the
 * extension's whole main-thread bill per page load on the five largest and three smallest pages of a folder, against
 * a cold walk of the same page, with the cross-check, mark.js (in the first n loads; default all), the 20× pack
 * build and 50 imported packs (figures.ts). Prints a Markdown report and writes `cost.json` and `cost.md`. Uses
 * `.output/chrome-mv3` (run `npm run build` first). Never fails on a time.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXTENSION_DIRS } from '../browsers/browsers';
import { buildWithScaledPack } from './build20';
import { buildUnminified } from './build-unminified';
import { costFigures, renderCost, renderStartup } from './figures';
import { runIfMain } from '../run-main';

async function main(argv: readonly string[]): Promise<number> {
  let pages = existsSync('../shared/corpus/pages') ? '../shared/corpus/pages' : 'test/fixtures/pages';
  let loads = 5;
  let out = 'artifacts/cost';
  let pack20 = true;
  let packs50 = true;
  let markJsLoads: number | undefined;
  let extension: string | undefined;
  let unminified = false;
  let only: 'largest' | 'smallest' | undefined;
  let top = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--pages') pages = argv[++i] ?? pages;
    else if (arg === '--loads') loads = Math.max(1, Math.min(20, Number(argv[++i]) || loads));
    else if (arg === '--out') out = argv[++i] ?? out;
    else if (arg === '--no-pack20') pack20 = false;
    else if (arg === '--no-packs50') packs50 = false;
    else if (arg === '--markjs-loads') markJsLoads = Math.max(0, Number(argv[++i]) || 0);
    else if (arg === '--extension') extension = argv[++i];
    else if (arg === '--unminified') unminified = true;
    else if (arg === '--only') only = argv[++i] === 'largest' ? 'largest' : 'smallest';
    else if (arg === '--top') top = Math.max(1, Math.min(60, Number(argv[++i]) || 20));
    else {
      console.error(
        'usage: npm run cost -- [--pages <folder>] [--loads 5] [--markjs-loads n] [--no-pack20] [--no-packs50] ' +
          '[--out artifacts/cost] [--extension <chrome-mv3 dir> | --unminified] [--only largest|smallest] [--top <n>]',
      );
      return 2;
    }
  }
  // --unminified: a build of the same code with readable function names, for the start-up breakdown (--top).
  const extensionDir = unminified
    ? await buildUnminified(path.join(out, 'unminified'))
    : path.resolve(extension ?? EXTENSION_DIRS.chromium);
  if (!existsSync(extensionDir)) {
    console.error(`${extensionDir} is missing: run npm run build first`);
    return 1;
  }
  const extensionDir20 = pack20 ? await buildWithScaledPack(path.join(out, 'pack20')) : undefined;
  const figures = await costFigures({
    folder: pages,
    extensionDir,
    ...(extensionDir20 ? { extensionDir20 } : {}),
    loads,
    packs50Loads: packs50 ? loads : 0,
    ...(markJsLoads === undefined ? {} : { markJsLoads }),
    ...(only ? { only } : {}),
    log: (line) => console.log(`  ${line}`),
  });
  const startup =
    top > 0 ? `\n## Where start-up goes (${path.relative('.', extensionDir)})\n\n${renderStartup(figures, top)}` : '';
  const report = `# Cost per page load (${new Date().toISOString()})\n\n${renderCost(figures)}\n${startup}`;
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'cost.json'), JSON.stringify(figures, null, 2) + '\n');
  await writeFile(path.join(out, 'cost.md'), report);
  console.log(report);
  return 0;
}

runIfMain(import.meta.url, main);
