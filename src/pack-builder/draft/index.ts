/** Drafting a pack from an article (issue 17): the API the builder page and the CLI call. Pure. */
export { buildDraftPack, draftAndBuild, draftAnnotations, type DraftBuild, type DraftOptions } from './draft';
export { articleText } from './article';
export { compromiseNameFinder } from './names';
export { NothingToDraftError } from './repair';
export type {
  ArticleInput,
  Confidence,
  DraftResult,
  EntityCandidate,
  GuessedQuote,
  KnownLink,
  NameFinder,
  NameSpan,
} from './types';
