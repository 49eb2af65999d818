/**
 * The settings as the content script reads them: all of them in one storage call, and every later change through
 * one `storage.onChanged` listener. It runs on every page load, so it does without `@wxt-dev/storage`'s items
 * (defining them reads each item's version and runs migrations, a storage round trip per setting): a setting that
 * was never written is its default with no schema work; one that was is validated alone (valibot) and falls back to
 * its default alone; a site list stored under an older version is migrated in memory (the background's items
 * migrate the stored value itself). Never throws.
 */
import { browser } from 'wxt/browser';
import { migrateSitesV1toV2, SITES_VERSION } from './migrations';
import { DEFAULT_SETTINGS, SETTING_NAMES, settingOrDefault, type SettingName, type Settings } from './schema';

/** The part of the extension API read here (a fake in tests). */
export interface SettingsStorageApi {
  readonly storage: {
    readonly sync: { get(keys: string[]): Promise<Record<string, unknown>> };
    readonly onChanged: {
      addListener(listener: (changes: Record<string, unknown>, area: string) => void): void;
      removeListener(listener: (changes: Record<string, unknown>, area: string) => void): void;
    };
  };
}

/** `@wxt-dev/storage` keeps an item's version under its key plus `$`. */
const metaKey = (name: SettingName): string => `${name}$`;
/** Every key the settings live under: values and version metadata. */
const SETTING_KEYS: readonly string[] = SETTING_NAMES.flatMap((name) => [name, metaKey(name)]);
const KEY_SET: ReadonlySet<string> = new Set(SETTING_KEYS);

/** The version an item was stored under (`@wxt-dev/storage`: 1 when no version was recorded). */
function storedVersion(meta: unknown): number {
  const version = (meta as { v?: unknown } | null | undefined)?.v;
  return typeof version === 'number' ? version : 1;
}

/** Whole settings from raw `storage.sync` contents (values and their `$` metadata). Pure. */
export function settingsFromStorage(raw: Readonly<Record<string, unknown>>): Settings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const name of SETTING_NAMES) {
    let value = raw[name];
    if (value === undefined || value === null) continue;
    if (name === 'sites' && storedVersion(raw[metaKey(name)]) < SITES_VERSION) value = migrateSitesV1toV2(value);
    out[name] = settingOrDefault(name, value);
  }
  return out as unknown as Settings;
}

/** Reads every setting in one storage call. Unreadable storage gives the defaults. Never throws. */
export async function readSettings(
  api: SettingsStorageApi = browser as unknown as SettingsStorageApi,
): Promise<Settings> {
  try {
    return settingsFromStorage(await api.storage.sync.get([...SETTING_KEYS]));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/**
 * Calls `listener` with the whole settings after any setting changes (changes that arrive together: once), until
 * `signal` aborts.
 */
export function followSettings(
  listener: (settings: Settings) => void,
  signal: AbortSignal,
  api: SettingsStorageApi = browser as unknown as SettingsStorageApi,
): void {
  if (signal.aborted) return;
  let queued = false;
  const changed = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || queued || !Object.keys(changes).some((key) => KEY_SET.has(key))) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void readSettings(api).then((settings) => {
        if (!signal.aborted) listener(settings);
      });
    });
  };
  api.storage.onChanged.addListener(changed);
  signal.addEventListener(
    'abort',
    () => {
      try {
        api.storage.onChanged.removeListener(changed);
      } catch {
        // The extension context is gone (an orphaned content script): its events are gone with it.
      }
    },
    { once: true },
  );
}
