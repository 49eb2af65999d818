/**
 * The page's marks as the highlighter holds them between passes: the list in reading order, the index by text node
 * for hit testing, and what is drawn. A full pass builds a new index and swaps it in with its marks, so the previous
 * marks stay in place, and under the pointer, until the new ones are ready.
 */
import type { HighlightLayer } from './highlights';
import { IntervalIndex } from './interval-index';
import type { PageMark } from './pass/types';

export class MarkStore {
  /** The marks by text node; an incremental pass adds to it as it goes. */
  index = new IntervalIndex<Node, PageMark>();
  private list: PageMark[] = [];

  constructor(private readonly layer: HighlightLayer | null) {}

  get marks(): readonly PageMark[] {
    return this.list;
  }

  /** The innermost mark at a DOM position. */
  at(node: Node, offset: number): PageMark | null {
    return this.index.at(node, offset)[0] ?? null;
  }

  /** Swaps in a full pass's marks and draws them instead of the previous ones. */
  replace(index: IntervalIndex<Node, PageMark>, marks: PageMark[]): void {
    this.index = index;
    this.list = marks;
    this.layer?.render(marks);
  }

  /** Marks nothing (and draws nothing). */
  clear(): void {
    this.index.clear();
    this.list = [];
    this.layer?.render(this.list);
  }

  /** Adds marks already in `index`, keeping reading order, and draws them. */
  add(added: readonly PageMark[]): void {
    this.list = [...this.list, ...added].sort(compareMarks);
    this.layer?.add(added);
  }

  remove(gone: readonly PageMark[]): void {
    if (gone.length === 0) return;
    const set = new Set(gone);
    for (const mark of gone) this.index.remove(mark);
    this.layer?.remove(gone.map((mark) => mark.range));
    this.list = this.list.filter((mark) => !set.has(mark));
  }

  /** Marks whose text left the page, or changed under them, disappear. */
  dropStale(): void {
    this.remove(
      this.list.filter((mark) => !mark.range.startContainer.isConnected || mark.range.toString() !== mark.text),
    );
  }

  /** Registers our highlights again if the page removed them. */
  restore(): void {
    this.layer?.restore();
  }

  dispose(): void {
    this.layer?.dispose();
    this.index.clear();
    this.list = [];
  }
}

function compareMarks(a: PageMark, b: PageMark): number {
  try {
    return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
  } catch {
    return a.serial - b.serial;
  }
}
