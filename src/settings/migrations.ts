/**
 * Migrations of stored settings, pure: the storage items run them when they are defined (background, extension
 * pages), and the content script's one-call read applies them in memory to what it reads (`settings-read.ts`).
 */
import { parseSetting, type SiteRule } from './schema';
import { normalizeHost } from './site-rules';

/** Version of the `sites` item. v1 (hypothetical, never shipped): `string[]` of hosts or URLs, each covering its
 * subdomains. v2: `{ host, subdomains }[]`. */
export const SITES_VERSION = 2;

/**
 * v1 → v2 of the site list: strings become rules for the whole domain. Entries that already are v2 rules are kept
 * (a list written without its version marker, e.g. by another copy of the extension through sync). Never throws;
 * junk is dropped.
 */
export function migrateSitesV1toV2(value: unknown): SiteRule[] {
  if (!Array.isArray(value)) return [];
  const rules: SiteRule[] = [];
  for (const entry of value.slice(0, 10_000)) {
    const rule = parseSetting('sites', [entry])?.[0];
    const host = rule ? rule.host : typeof entry === 'string' ? normalizeHost(entry) : null;
    if (host && !rules.some((other) => other.host === host)) rules.push({ host, subdomains: rule?.subdomains ?? true });
  }
  return rules;
}
