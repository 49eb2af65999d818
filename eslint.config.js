// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** `tools/` (command-line tools) and `modules/` (WXT build modules) run in Node: nothing under `src/` imports them. */
const NOT_TOOLS = {
  regex: '^(?:(?:\\.\\./)+|[@~]{1,2}/)(?:tools|modules)(?:/|$)',
  message: 'src/ ships in the extension: it never imports tools/ or modules/.',
};

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'innerHTML',
          message: 'Build nodes and use textContent: pack and page data never reach innerHTML.',
        },
        { property: 'outerHTML', message: 'Build nodes and use textContent.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Shipped code never imports the command-line tools or the build's WXT modules.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_TOOLS] }] },
  },
  {
    // Pure logic: never the DOM or the extension API.
    files: ['src/knowledge/**/*.ts', 'src/pack-builder/**/*.ts', 'src/match/**/*.ts', 'src/settings/site-rules.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'Pure modules take their inputs as parameters.' },
        { name: 'window', message: 'Pure modules take their inputs as parameters.' },
        { name: 'browser', message: 'Pure modules never touch the extension API.' },
        { name: 'chrome', message: 'Pure modules never touch the extension API.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['wxt/*', '#imports', 'node:*'], message: 'Pure modules import no platform.' },
            NOT_TOOLS,
          ],
        },
      ],
    },
  },
);
