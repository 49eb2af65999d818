/**
 * The options page: every setting, the site list (add, remove, search), reset to defaults, export and import of
 * the settings as JSON. Every control saves at once; changes made elsewhere (the popup, a shortcut, another options
 * tab) show up live. An import is validated whole before anything is written: a bad file changes nothing.
 *
 * A factory over a container (the skeleton of entrypoints/options/index.html) and an API (a fake in DOM tests).
 */
import { KIND_LABELS, MARK_KINDS, type MarkKind } from '../../shared/vocabulary';
import {
  DEFAULT_SETTINGS,
  exportSettings,
  HOVER_DELAY_RANGE,
  parseSettingsImport,
  type SettingName,
  type Settings,
} from '../../settings/schema';
import { addSiteRule } from '../../settings/site-rules';

/** What the options page needs from the browser. */
export interface OptionsApi {
  loadSettings(): Promise<Settings>;
  saveSettings(changes: Partial<Settings>): Promise<void>;
  resetSettings(): Promise<void>;
  watchSettings(listener: (settings: Settings) => void, signal: AbortSignal): void;
  /** Offers `text` as a file download. */
  download(fileName: string, text: string): void;
}

export interface OptionsPage {
  readonly ready: Promise<void>;
  /** Applies an import file's text (what the file input does); resolves to the message shown. */
  importText(text: string): Promise<{ ok: boolean; message: string }>;
  dispose(): void;
}

/** The export file name for a date. Pure. */
export function exportFileName(date: Date): string {
  return `backstory-settings-${date.toISOString().slice(0, 10)}.json`;
}

/** Binds the options page inside `root`. */
export function createOptionsPage(root: HTMLElement, api: OptionsApi): OptionsPage {
  const doc = root.ownerDocument;
  const controller = new AbortController();
  const { signal } = controller;
  const need = <T extends Element>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`The options skeleton has no ${selector}`);
    return found;
  };
  const enabled = need<HTMLInputElement>('#bs-enabled');
  const kindsBox = need<HTMLElement>('#bs-kinds');
  const markStyle = need<HTMLSelectElement>('#bs-markStyle');
  const theme = need<HTMLSelectElement>('#bs-theme');
  const hoverDelay = need<HTMLInputElement>('#bs-hoverDelay');
  const siteForm = need<HTMLFormElement>('#bs-site-form');
  const siteInput = need<HTMLInputElement>('#bs-site-input');
  const siteSubdomains = need<HTMLInputElement>('#bs-site-subdomains');
  const siteSearch = need<HTMLInputElement>('#bs-site-search');
  const siteList = need<HTMLUListElement>('#bs-site-list');
  const siteError = need<HTMLElement>('#bs-site-error');
  const siteCaption = need<HTMLElement>('#bs-site-caption');
  const status = need<HTMLElement>('#bs-status');
  const importInput = need<HTMLInputElement>('#bs-import');
  const radios = (name: string) => Array.from(root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`));

  let settings: Settings = DEFAULT_SETTINGS;
  let statusTimer: ReturnType<typeof setTimeout> | undefined;

  const say = (message: string, kind: 'ok' | 'error' = 'ok') => {
    status.textContent = message;
    status.dataset.kind = kind;
    status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    if (statusTimer) clearTimeout(statusTimer);
    if (kind === 'ok') statusTimer = setTimeout(() => (status.textContent = ''), 4000);
  };

  const save = async (changes: Partial<Settings>) => {
    try {
      await api.saveSettings(changes);
      settings = { ...settings, ...changes };
      say('Saved.');
    } catch (error) {
      say(error instanceof Error ? error.message : 'Could not save.', 'error');
    }
  };

  // Kinds: one checkbox per kind, built from the kinds the extension knows.
  const kindInputs = new Map<MarkKind, HTMLInputElement>();
  for (const kind of MARK_KINDS) {
    const input = doc.createElement('input');
    input.type = 'checkbox';
    input.name = 'kinds';
    input.value = kind;
    const label = doc.createElement('label');
    label.append(input, doc.createTextNode(` ${KIND_LABELS[kind]}`));
    kindsBox.append(label);
    kindInputs.set(kind, input);
  }

  const renderSites = () => {
    const query = siteSearch.value.trim().toLowerCase();
    const shown = settings.sites.filter((rule) => !query || rule.host.includes(query));
    siteCaption.textContent =
      settings.siteMode === 'except' ? 'Backstory is off on these sites:' : 'Backstory runs only on these sites:';
    siteList.replaceChildren();
    for (const rule of shown) {
      const li = doc.createElement('li');
      li.dataset.host = rule.host;
      const name = doc.createElement('span');
      name.className = 'bs-site-host';
      name.textContent = rule.host;
      const scope = doc.createElement('span');
      scope.className = 'bs-site-scope';
      scope.textContent = rule.subdomains ? 'and its subdomains' : 'this host only';
      const remove = doc.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove ${rule.host}`);
      remove.addEventListener('click', () => {
        void save({ sites: settings.sites.filter((other) => other !== rule) }).then(renderSites);
      });
      li.append(name, scope, remove);
      siteList.append(li);
    }
    if (shown.length === 0) {
      const li = doc.createElement('li');
      li.className = 'bs-empty';
      li.textContent = settings.sites.length === 0 ? 'No sites yet.' : 'No site matches the search.';
      siteList.append(li);
    }
  };

  const render = () => {
    enabled.checked = settings.enabled;
    for (const name of ['siteMode', 'mentions', 'scope'] as const) {
      for (const radio of radios(name)) radio.checked = radio.value === settings[name];
    }
    for (const [kind, input] of kindInputs) input.checked = settings.kinds.includes(kind);
    markStyle.value = settings.markStyle;
    theme.value = settings.theme;
    if (doc.activeElement !== hoverDelay) hoverDelay.value = String(settings.hoverDelay);
    doc.documentElement.dataset.theme = settings.theme;
    renderSites();
  };

  enabled.addEventListener('change', () => void save({ enabled: enabled.checked }), { signal });
  for (const name of ['siteMode', 'mentions', 'scope'] as const satisfies readonly SettingName[]) {
    for (const radio of radios(name)) {
      radio.addEventListener(
        'change',
        () => {
          if (radio.checked) void save({ [name]: radio.value } as Partial<Settings>).then(render);
        },
        { signal },
      );
    }
  }
  for (const input of kindInputs.values()) {
    input.addEventListener(
      'change',
      () => void save({ kinds: MARK_KINDS.filter((kind) => kindInputs.get(kind)?.checked) }),
      { signal },
    );
  }
  markStyle.addEventListener('change', () => void save({ markStyle: markStyle.value as Settings['markStyle'] }), {
    signal,
  });
  theme.addEventListener('change', () => void save({ theme: theme.value as Settings['theme'] }).then(render), {
    signal,
  });
  hoverDelay.min = String(HOVER_DELAY_RANGE.min);
  hoverDelay.max = String(HOVER_DELAY_RANGE.max);
  hoverDelay.addEventListener(
    'change',
    () => {
      const value = Math.round(Number(hoverDelay.value));
      if (!Number.isFinite(value) || value < HOVER_DELAY_RANGE.min || value > HOVER_DELAY_RANGE.max) {
        say(`The hover delay is between ${HOVER_DELAY_RANGE.min} and ${HOVER_DELAY_RANGE.max} ms.`, 'error');
        return;
      }
      void save({ hoverDelay: value });
    },
    { signal },
  );

  siteForm.addEventListener(
    'submit',
    (event) => {
      event.preventDefault();
      const sites = addSiteRule(settings.sites, siteInput.value, siteSubdomains.checked);
      if (!sites) {
        siteError.textContent = `“${siteInput.value.trim()}” is not a site name (try cnn.com).`;
        return;
      }
      siteError.textContent = '';
      siteInput.value = '';
      void save({ sites }).then(renderSites);
    },
    { signal },
  );
  siteSearch.addEventListener('input', renderSites, { signal });

  need<HTMLButtonElement>('#bs-reset').addEventListener(
    'click',
    () => {
      void api.resetSettings().then(() => {
        settings = DEFAULT_SETTINGS;
        render();
        say('All settings are back to their defaults.');
      });
    },
    { signal },
  );
  need<HTMLButtonElement>('#bs-export').addEventListener(
    'click',
    () => api.download(exportFileName(new Date()), exportSettings(settings)),
    { signal },
  );

  const importText = async (text: string) => {
    const result = parseSettingsImport(text);
    if (!result.ok) {
      const message = `Import refused, nothing was changed: ${result.error}`;
      say(message, 'error');
      return { ok: false, message };
    }
    await save(result.settings);
    render();
    const message = `Imported ${Object.keys(result.settings).length} settings.`;
    say(message);
    return { ok: true, message };
  };
  importInput.addEventListener(
    'change',
    () => {
      const file = importInput.files?.[0];
      importInput.value = '';
      if (!file) return;
      void file.text().then(importText, () => say('Import refused: the file could not be read.', 'error'));
    },
    { signal },
  );

  const ready = api.loadSettings().then((loaded) => {
    settings = loaded;
    render();
    api.watchSettings((next) => {
      settings = next;
      render();
    }, signal);
    root.dataset.ready = 'true';
  });

  return { ready, importText, dispose: () => controller.abort() };
}
