/**
 * "3 mentions here": how often the page names an entity. The highlighter may mark only first mentions, so the count
 * comes from a scan of every mention in the same scope, made when a card first needs it and kept until the marks
 * change (a new pass replaces the marks array).
 */
import type { Matcher } from '../../match';
import { collectText } from '../../page/collect';
import type { Highlighter } from '../../page/highlighter';
import { findArticleScope } from '../../page/scope';

export interface MentionCounterOptions {
  readonly doc: Document;
  readonly matcher: Matcher;
  readonly highlighter: Pick<Highlighter, 'marks' | 'scope'>;
  /** Whether the highlighter reads the whole page or the article (for the scope before its first pass). */
  readonly wholePage: () => boolean;
}

/** A function from entity id to its mentions on the page (never fewer than its marks). */
export function createMentionCounter(options: MentionCounterOptions): (entityId: string) => number {
  let cachedFor: readonly unknown[] | null = null;
  let counts = new Map<string, number>();
  return (entityId) => {
    const marks = options.highlighter.marks();
    if (cachedFor !== marks) {
      cachedFor = marks;
      counts = new Map();
      // The highlighter's own scope, so the count and the marks come from the same text.
      const scope = options.highlighter.scope() ?? findArticleScope(options.doc, { wholePage: options.wholePage() });
      const text = scope ? collectText(scope).text : '';
      for (const match of options.matcher.scan(text, { mentions: 'all', quotes: false })) {
        counts.set(match.id, (counts.get(match.id) ?? 0) + 1);
      }
    }
    const marked = marks.filter((mark) => mark.target === entityId).length;
    return Math.max(counts.get(entityId) ?? 0, marked);
  };
}
