/**
 * Precompiled matcher tables (issue 14): compile vs load time, serialised size (raw and gzip -9), warm scan
 * throughput, and the cold cost of making a matcher and scanning a ~10 kB article once in a fresh Node process,
 * for the bundled pack and a pack twenty times larger.
 *
 *   npx tsx test/bench/tables.ts            (about half a minute on the 2-core CI machine)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import packJson from '../../src/knowledge/pack.json';
import { toPagePack } from '../../src/knowledge/page-pack';
import { parsePack, type Pack } from '../../src/knowledge/schema';
import { compileMatcherTables, createMatcher, loadMatcher, type MatcherTables } from '../../src/match/index';
import { newsText, scaledPack } from './generate';

const bundled = parsePack(packJson, 'src/knowledge/pack.json');
const packs: [string, Pack][] = [
  ['bundled 1×', bundled],
  ['bundled 20×', scaledPack(bundled, 20)],
];
const COLD_RUNS = 5;

function median(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const dir = mkdtempSync(join(tmpdir(), 'backstory-tables-'));
const article = join(dir, 'article.txt');
writeFileSync(article, newsText(bundled, 10_000, 21));
const text = newsText(bundled, 1_000_000, 5);

function cold(mode: 'create' | 'load', file: string, nativeBase64 = false): Record<string, number> {
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/cold.ts', mode, file, article], {
      encoding: 'utf8',
      env: { ...process.env, NATIVE_BASE64: nativeBase64 ? '1' : '0' },
    });
    runs.push(JSON.parse(out) as Record<string, number>);
  }
  const keys = Object.keys(runs[0] ?? {});
  return Object.fromEntries(
    keys.map((k) => [k, runs.map((r) => r[k] as number).sort((a, b) => a - b)[Math.floor(runs.length / 2)] as number]),
  );
}

for (const [name, pack] of packs) {
  const tables = compileMatcherTables(pack);
  const json = JSON.stringify(tables);
  const pageJson = JSON.stringify(toPagePack(pack));
  const parsed = JSON.parse(json) as MatcherTables;
  const compileMs = median(() => compileMatcherTables(pack), 9);
  const loadMs = median(() => loadMatcher(parsed), 25);
  const loadAndQuotesMs = median(() => loadMatcher(parsed).scan('x'), 25);
  const parseMs = median(() => JSON.parse(json), 25);
  const createMs = median(() => createMatcher(pack), 9);
  const matcher = loadMatcher(parsed);
  const scanMs = median(() => matcher.scan(text), 5);
  const arrays = Object.entries({ ...tables.entities, ...tables.entities.automaton, ...tables.quotes })
    .filter(([, v]) => typeof v === 'string' && /^[124][A-Za-z0-9+/]*=*$/.test(v) && v.length > 8)
    .map(([k, v]) => `${k} ${kb((v as string).length)}`);
  const tablesFile = join(dir, `tables-${name.replace(/\W/g, '')}.json`);
  const packFile = join(dir, `pack-${name.replace(/\W/g, '')}.json`);
  writeFileSync(tablesFile, json);
  writeFileSync(packFile, pageJson);
  const coldLoad = cold('load', tablesFile);
  const coldCreate = cold('create', packFile);
  const coldNative = cold('load', tablesFile, true);
  console.log(
    [
      `${name}: ${pack.entities.length} entities, ${pack.quotes.length} quotes, ${matcher.stats.patterns} patterns, ` +
        `${matcher.stats.states} states, ${matcher.stats.shingles} shingles`,
      `  tables: ${kb(json.length)} raw, ${kb(gzipSync(json, { level: 9 }).length)} gzip -9 ` +
        `(page pack: ${kb(pageJson.length)} raw, ${kb(gzipSync(pageJson, { level: 9 }).length)} gzip)`,
      `  largest encoded arrays: ${arrays
        .sort((a, b) => parseFloat(b.split(' ')[1] ?? '0') - parseFloat(a.split(' ')[1] ?? '0'))
        .slice(0, 5)
        .join(', ')}`,
      `  warm: compile ${ms(compileMs)}, createMatcher ${ms(createMs)}, JSON.parse of tables ${ms(parseMs)}, ` +
        `loadMatcher ${ms(loadMs)} (+ quote tables on first scan: ${ms(loadAndQuotesMs)})`,
      `  warm scan: ${(text.length / 1e6 / (scanMs / 1000)).toFixed(1)} MB/s (${(text.length / 1e6).toFixed(1)} MB of news prose)`,
      `  cold, fresh process, median of ${COLD_RUNS}, 10 kB article: ` +
        `load: JSON.parse ${ms(coldLoad.parseMs ?? 0)} + loadMatcher ${ms(coldLoad.makeMs ?? 0)} + first scan ${ms(coldLoad.firstScanMs ?? 0)} ` +
        `(second ${ms(coldLoad.secondScanMs ?? 0)}) | create: JSON.parse ${ms(coldCreate.parseMs ?? 0)} + createMatcher ${ms(coldCreate.makeMs ?? 0)} ` +
        `+ first scan ${ms(coldCreate.firstScanMs ?? 0)} (second ${ms(coldCreate.secondScanMs ?? 0)}); matches ${coldLoad.matches}/${coldCreate.matches}`,
      `  cold load with a native base64 decode (as in Chromium/Firefox): loadMatcher ${ms(coldNative.makeMs ?? 0)}, ` +
        `first scan ${ms(coldNative.firstScanMs ?? 0)}`,
    ].join('\n'),
  );
}
