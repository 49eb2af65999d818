import { defineConfig } from 'wxt';

/** Firefox add-on id: fixed, so storage.sync works for the unpacked add-on and tests can pin its UUID. */
export const GECKO_ID = 'backstory@example.org';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Marks the people, groups, places and quotes of a bundled knowledge pack on news pages; hover for their backstory.',
    // storage: the settings (sync). contextMenus: the page and selection menu items. Nothing else: a tab's URL
    // comes from our own content script, so neither `tabs` nor `activeTab` is needed.
    permissions: ['storage', 'contextMenus'],
    action: { default_title: 'Backstory' },
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Turn Backstory on or off for this site',
      },
      'next-mark': { suggested_key: { default: 'Alt+Shift+N' }, description: 'Go to the next highlight' },
      'previous-mark': { suggested_key: { default: 'Alt+Shift+P' }, description: 'Go to the previous highlight' },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
});
