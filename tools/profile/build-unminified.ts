/**
 * A build of the extension without minification (`BACKSTORY_NO_MINIFY`, wxt.config.ts), so a CPU profile names our
 * functions as the source does: for `npm run cost -- --unminified --top 20`, which prints where start-up goes.
 * The same code as `npm run build`; only names and whitespace differ (and so parse time a little).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Builds into `<out>/chrome-mv3` and returns that folder. */
export function buildUnminified(out: string): Promise<string> {
  const outDir = path.resolve(out);
  const result = spawnSync('npx', ['wxt', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, BACKSTORY_NO_MINIFY: '1', BACKSTORY_OUT_DIR: outDir },
  });
  if (result.status !== 0) return Promise.reject(new Error('the unminified build failed'));
  return Promise.resolve(path.join(outDir, 'chrome-mv3'));
}
