/**
 * The options page: every setting, the site list (add, remove, search), reset to defaults, export and import of
 * the settings as JSON. Every control saves at once; changes made elsewhere (the popup, a shortcut, another options
 * tab) show up live. Each part is a section of its own (controls, sites, transfer) over the page's shared state.
 *
 * A factory over a container (the skeleton of entrypoints/options/index.html) and an API (a fake in DOM tests).
 */
import { DEFAULT_SETTINGS, type Settings } from '../../settings/schema';
import { bindSettingControls } from './controls';
import type { OptionsSection } from './section';
import { bindSiteList } from './sites';
import { createStatus } from './status';
import { bindTransfer, type TransferApi } from './transfer';

/** What the options page needs from the browser. */
export interface OptionsApi extends TransferApi {
  loadSettings(): Promise<Settings>;
  saveSettings(changes: Partial<Settings>): Promise<void>;
  watchSettings(listener: (settings: Settings) => void, signal: AbortSignal): void;
}

export interface OptionsPage {
  readonly ready: Promise<void>;
  /** Applies an import file's text (what the file input does); resolves to the message shown. */
  importText(text: string): Promise<{ ok: boolean; message: string }>;
  dispose(): void;
}

/** Binds the options page inside `root`. */
export function createOptionsPage(root: HTMLElement, api: OptionsApi): OptionsPage {
  const controller = new AbortController();
  const need = <T extends Element>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`The options skeleton has no ${selector}`);
    return found;
  };
  let settings: Settings = DEFAULT_SETTINGS;
  const say = createStatus(need<HTMLElement>('#bs-status'));
  const sections: { render(): void }[] = [];
  const page: OptionsSection = {
    root,
    doc: root.ownerDocument,
    signal: controller.signal,
    need,
    settings: () => settings,
    setSettings: (next) => void (settings = next),
    async save(changes) {
      try {
        await api.saveSettings(changes);
        settings = { ...settings, ...changes };
        say('Saved.');
      } catch (error) {
        say(error instanceof Error ? error.message : 'Could not save.', 'error');
      }
    },
    say,
    render: () => sections.forEach((section) => section.render()),
  };
  sections.push(bindSettingControls(page), bindSiteList(page));
  const importText = bindTransfer(page, api);

  const ready = api.loadSettings().then((loaded) => {
    settings = loaded;
    page.render();
    api.watchSettings((next) => {
      settings = next;
      page.render();
    }, controller.signal);
    root.dataset.ready = 'true';
  });

  return { ready, importText, dispose: () => controller.abort() };
}
