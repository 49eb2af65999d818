/**
 * `npx tsx tools/bench/packs.ts [--copies 49] [--runs 5]`: the packs figures measured in Node (docs/packs.md).
 *
 * - the background's compile (merge + one matcher for every enabled pack) with the bundled pack alone and with 50
 *   packs of its size (the bundled pack plus 49 copies whose names, ids and quotes are all new, so nothing merges);
 * - the size of the page knowledge record in `storage.local` (JSON, and gzip for scale);
 * - what a page pays for it: reading the stored record's head, parsing its tables and decoding the matcher (when the
 *   first pass builds it), then one scan of 20k characters of news prose, for 1 and 50 packs.
 *
 * Times are medians of `--runs`; nothing here fails on a time.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadMatcher, type MatcherTables } from '../../src/match';
import { parsePack, type Pack } from '../../src/knowledge/schema';
import { compileKnowledge, encodeRecord, usableRecord } from '../../src/packs/record';
import { newsText, rng } from '../../test/bench/generate';

/** A copy of `base` with every capitalised word of its names and aliases, its ids and its quotes made new. */
export function packCopy(base: Pack, copy: number): Pack {
  const renamed = new Map<string, string>();
  const random = rng(copy * 7919);
  const fresh = (word: string) => {
    let name = renamed.get(word);
    if (!name) {
      const letters = 'bcdfghjklmnprstvz';
      const vowels = 'aeiou';
      name = word.charAt(0);
      for (let i = 0; i < 3; i++) {
        name += letters.charAt(Math.floor(random() * letters.length)) + vowels.charAt(Math.floor(random() * 5));
      }
      name += String.fromCharCode(97 + (copy % 26)) + copy.toString(36);
      renamed.set(word, name);
    }
    return name;
  };
  const rename = (text: string) => text.replace(/\p{Lu}[\p{L}']+/gu, fresh);
  const id = (old: string) => `${old}-c${copy}`;
  const shuffled = (text: string) => {
    const words = text.split(' ');
    for (let k = words.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [words[k], words[j]] = [words[j] ?? '', words[k] ?? ''];
    }
    return words.join(' ');
  };
  return parsePack({
    ...base,
    id: `copy-${copy}`,
    source: { ...base.source, title: `${base.source.title} (copy ${copy})` },
    entities: base.entities.map((entity) => {
      const aliases = [...new Set(entity.aliases.map(rename))];
      return {
        ...entity,
        id: id(entity.id),
        name: rename(entity.name),
        aliases,
        ambiguous: entity.ambiguous.map(rename).filter((alias) => aliases.includes(alias)),
        confirmedBy: entity.confirmedBy.map(id),
        notWhen: entity.notWhen.map(rename),
        demonyms: entity.demonyms.map(rename),
        relations: entity.relations.map((relation) => ({ ...relation, target: id(relation.target) })),
        related: entity.related.map(id),
      };
    }),
    quotes: base.quotes.map((quote) => ({
      ...quote,
      id: id(quote.id),
      text: shuffled(quote.text),
      speaker: id(quote.speaker),
      venue: quote.venue && id(quote.venue),
    })),
    statements: base.statements.map((statement) => ({
      ...statement,
      id: id(statement.id),
      speaker: statement.speaker && id(statement.speaker),
      quotes: statement.quotes.map(id),
    })),
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

function time<T>(runs: number, work: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result = work();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

function main(argv: readonly string[]): number {
  const flag = (name: string, fallback: number) => {
    const index = argv.indexOf(name);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  const copies = flag('--copies', 49);
  const runs = flag('--runs', 5);
  const bundled = parsePack(JSON.parse(readFileSync('src/knowledge/pack.json', 'utf8')), 'src/knowledge/pack.json');
  const packs = [bundled, ...Array.from({ length: copies }, (_, index) => packCopy(bundled, index + 1))];
  const text = newsText(bundled, 20_000);
  const rows: string[][] = [];
  for (const set of [packs.slice(0, 1), packs]) {
    const compile = time(runs, () => compileKnowledge(set, [], { bundledId: bundled.id, now: 0 }));
    const stored = encodeRecord(compile.result);
    const json = JSON.stringify(stored);
    const head = time(runs, () => usableRecord(stored));
    const parse = time(runs, () => usableRecord(stored)?.tables() as MatcherTables);
    const load = time(runs, () => loadMatcher(parse.result));
    const scan = time(runs, () => load.result.scan(text).length);
    rows.push([
      `${set.length}`,
      `${set.reduce((sum, pack) => sum + pack.entities.length, 0)}`,
      compile.ms.toFixed(1),
      (json.length / 1024).toFixed(0),
      (gzipSync(json).length / 1024).toFixed(0),
      [stored.head, stored.names, stored.tables, stored.blobs.join('')]
        .map((text) => (text.length / 1024).toFixed(0))
        .join(' / '),
      head.ms.toFixed(2),
      parse.ms.toFixed(2),
      load.ms.toFixed(2),
      scan.ms.toFixed(2),
      `${scan.result}`,
    ]);
  }
  const header = [
    'packs',
    'entities',
    'compile ms',
    'record KB',
    'gzip KB',
    'head / names / tables / blobs KB',
    'read head ms',
    'parse tables ms',
    'decode ms',
    'scan 20k ms',
    'hits',
  ];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  return 0;
}

if (process.argv[1]?.endsWith('bench/packs.ts')) {
  process.exitCode = main(process.argv.slice(2));
}
