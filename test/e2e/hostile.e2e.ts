/**
 * Bad input, in both browsers: pages the team wrote to be hostile (test/fixtures/pages/hostile/) — 100k text nodes,
 * a DOM nested 5,000 levels deep (2,000 in blocks), a storm of 10k mutations per second for 5 s, scripts and event
 * handlers that throw everywhere, a page that keeps clearing CSS.highlights, and a 5 MB article. For each: marks
 * still appear where expected, the extension never throws and logs nothing to the page console, and the page
 * never hangs on us (no task of ours and no delay of the page's timers reaching 1 s: `finishCase`). How long our
 * tasks are against the 50 ms budget is printed and written to artifacts/e2e/hostile-<browser>.json (what "ours"
 * means per browser: hostile-kit.ts); the budget itself is measured on a quiet machine by `npm run bench` and the
 * corpus report, never asserted here.
 */
import { afterAll, afterEach, expect, it } from 'vitest';
import { describeEachBrowser, type E2EEnv, type TestPage } from './harness';
import {
  createRecorder,
  datasetIs,
  finishCase,
  front,
  hoverOpens,
  markCentre,
  marksIncluding,
  press,
  click,
  reader,
  readMarks,
  waitCard,
  watchConsole,
  type ConsoleWatch,
  type Reader,
} from './hostile-kit';

const recorder = createRecorder('hostile');

describeEachBrowser('hostile pages', (env: E2EEnv) => {
  const pages: TestPage[] = [];

  /** Opens a hostile page with the console watched from the first byte. */
  async function open(relative: string): Promise<{ page: TestPage; watch: ConsoleWatch; read: Reader }> {
    const page = await env.browser.newPage();
    pages.push(page);
    const watch = watchConsole(page);
    await page.goto(env.fixtureUrl(`hostile/${relative}`));
    return { page, watch, read: reader(page) };
  }

  const finish = (name: string, read: Reader, watch: ConsoleWatch, extra?: Record<string, unknown>) =>
    finishCase({ env, recorder, name, read, watch, extra });

  afterEach(async () => {
    await Promise.all(pages.map((page) => page.close()));
    pages.length = 0;
  });

  afterAll(() => recorder.write(env.browserName));

  it('100k text nodes: marks the first and the last paragraph', async () => {
    const { page, watch, read } = await open('many-nodes.html');
    const textNodes = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let count = 0;
      while (walker.nextNode() && count < 1_000_000) count++;
      return count;
    }, undefined);
    expect(textNodes).toBeGreaterThanOrEqual(100_000);
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Muqtada al-Sadr'], 30_000);
    await finish('100k text nodes', read, watch, { textNodes });
  });

  it('5,000 levels of inline nesting: marks the top and the bottom', async () => {
    const { watch, read } = await open('deep.html?depth=5000&tag=span');
    await datasetIs(read, 'ready', '1', 10_000);
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Muqtada al-Sadr'], 20_000);
    await finish('5,000 levels deep (span)', read, watch);
  });

  // Blocks: Chromium's own renderer crashes from ~3,000 nested <div>s (with or without the extension), so 2,000.
  it('2,000 levels of nested blocks: marks the top and the bottom', async () => {
    const { watch, read } = await open('deep.html?depth=2000&tag=div');
    await datasetIs(read, 'ready', '1', 10_000);
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Muqtada al-Sadr'], 20_000);
    await finish('2,000 levels deep (div)', read, watch);
  });

  it('10k mutations per second for 5 s: catches up with what the storm added, and keeps up afterwards', async () => {
    const { watch, read } = await open('storm.html?ms=5000&rate=10000');
    await marksIncluding(read, ['Mustafa al-Kadhimi'], 10_000);
    await datasetIs(read, 'late', '1', 15_000);
    await datasetIs(read, 'storm', 'done', 15_000);
    const storm = await read(() => {
      const data = document.documentElement.dataset;
      return { mutations: Number(data.mutations), stormMs: Number(data.stormMs) };
    }, undefined);
    const marked = (await read(readMarks, undefined)).map(([, text]) => text);
    const markedAtStormEnd = ['Mohammed al-Halbousi', 'Nasr al-Shammari'].filter((name) => marked.includes(name));
    // Paragraphs added during the storm and kept (one late in it, one in its very last task) are marked once it is
    // over: the extension catches up.
    const calm = Date.now();
    await marksIncluding(read, ['Mohammed al-Halbousi', 'Nasr al-Shammari'], 5_000);
    const catchUpMs = Date.now() - calm;
    // A name added after the storm is marked promptly.
    await read(() => {
      const p = document.createElement('p');
      p.textContent = 'After the storm, Muqtada al-Sadr spoke.';
      document.getElementById('story')?.append(p);
    }, undefined);
    await marksIncluding(read, ['Muqtada al-Sadr'], 5_000);
    const rate = Math.round(storm.mutations / (storm.stormMs / 1000));
    await finish('10k mutations/s for 5 s', read, watch, { ...storm, rate, markedAtStormEnd, catchUpMs });
    // The storm really was one: ~10k mutations per second (the page catches up when its timer runs late).
    expect(storm.stormMs).toBeGreaterThanOrEqual(5_000);
    expect(rate).toBeGreaterThanOrEqual(9_000);
  });

  it('handlers that throw for every event: marks, hover, click, Esc and an SPA navigation still work', async () => {
    const { page, watch, read } = await open('throwing.html?nav=1');
    await front(page);
    expect(Number(await read(() => document.documentElement.dataset.throwers, undefined))).toBeGreaterThan(50);
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Islamic State'], 10_000);
    // Hover: the pointer's every event throws in the page's handlers (capture and bubble); the card opens anyway.
    const kadhimi = await markCentre(read, 'Mustafa al-Kadhimi');
    const hovered = await hoverOpens(page, read, kadhimi, 'Mustafa al-Kadhimi');
    expect(hovered).toMatchObject({ target: 'mustafa-al-kadhimi', name: 'Mustafa al-Kadhimi', fontSize: '14px' });
    expect(hovered.text).toContain('Prime Minister of Iraq');
    // Esc: the page's keydown handlers throw first; the hover card closes.
    await press(page, 'Escape');
    await waitCard(read, (state) => !state.open, 'Esc did not close the hover card');
    // Click a mark outside any link: the card opens pinned; Esc closes it.
    const group = await markCentre(read, 'Islamic State');
    await click(page, group.x, group.y);
    const clicked = await waitCard(read, (state) => state.open, 'a click never opened the card');
    expect(clicked).toMatchObject({ target: 'islamic-state', name: 'Islamic State', hosts: 1 });
    await press(page, 'Escape');
    await waitCard(read, (state) => !state.open, 'Esc did not close the clicked card');
    await datasetIs(read, 'navigated', '1', 10_000);
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Muqtada al-Sadr'], 10_000);
    await finish('scripts that throw', read, watch);
    // The page's own errors were seen, so the watch works; none of them came from the extension.
    expect(watch.pageErrors).toBeGreaterThan(0);
  });

  it('a page that keeps clearing CSS.highlights: marks come back at the next pass', async () => {
    const { watch, read } = await open('clears-highlights.html');
    await datasetIs(read, 'clearing', 'done', 15_000);
    await read(() => {
      const p = document.createElement('p');
      p.textContent = 'Later, Muqtada al-Sadr spoke.';
      document.getElementById('story')?.append(p);
    }, undefined);
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Joe Biden', 'Muqtada al-Sadr'], 10_000);
    await finish('clears CSS.highlights', read, watch);
  });

  it('a 5 MB article: marks the first paragraph and the last, quote included', async () => {
    const { watch, read } = await open('big-text.html?mb=5');
    await datasetIs(read, 'ready', '1', 20_000);
    const chars = Number(await read(() => document.documentElement.dataset.chars, undefined));
    expect(chars).toBeGreaterThanOrEqual(5_000_000);
    const started = Date.now();
    const marks = await marksIncluding(read, ['Mustafa al-Kadhimi', 'Muqtada al-Sadr'], 40_000);
    const markedAfterLoadMs = Date.now() - started;
    // The quote in the very last paragraph, matched although one word differs from the source.
    const quote = marks.find(([name]) => name === 'backstory-quote')?.[1] ?? '';
    expect(quote).toContain('in a combat mission');
    const scan = await read(() => {
      const entry = performance.getEntriesByType('measure').find((measure) => measure.name === 'backstory:scan') as
        PerformanceMeasure | undefined;
      const detail = (entry?.detail ?? {}) as { chars?: number; wallMs?: number; marks?: number };
      return { work: entry?.duration ?? 0, wallMs: detail.wallMs ?? 0, chars: detail.chars ?? 0 };
    }, undefined);
    // The article scope is the whole article: all of its text was read.
    expect(scan.chars).toBeGreaterThanOrEqual(5_000_000);
    await finish('5 MB of text', read, watch, { chars, markedAfterLoadMs, scan, marks: marks.length });
  });
});
