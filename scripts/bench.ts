/**
 * `npm run bench [-- --pages <folder>] [--samples 3] [--out artifacts/bench] [--build] [--no-vitest] [--no-browser]`
 *
 * Every figure the performance section of the README reports, measured in one run on this machine:
 *
 * 1. the vitest benchmarks (test/bench/*.bench.ts, output shown as is, figures read from `--outputJson`): matcher scan
 *    throughput with the bundled pack, the cost of a pack twenty times larger, matcher start-up;
 * 2. the gzip size of the built content script (the `content_scripts` files of `.output/chrome-mv3/manifest.json`)
 *    and, apart, of the other web-accessible scripts (chunks the content script imports on first use);
 * 3. the corpus run (scripts/corpus.ts) on the five largest pages of `--pages` (default `../shared/corpus/pages`
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
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import {
  extensionScripts,
  matchFigures,
  median,
  metOrNot,
  renderTable,
  type BenchRow,
  type ManifestLike,
  type MatchFigures,
  type VitestBenchJson,
} from './bench-report';
import { CHROMIUM_PATH, EXTENSION_DIRS, FIREFOX_PATH } from '../tools/browsers/browsers';
import {
  closeQuietly,
  launchContext,
  listPages,
  openPage,
  runCorpus,
  settle,
  type CorpusReport,
  type Load,
} from './corpus';
import { startServer } from '../tools/browsers/serve';

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
/** Pages of the corpus part. */
const LARGEST_PAGES = 5;
/** gzip level of the size figures (what a web server or a store would use at most). */
const GZIP_LEVEL = 9;
/** Per page of the heap part: load, settle and measure. */
const HEAP_PAGE_TIMEOUT = 40_000;

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

// ── Machine ─────────────────────────────────────────────────────────────────────────────────────────────────────

interface Machine {
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

function machine(): Machine {
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

// ── 1. vitest bench ─────────────────────────────────────────────────────────────────────────────────────────────

function runVitest(jsonFile: string): MatchFigures {
  const vitest = path.resolve('node_modules/.bin/vitest');
  const result = spawnSync(vitest, ['bench', '--run', '--outputJson', jsonFile], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vitest bench exited with ${result.status ?? result.signal}`);
  return matchFigures(JSON.parse(readFileSync(jsonFile, 'utf8')) as VitestBenchJson);
}

// ── 2. Sizes ────────────────────────────────────────────────────────────────────────────────────────────────────

interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

interface Sizes {
  built: string;
  gzipLevel: number;
  /** Loaded in every page. */
  contentScript: { files: FileSize[]; bytes: number; gzip: number };
  /** Web-accessible scripts other than the content script: imported by it on demand. */
  webAccessibleJs: { files: FileSize[]; bytes: number; gzip: number };
}

function listFiles(root: string, relative = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...listFiles(root, child));
    else if (entry.isFile()) found.push(child);
  }
  return found;
}

function measureSizes(extensionDir: string): Sizes {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as ManifestLike;
  const { contentScript, webAccessibleJs } = extensionScripts(manifest, listFiles(extensionDir));
  const sizeOf = (file: string): FileSize => {
    const bytes = readFileSync(path.join(extensionDir, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: GZIP_LEVEL }).length };
  };
  const group = (files: string[]) => {
    const sized = files.map(sizeOf);
    return {
      files: sized,
      bytes: sized.reduce((sum, f) => sum + f.bytes, 0),
      gzip: sized.reduce((sum, f) => sum + f.gzip, 0),
    };
  };
  if (contentScript.length === 0) throw new Error(`${extensionDir}/manifest.json has no content_scripts files`);
  return {
    built: statSync(path.join(extensionDir, 'manifest.json')).mtime.toISOString(),
    gzipLevel: GZIP_LEVEL,
    contentScript: group(contentScript),
    webAccessibleJs: group(webAccessibleJs),
  };
}

// ── 3. Corpus: the five largest pages ───────────────────────────────────────────────────────────────────────────

interface CorpusFigures {
  folder: string;
  pages: {
    file: string;
    sizeKB: number;
    passMs: number | null;
    /** One TreeWalker pass in a fresh isolated world at load (median of a few loads): the floor the ratio uses. */
    floorMs: number;
    /** The same measured after our pass, on the settled page. */
    settledFloorMs: number;
    /** The same walk warm, repeated in the page's main world. */
    warmFloorMs: number;
    ratio: number | null;
    settledRatio: number | null;
    warmRatio: number | null;
  }[];
  medianRatio: number | null;
  medianSettledRatio: number | null;
  medianWarmRatio: number | null;
  longestTaskOfOurs: { file: string; ms: number } | null;
  broken: { file: string; reasons: string[] }[];
  toggleOff: CorpusReport['summary']['toggleOff'];
}

async function corpusFigures(folder: string, extensionDir: string): Promise<CorpusFigures> {
  const report = await runCorpus(
    {
      folder,
      out: '',
      maxPages: 500,
      largest: LARGEST_PAGES,
      pageTimeout: 30_000,
      filter: undefined,
      extensionDir,
    },
    (line) => console.log(`  ${line}`),
  );
  const ratios = report.pages.map((page) => page.ratio).filter((ratio): ratio is number => ratio !== null);
  const warmRatios = report.pages.map((page) => page.warmRatio).filter((ratio): ratio is number => ratio !== null);
  const settledRatios = report.pages
    .map((page) => page.settledRatio)
    .filter((ratio): ratio is number => ratio !== null);
  return {
    folder,
    pages: report.pages.map((page) => ({
      file: page.file,
      sizeKB: Math.round(page.sizeBytes / 1024),
      passMs: page.measures.passMs,
      floorMs: page.floor.atLoadMs,
      settledFloorMs: page.floor.coldMs,
      warmFloorMs: page.floor.medianMs,
      ratio: page.ratio,
      settledRatio: page.settledRatio,
      warmRatio: page.warmRatio,
    })),
    medianRatio: ratios.length > 0 ? round(median(ratios), 2) : null,
    medianWarmRatio: warmRatios.length > 0 ? round(median(warmRatios), 2) : null,
    medianSettledRatio: settledRatios.length > 0 ? round(median(settledRatios), 2) : null,
    longestTaskOfOurs: report.summary.longestTaskOfOurs,
    broken: report.summary.breakage,
    toggleOff: report.summary.toggleOff,
  };
}

// ── 4. Heap ─────────────────────────────────────────────────────────────────────────────────────────────────────

interface HeapFigures {
  page: string;
  sizeKB: number;
  samples: number;
  /** `Runtime.getHeapUsage().usedSize` after two forced GCs, bytes, one per load. */
  onBytes: number[];
  offBytes: number[];
  /** median(on) − median(off), MB (10⁶ bytes). */
  diffMB: number;
  onMB: number;
  offMB: number;
}

/** Forces garbage collection (twice: weak references and finalizers need a second pass) and reads the heap. */
async function heapUsed(load: Load): Promise<number> {
  await load.session.send('HeapProfiler.collectGarbage');
  await load.session.send('HeapProfiler.collectGarbage');
  const usage = (await load.session.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usage.usedSize;
}

async function heapFigures(folder: string, extensionDir: string, samples: number): Promise<HeapFigures> {
  const [page] = await listPages(folder, 500, undefined, 1);
  if (!page) throw new Error(`No .html pages in ${folder}`);
  const server = await startServer(folder);
  const [on, off] = await Promise.all([launchContext(extensionDir), launchContext(null)]);
  const onBytes: number[] = [];
  const offBytes: number[] = [];
  try {
    const url = new URL(page.split('/').map(encodeURIComponent).join('/'), server.url).href;
    const measure = async (withExtension: boolean): Promise<number> => {
      const opened: Page[] = [];
      const deadline = Date.now() + HEAP_PAGE_TIMEOUT;
      try {
        const load = await openPage(withExtension ? on : off, url, deadline, opened);
        const { settled } = await settle(load.page, withExtension, deadline);
        if (!settled)
          console.log(`  (heap: the page did not settle ${withExtension ? 'with' : 'without'} the extension)`);
        return await heapUsed(load);
      } finally {
        await Promise.all(opened.map((tab) => closeQuietly(tab)));
      }
    };
    // Alternating, so a drift of the machine over the run touches both sides alike.
    for (let sample = 0; sample < samples; sample++) {
      offBytes.push(await measure(false));
      onBytes.push(await measure(true));
      console.log(
        `  heap sample ${sample + 1}/${samples}: off ${mb(offBytes[sample] ?? 0)} MB, on ${mb(onBytes[sample] ?? 0)} MB`,
      );
    }
  } finally {
    await Promise.all([closeQuietly(on), closeQuietly(off)]);
    await server.close().catch(() => undefined);
  }
  const onMB = median(onBytes) / 1e6;
  const offMB = median(offBytes) / 1e6;
  return {
    page,
    sizeKB: Math.round(statSync(path.join(folder, page)).size / 1024),
    samples,
    onBytes,
    offBytes,
    onMB: round(onMB, 2),
    offMB: round(offMB, 2),
    diffMB: round(onMB - offMB, 2),
  };
}

// ── Report ──────────────────────────────────────────────────────────────────────────────────────────────────────

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

interface BenchResult {
  date: string;
  machine: Machine;
  match: MatchFigures | null;
  sizes: Sizes | null;
  corpus: CorpusFigures | null;
  heap: HeapFigures | null;
  errors: string[];
  rows: BenchRow[];
}

function rowsOf(result: Omit<BenchResult, 'rows'>): BenchRow[] {
  const { match, sizes, corpus, heap } = result;
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

  const partial = { date, machine: machine(), match, sizes, corpus, heap, errors };
  const result: BenchResult = { ...partial, rows: rowsOf(partial) };
  const table = renderTable(result.rows);
  await writeFile(path.join(options.out, 'bench.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`\n${header(result)}\n\n${table}\n`);
  if (errors.length > 0) console.log(`Not measured: ${errors.join('; ')}`);
  console.log(`Wrote ${path.join(options.out, 'bench.json')}`);
  return errors.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
