import { describe, expect, it } from 'vitest';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import type { PageMark } from '../../../src/page/highlighter';
import { summarizeMarks } from '../../../src/content/page-state';

describe('page summary', () => {
  const pack = packData as unknown as Pack;
  const [entity] = pack.entities;
  const [quote] = pack.quotes;
  if (!entity || !quote) throw new Error('the pack has entities and quotes');
  const mark = (kind: PageMark['kind'], target: string) => ({ kind, target }) as PageMark;

  it('groups marks by target in first-mark order with names from the pack', () => {
    const items = summarizeMarks(
      [mark(entity.kind, entity.id), mark('quote', quote.id), mark(entity.kind, entity.id)],
      pack,
    );
    expect(items[0]).toEqual({ target: entity.id, kind: entity.kind, name: entity.name, count: 2 });
    expect(items[1]).toMatchObject({ target: quote.id, kind: 'quote', count: 1 });
    expect(items[1]?.name).toBe(pack.entities.find((e) => e.id === quote.speaker)?.name);
  });
});
