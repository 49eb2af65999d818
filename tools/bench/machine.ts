/** The machine a bench ran on: cores, CPU, memory, OS, Node, browser versions and the commit checked out. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { CHROMIUM_PATH, FIREFOX_PATH } from '../browsers/browsers';

export interface Machine {
  cores: number;
  cpu: string;
  ramGB: number;
  os: string;
  node: string;
  chromium: string | null;
  firefox: string | null;
  /** The commit checked out, and whether the working tree had changes (the build may include them). */
  git: string | null;
}

function versionOf(executable: string): string | null {
  if (!existsSync(executable)) return null;
  try {
    return execFileSync(executable, ['--version'], { encoding: 'utf8', timeout: 15_000, stdio: 'pipe' }).trim();
  } catch {
    return null;
  }
}

function gitState(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return null;
  }
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    ramGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: versionOf(CHROMIUM_PATH),
    firefox: versionOf(FIREFOX_PATH),
    git: gitState(),
  };
}
