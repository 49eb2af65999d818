/**
 * `npm run bench [-- --pages <folder>] [--samples 3] [--out artifacts/bench] [--build] [--no-vitest] [--no-browser]`
 *
 * Every figure the performance section of the README reports, measured in one run on this machine. The headline
 * comes first: the extension's whole main-thread bill per page load (CPU profiler samples with our code on the stack,
 * start-up included) on the five largest and three smallest pages against a cold walk of the same page, with the
 * task-time cross-check, mark.js on the same alias list, and a build with a 20× pack (tools/profile/). Then:
 *
 * 1. the vitest benchmarks (test/bench/*.bench.ts, output shown as is, figures read from `--outputJson`): matcher scan
 *    throughput with the bundled pack, the cost of a pack twenty times larger, matcher start-up;
 * 2. the gzip size of the built content script (the `content_scripts` files of `.output/chrome-mv3/manifest.json`)
 *    and, apart, of the other web-accessible scripts (chunks the content script imports on first use);
 * 3. the corpus run (tools/corpus/) on the five largest pages of `--pages` (default `../shared/corpus/pages`
 *    when it exists, else `test/fixtures/pages`): median highlighting pass time against the floor measured in the
 *    same page, plus the longest task of ours and any breakage on those pages;
 * 4. the JS heap of the largest page with the extension on and off (DevTools: `HeapProfiler.collectGarbage`, then
 *    `Runtime.getHeapUsage`, which counts the whole V8 isolate: the content script's isolated world lives in the
 *    page's isolate in Chromium), `--samples` loads each, the difference of the medians.
 *
 * Prints one table (date, machine, browser versions) and writes `bench.json` to the out folder. Figures are reported
 * with their targets where the project has one; nothing here fails on a time. Exits 1 only when a measurement could
 * not be made. Builds the extension first when `.output/chrome-mv3` is missing (or with `--build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXTENSION_DIRS } from '../browsers/browsers';
import {
  corpusFigures,
  GZIP_LEVEL,
  heapFigures,
  LARGEST_PAGES,
  measureSizes,
  runVitest,
  type CorpusFigures,
  type HeapFigures,
  type Sizes,
} from './figures';
import { builderLine, builderTiming, type BuilderTiming } from './builder';
import { machine, type Machine } from './machine';
import { buildWithScaledPack } from '../profile/build20';
import { costFigures, renderCost, type CostFigures } from '../profile/figures';
import { metOrNot, renderTable, type BenchRow, type MatchFigures } from './report';
import { runIfMain } from '../run-main';

// ── Options ─────────────────────────────────────────────────────────────────────────────────────────────────────

interface BenchOptions {
  pages: string;
  samples: number;
  out: string;
  build: boolean;
  vitest: boolean;
  browser: boolean;
}

const USAGE =
  'usage: npm run bench -- [--pages <folder>] [--samples 3] [--out artifacts/bench] [--build] [--no-vitest] [--no-browser]';

/** Targets the project set itself (README, bench report); reported, never enforced here. */
const TARGETS = { ratio20: 1.5, startupMs: 5, contentScriptGzipKB: 40, longTaskMs: 50, passFloor: 2 } as const;

function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    pages: existsSync('../shared/corpus/pages') ? '../shared/corpus/pages' : 'test/fixtures/pages',
    samples: 3,
    out: 'artifacts/bench',
    build: false,
    vitest: true,
    browser: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--pages') options.pages = value();
    else if (arg === '--out') options.out = value();
    else if (arg === '--samples') {
      options.samples = Number(value());
      if (!Number.isInteger(options.samples) || options.samples < 1 || options.samples > 20)
        throw new Error('--samples must be an integer from 1 to 20');
    } else if (arg === '--build') options.build = true;
    else if (arg === '--no-vitest') options.vitest = false;
    else if (arg === '--no-browser') options.browser = false;
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

// ── Report ──────────────────────────────────────────────────────────────────────────────────────────────────────

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

interface BenchResult {
  date: string;
  machine: Machine;
  match: MatchFigures | null;
  sizes: Sizes | null;
  corpus: CorpusFigures | null;
  heap: HeapFigures | null;
  /** The headline: the extension's whole main-thread bill per page load (tools/profile/). */
  cost: CostFigures | null;
  /** The pack builder: click to review on a ~2,000-word article. */
  builder: BuilderTiming | null;
  errors: string[];
  rows: BenchRow[];
}

function rowsOf(result: Omit<BenchResult, 'rows'>): BenchRow[] {
  const { match, sizes, corpus, heap, builder } = result;
  const none = '–';
  const rows: BenchRow[] = [
    {
      what: `scan throughput, bundled pack (${match ? match.textMB.toFixed(1) : '?'} MB of generated news prose, Node)`,
      figure: match ? `${match.mbPerSecond.toFixed(1)} MB/s` : none,
      target: 'no target',
      met: none,
    },
    {
      what: 'cost of a 20× pack per scan (bundled 20× / 1×)',
      figure: match ? `${match.ratio20.toFixed(2)}×` : none,
      target: `≤ ${TARGETS.ratio20}×`,
      met: metOrNot(match?.ratio20, (value) => value <= TARGETS.ratio20),
    },
    {
      what: 'matcher start-up, bundled pack (automaton + quote index, Node)',
      figure: match ? `${match.startupMs.toFixed(2)} ms` : none,
      target: `≤ ${TARGETS.startupMs} ms`,
      met: metOrNot(match?.startupMs, (value) => value <= TARGETS.startupMs),
    },
    {
      what: `content script, gzip -${sizes?.gzipLevel ?? GZIP_LEVEL} (${sizes ? sizes.contentScript.files.map((f) => path.basename(f.file)).join(' + ') : 'manifest content_scripts'})`,
      figure: sizes ? `${kb(sizes.contentScript.gzip)} KB` : none,
      target: `≤ ${TARGETS.contentScriptGzipKB} KB`,
      met: metOrNot(sizes ? sizes.contentScript.gzip / 1024 : null, (value) => value <= TARGETS.contentScriptGzipKB),
    },
  ];
  if (sizes && sizes.webAccessibleJs.files.length > 0) {
    rows.push({
      what: `loaded on first use (web-accessible: ${sizes.webAccessibleJs.files.map((f) => path.basename(f.file)).join(', ')}), gzip`,
      figure: `${kb(sizes.webAccessibleJs.gzip)} KB`,
      target: 'no target',
      met: none,
    });
  }
  const list = (pick: (page: CorpusFigures['pages'][number]) => number | null) =>
    corpus?.pages.map((page) => pick(page)?.toFixed(1) ?? '–').join(', ') ?? 'not run';
  rows.push(
    {
      what: `pass / floor at load (one TreeWalker pass, fresh isolated world, first idle period: as our pass runs), median of the ${LARGEST_PAGES} largest pages (${list((page) => page.ratio)})`,
      figure: corpus?.medianRatio != null ? `${corpus.medianRatio.toFixed(2)}×` : none,
      target: `≤ ${TARGETS.passFloor}×`,
      met: metOrNot(corpus?.medianRatio, (value) => value <= TARGETS.passFloor),
    },
    {
      what: `pass / the same floor measured after our pass, on the settled page (${list((page) => page.settledRatio)})`,
      figure: corpus?.medianSettledRatio != null ? `${corpus.medianSettledRatio.toFixed(2)}×` : none,
      target: 'for reference',
      met: none,
    },
    {
      what: `pass / warm floor (15 runs in the page's own world) (${list((page) => page.warmRatio)})`,
      figure: corpus?.medianWarmRatio != null ? `${corpus.medianWarmRatio.toFixed(2)}×` : none,
      target: 'for reference',
      met: none,
    },
    {
      what: `longest task of ours on those pages`,
      figure: corpus
        ? corpus.longestTaskOfOurs
          ? `${corpus.longestTaskOfOurs.ms.toFixed(0)} ms`
          : `none over ${TARGETS.longTaskMs} ms`
        : none,
      target: `none over ${TARGETS.longTaskMs} ms`,
      met: corpus ? (corpus.longestTaskOfOurs ? 'no' : 'yes') : none,
    },
    {
      what: 'breakage on those pages (text/layout/errors; after turning off)',
      figure: corpus ? `${corpus.broken.length} page(s)` : none,
      target: 'none',
      met: corpus ? (corpus.broken.length === 0 ? 'yes' : 'no') : none,
    },
    {
      what: heap
        ? `JS heap, extension on − off, ${heap.page} (${heap.sizeKB} KB; off ${heap.offMB.toFixed(1)} MB, median of ${heap.samples})`
        : 'JS heap, extension on − off, largest page',
      figure: heap ? `${heap.diffMB >= 0 ? '+' : ''}${heap.diffMB.toFixed(2)} MB` : none,
      target: 'no target',
      met: none,
    },
    {
      what: builder
        ? `pack builder, click to review, ${builder.page} (${builder.words} words), median of ${Object.values(builder.runsMs)[0]?.length ?? 0}`
        : 'pack builder, click to review, the article nearest 2,000 words',
      figure: builder ? builderLine(builder) : none,
      target: '≤ 1000 ms',
      met: metOrNot(builder ? Math.max(...Object.values(builder.medianMs)) : null, (value) => value <= 1000),
    },
  );
  return rows;
}

function header(result: BenchResult): string {
  const m = result.machine;
  return [
    `Backstory bench, ${result.date}`,
    `Machine: ${m.cores} cores (${m.cpu}), ${m.ramGB} GB RAM, ${m.os}, Node ${m.node}`,
    `Browsers: ${m.chromium ?? 'no Chromium'}; ${m.firefox ?? 'no Firefox'}`,
    `Extension: ${result.sizes ? `built ${result.sizes.built}` : 'not measured'}, tree at ${m.git ?? 'unknown commit'}`,
  ]
    .filter(Boolean)
    .join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return 2;
  }
  const date = new Date().toISOString();
  const errors: string[] = [];
  const attempt = async <T>(what: string, fn: () => T | Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (error) {
      const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      console.error(`bench: ${message}`);
      errors.push(message);
      return null;
    }
  };
  await mkdir(options.out, { recursive: true });

  const match = options.vitest
    ? await attempt('vitest bench', () => runVitest(path.resolve(options.out, 'vitest.json')))
    : null;

  const extensionDir = path.resolve(EXTENSION_DIRS.chromium);
  if (options.build || !existsSync(path.join(extensionDir, 'manifest.json'))) {
    console.log('\nBuilding the extension (npm run build)…');
    const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) errors.push(`npm run build exited with ${built.status ?? built.signal}`);
  }
  const sizes = await attempt('sizes', () => measureSizes(extensionDir));

  let corpus: CorpusFigures | null = null;
  let heap: HeapFigures | null = null;
  if (options.browser) {
    console.log(`\nCorpus run on the ${LARGEST_PAGES} largest pages of ${options.pages}…`);
    corpus = await attempt('corpus', () => corpusFigures(options.pages, extensionDir));
    console.log(`\nJS heap on the largest page of ${options.pages}, ${options.samples} load(s) each…`);
    heap = await attempt('heap', () => heapFigures(path.resolve(options.pages), extensionDir, options.samples));
  }

  let cost: CostFigures | null = null;
  if (options.browser) {
    console.log(
      `\nCost per page load (CPU profiler), 5 largest and 3 smallest pages, 5 loads each, bundled, 20× pack and 50 packs imported…`,
    );
    cost = await attempt('cost', async () =>
      costFigures({
        folder: options.pages,
        extensionDir,
        extensionDir20: await buildWithScaledPack(path.join(options.out, 'pack20')),
        loads: 5,
        packs50Loads: 5,
        log: (line) => console.log(`  ${line}`),
      }),
    );
  }

  const builder = options.browser
    ? await attempt('builder', () => {
        console.log(`\nPack builder: click to review on the article of ${options.pages} nearest 2,000 words…`);
        return builderTiming(options.pages, 3);
      })
    : null;

  const partial = { date, machine: machine(), match, sizes, corpus, heap, cost, builder, errors };
  const result: BenchResult = { ...partial, rows: rowsOf(partial) };
  const table = renderTable(result.rows);
  await writeFile(path.join(options.out, 'bench.json'), JSON.stringify(result, null, 2) + '\n');
  const headline = cost ? `Headline: the extension's main-thread bill per page load\n\n${renderCost(cost)}\n\n` : '';
  await writeFile(path.join(options.out, 'bench.md'), `${header(result)}\n\n${headline}Details\n\n${table}\n`);
  console.log(`\n${header(result)}\n\n${headline}Details\n\n${table}\n`);
  if (errors.length > 0) console.log(`Not measured: ${errors.join('; ')}`);
  console.log(`Wrote ${path.join(options.out, 'bench.json')}`);
  return errors.length > 0 ? 1 : 0;
}

runIfMain(import.meta.url, main);
