/**
 * The content script's stylesheet at `document_start`, in both browsers.
 *
 * Chrome injects a content script's `css` before the page is styled whatever its `run_at`; Firefox injects it with the
 * `js`, at `run_at` (ours: `document_idle`). A stylesheet added to a page that is already styled makes Firefox restyle
 * every element (our rules are `::highlight()` rules, which any element may carry): on the 100k-node test page that
 * was a 40–90 ms stall right after `DOMContentLoaded`, before any code of ours ran. So WXT's generated manifest is
 * rewritten: each content script's `css` moves to an entry of its own, same pages and frames, at `document_start`,
 * where it is in place before the page's first style pass.
 *
 * A local WXT module (WXT loads every `modules/*.ts`): its default export registers the rewrite.
 */
import { defineWxtModule } from 'wxt/modules';

/** The parts of a manifest `content_scripts` entry this reads; the script's entry keeps any others as they are. */
export interface ContentScriptEntry {
  matches?: string[];
  exclude_matches?: string[];
  include_globs?: string[];
  exclude_globs?: string[];
  all_frames?: boolean;
  match_about_blank?: boolean;
  match_origin_as_fallback?: boolean;
  js?: string[];
  css?: string[];
  run_at?: 'document_start' | 'document_end' | 'document_idle';
}

/** Keys that choose the pages and frames an entry applies to: the stylesheet's entry keeps them. */
const WHERE_KEYS = [
  'matches',
  'exclude_matches',
  'include_globs',
  'exclude_globs',
  'all_frames',
  'match_about_blank',
  'match_origin_as_fallback',
] as const;

/**
 * `entries` with every `css` list that shares an entry with `js` at another moment than `document_start` moved to
 * an entry of its own at `document_start` (placed first, so the sheet precedes the script as in the original).
 */
export function stylesAtDocumentStart<Entry extends ContentScriptEntry>(entries: readonly Entry[]): Entry[] {
  const out: Entry[] = [];
  for (const entry of entries) {
    const css = entry.css ?? [];
    const runAt = entry.run_at ?? 'document_idle';
    if (css.length === 0 || runAt === 'document_start') {
      out.push(entry);
      continue;
    }
    const styles: Partial<Entry> = {};
    for (const key of WHERE_KEYS) if (entry[key] !== undefined) Object.assign(styles, { [key]: entry[key] });
    out.push({ ...styles, css: [...css], run_at: 'document_start' } as Entry);
    if ((entry.js ?? []).length > 0) {
      const script = { ...entry };
      delete script.css;
      out.push(script);
    }
  }
  return out;
}

/** Rewrites the generated manifest's content scripts with {@link stylesAtDocumentStart}, in every build. */
export default defineWxtModule({
  name: 'backstory:manifest-styles',
  setup(wxt) {
    wxt.hook('build:manifestGenerated', (_wxt, manifest) => {
      if (manifest.content_scripts) manifest.content_scripts = stylesAtDocumentStart(manifest.content_scripts);
    });
  },
});
