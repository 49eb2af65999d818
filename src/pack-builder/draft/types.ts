/** The drafting API's types: the article as extracted, the draft and what the review shows of each entity. Pure. */
import type { EntityKind } from '../../knowledge/schema';
import type { Annotations } from '../annotations';

/** An article as an extractor (Readability in the browser, the CLI from a text file) gives it. */
export interface ArticleInput {
  /** The headline. */
  title: string;
  byline?: string;
  /** The outlet's name (`Reuters`), or its host name. */
  site?: string;
  /** ISO date or date-time of publication, or `''` when unknown. */
  published?: string;
  url?: string;
  /** The body's paragraphs, in reading order. */
  paragraphs: string[];
}

/** How sure the draft is of an entity: the review page shows the doubtful ones first. */
export type Confidence = 'high' | 'medium' | 'low';

/** A known pack entity the draft links to (same id, name and kind). */
export interface KnownLink {
  packId: string;
  entityId: string;
  name: string;
}

/** What the review page shows of one drafted entity beside its annotation. */
export interface EntityCandidate {
  id: string;
  name: string;
  kind: EntityKind;
  confidence: Confidence;
  /** Mentions in the article (after the build anchored the aliases). */
  mentions: number;
  /** Direct quotes attributed to it. */
  quotes: number;
  /** Set when the entity was found in one of the reader's packs and reused. */
  linked: KnownLink | null;
  /** Where the description comes from: the article's appositive or title, else a neutral fallback. */
  descriptionFrom: 'appositive' | 'title' | 'fallback';
  /** Why it is doubtful, for the reviewer. */
  notes: string[];
}

/** A quote whose speaker the rules could not find and the draft guessed (an override in the annotations). */
export interface GuessedQuote {
  quote: string;
  speaker: string;
  why: string;
}

export interface DraftResult {
  /** Annotations `parseAnnotations` accepts and `buildPack` builds with `articleText`. */
  annotations: Annotations;
  /** The article in the format `splitArticle` reads: the headline line, then one paragraph per line. */
  articleText: string;
  /** One per drafted entity, in the order of `annotations.entities`. */
  candidates: EntityCandidate[];
  /** Quotes given a guessed speaker: review these first. */
  guessedQuotes: GuessedQuote[];
  /** What was left out to make the draft build (dropped entities, vetoed spellings). */
  dropped: string[];
}

/** A capitalised name found in the article. */
export interface NameSpan {
  text: string;
  start: number;
  end: number;
  kind: EntityKind;
  /** How sure the kind is. */
  sure: boolean;
  /** A title written right before the name (`Iraqi Prime Minister`), if any. */
  title: string | null;
}

/** Finds the names of an article's body (injected so tests and other NLP libraries can stand in). */
export type NameFinder = (text: string) => NameSpan[];
