/** Fixture articles and the test pack the drafting tests read. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Pack } from '../../../../src/knowledge/schema';
import { buildPack } from '../../../../src/pack-builder/build';
import type { ArticleInput } from '../../../../src/pack-builder/draft';
import { splitArticle } from '../../../../src/pack-builder/text';

/** A fixture of `test/fixtures/articles/` as the builder page would hand it over. */
export function fixtureArticle(name: string, published = '2023-03-02'): ArticleInput {
  const split = splitArticle(readFileSync(`test/fixtures/articles/${name}`, 'utf8'));
  return {
    title: split.title,
    site: 'Test Wire',
    published,
    url: `https://example.org/${name}`,
    paragraphs: split.paragraphs.map((p) => split.text.slice(p.start, p.end)),
  };
}

/** The UN envoy pack of `test/fixtures/packs/`, built: a reader's pack the drafts link to. */
export function envoyPack(): Pack {
  return buildPack({
    article: readFileSync('test/fixtures/packs/un-envoy.txt', 'utf8'),
    annotations: parse(readFileSync('test/fixtures/packs/un-envoy.yaml', 'utf8')),
    files: { article: 'un-envoy.txt', annotations: 'un-envoy.yaml' },
  }).pack;
}
