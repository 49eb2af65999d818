/** The corpus run over a folder: lists the pages, launches the browsers, runs each page (re-running flaky ones). */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM_PATH, withTimeout } from '../browsers/browsers';
import { startServer } from '../browsers/serve';
import { UsageError, type CorpusOptions } from './args';
import { closeQuietly, launchContext } from './browser';
import { controlPage, watchExtensionConsole, type Contexts } from './contexts';
import { runOne, type IsQuote } from './page';
import { fmt, summarise } from './report';
import type { CorpusReport, PageReport } from './report-shapes';
import { toggleShapeOnly } from './toggle-off';
import { AT_LOAD_FLOOR_LOADS, MAX_PAGE_BYTES_WARNING, RATIO_PAGES } from './tunables';

/**
 * `.html`/`.htm` files under `folder` (sub-folders too, bounded), sorted by name: the first `max`, or with `largest`
 * the `largest` biggest files (largest first).
 */
export async function listPages(
  folder: string,
  max: number,
  filter: string | undefined,
  largest?: number,
): Promise<string[]> {
  const found: string[] = [];
  const queue = [''];
  for (let step = 0; queue.length > 0 && step < 10_000; step++) {
    const relative = queue.shift() ?? '';
    const entries = await readdir(path.join(folder, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith('.')) queue.push(child);
      else if (entry.isFile() && /\.html?$/i.test(entry.name) && (!filter || child.includes(filter))) found.push(child);
    }
  }
  found.sort();
  if (largest === undefined) return found.slice(0, max);
  const sized = await Promise.all(
    found.map(async (file) => ({ file, size: (await stat(path.join(folder, file))).size })),
  );
  return sized
    .sort((a, b) => b.size - a.size || a.file.localeCompare(b.file))
    .slice(0, Math.min(largest, max))
    .map((entry) => entry.file);
}

/** Re-runs of a page whose only breakage is a changed text, DOM shape or layout. */
const LAYOUT_RECHECKS = 2;

/**
 * True when a page broke only by text, DOM shape or layout, with the extension or after turning it off (what a page's
 * own racing scripts can also do).
 */
function onlyPageShapeBreakage(page: PageReport): boolean {
  const b = page.breakage;
  const t = page.toggleOff;
  const shapeOn = b.textChanged || b.domChanged || b.layoutChanged > 0;
  return (
    b.reasons.length > 0 &&
    (t.reasons.length === 0 ? shapeOn : toggleShapeOnly(t)) &&
    b.forbiddenMarks.length === 0 &&
    b.extensionErrors === 0
  );
}

/** Quote ids of the bundled pack, so the report can tell quotes from entities. */
async function loadQuoteIds(): Promise<IsQuote> {
  try {
    const { readFile } = await import('node:fs/promises');
    const pack = JSON.parse(await readFile('src/knowledge/pack.json', 'utf8')) as { quotes?: { id?: unknown }[] };
    const ids = new Set((pack.quotes ?? []).map((quote) => String(quote.id)));
    return (id) => ids.has(id);
  } catch {
    return (id) => id.startsWith('q');
  }
}

export async function runCorpus(
  options: CorpusOptions,
  log: (line: string) => void = console.log,
): Promise<CorpusReport> {
  const extensionDir = path.resolve(options.extensionDir);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new UsageError(
      `No built extension at ${extensionDir}: run \`npm run build\` first (the corpus run builds nothing).`,
    );
  }
  if (!existsSync(CHROMIUM_PATH)) throw new UsageError(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  const folder = path.resolve(options.folder);
  if (!existsSync(folder) || !(await stat(folder)).isDirectory())
    throw new UsageError(`Not a folder: ${options.folder}`);
  const files = await listPages(folder, options.maxPages, options.filter, options.largest);
  if (files.length === 0) throw new UsageError(`No .html pages in ${options.folder}`);
  const isQuote = await loadQuoteIds();

  const started = Date.now();
  const server = await startServer(folder);
  let contexts: Contexts | null = null;
  const pages: PageReport[] = [];
  try {
    const launch = async (): Promise<Contexts> => {
      const [on, off] = await Promise.all([launchContext(extensionDir), launchContext(null)]);
      const worker = on.serviceWorkers()[0];
      if (!worker) {
        await Promise.all([closeQuietly(on), closeQuietly(off)]);
        throw new Error('The extension has no service worker in Chromium');
      }
      const next: Contexts = {
        on,
        off,
        extensionOrigin: new URL('/', worker.url()).href,
        control: null,
        visiting: null,
        pending: [],
      };
      watchExtensionConsole(next);
      // Opened before any page, so the pages measured are the newest tabs.
      await controlPage(next);
      return next;
    };
    contexts = await launch();
    log(`Corpus run: ${files.length} page(s) from ${options.folder}`);
    const sizes = new Map<string, number>();
    for (const file of files) sizes.set(file, (await stat(path.join(folder, file))).size);
    // The pages of the summary's ratio get their floor at load from several loads; the others from the one load
    // without the extension that every page has anyway.
    const ratioPages = new Set(
      [...sizes]
        .sort((a, b) => b[1] - a[1])
        .slice(0, RATIO_PAGES)
        .map(([file]) => file),
    );
    for (const [i, file] of files.entries()) {
      const size = sizes.get(file) ?? 0;
      const floorLoads = ratioPages.has(file) ? AT_LOAD_FLOOR_LOADS : 1;
      if (size > MAX_PAGE_BYTES_WARNING) log(`  (large page: ${(size / 1e6).toFixed(1)} MB)`);
      let page = await runOne(contexts, server, file, size, options, isQuote, floorLoads);
      // Pages whose own scripts race sometimes build another DOM or layout; such a change counts only when it comes
      // back on every re-run. Marks in forbidden places and errors from the extension always count.
      for (let attempt = 1; attempt <= LAYOUT_RECHECKS && onlyPageShapeBreakage(page); attempt++) {
        const first = page.breakage.reasons.join('; ');
        const again = await runOne(contexts, server, file, size, options, isQuote, floorLoads);
        if (again.breakage.reasons.length === 0) {
          again.breakage.unstable.push(`changed in ${attempt} earlier run(s) (${first}), not in this one`);
          page = again;
        }
      }
      pages.push(page);
      log(
        `  [${i + 1}/${files.length}] ${file}: ${page.status}, ${page.marks.total} marks, pass ${fmt(page.measures.passMs)} ms / floor ${fmt(page.floor.atLoadMs)} ms at load, ${fmt(page.floor.coldMs)} ms settled, ${fmt(page.floor.medianMs)} ms warm` +
          (page.breakage.reasons.length ? `, BROKEN: ${page.breakage.reasons.join('; ')}` : ''),
      );
      // A crashed browser is relaunched so one bad page does not spoil the rest.
      const alive = async (context: BrowserContext) => {
        try {
          const probe = await withTimeout(context.newPage(), 10_000, 'probing the browser');
          await closeQuietly(probe);
          return true;
        } catch {
          return false;
        }
      };
      if (page.status !== 'ok' && !((await alive(contexts.on)) && (await alive(contexts.off)))) {
        log('  (relaunching Chromium)');
        await Promise.all([closeQuietly(contexts.on), closeQuietly(contexts.off)]);
        contexts = await launch();
      }
    }
  } finally {
    if (contexts) await Promise.all([closeQuietly(contexts.on), closeQuietly(contexts.off)]);
    await server.close().catch(() => undefined);
  }
  return {
    folder: options.folder,
    date: new Date().toISOString(),
    extensionDir: path.relative(process.cwd(), extensionDir) || extensionDir,
    pages,
    summary: summarise(pages, Date.now() - started),
  };
}
