/**
 * Institutions some outlets write in lower case (`the state department`, `The Russian foreign ministry said`): the
 * capitalised runs miss them, so they are found by their words. Pure.
 */
import type { NameSpan } from './types';

/** `the state department`, `Russia’s foreign ministry`: a government body named by its common noun. */
const LOWER_INSTITUTION =
  /(?<![\p{L}-])(?:(\p{Lu}\p{Ll}+(?:ian|ese|ish|i|an)) )?(state department|(?:foreign|defen[cs]e|interior|justice|finance) ministry|foreign office|defen[cs]e department|justice department|treasury department)(?![\p{L}-])/gu;

/**
 * The lower-case institutions of `text`, with the demonym before them (`Russian foreign ministry`); `the state
 * department` alone only after `the` (the US one, as outlets write it).
 */
export function lowerCaseInstitutions(text: string): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const match of text.matchAll(LOWER_INSTITUTION)) {
    const demonym = match[1];
    const body = match[2] ?? '';
    const before = text.slice(Math.max(0, match.index - 4), match.index);
    if (!demonym && !(body === 'state department' && /\bthe $/i.test(before))) continue;
    spans.push({
      // As written: a pack's aliases are the article's own words.
      text: match[0],
      start: match.index,
      end: match.index + match[0].length,
      kind: 'organization',
      sure: true,
      title: null,
    });
  }
  return spans;
}
