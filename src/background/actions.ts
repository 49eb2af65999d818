/**
 * What a keyboard command, a menu item or a `run-action` message asks for, in one code path: `toggle-site` (the
 * tab's site on/off, through the settings' site list) and `next-mark` / `previous-mark` (a `navigate` message to
 * the tab). Needs no `tabs` permission: the tab's URL comes from its content script (`page-summary`).
 */
import { sendToTab, type Action, type ActionOutcome, type MessagingApi } from '../messaging/contract';
import { isEnabledFor, withSiteEnabled } from '../settings/site-rules';
import { loadSettings, saveSettings } from '../settings/storage';

/** Runs `action` in tab `tabId`. */
export async function runAction(
  api: Pick<MessagingApi, 'tabs'>,
  action: Action,
  tabId: number,
): Promise<ActionOutcome> {
  if (action === 'next-mark' || action === 'previous-mark') {
    const moved = await sendToTab(api, tabId, {
      type: 'navigate',
      direction: action === 'next-mark' ? 'next' : 'previous',
    });
    return { ok: moved === true };
  }
  const summary = await sendToTab(api, tabId, { type: 'page-summary' });
  if (!summary) return { ok: false };
  const settings = await loadSettings();
  if (!settings.enabled) return { ok: false, enabled: false };
  const on = !isEnabledFor(summary.url, settings);
  const sites = withSiteEnabled(summary.url, on, settings);
  if (!sites) return { ok: false, enabled: !on };
  await saveSettings({ sites });
  return { ok: true, enabled: on };
}

/** Whether a message comes from one of our own pages (popup, options, reader) rather than a content script. */
export function isExtensionPage(sender: { url?: string }, extensionOrigin: string): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}
