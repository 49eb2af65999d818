/** An incremental pass: re-reads only the subtrees that were added or whose text changed. */
import type { Match } from '../../match';
import { collectText } from '../collect';
import { Slicer } from '../slicer';
import { afterNextFrame } from '../tasks';
import type { PassContext } from './context';
import { makeMarks } from './marks';
import { scanInto } from './match';
import { measure } from './timing';
import type { PageMark } from './types';

/**
 * Re-scans `roots` (none inside another), replacing the marks they held, and drops marks whose text left; true when
 * it finished, false when cancelled at one of its yields.
 */
export async function incrementalPass(
  context: PassContext,
  roots: readonly Node[],
  cancelled: () => boolean,
): Promise<boolean> {
  const { win, store } = context;
  const slicer = new Slicer(win, cancelled);
  // One wait for a frame for the whole update (see `fullPass`); the slices below read styles right after it.
  if (!(await slicer.wait(() => afterNextFrame(win)))) return false;
  const started = performance.now();
  store.restore();
  store.dropStale();
  store.remove(store.marks.filter((mark) => roots.some((root) => root.contains(mark.range.startContainer))));
  const seen = new Set(store.marks.map((mark) => mark.target));
  const added: PageMark[] = [];
  for (const root of roots) {
    if (slicer.due() && !(await slicer.yield())) return false;
    const pageText = collectText(root, { checkStyles: false });
    if (!pageText.text.trim()) continue;
    const matches: Match[] = [];
    scanInto(context, pageText.text, 0, matches);
    const made = await makeMarks(context, pageText, matches, store.index, seen, slicer);
    if (!made) return false;
    added.push(...made);
  }
  store.add(added);
  measure('backstory:update', started, { roots: roots.length, marks: added.length });
  return true;
}
