/** Where the card stands: next to its mark, placed with Floating UI and kept there while the page scrolls. */
import { arrow, autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';

/** Gap between the mark and the card, in px (the arrow sits in it). */
export const CARD_OFFSET_PX = 10;
/** Closest the card comes to the viewport's edges, in px. */
export const VIEWPORT_PADDING_PX = 8;

/** Where the card points: a mark's range (or an element). */
export type CardAnchor = Range | Element;

/** A viewport point (the pointer), to pick a line of a wrapped mark. */
export interface CardPoint {
  readonly x: number;
  readonly y: number;
}

/** Keeps `card` placed at `anchor` whenever the page moves it (scroll, resize); returns the stop function. */
export function keepPlaced(
  card: HTMLElement,
  tip: HTMLElement,
  anchor: CardAnchor,
  point: CardPoint | undefined,
  report: (error: unknown) => void,
): () => void {
  return autoUpdate(reference(anchor), card, () => void placeCard(card, tip, anchor, point).catch(report));
}

function reference(anchor: CardAnchor) {
  // Duck-typed: a content script's Range and the page's are different classes in Firefox.
  const context =
    'startContainer' in anchor
      ? anchor.startContainer.nodeType === 1
        ? (anchor.startContainer as Element)
        : anchor.startContainer.parentElement
      : anchor;
  return {
    getBoundingClientRect: () => anchor.getBoundingClientRect(),
    getClientRects: () => anchor.getClientRects(),
    contextElement: context ?? undefined,
  };
}

/** Places `card`, with its arrow `tip`, next to `anchor`: below it, or above where there is no room. */
export async function placeCard(
  card: HTMLElement,
  tip: HTMLElement,
  anchor: CardAnchor,
  point: CardPoint | undefined,
): Promise<void> {
  // Measured at its natural height each time, so `flip` picks the side the same way whatever `size` set before.
  card.style.removeProperty('--bs-room');
  const result = await computePosition(reference(anchor), card, {
    strategy: 'fixed',
    placement: 'bottom',
    middleware: [
      inline(point ? { x: point.x, y: point.y } : undefined),
      offset(CARD_OFFSET_PX),
      flip({ padding: VIEWPORT_PADDING_PX }),
      shift({ padding: VIEWPORT_PADDING_PX }),
      // A short viewport (200% zoom): the card keeps to the room on its side of the mark and scrolls inside.
      size({
        padding: VIEWPORT_PADDING_PX,
        apply({ availableHeight, elements }) {
          elements.floating.style.setProperty('--bs-room', `${Math.max(0, Math.floor(availableHeight))}px`);
        },
      }),
      arrow({ element: tip, padding: 12 }),
    ],
  });
  card.style.left = `${Math.round(result.x)}px`;
  card.style.top = `${Math.round(result.y)}px`;
  card.dataset.side = result.placement.split('-')[0] ?? 'bottom';
  const arrowX = result.middlewareData.arrow?.x;
  tip.style.left = arrowX === undefined ? '' : `${Math.round(arrowX)}px`;
}
