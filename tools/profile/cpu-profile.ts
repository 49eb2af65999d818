/**
 * What the extension costs the page's main thread, read from a V8 CPU profile (DevTools `Profiler.stop`): every
 * sample with one of our functions anywhere on its stack is ours, whatever runs under it (DOM calls, style and layout
 * that our code forces, regular expressions: V8 books them to the calling JavaScript frame). Pure: the profile and a
 * test for "our script" are parameters.
 *
 * Stretches: consecutive samples of ours are one stretch (what the page waits for without a chance to run), measured
 * from the first sample's time to the next sample that is not ours. A garbage-collector sample between two of ours
 * belongs to the stretch (our allocations paid for it; the page could not run meanwhile) and is counted as ours.
 */

/** The parts of a DevTools `Profiler.Profile` read here. */
export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  /** Microseconds. */
  readonly startTime: number;
  /** Microseconds. */
  readonly endTime: number;
  /** Node id of each sample. */
  readonly samples?: readonly number[];
  /** Microseconds since the previous sample (the first: since `startTime`). */
  readonly timeDeltas?: readonly number[];
}

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber?: number };
  readonly children?: readonly number[];
}

/** One function of ours and the time it ran itself (samples with it on top of the stack, or under it natively). */
export interface FunctionCost {
  readonly name: string;
  readonly url: string;
  readonly line: number;
  readonly selfMs: number;
}

export interface ProfileCost {
  /** Main-thread time with our code on the stack, ms. */
  readonly ourMs: number;
  /** Of which garbage collection inside our stretches, ms. */
  readonly gcMs: number;
  /** Every stretch of ours, ms, in time order. */
  readonly stretchesMs: readonly number[];
  /** The longest stretch, ms (0 when none). */
  readonly longestStretchMs: number;
  /** Time covered by the profile, ms. */
  readonly profiledMs: number;
  /** Samples in the profile, and of ours. */
  readonly samples: number;
  readonly ourSamples: number;
  /** Our functions by self time, most costly first (at most `topFunctions`). */
  readonly top: readonly FunctionCost[];
}

const GC_NODE = '(garbage collector)';

/** Which node ids have one of our frames at or above them, and which is the nearest such frame of each. */
function ownership(
  nodes: readonly CpuProfileNode[],
  isOurs: (url: string) => boolean,
): { nearestOurs: Map<number, number>; gc: Set<number> } {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nearestOurs = new Map<number, number>();
  const gc = new Set<number>();
  // Parents come before children in DevTools' node list, but do not rely on it: walk up with memoisation.
  const resolve = (id: number): number | undefined => {
    if (nearestOurs.has(id)) return nearestOurs.get(id);
    const node = byId.get(id);
    if (!node) return undefined;
    let found: number | undefined;
    if (isOurs(node.callFrame.url)) found = id;
    else {
      const up = parent.get(id);
      found = up === undefined ? undefined : resolve(up);
    }
    if (found !== undefined) nearestOurs.set(id, found);
    return found;
  };
  for (const node of nodes) {
    resolve(node.id);
    if (node.callFrame.functionName === GC_NODE) gc.add(node.id);
  }
  return { nearestOurs, gc };
}

/**
 * The cost of our code in `profile`. `isOurs(url)` tells a script of ours (e.g. `url.startsWith('chrome-extension://
 * <id>/')`). Sample durations: each sample lasts until the next one (DevTools' convention); the last one until
 * `endTime`.
 */
export function profileCost(profile: CpuProfile, isOurs: (url: string) => boolean, topFunctions = 10): ProfileCost {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const { nearestOurs, gc } = ownership(profile.nodes, isOurs);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const times: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) times.push((t += deltas[i] ?? 0));
  const duration = (i: number): number => ((times[i + 1] ?? profile.endTime) - (times[i] ?? profile.endTime)) / 1000;

  let ourMs = 0;
  let gcMs = 0;
  let ourSamples = 0;
  const stretches: number[] = [];
  const self = new Map<number, number>();
  let stretch = 0;
  let pendingGc = 0;
  let inStretch = false;
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] ?? -1;
    const ms = Math.max(0, duration(i));
    const owner = nearestOurs.get(id);
    if (owner !== undefined) {
      ourSamples++;
      ourMs += ms + pendingGc;
      gcMs += pendingGc;
      stretch += ms + pendingGc;
      pendingGc = 0;
      inStretch = true;
      self.set(owner, (self.get(owner) ?? 0) + ms);
    } else if (inStretch && gc.has(id)) {
      pendingGc += ms;
    } else {
      if (inStretch) stretches.push(stretch);
      inStretch = false;
      stretch = 0;
      pendingGc = 0;
    }
  }
  if (inStretch) stretches.push(stretch);

  const top = [...self.entries()]
    .map(([id, selfMs]): FunctionCost => {
      const frame = byId.get(id)?.callFrame;
      return {
        name: frame?.functionName || '(anonymous)',
        url: frame?.url ?? '',
        line: (frame?.lineNumber ?? -1) + 1,
        selfMs,
      };
    })
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, topFunctions);
  return {
    ourMs,
    gcMs,
    stretchesMs: stretches,
    longestStretchMs: stretches.length ? Math.max(...stretches) : 0,
    profiledMs: (profile.endTime - profile.startTime) / 1000,
    samples: samples.length,
    ourSamples,
    top,
  };
}

/** `isOurs` for an extension: every script it serves (content scripts, chunks) has its origin. */
export function extensionScripts(origin: string): (url: string) => boolean {
  const prefix = origin.endsWith('/') ? origin : `${origin}/`;
  return (url) => url.startsWith(prefix);
}

/**
 * Our functions by total time (samples with the function anywhere on the stack, counted once per sample even when
 * it recurses), most costly first: where a stretch goes by caller, e.g. module evaluation vs. the settings read.
 * Read with an unminified build (`npm run cost -- --unminified`), whose frames carry the source's function names.
 */
export function inclusiveCost(
  profile: CpuProfile,
  isOurs: (url: string) => boolean,
  topFunctions = 25,
): FunctionCost[] {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (node: CpuProfileNode) =>
    `${node.callFrame.functionName || '(anonymous)'}\u0000${node.callFrame.url}\u0000${(node.callFrame.lineNumber ?? -1) + 1}`;
  const total = new Map<string, number>();
  let t = profile.startTime;
  const times = samples.map((_, i) => (t += deltas[i] ?? 0));
  for (let i = 0; i < samples.length; i++) {
    const ms = Math.max(0, ((times[i + 1] ?? profile.endTime) - (times[i] ?? profile.endTime)) / 1000);
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node || !isOurs(node.callFrame.url)) continue;
      const key = keyOf(node);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }
  return [...total.entries()]
    .map(([key, selfMs]): FunctionCost => {
      const [name = '', url = '', line = '0'] = key.split('\u0000');
      return { name, url, line: Number(line), selfMs };
    })
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, topFunctions);
}
