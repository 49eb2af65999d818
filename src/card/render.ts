/**
 * The card's content as DOM nodes: small render functions over the views of `model.ts`. Every string from the pack
 * or the page goes through `textContent`, never markup, so a pack full of `<script>` shows as text. The document is
 * a parameter (the page's, the reader's, or a test's).
 */
import { h, textButton } from '../shared/dom';
import type { FidelityView } from './fidelity';
import type { EntityView, QuoteView, RelatedView, SayingView, SourceView } from './model';

/** What the buttons of a card do; the card (or a test) supplies them. */
export interface CardActions {
  /** Switches the card to another entity (related entity, quote speaker, venue). */
  openEntity(id: string): void;
  /** Opens the source reader at an anchor (`q-3`, `s-12`). */
  readSource(anchor: string): void;
}

export interface RenderOptions {
  /** The id given to the title element, for the dialog's `aria-labelledby`. */
  readonly titleId: string;
  readonly actions: CardActions;
}

/** The first letter of each kind, drawn in the kind's colour as its icon. */
const KIND_GLYPH: Readonly<Record<string, string>> = {
  person: 'P',
  organization: 'O',
  group: 'G',
  place: 'L',
  media: 'M',
  event: 'E',
  quote: '“',
};

function button(
  doc: Document,
  className: string,
  label: string,
  onClick: () => void,
  { userOnly = false }: { userOnly?: boolean } = {},
): HTMLButtonElement {
  const node = textButton(doc, className, label);
  node.addEventListener('click', (event) => {
    event.preventDefault();
    // The shadow root is open (a contract), so a page script can reach our buttons: the ones that act outside the
    // card (opening a tab) answer only a person's click or key press.
    if (userOnly && !event.isTrusted) return;
    onClick();
  });
  return node;
}

function kindLine(doc: Document, kind: string, label: string): HTMLElement {
  const line = h(doc, 'p', 'bs-kind');
  const icon = h(doc, 'span', 'bs-icon', KIND_GLYPH[kind] ?? '•');
  icon.dataset.kind = kind;
  icon.setAttribute('aria-hidden', 'true');
  line.append(icon, h(doc, 'span', '', label));
  return line;
}

function section(doc: Document, heading: string, ...children: Node[]): HTMLElement {
  const node = h(doc, 'section', 'bs-section');
  node.append(h(doc, 'h3', 'bs-heading', heading), ...children);
  return node;
}

function readLink(doc: Document, anchor: string, actions: CardActions): HTMLButtonElement {
  const node = button(doc, 'bs-read', 'Read in source', () => actions.readSource(anchor), { userOnly: true });
  node.dataset.anchor = anchor;
  return node;
}

/** One quote or statement of an entity card: the words, who said them and where, and "Read in source". */
export function renderSaying(doc: Document, saying: SayingView, actions: CardActions): HTMLElement {
  const item = h(doc, 'li', `bs-saying bs-saying-${saying.kind}`);
  const words = h(doc, 'blockquote', 'bs-words', saying.kind === 'quote' ? `“${saying.text}”` : saying.text);
  const meta = h(doc, 'p', 'bs-meta');
  meta.append(h(doc, 'span', 'bs-attribution', saying.attribution));
  if (saying.source) meta.append(h(doc, 'span', 'bs-sep', ' · '), h(doc, 'cite', 'bs-saying-source', saying.source));
  meta.append(readLink(doc, saying.anchor, actions));
  item.append(words, meta);
  return item;
}

function renderRelated(doc: Document, related: readonly RelatedView[], actions: CardActions): HTMLElement {
  const list = h(doc, 'ul', 'bs-related');
  for (const entity of related) {
    const item = h(doc, 'li');
    const link = button(doc, 'bs-entity', entity.name, () => actions.openEntity(entity.id));
    link.dataset.entity = entity.id;
    if (entity.relation) {
      link.prepend(h(doc, 'span', 'bs-relation', `${entity.relation} `));
    }
    item.append(link);
    list.append(item);
  }
  return list;
}

/** The footer: which article the knowledge comes from, and its date. */
export function renderFooter(doc: Document, source: SourceView): HTMLElement {
  const footer = h(doc, 'footer', 'bs-footer');
  footer.append(
    h(doc, 'span', '', 'From '),
    h(doc, 'cite', 'bs-source-title', source.title),
    h(doc, 'span', '', ` · ${source.dateline}, ${source.date}`),
  );
  return footer;
}

/** "3 mentions here", "1 mention here". */
export function mentionsLabel(count: number): string {
  return `${count} ${count === 1 ? 'mention' : 'mentions'} here`;
}

/** The content of an entity card. `mentionsHere` is the number of marks of this entity on the page (null: none shown). */
export function renderEntityCard(
  doc: Document,
  view: EntityView,
  options: RenderOptions & { readonly mentionsHere: number | null },
): HTMLElement {
  const { actions } = options;
  const body = h(doc, 'div', 'bs-body');
  body.dataset.card = 'entity';
  body.dataset.target = view.id;
  const title = h(doc, 'h2', 'bs-title', view.name);
  title.id = options.titleId;
  body.append(kindLine(doc, view.kind, view.kindLabel), title, h(doc, 'p', 'bs-description', view.description));
  if (options.mentionsHere !== null && options.mentionsHere > 0) {
    body.append(h(doc, 'p', 'bs-mentions', mentionsLabel(options.mentionsHere)));
  }
  if (view.descriptions && view.descriptions.length > 1) {
    const list = h(doc, 'ul', 'bs-descriptions');
    for (const description of view.descriptions) {
      const item = h(doc, 'li', 'bs-description-by');
      item.append(h(doc, 'span', '', description.text), h(doc, 'cite', 'bs-saying-source', ` ${description.source}`));
      list.append(item);
    }
    body.append(section(doc, 'What each source says', list));
  }
  if (view.mergedBecause) body.append(h(doc, 'p', 'bs-merged', view.mergedBecause));
  body.append(section(doc, 'In the source article', h(doc, 'p', 'bs-role', view.role)));
  if (view.sayings.length) {
    const list = h(doc, 'ul', 'bs-sayings');
    for (const saying of view.sayings) list.append(renderSaying(doc, saying, actions));
    body.append(section(doc, 'What they said', list));
  }
  if (view.related.length) body.append(section(doc, 'Related', renderRelated(doc, view.related, actions)));
  if (view.links.length) {
    const links = h(doc, 'p', 'bs-links');
    for (const link of view.links) {
      const anchor = h(doc, 'a', 'bs-external', link.label);
      anchor.href = link.url;
      anchor.target = '_blank';
      anchor.rel = 'noopener noreferrer';
      links.append(anchor);
    }
    body.append(links);
  }
  body.append(renderFooter(doc, view.source));
  return body;
}

/** A labelled word of a change: "This page “by”", "Source “at”" (the label is text: never colour alone). */
function sideWord(doc: Document, side: string, word: string, className: string): HTMLElement {
  const node = h(doc, 'span', 'bs-side');
  node.append(h(doc, 'span', 'bs-side-label', `${side} `), h(doc, 'span', className, word));
  return node;
}

/**
 * How the page quotes the quote: a badge with the state as text ("Words changed" the loudest), a sentence on what it
 * means, then the page's words next to the source's, and the source words each ellipsis stands for.
 */
export function renderFidelity(doc: Document, view: FidelityView): HTMLElement {
  const node = h(doc, 'section', `bs-fidelity bs-fidelity-${view.state}`);
  node.dataset.fidelity = view.state;
  node.setAttribute('aria-label', 'How this page quotes it');
  const head = h(doc, 'p', 'bs-fidelity-head');
  const badge = h(doc, 'span', 'bs-badge', view.label);
  badge.dataset.state = view.state;
  head.append(badge, doc.createTextNode(' '), h(doc, 'span', 'bs-fidelity-note', view.note));
  node.append(head);
  if (view.changes.length) {
    const list = h(doc, 'ul', 'bs-changes');
    for (const change of view.changes) {
      const item = h(doc, 'li', 'bs-change');
      item.dataset.kind = change.kind;
      item.append(
        sideWord(doc, 'This page', change.page, 'bs-page-word'),
        h(doc, 'span', 'bs-sep', ' · '),
        sideWord(doc, 'Source', change.source, 'bs-source-word'),
      );
      list.append(item);
    }
    node.append(list);
  }
  if (view.elisions.length) {
    const list = h(doc, 'ul', 'bs-elisions');
    for (const elision of view.elisions) {
      const item = h(doc, 'li', 'bs-elision');
      item.append(sideWord(doc, '“…” stands for', elision.source, 'bs-source-word'));
      list.append(item);
    }
    node.append(list);
  }
  return node;
}

/** The content of a quote card: the quote with the page's part emphasised, its speaker, venue and sentence. */
export function renderQuoteCard(doc: Document, view: QuoteView, options: RenderOptions): HTMLElement {
  const { actions } = options;
  const body = h(doc, 'div', 'bs-body');
  body.dataset.card = 'quote';
  body.dataset.target = view.id;
  const title = h(doc, 'h2', 'bs-title');
  title.id = options.titleId;
  // The dialog's name is the speaker's; the button inside the title opens the speaker's card.
  const speaker = button(doc, 'bs-entity bs-speaker', view.speakerName, () => actions.openEntity(view.speakerId));
  speaker.dataset.entity = view.speakerId;
  title.append(speaker);

  const { start, end } = view.emphasis;
  const words = h(doc, 'blockquote', 'bs-words bs-quote');
  words.append(
    doc.createTextNode(`“${view.text.slice(0, start)}`),
    h(doc, 'mark', 'bs-matched', view.text.slice(start, end)),
    doc.createTextNode(`${view.text.slice(end)}”`),
  );

  const meta = h(doc, 'p', 'bs-meta');
  meta.append(h(doc, 'span', 'bs-attribution', `${view.speakerName} ${view.attribution}`));
  if (view.venue) {
    const venue = view.venue;
    meta.append(
      h(doc, 'span', 'bs-sep', ' · '),
      button(doc, 'bs-entity bs-venue', venue.name, () => actions.openEntity(venue.id)),
    );
  }
  body.append(kindLine(doc, 'quote', 'Quote'), title, words, meta);
  if (view.fidelity) body.append(renderFidelity(doc, view.fidelity));
  if (view.sentence) {
    body.append(section(doc, 'In the source article', h(doc, 'p', 'bs-sentence', view.sentence)));
  }
  const read = h(doc, 'p', 'bs-actions');
  read.append(readLink(doc, view.anchor, actions));
  body.append(read, renderFooter(doc, view.source));
  return body;
}
