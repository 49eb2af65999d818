/** What every pass of one highlighter shares: its page, matcher, settings and marks. */
import type { Matcher } from '../../match';
import type { MarkStore } from '../mark-store';
import type { HighlightSettings } from './types';

export interface PassContext {
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  readonly matcher: Matcher;
  /** The settings now: an update during a pass applies to what that pass has not read yet. */
  readonly settings: () => HighlightSettings;
  /** Entities with an unambiguous mention on the page: they confirm ambiguous aliases in any later scan. */
  readonly confirmed: Set<string>;
  readonly store: MarkStore;
  /** The serial of the last mark made; serials are unique within the page's lifetime. */
  serial: number;
}
