/** Packs for the packs tests: the bundled pack and the UN envoy test pack, built from test/fixtures/packs/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAnnotationsYaml } from '../../../tools/knowledge/cli';
import { buildPack } from '../../../src/pack-builder/build';
import { parsePack, type Entity, type Pack } from '../../../src/knowledge/schema';

const root = path.resolve(import.meta.dirname, '../../..');

export const bundled: Pack = parsePack(JSON.parse(readFileSync(path.join(root, 'src/knowledge/pack.json'), 'utf8')));

/** The UN envoy pack, built as `npm run knowledge -- build` builds it. */
export function envoyPack(): Pack {
  const files = { article: 'test/fixtures/packs/un-envoy.txt', annotations: 'test/fixtures/packs/un-envoy.yaml' };
  return buildPack({
    article: readFileSync(path.join(root, files.article), 'utf8'),
    annotations: parseAnnotationsYaml(readFileSync(path.join(root, files.annotations), 'utf8'), files.annotations),
    files,
  }).pack;
}

/** A small pack made by hand: entities with the given fields over a minimal source. */
export function tinyPack(id: string, entities: Partial<Entity>[], date = '2022-01-01'): Pack {
  return parsePack({
    schemaVersion: 1,
    id,
    source: {
      title: `Pack ${id}`,
      dateline: 'TEST (Wire)',
      date,
      dateLabel: date.slice(0, 7),
      origin: 'test',
      text: 'Text.',
      paragraphs: [],
      sentences: [],
    },
    entities: entities.map((entity, index) => ({
      id: `e-${index}`,
      kind: 'person',
      name: `Name ${index}`,
      aliases: [entity.name ?? `Name ${index}`],
      ambiguous: [],
      confirmedBy: [],
      notWhen: [],
      demonyms: [],
      description: 'Someone.',
      role: 'Appears.',
      relations: [],
      related: [],
      links: [],
      mentions: [],
      ...entity,
    })),
    quotes: [],
    statements: [],
  });
}
