import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import {
  listen,
  parseMessage,
  routeMessage,
  sendToBackground,
  type MessagingApi,
} from '../../../src/messaging/contract';
import type { PageMark } from '../../../src/page/highlighter';
import { summarizeMarks } from '../../../src/content/start';
import { badgeText, toggleSiteTitle } from '../../../src/background/start';
import { markStyleCss } from '../../../src/content/mark-style';

beforeEach(() => fakeBrowser.reset());

describe('message contract', () => {
  it.each([
    [{ type: 'open-reader', anchor: 's12' }, true],
    [{ type: 'open-reader', anchor: '../../evil' }, false],
    [{ type: 'open-reader' }, false],
    [{ type: 'reveal', target: 'kadhimi' }, true],
    [{ type: 'reveal', target: 'kadhimi', extra: 1 }, false],
    [{ type: 'navigate', direction: 'sideways' }, false],
    [{ type: 'run-action', action: 'toggle-site', tabId: 3 }, true],
    [{ type: 'run-action', action: 'rm -rf', tabId: 3 }, false],
    [{ type: 'page-state', url: 'https://a.com/', enabled: true, count: 2, site: 'a.com' }, true],
    [{ type: 'toString' }, false],
    [{ type: '__proto__' }, false],
    ['page-summary', false],
    [null, false],
  ])('%j is %s', (raw, valid) => {
    expect(parseMessage(raw) !== null).toBe(valid);
  });

  it('routes to the handler of the type and swallows handler errors', async () => {
    const handlers = {
      reveal: ({ target }: { target: string }) => target === 'x',
      navigate: () => {
        throw new Error('boom');
      },
    };
    const errors: unknown[] = [];
    expect(await routeMessage(handlers, { type: 'reveal', target: 'x' }, {})).toBe(true);
    expect(routeMessage(handlers, { type: 'page-summary' }, {})).toBeUndefined();
    expect(routeMessage(handlers, { type: 'reveal' }, {})).toBeUndefined();
    expect(await routeMessage(handlers, { type: 'navigate', direction: 'next' }, {}, (e) => errors.push(e))).toBe(
      undefined,
    );
    expect(errors).toHaveLength(1);
  });

  it('answers through browser.runtime (fakeBrowser) and stops on abort', async () => {
    const api = fakeBrowser as unknown as MessagingApi;
    const controller = new AbortController();
    listen(api, { 'open-reader': ({ anchor }) => anchor === 's1' }, controller.signal);
    expect(await sendToBackground(api, { type: 'open-reader', anchor: 's1' })).toBe(true);
    controller.abort();
    // No listener left: the sender gets undefined, never an exception.
    expect(await sendToBackground(api, { type: 'open-reader', anchor: 's1' })).toBeUndefined();
  });
});

describe('page summary, badge and menu', () => {
  const pack = packData as unknown as Pack;
  const [entity] = pack.entities;
  const [quote] = pack.quotes;
  if (!entity || !quote) throw new Error('the pack has entities and quotes');
  const mark = (kind: PageMark['kind'], target: string) => ({ kind, target }) as PageMark;

  it('groups marks by target in first-mark order with names from the pack', () => {
    const items = summarizeMarks(
      [mark(entity.kind, entity.id), mark('quote', quote.id), mark(entity.kind, entity.id)],
      pack,
    );
    expect(items[0]).toEqual({ target: entity.id, kind: entity.kind, name: entity.name, count: 2 });
    expect(items[1]).toMatchObject({ target: quote.id, kind: 'quote', count: 1 });
    expect(items[1]?.name).toBe(pack.entities.find((e) => e.id === quote.speaker)?.name);
  });

  it('shows the count, empty when off or zero', () => {
    expect(badgeText({ enabled: true, count: 12 })).toBe('12');
    expect(badgeText({ enabled: false, count: 12 })).toBe('');
    expect(badgeText({ enabled: true, count: 0 })).toBe('');
    expect(badgeText(undefined)).toBe('');
    expect(badgeText({ enabled: true, count: 5000 })).toBe('999+');
  });

  it('names the site in the menu item', () => {
    expect(toggleSiteTitle('cnn.com', true, false)).toBe('Turn Backstory off on cnn.com');
    expect(toggleSiteTitle('cnn.com', false, false)).toBe('Turn Backstory on for cnn.com');
    expect(toggleSiteTitle(null, true, true)).toBe('Backstory is off everywhere');
  });

  it('mark styles keep the highlight names', () => {
    expect(markStyleCss('underline')).toBe('');
    expect(markStyleCss('dotted')).toContain(':root:root ::highlight(backstory-person)');
    expect(markStyleCss('background')).toContain('::highlight(backstory-quote)');
  });
});
