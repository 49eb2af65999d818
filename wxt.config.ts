import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Backstory',
    description:
      'Marks the people, groups, places and quotes of a bundled knowledge pack on news pages; hover for their backstory.',
    permissions: ['storage'],
  },
});
