import { describe, expect, it } from 'vitest';
import {
  extensionScripts,
  profileCost,
  type CpuProfile,
  type CpuProfileNode,
} from '../../../tools/profile/cpu-profile';

const OURS = 'chrome-extension://abc/content-scripts/content.js';
const PAGE = 'http://127.0.0.1:8000/app.js';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 9 });

/** root → (program), (idle), (garbage collector), page main → page helper, ours scan → native nextNode. */
const NODES: CpuProfileNode[] = [
  { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5, 7] },
  { id: 2, callFrame: frame('(program)') },
  { id: 3, callFrame: frame('(idle)') },
  { id: 4, callFrame: frame('(garbage collector)') },
  { id: 5, callFrame: frame('main', PAGE), children: [6] },
  { id: 6, callFrame: frame('helper', PAGE) },
  { id: 7, callFrame: frame('scan', OURS), children: [8, 9] },
  { id: 8, callFrame: frame('nextNode') },
  { id: 9, callFrame: frame('pageCallback', PAGE) },
];

/** A profile whose samples are 1 ms apart, starting at 0. */
function profile(samples: number[]): CpuProfile {
  return {
    nodes: NODES,
    startTime: 0,
    endTime: samples.length * 1000,
    samples,
    timeDeltas: samples.map((_, i) => (i === 0 ? 0 : 1000)),
  };
}

describe('profileCost', () => {
  const isOurs = extensionScripts('chrome-extension://abc');

  it('counts every sample with our code anywhere on the stack, natives and page callbacks under it included', () => {
    const cost = profileCost(profile([5, 7, 8, 9, 3, 6]), isOurs);
    expect(cost.ourSamples).toBe(3);
    expect(cost.ourMs).toBe(3);
    expect(cost.stretchesMs).toEqual([3]);
    expect(cost.profiledMs).toBe(6);
  });

  it('splits stretches at any sample that is not ours, and keeps garbage collection inside a stretch', () => {
    const cost = profileCost(profile([7, 4, 8, 2, 7, 7, 3, 4, 7]), isOurs);
    expect(cost.stretchesMs).toEqual([3, 2, 1]);
    expect(cost.longestStretchMs).toBe(3);
    expect(cost.ourMs).toBe(6);
    expect(cost.gcMs).toBe(1);
  });

  it('does not count garbage collection outside a stretch of ours', () => {
    const cost = profileCost(profile([4, 4, 5, 4, 2]), isOurs);
    expect(cost).toMatchObject({ ourMs: 0, gcMs: 0, longestStretchMs: 0, stretchesMs: [] });
  });

  it('books self time to the innermost function of ours', () => {
    const cost = profileCost(profile([7, 8, 8, 9]), isOurs);
    expect(cost.top).toEqual([{ name: 'scan', url: OURS, line: 10, selfMs: 4 }]);
  });

  it('handles an empty profile', () => {
    expect(profileCost({ nodes: NODES, startTime: 0, endTime: 0 }, isOurs)).toMatchObject({
      ourMs: 0,
      samples: 0,
      longestStretchMs: 0,
    });
  });

  it('tells our scripts by origin only', () => {
    expect(isOurs(OURS)).toBe(true);
    expect(isOurs('chrome-extension://abcd/content.js')).toBe(false);
    expect(isOurs(PAGE)).toBe(false);
  });
});
