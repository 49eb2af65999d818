/**
 * A full pass: scope, walk, match and marks, in slices, timed by phase. The previous marks stay drawn until the new
 * ones replace them at the end.
 */
import { IntervalIndex } from '../interval-index';
import { Slicer } from '../slicer';
import { afterNextFrame, whenIdle, yieldToMain } from '../tasks';
import type { PassContext } from './context';
import { makeMarks } from './marks';
import { matchSliced, needsBuild } from './match';
import { articleCandidates, pickScope } from './scope';
import { measure, PassTiming, type PassPhase } from './timing';
import type { PageMark } from './types';
import { walkBody, walkLeftOut } from './walk';

/**
 * Runs a full pass; true when it finished and replaced the marks, false when `cancelled()` turned true at one of its
 * yields (or there is no body). `onScope` hears the chosen scope as soon as it is known, before the marks.
 */
export async function fullPass(
  context: PassContext,
  cancelled: () => boolean,
  onScope: (scope: Element) => void,
): Promise<boolean> {
  const { doc, win, matcher, store } = context;
  // A full pass starts when the page is idle (within IDLE_WAIT_MS), never in a task with whatever ran before.
  await whenIdle(win);
  if (cancelled()) return false;
  if (needsBuild(matcher)) {
    const compiling = performance.now();
    matcher.build();
    measure('backstory:startup', compiling, {});
    await yieldToMain(win);
    if (cancelled()) return false;
  }
  const timing = new PassTiming();
  const slicer = new Slicer(win, cancelled, timing.spent);
  const enter = (phase: PassPhase) => {
    slicer.lap();
    timing.phase = phase;
  };
  const body = doc.body ?? doc.documentElement;
  if (!body) return false;
  if (doc.designMode === 'on') {
    // A document in design mode is one editable area: nothing is marked in it.
    store.clear();
    return true;
  }
  const candidates = articleCandidates(doc, context.settings());
  enter('walk');
  const walk = await walkBody(body, candidates, slicer);
  if (!walk) return false;
  enter('scope');
  const scoping = performance.now();
  const scope = pickScope(body, candidates, walk);
  onScope(scope.element);
  measure('backstory:scope', scoping, {});
  let pageText = scope.text;
  if (scope.element === body && walk.leftOut.length > 0) {
    // No candidate is the story: the body is the scope, chrome included; the chrome the walk left out is read now.
    enter('walk');
    if (!(await slicer.yield())) return false;
    const whole = await walkLeftOut(walk, slicer);
    if (!whole) return false;
    pageText = whole;
  }
  if (!(await slicer.yield())) return false;
  context.confirmed.clear();
  enter('match');
  const found = await matchSliced(context, pageText.text, slicer);
  if (!found) return false;
  enter('marks');
  const fresh = new IntervalIndex<Node, PageMark>();
  let made: PageMark[] = [];
  if (found.length > 0) {
    // Marks read whether their text is rendered; after the next frame that is a lookup, not a forced style pass.
    if (!(await slicer.wait(() => afterNextFrame(win)))) return false;
    const marks = await makeMarks(context, pageText, found, fresh, new Set(), slicer);
    if (!marks) return false;
    made = marks;
  }
  slicer.lap();
  store.replace(fresh, made);
  slicer.lap();
  timing.record(pageText.text.length, made);
  return true;
}
