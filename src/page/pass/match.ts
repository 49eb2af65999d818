/**
 * The match phase: the page text through the matcher. Long texts are matched block-aligned, one chunk per slice.
 */
import type { LazyMatcher, Match, Matcher, ScanOptions } from '../../match';
import type { Slicer } from '../slicer';
import type { PassContext } from './context';
import { measure } from './timing';

/** Text matched in one task at most (about 5–10 ms cold); longer pages are matched block-aligned chunk by chunk. */
export const MAX_CHARS_PER_SCAN = 64_000;

/** What every scan asks the matcher: all mentions (first-only is decided per visible mark), the chosen kinds. */
function scanOptions(context: PassContext): ScanOptions {
  const { kinds } = context.settings();
  return {
    mentions: 'all',
    kinds: kinds.filter((kind) => kind !== 'quote'),
    quotes: kinds.includes('quote'),
    confirmed: context.confirmed,
  };
}

/**
 * Scans `text`, found at `offset` of the page text, and appends its matches (in page-text offsets) to `into`;
 * unambiguous mentions confirm their entities' ambiguous aliases in every later scan.
 */
export function scanInto(context: PassContext, text: string, offset: number, into: Match[]): void {
  for (const match of context.matcher.scan(text, scanOptions(context))) {
    into.push(offset === 0 ? match : { ...match, start: match.start + offset, end: match.end + offset });
    if (match.kind === 'entity' && match.how === 'alias') context.confirmed.add(match.id);
  }
}

/**
 * Matches `text` in chunks of whole blocks (nothing matches across a block boundary, so chunks lose nothing), one
 * chunk per slice; entities mentioned unambiguously in earlier chunks confirm ambiguous aliases in later ones.
 * Null when cancelled.
 */
export async function matchSliced(context: PassContext, text: string, slicer: Slicer): Promise<Match[] | null> {
  const found: Match[] = [];
  let offset = 0;
  while (offset < text.length) {
    let end = Math.min(text.length, offset + MAX_CHARS_PER_SCAN);
    if (end < text.length) {
      const boundary = text.lastIndexOf('\n', end);
      end = boundary > offset ? boundary + 1 : end;
    }
    const at = performance.now();
    scanInto(context, text.slice(offset, end), offset, found);
    measure('backstory:match', at, { chars: end - offset });
    offset = end;
    if (offset < text.length && !(await slicer.yield())) return null;
  }
  return found;
}

/** Compiles a lazy matcher's pack in a task of its own; nothing to do for a compiled one. */
export function needsBuild(matcher: Matcher): matcher is LazyMatcher {
  return typeof (matcher as Partial<LazyMatcher>).build === 'function' && !(matcher as LazyMatcher).built;
}
