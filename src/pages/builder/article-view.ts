/**
 * The builder page's view of the article with what the draft found: each entity mention and each quote marked in
 * the text (the page's own DOM: this is our page), so the reader can check the draft against the article. Text is
 * set with `textContent` only.
 */
import type { Pack } from '../../knowledge/schema';
import { h } from '../../shared/dom';

interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
  readonly label: string;
}

/** Renders `pack`'s article into `box`, marks included. */
export function renderArticle(box: HTMLElement, pack: Pack): void {
  const doc = box.ownerDocument;
  const names = new Map(pack.entities.map((entity) => [entity.id, entity.name]));
  const mentions: Span[] = pack.entities
    .flatMap((entity) =>
      entity.mentions.map((mention) => ({
        start: mention.start,
        end: mention.end,
        kind: entity.kind,
        label: `${entity.name} (${entity.kind})`,
      })),
    )
    .sort((a, b) => a.start - b.start);
  const quotes: Span[] = pack.quotes.map((quote) => ({
    start: quote.start,
    end: quote.end,
    kind: 'quote',
    label: `Quote of ${names.get(quote.speaker) ?? quote.speaker}`,
  }));
  const text = pack.source.text;
  const nodes: Node[] = [h(doc, 'h3', '', pack.source.title)];
  for (const paragraph of pack.source.paragraphs) {
    const p = h(doc, 'p');
    let at = paragraph.start;
    for (const quote of quotes.filter((q) => q.start >= paragraph.start && q.end <= paragraph.end)) {
      p.append(...marked(doc, text, at, quote.start, mentions));
      const mark = markFor(doc, quote);
      mark.append(...marked(doc, text, quote.start, quote.end, mentions));
      p.append(mark);
      at = quote.end;
    }
    p.append(...marked(doc, text, at, paragraph.end, mentions));
    nodes.push(p);
  }
  box.replaceChildren(...nodes);
}

/** `text[from, to)` with the mentions inside it marked. */
function marked(doc: Document, text: string, from: number, to: number, mentions: readonly Span[]): Node[] {
  const out: Node[] = [];
  let at = from;
  for (const mention of mentions) {
    if (mention.start < at || mention.end > to) continue;
    if (mention.start > at) out.push(doc.createTextNode(text.slice(at, mention.start)));
    const mark = markFor(doc, mention);
    mark.textContent = text.slice(mention.start, mention.end);
    out.push(mark);
    at = mention.end;
  }
  if (to > at) out.push(doc.createTextNode(text.slice(at, to)));
  return out;
}

function markFor(doc: Document, span: Span): HTMLElement {
  const mark = h(doc, 'mark', 'bb-mark');
  mark.dataset.kind = span.kind;
  mark.title = span.label;
  return mark;
}
