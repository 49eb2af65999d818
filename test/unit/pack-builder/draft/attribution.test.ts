/**
 * Attribution rules on styles the seed article does not use, from short articles written for these tests: each is
 * drafted (so the rules run on drafted entities, as the builder page does) and its quotes checked.
 */
import { describe, expect, it } from 'vitest';
import { draftAndBuild } from '../../../../src/pack-builder/draft';

function speakers(title: string, paragraphs: string[]): Record<string, string> {
  const draft = draftAndBuild({ title, published: '2024-02-10', site: 'Test Wire', paragraphs });
  const name = new Map(draft.pack.entities.map((e) => [e.id, e.name]));
  return Object.fromEntries(
    draft.pack.quotes.map((q) => [q.text.split(' ').slice(0, 3).join(' '), name.get(q.speaker) ?? q.speaker]),
  );
}

describe('attribution rules beyond the seed', () => {
  it('“…,” said X’s Y: the possessed entity speaks, not its owner', () => {
    const found = speakers('Guard Warns Rivals', [
      'Tensions rose in Kesslin on Friday after a convoy was attacked near the border.',
      '“Taking revenge is our natural right,” said Norland’s Revolutionary Guard Corps in a statement.',
    ]);
    expect(found['Taking revenge is']).toBe('Revolutionary Guard Corps');
  });

  it('X, an appositive that names other places and groups, said: “…”', () => {
    const found = speakers('Analyst Sees Long Standoff', [
      'Talks between Norland and Kesslin stalled again on Monday.',
      'Mira Castell, the director of the energy programme at the Halden Institute in Ostrava and author of a book on pipelines, said: “Nobody wants to blink first.”',
    ]);
    expect(found['Nobody wants to']).toBe('Mira Castell');
  });

  it('“…,” U.S. envoy X said: the full stops of an abbreviation end no sentence', () => {
    const found = speakers('Envoy Urges Calm', [
      'Fighting resumed near Ostrava on Sunday.',
      '“We urge every side to stop the shelling now,” U.S. special envoy Daniel Roark said in a briefing.',
    ]);
    expect(found['We urge every']).toBe('Daniel Roark');
  });

  it('X, doing something “…,” said … a “…” of Y and said …: the second quote keeps the first clause’s subject', () => {
    const found = speakers('Leader Hails Strike', [
      'Supreme Leader Ayatollah Karim Tavani, addressing a crowd chanting “Down with the occupiers,” said the strikes were a “slap in the face” of Norland and said its troops should leave.',
    ]);
    expect(found['slap in the']).toBe('Karim Tavani');
  });

  it('a sentence that opens with its speaker and verb owns a quote with no reporting verb', () => {
    const found = speakers('Ostrava Rejects Claims', [
      'Minister Pavel Hrubin said on Monday that the talks with the government in Ostrava were over.',
      'Ostrava denies any role in the attacks and has condemned the raids as “pure provocation”.',
    ]);
    expect(found['pure provocation']).toBe('Ostrava');
  });

  it('“he” after a sentence that opens with a person refers to that person', () => {
    const found = speakers('Cleric Condemns Raids', [
      '“We will answer,” Colonel Lev Danek said on Sunday.',
      'The country’s top cleric, Grand Mufti Omar Sadiq, condemned the raids on Monday.',
      'He urged officials to “keep the country out of other people’s wars”.',
    ]);
    expect(found['We will answer']).toBe('Lev Danek');
    expect(found['keep the country']).toBe('Omar Sadiq');
  });
});
