/**
 * A build of the extension whose content script carries a pack twenty times the bundled one (the bundled pack plus
 * 19 synthetic copies with fresh names and shuffled quotes, `test/bench/generate.ts`), for measuring in the browser
 * that the cost per page load stays flat in pack size. Same code, other pack: `BACKSTORY_PAGE_PACK` and
 * `BACKSTORY_OUT_DIR` (modules/page-pack.ts, wxt.config.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePack } from '../../src/knowledge/schema';
import { scaledPack } from '../../test/bench/generate';
import { PACK_OVERRIDE_ENV } from '../../modules/page-pack';

/** Builds into `<out>/chrome-mv3` and returns that folder. */
export async function buildWithScaledPack(out: string, factor = 20): Promise<string> {
  const base = parsePack(JSON.parse(await readFile('src/knowledge/pack.json', 'utf8')), 'src/knowledge/pack.json');
  await mkdir(out, { recursive: true });
  const packFile = path.resolve(out, `pack-${factor}x.json`);
  await writeFile(packFile, JSON.stringify(scaledPack(base, factor)));
  const outDir = path.resolve(out, 'build');
  const result = spawnSync('npx', ['wxt', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, [PACK_OVERRIDE_ENV]: packFile, BACKSTORY_OUT_DIR: outDir },
  });
  if (result.status !== 0) throw new Error(`the ${factor}× build failed`);
  return path.join(outDir, 'chrome-mv3');
}
