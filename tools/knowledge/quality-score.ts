/**
 * Scores a draft against a hand key: entity recall and precision (a drafted entity counts when one of its spellings
 * is a spelling of a key entity), and quote speaker accuracy over the key's quotes whose speaker is named.
 */
import type { Pack } from '../../src/knowledge/schema';

/**
 * dev: pages the rules were tuned on; test: held out but seen while tuning; fresh: run once after the rules were
 * final (and seen since); heldout, heldout2: keyed before a later round of rule changes (one set per round) and run once at its
 * end.
 */
export type QualitySet = 'dev' | 'test' | 'fresh' | 'heldout' | 'heldout2';

export interface KeyEntity {
  name: string;
  kind: string;
  aliases?: string[];
  /** Credits and names inside titles: neither missed nor wrong. */
  optional?: boolean;
}

export interface KeyQuote {
  /** The start of the quoted words. */
  quote: string;
  /** A key entity's name, or null when the article names no entity. */
  speaker: string | null;
}

export interface QualityKey {
  page: string;
  set: QualitySet;
  entities: KeyEntity[];
  quotes: KeyQuote[];
}

export interface PageScore {
  page: string;
  set: QualitySet;
  keyEntities: number;
  found: number;
  drafted: number;
  correct: number;
  missed: string[];
  wrong: string[];
  namedQuotes: number;
  rightSpeakers: number;
  wrongSpeakers: string[];
  unnamedQuotes: number;
}

/** How spellings compare: case, accents, apostrophes, full stops, a leading `the` and glued `al-` aside. */
export function spellingKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\./g, '')
    .replace(/^the\s+/, '')
    .split(/\s+/)
    .map((word) => word.replace(/^(?:al|el)[- ]/, ''))
    .join(' ')
    .trim();
}

function keySpellings(entity: KeyEntity): Set<string> {
  return new Set([entity.name, ...(entity.aliases ?? [])].map(spellingKey));
}

/** The key entity a drafted entity names, if any. */
function keyEntityOf(entity: Pack['entities'][number], key: QualityKey): KeyEntity | undefined {
  const spellings = [entity.name, ...entity.aliases].map(spellingKey);
  const byName = key.entities.find((candidate) => keySpellings(candidate).has(spellingKey(entity.name)));
  return byName ?? key.entities.find((candidate) => spellings.some((s) => keySpellings(candidate).has(s)));
}

/** Scores one drafted pack against its key. */
export function scorePage(pack: Pack, key: QualityKey): PageScore {
  const matchedBy = new Map<KeyEntity, string>();
  const wrong: string[] = [];
  let drafted = 0;
  let correct = 0;
  for (const entity of pack.entities) {
    const target = keyEntityOf(entity, key);
    if (target?.optional) continue;
    drafted++;
    if (!target) wrong.push(`${entity.name} (${entity.kind})`);
    else if (matchedBy.has(target)) wrong.push(`${entity.name} (duplicate of ${matchedBy.get(target) ?? ''})`);
    else {
      matchedBy.set(target, entity.name);
      correct++;
    }
  }
  const required = key.entities.filter((entity) => !entity.optional);
  const missed = required.filter((entity) => !matchedBy.has(entity)).map((entity) => entity.name);

  const byId = new Map(pack.entities.map((entity) => [entity.id, entity]));
  const named = key.quotes.filter((quote) => quote.speaker !== null);
  const wrongSpeakers: string[] = [];
  let rightSpeakers = 0;
  for (const expected of named) {
    const words = spellingKey(expected.quote);
    const quote =
      pack.quotes.find((candidate) => spellingKey(candidate.text).startsWith(words)) ??
      pack.quotes.find((candidate) => spellingKey(candidate.text).includes(words));
    const speaker = quote ? byId.get(quote.speaker) : undefined;
    const target = speaker ? keyEntityOf(speaker, key) : undefined;
    if (target && target.name === expected.speaker) rightSpeakers++;
    else {
      const got = quote ? (speaker?.name ?? quote.speaker) : 'no such quote drafted';
      wrongSpeakers.push(`“${expected.quote}…”: ${expected.speaker ?? ''} expected, ${got} drafted`);
    }
  }
  return {
    page: key.page,
    set: key.set,
    keyEntities: required.length,
    found: required.length - missed.length,
    drafted,
    correct,
    missed,
    wrong,
    namedQuotes: named.length,
    rightSpeakers,
    wrongSpeakers,
    unnamedQuotes: key.quotes.length - named.length,
  };
}

/** Sums of a set of pages. */
export function totals(scores: readonly PageScore[]) {
  const sum = (pick: (score: PageScore) => number) => scores.reduce((n, score) => n + pick(score), 0);
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    recall: ratio(
      sum((s) => s.found),
      sum((s) => s.keyEntities),
    ),
    precision: ratio(
      sum((s) => s.correct),
      sum((s) => s.drafted),
    ),
    speakers: ratio(
      sum((s) => s.rightSpeakers),
      sum((s) => s.namedQuotes),
    ),
    counts: {
      keyEntities: sum((s) => s.keyEntities),
      found: sum((s) => s.found),
      drafted: sum((s) => s.drafted),
      correct: sum((s) => s.correct),
      namedQuotes: sum((s) => s.namedQuotes),
      rightSpeakers: sum((s) => s.rightSpeakers),
    },
  };
}
