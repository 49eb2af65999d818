/** The entry of a command-line tool: runs `main` with the arguments when the file is the one Node was started with. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs `main(argv)` and exits with its code (1 and the stack on a throw) when `moduleUrl` is the started file. */
export function runIfMain(moduleUrl: string, main: (argv: readonly string[]) => Promise<number>): void {
  if (process.argv[1] === undefined || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
