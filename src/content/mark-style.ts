/**
 * Mark styles without touching the page's DOM. The highlight names stay `backstory-<kind>` whatever the style (a
 * contract): `entrypoints/content/style.css` draws the default underline, and a non-default style is a small
 * constructed stylesheet adopted by the document (`document.adoptedStyleSheets`, no element added) whose
 * `:root:root ::highlight(…)` rules out-rank the defaults (`:root ::highlight(…)`, also !important) by specificity. If a page replaces its adopted sheets, marks
 * fall back to the default underline: never an error, never an invisible mark.
 */
import { MARK_KINDS, highlightName, type MarkKind } from '../shared/vocabulary';
import type { MarkStyle } from '../settings/schema';

/** Tint per kind for the `background` style: the underline hues at low alpha, readable on light and dark pages. */
const TINTS: Record<MarkKind, string> = {
  person: 'rgb(47 125 225 / 0.2)',
  organization: 'rgb(155 81 224 / 0.2)',
  group: 'rgb(155 81 224 / 0.2)',
  place: 'rgb(31 157 106 / 0.2)',
  media: 'rgb(217 130 43 / 0.2)',
  event: 'rgb(217 130 43 / 0.2)',
  quote: 'rgb(255 196 0 / 0.22)',
};

/** The CSS that turns the default marks into `style`; empty for the default. Pure. */
export function markStyleCss(style: MarkStyle): string {
  if (style === 'underline') return '';
  const entityKinds = MARK_KINDS.filter((kind) => kind !== 'quote');
  const select = (kinds: readonly MarkKind[]) => kinds.map((kind) => `:root:root ::highlight(${highlightName(kind)})`);
  if (style === 'dotted')
    return `${select(entityKinds).join(',\n')} {\n  text-decoration-style: dotted !important;\n}\n`;
  return MARK_KINDS.map(
    (kind) =>
      `${select([kind]).join('')} {\n  text-decoration: none !important;\n  background-color: ${TINTS[kind]} !important;\n}\n`,
  ).join('');
}

/** Applies a mark style to a document through one adopted stylesheet; returns a function that removes it. */
export function createMarkStyler(
  doc: Document,
  win: Window & typeof globalThis,
): { set(style: MarkStyle): void; dispose(): void } {
  let sheet: CSSStyleSheet | null = null;
  const detach = () => {
    if (!sheet) return;
    const ours = sheet;
    try {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((other) => other !== ours);
    } catch {
      // A page that froze its sheets: nothing of ours to clean up there.
    }
    sheet = null;
  };
  return {
    set(style) {
      const css = markStyleCss(style);
      detach();
      if (!css) return;
      try {
        const next = new win.CSSStyleSheet();
        next.replaceSync(css);
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, next];
        sheet = next;
      } catch {
        // No constructable stylesheets: the default underline stays.
      }
    },
    dispose: detach,
  };
}
