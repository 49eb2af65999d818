/**
 * The normaliser as it was before the run-based rewrite: one loop step per code unit, every view written unit by unit.
 * Kept only as the reference the property tests compare `normalize` with (same `folded`, `cased` and offset map for
 * any input). Not product code.
 */
import { isUpperUnit, isWordUnit } from '../../../src/match/chars';

/** The reference's result: the offset map as one entry per normalised unit. */
export interface ReferenceNormalized {
  readonly source: string;
  readonly folded: string;
  readonly cased: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** How one original code point enters the normalised text. */
const enum Kind {
  /** Emits `cased` / `folded` code units. */
  Emit,
  /** Dropped without trace (zero-width characters, soft hyphen, format controls). */
  Remove,
  /** A combining mark: dropped, but the previous unit's span grows to cover it, so highlights keep whole letters. */
  Mark,
  /** Horizontal whitespace: runs collapse to one space. */
  Space,
  /** A line or block break: kept as `\n`, the boundary nothing may match across. */
  Break,
}

interface Entry {
  readonly kind: Kind;
  readonly cased: readonly number[];
  readonly folded: readonly number[];
}

const APOS = "'".charCodeAt(0);
const DQUOTE = '"'.charCodeAt(0);
const HYPHEN = '-'.charCodeAt(0);
const SPACE = 32;
const NEWLINE = 10;

/** Characters replaced before NFKC (which would otherwise turn `´` into a space plus a combining accent). */
const SUBSTITUTES = new Map<number, number>();
for (const c of '\u2019\u2018\u02bc\u0060\u00b4\u2032\u201b\u02bb\u02bd\u02be\u02bf\uff07')
  SUBSTITUTES.set(c.charCodeAt(0), APOS);
for (const c of '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e\uff02')
  SUBSTITUTES.set(c.charCodeAt(0), DQUOTE);
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d')
  SUBSTITUTES.set(c.charCodeAt(0), HYPHEN);

const BREAKS = new Set([0x0a, 0x0d, 0x0b, 0x0c, 0x85, 0x2028, 0x2029]);
const MARK_RE = /\p{M}/gu;
const IS_MARK_RE = /^\p{M}+$/u;
const FORMAT_RE = /^\p{Cf}$/u;
const SPACE_RE = /^\s+$/u;

const EMPTY: readonly number[] = [];
const cache = new Map<number, Entry>();

function units(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  return out;
}

function entry(kind: Kind, cased: readonly number[] = EMPTY, folded: readonly number[] = cased): Entry {
  return { kind, cased, folded };
}

/** Decides, once per distinct code point, how it is normalised. */
function computeEntry(cp: number): Entry {
  if (BREAKS.has(cp)) return entry(Kind.Break);
  const substitute = SUBSTITUTES.get(cp);
  if (substitute !== undefined) return entry(Kind.Emit, [substitute]);
  if (cp < 128) {
    if (cp === 9 || cp === SPACE) return entry(Kind.Space);
    if (cp < 32 || cp === 127) return entry(Kind.Space);
    const lower = cp >= 65 && cp <= 90 ? cp + 32 : cp;
    return entry(Kind.Emit, [cp], [lower]);
  }
  const ch = String.fromCodePoint(cp);
  if (SPACE_RE.test(ch)) return entry(Kind.Space);
  if (FORMAT_RE.test(ch)) return entry(Kind.Remove);
  if (IS_MARK_RE.test(ch)) return entry(Kind.Mark);
  // NFKC folds compatibility forms (ligatures, full-width letters, `…` to `...`); NFD + dropping marks strips the
  // diacritics, so `Muḥammad` and `Muhammad` meet.
  let base = ch.normalize('NFKC').normalize('NFD').replace(MARK_RE, '');
  base = Array.from(base, (c) => {
    const sub = SUBSTITUTES.get(c.charCodeAt(0));
    return sub === undefined ? c : String.fromCharCode(sub);
  }).join('');
  if (base.length === 0) return entry(Kind.Mark);
  if (SPACE_RE.test(base)) return entry(Kind.Space);
  base = base.replace(/\s+/gu, '');
  const lower = base.toLowerCase().normalize('NFD').replace(MARK_RE, '');
  // Case folding must keep `folded` and `cased` aligned unit for unit; the rare letters whose lower case has
  // another length stay as they are.
  return entry(Kind.Emit, units(base), lower.length === base.length ? units(lower) : units(base));
}

function lookup(cp: number): Entry {
  let e = cache.get(cp);
  if (e === undefined) {
    e = computeEntry(cp);
    cache.set(cp, e);
  }
  return e;
}

/** ASCII fast path: entries for the 128 ASCII code points, computed once. */
const ASCII: Entry[] = [];
for (let cp = 0; cp < 128; cp++) ASCII.push(computeEntry(cp));

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
    const e = cp < 128 ? (ASCII[cp] as Entry) : lookup(cp);
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
