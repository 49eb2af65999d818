/** The corpus run's command line: `npm run corpus -- <folder> [options]` (see main.ts). */
import { EXTENSION_DIRS } from '../browsers/browsers';

export interface CorpusOptions {
  folder: string;
  out: string;
  maxPages: number;
  /** Time limit for one page (both loads, waits and measurements), ms. */
  pageTimeout: number;
  /** Only pages whose file name contains this. */
  filter: string | undefined;
  /** Only the N largest pages (after `filter`), instead of the first `maxPages` by name. */
  largest: number | undefined;
  extensionDir: string;
}

export const USAGE =
  'usage: npm run corpus -- <folder> [--out artifacts/corpus] [--max-pages 500] [--largest N] [--timeout 30000]' +
  ' [--filter text] [--extension .output/chrome-mv3]';

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CorpusOptions {
  const options: CorpusOptions = {
    folder: '',
    out: 'artifacts/corpus',
    maxPages: 500,
    pageTimeout: 30_000,
    filter: undefined,
    largest: undefined,
    extensionDir: EXTENSION_DIRS.chromium,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    const count = (name: string, min: number): number => {
      const number = Number(value());
      if (!Number.isInteger(number) || number < min) throw new UsageError(`${name} must be an integer ≥ ${min}`);
      return number;
    };
    if (arg === '--out') options.out = value();
    else if (arg === '--max-pages') options.maxPages = count('--max-pages', 1);
    else if (arg === '--largest') options.largest = count('--largest', 1);
    else if (arg === '--timeout') options.pageTimeout = count('--timeout', 5_000);
    else if (arg === '--filter') options.filter = value();
    else if (arg === '--extension') options.extensionDir = value();
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError('give exactly one folder of saved pages');
  options.folder = positional[0] ?? '';
  return options;
}
