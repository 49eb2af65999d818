/**
 * The other half of the quality measure: every page of the folder is drafted (keyed or not) and must build, as the
 * builder page drafts whatever tab it is opened on. Reports how many built, which named nothing, which failed, and
 * the slowest drafts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pack } from '../../src/knowledge/schema';
import { draftAndBuild, NothingToDraftError } from '../../src/pack-builder/draft';
import { extractArticle } from './extract';

export interface RobustnessResult {
  pages: number;
  built: number;
  nothing: string[];
  noArticle: string[];
  failed: Array<{ page: string; error: string }>;
  slowest: Array<{ page: string; ms: number; chars: number }>;
}

/** Drafts every `.html` page of `folder`. */
export function draftEveryPage(folder: string, known: readonly Pack[]): RobustnessResult {
  const result: RobustnessResult = { pages: 0, built: 0, nothing: [], noArticle: [], failed: [], slowest: [] };
  const times: RobustnessResult['slowest'] = [];
  for (const page of readdirSync(folder)
    .filter((file) => file.endsWith('.html'))
    .sort()) {
    result.pages++;
    const article = extractArticle(readFileSync(path.join(folder, page), 'utf8'), `https://example.org/${page}`);
    if (!article) {
      result.noArticle.push(page);
      continue;
    }
    const started = performance.now();
    try {
      draftAndBuild(article, known, undefined, { now: new Date('2020-01-01T00:00:00Z') });
      result.built++;
    } catch (error) {
      if (error instanceof NothingToDraftError) result.nothing.push(page);
      else
        result.failed.push({
          page,
          error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
        });
    }
    times.push({ page, ms: performance.now() - started, chars: article.paragraphs.join('\n').length });
  }
  result.slowest = times.sort((a, b) => b.ms - a.ms).slice(0, 3);
  return result;
}

/** The report's section on every page. */
export function robustnessLines(result: RobustnessResult): string[] {
  return [
    '## Every page of the folder',
    '',
    `Every page, keyed or not, drafted as the builder page would (Readability, then \`draftAndBuild\`): ` +
      `${result.built} of ${result.pages} built without edits; ${result.nothing.length} named nothing a pack could ` +
      `hold (\`NothingToDraftError\`: ${result.nothing.join(', ') || 'none'}); Readability found no article in ` +
      `${result.noArticle.length}; ${result.failed.length} failed${result.failed.length ? ':' : '.'}`,
    ...result.failed.map((failure) => `- ${failure.page}: ${failure.error}`),
    '',
    `Slowest drafts (Node, this machine): ${result.slowest
      .map((s) => `${s.page} ${(s.ms / 1000).toFixed(1)} s for ${Math.round(s.chars / 1000)}k characters`)
      .join('; ')}.`,
    '',
  ];
}
