/**
 * The pack builder page (`builder.html?tab=<id>`): reads the tab's article through its content script, drafts a
 * pack from it on this page (the NLP library loads here only, never in the content script), shows the draft for
 * review, and saves the reviewed pack. Wiring over the extension API; the parts are source, drafting, review-view,
 * article-view and save.
 */
import { browser } from 'wxt/browser';
import packData from '../../knowledge/pack.json';
import type { Pack } from '../../knowledge/schema';
import { sendToBackground, type MessagingApi } from '../../messaging/contract';
import { createPackStore, type PackStore } from '../../packs/store';
import { loadSettings } from '../../settings/storage';
import { h, textButton } from '../../shared/dom';
import type { BuilderDraft } from './drafting';
import { createReviewView } from './review-view';
import { savePack } from './save';
import { articleInput, requestArticle, tabFromSearch, type ArticleInput } from './source';

/** The `performance.mark` made when the review is on screen (the click-to-review figure ends here). */
export const BUILDER_READY_MARK = 'backstory:builder-review-ready';

interface Elements {
  readonly status: HTMLElement;
  readonly choice: HTMLElement;
  readonly source: HTMLElement;
  readonly fields: HTMLElement;
  readonly review: HTMLElement;
  readonly entities: HTMLElement;
  readonly quotes: HTMLElement;
  readonly article: HTMLElement;
  readonly actions: HTMLElement;
  readonly problems: HTMLElement;
  readonly save: HTMLButtonElement;
  readonly saved: HTMLElement;
}

function elementsOf(doc: Document): Elements | null {
  const $ = (id: string) => doc.getElementById(id);
  const found = {
    status: $('bb-status'),
    choice: $('bb-choice'),
    source: $('bb-source'),
    fields: $('bb-source-fields'),
    review: $('bb-review'),
    entities: $('bb-entities'),
    quotes: $('bb-quotes'),
    article: $('bb-article-text'),
    actions: $('bb-actions'),
    problems: $('bb-problems'),
    save: $('bb-save'),
    saved: $('bb-saved'),
  };
  if (Object.values(found).some((element) => element === null)) return null;
  return found as unknown as Elements;
}

/** Starts the builder in `win`'s document (entrypoints/builder/index.html). */
export async function startBuilderPage(win: Window & typeof globalThis): Promise<void> {
  const doc = win.document;
  const els = elementsOf(doc);
  if (!els) return;
  // The theme setting, as on the other extension pages.
  loadSettings()
    .then((settings) => (doc.documentElement.dataset.theme = settings.theme))
    .catch(() => undefined);
  const say = (text: string, kind: 'info' | 'error' = 'info') => {
    els.status.textContent = text;
    els.status.dataset.kind = kind;
  };
  const tabId = tabFromSearch(win.location.search);
  if (tabId === undefined) {
    say('Open this page from Backstory’s popup or the page’s context menu: it needs the tab of an article.', 'error');
    return;
  }
  const api = browser as unknown as MessagingApi;
  const source = await requestArticle(api, tabId);
  if (!source.ok) return say(source.error, 'error');
  const { extracted } = source;
  const store = createPackStore();
  const begin = (from: 'article' | 'selection') => {
    els.choice.replaceChildren();
    const input = articleInput(extracted, from);
    if (input) void draftAndReview(win, els, store, input, say);
  };
  if (extracted.readerable && extracted.article) return begin('article');

  // Not an article (or Readability found none): say so, and offer the selection or what was found anyway.
  const options: HTMLElement[] = [];
  if (extracted.selection.length > 0)
    options.push(choiceButton(doc, 'Use the selected text', () => begin('selection')));
  if (extracted.article) options.push(choiceButton(doc, 'Use what was found anyway', () => begin('article')));
  say(
    options.length > 0
      ? 'This page does not look like an article.'
      : 'This page does not look like an article. Select the article’s text on the page, then reload this page.',
    'error',
  );
  els.choice.replaceChildren(...options);
}

function choiceButton(doc: Document, text: string, onClick: () => void): HTMLButtonElement {
  const button = textButton(doc, 'bb-choice-button', text);
  button.addEventListener('click', onClick, { once: true });
  return button;
}

/** The bundled pack (when on) and the reader's enabled packs: entities found again are linked to them. */
interface KnownPacks {
  readonly packs: Pack[];
  readonly ids: Set<string>;
  /** Stored packs' ids by their source's origin (the article's site and address). */
  readonly byOrigin: Map<string, string>;
}

async function knownPacks(store: PackStore): Promise<KnownPacks> {
  const bundled = packData as unknown as Pack;
  try {
    const [{ packs }, state] = await Promise.all([store.list(), store.state()]);
    return {
      packs: [...(state.bundledEnabled ? [bundled] : []), ...packs.filter((p) => p.enabled).map((p) => p.pack)],
      ids: new Set([bundled.id, ...packs.map((p) => p.id)]),
      byOrigin: new Map(packs.map((p) => [p.pack.source.origin, p.id])),
    };
  } catch {
    // No pack storage here (a private window): draft against the bundled pack; saving will say why it cannot.
    return { packs: [bundled], ids: new Set([bundled.id]), byOrigin: new Map() };
  }
}

async function draftAndReview(
  win: Window & typeof globalThis,
  els: Elements,
  store: PackStore,
  input: ArticleInput,
  say: (text: string, kind?: 'info' | 'error') => void,
): Promise<void> {
  const doc = win.document;
  say('Drafting a pack from the article…');
  let draft: BuilderDraft;
  try {
    const [{ draftForBuilder }, known] = await Promise.all([import('./drafting'), knownPacks(store)]);
    // The article's own pack, when it was added before, is not one to link to: it is the one being updated.
    const others = known.packs.filter((pack) => !isSameArticle(pack, input));
    draft = draftForBuilder(input, others, known.ids, known.byOrigin);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    say(`Backstory could not draft a pack from this article. ${why}`, 'error');
    return;
  }
  showSource(doc, els, input);
  const controller = new AbortController();
  const view = createReviewView({
    elements: els,
    draft,
    packId: draft.packId,
    linked: draft.linked,
    built: draft.built,
    candidates: draft.candidates,
    guessedQuotes: draft.guessedQuotes,
    signal: controller.signal,
  });
  els.review.hidden = false;
  els.actions.hidden = false;
  const first = view.current();
  say(
    first.ok
      ? `Found ${first.pack.entities.length} people, groups and places and ${first.pack.quotes.length} quotes. ` +
          'Review them, then save.'
      : 'The draft needs a correction before it can be saved: see the problems below.',
  );
  win.performance.mark(BUILDER_READY_MARK);

  els.save.addEventListener(
    'click',
    () =>
      void (async () => {
        const pack = view.settle();
        if (!pack) return;
        els.save.disabled = true;
        const result = await savePack(
          store,
          pack,
          () => sendToBackground(browser, { type: 'packs-changed' }),
          Date.now(),
        );
        els.save.disabled = false;
        if (!result.ok) {
          els.saved.replaceChildren(h(doc, 'span', 'bb-error', result.error));
          return;
        }
        const reader = h(doc, 'a', '', 'Read it in the reader');
        reader.href = `/reader.html?pack=${encodeURIComponent(pack.id)}`;
        reader.target = '_blank';
        const manage = h(doc, 'a', '', 'Manage packs');
        manage.href = '/options.html';
        manage.target = '_blank';
        const what = `${result.replaced ? 'Updated' : 'Saved'} “${pack.source.title}”: ${pack.entities.length} entities, ${pack.quotes.length} quotes.`;
        const live = result.live
          ? ' Its marks now appear in your open tabs.'
          : ' It will be used from the next page load.';
        els.saved.replaceChildren(h(doc, 'span', '', what + live), reader, manage);
      })(),
    { signal: controller.signal },
  );
}

/** Whether `pack` was drafted from the article at `input.url`. */
function isSameArticle(pack: Pack, input: ArticleInput): boolean {
  return input.url !== '' && pack.source.origin.includes(`(${input.url})`);
}

function showSource(doc: Document, els: Elements, input: ArticleInput): void {
  const rows: Array<[string, string]> = [
    ['Title', input.title],
    ['Site', input.site],
    ['By', input.byline],
    ['Published', input.published || 'no date on the page'],
    ['Address', input.url],
    ['Paragraphs', String(input.paragraphs.length)],
  ];
  els.fields.replaceChildren(
    ...rows.filter(([, value]) => value).flatMap(([term, value]) => [h(doc, 'dt', '', term), h(doc, 'dd', '', value)]),
  );
  els.source.hidden = false;
}
