/**
 * One cold measure, in a fresh process (spawned by `tables.ts`): make a matcher and scan a ~10 kB article once,
 * every function of the engine running for the first time, as in a page.
 *
 *   node --import tsx test/bench/cold.ts <create|load> <pack.json | tables.json> <article.txt>
 *
 * With `NATIVE_BASE64=1`, `Uint8Array.fromBase64` is provided from Node's Buffer when Node lacks it (Node 20; the
 * browsers the extension targets have it), so the decode is native as in a page.
 *
 * Prints one JSON line: `parseMs` (JSON.parse of the input file), `makeMs` (createMatcher or loadMatcher),
 * `firstScanMs`, `secondScanMs` (the same text again, for reference) and the number of matches.
 */
import { readFileSync } from 'node:fs';
import { createMatcher, loadMatcher, type Matcher, type MatcherTables } from '../../src/match/index';
import type { Pack } from '../../src/knowledge/schema';

const codec = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array };
if (process.env.NATIVE_BASE64 === '1' && !codec.fromBase64) {
  codec.fromBase64 = (text) => {
    const b = Buffer.from(text, 'base64');
    return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  };
}

const [mode, input, article] = process.argv.slice(2);
if ((mode !== 'create' && mode !== 'load') || !input || !article)
  throw new Error('usage: cold.ts <create|load> <json> <txt>');
const json = readFileSync(input, 'utf8');
const text = readFileSync(article, 'utf8');

let t = performance.now();
const data: unknown = JSON.parse(json);
const parseMs = performance.now() - t;
t = performance.now();
const matcher: Matcher = mode === 'create' ? createMatcher(data as Pack) : loadMatcher(data as MatcherTables);
const makeMs = performance.now() - t;
t = performance.now();
const matches = matcher.scan(text).length;
const firstScanMs = performance.now() - t;
t = performance.now();
matcher.scan(text);
const secondScanMs = performance.now() - t;
console.log(JSON.stringify({ parseMs, makeMs, firstScanMs, secondScanMs, matches }));
