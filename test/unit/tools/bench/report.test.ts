import { describe, expect, it } from 'vitest';
import { extensionScripts, matchFigures, median, metOrNot, renderTable } from '../../../../tools/bench/report';

const bench = (name: string, median: number) => ({ name, median, mean: median * 1.1, sampleCount: 5 });

describe('matchFigures', () => {
  const json = {
    files: [
      {
        groups: [
          {
            fullName: 'test/bench/match.bench.ts > scan 3.0 MB of news prose',
            benchmarks: [bench('engine, bundled 1× pack', 150), bench('engine, bundled 20× pack', 165)],
          },
          {
            fullName: 'test/bench/match.bench.ts > startup: createMatcher (automaton build + quote index)',
            benchmarks: [bench('bundled pack', 1.8), bench('realistic pack', 1.2)],
          },
        ],
      },
    ],
  };

  it('reads throughput, the 20× ratio and start-up from the medians', () => {
    const figures = matchFigures(json);
    expect(figures.textMB).toBe(3);
    expect(figures.scanMs).toBe(150);
    expect(figures.mbPerSecond).toBeCloseTo(20);
    expect(figures.ratio20).toBeCloseTo(1.1);
    expect(figures.startupMs).toBe(1.8);
  });

  it('names what is missing instead of reading another bench', () => {
    const renamed = structuredClone(json);
    const scan = renamed.files[0]?.groups[0]?.benchmarks[1];
    if (scan) scan.name = 'engine, bundled 10× pack';
    expect(() => matchFigures(renamed)).toThrow(/engine, bundled 20× pack/);
    expect(() => matchFigures({ files: [] })).toThrow(/scan … MB/);
  });
});

describe('extensionScripts', () => {
  const files = [
    'manifest.json',
    'background.js',
    'card-ui.js',
    'content-scripts/content.js',
    'content-scripts/content.css',
    'chunks/a.js',
    'chunks/b.js',
    'icon/16.png',
  ];

  it('splits the content script (js and css) from web-accessible scripts (MV3, patterns)', () => {
    const manifest = {
      content_scripts: [{ js: ['content-scripts/content.js'], css: ['content-scripts/content.css'] }],
      web_accessible_resources: [{ resources: ['/card-ui.js', 'chunks/*.js', 'icon/*.png'] }],
    };
    expect(extensionScripts(manifest, files)).toEqual({
      contentScript: ['content-scripts/content.js', 'content-scripts/content.css'],
      webAccessibleJs: ['card-ui.js', 'chunks/a.js', 'chunks/b.js'],
    });
  });

  it('reads MV2 string resources and works without any', () => {
    expect(extensionScripts({ web_accessible_resources: ['card-ui.js'] }, files).webAccessibleJs).toEqual([
      'card-ui.js',
    ]);
    expect(extensionScripts({}, files)).toEqual({ contentScript: [], webAccessibleJs: [] });
  });
});

describe('table helpers', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('met only with a figure', () => {
    expect(metOrNot(1.2, (v) => v <= 1.5)).toBe('yes');
    expect(metOrNot(2, (v) => v <= 1.5)).toBe('no');
    expect(metOrNot(null, (v) => v <= 1.5)).toBe('–');
  });

  it('renders aligned Markdown rows', () => {
    const table = renderTable([{ what: 'a', figure: '1 ms', target: '≤ 5 ms', met: 'yes' }]);
    expect(table.split('\n')).toEqual([
      '| what | figure | target | met |',
      '| ---- | ------ | ------ | --- |',
      '| a    | 1 ms   | ≤ 5 ms | yes |',
    ]);
  });
});
