/**
 * Knowledge packs in both browsers: a pack built with `npm run knowledge -- build` from the team's test article
 * (test/fixtures/packs/un-envoy.*) is imported on the options page ("Import a knowledge pack") and its marks appear
 * in an open tab within 2 s without a reload; a card shows what both packs know; switching the pack off and
 * deleting it remove its marks, live; a bad file is refused naming the file and the field, and nothing changes.
 * The tests run in order and share the browser's profile (the pack imported first is used by the next ones).
 */
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBrowser } from './harness';
import { chooseFiles, tabIdOf } from './extension-page';
import { buildEnvoyPack } from './test-pack';
import { markBox, waitCardOf } from './hostile-kit';

const OUT_DIR = path.resolve('artifacts/e2e/packs');
/** The contract: an imported pack's marks appear in open tabs within 2 s. */
const LIVE_MS = 2_000;
const ENVOY = 'Jeanine Hennis-Plasschaert';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let packText = '';
beforeAll(() => {
  packText = buildEnvoyPack(OUT_DIR);
});

/** In an extension page: the options page is ready. */
const optionsReady = () => document.getElementById('bs-options')?.dataset.ready === 'true';

/** In the options page: the pack status line once it names `wanted`. */
function statusNaming(wanted: string): string | null {
  const text = document.getElementById('bs-pack-status')?.textContent ?? '';
  return text.includes(wanted) ? text : null;
}

/** In the options page: clicks the button or switch whose accessible label is `label`. */
function clickLabelled(label: string): boolean {
  const element = document.querySelector<HTMLElement>(`[aria-label="${label}"]`);
  element?.click();
  return element !== null;
}

/** In the page: true when no `backstory-` highlight covers `text` (runs there whole: no imported helper). */
function noMark(text: string): boolean {
  let found = false;
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-')) return;
    for (const range of highlight as unknown as Iterable<Range>) found ||= range.toString() === text;
  });
  return !found;
}

/** In an extension page: the names the popup lists for a tab (its content script's `page-summary`). */
async function popupNames(tabId: number): Promise<string[]> {
  type Api = { tabs: { sendMessage(id: number, message: unknown, options: object): Promise<unknown> } };
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  const summary = (await api.tabs.sendMessage(tabId, { type: 'page-summary' }, { frameId: 0 })) as {
    items: { name: string }[];
  };
  return summary.items.map((item) => item.name);
}

const packIds = () =>
  Array.from(document.querySelectorAll<HTMLElement>('#bs-pack-list li[data-pack]'), (li) => li.dataset.pack);

describeEachBrowser('knowledge packs', (env) => {
  it('imports a pack built with the CLI: its marks appear in an open tab within 2 s, without a reload', async () => {
    const article = await env.openPage('un-briefing.html');
    await article.waitFor(markBox, 'Mustafa al-Kadhimi', { timeout: 10_000 });
    expect(await article.evaluate(markBox, ENVOY)).toBeNull();
    const loadedAt = await article.evaluate(() => performance.timeOrigin, undefined);

    const options = await env.openExtensionPage('options.html', optionsReady);
    expect(await options.evaluate(chooseFiles, [{ name: 'un-envoy.json', text: packText }])).toBe(true);
    const started = Date.now();
    await article.waitFor(markBox, ENVOY, { timeout: LIVE_MS, interval: 25 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(LIVE_MS);
    expect(await article.evaluate(() => performance.timeOrigin, undefined)).toBe(loadedAt);
    // The pack's quote is marked too, and the options page lists the pack.
    await article.waitFor(
      () => {
        let found = false;
        CSS.highlights.get('backstory-quote')?.forEach((range) => {
          found ||= (range as Range).toString().includes('deserve a vote');
        });
        return found;
      },
      undefined,
      { timeout: LIVE_MS },
    );
    const status = await options.waitFor(statusNaming, 'un-envoy.json');
    expect(status).toContain('Imported “UN Envoy Briefs Council on Iraq Vote” (un-envoy.json): 5 entities, 1 quote.');
    expect(await options.evaluate(packIds, undefined)).toEqual(['iraq-july-2021', 'un-envoy-2021']);
    // The popup's list (and the badge, which counts the same items) names what both packs found.
    const tabId = await options.waitFor(tabIdOf, await article.url());
    const names = await options.evaluate(popupNames, tabId);
    expect(names).toEqual(expect.arrayContaining(['Mustafa al-Kadhimi', ENVOY, 'Baghdad']));
    console.log(`[packs ${env.browserName}] import → marks in the open tab: ${elapsed} ms`);
  });

  it('opens a card with what both packs know about one entity, and why they merged', async () => {
    const page = await env.openPage('un-briefing.html');
    const box = await page.waitFor(markBox, 'Mustafa al-Kadhimi', { timeout: 10_000 });
    const raw = page.raw;
    if (raw.kind === 'playwright') await raw.page.bringToFront();
    else await raw.page.bringToFront();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    if (raw.kind === 'playwright') await raw.page.mouse.click(x, y);
    else await raw.page.mouse.click(x, y);
    const state = await waitCardOf(page, (s) => s.open, 'the card never opened');
    expect(state).toMatchObject({ target: 'mustafa-al-kadhimi', name: 'Mustafa al-Kadhimi' });
    const card = await page.waitFor(() => {
      const shadow = document.querySelector('backstory-card')?.shadowRoot;
      const sources = Array.from(shadow?.querySelectorAll('.bs-descriptions cite') ?? [], (cite) =>
        (cite.textContent ?? '').trim(),
      );
      return sources.length ? { sources, merged: shadow?.querySelector('.bs-merged')?.textContent ?? '' } : null;
    }, undefined);
    expect(card.sources).toEqual([
      'UN Envoy Briefs Council on Iraq Vote, 8 September 2021',
      'Iraqi Groups Demand Complete U.S. Withdrawal, 27 July 2021',
    ]);
    expect(card.merged).toContain('because both packs give the same name and kind');
  });

  it('switching the pack off removes its marks live, on brings them back; delete removes them', async () => {
    const article = await env.openPage('un-briefing.html');
    await article.waitFor(markBox, ENVOY, { timeout: 10_000 });
    const options = await env.openExtensionPage('options.html', optionsReady);
    expect(await options.evaluate(clickLabelled, 'Use “UN Envoy Briefs Council on Iraq Vote”')).toBe(true);
    await article.waitFor(noMark, ENVOY, { timeout: LIVE_MS });
    // The bundled pack's marks stay (drawn again by the restarted pass).
    await article.waitFor(markBox, 'Mustafa al-Kadhimi', { timeout: LIVE_MS });
    expect(await options.evaluate(clickLabelled, 'Use “UN Envoy Briefs Council on Iraq Vote”')).toBe(true);
    await article.waitFor(markBox, ENVOY, { timeout: LIVE_MS });

    expect(await options.evaluate(clickLabelled, 'Delete “UN Envoy Briefs Council on Iraq Vote”')).toBe(true);
    await article.waitFor(noMark, ENVOY, { timeout: LIVE_MS });
    await options.waitFor(statusNaming, 'Deleted');
    expect(await options.evaluate(packIds, undefined)).toEqual(['iraq-july-2021']);
  });

  it('refuses a bad file, naming the file and the field, and changes nothing', async () => {
    const article = await env.openPage('un-briefing.html');
    await article.waitFor(markBox, 'Mustafa al-Kadhimi', { timeout: 10_000 });
    const options = await env.openExtensionPage('options.html', optionsReady);
    const before = await options.evaluate(packIds, undefined);
    const bad = JSON.parse(packText) as { entities: { kind: string }[] };
    const first = bad.entities[0];
    if (first) first.kind = 'planet';
    await options.evaluate(chooseFiles, [{ name: 'broken-pack.json', text: JSON.stringify(bad) }]);
    const status = await options.waitFor(statusNaming, 'broken-pack.json');
    expect(status).toMatch(
      /^Import refused, nothing was changed: broken-pack\.json is not a valid knowledge pack:\s+entities\.0\.kind:/,
    );
    expect(await options.evaluate(packIds, undefined)).toEqual(before);
    await sleep(500);
    expect(await article.evaluate(markBox, ENVOY)).toBeNull();
    expect(await article.evaluate(markBox, 'Mustafa al-Kadhimi')).not.toBeNull();
  });
});
