/**
 * Text normalisation with an offset map back to the original string.
 *
 * Aliases, quotes and page text all go through {@link normalize}, so two spellings that a reader sees as the same
 * name (`Muḥammad` / `Muhammad`, `al‑Kadhimi` / `Al Kadhimi`, `Sha’abi` / `Sha'abi`) compare equal, while every
 * normalised code unit remembers which original characters produced it, so a match maps back to the exact span the
 * page must highlight.
 */
import { isUpperUnit, isWordUnit } from './chars';
import { NormalizedText, OffsetMap, type Normalized } from './offset-map';

export type { Normalized } from './offset-map';

/** How one original code point enters the normalised text. */
export const enum Kind {
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

/** How a code point is normalised: its kind and, for `Emit`, the units it becomes. */
export interface Entry {
  readonly kind: Kind;
  readonly cased: readonly number[];
  readonly folded: readonly number[];
}

const APOS = "'".charCodeAt(0);
const DQUOTE = '"'.charCodeAt(0);
const HYPHEN = '-'.charCodeAt(0);
const SPACE = 32;
const NEWLINE = 10;

/** Apostrophe-like marks, double-quote-like marks and dashes: each becomes one ASCII unit (`'`, `"`, `-`). */
const APOS_MARKS = '\u2019\u2018\u02bc\u0060\u00b4\u2032\u201b\u02bb\u02bd\u02be\u02bf\uff07';
const DQUOTE_MARKS = '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e\uff02';
const HYPHEN_MARKS = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d';

/** Characters replaced before NFKC (which would otherwise turn `´` into a space plus a combining accent). */
const SUBSTITUTES = new Map<number, number>();
for (const c of APOS_MARKS) SUBSTITUTES.set(c.charCodeAt(0), APOS);
for (const c of DQUOTE_MARKS) SUBSTITUTES.set(c.charCodeAt(0), DQUOTE);
for (const c of HYPHEN_MARKS) SUBSTITUTES.set(c.charCodeAt(0), HYPHEN);

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

/** How code point `cp` is normalised (the per-unit path of {@link normalize}). */
export function entryFor(cp: number): Entry {
  return cp < 128 ? (ASCII[cp] as Entry) : lookup(cp);
}

const UTF16 = new TextDecoder('utf-16le');

/** A visible character that normalises to exactly one unit: printable ASCII or a substitute. */
const VISIBLE = `\\x21-\\x7e${APOS_MARKS}${DQUOTE_MARKS}${HYPHEN_MARKS}`;
/**
 * A run of text that normalises unit for unit: visible characters that map to one unit each, with single separators
 * between them (a space, tab or no-break space becomes a space, a line feed stays `\n`). Most of a page is made of
 * such runs, so `normalize` turns them whole with native string operations instead of one loop step per code unit:
 * a page is scanned once, while our code is still cold (interpreted), where a per-character loop costs many times
 * what it costs warm.
 */
const REGULAR_RUN = new RegExp(`[${VISIBLE}]+(?:[ \\t\\n\\u00a0][${VISIBLE}]+)*`, 'y');
const APOS_LIKE = new RegExp(`[${APOS_MARKS}]`, 'g');
const DQUOTE_LIKE = new RegExp(`[${DQUOTE_MARKS}]`, 'g');
const HYPHEN_LIKE = new RegExp(`[${HYPHEN_MARKS}]`, 'g');
const SPACE_LIKE = /[\t\u00a0]/g;
/** Any character of a run that is not its own normal form. */
const NOT_ITSELF = new RegExp(`[\\t\\u00a0${APOS_MARKS}${DQUOTE_MARKS}${HYPHEN_MARKS}]`);
/** Shorter runs go through the per-unit path: the regular expression calls cost more than a few loop steps. */
const MIN_BULK_RUN = 8;
/**
 * A run that may hold the article rule (`al` alone as a word before a space or a capital): such a run takes the
 * per-unit path, which applies the rule. Deliberately broad (any character but an ASCII letter or digit before `al`
 * counts as a boundary, and so does the run's start); the units before the run are checked by `normalize` itself.
 */
const ARTICLE_HINT = /(?:^|[^0-9A-Za-z])[Aa][Ll](?:[ \t\u00a0]|[A-Z])/;

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
 *
 * Runs of plain ASCII prose are copied whole (see {@link REGULAR_RUN}); every other character takes the per-unit path.
 */
export function normalize(text: string): Normalized {
  const n = text.length;
  const map = new OffsetMap();
  const casedParts: string[] = [];
  const foldedParts: string[] = [];
  // Units of the per-unit path, turned into a string piece whenever a copied run follows them.
  let size = 64;
  let cased = new Uint16Array(size);
  let folded = new Uint16Array(size);
  let count = 0;
  /** The last three folded units and the last cased unit of the whole output (0 before the start). */
  let f1 = 0;
  let f2 = 0;
  let f3 = 0;
  let c1 = 0;

  const push = (c: number, f: number, start: number, end: number): void => {
    if (count === size) {
      size *= 2;
      const grownCased = new Uint16Array(size);
      grownCased.set(cased);
      cased = grownCased;
      const grownFolded = new Uint16Array(size);
      grownFolded.set(folded);
      folded = grownFolded;
    }
    cased[count] = c;
    folded[count] = f;
    count++;
    map.unit(start, end);
    f3 = f2;
    f2 = f1;
    f1 = f;
    c1 = c;
  };
  const flushUnits = (): void => {
    if (count === 0) return;
    casedParts.push(UTF16.decode(cased.subarray(0, count)));
    foldedParts.push(UTF16.decode(folded.subarray(0, count)));
    count = 0;
  };
  /**
   * True when the output ends with the Arabic article `al` standing alone as a word (start of text or after a
   * non-letter): the point where `al-X`, `al X` and `alX` are made equal.
   */
  const endsWithArticle = (): boolean =>
    map.length >= 2 && f1 === 0x6c /* l */ && f2 === 0x61 /* a */ && (map.length === 2 || !isWordUnit(f3));

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
    if (endsWithArticle() && c1 === 0x6c /* lower-case l */) push(HYPHEN, HYPHEN, at, at);
  };
  let i = 0;
  /** Units before this offset take the per-unit path without looking for a run again. */
  let perUnitUntil = 0;
  while (i < n) {
    const unit = text.charCodeAt(i);
    if (i >= perUnitUntil && ((unit > 32 && unit < 127) || SUBSTITUTES.has(unit))) {
      REGULAR_RUN.lastIndex = i;
      REGULAR_RUN.test(text);
      const runEnd = REGULAR_RUN.lastIndex;
      perUnitUntil = runEnd;
      if (runEnd - i >= MIN_BULK_RUN) {
        if (pending !== null) flush();
        const run = text.slice(i, runEnd);
        const first = run.charCodeAt(0);
        const second = run.charCodeAt(1);
        // The article rule across the run's start: `al` just before it, or `a` before a run starting `l`.
        const articleBefore =
          (f1 === 0x6c /* l */ && f2 === 0x61 /* a */ && first >= 65 && first <= 90) ||
          (f1 === 0x61 /* a */ &&
            (first === 0x6c || first === 0x4c) &&
            (second === SPACE || second === 9 || second === 0xa0 || (second >= 65 && second <= 90)));
        if (!articleBefore && !ARTICLE_HINT.test(run)) {
          flushUnits();
          const casedRun = NOT_ITSELF.test(run)
            ? run.replace(APOS_LIKE, "'").replace(DQUOTE_LIKE, '"').replace(HYPHEN_LIKE, '-').replace(SPACE_LIKE, ' ')
            : run;
          const lower = casedRun.toLowerCase();
          casedParts.push(casedRun);
          foldedParts.push(lower);
          map.linear(i, run.length);
          const last = run.length - 1;
          f1 = lower.charCodeAt(last);
          f2 = lower.charCodeAt(last - 1);
          f3 = lower.charCodeAt(last - 2);
          c1 = casedRun.charCodeAt(last);
          i = runEnd;
          continue;
        }
      }
    }
    if (unit > 32 && unit < 127 && unit !== 0x60) {
      // Per unit: printable ASCII.
      if (pending !== null) flush();
      let f = unit;
      if (unit >= 65 && unit <= 90) {
        f = unit + 32;
        if (map.length >= 2 && f1 === 0x6c) gluedArticle(i);
      }
      push(unit, f, i, i + 1);
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
        if (pending === null && map.length > 0) map.extendLast(end);
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
  flushUnits();

  const casedText = casedParts.length === 1 ? (casedParts[0] as string) : casedParts.join('');
  const foldedText = foldedParts.length === 1 ? (foldedParts[0] as string) : foldedParts.join('');
  return new NormalizedText(text, foldedText, casedText, map);
}

/** Maps a span `[start, end)` of normalised text back to the span of the original text it came from. */
export function toOriginal(norm: Normalized, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < norm.folded.length ? norm.sourceStart(start) : norm.source.length;
    return { start: at, end: at };
  }
  return { start: norm.sourceStart(start), end: norm.sourceEnd(end - 1) };
}

/** The folded normal form of a short string such as an alias or a quote: `normalize(s).folded`, trimmed. */
export function fold(s: string): string {
  return normalize(s).folded.trim();
}
