import { describe, expect, it } from 'vitest';
import { stylesAtDocumentStart, type ContentScriptEntry } from '../../../modules/manifest-styles';

describe('stylesAtDocumentStart', () => {
  const matches = ['http://*/*', 'https://*/*'];

  it('moves the css of an idle entry to an entry of its own at document_start, for the same pages and frames', () => {
    const entries = stylesAtDocumentStart([
      { matches, all_frames: false, run_at: 'document_idle', js: ['content.js'], css: ['content.css'] },
    ]);
    expect(entries).toEqual([
      { matches, all_frames: false, run_at: 'document_start', css: ['content.css'] },
      { matches, all_frames: false, run_at: 'document_idle', js: ['content.js'] },
    ]);
  });

  it('treats a missing run_at as document_idle and keeps globs and exclusions', () => {
    const entries = stylesAtDocumentStart([
      { matches, exclude_matches: ['https://example.org/*'], include_globs: ['*news*'], js: ['a.js'], css: ['a.css'] },
    ]);
    expect(entries[0]).toEqual({
      matches,
      exclude_matches: ['https://example.org/*'],
      include_globs: ['*news*'],
      run_at: 'document_start',
      css: ['a.css'],
    });
    expect(entries[1]).toEqual({
      matches,
      exclude_matches: ['https://example.org/*'],
      include_globs: ['*news*'],
      js: ['a.js'],
    });
  });

  it('leaves entries without css, entries already at document_start, and css-only entries with no script', () => {
    const scriptOnly: ContentScriptEntry = { matches, run_at: 'document_end', js: ['b.js'] };
    const early: ContentScriptEntry = { matches, run_at: 'document_start', js: ['c.js'], css: ['c.css'] };
    expect(stylesAtDocumentStart([scriptOnly, early])).toEqual([scriptOnly, early]);
    expect(stylesAtDocumentStart([{ matches, run_at: 'document_end', css: ['d.css'] }])).toEqual([
      { matches, run_at: 'document_start', css: ['d.css'] },
    ]);
  });

  it('does not change its input', () => {
    const entry = { matches, js: ['e.js'], css: ['e.css'] };
    stylesAtDocumentStart([entry]);
    expect(entry).toEqual({ matches, js: ['e.js'], css: ['e.css'] });
  });
});
