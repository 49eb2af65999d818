import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { CONTENT_MATCHES } from './src/shared/vocabulary';

/** Firefox add-on id: fixed, so storage.sync works for the unpacked add-on and tests can pin its UUID. */
export const GECKO_ID = 'backstory@example.org';

/** The card chunk (`entrypoints/card-ui.ts`): imported by the content script on first use, so built as an ES module. */
export const CARD_CHUNK = 'card-ui';
/** The article extraction chunk (`entrypoints/extract-ui.ts`): imported when the reader adds a page to Backstory. */
export const EXTRACT_CHUNK = 'extract-ui';
const ES_CHUNKS: readonly string[] = [CARD_CHUNK, EXTRACT_CHUNK];
/** The content script's own `wxt/browser`: the browser's API without the polyfill (see the file). */
const CONTENT_BROWSER = fileURLToPath(new URL('./entrypoints/content/browser.ts', import.meta.url));

// See https://wxt.dev/api/config.html. WXT also loads the local modules in `modules/`: the page-pack Vite plugin
// (`modules/page-pack.ts`) and the stylesheet at document_start (`modules/manifest-styles.ts`).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Bench builds of the same code with another pack go elsewhere (tools/profile/build20.ts); default `.output/`.
  ...(process.env.BACKSTORY_OUT_DIR ? { outDir: process.env.BACKSTORY_OUT_DIR } : {}),
  // Profiling builds (`BACKSTORY_NO_MINIFY=1`, `npm run cost -- --unminified`): readable function names and lines in
  // CPU profiles, same code; never the shipped build.
  ...(process.env.BACKSTORY_NO_MINIFY ? { vite: () => ({ build: { minify: false } }) } : {}),
  hooks: {
    // WXT builds unlisted scripts as IIFEs for executeScript; the card and extraction chunks are imported, so they
    // are ES modules whose default export is the chunk's API.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.length === 1 && entrypoints[0]?.name === 'content') {
        // Ahead of the polyfill module's alias: the first matching alias wins.
        const alias = config.resolve?.alias;
        const listed = Array.isArray(alias)
          ? alias
          : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
        config.resolve = {
          ...config.resolve,
          alias: [{ find: /^wxt\/browser$/, replacement: CONTENT_BROWSER }, ...listed],
        };
        return;
      }
      if (entrypoints.length !== 1 || !ES_CHUNKS.includes(entrypoints[0]?.name ?? '')) return;
      const lib = config.build?.lib;
      if (lib) lib.formats = ['es'];
    },
  },
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Marks the people, groups, places and quotes of a bundled knowledge pack on news pages; hover for their backstory.',
    // storage: the settings (sync). contextMenus: the page and selection menu items. Nothing else: a tab's URL
    // comes from our own content script, so neither `tabs` nor `activeTab` is needed.
    permissions: ['storage', 'contextMenus'],
    action: { default_title: 'Backstory' },
    // The card chunk, imported by the content script on the first card. Chrome: only through the per-session
    // dynamic URL that runtime.getURL returns, so a page cannot probe the fixed extension id for it. Firefox's
    // moz-extension:// ids are random per install already. WXT writes the MV2 form for Firefox.
    web_accessible_resources: [
      { resources: [`${CARD_CHUNK}.js`, `${EXTRACT_CHUNK}.js`], matches: [...CONTENT_MATCHES], use_dynamic_url: true },
    ],
    // Alt+Shift+J / K walk the marks (as j/k do in many readers), Alt+Shift+L switches the site. Chromium leaves a
    // suggested key unbound when it clashes with its own accelerators (it did with Alt+Shift+B, N and P).
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Turn Backstory on or off for this site',
      },
      'next-mark': { suggested_key: { default: 'Alt+Shift+J' }, description: 'Go to the next highlight' },
      'previous-mark': { suggested_key: { default: 'Alt+Shift+K' }, description: 'Go to the previous highlight' },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
});
