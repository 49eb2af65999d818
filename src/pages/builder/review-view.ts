/**
 * The builder page's review: one row per drafted entity (keep, name, kind, aliases, description, and whether the
 * reader's packs already know it) and one per quote (its speaker, chosen from the kept entities). Every edit
 * rebuilds the pack preview with the same builder that saves it; the article view, the quotes and the list of
 * problems follow the preview. Nothing is saved here.
 */
import { ENTITY_KINDS, type EntityKind, type Pack } from '../../knowledge/schema';
import { aliasKey } from '../../pack-builder/annotations';
import type { EntityCandidate } from '../../pack-builder/draft';
import {
  initialReview,
  previewPack,
  quoteKey,
  type EntityReview,
  type PreviewResult,
  type Review,
  type ReviewDraft,
} from '../../pack-builder/review';
import { h } from '../../shared/dom';
import { renderArticle } from './article-view';

export interface ReviewElements {
  readonly entities: HTMLElement;
  readonly quotes: HTMLElement;
  readonly article: HTMLElement;
  readonly problems: HTMLElement;
  readonly save: HTMLButtonElement;
}

export interface ReviewViewOptions {
  readonly elements: ReviewElements;
  readonly draft: ReviewDraft;
  readonly packId: string;
  /** Drafted entity id → the title of the reader's pack that already knows it. */
  readonly linked: ReadonlyMap<string, string>;
  /** What the draft knows of each entity, shown beside it. */
  readonly candidates?: ReadonlyMap<string, EntityCandidate>;
  /** Starts of the quotes whose speaker the draft guessed. */
  readonly guessedQuotes?: readonly string[];
  readonly signal: AbortSignal;
  /** After each preview. */
  readonly onPreview?: (result: PreviewResult) => void;
  /** The unedited draft already built (by the drafting), so the first preview is not built again. */
  readonly built?: PreviewResult;
}

export interface ReviewView {
  /** The latest preview (built at once on creation, then after each edit). */
  current(): PreviewResult;
  /** The pack to save, after any pending edit is built; null while problems remain. */
  settle(): Pack | null;
}

const KIND_NAMES: Readonly<Record<EntityKind, string>> = {
  person: 'Person',
  organization: 'Organization',
  group: 'Group',
  place: 'Place',
  media: 'Media',
  event: 'Event',
};

/** How long typing may pause before the preview is rebuilt. */
const PREVIEW_DELAY_MS = 250;

export function createReviewView(options: ReviewViewOptions): ReviewView {
  const { elements, draft, signal } = options;
  const doc = elements.entities.ownerDocument;
  let review: Review = initialReview(draft);
  let result = options.built ?? previewPack(draft, review, options.packId);
  let shownQuotes = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const rebuild = () => {
    timer = undefined;
    result = previewPack(draft, review, options.packId);
    show();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(rebuild, PREVIEW_DELAY_MS);
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });

  const setEntity = (id: string, change: Partial<EntityReview>, now = false) => {
    const before = review.entities.get(id);
    if (!before) return;
    const entities = new Map(review.entities);
    entities.set(id, { ...before, ...change });
    review = { ...review, entities };
    if (now) {
      clearTimeout(timer);
      rebuild();
    } else schedule();
  };
  const setSpeaker = (key: string, speaker: string) => {
    review = { ...review, speakers: new Map(review.speakers).set(key, speaker) };
    clearTimeout(timer);
    rebuild();
  };

  let lastGood: Pack | null = result.ok ? result.pack : null;
  const show = () => {
    elements.problems.replaceChildren(...(result.ok ? [] : result.problems.map((p) => h(doc, 'li', '', p))));
    elements.save.disabled = !result.ok;
    if (result.ok) {
      lastGood = result.pack;
      renderArticle(elements.article, result.pack);
    }
    // While the draft does not build, the quotes of the last build stay, with the speakers one may choose now.
    if (!lastGood) return;
    // The quotes are drawn again only when what they show changed, so a select keeps its focus.
    const speakers = speakerChoices(review);
    const quotes = lastGood.quotes;
    const signature = JSON.stringify([quotes.map((q) => [q.id, q.speaker]), speakers]);
    if (signature !== shownQuotes) {
      shownQuotes = signature;
      const rows = quotes.map((quote, i) => quoteRow(quote, i, speakers));
      // Guessed speakers first: they are what a review must look at.
      rows.sort((a, b) => Number(b.dataset.guessed === 'true') - Number(a.dataset.guessed === 'true'));
      elements.quotes.replaceChildren(...rows);
    }
    if (result.ok) options.onPreview?.(result);
  };

  const guessed = (options.guessedQuotes ?? []).map(aliasKey);
  const isGuessed = (text: string) => guessed.some((start) => aliasKey(text).startsWith(start));
  const quoteRow = (quote: Pack['quotes'][number], index: number, speakers: ReadonlyArray<[string, string]>) => {
    const row = h(doc, 'li', 'bb-quote');
    row.append(h(doc, 'blockquote', '', quote.text));
    if (isGuessed(quote.text) && !review.speakers.has(quoteKey(quote.text))) {
      row.dataset.guessed = 'true';
      row.append(h(doc, 'p', 'bb-note', 'No rule found who said this: the speaker is a guess. Check it.'));
    }
    const select = h(doc, 'select');
    select.setAttribute('aria-label', `Speaker of quote ${index + 1}`);
    const chosen = review.speakers.get(quoteKey(quote.text)) ?? quote.speaker;
    if (!speakers.some(([id]) => id === chosen)) {
      // Its speaker was rejected: the quote needs another before the pack can be saved.
      const none = h(doc, 'option', '', 'Choose who said it…');
      none.value = '';
      none.disabled = true;
      none.selected = true;
      select.append(none);
      row.dataset.guessed = 'true';
    }
    for (const [id, name] of speakers) {
      const option = h(doc, 'option', '', name);
      option.value = id;
      option.selected = id === chosen;
      select.append(option);
    }
    select.addEventListener('change', () => setSpeaker(quoteKey(quote.text), select.value), { signal });
    const label = h(doc, 'label', 'bb-meta', 'Said by ');
    label.append(select);
    row.append(label);
    return row;
  };

  elements.entities.replaceChildren(
    ...draft.annotations.entities.map((entity) =>
      entityRow(doc, entity.id, review.entities.get(entity.id), setEntity, signal, {
        linkedTo: options.linked.get(entity.id),
        candidate: options.candidates?.get(entity.id),
      }),
    ),
  );
  show();
  return {
    current: () => result,
    settle() {
      if (timer !== undefined) {
        clearTimeout(timer);
        rebuild();
      }
      return result.ok ? result.pack : null;
    },
  };
}

/** The kept entities a quote may be said by, as [id, name]: people first. */
function speakerChoices(review: Review): Array<[string, string]> {
  const kept = [...review.entities].filter(([, entity]) => entity.keep && entity.kind !== 'place');
  kept.sort(([, a], [, b]) => Number(b.kind === 'person') - Number(a.kind === 'person'));
  return kept.map(([id, entity]) => [id, entity.name]);
}

type SetEntity = (id: string, change: Partial<EntityReview>, now?: boolean) => void;

/** What the draft says of an entity: how often it is named and quoted, where its description comes from, doubts. */
export function candidateLine(candidate: EntityCandidate): string {
  const parts = [`named ${candidate.mentions} ${candidate.mentions === 1 ? 'time' : 'times'}`];
  if (candidate.quotes > 0) parts.push(`quoted ${candidate.quotes} ${candidate.quotes === 1 ? 'time' : 'times'}`);
  parts.push(
    candidate.descriptionFrom === 'fallback'
      ? 'no description in the article: write one'
      : `description from the article’s ${candidate.descriptionFrom === 'appositive' ? 'own words' : 'title for it'}`,
  );
  if (candidate.confidence === 'low') parts.push('unsure: check it');
  const line = parts.join(' · ');
  return (
    line.charAt(0).toUpperCase() + line.slice(1) + (candidate.notes.length ? ` (${candidate.notes.join('; ')})` : '')
  );
}

function entityRow(
  doc: Document,
  id: string,
  entity: EntityReview | undefined,
  set: SetEntity,
  signal: AbortSignal,
  about: { linkedTo?: string; candidate?: EntityCandidate },
): HTMLElement {
  const row = h(doc, 'li', 'bb-entity');
  if (!entity) return row;
  row.dataset.entity = id;
  row.dataset.keep = 'true';
  const keep = h(doc, 'input');
  keep.type = 'checkbox';
  keep.checked = true;
  keep.setAttribute('aria-label', `Keep ${entity.name}`);
  const name = h(doc, 'input');
  name.type = 'text';
  name.value = entity.name;
  name.setAttribute('aria-label', `Name of ${entity.name}`);
  const head = h(doc, 'div', 'bb-entity-head');
  head.append(keep, name);

  const kind = h(doc, 'select');
  for (const value of ENTITY_KINDS) {
    const option = h(doc, 'option', '', KIND_NAMES[value]);
    option.value = value;
    option.selected = value === entity.kind;
    kind.append(option);
  }
  const aliases = h(doc, 'textarea');
  aliases.rows = Math.min(4, Math.max(2, entity.aliases.length));
  aliases.value = entity.aliases.join('\n');
  const description = h(doc, 'textarea');
  description.rows = 2;
  description.value = entity.description;
  const edit = h(doc, 'div', 'bb-edit');
  for (const [label, control] of [
    ['Kind', kind],
    ['Aliases (one per line)', aliases],
    ['Description', description],
  ] as const) {
    control.setAttribute('aria-label', `${label.replace(/ \(.*\)$/, '')} of ${entity.name}`);
    edit.append(h(doc, 'span', '', label), control);
  }
  row.append(head, edit);
  if (about.candidate) {
    row.append(h(doc, 'p', 'bb-meta', candidateLine(about.candidate)));
    row.dataset.confidence = about.candidate.confidence;
  }
  if (about.linkedTo) {
    row.append(h(doc, 'p', 'bb-linked', `Already in “${about.linkedTo}”: linked, not added twice.`));
  }

  keep.addEventListener(
    'change',
    () => {
      row.dataset.keep = String(keep.checked);
      set(id, { keep: keep.checked }, true);
    },
    { signal },
  );
  name.addEventListener('input', () => set(id, { name: name.value }), { signal });
  kind.addEventListener('change', () => set(id, { kind: kind.value as EntityKind }, true), { signal });
  aliases.addEventListener('input', () => set(id, { aliases: aliases.value.split('\n') }), { signal });
  description.addEventListener('input', () => set(id, { description: description.value }), { signal });
  return row;
}
