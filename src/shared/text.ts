/** Short forms of text for lists (the popup's page items, the reader's side list) and dates in words. Pure. */

/** `text` cut to at most `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 2).trimEnd()}…` : text;
}

/** English month names, January first (the card and the builder write dates in words, without locale machinery). */
export const MONTHS: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
