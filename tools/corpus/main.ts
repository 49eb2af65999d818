/**
 * The corpus run: `npm run corpus -- <folder> [--out artifacts/corpus] [--max-pages N] [--largest N] [--timeout ms]
 * [--filter s] [--extension dir]` (`--largest`: only the N largest pages; `--extension`: another unpacked Chromium
 * build, default `.output/chrome-mv3`).
 *
 * Serves every `.html` page of `<folder>` from 127.0.0.1 (with the CSP header that keeps everything on this machine)
 * and opens each in Chromium twice: once with the built extension (`.output/chrome-mv3`, built beforehand: this
 * command builds nothing) and once in a plain context without it. Per page it reports the marks per entity and quote,
 * the pass time against a floor measured in the same page, long tasks, page and console errors (the extension's
 * apart), whether the page's text and layout stayed exactly the same, and marks in places where marks must never go.
 * Then it turns Backstory off for the site the way the popup's switch does (the `run-action` `toggle-site` message
 * to the background, which writes the site list to the settings storage) and checks that the page is back to what it
 * was without the extension: no `backstory-` highlight, no `<backstory-card>`, the same text and block boxes. It turns
 * the site back on before the next page.
 *
 * Writes `report.json` and `report.md` to the out folder, prints the table and a summary, and exits with 1 when
 * anything broke (text or layout changed, forbidden marks, errors or console output from the extension at any time of
 * the visit, a page that hangs only with the extension, anything left or changed after turning it off), 0 otherwise,
 * 2 on bad usage.
 *
 * On a whole folder it then measures the headline cost (tools/profile/: the extension's main-thread CPU per page load
 * on the 5 largest and 3 smallest pages against a cold walk, start-up, longest stretch, the task-time cross-check and
 * mark.js; `--cost-loads N`, 0 to skip), reported first in report.md. Times never fail the run.
 *
 * Everything is bounded: a per-page time limit, a page count limit, and every wait loop bounded in count and time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, USAGE, UsageError, type CorpusOptions } from './args';
import { renderMarkdown } from './report';
import type { CorpusReport } from './report-shapes';
import { runCorpus } from './run';
import { costFigures, renderCost, type CostFigures } from '../profile/figures';
import { runIfMain } from '../run-main';

async function main(argv: readonly string[]): Promise<number> {
  let options: CorpusOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(error.message);
      console.error(USAGE);
      return 2;
    }
    throw error;
  }
  let report: CorpusReport;
  try {
    report = await runCorpus(options);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  let cost: CostFigures | null = null;
  if (options.costLoads) {
    console.log(
      `\nCost per page load (CPU profiler, ${options.costLoads} loads) on the 5 largest and 3 smallest pages…`,
    );
    // A measure, not a check: if it cannot be made the run says so and goes on (breakage decides the exit code).
    cost = await costFigures({
      folder: options.folder,
      extensionDir: options.extensionDir,
      loads: options.costLoads,
      // mark.js takes up to 20 s a load on the largest pages: timed once per page here, in every load by the bench.
      markJsLoads: 1,
      // 50 imported packs against the bundled pack alone: the extension's two loads per round only, 3 rounds at most
      // (~2 min on the 2-core machine; 5 rounds took 195 s).
      packs50Loads: Math.min(options.costLoads, 3),
      log: (line) => console.log(`  ${line}`),
    }).catch((error: unknown) => {
      console.error(`cost not measured: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
  }
  await mkdir(options.out, { recursive: true });
  const headline = cost ? `## Headline: the extension's main-thread bill per page load\n\n${renderCost(cost)}\n\n` : '';
  const markdown = headline + renderMarkdown(report);
  await writeFile(
    path.join(options.out, 'report.json'),
    JSON.stringify(cost ? { cost, ...report } : report, null, 2) + '\n',
  );
  await writeFile(path.join(options.out, 'report.md'), markdown);
  console.log('\n' + markdown);
  console.log(`Wrote ${path.join(options.out, 'report.json')} and report.md`);
  return report.summary.broken > 0 ? 1 : 0;
}

runIfMain(import.meta.url, main);
