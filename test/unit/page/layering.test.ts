import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../../src');
/** The page layer builds on the pure matcher and the shared vocabulary only: never the card, settings, content. */
const ALLOWED = ['page', 'match', 'shared'].map((folder) => path.join(SRC, folder) + path.sep);
const IMPORT = /^\s*(?:import\s+(?:[^'"]*?from\s+)?|export\s[^'"]*?from\s+)'([^']+)'/gm;

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The imports of `file` that leave the allowed layers (packages included: the page layer needs none). */
function wrongImports(file: string, text: string): string[] {
  return Array.from(text.matchAll(IMPORT), (found) => found[1] ?? '').filter((specifier) => {
    const resolved = path.resolve(path.dirname(file), specifier) + path.sep;
    return !specifier.startsWith('.') || !ALLOWED.some((folder) => resolved.startsWith(folder));
  });
}

describe('src/page layering', () => {
  it('imports only from src/page, src/match and src/shared', () => {
    const wrong = sources(path.join(SRC, 'page')).flatMap((file) =>
      wrongImports(file, readFileSync(file, 'utf8')).map((specifier) => `${path.relative(SRC, file)}: ${specifier}`),
    );
    expect(wrong).toEqual([]);
  });

  it('sees an import that points the wrong way', () => {
    const file = path.join(SRC, 'page', 'pass', 'x.ts');
    const text = "import type {\n  Card,\n} from '../../card/card';\nimport { a } from '../slicer';\nimport 'x';\n";
    expect(wrongImports(file, text)).toEqual(['../../card/card', 'x']);
    expect(wrongImports(file, "export const name = '../../card/card';")).toEqual([]);
    expect(wrongImports(file, "export { b } from '../../settings/storage';")).toEqual(['../../settings/storage']);
    expect(wrongImports(file, "import { c } from 'wxt/browser';")).toEqual(['wxt/browser']);
  });
});
