import { describe, expect, it } from 'vitest';
import { parseAnnotations } from '../../../src/pack-builder/annotations';
import {
  initialReview,
  previewPack,
  quoteKey,
  REJECTED_WHY,
  reviewedAnnotations,
  type Review,
  type ReviewDraft,
} from '../../../src/pack-builder/review';

const articleText = [
  'Council to meet on bridge repairs',
  'HARBOURTOWN -- Mayor Lina Haddad said on Tuesday that the council would meet next week.',
  '“We cannot wait another winter,” Haddad said in an interview with Radio Harbour.',
  'Tomas Berg, the city engineer, said the bridge was safe for now.',
].join('\n');

const person = (id: string, name: string, aliases: string[]) => ({
  id,
  kind: 'person',
  name,
  aliases,
  description: `${name}, in the article.`,
  role: 'Named in the article.',
});

function draft(): ReviewDraft {
  return {
    articleText,
    annotations: parseAnnotations(
      {
        source: {
          title: 'Council to meet on bridge repairs',
          dateline: 'HARBOURTOWN',
          date: '2024-05-14',
          dateLabel: 'May 2024',
          origin: 'test',
        },
        entities: [
          person('lina-haddad', 'Lina Haddad', ['Lina Haddad', 'Haddad']),
          person('tomas-berg', 'Tomas Berg', ['Tomas Berg']),
          { ...person('radio-harbour', 'Radio Harbour', ['Radio Harbour']), kind: 'media' },
          { ...person('harbourtown', 'Harbourtown', ['HARBOURTOWN']), kind: 'place' },
        ],
        ignore: [{ name: 'Mayor', why: 'a title' }],
      },
      'test draft',
    ),
  };
}

const withEntity = (
  review: Review,
  id: string,
  change: Partial<NonNullable<ReturnType<Review['entities']['get']>>>,
) => {
  const entities = new Map(review.entities);
  const before = entities.get(id);
  if (!before) throw new Error(`no entity ${id}`);
  entities.set(id, { ...before, ...change });
  return { ...review, entities };
};

describe('the builder review', () => {
  it('an unedited draft builds: entities, the quote and its speaker', () => {
    const result = previewPack(draft(), initialReview(draft()), 'bridge-2024-05-14');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.id).toBe('bridge-2024-05-14');
    expect(result.pack.entities.map((entity) => entity.id)).toEqual([
      'lina-haddad',
      'tomas-berg',
      'radio-harbour',
      'harbourtown',
    ]);
    expect(result.pack.quotes).toHaveLength(1);
    expect(result.pack.quotes[0]?.speaker).toBe('lina-haddad');
  });

  it('edits reach the pack: name, kind, aliases (the name stays one) and description', () => {
    const review = withEntity(initialReview(draft()), 'tomas-berg', {
      name: 'Tomas Berg',
      kind: 'person',
      aliases: ['Tomas Berg', ' Berg ', 'berg'],
      description: 'The city engineer.',
    });
    const result = previewPack(draft(), review, 'bridge');
    expect(result.ok && result.pack.entities.find((entity) => entity.id === 'tomas-berg')).toMatchObject({
      aliases: ['Tomas Berg', 'Berg'],
      description: 'The city engineer.',
    });
  });

  it('a rejected entity leaves the pack, its names are ignored, and nothing refers to it', () => {
    const review = withEntity(initialReview(draft()), 'tomas-berg', { keep: false });
    const annotations = reviewedAnnotations(draft(), review);
    expect(annotations.entities.map((entity) => entity.id)).not.toContain('tomas-berg');
    expect(annotations.ignore).toContainEqual({ name: 'Tomas Berg', why: REJECTED_WHY });
    const result = previewPack(draft(), review, 'bridge');
    expect(result.ok).toBe(true);
  });

  it('rejecting a quote’s speaker asks for another; choosing one builds with that speaker', () => {
    const rejected = withEntity(initialReview(draft()), 'lina-haddad', { keep: false });
    const failed = previewPack(draft(), rejected, 'bridge');
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.problems.join('\n')).toMatch(/no speaker found for the quote “We cannot wait another winter/);

    const key = quoteKey('We cannot wait another winter');
    const chosen: Review = { ...rejected, speakers: new Map([[key, 'tomas-berg']]) };
    const result = previewPack(draft(), chosen, 'bridge');
    expect(result.ok).toBe(true);
    expect(result.ok && result.pack.quotes[0]).toMatchObject({ speaker: 'tomas-berg', attribution: 'override' });
  });

  it('a speaker chosen for a quote wins over the drafted one', () => {
    const key = quoteKey('We cannot wait another winter');
    const review: Review = { ...initialReview(draft()), speakers: new Map([[key, 'tomas-berg']]) };
    const result = previewPack(draft(), review, 'bridge');
    expect(result.ok && result.pack.quotes[0]?.speaker).toBe('tomas-berg');
  });

  it('an alias that is not in the article is a problem that names the entity and the field', () => {
    const review = withEntity(initialReview(draft()), 'tomas-berg', { aliases: ['Thomas Burg'], name: 'Thomas Burg' });
    const result = previewPack(draft(), review, 'bridge');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toMatch(/tomas-berg/);
  });
});
