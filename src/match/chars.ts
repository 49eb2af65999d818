/**
 * Character classes shared by the matcher, looked up per UTF-16 code unit in a lazily filled table: the scan loops
 * run over megabytes of text, so they must not call a Unicode regular expression per character.
 */

const WORD_RE = /^[\p{L}\p{N}]$/u;
const UPPER_RE = /^\p{Lu}$/u;

/** 0 = not computed yet, 1 = word unit, 2 = not a word unit. */
const wordTable = new Uint8Array(0x10000);

function computeWord(unit: number): number {
  // Surrogates cannot be classified alone; astral letters and digits are far more common in prose than astral
  // punctuation, so a surrogate counts as part of a word.
  if (unit >= 0xd800 && unit <= 0xdfff) return 1;
  return WORD_RE.test(String.fromCharCode(unit)) ? 1 : 2;
}

for (let unit = 0; unit < 128; unit++) wordTable[unit] = computeWord(unit);

/** True when the UTF-16 code unit is a Unicode letter or digit (`\p{L}\p{N}`): the alphabet of words. */
export function isWordUnit(unit: number): boolean {
  let cls = wordTable[unit] ?? 2;
  if (cls === 0) {
    cls = computeWord(unit);
    wordTable[unit] = cls;
  }
  return cls === 1;
}

/** True when `text[index]` exists and is a letter or digit. Out-of-range indices are boundaries. */
export function isWordAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && isWordUnit(text.charCodeAt(index));
}

/** True when the UTF-16 code unit is an upper-case letter (`\p{Lu}`). */
export function isUpperUnit(unit: number): boolean {
  if (unit < 128) return unit >= 65 && unit <= 90;
  return UPPER_RE.test(String.fromCharCode(unit));
}

/** Code unit of the straight apostrophe, the canonical form of every apostrophe-like mark. */
export const APOSTROPHE = 0x27;

/**
 * Whether a match `[start, end)` of `folded` text stands on word boundaries. Letters and digits on either side
 * extend the word (`Kadhimiya` is not `Kadhimi`, `Iraqi` is not `Iraq`). An apostrophe inside a word also extends
 * it (`O'Brien` is not `Brien`), except the possessive `'s`, so `Biden's` yields the name `Biden`.
 */
export function onWordBoundaries(folded: string, start: number, end: number): boolean {
  if (isWordAt(folded, start - 1)) return false;
  if (folded.charCodeAt(start - 1) === APOSTROPHE && isWordAt(folded, start - 2)) return false;
  if (isWordAt(folded, end)) return false;
  if (folded.charCodeAt(end) === APOSTROPHE && isWordAt(folded, end + 1)) {
    const possessive = folded.charCodeAt(end + 1) === 0x73 /* s */ && !isWordAt(folded, end + 2);
    if (!possessive) return false;
  }
  return true;
}
