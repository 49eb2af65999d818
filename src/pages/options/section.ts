/** What every section of the options page gets from the page: its elements, the settings, saving, the status. */
import type { Settings } from '../../settings/schema';
import type { Say } from './status';

export interface OptionsSection {
  readonly root: HTMLElement;
  readonly doc: Document;
  /** Listeners live until the page is disposed. */
  readonly signal: AbortSignal;
  /** The element `selector` in the page's skeleton; throws when the skeleton lacks it. */
  need<T extends Element>(selector: string): T;
  /** The settings as last loaded, saved or heard of. */
  settings(): Settings;
  /** Replaces the settings the page shows (after a reset). */
  setSettings(settings: Settings): void;
  /** Saves a change and says so (or says why not). */
  save(changes: Partial<Settings>): Promise<void>;
  say: Say;
  /** Shows the settings again in every section. */
  render(): void;
}
