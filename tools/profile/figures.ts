/**
 * The headline figures of the extension's cost, from one run of `measureLoadCosts` over the five largest and the
 * three smallest pages of a folder, plus the same measure with a build whose pack is twenty times larger (cost flat
 * in pack size, in the browser). Shared by `npm run bench` and `npm run cost`.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../browsers/serve';
import { listPages } from '../corpus/run';
import { median } from '../corpus/stats';
import type { FunctionCost } from './cpu-profile';
import { headlinePages, measureLoadCosts, type PageCost } from './measure';
import { generatedPackFiles, importPacks, PACK_COUNT } from './packs50';

/** The goals the cost issue set; reported, never enforced. */
export const COST_TARGETS = {
  /** Our CPU per load / cold floor, median of the five largest pages. */
  ratioLargest: 2,
  /** Our CPU per load on the three smallest pages, ms. */
  smallPagesMs: 10,
  /** Longest stretch of our code, ms. */
  stretchMs: 50,
  /** Start-up (our CPU before the first pass), ms. */
  startupMs: 2,
  /** mark.js time / ours, at least. */
  markJsTimes: 50,
  /** Our CPU per load with a 20× pack / with the bundled pack, at most. */
  pack20: 1.5,
  /** Our CPU per load with 50 packs imported / with the bundled pack alone, at most. */
  packs50: 1.5,
} as const;

/** A variant measured with the extension only, against the same pages' figures of the bundled build. */
export interface VariantFigures {
  readonly pages: readonly PageCost[];
  /** Median over the pages of ourMs / the bundled build's ourMs. */
  readonly medianRatio: number;
  /** Median over the pages of the renderer's task time with the variant − with the bundled build, ms. */
  readonly medianTaskDeltaMs: number;
}

export interface CostFigures {
  readonly largest: readonly PageCost[];
  readonly smallest: readonly PageCost[];
  /** Median over the largest pages of ourMs / floorMs. */
  readonly medianRatioLargest: number;
  /** Worst ourMs on the smallest pages. */
  readonly maxSmallMs: number;
  readonly longestStretchMs: number;
  readonly maxStartupMs: number;
  /** Median over all measured pages of markJsMs / ourMs, and the lowest. */
  readonly medianMarkJsTimes: number;
  readonly minMarkJsTimes: number;
  /** Median over all measured pages of the task-time difference with / without the extension, ms. */
  readonly medianTaskDeltaMs: number;
  /** The 20× pack build: per page ourMs, and the median of the per-page ratio to the bundled build. */
  readonly pack20?: { readonly pages: readonly PageCost[]; readonly medianRatio: number };
  /** The bundled build with 49 generated packs imported (50 enabled), extension loads only. */
  readonly packs50?: VariantFigures;
}

/** Every alias of every entity of a pack file (mark.js's keyword list). */
export async function aliasList(packFile: string): Promise<string[]> {
  const pack = JSON.parse(await readFile(packFile, 'utf8')) as { entities: { name: string; aliases: string[] }[] };
  return [...new Set(pack.entities.flatMap((entity) => [entity.name, ...entity.aliases]))];
}

export interface CostOptions {
  readonly folder: string;
  readonly extensionDir: string;
  /** A build of the same code with a 20× pack, when measured. */
  readonly extensionDir20?: string;
  readonly loads: number;
  /** Loads per page in which mark.js is timed too (default: every load). */
  readonly markJsLoads?: number;
  /** Loads per page with 50 packs imported (0: not measured; default 0). */
  readonly packs50Loads?: number;
  /** Only the largest or only the smallest pages (a quicker look, e.g. at start-up); default both. */
  readonly only?: 'largest' | 'smallest';
  readonly log?: (line: string) => void;
}

/** ourMs and task time of `pages` against the same pages of `base`. */
function against(pages: readonly PageCost[], base: readonly PageCost[]): VariantFigures {
  const of = (page: PageCost) => base.find((one) => one.file === page.file);
  const ratios = pages.map((page) => page.ourMs / (of(page)?.ourMs ?? NaN));
  const deltas = pages.map((page) => page.taskWithMs - (of(page)?.taskWithMs ?? NaN));
  return {
    pages,
    medianRatio: median(ratios.filter(Number.isFinite)),
    medianTaskDeltaMs: median(deltas.filter(Number.isFinite)),
  };
}

/** Measures the headline pages of `folder`. */
export async function costFigures(options: CostOptions): Promise<CostFigures> {
  const folder = path.resolve(options.folder);
  const files = await listPages(folder, 10_000, undefined);
  const sized = await Promise.all(
    files.map(async (file) => ({ file, sizeBytes: (await stat(path.join(folder, file))).size })),
  );
  const { largest, smallest } = headlinePages(sized);
  const aliases = await aliasList('src/knowledge/pack.json');
  const server = await startServer(folder);
  try {
    const measure = (extensionDir: string, pages: typeof sized) =>
      measureLoadCosts({
        baseUrl: server.url,
        files: pages,
        extensionDir,
        loads: options.loads,
        aliases,
        ...(options.markJsLoads === undefined ? {} : { markJsLoads: options.markJsLoads }),
        log: options.log,
      });
    const big = options.only === 'smallest' ? [] : await measure(options.extensionDir, largest);
    const small = options.only === 'largest' ? [] : await measure(options.extensionDir, smallest);
    const all = [...big, ...small];
    let pack20: CostFigures['pack20'];
    if (options.extensionDir20) {
      options.log?.('the same pages with the 20× pack build:');
      const pages = await measure(options.extensionDir20, [...largest, ...smallest]);
      const ratios = pages.map((page) => page.ourMs / (all.find((one) => one.file === page.file)?.ourMs ?? NaN));
      pack20 = { pages, medianRatio: median(ratios.filter(Number.isFinite)) };
    }
    let packs50: VariantFigures | undefined;
    if (options.packs50Loads) {
      options.log?.(`the same pages with ${PACK_COUNT} packs imported (extension loads only):`);
      const started = Date.now();
      const files = await generatedPackFiles();
      const pages = await measureLoadCosts({
        baseUrl: server.url,
        files: [...largest, ...smallest],
        extensionDir: options.extensionDir,
        loads: options.packs50Loads,
        aliases,
        withOnly: true,
        prepare: (context) => importPacks(context, files),
        log: options.log,
      });
      packs50 = against(pages, all);
      options.log?.(`${PACK_COUNT} packs measured in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const markJs = all.map((page) => page.markJsRatio).filter(Number.isFinite);
    return {
      largest: big,
      smallest: small,
      medianRatioLargest: median(big.map((page) => page.ratio)),
      maxSmallMs: Math.max(0, ...small.map((page) => page.ourMs)),
      longestStretchMs: Math.max(0, ...all.map((page) => page.longestStretchMs)),
      maxStartupMs: Math.max(0, ...all.map((page) => page.startupMs)),
      medianMarkJsTimes: median(markJs),
      minMarkJsTimes: markJs.length ? Math.min(...markJs) : 0,
      medianTaskDeltaMs: median(all.map((page) => page.taskDeltaMs)),
      ...(pack20 ? { pack20 } : {}),
      ...(packs50 ? { packs50 } : {}),
    };
  } finally {
    await server.close();
  }
}

const f1 = (value: number) => value.toFixed(1);

/** The figures as a Markdown table, one row per page, then the summary against the goals. */
export function renderCost(figures: CostFigures): string {
  const row = (page: PageCost, group: string) =>
    `| ${group} | ${page.file} | ${Math.round(page.sizeBytes / 1024)} KB | ${f1(page.ourMs)} | ${f1(page.startupMs)} | ` +
    `${f1(page.longestStretchMs)} | ${f1(page.floorMs)} | ${page.ratio.toFixed(2)} | ${f1(page.taskWithMs)} − ` +
    `${f1(page.taskWithoutMs)} = ${f1(page.taskDeltaMs)} | ${f1(page.markJsMs)} (${page.markJsRatio.toFixed(0)}×) |`;
  const met = (ok: boolean) => (ok ? 'yes' : 'no');
  const t = COST_TARGETS;
  const lines = [
    '| pages | page | size | our CPU per load, ms (median) | start-up, ms | longest stretch, ms | cold walk (floor), ms | ours / floor | tasks with − without, ms | mark.js, ms (× ours) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...figures.largest.map((page) => row(page, 'largest')),
    ...figures.smallest.map((page) => row(page, 'smallest')),
    '',
    '| goal | figure | target | met |',
    '| --- | --- | --- | --- |',
    `| our CPU per load / cold walk, median of the 5 largest pages | ${figures.medianRatioLargest.toFixed(2)}× | ≤ ${t.ratioLargest}× | ${met(figures.medianRatioLargest <= t.ratioLargest)} |`,
    `| our CPU per load, 3 smallest pages (worst) | ${f1(figures.maxSmallMs)} ms | ≤ ${t.smallPagesMs} ms | ${met(figures.maxSmallMs <= t.smallPagesMs)} |`,
    `| longest stretch of our code (all loads) | ${f1(figures.longestStretchMs)} ms | ≤ ${t.stretchMs} ms | ${met(figures.longestStretchMs <= t.stretchMs)} |`,
    `| start-up (our CPU before the first pass, worst page median) | ${f1(figures.maxStartupMs)} ms | ≤ ${t.startupMs} ms | ${met(figures.maxStartupMs <= t.startupMs)} |`,
    `| mark.js on the same alias list / ours (median; lowest ${figures.minMarkJsTimes.toFixed(0)}×) | ${figures.medianMarkJsTimes.toFixed(0)}× | ≥ ${t.markJsTimes}× | ${met(figures.medianMarkJsTimes >= t.markJsTimes)} |`,
    `| cross-check: renderer task time with − without the extension (median page) | ${f1(figures.medianTaskDeltaMs)} ms | for reference | – |`,
  ];
  if (figures.pack20) {
    lines.push(
      `| 20× pack / bundled pack, our CPU per load (median of the pages) | ${figures.pack20.medianRatio.toFixed(2)}× | ≤ ${t.pack20}× | ${met(figures.pack20.medianRatio <= t.pack20)} |`,
    );
  }
  if (figures.packs50) {
    const p = figures.packs50;
    lines.push(
      `| ${PACK_COUNT} packs imported / bundled pack alone, our CPU per load (median of the pages) | ${p.medianRatio.toFixed(2)}× | ≤ ${t.packs50}× | ${met(p.medianRatio <= t.packs50)} |`,
      `| cross-check: renderer task time with ${PACK_COUNT} packs − with the bundled pack (median page) | ${f1(p.medianTaskDeltaMs)} ms | for reference | – |`,
      '',
      `| page | our CPU per load, 1 pack, ms | ${PACK_COUNT} packs, ms (loads) | ratio | start-up, 1 / ${PACK_COUNT} packs, ms | tasks, 1 / ${PACK_COUNT} packs, ms |`,
      '| --- | --- | --- | --- | --- | --- |',
      ...p.pages.map((page) => {
        const one = [...figures.largest, ...figures.smallest].find((base) => base.file === page.file);
        return (
          `| ${page.file} | ${f1(one?.ourMs ?? NaN)} | ${f1(page.ourMs)} (${page.ourRunsMs.map(f1).join(', ')}) | ` +
          `${(page.ourMs / (one?.ourMs ?? NaN)).toFixed(2)} | ${f1(one?.startupMs ?? NaN)} / ${f1(page.startupMs)} | ` +
          `${f1(one?.taskWithMs ?? NaN)} / ${f1(page.taskWithMs)} |`
        );
      }),
    );
  }
  return lines.join('\n');
}

/**
 * Where start-up goes, per page: our functions by total time (anywhere on the stack) and by self time, mean per load,
 * at most `top` of each. Function names are the source's with an unminified build (`npm run cost -- --unminified`).
 */
export function renderStartup(figures: CostFigures, top: number): string {
  const where = (fn: FunctionCost) => `${fn.name} (${fn.url.split('/').pop() ?? ''}:${fn.line})`;
  const out: string[] = [];
  for (const page of [...figures.largest, ...figures.smallest]) {
    out.push(`### Start-up of ${page.file}: median ${f1(page.startupMs)} ms`, '');
    out.push('| function (script:line) | total, ms per load | | function (script:line) | self, ms per load |');
    out.push('| --- | --- | --- | --- | --- |');
    for (let i = 0; i < top; i++) {
      const total = page.startupTotal[i];
      const self = page.startupSelf[i];
      if (!total && !self) break;
      out.push(
        `| ${total ? where(total) : ''} | ${total ? total.selfMs.toFixed(2) : ''} | | ${self ? where(self) : ''} | ${self ? self.selfMs.toFixed(2) : ''} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
