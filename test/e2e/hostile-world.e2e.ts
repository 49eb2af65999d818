/**
 * Pages that attack the extension's footing rather than its speed, in both browsers (test/fixtures/pages/hostile/):
 *
 * - a Content-Security-Policy of `default-src 'none'`, sent as an HTTP header (csp-header.html, with its `.csp`
 *   sidecar: tools/browsers/serve.ts) and declared in a `<meta http-equiv>` (csp-meta.html);
 * - a page that defines its own `backstory-card` custom element, whose constructor throws or attaches its own
 *   shadow root (custom-element.html);
 * - a page with its own `::highlight(backstory-person)` rules that remove the underline and hide the text
 *   (highlight-rule.html), compared with the same page without them;
 * - a page that replaces Range, Node, Element, EventTarget, timer, observer, caret and highlight APIs in its world
 *   with functions that throw or return garbage (prototypes.html).
 *
 * For each: marks are registered, a card opens on hover and on click and shows its content (read through the open
 * shadow root), and nothing from the extension reaches the page's console. Figures and what was seen go to
 * artifacts/e2e/hostile-world-<browser>.json.
 */
import { afterAll, afterEach, expect, it } from 'vitest';
import { describeEachBrowser, type BrowserName, type E2EEnv, type TestPage } from './harness';
import {
  bypassingReader,
  click,
  createRecorder,
  datasetIs,
  front,
  highlightStyle,
  hoverOpens,
  markCentre,
  marksIncluding,
  press,
  reader,
  underlinePixels,
  waitCard,
  watchConsole,
  type CardState,
  type ConsoleWatch,
  type Reader,
} from './hostile-kit';

/**
 * Cases that do not yet behave as they should in a browser: the test runs in full, and must fail with the recorded
 * symptom (anything else fails the test, and so does the case passing: then remove its entry). The fix is outside
 * the files these tests may change; each entry names it.
 */
const KNOWN_BROKEN: Readonly<Record<string, Partial<Record<BrowserName, { symptom: RegExp; cause: string }>>>> = {};

const recorder = createRecorder('hostile-world');

/** The blue of our person underline, as computed for `::highlight(backstory-person)`. */
const PERSON_BLUE = 'rgb(47, 125, 225)';

describeEachBrowser('hostile page worlds', (env: E2EEnv) => {
  const pages: TestPage[] = [];

  async function open(relative: string, options: { bypass?: boolean } = {}) {
    const page = await env.browser.newPage();
    pages.push(page);
    const watch = watchConsole(page);
    await page.goto(env.fixtureUrl(`hostile/${relative}`));
    await front(page);
    const read = options.bypass ? bypassingReader(page) : reader(page);
    return { page, watch, read };
  }

  /**
   * Runs `body`; when the case is known broken in this browser, it must fail with the known symptom (recorded and
   * printed), and passing is an error asking to remove the entry.
   */
  async function unlessKnownBroken(name: string, body: () => Promise<void>): Promise<string | null> {
    const known = KNOWN_BROKEN[name]?.[env.browserName];
    if (!known) {
      await body();
      return null;
    }
    try {
      await body();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!known.symptom.test(message)) throw error;
      console.warn(`[${env.browserName}] ${name}: KNOWN BROKEN (${known.cause}): ${message.slice(0, 300)}`);
      return message.slice(0, 600);
    }
    throw new Error(`${name} now works in ${env.browserName}: remove its KNOWN_BROKEN entry (${known.cause})`);
  }

  /** Hover a mark until its card opens, close it with Esc, then click another and read what it shows. */
  async function hoverAndClick(
    page: TestPage,
    read: Reader,
    timeout = 5_000,
  ): Promise<{ hovered: CardState; clicked: CardState }> {
    const biden = await markCentre(read, 'Joe Biden');
    const hovered = await hoverOpens(page, read, biden, 'Joe Biden', timeout);
    await press(page, 'Escape');
    await waitCard(read, (state) => !state.open, 'Esc did not close the hover card');
    const kadhimi = await markCentre(read, 'Mustafa al-Kadhimi');
    await click(page, kadhimi.x, kadhimi.y);
    const clicked = await waitCard(read, (state) => state.open, 'a click never opened the card', timeout);
    // What the card shows: its name, its content and its own styles, through the open shadow root.
    expect(hovered).toMatchObject({ target: 'joe-biden', name: 'Joe Biden', role: 'dialog', mode: 'open' });
    expect(hovered.text).toContain('President of the United States');
    expect(clicked).toMatchObject({ target: 'mustafa-al-kadhimi', name: 'Mustafa al-Kadhimi', hosts: 1 });
    expect(clicked.text).toContain('Prime Minister of Iraq');
    expect(clicked.fontSize, "the card's own stylesheet applies").toBe('14px');
    return { hovered, clicked };
  }

  /** Nothing of ours in the console; records the case. */
  function done(name: string, watch: ConsoleWatch, extra: Record<string, unknown> = {}): void {
    recorder.record(env.browserName, {
      case: name,
      extensionMessages: watch.extension,
      pageErrors: watch.pageErrors,
      extra: { ...extra, pageErrorsThroughUs: watch.pageErrorsThroughUs },
    });
    expect(watch.extension, 'the extension threw or logged').toEqual([]);
  }

  afterEach(async () => {
    await Promise.all(pages.map((page) => page.close()));
    pages.length = 0;
  });

  afterAll(() => recorder.write(env.browserName));

  for (const [fixture, how] of [
    ['csp-header.html', 'an HTTP header'],
    ['csp-meta.html', 'a <meta http-equiv>'],
  ] as const) {
    it(`CSP default-src 'none' in ${how}: marks, underline, hover and click cards with their content`, async () => {
      const { page, watch, read } = await open(fixture);
      // The policy is in force: the page's own inline script never ran and its inline style never applied.
      const proof = await read(
        () => ({
          ran: document.documentElement.dataset.inlineRan ?? null,
          color: getComputedStyle(document.getElementById('proof') ?? document.body).color,
        }),
        undefined,
      );
      expect(proof).toEqual({ ran: null, color: expect.not.stringMatching(/^rgb\(255, 0, 0\)$/) as unknown });
      await marksIncluding(read, ['Mustafa al-Kadhimi', 'Joe Biden', 'Popular Mobilization Forces'], 10_000);
      // Our mark style (the manifest's stylesheet) is not an inline style the policy could block.
      expect(await read(highlightStyle, ['lead', 'backstory-person'] as const)).toMatchObject({
        line: 'underline',
        color: PERSON_BLUE,
      });
      const underline = await underlinePixels(page, read, 'Mustafa al-Kadhimi');
      expect(underline.blue, JSON.stringify(underline)).toBeGreaterThanOrEqual(underline.width);
      await hoverAndClick(page, read);
      done(`CSP default-src 'none' (${how})`, watch, { underline });
    });
  }

  it("a page's own backstory-card whose constructor throws: the card works all the same", async () => {
    const { page, watch, read } = await open('custom-element.html?ctor=throw');
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Joe Biden'], 10_000);
    await hoverAndClick(page, read);
    // The page's class really met our host: its constructor ran (and threw) when we made the element.
    expect(Number(await read(() => document.documentElement.dataset.constructed, undefined))).toBeGreaterThan(0);
    done('custom element (constructor throws)', watch);
    // Its error is the page's, thrown and reported at the page's line (Firefox lists our createElement below it).
    expect(watch.pageErrors).toBeGreaterThan(0);
  });

  it("a page's own backstory-card with its own shadow root: marks stay; the card must still open", async () => {
    const name = 'custom element (constructor attaches its own shadow root)';
    const { page, watch, read } = await open('custom-element.html?ctor=shadow');
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Joe Biden'], 10_000);
    const broken = await unlessKnownBroken(name, async () => {
      // A working card opens in well under a second here; the known failure need not wait the usual 5 s.
      await hoverAndClick(page, read, 2_500);
    });
    done(name, watch, { knownBroken: broken });
  });

  for (const rule of ['plain', 'important'] as const) {
    it(`a page's own ::highlight(backstory-person) rule (${rule}): marks, cards, and our underline stays`, async () => {
      const name = `page ::highlight rule (${rule})`;
      // The same page without the rule, for the underline as drawn.
      const baseline = await open('highlight-rule.html?rule=off');
      await marksIncluding(baseline.read, ['Mustafa al-Kadhimi'], 10_000);
      const plain = await underlinePixels(baseline.page, baseline.read, 'Mustafa al-Kadhimi');
      // The check can fail: without the page's rule the underline is there, about 2 px under the mark's width.
      expect(plain.blue, JSON.stringify(plain)).toBeGreaterThanOrEqual(plain.width);
      await baseline.page.close();

      const { page, watch, read } = await open(`highlight-rule.html?rule=${rule}`);
      await datasetIs(read, 'rule', rule, 5_000);
      await marksIncluding(read, ['Mustafa al-Kadhimi', 'Joe Biden'], 10_000);
      await hoverAndClick(page, read);
      await press(page, 'Escape');
      await waitCard(read, (state) => !state.open, 'Esc did not close the card');
      const style = await read(highlightStyle, ['lead', 'backstory-person'] as const);
      const drawn = await underlinePixels(page, read, 'Mustafa al-Kadhimi');
      const broken = await unlessKnownBroken(name, async () => {
        expect(style?.line, `our underline (computed ::highlight style ${JSON.stringify(style)})`).toBe('underline');
        expect(
          drawn.blue,
          `our underline as drawn (${drawn.blue} blue px; ${plain.blue} without the page's rule)`,
        ).toBeGreaterThanOrEqual(plain.blue / 2);
      });
      done(name, watch, { style, drawn, withoutRule: plain, knownBroken: broken });
    });
  }

  it('a page that replaced the DOM prototypes with throwing or garbage functions: marks and cards work', async () => {
    const { page, watch, read } = await open('prototypes.html', { bypass: true });
    const overridden = Number(await read(() => document.documentElement.dataset.overridden, undefined));
    expect(overridden).toBeGreaterThan(100);
    // The page's world really is broken: without the bypass its Range.toString lies and createRange throws.
    expect(
      await page.evaluate(() => {
        let createRange = 'works';
        try {
          document.createRange();
        } catch {
          createRange = 'throws';
        }
        const range = new Range();
        return { createRange, text: range.toString() };
      }, undefined),
    ).toEqual({ createRange: 'throws', text: 'hijacked' });
    await marksIncluding(read, ['Mustafa al-Kadhimi', 'Joe Biden', 'Popular Mobilization Forces'], 10_000);
    await hoverAndClick(page, read);
    done('DOM prototypes replaced', watch, { overridden });
  });
});
