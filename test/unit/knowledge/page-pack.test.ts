import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import packJson from '../../../src/knowledge/pack.json';
import { toPageNames, toPagePack, type PageKnowledge } from '../../../src/knowledge/page-pack';
import { parsePack } from '../../../src/knowledge/schema';
import { createMatcher, loadMatcher } from '../../../src/match/index';
import { pagePackPlugin } from '../../../modules/page-pack';

const pack = parsePack(packJson, 'src/knowledge/pack.json');

describe('toPagePack', () => {
  const page = toPagePack(pack);

  it('keeps every entity and quote, in order, with only the fields the page needs', () => {
    expect(page.id).toBe(pack.id);
    expect(page.entities.map((entity) => entity.id)).toEqual(pack.entities.map((entity) => entity.id));
    expect(page.quotes.map((quote) => quote.id)).toEqual(pack.quotes.map((quote) => quote.id));
    expect(Object.keys(page).sort()).toEqual(['entities', 'id', 'quotes', 'schemaVersion']);
    for (const entity of page.entities) {
      expect(Object.keys(entity).sort()).toEqual(
        ['aliases', 'ambiguous', 'confirmedBy', 'demonyms', 'id', 'kind', 'name', 'notWhen'].sort(),
      );
    }
    for (const quote of page.quotes) expect(Object.keys(quote).sort()).toEqual(['id', 'speaker', 'text']);
  });

  it('matches exactly what the full pack matches (the article, with demonyms and every mention)', () => {
    const text = pack.source.text;
    const options = { demonyms: true, mentions: 'all' } as const;
    expect(createMatcher(page).scan(text, options)).toEqual(createMatcher(pack).scan(text, options));
  });

  it('is much smaller than the pack', () => {
    expect(JSON.stringify(page).length).toBeLessThan(JSON.stringify(pack).length / 3);
  });
});

describe('the page-pack Vite plugin', () => {
  type Hook = (this: unknown, ...args: unknown[]) => Promise<unknown>;
  const plugin = pagePackPlugin();
  const context = {
    resolve: (source: string) => Promise.resolve({ id: path.resolve(source) }),
    addWatchFile: () => undefined,
  };
  const resolveId = plugin.resolveId as unknown as Hook;
  const load = plugin.load as unknown as Hook;

  it('answers `pack.json?page` with the page knowledge: the names, and tables that match as the pack does', async () => {
    const id = await resolveId.call(context, 'src/knowledge/pack.json?page', 'entrypoints/content/index.ts');
    expect(typeof id).toBe('string');
    const code = (await load.call(context, id)) as string;
    const json = /^export default JSON\.parse\((".*")\);$/s.exec(code)?.[1];
    const knowledge = JSON.parse(JSON.parse(json ?? '""') as string) as PageKnowledge;
    expect(knowledge.names).toEqual(toPageNames(toPagePack(pack)));
    const text = pack.source.text;
    const options = { demonyms: true, mentions: 'all' } as const;
    expect(loadMatcher(knowledge.tables).scan(text, options)).toEqual(createMatcher(pack).scan(text, options));
    for (const quote of pack.quotes) {
      expect(loadMatcher(knowledge.tables).scan(`“${quote.text}”`)).toEqual(
        createMatcher(pack).scan(`“${quote.text}”`),
      );
    }
  });

  it('leaves other imports alone', async () => {
    expect(await resolveId.call(context, 'src/knowledge/pack.json', 'x.ts')).toBeNull();
    expect(await load.call(context, '/abs/pack.json')).toBeNull();
  });

  it('fails the build with the schema message for a malformed pack', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'page-pack-'));
    const file = path.join(dir, 'pack.json');
    writeFileSync(file, JSON.stringify({ ...pack, entities: [{ id: 'x' }] }));
    const id = await resolveId.call(context, `${file}?page`, 'x.ts');
    await expect(load.call(context, id)).rejects.toThrow(/entities/);
  });
});

describe('pack links', () => {
  const withLink = (url: string) => ({
    ...pack,
    entities: pack.entities.map((entity, i) => (i === 0 ? { ...entity, links: [{ label: 'x', url }] } : entity)),
  });
  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://example.org/', 'not a url'])(
    'refuses a link to %s, naming the field',
    (url) => {
      expect(() => parsePack(withLink(url), 'pack.json')).toThrow(/links/);
    },
  );
  it('accepts an https link', () => {
    expect(parsePack(withLink('https://en.wikipedia.org/wiki/Iraq'), 'pack.json').entities[0]?.links[0]?.url).toBe(
      'https://en.wikipedia.org/wiki/Iraq',
    );
  });
});
