// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import { createMatcher } from '../../../src/match';
import {
  createHighlighter,
  DEFAULT_HIGHLIGHT_SETTINGS,
  MUTATION_DEBOUNCE_MS,
  type HighlightSettings,
} from '../../../src/page/highlighter';

const matcher = createMatcher(packData as unknown as Pack);

/** happy-dom has no CSS Custom Highlight API: a registry with the same surface. */
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

let registry: Map<string, FakeHighlight>;
let controller: AbortController;

/** happy-dom's ResizeObserver never delivers: one that does, a task after `observe` (as a rendering update would). */
class DeliveringResizeObserver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly callback: () => void) {}
  observe() {
    this.timer ??= setTimeout(() => this.callback(), 0);
  }
  disconnect() {
    clearTimeout(this.timer);
  }
}

beforeEach(() => {
  Object.assign(window, { ResizeObserver: DeliveringResizeObserver });
  registry = new Map();
  Object.assign(window, { Highlight: FakeHighlight });
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
  controller = new AbortController();
  document.body.replaceChildren();
});

afterEach(() => {
  controller.abort();
  vi.useRealTimers();
  document.designMode = 'off';
});

function page(html: string) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((node) => document.importNode(node, true)));
}

function start(settings: HighlightSettings = DEFAULT_HIGHLIGHT_SETTINGS) {
  return createHighlighter({
    doc: document,
    win: window as unknown as Window & typeof globalThis,
    matcher,
    settings,
    signal: controller.signal,
  });
}

const registered = () =>
  [...registry.entries()].flatMap(([name, highlight]) =>
    [...highlight].map((range) => `${name}:${(range as Range).toString()}`),
  );

describe('the highlighter', () => {
  it('registers one Range per match under backstory- names, covering exactly the matched text', async () => {
    page(
      '<article><p>Prime Minister Mustafa <a href="#">al-Kadhimi</a> met Joe Biden.</p><p>Kadhimi left.</p></article>',
    );
    const highlighter = start();
    await highlighter.refresh();
    expect(registered()).toEqual(['backstory-person:Mustafa al-Kadhimi', 'backstory-person:Joe Biden']);
    expect(highlighter.marks().map((mark) => mark.target)).toEqual(['mustafa-al-kadhimi', 'joe-biden']);
  });

  it('marks every mention when asked, and only the kinds asked for', async () => {
    page('<main><p>Kadhimi met Biden in Baghdad.</p><p>Kadhimi left Baghdad.</p></main>');
    const highlighter = start({ ...DEFAULT_HIGHLIGHT_SETTINGS, mentions: 'all', kinds: ['place'] });
    await highlighter.refresh();
    expect(registered()).toEqual(['backstory-place:Baghdad', 'backstory-place:Baghdad']);
  });

  it('never takes an article inside a skipped subtree as the scope, and marks nothing in design mode', async () => {
    page(
      '<div aria-hidden="true"><article><p>Kadhimi met Biden in Baghdad, and Kadhimi went on at length.</p></article></div>' +
        '<div contenteditable="true"><main><p>Sadr in Baghdad. Sadr, again, in Baghdad, at length.</p></main></div>' +
        '<p>Joe Biden spoke.</p>',
    );
    const highlighter = start();
    await highlighter.refresh();
    expect(registered()).toEqual(['backstory-person:Joe Biden']);

    document.designMode = 'on';
    await highlighter.refresh();
    expect(registered()).toEqual([]);
    expect(highlighter.marks()).toEqual([]);
  });

  it('finds the mark at a caret position', async () => {
    page('<p>Yesterday Muqtada al-Sadr spoke.</p>');
    const highlighter = start();
    await highlighter.refresh();
    const text = document.querySelector('p')?.firstChild as Text;
    expect(highlighter.markAtPosition(text, 12)?.target).toBe('muqtada-al-sadr');
    expect(highlighter.markAtPosition(text, 3)).toBeNull();
  });

  it('re-scans added content, drops marks whose text left, and leaves nothing after abort', async () => {
    page('<article><p id="a">Jen Psaki spoke.</p></article>');
    const highlighter = start();
    await highlighter.refresh();
    const added = document.createElement('p');
    added.textContent = 'Later, Donald Trump weighed in.';
    document.querySelector('article')?.append(added);
    document.getElementById('a')?.remove();
    await vi.waitFor(() => expect(registered()).toEqual(['backstory-person:Donald Trump']), {
      timeout: MUTATION_DEBOUNCE_MS * 10,
    });
    controller.abort();
    expect(registry.size).toBe(0);
    expect(highlighter.marks()).toEqual([]);
  });

  it('reads text again when the page un-hides it', async () => {
    page('<main aria-hidden="true"><p>Nasr al-Shammari spoke.</p></main>');
    const highlighter = start();
    await highlighter.refresh();
    expect(registered()).toEqual([]);
    document.querySelector('main')?.removeAttribute('aria-hidden');
    await vi.waitFor(() => expect(registered()).toEqual(['backstory-person:Nasr al-Shammari']), { timeout: 3_000 });
    expect(highlighter.marks()).toHaveLength(1);
  });

  it('puts its highlights back when the page removes them', async () => {
    page('<p>Jen Psaki spoke.</p>');
    const highlighter = start();
    await highlighter.refresh();
    registry.clear();
    await highlighter.refresh();
    expect(registered()).toEqual(['backstory-person:Jen Psaki']);
  });

  it('keeps hit testing on the previous marks while a fresh pass builds the new ones', async () => {
    page('<article><p>Prime Minister Mustafa al-Kadhimi spoke.</p></article>');
    const highlighter = start();
    await highlighter.refresh();
    const text = document.querySelector('p')?.firstChild as Text;
    const offset = text.data.indexOf('Kadhimi');
    expect(highlighter.markAtPosition(text, offset)?.target).toBe('mustafa-al-kadhimi');
    let done = false;
    const passing = highlighter.refresh().then(() => (done = true));
    let looks = 0;
    while (!done) {
      looks++;
      expect(highlighter.markAtPosition(text, offset)?.target, `look ${looks}`).toBe('mustafa-al-kadhimi');
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await passing;
    expect(looks).toBeGreaterThan(2);
    expect(highlighter.markAtPosition(text, offset)?.target).toBe('mustafa-al-kadhimi');
  });

  it('takes the common ancestor of comparable articles as the scope, without the chrome around or inside it', async () => {
    page(
      '<nav><p>Joe Biden, Jen Psaki and Baghdad in the menu.</p></nav>' +
        '<div id="feed"><article><p>Mustafa al-Kadhimi spoke in Baghdad about the talks at length.</p></article>' +
        '<aside><p>Ad: Joe Biden</p></aside>' +
        '<article><p>Muqtada al-Sadr answered from Najaf about the talks at length.</p></article></div>',
    );
    const highlighter = start();
    await highlighter.refresh();
    expect(highlighter.marks().map((mark) => mark.text)).toEqual([
      'Mustafa al-Kadhimi',
      'Baghdad',
      'Muqtada al-Sadr',
      'Najaf',
    ]);
  });

  it('leaves the page chrome out of the share an article needs, and reads it when the body is the scope', async () => {
    const menu = `<nav>${'<a href="#">World news and more sections</a> '.repeat(60)}<a href="#">Joe Biden</a></nav>`;
    // The article is a small share of the body with its menu, a large one without: it is the scope.
    page(`${menu}<article><p>Mustafa al-Kadhimi spoke in Baghdad.</p></article><footer>Jen Psaki</footer>`);
    const highlighter = start();
    await highlighter.refresh();
    expect(highlighter.marks().map((mark) => mark.text)).toEqual(['Mustafa al-Kadhimi', 'Baghdad']);
    // A widget beside a longer story outside any candidate: the body is the scope, menu and footer included.
    page(
      `${menu}<div><p>${'Mustafa al-Kadhimi met the council about the budget and the talks. '.repeat(12)}</p></div>` +
        '<article><p>Weather in Baghdad.</p></article><footer>Jen Psaki</footer>',
    );
    await highlighter.refresh();
    expect(highlighter.marks().map((mark) => mark.text)).toEqual([
      'Joe Biden',
      'Mustafa al-Kadhimi',
      'Baghdad',
      'Jen Psaki',
    ]);
  });
});
