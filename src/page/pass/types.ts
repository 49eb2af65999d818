/** What the highlighter marks, and the marks it makes: shared by the pass's phases and the highlighter's users. */
import type { Match } from '../../match';
import type { MarkKind } from '../../shared/vocabulary';

/** What to mark. */
export interface HighlightSettings {
  /** `first`: the first mention of each entity; `all`: every mention. Quotes are always every occurrence. */
  readonly mentions: 'first' | 'all';
  /** `article`: the article scope; `page`: the whole body. */
  readonly scope: 'article' | 'page';
  /** Kinds to mark (entity kinds and `quote`). */
  readonly kinds: readonly MarkKind[];
}

export const DEFAULT_HIGHLIGHT_SETTINGS: HighlightSettings = {
  mentions: 'first',
  scope: 'article',
  kinds: ['person', 'organization', 'group', 'place', 'media', 'event', 'quote'],
};

/** One mark on the page. */
export interface PageMark {
  /** Serial number, unique within the page's lifetime. */
  readonly serial: number;
  readonly kind: MarkKind;
  /** The entity id, or the quote id for a quote mark. */
  readonly target: string;
  readonly match: Match;
  /** A live Range over exactly the matched text. */
  readonly range: Range;
  /** The matched text as it was when marked: a range whose text changed is dropped. */
  readonly text: string;
}
