/**
 * Vite plugin: `import knowledge from '@/src/knowledge/pack.json?page'` yields the pack's page knowledge: the names
 * the content script shows and the matcher compiled here, at build time (see `src/knowledge/page-pack.ts`). The pack is validated with the same
 * schema as everywhere else, so a malformed pack fails the build with the schema's message.
 *
 * A local WXT module (WXT loads every `modules/*.ts`): its default export adds the plugin to every build.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { addViteConfig, defineWxtModule } from 'wxt/modules';
import { toPageNames, toPagePack, type PageKnowledge } from '../src/knowledge/page-pack';
import { compileMatcherTables } from '../src/match';
import { parsePack } from '../src/knowledge/schema';

const QUERY = '?page';
const PREFIX = '\0backstory-page-pack:';
/** Ends the module id, so Vite's JSON plugin (which takes ids ending in `.json`) leaves the module to us. */
const SUFFIX = '.page.js';

/** The module source answering `pack.json?page`: the pack's page knowledge (names + precompiled matcher tables). */
export function pageKnowledgeModule(pack: Parameters<typeof toPagePack>[0]): string {
  const page = toPagePack(pack);
  const knowledge: PageKnowledge = { names: toPageNames(page), tables: compileMatcherTables(page) };
  // JSON.parse of a string literal: V8 parses JSON faster than the same object as a JS literal.
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(knowledge))});`;
}

export function pagePackPlugin(): Plugin {
  return {
    name: 'backstory:page-pack',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(`.json${QUERY}`)) return null;
      const resolved = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
      return resolved ? PREFIX + resolved.id + SUFFIX : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX) || !id.endsWith(SUFFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      this.addWatchFile(file);
      const pack = parsePack(JSON.parse(await readFile(file, 'utf8')), file);
      return pageKnowledgeModule(pack);
    },
  };
}

export default defineWxtModule({
  name: 'backstory:page-pack',
  setup(wxt) {
    addViteConfig(wxt, () => ({ plugins: [pagePackPlugin()] }));
  },
});
