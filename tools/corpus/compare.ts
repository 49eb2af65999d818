/** Comparing snapshots of a page with and without the extension: text, DOM shape and block boxes. */
import type { Snapshot } from './probes';
import { BOX_TOLERANCE, MAX_SAMPLES } from './tunables';

function textDiff(a: string, b: string): string {
  let i = 0;
  const max = Math.min(a.length, b.length);
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 60));
  return `at char ${i}: without ${around(a)} / with ${around(b)}`;
}

const sameBox = (a: Snapshot['boxes'][number] | undefined, b: Snapshot['boxes'][number] | undefined): boolean =>
  !!a &&
  !!b &&
  a[0] === b[0] &&
  a[1] === b[1] &&
  Math.abs(a[2] - b[2]) <= BOX_TOLERANCE &&
  Math.abs(a[3] - b[3]) <= BOX_TOLERANCE &&
  Math.abs(a[4] - b[4]) <= BOX_TOLERANCE &&
  Math.abs(a[5] - b[5]) <= BOX_TOLERANCE;

const boxMap = (snapshot: Snapshot) => new Map(snapshot.boxes.map((box) => [box[0], box]));

/** Indices of boxes that differ between two snapshots (present in one only, or moved). */
export function boxDifferences(a: Snapshot, b: Snapshot): number[] {
  const mb = boxMap(b);
  const differing: number[] = [];
  const seen = new Set<number>();
  for (const box of a.boxes) {
    seen.add(box[0]);
    if (!sameBox(box, mb.get(box[0]))) differing.push(box[0]);
  }
  // Only boxes within the range both snapshots covered: the cap cuts at different places when counts differ.
  const lastA = a.boxes[a.boxes.length - 1]?.[0] ?? 0;
  for (const box of b.boxes) if (!seen.has(box[0]) && box[0] <= lastA) differing.push(box[0]);
  return differing;
}

const lineSet = (text: string) => new Set(text.split('\n').map((line) => line.trim()));

export interface Comparison {
  textChanged: boolean;
  textDiff?: string;
  layoutChanged: number;
  /** Indices of the boxes counted in `layoutChanged`. */
  changedBoxes: number[];
  layoutSamples: string[];
  domChanged: boolean;
  unstable: string[];
}

/**
 * Compares the page with the extension (`on`) against it without (`off`, and `off2`, a second load without, when the
 * first comparison found a difference). A difference counts only where the page is stable between its own loads.
 */
export function compare(off: Snapshot, on: Snapshot, off2: Snapshot | null): Comparison {
  const result: Comparison = {
    textChanged: false,
    layoutChanged: 0,
    changedBoxes: [],
    layoutSamples: [],
    domChanged: false,
    unstable: [],
  };
  const offs = off2 ? [off, off2] : [off];

  if (offs.every((o) => o.text !== on.text)) {
    if (off2 && off.text !== off2.text) {
      // The page's text varies between loads: only lines present in both loads without the extension must hold.
      const onLines = lineSet(on.text);
      const a = lineSet(off.text);
      const b = lineSet(off2.text);
      const missing = [...a].filter((line) => b.has(line) && !onLines.has(line));
      const extra = [...onLines].filter((line) => !a.has(line) && !b.has(line));
      result.unstable.push('text varies between loads');
      if (missing.length > 0 || extra.length > 0) {
        result.textChanged = true;
        result.textDiff = `lines missing ${JSON.stringify(missing.slice(0, 3))}, new ${JSON.stringify(extra.slice(0, 3))}`;
      }
    } else {
      result.textChanged = true;
      result.textDiff = textDiff(off.text, on.text);
    }
  }

  if (offs.every((o) => o.elementCount !== on.elementCount || o.shape !== on.shape)) {
    if (off2 && (off.elementCount !== off2.elementCount || off.shape !== off2.shape)) {
      result.unstable.push('DOM shape varies between loads');
    } else {
      result.domChanged = true;
    }
  }

  // Boxes are keyed by element index: where the page builds a different DOM from load to load, indices of one load
  // name other elements in another, so boxes are compared only against a load of the same shape.
  const shapeOf = (snapshot: Snapshot) => `${snapshot.elementCount}:${snapshot.shape}`;
  const offShapesDiffer = off2 !== null && shapeOf(off) !== shapeOf(off2);
  const references = offShapesDiffer ? offs.filter((o) => shapeOf(o) === shapeOf(on)) : offs;
  if (references.length === 0) {
    result.unstable.push('layout not compared: no load without the extension had the same DOM shape');
    return result;
  }
  const [reference, second] = references;
  const noisy = new Set(reference && second ? boxDifferences(reference, second) : []);
  if (noisy.size > 0) result.unstable.push(`${noisy.size} boxes vary between loads`);
  const candidates = reference ? boxDifferences(reference, on).filter((i) => !noisy.has(i)) : [];
  const changed = second ? candidates.filter((i) => boxDifferences(second, on).includes(i)) : candidates;
  result.layoutChanged = changed.length;
  result.changedBoxes = changed;
  const offBoxes = boxMap(reference ?? off);
  const onBoxes = boxMap(on);
  for (const i of changed.slice(0, MAX_SAMPLES)) {
    result.layoutSamples.push(
      `#${i} without ${JSON.stringify(offBoxes.get(i) ?? null)} with ${JSON.stringify(onBoxes.get(i) ?? null)}`,
    );
  }
  return result;
}
