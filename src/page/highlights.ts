/**
 * Draws marks with the CSS Custom Highlight API: one `Highlight` per kind, registered in `CSS.highlights` under
 * `backstory-<kind>`. Nothing in the page's DOM changes. The window is a parameter; nothing runs at import.
 */
import { highlightName, type MarkKind } from '../shared/vocabulary';

/** Quotes are drawn under entity marks, so a name inside a known quote keeps its own mark. */
const PRIORITY: Record<MarkKind, number> = {
  quote: 0,
  event: 1,
  place: 1,
  media: 1,
  organization: 1,
  group: 1,
  person: 1,
};

/** One drawn mark. */
export interface DrawnMark {
  readonly kind: MarkKind;
  readonly range: AbstractRange;
}

/** The window features this module needs (a real window, or a test double). */
export type HighlightWindow = Pick<typeof globalThis, 'CSS' | 'Highlight'>;

/** The marks layer of one document. */
export interface HighlightLayer {
  /** Replaces every drawn mark. */
  render(marks: Iterable<DrawnMark>): void;
  /** Adds marks to what is drawn. */
  add(marks: Iterable<DrawnMark>): void;
  /** Removes these ranges (e.g. after their text left the page). */
  remove(ranges: Iterable<AbstractRange>): void;
  /** Registers our highlights again if the page removed or replaced them; true when something was restored. */
  restore(): boolean;
  /** Number of drawn ranges. */
  readonly size: number;
  /** Unregisters every highlight of ours. */
  dispose(): void;
}

/** True when the browser supports the CSS Custom Highlight API. */
export function supportsHighlights(win: Partial<HighlightWindow>): win is HighlightWindow {
  return typeof win.Highlight === 'function' && typeof win.CSS?.highlights?.set === 'function';
}

/** Creates the marks layer. Highlights are registered lazily, when a kind first has marks, after they are added. */
export function createHighlightLayer(win: HighlightWindow): HighlightLayer {
  const highlights = new Map<MarkKind, Highlight>();
  const kindOf = new Map<AbstractRange, MarkKind>();

  const highlightFor = (kind: MarkKind): Highlight => {
    let highlight = highlights.get(kind);
    if (!highlight) {
      highlight = new win.Highlight();
      highlight.priority = PRIORITY[kind];
      highlights.set(kind, highlight);
      // Registered by `restore()` once its ranges are in: a registered highlight schedules a repaint per range
      // added, an unregistered one does not.
    }
    return highlight;
  };

  const layer: HighlightLayer = {
    render(marks) {
      for (const highlight of highlights.values()) highlight.clear();
      kindOf.clear();
      layer.add(marks);
    },
    add(marks) {
      for (const mark of marks) {
        highlightFor(mark.kind).add(mark.range);
        kindOf.set(mark.range, mark.kind);
      }
      layer.restore();
    },
    remove(ranges) {
      for (const range of ranges) {
        const kind = kindOf.get(range);
        if (!kind) continue;
        highlights.get(kind)?.delete(range);
        kindOf.delete(range);
      }
    },
    restore() {
      let restored = false;
      for (const [kind, highlight] of highlights) {
        const name = highlightName(kind);
        if (win.CSS.highlights.get(name) !== highlight) {
          win.CSS.highlights.set(name, highlight);
          restored = true;
        }
      }
      return restored;
    },
    get size() {
      return kindOf.size;
    },
    dispose() {
      for (const [kind, highlight] of highlights) {
        highlight.clear();
        if (win.CSS.highlights.get(highlightName(kind)) === highlight) win.CSS.highlights.delete(highlightName(kind));
      }
      highlights.clear();
      kindOf.clear();
    },
  };
  return layer;
}
