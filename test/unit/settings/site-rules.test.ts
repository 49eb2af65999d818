import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SiteRule } from '../../../src/settings/schema';
import {
  addSiteRule,
  isEnabledFor,
  normalizeHost,
  siteOf,
  withSiteEnabled,
  type SiteSettings,
} from '../../../src/settings/site-rules';

const except = (...sites: SiteRule[]): SiteSettings => ({ enabled: true, siteMode: 'except', sites });
const only = (...sites: SiteRule[]): SiteSettings => ({ enabled: true, siteMode: 'only', sites });
const domain = (host: string): SiteRule => ({ host, subdomains: true });
const hostOnly = (host: string): SiteRule => ({ host, subdomains: false });

describe('isEnabledFor', () => {
  it.each([
    // [url, settings, expected, why]
    ['https://cnn.com/world', except(), true, 'default: on everywhere'],
    ['https://cnn.com/world', { ...except(), enabled: false }, false, 'everything off wins'],
    ['https://cnn.com/world', except(domain('cnn.com')), false, 'listed host'],
    ['https://www.cnn.com/world', except(domain('cnn.com')), false, 'www. under the whole domain'],
    ['https://edition.cnn.com/world', except(domain('cnn.com')), false, 'subdomain under the whole domain'],
    ['https://www.cnn.com/', except(hostOnly('cnn.com')), false, 'www. is the same host'],
    ['https://edition.cnn.com/', except(hostOnly('cnn.com')), true, 'host only: subdomain not covered'],
    ['https://notcnn.com/', except(domain('cnn.com')), true, 'suffix without a dot is another site'],
    ['https://cnn.com.evil.net/', except(domain('cnn.com')), true, 'prefix is another site'],
    ['https://cnn.com./', except(domain('cnn.com')), false, 'trailing dot'],
    ['https://CNN.COM/', except(domain('cnn.com')), false, 'case'],
    ['http://localhost:3000/', except(domain('localhost')), false, 'ports are ignored'],
    ['http://localhost:8080/', only(domain('localhost')), true, 'only mode, any port'],
    ['http://127.0.0.1:5173/a', except(domain('127.0.0.1')), false, 'IP host'],
    ['https://cnn.com/', only(), false, 'only mode, empty list'],
    ['https://edition.cnn.com/', only(domain('cnn.com')), true, 'only mode, subdomain'],
    ['https://bücher.de/', except(domain('xn--bcher-kva.de')), false, 'IDN URL vs punycode rule'],
    ['https://xn--bcher-kva.de/', except(domain('xn--bcher-kva.de')), false, 'punycode URL'],
    ['file:///home/me/page.html', except(), true, 'file: follows the mode (except: on)'],
    ['file:///home/me/page.html', only(domain('cnn.com')), false, 'file: follows the mode (only: off)'],
    ['chrome-extension://abc/popup.html', except(), false, 'extension page'],
    ['moz-extension://abc/options.html', except(), false, 'extension page'],
    ['about:blank', except(), false, 'about:'],
    ['data:text/html,hi', except(), false, 'data:'],
    ['not a url', except(), false, 'malformed'],
    ['', except(), false, 'empty'],
    ['https://', except(), false, 'no host'],
  ])('%s → %s (%s)', (url, settings, expected) => {
    expect(isEnabledFor(url as string, settings as SiteSettings)).toBe(expected);
  });
});

describe('normalizeHost', () => {
  it.each([
    ['cnn.com', 'cnn.com'],
    ['  CNN.com  ', 'cnn.com'],
    ['https://www.cnn.com/world?x=1', 'cnn.com'],
    ['edition.cnn.com', 'edition.cnn.com'],
    ['localhost:3000', 'localhost'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['cnn.com.', 'cnn.com'],
    ['', null],
    ['javascript:alert(1)', null],
    ['ftp://cnn.com', null],
    ['not a host', null],
    ['x'.repeat(3000), null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });
});

describe('the one-click switch', () => {
  it('turns a site off with its whole domain and back on', () => {
    const settings = { ...DEFAULT_SETTINGS };
    const off = withSiteEnabled('https://www.cnn.com/x', false, settings) ?? [];
    expect(off).toEqual([domain('cnn.com')]);
    expect(isEnabledFor('https://edition.cnn.com/', { ...settings, sites: off })).toBe(false);
    const on = withSiteEnabled('https://edition.cnn.com/', true, { ...settings, sites: off });
    expect(on).toEqual([]);
  });

  it('adds in only mode and removes every covering rule', () => {
    const settings = only(hostOnly('a.com'));
    const added = withSiteEnabled('https://b.com/', true, settings) ?? [];
    expect(added).toEqual([hostOnly('a.com'), domain('b.com')]);
    expect(withSiteEnabled('https://www.a.com/', false, { ...settings, sites: added })).toEqual([domain('b.com')]);
  });

  it('is idempotent and refuses non-sites', () => {
    expect(withSiteEnabled('https://cnn.com/', true, except())).toEqual([]);
    expect(withSiteEnabled('https://cnn.com/', false, except(domain('cnn.com')))).toEqual([domain('cnn.com')]);
    expect(withSiteEnabled('file:///x.html', false, except())).toBeNull();
    expect(siteOf('https://www.cnn.com:8443/')).toEqual({ host: 'cnn.com', label: 'cnn.com' });
  });

  it('adds typed sites, replacing the same host', () => {
    expect(addSiteRule([hostOnly('cnn.com')], 'https://CNN.com', true)).toEqual([domain('cnn.com')]);
    expect(addSiteRule([], 'no way', true)).toBeNull();
  });
});
