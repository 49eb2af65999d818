/**
 * The draft the builder page reviews, made with the same pure drafting code as `npm run knowledge -- draft`
 * (`src/pack-builder/draft/`). Imported on demand by the page: it brings the English NLP library (compromise), which
 * no other page and never the content script loads.
 */
import compromise from 'compromise';
import type { Pack } from '../../knowledge/schema';
import { draftAndBuild, type ArticleInput as DraftInput, type EntityCandidate } from '../../pack-builder/draft';
import type { PreviewResult, ReviewDraft } from '../../pack-builder/review';
import { freeId } from './save';
import type { ArticleInput } from './source';

export interface BuilderDraft extends ReviewDraft {
  /** The id the saved pack gets (not one of the reader's packs' ids). */
  readonly packId: string;
  /** Drafted entity id → the title of the reader's pack that already knows it. */
  readonly linked: ReadonlyMap<string, string>;
  /** What the draft knows of each entity (confidence, mentions, where its description comes from). */
  readonly candidates: ReadonlyMap<string, EntityCandidate>;
  /** The start of each quote whose speaker the draft guessed: the review shows them first. */
  readonly guessedQuotes: readonly string[];
  /** What was left out so the draft builds. */
  readonly dropped: readonly string[];
  /** The draft as built by the drafting (under `packId`): the review's first preview, not built a second time. */
  readonly built: PreviewResult;
}

/**
 * Drafts a pack from `input`, linking names that `known` packs hold. `takenIds`: ids the saved pack must avoid;
 * `byOrigin`: the stored packs' ids by source origin, so adding the same article again updates its pack.
 */
export function draftForBuilder(
  input: ArticleInput,
  known: readonly Pack[],
  takenIds: ReadonlySet<string>,
  byOrigin: ReadonlyMap<string, string> = new Map(),
): BuilderDraft {
  const article: DraftInput = { ...input, paragraphs: [...input.paragraphs] };
  const draft = draftAndBuild(article, known, compromise);
  const titles = new Map(known.map((pack) => [pack.id, pack.source.title]));
  const linked = new Map<string, string>();
  for (const candidate of draft.candidates) {
    if (candidate.linked) linked.set(candidate.id, titles.get(candidate.linked.packId) ?? candidate.linked.packId);
  }
  const packId = byOrigin.get(draft.annotations.source.origin) ?? freeId(draft.pack.id, takenIds);
  return {
    annotations: draft.annotations,
    articleText: draft.articleText,
    packId,
    built: { ok: true, pack: { ...draft.pack, id: packId }, report: draft.report },
    linked,
    candidates: new Map(draft.candidates.map((candidate) => [candidate.id, candidate])),
    guessedQuotes: draft.guessedQuotes.map((guess) => guess.quote),
    dropped: draft.dropped,
  };
}
