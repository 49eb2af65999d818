/**
 * An entity's one-line description, drafted from the article's own words: the appositive after a name (`Nasr
 * al-Shammari, Nujaba's spokesman, said`), else the title before it (`White House press secretary Jen Psaki`), else a
 * neutral line naming the article. Dated to the article where a role may change. Pure.
 */
import type { EntityKind } from '../../knowledge/schema';
import type { Cluster } from './cluster';
import { NAME_TITLES } from './words';

export interface Description {
  text: string;
  from: 'appositive' | 'title' | 'fallback';
}

/** What the fallback line says the entity is. */
const KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  organization: 'Organisation',
  group: 'Group',
  place: 'Place',
  media: 'Outlet',
  event: 'Event',
};

/** Words that open a clause, not an appositive. */
const NOT_APPOSITIVE =
  /^(?:who|whom|whose|which|that|where|when|whether|and|or|but|said|says|told|according|however|as|in|on|at|for|with|to|from|by|if|while|after|before|since|although|he|she|they|it|we|i|also|then|now|meanwhile|including|saying|adding)\b/i;
const REPORTING =
  /\b(?:said|says|told|added|declared|announced|stated|wrote|is|are|was|were|has|have|had|will|would|can|could|did|does)\b/;

/** Lower-case role words that may stand right before a name (`press secretary Jen Psaki`). */
const ROLE_NOUNS = new Set([
  ...NAME_TITLES,
  'official',
  'officials',
  'analyst',
  'expert',
  'researcher',
  'fellow',
  'correspondent',
  'lawmaker',
  'mp',
  'representative',
  'adviser',
  'advisor',
  'aide',
  'strongman',
  'militant',
  'activist',
  'journalist',
  'head',
  'chief',
]);

/** The appositive right after a mention, when it reads as one (`, Nujaba's spokesman,`). */
export function appositiveAfter(text: string, end: number): string | null {
  // It closes with a comma, or with the sentence (a full stop that ends no abbreviation such as `U.S.`).
  const match = /^,\s+([^,;:“”"\n]{3,90}?)(?:,|(?<![A-Z])\.(?=\s|$))/.exec(text.slice(end, end + 100));
  const phrase = match?.[1]?.trim();
  if (!phrase || NOT_APPOSITIVE.test(phrase) || REPORTING.test(phrase)) return null;
  if (!/\b\p{Ll}{3,}/u.test(phrase) || /^\d+$/.test(phrase)) return null;
  const words = phrase.split(/\s+/);
  if (words.length > 12) return null;
  // A list of names (`Iran, Iraq, Syria`) is not an appositive: it needs a lower-case noun or a possessive.
  if (!/^(?:the|a|an|his|her|its|their)\s/i.test(phrase) && !/['’]s\s/.test(phrase) && !/^\p{Ll}/u.test(phrase)) {
    if (!words.some((word) => ROLE_NOUNS.has(word.toLowerCase()))) return null;
  }
  return phrase;
}

/** Lower-case words that qualify a role (`press secretary`, `special representative for Iran`). */
const ROLE_MODIFIERS = new Set(
  'press special senior top military security national foreign defense defence deputy former political religious for of powerful prominent'.split(
    ' ',
  ),
);

/** The role written right before a mention, back to the first word that is no part of it (`White House press secretary`). */
export function roleBefore(text: string, start: number): string | null {
  const words = text.slice(Math.max(0, start - 80), start).split(/\s+/);
  if (words[words.length - 1] === '') words.pop();
  const last = words[words.length - 1];
  if (!last || !ROLE_NOUNS.has(last.toLowerCase())) return null;
  let first = words.length - 1;
  while (first > 0 && first > words.length - 7) {
    const word = words[first - 1] ?? '';
    const fits =
      /^\p{Lu}[\p{L}.’'-]*$/u.test(word) ||
      ROLE_NOUNS.has(word.toLowerCase()) ||
      ROLE_MODIFIERS.has(word.toLowerCase());
    if (!fits) break;
    first--;
  }
  while (first < words.length - 1 && /^(?:for|of)$/.test(words[first] ?? '')) first++;
  return words.slice(first).join(' ');
}

function sentenceCase(phrase: string): string {
  return phrase.replace(/^(?:the|a|an)\s+/i, '').replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** Drafts the description of one entity of an article dated `dateLabel`, titled `headline`, from `site`. */
export function describe(
  cluster: Cluster,
  text: string,
  headline: string,
  dateLabel: string,
  site: string,
): Description {
  const dated = (phrase: string) =>
    cluster.kind === 'person' || cluster.kind === 'group'
      ? `${sentenceCase(phrase)}, as of ${dateLabel}.`
      : `${sentenceCase(phrase)}.`;
  for (const span of cluster.spans) {
    const appositive = appositiveAfter(text, span.end);
    if (appositive) return { text: dated(appositive), from: 'appositive' };
  }
  for (const span of cluster.spans) {
    const title = span.title ?? roleBefore(text, span.start);
    if (title && cluster.kind === 'person') return { text: dated(title), from: 'title' };
  }
  const where = site ? `${site}, ${dateLabel}` : dateLabel;
  return { text: `${KIND_LABELS[cluster.kind]} named in “${headline}” (${where}).`, from: 'fallback' };
}

/** What the entity does in the article, from the built pack's counts. */
export function roleLine(quotes: number, statements: number, mentions: number): string {
  const parts: string[] = [];
  if (quotes > 0) parts.push(`quoted ${quotes === 1 ? 'once' : `${quotes} times`}`);
  if (statements > 0)
    parts.push(`${statements === 1 ? 'one reported statement' : `${statements} reported statements`}`);
  parts.push(`mentioned ${mentions === 1 ? 'once' : `${mentions} times`}`);
  const line = parts.join(', ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)} in the article.`;
}
