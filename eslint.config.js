// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** `tools/` (command-line tools) and `modules/` (WXT build modules) run in Node: nothing that ships imports them. */
const NOT_TOOLS = {
  regex: '^(?:(?:\\.\\./)+|[@~]{1,2}/)(?:tools|modules)(?:/|$)',
  message: 'Shipped code (src/, entrypoints/) never imports tools/ or modules/: they run in Node.',
};

/**
 * Forbids imports of the given places under `src/` (`card`, `settings/storage`), by a relative path (`../card/…`,
 * `../../card/…`) or WXT's `@/src/…` alias, with `message` saying why. Relative paths are matched at any depth: no
 * folder under `src/` has a subfolder named like a top-level one that the same rule forbids.
 */
function notFrom(places, message) {
  return { regex: `^(?:(?:\\.\\./)+|[@~]{1,2}/src/)(?:${places.join('|')})(?:/|$)`, message };
}

/** The extension API and WXT's runtime (the build may use them; shipped pure code never does). */
const NOT_PLATFORM = {
  regex: '^(?:(?:wxt|#imports|webextension-polyfill|@wxt-dev)(?:/|$)|node:)',
  message: 'Pure modules import no platform: no wxt, no browser API, no Node.',
};

/** Node's built-in modules by their `node:` names. */
const NOT_NODE = { regex: '^node:', message: 'Shipped code runs in the browser: no Node built-ins.' };

/** Node's built-in modules by their bare names (`fs`, `path`): nothing that ships imports them. */
const NODE_BUILTINS = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => ({ name, message: 'Shipped code runs in the browser: no Node built-ins.' }));

/**
 * What only a browser page has: the DOM, its window and the extension API. Pure modules use what Node and the
 * browser both have (URL, TextEncoder, console, timers) and take everything else as parameters.
 */
const NODE_GLOBALS = new Set([...Object.keys(globals.node), ...Object.keys(globals.builtin)]);
const BROWSER_ONLY_GLOBALS = [
  ...Object.keys(globals.browser).filter((name) => !NODE_GLOBALS.has(name)),
  ...['localStorage', 'sessionStorage', 'navigator', 'Navigator', 'fetch', 'WebSocket', 'browser', 'chrome'],
].map((name) => ({ name, message: 'Pure modules use no DOM or extension API: take it as a parameter.' }));

/** Modules that compute: plain inputs in, plain outputs out, tested without a browser. */
const PURE = [
  'src/match/**/*.ts',
  'src/knowledge/**/*.ts',
  'src/pack-builder/**/*.ts',
  'src/messaging/contract.ts',
  'src/shared/vocabulary.ts',
  'src/shared/text.ts',
  'src/settings/site-rules.ts',
  'src/settings/schema.ts',
  'src/settings/migrations.ts',
  'src/card/model.ts',
  'src/card/fidelity.ts',
];

/** One folder's import rule (it replaces `src/**`'s, so it repeats NOT_TOOLS and the Node rules). */
function layer(folder, places, message) {
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NODE_BUILTINS, patterns: [NOT_TOOLS, NOT_NODE, notFrom(places, message)] },
      ],
    },
  };
}

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
    // Size: a file over 400 lines or a function over 150 holds several concerns; they become modules (tests aside).
    files: ['src/**/*.ts', 'tools/**/*.ts', 'modules/**/*.ts', 'entrypoints/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Shipped code never imports the command-line tools or the build's WXT modules.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: NODE_BUILTINS, patterns: [NOT_TOOLS, NOT_NODE] }] },
  },
  {
    // Entrypoints wire src/ modules together; what runs in Node (tools, build modules) is not theirs to import.
    files: ['entrypoints/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: NODE_BUILTINS, patterns: [NOT_TOOLS, NOT_NODE] }] },
  },
  // Where code runs, as imports: each folder names what it must not reach (a later block replaces an earlier one's
  // no-restricted-imports for the same files, so each block lists all of its patterns).
  layer(
    'page',
    ['card', 'content', 'settings', 'pages', 'background'],
    'src/page/ is the page layer (text, walk, highlights): it knows the matcher and the shared vocabulary, never the card, content runtime, settings or extension pages.',
  ),
  layer(
    'card',
    ['content', 'pages', 'background', 'settings/storage', 'settings/settings-read'],
    'src/card/ is the card (view and interaction) on any page: the content script and the reader use it, it uses neither, and gets settings as options.',
  ),
  layer(
    'content',
    ['pages', 'background'],
    'src/content/ runs in the page: it talks to the background and the extension pages by messages only (src/messaging/).',
  ),
  layer(
    'background',
    ['content', 'pages', 'page', 'card'],
    'src/background/ runs in the service worker: no DOM layers (page, card), and it talks to content and pages by messages only.',
  ),
  layer(
    'pages',
    ['content', 'background'],
    'src/pages/ are extension pages: they reach the content script and the background by messages only (src/messaging/).',
  ),
  layer(
    'extract',
    ['card', 'content', 'pages', 'background', 'settings', 'page'],
    'src/extract/ is the article extraction chunk, loaded in the page only when the reader adds it: it reads the document and answers in the message contract, nothing else.',
  ),
  layer(
    'settings',
    ['content', 'pages', 'background', 'page', 'card'],
    'src/settings/ holds the settings only (schema, storage, site rules): the runtimes that use them import it, not the other way.',
  ),
  {
    // Pure logic: never the DOM, the extension API or Node, and no module that touches them.
    files: PURE,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...BROWSER_ONLY_GLOBALS],
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS,
          patterns: [
            NOT_PLATFORM,
            NOT_TOOLS,
            notFrom(
              ['page', 'content', 'pages', 'background', 'settings/storage', 'settings/settings-read', 'shared/dom'],
              'Pure modules import only pure modules: this one touches the DOM or the extension API.',
            ),
          ],
        },
      ],
    },
  },
);
