/**
 * The normaliser as it was before the run-based rewrite: one loop step per code unit, every view written unit by unit.
 * Kept only as the reference the property tests compare `normalize` with (same `folded`, `cased` and offset map for
 * any input). Not product code.
 */
import { isUpperUnit, isWordUnit } from '../../../src/match/chars';
// How each code point is normalised is shared with the code under test: the reference is the old loop around it.
import { entryFor, Kind } from '../../../src/match/normalize';

/** The reference's result: the offset map as one entry per normalised unit. */
export interface ReferenceNormalized {
  readonly source: string;
  readonly folded: string;
  readonly cased: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

const HYPHEN = '-'.charCodeAt(0);
const SPACE = 32;
const NEWLINE = 10;

const UTF16 = new TextDecoder('utf-16le');

/**
 * Turns a code-unit buffer into a string. TextDecoder is several times faster than `String.fromCharCode` over
 * megabytes; it keeps the length (a lone surrogate becomes U+FFFD, also one unit), so offsets stay aligned.
 */
function decode(buffer: Uint16Array, length: number): string {
  return UTF16.decode(buffer.subarray(0, length));
}

/**
 * Normalises `text` for matching and keeps the map back to it.
 *
 * - NFKC, then diacritics stripped (NFD, combining marks removed; a mark's span joins the letter before it);
 * - apostrophe-like marks (`’ ‘ ʼ ` ´ ′`) become `'`, double quotes (`“ ” „ « »`) become `"`;
 * - hyphens and dashes (`‐ ‑ ‒ – — ―`, minus) become `-`;
 * - zero-width characters, soft hyphens and other format controls are removed;
 * - whitespace runs (NBSP and other spaces included) become one space, or one `\n` if they hold a line break;
 * - the article `al` followed by a space or a hyphen, or glued to a capital (`alKadhimi`), becomes `al-`;
 * - `folded` is lower-cased, `cased` keeps the original casing.
 */
export function normalizeReference(text: string): ReferenceNormalized {
  const n = text.length;
  // Output buffers, written directly: this loop runs over every character of every page.
  let size = n + 16;
  let cased = new Uint16Array(size);
  let folded = new Uint16Array(size);
  let starts = new Int32Array(size);
  let ends = new Int32Array(size);
  let length = 0;
  const grow = (): void => {
    size = size * 2 + 16;
    const c = new Uint16Array(size);
    c.set(cased);
    cased = c;
    const f = new Uint16Array(size);
    f.set(folded);
    folded = f;
    const s = new Int32Array(size);
    s.set(starts);
    starts = s;
    const e = new Int32Array(size);
    e.set(ends);
    ends = e;
  };
  const push = (c: number, f: number, start: number, end: number): void => {
    if (length === size) grow();
    cased[length] = c;
    folded[length] = f;
    starts[length] = start;
    ends[length] = end;
    length++;
  };
  /**
   * True when the output ends with the Arabic article `al` standing alone as a word (start of text or after a
   * non-letter): the point where `al-X`, `al X` and `alX` are made equal.
   */
  const endsWithArticle = (): boolean =>
    length >= 2 &&
    folded[length - 1] === 0x6c /* l */ &&
    folded[length - 2] === 0x61 /* a */ &&
    (length === 2 || !isWordUnit(folded[length - 3] ?? 0));

  // Whitespace is held back until the next visible character, so runs collapse and the article rule can look at
  // what follows the space.
  let pending: Kind.Space | Kind.Break | null = null;
  let pendingStart = 0;
  let pendingEnd = 0;
  const flush = (): void => {
    if (pending === Kind.Break) push(NEWLINE, NEWLINE, pendingStart, pendingEnd);
    else if (endsWithArticle()) push(HYPHEN, HYPHEN, pendingStart, pendingEnd);
    else push(SPACE, SPACE, pendingStart, pendingEnd);
    pending = null;
  };
  /** `alKadhimi`: the article glued to a capitalised name gets its canonical hyphen, mapped to an empty span. */
  const gluedArticle = (at: number): void => {
    if (endsWithArticle() && cased[length - 1] === 0x6c /* lower-case l */) push(HYPHEN, HYPHEN, at, at);
  };

  let i = 0;
  while (i < n) {
    const unit = text.charCodeAt(i);
    // Fast paths: printable ASCII (except the backtick, an apostrophe) and the plain space.
    if (unit > 32 && unit < 127 && unit !== 0x60) {
      if (pending !== null) flush();
      let f = unit;
      if (unit >= 65 && unit <= 90) {
        f = unit + 32;
        if (length >= 2 && folded[length - 1] === 0x6c) gluedArticle(i);
      }
      if (length === size) grow();
      cased[length] = unit;
      folded[length] = f;
      starts[length] = i;
      ends[length] = i + 1;
      length++;
      i++;
      continue;
    }
    if (unit === SPACE) {
      if (pending === null) {
        pending = Kind.Space;
        pendingStart = i;
      }
      pendingEnd = ++i;
      continue;
    }
    let cp = unit;
    let width = 1;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const e = entryFor(cp);
    const end = i + width;
    switch (e.kind) {
      case Kind.Emit: {
        if (pending !== null) flush();
        if (isUpperUnit(e.cased[0] ?? 0)) gluedArticle(i);
        for (let k = 0; k < e.cased.length; k++) push(e.cased[k] ?? 0, e.folded[k] ?? 0, i, end);
        break;
      }
      case Kind.Mark:
        // A mark right after a letter belongs to it; after whitespace or at the start it has nothing to join.
        if (pending === null && length > 0) ends[length - 1] = end;
        break;
      case Kind.Space:
        if (pending === null) {
          pending = Kind.Space;
          pendingStart = i;
        }
        pendingEnd = end;
        break;
      case Kind.Break:
        if (pending === null) pendingStart = i;
        pending = Kind.Break;
        pendingEnd = end;
        break;
      case Kind.Remove:
        break;
    }
    i = end;
  }
  if (pending !== null) flush();

  return {
    source: text,
    folded: decode(folded, length),
    cased: decode(cased, length),
    starts: starts.subarray(0, length),
    ends: ends.subarray(0, length),
  };
}
