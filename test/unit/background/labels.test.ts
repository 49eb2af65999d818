import { describe, expect, it } from 'vitest';
import { badgeText } from '../../../src/background/badge';
import { toggleSiteTitle } from '../../../src/background/menus';

describe('badge and menu', () => {
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
});
