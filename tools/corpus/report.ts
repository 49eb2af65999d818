/** The run's summary and its Markdown report (`report.md`). */
import type { CorpusReport, PageReport, ToggleOffReport } from './report-shapes';
import { median, round2 } from './stats';
import { AT_LOAD_FLOOR_LOADS, LONG_TASK_MS, RATIO_PAGES } from './tunables';

export function summarise(pages: PageReport[], elapsedMs: number): CorpusReport['summary'] {
  const largest = [...pages].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, RATIO_PAGES);
  const ratios = largest.map((page) => page.ratio).filter((ratio): ratio is number => ratio !== null);
  const warmRatios = largest.map((page) => page.warmRatio).filter((ratio): ratio is number => ratio !== null);
  const settledRatios = largest.map((page) => page.settledRatio).filter((ratio): ratio is number => ratio !== null);
  let longest: { file: string; ms: number } | null = null;
  for (const page of pages) {
    if (page.longTasks.longestOursMs > (longest?.ms ?? 0))
      longest = { file: page.file, ms: page.longTasks.longestOursMs };
  }
  const breakage = pages
    .filter((page) => page.breakage.reasons.length > 0)
    .map((page) => ({ file: page.file, reasons: page.breakage.reasons }));
  const toggled = pages.filter((page) => page.toggleOff.status !== 'skipped');
  const reacts = toggled.map((page) => page.toggleOff.reactMs).filter((ms): ms is number => ms !== null);
  return {
    pages: pages.length,
    completed: pages.filter((page) => page.status === 'ok').length,
    largestFive: largest.map((page) => ({ file: page.file, sizeBytes: page.sizeBytes, ratio: page.ratio })),
    largestFiveMedianRatio: ratios.length > 0 ? round2(median(ratios)) : null,
    largestFiveMedianWarmRatio: warmRatios.length > 0 ? round2(median(warmRatios)) : null,
    largestFiveMedianSettledRatio: settledRatios.length > 0 ? round2(median(settledRatios)) : null,
    longestTaskOfOurs: longest,
    toggleOff: {
      ok: toggled.filter((page) => page.toggleOff.status === 'ok').length,
      checked: toggled.length,
      medianReactMs: reacts.length > 0 ? Math.round(median(reacts)) : null,
    },
    extensionMessages: pages.reduce((sum, page) => sum + page.errors.extension, 0),
    broken: breakage.length,
    breakage,
    elapsedMs,
  };
}

export const fmt = (value: number | null, digits = 1): string => (value === null ? '–' : value.toFixed(digits));

function toggleCell(t: ToggleOffReport): string {
  const ms = t.reactMs === null ? '' : ` (${t.reactMs})`;
  if (t.status === 'ok') return `same${ms}`;
  if (t.status === 'skipped') return '–';
  return `**${t.status}**${ms}`;
}
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function renderMarkdown(report: CorpusReport): string {
  const header = [
    'page',
    'size KB',
    'text chars',
    'marks',
    'entities',
    'quotes',
    'pass ms',
    'floor ms at load (settled / warm)',
    'ratio (settled / warm)',
    'long tasks ours/all (longest ours ms)',
    'errors page/console/ext',
    'turned off (ms)',
    'breakage',
  ];
  const lines = [
    `# Corpus run`,
    '',
    `Folder \`${report.folder}\`, ${report.date}, extension \`${report.extensionDir}\`.`,
    '',
    'Pass ms: the first `backstory:scan` of a load (our own work, without the page between our slices); for the 5',
    `largest pages the median over ${AT_LOAD_FLOOR_LOADS} loads. Floor ms: one`,
    'TreeWalker pass over the body reading its text (script/style/… subtrees rejected): at load, median of one run in a',
    `fresh isolated world per load of the page without the extension (${AT_LOAD_FLOOR_LOADS} loads for the 5 largest pages), at its first idle period after \`load\` (as our`,
    'pass runs); settled, median of 3 fresh worlds in the page with the extension after its pass; warm, median of 15',
    "runs in the page's own world.",
    'Long tasks: those overlapping a `backstory:` measure / all of the page with the extension (longest of ours, ms).',
    'Errors ext: anything the extension (content script, service worker, extension pages) threw or logged during the',
    "whole visit, turning it off included. Turned off: the site turned off by the popup's message; `same` when no",
    'highlight or card was left and the text and block boxes were those of the page without the extension (ms: until',
    'the content script reported off with nothing left).',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 || i === header.length - 1 ? '---' : '--:')).join('|')}|`,
  ];
  for (const page of report.pages) {
    const status = page.status === 'ok' ? '' : `${page.status}: ${page.problem ?? ''}; `;
    const breakage = page.breakage.reasons.length > 0 ? `**${page.breakage.reasons.join('; ')}**` : 'none';
    const unstable = page.breakage.unstable.length > 0 ? ` (page unstable: ${page.breakage.unstable.join(', ')})` : '';
    lines.push(
      `| ${[
        cell(page.file),
        (page.sizeBytes / 1024).toFixed(0),
        String(page.textChars),
        String(page.marks.total),
        String(page.entitiesFound),
        String(page.quotesFound),
        fmt(page.measures.passMs),
        `${fmt(page.floor.atLoadMs)} (${fmt(page.floor.coldMs)} / ${fmt(page.floor.medianMs)})`,
        `${fmt(page.ratio, 2)} (${fmt(page.settledRatio, 2)} / ${fmt(page.warmRatio, 2)})`,
        `${page.longTasks.ours}/${page.longTasks.total} (${fmt(page.longTasks.longestOursMs, 0)})`,
        `${page.errors.pageErrors}/${page.errors.consoleErrors}/${page.errors.extension}`,
        toggleCell(page.toggleOff),
        cell(status + breakage + unstable + (page.settled ? '' : ' (not settled)')),
      ].join(' | ')} |`,
    );
  }
  const s = report.summary;
  lines.push(
    '',
    '## Summary',
    '',
    `- Pages: ${s.pages} (${s.completed} completed), ${(s.elapsedMs / 1000).toFixed(0)} s.`,
    `- Five largest pages, median pass/floor ratio: **${fmt(s.largestFiveMedianRatio, 2)}** against the floor at ` +
      `load (one TreeWalker pass in a fresh isolated world at the page's first idle period, as our pass runs), ` +
      `${fmt(s.largestFiveMedianSettledRatio, 2)} against the same floor measured after our pass on the settled ` +
      `page, ${fmt(s.largestFiveMedianWarmRatio, 2)} against the warm main-world floor ` +
      `(${s.largestFive.map((page) => `${page.file} ${(page.sizeBytes / 1024).toFixed(0)} KB: ${fmt(page.ratio, 2)}`).join('; ')}).`,
    `- Longest task of ours: ${s.longestTaskOfOurs ? `**${s.longestTaskOfOurs.ms.toFixed(0)} ms** (${s.longestTaskOfOurs.file})` : `none over ${LONG_TASK_MS} ms`}.`,
    `- Turned off: **${s.toggleOff.ok}/${s.toggleOff.checked}** pages back as without the extension` +
      (s.toggleOff.medianReactMs !== null ? ` (median ${s.toggleOff.medianReactMs} ms to off)` : '') +
      (s.toggleOff.checked < s.pages ? `; ${s.pages - s.toggleOff.checked} not reached` : '') +
      '.',
    `- Errors or console messages from the extension: **${s.extensionMessages}**.`,
    `- Breakage: **${s.broken} page(s)**${s.broken ? ':' : '.'}`,
    ...s.breakage.map((page) => `  - ${page.file}: ${page.reasons.join('; ')}`),
  );
  const marksPer = new Map<string, number>();
  for (const page of report.pages) {
    for (const [id, count] of Object.entries(page.marks.byTarget)) marksPer.set(id, (marksPer.get(id) ?? 0) + count);
  }
  if (marksPer.size > 0) {
    lines.push(
      '',
      '## Marks per entity and quote (all pages)',
      '',
      [...marksPer]
        .sort((a, b) => b[1] - a[1])
        .map(([id, count]) => `${id} ${count}`)
        .join(', '),
    );
  }
  const marked = report.pages.filter((page) => page.marks.samples.length > 0);
  if (marked.length > 0) {
    lines.push(
      '',
      '## Marks with context',
      '',
      'Per page, every mark (the first 300) in page order: its kind, the marked text in brackets.',
    );
    for (const page of marked) {
      const targets = Object.entries(page.marks.byTarget)
        .map(([id, count]) => `${id} ${count}`)
        .join(', ');
      lines.push('', `### ${page.file}`, '', `${page.marks.total} marks: ${targets}.`, '');
      for (const sample of page.marks.samples) lines.push(`- ${sample.replaceAll('|', '\\|')}`);
    }
  }
  return lines.join('\n') + '\n';
}
