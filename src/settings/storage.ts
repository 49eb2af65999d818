/**
 * The settings in `sync:` storage: one `@wxt-dev/storage` item per setting, so a corrupted value costs only that
 * setting. Every read is validated (valibot) and falls back to the setting's default; nothing here throws on bad
 * data. Items are created on first use, never at import (WXT imports entrypoints in Node at build time).
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { migrateSitesV1toV2, SITES_VERSION } from './migrations';
import {
  DEFAULT_SETTINGS,
  parseSetting,
  SETTING_NAMES,
  settingOrDefault,
  settingsFrom,
  type SettingName,
  type Settings,
  type SiteRule,
} from './schema';

export { migrateSitesV1toV2, SITES_VERSION } from './migrations';

type Items = { readonly [K in SettingName]: WxtStorageItem<Settings[K], Record<string, unknown>> };

function defineItems(): Items {
  return {
    /** Everything on/off. */
    enabled: storage.defineItem<boolean>('sync:enabled', { fallback: DEFAULT_SETTINGS.enabled, version: 1 }),
    /** `except` (on everywhere except the listed sites) or `only` (on only on them). */
    siteMode: storage.defineItem<Settings['siteMode']>('sync:siteMode', {
      fallback: DEFAULT_SETTINGS.siteMode,
      version: 1,
    }),
    /** The site list (v2: `{ host, subdomains }[]`; see `migrateSitesV1toV2`). */
    sites: storage.defineItem<readonly SiteRule[]>('sync:sites', {
      fallback: DEFAULT_SETTINGS.sites,
      version: SITES_VERSION,
      migrations: { 2: migrateSitesV1toV2 },
    }),
    /** Kinds of mark to draw. */
    kinds: storage.defineItem<Settings['kinds']>('sync:kinds', { fallback: DEFAULT_SETTINGS.kinds, version: 1 }),
    /** First mention of each entity, or every mention. */
    mentions: storage.defineItem<Settings['mentions']>('sync:mentions', {
      fallback: DEFAULT_SETTINGS.mentions,
      version: 1,
    }),
    /** The article scope or the whole page. */
    scope: storage.defineItem<Settings['scope']>('sync:scope', { fallback: DEFAULT_SETTINGS.scope, version: 1 }),
    /** How marks look. */
    markStyle: storage.defineItem<Settings['markStyle']>('sync:markStyle', {
      fallback: DEFAULT_SETTINGS.markStyle,
      version: 1,
    }),
    /** Hover intent delay before a card opens, in ms. */
    hoverDelay: storage.defineItem<number>('sync:hoverDelay', { fallback: DEFAULT_SETTINGS.hoverDelay, version: 1 }),
    /** Colour theme of the card and the extension pages. */
    theme: storage.defineItem<Settings['theme']>('sync:theme', { fallback: DEFAULT_SETTINGS.theme, version: 1 }),
  };
}

let items: Items | undefined;

/** The storage items, created on first use. */
export function settingsItems(): Items {
  items ??= defineItems();
  return items;
}

/** Forgets the items, so the next use defines them again (and runs migrations): for tests. */
export function resetSettingsItemsForTests(): void {
  items = undefined;
}

/** Reads one setting; invalid or unreadable values give the default. Never throws. */
export async function loadSetting<K extends SettingName>(name: K): Promise<Settings[K]> {
  try {
    return settingOrDefault(name, await settingsItems()[name].getValue());
  } catch {
    return DEFAULT_SETTINGS[name];
  }
}

/** Reads every setting, each validated alone. Never throws. */
export async function loadSettings(): Promise<Settings> {
  const entries = await Promise.all(SETTING_NAMES.map(async (name) => [name, await loadSetting(name)] as const));
  return settingsFrom(Object.fromEntries(entries));
}

/** Writes settings (only the given ones). Values are validated first; an invalid one is refused with an error. */
export async function saveSettings(changes: Partial<Settings>): Promise<void> {
  const all = settingsItems();
  const writes: Promise<void>[] = [];
  for (const name of SETTING_NAMES) {
    if (!(name in changes)) continue;
    const value = changes[name];
    const checked = parseSetting(name, value);
    if (checked === null) throw new Error(`Invalid value for setting "${name}"`);
    writes.push((all[name] as WxtStorageItem<unknown, Record<string, unknown>>).setValue(checked));
  }
  await Promise.all(writes);
}

/** Every setting back to its default. */
export async function resetSettings(): Promise<void> {
  await Promise.all(SETTING_NAMES.map((name) => settingsItems()[name].removeValue()));
}

/**
 * Calls `listener` with the whole, validated settings whenever any setting changes (in any tab or page), until
 * `signal` aborts. Changes that arrive together are delivered once.
 */
export function watchSettings(listener: (settings: Settings) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let queued = false;
  const changed = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void loadSettings().then((settings) => {
        if (!signal.aborted) listener(settings);
      });
    });
  };
  const unwatchers = SETTING_NAMES.map((name) => settingsItems()[name].watch(changed));
  signal.addEventListener('abort', () => unwatchers.forEach((unwatch) => unwatch()), { once: true });
}
