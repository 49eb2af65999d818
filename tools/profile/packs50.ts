/**
 * The 50-pack variant of the cost measure: the same built extension, with 49 generated packs of the bundled pack's
 * size imported through the options page's "Import a knowledge pack" input (as a reader would), so 50 packs are
 * enabled and every page reads their compiled record. The packs are the bundled one with every capitalised word of
 * its names and aliases, its ids and its quotes made new (`packCopy`, deterministic): nothing merges, each pack adds
 * its own entities, aliases and quotes.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { parsePack } from '../../src/knowledge/schema';
import { KNOWLEDGE_KEY } from '../../src/packs/record-read';
import { packCopy } from '../bench/packs';
import { chooseFiles } from '../browsers/in-extension';

/** How many packs are enabled in the variant, the bundled one included. */
export const PACK_COUNT = 50;

/** The 49 generated pack files (name and JSON text). */
export async function generatedPackFiles(count = PACK_COUNT - 1): Promise<{ name: string; text: string }[]> {
  const base = parsePack(JSON.parse(await readFile('src/knowledge/pack.json', 'utf8')), 'src/knowledge/pack.json');
  return Array.from({ length: count }, (_, index) => {
    const pack = packCopy(base, index + 1);
    return { name: `${pack.id}.json`, text: JSON.stringify(pack) };
  });
}

/** In an extension page: how many packs the stored page knowledge record holds (0 when none). */
async function recordPacks(key: string): Promise<number> {
  type Area = { get(key: string): Promise<Record<string, unknown>> };
  const api = (globalThis as unknown as { chrome: { storage: { local: Area } } }).chrome;
  const stored = (await api.storage.local.get(key))[key];
  if (typeof stored !== 'string' && (typeof stored !== 'object' || stored === null)) return 0;
  // Only the pack summaries are counted (`"bundled":…` once each), in the record's head text (or the whole record).
  const head = (stored as { head?: unknown }).head;
  const text = typeof stored === 'string' ? stored : typeof head === 'string' ? head : JSON.stringify(stored);
  return (text.match(/"bundled":(?:true|false)/g) ?? []).length;
}

/**
 * Imports `files` on the options page of the extension in `context` and waits until the background has published
 * the record of every pack (the bundled one and the imported ones). Throws after 60 s.
 */
export async function importPacks(
  context: BrowserContext,
  files: readonly { name: string; text: string }[],
): Promise<void> {
  const worker = context.serviceWorkers()[0];
  if (!worker) throw new Error('The extension has no service worker');
  const page = await context.newPage();
  try {
    await page.goto(new URL('options.html', worker.url()).href);
    await page.waitForFunction(() => document.getElementById('bs-options')?.dataset.ready === 'true');
    if (!(await page.evaluate(chooseFiles, [...files]))) throw new Error('the options page has no import input');
    const deadline = Date.now() + 60_000;
    while ((await page.evaluate(recordPacks, KNOWLEDGE_KEY)) < files.length + 1) {
      if (Date.now() > deadline) throw new Error(`the ${files.length} packs were not published within 60 s`);
      await page.waitForTimeout(200);
    }
  } finally {
    await page.close().catch(() => undefined);
  }
}
