/**
 * Matching engine bench: scan throughput on ~3 MB of generated news prose for the bundled pack, a realistic pack
 * and packs twenty times larger, against a naive one-RegExp baseline; and startup (automaton + quote index).
 *
 * `npx vitest bench --run` prints vitest's table, then a report of MB/s and of the ratios the issue asks for,
 * all measured in the same run (medians of repeated scans), so they can be compared.
 */
import { bench, describe } from 'vitest';
import packJson from '../../src/knowledge/pack.json';
import { parsePack, type Pack } from '../../src/knowledge/schema';
import { compileMatcherTables, createMatcher, loadMatcher } from '../../src/match/index';
import { naiveRegExp, newsText, realisticPack, scaledPack } from './generate';

const realistic = realisticPack();
const bundled = parsePack(packJson, 'src/knowledge/pack.json');
const packs: Record<string, Pack> = {
  'realistic 1×': realistic,
  'realistic 20×': scaledPack(realistic, 20),
  'bundled 1×': bundled,
  'bundled 20×': scaledPack(bundled, 20),
};
const text = `${newsText(realistic, 1_500_000, 3)}\n${newsText(bundled, 1_500_000, 5)}`;
const megabytes = text.length / 1e6;
const matchers = Object.fromEntries(Object.entries(packs).map(([name, p]) => [name, createMatcher(p)]));
const regexps = Object.fromEntries(Object.entries(packs).map(([name, p]) => [name, naiveRegExp(p)]));

function naiveScan(re: RegExp): number {
  let count = 0;
  re.lastIndex = 0;
  while (re.exec(text)) count++;
  return count;
}

/** Median wall time in ms of `runs` calls (after one warm-up). */
function median(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function report(): void {
  const rows: string[] = [];
  const scanMs: Record<string, number> = {};
  const naiveMs: Record<string, number> = {};
  for (const name of Object.keys(packs)) {
    const matcher = matchers[name];
    const re = regexps[name];
    if (!matcher || !re) continue;
    scanMs[name] = median(() => matcher.scan(text), 7);
    naiveMs[name] = median(() => naiveScan(re), 7);
    const p = packs[name] as Pack;
    const aliases = p.entities.reduce((n, e) => n + e.aliases.length, 0);
    rows.push(
      `  ${name.padEnd(14)} ${String(p.entities.length).padStart(5)} entities ${String(aliases).padStart(5)} aliases ` +
        `${String(p.quotes.length).padStart(4)} quotes | engine ${(megabytes / (scanMs[name] / 1000)).toFixed(1).padStart(6)} MB/s ` +
        `| naive RegExp ${(megabytes / ((naiveMs[name] as number) / 1000)).toFixed(1).padStart(6)} MB/s`,
    );
  }
  const ratio = (a: number | undefined, b: number | undefined): string => (a && b ? (a / b).toFixed(2) : 'n/a');
  const startup = (p: Pack): number => median(() => createMatcher(p), 25);
  const entityOnly = median(() => matchers['realistic 1×']?.scan(text, { quotes: false }), 5);
  console.log(
    [
      `\nMatching bench report (${megabytes.toFixed(2)} MB of text, medians, same run)`,
      ...rows,
      `  cost per scan, 20× / 1×: realistic ${ratio(scanMs['realistic 20×'], scanMs['realistic 1×'])}, ` +
        `bundled ${ratio(scanMs['bundled 20×'], scanMs['bundled 1×'])} (target ≤ 1.5)`,
      `  naive RegExp, 20× / 1×: realistic ${ratio(naiveMs['realistic 20×'], naiveMs['realistic 1×'])}, ` +
        `bundled ${ratio(naiveMs['bundled 20×'], naiveMs['bundled 1×'])}`,
      `  engine / naive time: realistic 1× ${ratio(scanMs['realistic 1×'], naiveMs['realistic 1×'])}, ` +
        `realistic 20× ${ratio(scanMs['realistic 20×'], naiveMs['realistic 20×'])}, ` +
        `bundled 1× ${ratio(scanMs['bundled 1×'], naiveMs['bundled 1×'])}, bundled 20× ${ratio(scanMs['bundled 20×'], naiveMs['bundled 20×'])}`,
      `  entities only (no quotes), realistic 1×: ${(megabytes / (entityOnly / 1000)).toFixed(1)} MB/s`,
      `  startup (automaton + quote index): bundled ${startup(bundled).toFixed(2)} ms, realistic ${startup(realistic).toFixed(2)} ms ` +
        `(target ≤ 5 ms), bundled 20× ${startup(packs['bundled 20×'] as Pack).toFixed(2)} ms`,
    ].join('\n'),
  );
}

report();

describe(`scan ${megabytes.toFixed(1)} MB of news prose`, () => {
  for (const name of Object.keys(packs)) {
    bench(`engine, ${name} pack`, () => void matchers[name]?.scan(text), { iterations: 5, time: 0 });
  }
  for (const name of Object.keys(packs)) {
    bench(`naive RegExp, ${name} pack`, () => void naiveScan(regexps[name] as RegExp), { iterations: 5, time: 0 });
  }
});

describe('startup: createMatcher (automaton build + quote index)', () => {
  bench('bundled pack', () => void createMatcher(bundled));
  bench('realistic pack', () => void createMatcher(realistic));
});

describe('load: loadMatcher from precompiled tables (after JSON.parse, as the page gets them)', () => {
  const bundledTables = JSON.parse(JSON.stringify(compileMatcherTables(bundled)));
  const scaledTables = JSON.parse(JSON.stringify(compileMatcherTables(packs['bundled 20×'] as Pack)));
  bench('bundled pack', () => void loadMatcher(bundledTables));
  bench('bundled 20× pack', () => void loadMatcher(scaledTables));
});
