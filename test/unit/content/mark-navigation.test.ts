import { describe, expect, it } from 'vitest';
import packData from '../../../src/knowledge/pack.json';
import type { Pack } from '../../../src/knowledge/schema';
import { createMatcher, type Match, type QuoteMatch } from '../../../src/match/index';
import type { PageMark } from '../../../src/page/highlighter';
import { markToReveal } from '../../../src/content/mark-navigation';
import { summarizeMarks } from '../../../src/content/page-state';

describe('the mark reveal goes to', () => {
  const pack = packData as unknown as Pack;
  const matcher = createMatcher(pack);
  let serial = 0;
  const quoteMark = (text: string): PageMark => {
    const match = matcher.scan(text).find((found): found is QuoteMatch => found.kind === 'quote');
    if (!match) throw new Error(`no quote in ${text}`);
    return { serial: ++serial, kind: 'quote', target: match.id, match } as PageMark;
  };
  const entityMark = (target: string): PageMark =>
    ({ serial: ++serial, kind: 'person', target, match: { kind: 'entity' } as Match }) as PageMark;

  it('an entity’s first mark', () => {
    const marks = [entityMark('joe-biden'), entityMark('joe-biden')];
    expect(markToReveal(marks, 'joe-biden')).toBe(marks[0]);
    expect(markToReveal(marks, 'nobody')).toBeUndefined();
  });

  it('a quote’s first mark with the fidelity its popup item shows (words changed before verbatim)', () => {
    const marks = [
      quoteMark('“we’re not going to be, at the end of the year, in a combat mission.”'),
      quoteMark('"We\'re not going to be, by the end of the year, in a combat mission."'),
      quoteMark('"We\'re not going to be, by the end of the year, in a combat mission."'),
    ];
    const revealed = markToReveal(marks, 'q-1');
    expect(revealed).toBe(marks[1]);
    expect(revealed?.match.kind === 'quote' && revealed.match.fidelity.state).toBe(
      summarizeMarks(marks, pack)[0]?.fidelity?.state,
    );
  });
});
