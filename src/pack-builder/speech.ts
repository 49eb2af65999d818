/**
 * The wording news copy uses to report speech: reporting verbs, the subjects that stand before them, and the kinds
 * of entity that can speak. Pure.
 */
import type { EntityKind } from '../knowledge/schema';

/** Verbs that report speech in the past or present tense. */
export const REPORTING_VERB = new RegExp(
  '\\b(said|says|told|tells|added|adds|asked|asks|wrote|writes|stated|states|declared|announced|claimed|claims|' +
    'noted|notes|warned|warns|insisted|insists|described|describes|called (?:on|for|it|them|this|that|(?:the|his|her|its|their) [a-z-]+)|urged|' +
    'tweeted|tweets|contended|contends|cautioned|cautions|concurred|argued|argues|explained|explains|' +
    'acknowledged|stressed|stresses|emphasi[sz]ed|replied|recalled|boasted|admitted|conceded|predicted|' +
    'complained|remarked|countered|responded by (?:tweeting|saying|writing)|' +
    // `“…,” X continued.` / `It continued: “…”`, not `the talks continued for weeks`.
    'continued(?=\\s*[,.:;])|continues(?=\\s*[,.:;]))\\b',
  'g',
);
/**
 * Verbs of a promise or a threat, which report the quote that follows them (`X vowed to respond “…”`) but are no
 * statement of their own.
 */
export const PROMISE_VERB = /\b(vowed|vows|pledged|pledges|promised|promises|threatened|threatens)\b/g;
/**
 * A speaker's words named as a noun (`Trump’s assertion that …`), with the possessive before it: the quote in the
 * clause that follows is the possessor's.
 */
export const SPEECH_NOUN =
  /^['’]s\s+(?:\p{Ll}+\s+)?(?:assertion|claim|claims|statement|warning|threat|pledge|promise|vow|insistence|argument|remarks?|comments?|accusation|description|words)\b/u;
/** `what it calls “…”`: the clause's subject names the thing in its own words. */
export const WHAT_IT_CALLS =
  /\bwhat\s+(it|he|she|they)\s+(?:calls?|called|describes?\s+as|described\s+as|terms?|termed|dubs?|dubbed)(?:\s+for)?\s*$/;
/** Participles that continue the sentence's speaker (`…, saying …`). */
export const PARTICIPLE =
  /\b(saying|adding|noting|terming|urging|calling|describing|insisting|warning|invoking|appreciating)\b/g;
export const PRONOUN_SUBJECT = /\b(he|she|they)\s+(?:also\s+|then\s+|later\s+)?$/i;
export const DESCRIPTION_SUBJECT =
  /\bthe\s+(official|statement|group|spokesman|spokeswoman|spokesperson|commander|cleric|minister|movement)\s+(?:also\s+)?$/i;
/** What may stand between a named subject and its verb: an appositive, an adverb, a day. */
export const NAMED_GAP = /^\s*(?:,[^,“”"]{1,80},\s*)?(?:(?:also|then|later|again|on \w+day|[a-z]{3,}ly)\s+)*$/;
/** Up to two lower-case role words (`commander`, `resistance movement`) between an entity and its verb. */
export const ROLE_GAP = /^\s+(?!(?:and|or|but|then|to|of|in|on|at|for|with|as|by)\s)(?:[a-z][\w-]*\s+){1,2}$/;
export const COORDINATION = /(?:,\s*)?\band\s+$/;
/** A verb followed by more words than this before a quote reports a clause of its own. */
export const MIN_CLAUSE_WORDS = 4;
export const BARE_SUBJECT = /(?:^|,\s*)([a-z][a-z ]{2,30}?)\s+$/;

/** Entity kinds that can speak, best first (a place speaks only by metonymy: "Washington says"). */
export const SPEAKER_KINDS: readonly EntityKind[] = ['person', 'group', 'organization', 'media', 'place'];

/** The subject of a reporting verb, as written. */
export type Subject =
  | { how: 'named' | 'description'; entity: string; label: string }
  | { how: 'pronoun'; pronoun: string; label: string }
  | { how: 'the'; noun: string; label: string }
  | { how: 'bare'; label: string }
  | { how: 'sentence' };

/** A condition the verb stands in (`if Iraq asked US forces to leave`): it reports no one's words. */
const CONDITION = /\b(?:if|unless|whether)\s+[^,;:“”"]{0,50}$/i;

/** The reporting verbs of `text` (narration, quotes masked) that report speech: none inside a condition. */
export function reportingVerbs(text: string): RegExpExecArray[] {
  return [...text.matchAll(REPORTING_VERB)].filter(
    (match) => !CONDITION.test(text.slice(Math.max(0, match.index - 60), match.index)),
  );
}

/** `Y quoted X as saying`: X is the speaker, between `quoted` and `as saying`. */
export const QUOTED_AS = /\bquoted\s+([^“”".;]{1,60}?)\s+as\s+(?:saying|telling)\b/;

/** Looks for `[subject] verb` at the start of the text after a closing quote mark. */
export function attributionAfter(tail: string): { verb: string; verbIndex: number } | null {
  const head = /^[\s,.;:?!]*/.exec(tail)?.[0].length ?? 0;
  const window = tail.slice(head, head + 120);
  const match = new RegExp(REPORTING_VERB.source).exec(window);
  if (!match) return null;
  const beforeVerb = window.slice(0, match.index);
  // Only a short subject (a pronoun, a name with an appositive) may stand before the verb; the full stops of
  // abbreviations (`U.S.`, `U.N.`) end no sentence.
  if (beforeVerb.length > 90 || /[“"”.;]/.test(beforeVerb.replace(/\b(?:[A-Z]\.){2,}/g, ''))) return null;
  // `“…”, in a rare rebuke of the US, and Turkey’s president said`: the verb of a clause of its own.
  if (/,\s*(?:and|but)\s/.test(beforeVerb)) return null;
  return { verb: match[0], verbIndex: head + match.index };
}
