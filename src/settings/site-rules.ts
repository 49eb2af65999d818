/**
 * The per-site decision, pure: a URL and the settings in, on or off out. No DOM, no extension API (lint enforces it).
 *
 * Rules:
 * - Everything off (`enabled: false`) wins over every list.
 * - Only `http:`/`https:` pages are sites. `file:` pages have no host: they follow the mode (on in `except` mode,
 *   off in `only` mode). Extension pages, `about:`, `data:` and malformed URLs are always off.
 * - Hosts compare in their ASCII (punycode) form, without the port and a trailing dot: `localhost:3000` and
 *   `localhost:8080` are the same site. A leading `www.` is ignored on both sides.
 * - A rule with `subdomains: true` (the whole domain) also covers every subdomain: `cnn.com` covers
 *   `www.cnn.com` and `edition.cnn.com`. Without it, only the host itself (and its `www.`).
 */
import { MAX_SITE_RULES, type Settings, type SiteRule } from './schema';

/** The settings the decision reads. */
export type SiteSettings = Pick<Settings, 'enabled' | 'siteMode' | 'sites'>;

/** A page's site, as shown to the user and used for rules. */
export interface Site {
  /** Normalised host without `www.`: the key of the rule the one-click switch adds. */
  readonly host: string;
  /** What the user reads ("cnn.com"). */
  readonly label: string;
}

const HOST_PATTERN = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/;

/** Parses `url`, or null when it is not a URL. Never throws. */
function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Lower-case ASCII host without trailing dot and leading `www.`; null when not a host. */
function canonicalHost(hostname: string): string | null {
  let host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('www.') && host.length > 4) host = host.slice(4);
  return host.length > 0 && host.length <= 253 && HOST_PATTERN.test(host) ? host : null;
}

/**
 * Normalises what a user typed as a site ("CNN.com", "https://www.cnn.com/world", "bücher.de", "localhost:3000")
 * to a rule host; null when it is not a host name.
 */
export function normalizeHost(input: string): string | null {
  const text = input.trim();
  if (!text || text.length > 2048) return null;
  const url = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  return canonicalHost(url.hostname);
}

/** The site of a page URL; null for pages that are not web sites (file:, extension pages, malformed). */
export function siteOf(url: string): Site | null {
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  const host = canonicalHost(parsed.hostname);
  return host ? { host, label: host } : null;
}

/** True when `rule` covers the canonical `host`. */
export function ruleCovers(rule: SiteRule, host: string): boolean {
  const ruleHost = canonicalHost(rule.host);
  if (!ruleHost) return false;
  return host === ruleHost || (rule.subdomains && host.endsWith(`.${ruleHost}`));
}

/** True when Backstory should run on `url` under `settings`. Pure; never throws. */
export function isEnabledFor(url: string, settings: SiteSettings): boolean {
  if (!settings.enabled) return false;
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === 'file:') return settings.siteMode === 'except';
  const site = siteOf(url);
  if (!site) return false;
  const listed = settings.sites.some((rule) => ruleCovers(rule, site.host));
  return settings.siteMode === 'except' ? !listed : listed;
}

/** The rule the one-click switch adds for a page: its host without `www.`, with its subdomains. */
export function ruleForSite(site: Site): SiteRule {
  return { host: site.host, subdomains: true };
}

/**
 * The site list after the user switches `url`'s site on or off (the per-site switch of the popup, the shortcut and
 * the context menu). Removing covers every rule that covers the host. Null when `url` is not a site.
 */
export function withSiteEnabled(url: string, on: boolean, settings: SiteSettings): SiteRule[] | null {
  const site = siteOf(url);
  if (!site) return null;
  const listWanted = settings.siteMode === 'except' ? !on : on;
  const others = settings.sites.filter((rule) => !ruleCovers(rule, site.host));
  if (!listWanted) return others;
  if (others.length !== settings.sites.length) return [...settings.sites];
  return [...settings.sites, ruleForSite(site)].slice(-MAX_SITE_RULES);
}

/** Adds a rule to the list, replacing one for the same host; null when `input` is not a host. */
export function addSiteRule(sites: readonly SiteRule[], input: string, subdomains: boolean): SiteRule[] | null {
  const host = normalizeHost(input);
  if (!host) return null;
  return [...sites.filter((rule) => rule.host !== host), { host, subdomains }].slice(-MAX_SITE_RULES);
}
