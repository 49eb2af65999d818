/**
 * `npx tsx tools/bench/builder.ts [--pages <folder>] [--runs 3]` (also part of `npm run bench`): the pack builder's
 * time from "Add this article to Backstory" to the review on screen, in the built extension, in Chromium and Firefox.
 *
 * The article is the page of the folder whose article (as the builder reads it: Readability, in happy-dom here) is
 * nearest 2,000 words, the size the issue names. Each run opens the page in a fresh tab, then
 * `builder.html?tab=<id>` (what the popup's button and the context menu open) and reads the builder's
 * `backstory:builder-review-ready` mark: milliseconds from the builder page's navigation start to the review shown,
 * which covers reading the article in the tab (the extraction chunk is imported there on the first request), loading
 * the drafting code and the NLP library, drafting, building and rendering. Nothing here fails on a time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, BROWSER_NAMES, EXTENSION_DIRS, type BrowserName, type TestBrowser } from '../browsers/browsers';
import { tabIdOf } from '../browsers/in-extension';
import { startServer } from '../browsers/serve';
import { extractArticle } from '../knowledge/extract';
import { runIfMain } from '../run-main';

/** The words of the article the goal names. */
export const TARGET_WORDS = 2_000;
const READY_MARK = 'backstory:builder-review-ready';

export interface BuilderTiming {
  readonly page: string;
  readonly words: number;
  /** Median ms from the builder's navigation start to the review shown, per browser. */
  readonly medianMs: Partial<Record<BrowserName, number>>;
  readonly runsMs: Partial<Record<BrowserName, number[]>>;
}

/** The `.html` page of `folder` whose article is nearest `TARGET_WORDS` words. */
export function pageNearTarget(folder: string): { page: string; words: number } | null {
  let best: { page: string; words: number } | null = null;
  for (const page of readdirSync(folder).filter((name) => name.endsWith('.html'))) {
    const article = extractArticle(readFileSync(path.join(folder, page), 'utf8'), `http://127.0.0.1/${page}`);
    if (!article) continue;
    const words = article.paragraphs.join(' ').split(/\s+/).filter(Boolean).length;
    if (!best || Math.abs(words - TARGET_WORDS) < Math.abs(best.words - TARGET_WORDS)) best = { page, words };
  }
  return best;
}

async function oneRun(browser: TestBrowser, pageUrl: string): Promise<number> {
  const origin = browser.extensionOrigin ?? '';
  const article = await browser.newPage();
  const helper = await browser.newPage();
  const builder = await browser.newPage();
  try {
    await article.goto(pageUrl);
    await helper.goto(`${origin}popup.html`).catch(() => undefined);
    const tabId = await helper.waitFor(tabIdOf, pageUrl, { timeout: 20_000 });
    void builder.goto(`${origin}builder.html?tab=${tabId}`).catch(() => undefined);
    return await builder.waitFor((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, READY_MARK, {
      timeout: 60_000,
      interval: 20,
    });
  } finally {
    await Promise.all([article.close(), helper.close(), builder.close()]);
  }
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/** Times the builder on the page of `folder` nearest 2,000 words, `runs` times per browser. */
export async function builderTiming(folder: string, runs: number): Promise<BuilderTiming | null> {
  const target = pageNearTarget(folder);
  if (!target) return null;
  const server = await startServer(folder);
  const medianMs: BuilderTiming['medianMs'] = {};
  const runsMs: BuilderTiming['runsMs'] = {};
  try {
    // Each browser whose build exists (`npm run build`, `npm run build:firefox`).
    for (const name of BROWSER_NAMES.filter((browser) =>
      existsSync(path.join(EXTENSION_DIRS[browser], 'manifest.json')),
    )) {
      const browser = await launchBrowser(name);
      try {
        const times: number[] = [];
        for (let i = 0; i < runs; i++) times.push(await oneRun(browser, `${server.url}${target.page}`));
        runsMs[name] = times.map((ms) => Math.round(ms));
        medianMs[name] = Math.round(median(times));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  return { ...target, medianMs, runsMs };
}

/** One line for the bench report: the page, its words, the median per browser. */
export function builderLine(timing: BuilderTiming): string {
  return Object.entries(timing.medianMs)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join(', ');
}

async function main(argv: readonly string[]): Promise<number> {
  let pages = '../shared/corpus/pages';
  let runs = 3;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--pages') pages = argv[++i] ?? pages;
    else if (argv[i] === '--runs') runs = Math.max(1, Number(argv[++i]) || runs);
  }
  const timing = await builderTiming(pages, runs);
  if (!timing) {
    console.error(`no article in ${pages}`);
    return 1;
  }
  console.log(
    `builder: ${timing.page} (${timing.words} words): click to review, median ` +
      Object.entries(timing.medianMs)
        .map(([name, ms]) => `${name} ${ms} ms (runs ${timing.runsMs[name as BrowserName]?.join(', ')})`)
        .join('; ') +
      ` (goal ≤ 1000 ms)`,
  );
  return 0;
}

runIfMain(import.meta.url, main);
