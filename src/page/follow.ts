/**
 * Following the page after the first pass: a MutationObserver gathers what changed, debounced; added or changed
 * subtrees of the scope are re-read piecemeal, and a change too big for that (or one that moves the scope itself) asks
 * for a full pass, at most every {@link MIN_FULL_PASS_INTERVAL_MS}. Passes run one after the other, never at once.
 */
import { EXTENSION_UI_ATTRIBUTE, EXTENSION_UI_TAG } from '../shared/vocabulary';

/** Mutations are gathered this long before a re-scan. */
export const MUTATION_DEBOUNCE_MS = 150;
/** More added roots than this in one batch, or more text, and a full pass is cheaper than piecemeal re-scans. */
export const MAX_INCREMENTAL_ROOTS = 200;
export const MAX_INCREMENTAL_CHARS = 200_000;
/** A full pass caused by mutations runs at most this often. */
export const MIN_FULL_PASS_INTERVAL_MS = 1_000;

/** Attributes whose change shows or hides text, so the text is read again. */
const VISIBILITY_ATTRIBUTES = ['aria-hidden', 'hidden', 'open', 'contenteditable'];

export interface FollowOptions {
  readonly doc: Document;
  readonly win: Window & typeof globalThis;
  /** The element the last full pass read, or null. */
  readonly scope: () => Element | null;
  readonly fullPass: () => Promise<void>;
  /** Re-reads these subtrees (none inside another). */
  readonly incrementalPass: (roots: readonly Node[]) => Promise<void>;
  readonly report: (error: unknown) => void;
}

export interface Follower {
  /** Queues a full pass after the one running, instead of what mutations had queued; resolves when it is done. */
  refresh(): Promise<void>;
  /** Stops observing; queued work is dropped. */
  dispose(): void;
}

/** What the mutations seen since the last pass ask for. */
interface Pending {
  roots: Set<Node>;
  full: boolean;
  prune: boolean;
}

/** Starts observing the body now. */
export function followPage(options: FollowOptions): Follower {
  const { doc, win, report } = options;
  let pending: Pending = { roots: new Set(), full: false, prune: false };
  let timer: number | undefined;
  let lastFull = 0;
  let running: Promise<void> = Promise.resolve();
  let disposed = false;

  const runFull = () => {
    lastFull = performance.now();
    return options.fullPass();
  };

  const schedule = () => {
    if (timer !== undefined || disposed) return;
    timer = win.setTimeout(() => {
      timer = undefined;
      const sinceFull = performance.now() - lastFull;
      if (pending.full && sinceFull < MIN_FULL_PASS_INTERVAL_MS) {
        timer = win.setTimeout(() => {
          timer = undefined;
          schedule();
        }, MIN_FULL_PASS_INTERVAL_MS - sinceFull);
        return;
      }
      const roots = topmost([...pending.roots]);
      const full = pending.full;
      pending = { roots: new Set(), full: false, prune: false };
      running = running.then(() => (full ? runFull() : options.incrementalPass(roots))).catch(report);
    }, MUTATION_DEBOUNCE_MS);
  };

  const observer = new win.MutationObserver((records) => {
    try {
      readRecords(records, options.scope(), pending);
      if (pending.full || pending.roots.size || pending.prune) schedule();
    } catch (error) {
      report(error);
    }
  });
  const body = doc.body ?? doc.documentElement;
  if (body) {
    observer.observe(body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributeFilter: VISIBILITY_ATTRIBUTES,
    });
  }

  return {
    refresh() {
      if (disposed) return Promise.resolve();
      pending.full = false;
      pending.roots.clear();
      running = running.then(runFull).catch(report);
      return running;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      observer.disconnect();
      if (timer !== undefined) win.clearTimeout(timer);
    },
  };
}

/** Adds to `pending` what `records` ask for: the subtrees to re-read, or a full pass. */
function readRecords(records: readonly MutationRecord[], scope: Element | null, pending: Pending): void {
  let chars = 0;
  for (const record of records) {
    if (pending.full) break;
    const target = record.target;
    if (isOurs(target)) continue;
    if (!scope?.isConnected) {
      pending.full = true;
      break;
    }
    if (record.type === 'attributes') {
      // Content shown or hidden (a modal's aria-hidden on the page wrapper, a <details> opened) is read again.
      if (target.contains(scope)) pending.full = true;
      else if (scope.contains(target)) pending.roots.add(target);
      continue;
    }
    if (record.type === 'characterData') {
      const parent = target.parentElement;
      if (parent && scope.contains(parent)) pending.roots.add(parent);
      continue;
    }
    for (const node of Array.from(record.addedNodes)) {
      if (node.nodeType !== 1 && node.nodeType !== 3) continue;
      if (!scope.contains(node) || isOurs(node)) continue;
      // Text added next to other text (a name completed by a later node) is re-read with its parent.
      const root = node.nodeType === 3 ? (node.parentElement ?? node) : node;
      pending.roots.add(root);
      chars += node.textContent?.length ?? 0;
    }
    if (record.removedNodes.length) pending.prune = true;
  }
  if (pending.roots.size > MAX_INCREMENTAL_ROOTS || chars > MAX_INCREMENTAL_CHARS) {
    pending.full = true;
    pending.roots.clear();
  }
}

function isOurs(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!element?.closest?.(`${EXTENSION_UI_TAG}, [${EXTENSION_UI_ATTRIBUTE}]`);
}

/** Drops roots contained in another root, so nothing is scanned twice. */
function topmost(roots: Node[]): Node[] {
  return roots.filter((root) => root.isConnected && !roots.some((other) => other !== root && other.contains(root)));
}
