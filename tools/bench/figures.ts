/**
 * The figures of `npm run bench`, one function per part: the vitest benchmarks, the built sizes, the corpus run on the
 * largest pages, the JS heap with the extension on and off.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startServer } from '../browsers/serve';
import { closeQuietly, launchContext, openPage, settle, type Load } from '../corpus/browser';
import type { CorpusReport } from '../corpus/report-shapes';
import { listPages, runCorpus } from '../corpus/run';
import {
  extensionScripts,
  matchFigures,
  median,
  type ManifestLike,
  type MatchFigures,
  type VitestBenchJson,
} from './report';

/** Pages of the corpus part. */
export const LARGEST_PAGES = 5;
/** gzip level of the size figures (what a web server or a store would use at most). */
export const GZIP_LEVEL = 9;
/** Per page of the heap part: load, settle and measure. */
const HEAP_PAGE_TIMEOUT = 40_000;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

// ── 1. vitest bench ─────────────────────────────────────────────────────────────────────────────────────────────

export function runVitest(jsonFile: string): MatchFigures {
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

export interface Sizes {
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

export function measureSizes(extensionDir: string): Sizes {
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

export interface CorpusFigures {
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

export async function corpusFigures(folder: string, extensionDir: string): Promise<CorpusFigures> {
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

export interface HeapFigures {
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

export async function heapFigures(folder: string, extensionDir: string, samples: number): Promise<HeapFigures> {
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
