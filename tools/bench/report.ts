/**
 * The pure half of `npm run bench` (tools/bench/bench.ts): reading vitest's bench JSON, choosing the built extension's
 * files from its manifest, and rendering the one table of figures. No file system, no browser: tested with plain
 * inputs in test/unit/tools/bench/report.test.ts.
 */

/** The few fields of `vitest bench --outputJson` this reads. */
export interface VitestBenchJson {
  files?: {
    groups?: {
      fullName?: string;
      benchmarks?: { name?: string; median?: number; mean?: number; sampleCount?: number }[];
    }[];
  }[];
}

/** Figures from the matching bench (test/bench/match.bench.ts), medians in ms. */
export interface MatchFigures {
  /** Size of the scanned text, from the group name (`scan 3.0 MB of news prose`), MB (10⁶ characters). */
  textMB: number;
  /** Median scan of the text with the bundled pack, ms. */
  scanMs: number;
  /** textMB / scan time. */
  mbPerSecond: number;
  /** Median scan with the bundled pack made 20× larger, ms. */
  scan20Ms: number;
  /** scan20Ms / scanMs: the cost of a 20× pack. */
  ratio20: number;
  /** Median `createMatcher` (automaton + quote index) for the bundled pack, ms. */
  startupMs: number;
}

/**
 * The matching figures from vitest's bench JSON, or an error naming what is missing (a renamed bench must not be read
 * as a figure of another).
 */
export function matchFigures(json: VitestBenchJson): MatchFigures {
  const groups = (json.files ?? []).flatMap((file) => file.groups ?? []);
  const scanGroup = groups.find((group) => /scan [\d.]+ MB/.test(group.fullName ?? ''));
  const startGroup = groups.find((group) => /startup/.test(group.fullName ?? ''));
  if (!scanGroup) throw new Error('vitest bench JSON: no "scan … MB" group');
  if (!startGroup) throw new Error('vitest bench JSON: no "startup" group');
  const textMB = Number(/scan ([\d.]+) MB/.exec(scanGroup.fullName ?? '')?.[1]);
  const find = (group: typeof scanGroup, name: string): number => {
    const bench = (group.benchmarks ?? []).find((candidate) => candidate.name === name);
    const value = bench?.median ?? bench?.mean;
    if (typeof value !== 'number' || !(value > 0)) throw new Error(`vitest bench JSON: no figure for "${name}"`);
    return value;
  };
  const scanMs = find(scanGroup, 'engine, bundled 1× pack');
  const scan20Ms = find(scanGroup, 'engine, bundled 20× pack');
  return {
    textMB,
    scanMs,
    mbPerSecond: textMB / (scanMs / 1000),
    scan20Ms,
    ratio20: scan20Ms / scanMs,
    startupMs: find(startGroup, 'bundled pack'),
  };
}

/** The manifest fields this reads (MV3 or MV2). */
export interface ManifestLike {
  content_scripts?: { js?: string[]; css?: string[] }[];
  web_accessible_resources?: (string | { resources?: string[] })[];
}

/**
 * The files every page gets (`content_scripts` js and css) and the other web-accessible scripts (chunks the content
 * script imports on demand). Patterns in `web_accessible_resources` are matched against `files` (paths relative to
 * the extension folder, `/`-separated).
 */
export function extensionScripts(
  manifest: ManifestLike,
  files: readonly string[],
): { contentScript: string[]; webAccessibleJs: string[] } {
  const strip = (file: string) => file.replace(/^\/+/, '');
  const contentScript = [
    ...new Set((manifest.content_scripts ?? []).flatMap((entry) => [...(entry.js ?? []), ...(entry.css ?? [])])),
  ].map(strip);
  const patterns = (manifest.web_accessible_resources ?? []).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : (entry.resources ?? []),
  );
  const webAccessibleJs = new Set<string>();
  for (const pattern of patterns.map(strip)) {
    const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    for (const file of files) {
      if (/\.m?js$/.test(file) && regex.test(file) && !contentScript.includes(file)) webAccessibleJs.add(file);
    }
  }
  return { contentScript, webAccessibleJs: [...webAccessibleJs].sort() };
}

/** Median of `values` (mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One row of the table: what, the figure, the target (if any) and whether it is met. */
export interface BenchRow {
  what: string;
  figure: string;
  target: string;
  /** `yes`, `no`, or `–` without a target or a figure. */
  met: string;
}

/** `yes`/`no` against a target, `–` without a figure. */
export const metOrNot = (value: number | null | undefined, ok: (value: number) => boolean): string =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : ok(value) ? 'yes' : 'no';

/** A Markdown table of the rows (also readable as plain text). */
export function renderTable(rows: readonly BenchRow[]): string {
  const header: BenchRow = { what: 'what', figure: 'figure', target: 'target', met: 'met' };
  const keys = ['what', 'figure', 'target', 'met'] as const;
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: BenchRow) => `| ${keys.map((key, i) => row[key].padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
