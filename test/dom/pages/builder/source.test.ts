// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { ExtractedArticle } from '../../../../src/messaging/contract';
import { freeId, savePack } from '../../../../src/pages/builder/save';
import { articleInput, requestArticle, tabFromSearch } from '../../../../src/pages/builder/source';
import type { Pack } from '../../../../src/knowledge/schema';

const extracted = (over: Partial<ExtractedArticle> = {}): ExtractedArticle => ({
  url: 'https://tribune.test/dam',
  readerable: true,
  article: {
    title: 'Dam repairs delayed',
    byline: 'Sara Lindqvist',
    site: 'Test Tribune',
    published: '2024-03-12',
    paragraphs: ['One.', 'Two.'],
  },
  selection: [],
  ...over,
});

describe('the builder’s source', () => {
  it.each([
    ['?tab=12', 12],
    ['?tab=0', 0],
    ['?tab=-1', undefined],
    ['?tab=1e3', undefined],
    ['?tab=', undefined],
    ['', undefined],
  ])('tabFromSearch(%j) → %j', (search, tab) => expect(tabFromSearch(search)).toBe(tab));

  it('asks the tab for its article and checks the answer against the contract', async () => {
    const good = { tabs: { sendMessage: vi.fn(() => Promise.resolve(extracted())) } };
    expect(await requestArticle(good, 3)).toEqual({ ok: true, extracted: extracted() });
    expect(good.tabs.sendMessage).toHaveBeenCalledWith(3, { type: 'extract-article' }, { frameId: 0 });

    const forged = { tabs: { sendMessage: () => Promise.resolve({ ...extracted(), url: 5, extra: '<script>' }) } };
    expect(await requestArticle(forged, 3)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not an article/),
    });

    const none = { tabs: { sendMessage: () => Promise.reject(new Error('Receiving end does not exist')) } };
    expect(await requestArticle(none, 3)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot read that tab/),
    });
  });

  it('drafts from the article, or from the selection (its first line a headline when it reads like one)', () => {
    expect(articleInput(extracted(), 'article')).toMatchObject({
      title: 'Dam repairs delayed',
      paragraphs: ['One.', 'Two.'],
    });
    const selected = extracted({ article: null, selection: ['Floods close the port', 'The port closed on Monday.'] });
    expect(articleInput(selected, 'selection')).toMatchObject({
      title: 'Floods close the port',
      paragraphs: ['The port closed on Monday.'],
      site: 'tribune.test',
    });
    const sentence = extracted({ selection: ['The port closed on Monday after the storm.'] });
    expect(articleInput(sentence, 'selection')).toMatchObject({
      title: 'Dam repairs delayed',
      paragraphs: ['The port closed on Monday after the storm.'],
    });
    expect(articleInput(extracted({ selection: [] }), 'selection')).toBeNull();
    expect(articleInput(extracted({ article: null }), 'article')).toBeNull();
  });
});

describe('saving the reviewed pack', () => {
  const pack = { id: 'dam-2024-03-12' } as Pack;

  it('stores it, then asks the background to compile the packs once', async () => {
    const put = vi.fn(() => Promise.resolve({ replaced: false }));
    const publish = vi.fn(() => Promise.resolve({ ok: true, packs: 2 }));
    expect(await savePack({ put }, pack, publish, 99)).toEqual({ ok: true, replaced: false, live: true });
    expect(put).toHaveBeenCalledWith(pack, 'dam-2024-03-12.json', 99);
    expect(publish).toHaveBeenCalledOnce();
  });

  it('says why the storage refused it (a private window, a full quota), and publishes nothing', async () => {
    const put = () => Promise.reject(new Error('Knowledge packs cannot be stored in this window'));
    const publish = vi.fn();
    expect(await savePack({ put }, pack, publish, 1)).toEqual({
      ok: false,
      error: 'Knowledge packs cannot be stored in this window',
    });
    expect(publish).not.toHaveBeenCalled();
  });

  it('gives a new pack an id no other pack has', () => {
    expect(freeId('dam', new Set())).toBe('dam');
    expect(freeId('dam', new Set(['dam', 'dam-2']))).toBe('dam-3');
  });
});
