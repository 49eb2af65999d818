// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import { createCardData, matchedSpan, MAX_SAYINGS, sentenceAnchor } from '../../../src/card/model';
import { renderEntityCard, renderQuoteCard, type CardActions } from '../../../src/card/render';

const pack = packData as unknown as Pack;
const data = createCardData(pack);
const actions = (): CardActions & { opened: string[]; read: string[] } => {
  const opened: string[] = [];
  const read: string[] = [];
  return { opened, read, openEntity: (id) => opened.push(id), readSource: (anchor) => read.push(anchor) };
};
const texts = (root: Element, selector: string) =>
  Array.from(root.querySelectorAll(selector)).map((el) => el.textContent ?? '');

describe('entity card', () => {
  it('shows name, kind, dated description, role, sayings, related entities, mentions and the source', () => {
    const act = actions();
    const view = data.entityView('nasr-al-shammari');
    if (!view) throw new Error('no view');
    const body = renderEntityCard(document, view, { titleId: 't', actions: act, mentionsHere: 3 });
    expect(body.querySelector('#t')?.textContent).toBe('Nasr al-Shammari');
    expect(body.querySelector('.bs-kind')?.textContent).toContain('Person');
    expect(body.querySelector('.bs-description')?.textContent).toBe(view.description);
    expect(body.querySelector('.bs-role')?.textContent).toBe(view.role);
    expect(body.querySelector('.bs-mentions')?.textContent).toBe('3 mentions here');
    const sayings = body.querySelectorAll('.bs-saying');
    expect(sayings.length).toBeGreaterThan(0);
    expect(sayings.length).toBeLessThanOrEqual(MAX_SAYINGS);
    // "told Al-Mayadeen"-style venue, and a "Read in source" per saying.
    expect(texts(body, '.bs-attribution').join(' ')).toMatch(/told Al.Mayadeen/);
    const reads = body.querySelectorAll<HTMLButtonElement>('.bs-read');
    expect(reads).toHaveLength(sayings.length);
    expect(reads[0]?.dataset.anchor).toMatch(/^(q-\d+|s-\d+)$/);
    // A script's click (untrusted, as every click in this DOM test) never opens the reader; e2e clicks for real.
    reads[0]?.click();
    expect(act.read).toEqual([]);
    const related = body.querySelectorAll<HTMLButtonElement>('.bs-related .bs-entity');
    expect(related.length).toBeGreaterThan(0);
    related[0]?.click();
    expect(act.opened).toEqual([related[0]?.dataset.entity]);
    expect(body.querySelector('.bs-footer')?.textContent).toContain(pack.source.title);
    expect(body.querySelector('.bs-footer')?.textContent).toContain('27 July 2021');
  });

  it('attributes statements (reported speech) and never presents them as facts', () => {
    for (const entity of pack.entities) {
      for (const saying of data.entityView(entity.id)?.sayings ?? []) {
        if (saying.kind === 'statement') expect(saying.attribution).toMatch(/^Reported in the article: /);
        else expect(saying.attribution.startsWith(entity.name)).toBe(true);
      }
    }
  });

  it('shows no mention count when there is none', () => {
    const view = data.entityView('iraq');
    if (!view) throw new Error('no view');
    const body = renderEntityCard(document, view, { titleId: 't', actions: actions(), mentionsHere: null });
    expect(body.querySelector('.bs-mentions')).toBeNull();
  });
});

describe('quote card', () => {
  it('shows the full quote with the matched part emphasised, speaker, venue, sentence and Read in source', () => {
    const act = actions();
    const view = data.quoteView('q-3', 'We fiercely oppose the U.S. military presence');
    if (!view) throw new Error('no view');
    const body = renderQuoteCard(document, view, { titleId: 't', actions: act });
    expect(body.querySelector('#t')?.textContent).toBe('Nasr al-Shammari');
    expect(body.querySelector('.bs-quote')?.textContent).toBe(`“${view.text}”`);
    expect(body.querySelector('mark.bs-matched')?.textContent).toBe('We fiercely oppose the U.S. military presence');
    expect(body.querySelector('.bs-venue')?.textContent).toMatch(/^Al.Mayadeen$/);
    expect(body.querySelector('.bs-attribution')?.textContent).toMatch(/^Nasr al-Shammari told Al.Mayadeen$/);
    expect(body.querySelector('.bs-sentence')?.textContent).toContain('We have no confidence');
    body.querySelector<HTMLButtonElement>('.bs-speaker')?.click();
    body.querySelector<HTMLButtonElement>('.bs-read')?.click();
    expect(act.opened).toEqual(['nasr-al-shammari']);
    expect(body.querySelector<HTMLButtonElement>('.bs-read')?.dataset.anchor).toBe('q-3');
    expect(act.read).toEqual([]); // untrusted click: see above
  });

  it('emphasises the run a page quoted even with one word changed', () => {
    const quote = data.quote('q-1');
    if (!quote) throw new Error('no quote');
    const span = matchedSpan(quote.text, "We're not going to be, by the end of the year, in a combat mission");
    expect(span).toEqual({ start: 0, end: quote.text.length });
    expect(matchedSpan(quote.text, 'nothing alike here')).toBeNull();
  });
});

describe('anchors', () => {
  it('maps pack sentence ids to reader ids', () => {
    expect(sentenceAnchor('s12')).toBe('s-12');
    expect(sentenceAnchor('s-12')).toBe('s-12');
  });
});

/** A copy of the pack whose every string holds markup and script. */
function hostilePack(): Pack {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b>bold</b>';
  const poison = (value: unknown, key = ''): unknown => {
    if (typeof value === 'string') {
      // Ids and references keep working; every text a card shows carries the payload.
      if (/^(id|speaker|venue|target|sentence|paragraph|kind|type|url|date|attribution)$/.test(key)) return value;
      return `${evil}${value}`;
    }
    if (Array.isArray(value))
      return value.map((item) => poison(item, key === 'related' || key === 'quotes' ? 'id' : ''));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
    }
    return value;
  };
  return poison(pack) as Pack;
}

describe('a pack whose every string holds markup and script', () => {
  it('renders every entity and quote card as text, never as markup', () => {
    const evil = hostilePack();
    const hostile = createCardData(evil);
    const write = vi.spyOn(document, 'write');
    const bodies: HTMLElement[] = [];
    for (const entity of evil.entities) {
      const view = hostile.entityView(entity.id);
      if (view) bodies.push(renderEntityCard(document, view, { titleId: 't', actions: actions(), mentionsHere: 2 }));
    }
    for (const quote of evil.quotes) {
      const view = hostile.quoteView(quote.id, quote.text);
      if (view) bodies.push(renderQuoteCard(document, view, { titleId: 't', actions: actions() }));
    }
    expect(bodies.length).toBe(evil.entities.length + evil.quotes.length);
    for (const body of bodies) {
      document.body.append(body);
      expect(body.querySelector('script, img, b')).toBeNull();
      expect(body.textContent).toContain('<script>window.__pwned=1</script>');
      expect(body.querySelector('.bs-title')?.textContent).toMatch(/^<img src=x/);
    }
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(write).not.toHaveBeenCalled();
  });
});
