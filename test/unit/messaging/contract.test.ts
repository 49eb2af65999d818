import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  listen,
  parseMessage,
  routeMessage,
  sendToBackground,
  type MessagingApi,
} from '../../../src/messaging/contract';

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
