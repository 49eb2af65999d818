/**
 * Words around a name that the capitalised runs get wrong: shouting, share buttons, ages, ordinals. Pure.
 */
import type { Token } from './tokens';
import { GROUP_HEADS, ORGANISATION_HEADS } from './words';

/** The labels of a page's share buttons, which Readability may keep in the text. */
export const SHARE_BUTTONS = new Set([
  'facebook',
  'twitter',
  'pinterest',
  'linkedin',
  'whatsapp',
  'email',
  'reddit',
  'messenger',
]);

/**
 * `“…HIT VERY FAST AND HARD”`, `“Through MILLENNIA of history”`: words shouted in capitals inside a quote, not an
 * acronym (several words, or one longer than acronyms run).
 */
export function shoutedInQuote(tokens: readonly Token[], text: string): boolean {
  if (!tokens.every((token) => /^[\p{Lu}.'’-]{2,}$/u.test(token.word))) return false;
  if (tokens.length === 1 && (tokens[0]?.word.length ?? 0) <= 6) return false;
  const start = tokens[0]?.start ?? 0;
  const line = text.slice(text.lastIndexOf('\n', start) + 1, start);
  const opened = (line.match(/“/g)?.length ?? 0) - (line.match(/”/g)?.length ?? 0);
  return opened > 0 || (line.match(/"/g)?.length ?? 0) % 2 === 1;
}

/** `the Sixth Century BC`, `the 21st Century`: an age, not a name. */
export function namesAnAge(tokens: readonly Token[]): boolean {
  return tokens.some((token) => /^(?:Century|Centuries|Millennium|BC|BCE|AD)$/.test(token.word));
}

/** `82nd Airborne Division`, `5th Fleet`: the ordinal before a unit's or an institution's head is in its name. */
export function ordinalBefore(text: string, start: number, last: string): number {
  const ordinal = /(?<![\p{L}\p{N}])\d{1,3}(?:st|nd|rd|th) $/u.exec(text.slice(Math.max(0, start - 8), start));
  if (!ordinal || !(GROUP_HEADS.has(last) || ORGANISATION_HEADS.has(last) || last === 'fleet')) return start;
  return start - ordinal[0].length;
}
