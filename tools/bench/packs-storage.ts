/**
 * `npx tsx tools/bench/packs-storage.ts [--copies 49] [--runs 5]` (after `npm run build`; under the browser lock):
 * where pack records live, measured in the built extension in Chromium, in its options page:
 *
 * - writing and reading 1 and 50 pack records (the bundled pack's size) in the extension's IndexedDB (`idb`, one
 *   transaction) against `storage.local` (one `set` / one `get`);
 * - reading the page knowledge record of 1 and 50 packs with one `storage.local.get` (what every page pays at
 *   start-up when packs are imported): as an object, as one JSON text, and as stored (three JSON texts).
 *
 * Medians of `--runs`; prints a table. Nothing fails on a time.
 */
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../browsers/browsers';
import { parsePack } from '../../src/knowledge/schema';
import { compileKnowledge, encodeRecord } from '../../src/packs/record';
import { packCopy } from './packs';

interface Arg {
  packs: unknown[];
  record: unknown;
  /** The record as the background stores it (`encodeRecord`: head, names and tables as JSON texts). */
  stored: { head: string; tables: string; blobs: readonly string[] };
  runs: number;
}

/** In the options page: the timings (ms, medians). Serialised: no closures. */
async function measure(arg: Arg): Promise<Record<string, number>> {
  interface Area {
    set(items: object): Promise<void>;
    get(keys: string | string[]): Promise<object>;
    clear(): Promise<void>;
  }
  const api = (globalThis as unknown as { chrome: { storage: { local: Area } } }).chrome;
  const med = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('bench-packs', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('packs', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  const out: Record<string, number> = {};
  for (const count of [1, arg.packs.length]) {
    const records = arg.packs.slice(0, count).map((pack, i) => ({ id: `p${i}`, pack, enabled: true }));
    const idbWrite: number[] = [];
    const idbRead: number[] = [];
    const localWrite: number[] = [];
    const localRead: number[] = [];
    for (let run = 0; run < arg.runs; run++) {
      let started = performance.now();
      const tx = db.transaction('packs', 'readwrite');
      for (const record of records) tx.objectStore('packs').put(record);
      await done(tx);
      idbWrite.push(performance.now() - started);
      started = performance.now();
      await new Promise((resolve) => {
        const request = db.transaction('packs').objectStore('packs').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      idbRead.push(performance.now() - started);
      started = performance.now();
      await api.storage.local.set(Object.fromEntries(records.map((record) => [`bench:${record.id}`, record])));
      localWrite.push(performance.now() - started);
      started = performance.now();
      await api.storage.local.get(records.map((record) => `bench:${record.id}`));
      localRead.push(performance.now() - started);
    }
    await api.storage.local.clear();
    out[`idb write ${count}`] = med(idbWrite);
    out[`idb read ${count}`] = med(idbRead);
    out[`storage.local write ${count}`] = med(localWrite);
    out[`storage.local read ${count}`] = med(localRead);
  }
  const reads: number[] = [];
  await api.storage.local.set({ 'bench:record': arg.record });
  for (let run = 0; run < arg.runs; run++) {
    const started = performance.now();
    await api.storage.local.get('bench:record');
    reads.push(performance.now() - started);
  }
  await api.storage.local.clear();
  out['record get'] = med(reads);
  const stringReads: number[] = [];
  await api.storage.local.set({ 'bench:record': JSON.stringify(arg.record) });
  for (let run = 0; run < arg.runs; run++) {
    const started = performance.now();
    const got = (await api.storage.local.get('bench:record')) as Record<string, string>;
    JSON.parse(got['bench:record'] ?? 'null');
    stringReads.push(performance.now() - started);
  }
  await api.storage.local.clear();
  out['record get as one JSON string + JSON.parse'] = med(stringReads);
  const storedReads: number[] = [];
  const tableParses: number[] = [];
  await api.storage.local.set({ 'bench:record': arg.stored });
  for (let run = 0; run < arg.runs; run++) {
    let started = performance.now();
    const got = (await api.storage.local.get('bench:record')) as Record<string, Arg['stored']>;
    JSON.parse(got['bench:record']?.head ?? 'null');
    storedReads.push(performance.now() - started);
    started = performance.now();
    JSON.parse(got['bench:record']?.tables ?? 'null');
    tableParses.push(performance.now() - started);
  }
  await api.storage.local.clear();
  out['record get as stored (three JSON texts) + head parse (kept)'] = med(storedReads);
  out['  then the tables skeleton parse (at the first pass)'] = med(tableParses);
  db.close();
  indexedDB.deleteDatabase('bench-packs');
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
  const flag = (name: string, fallback: number) => {
    const index = argv.indexOf(name);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  const copies = flag('--copies', 49);
  const runs = flag('--runs', 5);
  const bundled = parsePack(JSON.parse(readFileSync('src/knowledge/pack.json', 'utf8')), 'src/knowledge/pack.json');
  const packs = [bundled, ...Array.from({ length: copies }, (_, index) => packCopy(bundled, index + 1))];
  const browser = await launchBrowser('chromium');
  try {
    const page = await browser.newPage();
    await page.goto(new URL('options.html', browser.extensionOrigin).href);
    // tsx keeps function names with a `__name` helper that the page does not have.
    await page.evaluate(() => void ((globalThis as { __name?: unknown }).__name = (f: unknown) => f), undefined);
    for (const set of [packs.slice(0, 1), packs]) {
      const record = compileKnowledge(set, [], { bundledId: bundled.id, now: 0 });
      const stored = encodeRecord(record);
      const figures = await page.evaluate(measure, { packs, record, stored, runs });
      console.log(`record of ${set.length} pack(s): ${(JSON.stringify(record).length / 1024).toFixed(0)} KB`);
      for (const [name, ms] of Object.entries(figures)) console.log(`  ${name}: ${ms.toFixed(1)} ms`);
    }
  } finally {
    await browser.close();
  }
  return 0;
}

if (process.argv[1]?.endsWith('bench/packs-storage.ts')) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
