import { describe, expect, it } from 'vitest';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import { createMatcher, type Match, type QuoteMatch } from '../../../src/match/index';
import type { PageMark } from '../../../src/page/highlighter';
import { summarizeMarks } from '../../../src/content/page-state';

describe('page summary', () => {
  const pack = packData as unknown as Pack;
  const [entity] = pack.entities;
  const [quote] = pack.quotes;
  if (!entity || !quote) throw new Error('the pack has entities and quotes');
  const matcher = createMatcher(pack);
  const entityMatch = { kind: 'entity' } as Match;
  const mark = (kind: PageMark['kind'], target: string, match = entityMatch) => ({ kind, target, match }) as PageMark;
  const quoteMark = (text: string): PageMark => {
    const match = matcher.scan(text).find((found): found is QuoteMatch => found.kind === 'quote');
    if (!match) throw new Error(`no quote in ${text}`);
    return mark('quote', match.id, match);
  };

  it('groups marks by target in first-mark order with names from the pack', () => {
    const items = summarizeMarks(
      [mark(entity.kind, entity.id), quoteMark(quote.text), mark(entity.kind, entity.id)],
      pack,
    );
    expect(items[0]).toEqual({ target: entity.id, kind: entity.kind, name: entity.name, count: 2 });
    expect(items[1]).toMatchObject({ target: quote.id, kind: 'quote', count: 1 });
    expect(items[1]?.name).toBe(pack.entities.find((e) => e.id === quote.speaker)?.name);
    expect(items[0]?.fidelity).toBeUndefined();
    expect(items[1]?.fidelity?.state).toBe('verbatim');
  });

  it('a quote item carries the most telling fidelity of its marks, in words only', () => {
    const items = summarizeMarks(
      [
        quoteMark('“we’re not going to be, at the end of the year, in a combat mission.”'),
        quoteMark('"We\'re not going to be, by the end of the year, in a combat mission."'),
        quoteMark('not going to be, at the end of the year, in a combat'),
      ],
      pack,
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ target: 'q-1', count: 3 });
    expect(items[0]?.fidelity).toEqual({
      state: 'changed',
      changed: [{ kind: 'replaced', page: 'by', source: 'at' }],
      elided: [],
      shortened: null,
    });
  });
});
