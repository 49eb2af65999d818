// @vitest-environment happy-dom
/** The card of an entity that two packs know: both descriptions by source, why merged, sayings with their source. */
import { describe, expect, it } from 'vitest';
import { createMergedCardData } from '../../../src/card/merged-data';
import { renderEntityCard } from '../../../src/card/render';
import { bundled, envoyPack, tinyPack } from '../../unit/packs/helpers';

const actions = { openEntity: () => undefined, readSource: () => undefined };
const texts = (root: Element, selector: string) =>
  Array.from(root.querySelectorAll(selector), (element) => element.textContent ?? '');

describe('a card over two packs', () => {
  const data = createMergedCardData([bundled, envoyPack()]);

  it('lists each pack’s description with its dated source, newest first, and says why they merged', () => {
    const view = data.entityView('mustafa-al-kadhimi');
    if (!view) throw new Error('no view');
    const body = renderEntityCard(document, view, { titleId: 't', actions, mentionsHere: null });
    expect(body.querySelector('#t')?.textContent).toBe('Mustafa al-Kadhimi');
    expect(texts(body, '.bs-descriptions li')).toEqual([
      'Prime Minister of Iraq, as of September 2021; met the UN envoy before her briefing. UN Envoy Briefs Council on Iraq Vote, 8 September 2021',
      'Prime Minister of Iraq, as of July 2021. Iraqi Groups Demand Complete U.S. Withdrawal, 27 July 2021',
    ]);
    expect(body.querySelector('.bs-merged')?.textContent).toMatch(/because both packs give the same name and kind/);
  });

  it('dates each saying to its source and points "Read in source" at that pack’s article', () => {
    const view = data.entityView('jeanine-hennis-plasschaert');
    if (!view) throw new Error('no view');
    const body = renderEntityCard(document, view, { titleId: 't', actions, mentionsHere: null });
    expect(texts(body, '.bs-saying .bs-saying-source')[0]).toBe(
      'UN Envoy Briefs Council on Iraq Vote, 8 September 2021',
    );
    expect(body.querySelector<HTMLElement>('.bs-read')?.dataset.anchor).toBe('un-envoy-2021:q-1');
  });

  it('shows pack data as text, never markup', () => {
    const hostile = tinyPack('evil', [{ id: 'x', name: '<img src=x onerror=alert(1)>', description: '<b>bold</b>' }]);
    const view = createMergedCardData([bundled, hostile]).entityView('x');
    if (!view) throw new Error('no view');
    const body = renderEntityCard(document, view, { titleId: 't', actions, mentionsHere: null });
    expect(body.querySelector('img, b')).toBeNull();
    expect(body.querySelector('#t')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
