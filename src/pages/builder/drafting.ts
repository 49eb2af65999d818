/**
 * The draft the builder page reviews, made with the same pure drafting code as `npm run knowledge -- draft`.
 * Imported on demand by the page: it brings the English NLP library, which no other page loads.
 */
import type { Pack } from '../../knowledge/schema';
import type { ReviewDraft } from '../../pack-builder/review';
import type { ArticleInput } from './source';

export interface BuilderDraft extends ReviewDraft {
  /** The id the saved pack gets (not one of the reader's packs' ids). */
  readonly packId: string;
  /** Drafted entity id → the title of the reader's pack that already knows it. */
  readonly linked: ReadonlyMap<string, string>;
}

export function draftForBuilder(
  input: ArticleInput,
  known: readonly Pack[],
  takenIds: ReadonlySet<string>,
): BuilderDraft {
  void input;
  void known;
  void takenIds;
  throw new Error('drafting is not wired yet');
}
