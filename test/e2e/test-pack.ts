/**
 * The pack the packs e2e tests import: built with `npm run knowledge -- build` from the team's test article
 * (test/fixtures/packs/un-envoy.*) into `outDir`, as a reader builds any pack. Returns the pack file's text.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function buildEnvoyPack(outDir: string): string {
  const file = path.join(outDir, 'un-envoy.json');
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    process.execPath,
    [
      path.resolve('node_modules/tsx/dist/cli.mjs'),
      'tools/knowledge/cli.ts',
      'build',
      '--source',
      'test/fixtures/packs/un-envoy.txt',
      '--annotations',
      'test/fixtures/packs/un-envoy.yaml',
      '--out',
      file,
    ],
    { stdio: 'pipe' },
  );
  return readFileSync(file, 'utf8');
}
