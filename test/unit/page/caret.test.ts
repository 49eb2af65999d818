import { describe, expect, it } from 'vitest';
import { caretAt } from '../../../src/page/caret';

/** Fake documents: caret APIs need layout, which only real browsers have (see the e2e tests). */
const textNode = { nodeName: '#text' } as unknown as Node;

describe('caretAt', () => {
  it('prefers caretPositionFromPoint', () => {
    const doc = {
      caretPositionFromPoint: (x: number, y: number) => ({ offsetNode: textNode, offset: x + y }),
      caretRangeFromPoint: () => {
        throw new Error('not used');
      },
    } as unknown as Document;
    expect(caretAt(doc, 3, 4)).toEqual({ node: textNode, offset: 7 });
  });

  it('falls back to caretRangeFromPoint', () => {
    const doc = {
      caretRangeFromPoint: () => ({ startContainer: textNode, startOffset: 2 }),
    } as unknown as Document;
    expect(caretAt(doc, 0, 0)).toEqual({ node: textNode, offset: 2 });
  });

  it('returns null on a miss, without either API, or when the engine throws', () => {
    expect(caretAt({ caretPositionFromPoint: () => null } as unknown as Document, 0, 0)).toBeNull();
    expect(caretAt({ caretRangeFromPoint: () => null } as unknown as Document, 0, 0)).toBeNull();
    expect(caretAt({} as Document, 0, 0)).toBeNull();
    const throwing = {
      caretPositionFromPoint: () => {
        throw new TypeError('non-finite');
      },
    } as unknown as Document;
    expect(caretAt(throwing, Number.NaN, 0)).toBeNull();
  });
});
