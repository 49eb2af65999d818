// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pack } from '../../../../src/knowledge/schema';
import { draftForBuilder, type BuilderDraft } from '../../../../src/pages/builder/drafting';
import { initialReview, previewPack } from '../../../../src/pack-builder/review';
import { createReviewView, type ReviewElements } from '../../../../src/pages/builder/review-view';

const ARTICLE = {
  title: 'Engineers warn of delays at Mosul Dam repairs',
  byline: 'Sara Lindqvist',
  site: 'Test Tribune',
  published: '2024-03-12',
  url: 'https://tribune.test/dam',
  paragraphs: [
    'MOSUL, Iraq -- Engineers working on the Mosul Dam warned on Tuesday that repairs could take another two years.',
    '“We are racing against the water every single day,” said Omar Haddad, the chief engineer of the dam’s grouting team.',
    'Nadia al-Tamimi, Iraq’s minister of water resources, told reporters in Baghdad that new funds would come next month.',
    '“The money is ready, and the work will not stop for a single day,” Tamimi said.',
  ],
};

let draft: BuilderDraft;
let elements: ReviewElements;
let controller: AbortController;

function mount(): ReviewElements {
  const make = (tag: string) => document.body.appendChild(document.createElement(tag));
  return {
    entities: make('ol'),
    quotes: make('ol'),
    article: make('div'),
    problems: make('ul'),
    save: make('button') as HTMLButtonElement,
  };
}

/** The review of the draft, mounted in the elements, for this test's lifetime. */
const review = (linked: ReadonlyMap<string, string> = draft.linked) =>
  createReviewView({ elements, draft, packId: draft.packId, linked, signal: controller.signal });

const control = <T extends Element>(label: string) => {
  const found = document.querySelector<T>(`[aria-label="${label}"]`);
  if (!found) throw new Error(`no control named ${label}`);
  return found;
};

beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren();
  draft = draftForBuilder(ARTICLE, [], new Set(['iraq-july-2021']));
  elements = mount();
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('the builder review', () => {
  it('lists the drafted entities with their controls, the quotes with their speakers, and the marked article', () => {
    const view = review();
    expect(view.current().ok).toBe(true);
    const names = Array.from(
      elements.entities.querySelectorAll<HTMLInputElement>('.bb-entity-head input[type="text"]'),
      (i) => i.value,
    );
    expect(names).toEqual(expect.arrayContaining(['Omar Haddad', 'Nadia al-Tamimi']));
    const speakers = Array.from(elements.quotes.querySelectorAll('select'), (s) => s.selectedOptions[0]?.textContent);
    expect(speakers).toEqual(['Omar Haddad', 'Nadia al-Tamimi']);
    expect(elements.article.querySelector('h3')?.textContent).toBe(ARTICLE.title);
    const marked = Array.from(elements.article.querySelectorAll('mark[data-kind="person"]'), (m) => m.textContent);
    expect(marked).toEqual(expect.arrayContaining(['Omar Haddad', 'Nadia al-Tamimi', 'Tamimi']));
    expect(elements.article.querySelectorAll('mark[data-kind="quote"]')).toHaveLength(2);
    expect(elements.save.disabled).toBe(false);
    expect(control<HTMLTextAreaElement>('Description of Omar Haddad').value).toMatch(/chief engineer/i);
  });

  it('an edit reaches the pack to save once built; page text is shown as text', () => {
    const view = review();
    const description = control<HTMLTextAreaElement>('Description of Omar Haddad');
    description.value = '<img src=x onerror=alert(1)> Chief engineer.';
    description.dispatchEvent(new Event('input'));
    const pack = view.settle() as Pack;
    expect(pack.entities.find((e) => e.name === 'Omar Haddad')?.description).toBe(
      '<img src=x onerror=alert(1)> Chief engineer.',
    );
    expect(document.querySelector('img')).toBeNull();
  });

  it('rejecting a quote’s speaker disables saving and says why; choosing another speaker builds again', () => {
    const view = review();
    const keep = control<HTMLInputElement>('Keep Nadia al-Tamimi');
    keep.checked = false;
    keep.dispatchEvent(new Event('change'));
    expect(view.current().ok).toBe(false);
    expect(elements.save.disabled).toBe(true);
    expect(elements.problems.textContent).toMatch(/no speaker found for the quote “The money is ready/);
    expect(view.settle()).toBeNull();
    // The quotes list keeps the last good build: choose Omar Haddad for the orphaned quote.
    const select = control<HTMLSelectElement>('Speaker of quote 2');
    expect(Array.from(select.options, (o) => o.textContent)).not.toContain('Nadia al-Tamimi');
    select.value = Array.from(select.options).find((o) => o.textContent === 'Omar Haddad')?.value ?? '';
    select.dispatchEvent(new Event('change'));
    expect(view.current().ok).toBe(true);
    expect(elements.save.disabled).toBe(false);
    expect(elements.problems.children).toHaveLength(0);
  });

  it('a speaker chosen from the list is the quote’s speaker in the saved pack', () => {
    const view = review();
    const select = control<HTMLSelectElement>('Speaker of quote 2');
    const omar = Array.from(select.options).find((o) => o.textContent === 'Omar Haddad');
    select.value = omar?.value ?? '';
    select.dispatchEvent(new Event('change'));
    const pack = view.settle() as Pack;
    const quote = pack.quotes.find((q) => q.text.startsWith('The money is ready'));
    expect(pack.entities.find((e) => e.id === quote?.speaker)?.name).toBe('Omar Haddad');
  });

  it('says which entities the reader’s packs already know', () => {
    const linked = new Map([[draft.annotations.entities[0]?.id ?? '', 'An older pack']]);
    review(linked);
    expect(elements.entities.querySelector('.bb-linked')?.textContent).toBe(
      'Already in “An older pack”: linked, not added twice.',
    );
  });
});

describe('the builder’s pack id', () => {
  it('is new for a new article, and the stored pack’s for an article added before (saving updates it)', () => {
    expect(draft.packId).toMatch(/^engineers-warn-of-delays/);
    const origin = draft.annotations.source.origin;
    expect(origin).toContain('(https://tribune.test/dam)');
    const again = draftForBuilder(ARTICLE, [], new Set(['added-before']), new Map([[origin, 'added-before']]));
    expect(again.packId).toBe('added-before');
  });
});

describe('the first preview', () => {
  it('is the drafting’s own build, the same as building the unedited review', () => {
    const again = previewPack(draft, initialReview(draft), draft.packId);
    if (!draft.built.ok || !again.ok) throw new Error('the draft does not build');
    // The same pack; the reports differ only in the file name their review text gives.
    expect(draft.built.pack).toEqual(again.pack);
    expect({ ...draft.built.report, variants: '' }).toEqual({ ...again.report, variants: '' });
    const view = createReviewView({
      elements,
      draft,
      packId: draft.packId,
      linked: draft.linked,
      built: draft.built,
      signal: controller.signal,
    });
    expect(view.current()).toBe(draft.built);
  });
});
