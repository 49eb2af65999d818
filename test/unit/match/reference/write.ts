/** Writes `expected.json`: see `inputs.ts`. Run with `npx tsx test/unit/match/reference/write.ts`. */
import { writeFileSync } from 'node:fs';
import { createMatcher } from '../../../../src/match/index';
import { SCAN_OPTIONS, bundledPack, digest, generatedInputs, packInputs, summarize } from './inputs';

const matcher = createMatcher(bundledPack);
const inputs = [...packInputs(bundledPack), ...generatedInputs(bundledPack)];
const expected = inputs.map((text) => SCAN_OPTIONS.map((o) => summarize(matcher.scan(text, o))).join(' '));
const file = new URL('./expected.json', import.meta.url);
const matches = expected.reduce((n, e) => n + e.split(' ').reduce((k, s) => k + Number(s.split(':')[0]), 0), 0);
writeFileSync(file, `${JSON.stringify({ inputs: digest(inputs.join('\u0000')), expected }, null, 0)}\n`);
console.log(`${inputs.length} inputs, ${matches} matches -> ${file.pathname}`);
