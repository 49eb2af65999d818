/**
 * The user's settings: their types, defaults and valibot schemas. Pure: no DOM, no `browser`. Every setting is
 * validated on its own, so one corrupted or foreign value falls back to its default and the rest are kept.
 */
import * as v from 'valibot';
import { MARK_KINDS, type MarkKind } from '../shared/vocabulary';

/** Most site rules kept; a longer list in storage is treated as corrupted (sync storage holds ~8 KB per item). */
export const MAX_SITE_RULES = 500;
/** Longest host name (RFC 1035). */
export const MAX_HOST_LENGTH = 253;
/** Hover delay bounds, in ms. */
export const HOVER_DELAY_RANGE = { min: 0, max: 2000 } as const;

/** `except`: on everywhere except the listed sites (default); `only`: on only on the listed sites. */
export const SITE_MODES = ['except', 'only'] as const;
/** How marks are drawn (all through CSS highlights; the page's DOM never changes). */
export const MARK_STYLES = ['underline', 'background', 'dotted'] as const;
export const THEMES = ['auto', 'light', 'dark'] as const;
export const MENTIONS = ['first', 'all'] as const;
export const SCOPES = ['article', 'page'] as const;

export type SiteMode = (typeof SITE_MODES)[number];
export type MarkStyle = (typeof MARK_STYLES)[number];
export type Theme = (typeof THEMES)[number];

/** One entry of the site list. */
export interface SiteRule {
  /** The host as the user gave it, normalised (`cnn.com`, `edition.cnn.com`, `localhost`). */
  host: string;
  /** True: the rule covers the host and every subdomain (`www.cnn.com`, `edition.cnn.com` under `cnn.com`). */
  subdomains: boolean;
}

/** A host name as stored: lower case, ASCII (punycode), no port, no trailing dot. */
const HOST_PATTERN = /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/;

/**
 * One schema per setting; each is checked alone. Each is made on its first parse, not at import: the content script
 * loads this module on every page, and building them all there cost ~1 ms of its start-up (profiled, Chromium), on
 * pages whose settings were never written and need no schema at all.
 */
const SCHEMA_MAKERS = {
  enabled: () => v.boolean(),
  siteMode: () => v.picklist(SITE_MODES),
  sites: () => {
    const host = v.pipe(
      v.string(),
      v.minLength(1),
      v.maxLength(MAX_HOST_LENGTH),
      v.regex(HOST_PATTERN, 'a host is lower-case ASCII letters, digits, dots and hyphens'),
    );
    return v.pipe(v.array(v.strictObject({ host, subdomains: v.boolean() })), v.maxLength(MAX_SITE_RULES));
  },
  kinds: () =>
    v.pipe(
      v.array(v.picklist(MARK_KINDS as readonly MarkKind[] as MarkKind[])),
      v.maxLength(MARK_KINDS.length * 2),
      v.transform((kinds) => MARK_KINDS.filter((kind) => kinds.includes(kind))),
    ),
  mentions: () => v.picklist(MENTIONS),
  scope: () => v.picklist(SCOPES),
  markStyle: () => v.picklist(MARK_STYLES),
  hoverDelay: () =>
    v.pipe(v.number(), v.integer(), v.minValue(HOVER_DELAY_RANGE.min), v.maxValue(HOVER_DELAY_RANGE.max)),
  theme: () => v.picklist(THEMES),
} as const satisfies Record<keyof Settings, () => v.GenericSchema>;

const schemas: { -readonly [K in keyof Settings]?: v.GenericSchema } = {};

/** Every setting. */
export interface Settings {
  /** Everything on/off. */
  readonly enabled: boolean;
  readonly siteMode: SiteMode;
  /** The listed sites: off-sites in `except` mode, the only on-sites in `only` mode. */
  readonly sites: readonly SiteRule[];
  /** Kinds to mark (entity kinds and `quote`). */
  readonly kinds: readonly MarkKind[];
  /** First mention of each entity, or every mention. */
  readonly mentions: 'first' | 'all';
  /** The article only, or the whole page. */
  readonly scope: 'article' | 'page';
  readonly markStyle: MarkStyle;
  /** How long the pointer rests on a mark before its card opens, in ms. */
  readonly hoverDelay: number;
  /** The card's and extension pages' colours; `auto` follows `prefers-color-scheme`. */
  readonly theme: Theme;
}

export type SettingName = keyof Settings;
export const SETTING_NAMES: readonly SettingName[] = [
  'enabled',
  'siteMode',
  'sites',
  'kinds',
  'mentions',
  'scope',
  'markStyle',
  'hoverDelay',
  'theme',
];

/** What a fresh install uses, and what a corrupted value falls back to. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enabled: true,
  siteMode: 'except',
  sites: [],
  kinds: [...MARK_KINDS],
  mentions: 'first',
  scope: 'article',
  markStyle: 'underline',
  hoverDelay: 300,
  theme: 'auto',
});

/**
 * `value` (a copy of it) when it is plainly a valid `name` setting in the form the schema outputs, else undefined:
 * what settings usually hold, recognised without building or running a schema. Anything else goes to the schema,
 * which has the last word; a test holds that whatever this accepts, the schema accepts with the same output.
 */
export function quickSetting<K extends SettingName>(name: K, value: unknown): Settings[K] | undefined {
  const listed = (list: readonly unknown[]) => (list.includes(value) ? value : undefined);
  let out: unknown;
  if (name === 'enabled') out = typeof value === 'boolean' ? value : undefined;
  else if (name === 'siteMode') out = listed(SITE_MODES);
  else if (name === 'mentions') out = listed(MENTIONS);
  else if (name === 'scope') out = listed(SCOPES);
  else if (name === 'markStyle') out = listed(MARK_STYLES);
  else if (name === 'theme') out = listed(THEMES);
  else if (name === 'hoverDelay') {
    const ok = Number.isInteger(value) && (value as number) >= HOVER_DELAY_RANGE.min;
    out = ok && (value as number) <= HOVER_DELAY_RANGE.max ? value : undefined;
  } else if (name === 'kinds') out = quickKinds(value);
  else if (name === 'sites') out = quickSites(value);
  return out as Settings[K] | undefined;
}

/** Kinds in the schema's output form: known, in `MARK_KINDS` order, each once. */
function quickKinds(value: unknown): MarkKind[] | undefined {
  if (!Array.isArray(value) || value.length > MARK_KINDS.length) return undefined;
  let at = -1;
  for (const kind of value) {
    const next = MARK_KINDS.indexOf(kind as MarkKind);
    if (next <= at) return undefined;
    at = next;
  }
  return [...(value as MarkKind[])];
}

/** Site rules that are plain `{ host, subdomains }` objects with a valid host. */
function quickSites(value: unknown): SiteRule[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_SITE_RULES) return undefined;
  const rules: SiteRule[] = [];
  for (const rule of value as unknown[]) {
    if (typeof rule !== 'object' || rule === null || Object.getPrototypeOf(rule) !== Object.prototype) return undefined;
    const keys = Object.keys(rule);
    const { host, subdomains } = rule as Record<string, unknown>;
    if (keys.length !== 2 || !keys.includes('host') || !keys.includes('subdomains')) return undefined;
    if (typeof subdomains !== 'boolean' || typeof host !== 'string') return undefined;
    if (host.length < 1 || host.length > MAX_HOST_LENGTH || !HOST_PATTERN.test(host)) return undefined;
    rules.push({ host, subdomains });
  }
  return rules;
}

/** `value` when it is a valid `name` setting, else null. Never throws. */
export function parseSetting<K extends SettingName>(name: K, value: unknown): Settings[K] | null {
  let quick: Settings[K] | undefined;
  try {
    quick = quickSetting(name, value);
  } catch {
    // A hostile value (a proxy that throws): the schema decides.
  }
  return quick !== undefined ? quick : schemaSetting(name, value);
}

/** `value` as the schema of setting `name` reads it (valibot, no quick path), else null. Never throws. */
export function schemaSetting<K extends SettingName>(name: K, value: unknown): Settings[K] | null {
  try {
    const schema = (schemas[name] ??= SCHEMA_MAKERS[name]());
    const result = v.safeParse(schema, value);
    return result.success ? (result.output as Settings[K]) : null;
  } catch {
    return null;
  }
}

/** `value` when valid, else the default for that setting only. Never throws. */
export function settingOrDefault<K extends SettingName>(name: K, value: unknown): Settings[K] {
  return parseSetting(name, value) ?? DEFAULT_SETTINGS[name];
}

/** Builds whole settings from raw values (e.g. read from storage), each falling back to its default alone. */
export function settingsFrom(raw: Partial<Record<SettingName, unknown>>): Settings {
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) out[name] = settingOrDefault(name, raw[name]);
  return out as unknown as Settings;
}

/** The `format` marker of an exported settings file. */
export const EXPORT_FORMAT = 'backstory-settings';
/** The version of the export format. */
export const EXPORT_VERSION = 1;

/** An exported settings file. */
export interface SettingsExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly settings: Settings;
}

/** The JSON text of an export file for `settings`. */
export function exportSettings(settings: Settings): string {
  const file: SettingsExport = { format: EXPORT_FORMAT, version: EXPORT_VERSION, settings };
  return JSON.stringify(file, null, 2) + '\n';
}

/** The result of reading an import file: the settings it sets, or a message saying why it was refused. */
export type ImportResult = { ok: true; settings: Partial<Settings> } | { ok: false; error: string };

/** Most bytes an import file may have. */
export const MAX_IMPORT_CHARS = 256_000;

/**
 * Reads an exported settings file. Strict: an unknown key or an invalid value refuses the whole file (naming the
 * setting), so a bad import changes nothing. Settings missing from the file are left as they are.
 */
export function parseSettingsImport(text: string): ImportResult {
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, error: 'This file is too large to be a settings file.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not valid JSON.' };
  }
  if (!isRecord(data) || data.format !== EXPORT_FORMAT) {
    return { ok: false, error: 'This is not a Backstory settings file (no "format": "backstory-settings").' };
  }
  if (data.version !== EXPORT_VERSION) {
    return { ok: false, error: `Unsupported settings file version ${JSON.stringify(data.version)}.` };
  }
  const settings = data.settings;
  if (!isRecord(settings)) return { ok: false, error: 'The file has no "settings" object.' };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!(SETTING_NAMES as string[]).includes(key)) return { ok: false, error: `Unknown setting "${key}".` };
    const parsed = parseSetting(key as SettingName, value);
    if (parsed === null) return { ok: false, error: `The value of "${key}" is not valid.` };
    out[key] = parsed;
  }
  return { ok: true, settings: out as Partial<Settings> };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
