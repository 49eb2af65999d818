// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { wireAddArticle } from '../../../../src/pages/popup/add-article';

describe('the popup’s "Add this article to Backstory"', () => {
  it('opens builder.html for the popup’s tab, then closes the popup', async () => {
    const button = document.createElement('button');
    const openTab = vi.fn(() => Promise.resolve());
    const close = vi.fn();
    wireAddArticle(button, { targetTab: () => Promise.resolve(42), openTab, close }, new AbortController().signal);
    button.click();
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
    expect(openTab).toHaveBeenCalledWith('/builder.html?tab=42');
  });

  it('does nothing without a tab, and nothing after its lifetime ends', async () => {
    const button = document.createElement('button');
    const openTab = vi.fn(() => Promise.resolve());
    wireAddArticle(
      button,
      { targetTab: () => Promise.resolve(undefined), openTab, close: vi.fn() },
      new AbortController().signal,
    );
    button.click();
    await Promise.resolve();
    expect(openTab).not.toHaveBeenCalled();
    const other = document.createElement('button');
    const later = vi.fn(() => Promise.resolve(7));
    const life = new AbortController();
    wireAddArticle(other, { targetTab: later, openTab, close: vi.fn() }, life.signal);
    life.abort();
    other.click();
    expect(later).not.toHaveBeenCalled();
  });
});
