/**
 * Namesake rules (`src/match/namesakes.ts`): general rules that hold for any pack, on a pack of invented entities
 * (none of the examples is taken from the corpus). Each row: text, then the marks expected as `id:text`.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher, type EntityMatch } from '../../../src/match/index';
import { makePack } from './helpers';

const pack = makePack([
  { id: 'karim-haddad', aliases: ['Karim Haddad', 'Minister Haddad', 'Haddad'] },
  { id: 'lina-farouk', aliases: ['Lina al-Farouk', 'Mrs Farouk', 'al-Farouk', 'Farouk'], ambiguous: ['Farouk'] },
  { id: 'omar-zubaidi', aliases: ['Omar Zubaidi', 'Zubaidi'] },
  { id: 'jordan', kind: 'place', aliases: ['Jordan'], demonyms: ['Jordanian'] },
  { id: 'mosul', kind: 'place', aliases: ['Mosul'] },
  { id: 'kirkuk-province', kind: 'place', aliases: ['Kirkuk Province', 'Kirkuk'] },
  { id: 'al-rashid-tv', kind: 'media', aliases: ['Al-Rashid TV', 'Al-Rashid', 'Al Rashid'] },
  { id: 'badr-group', kind: 'group', aliases: ['Badr Organisation', 'Badr'] },
  { id: 'river-party', kind: 'organization', aliases: ['River Party'] },
]);
const matcher = createMatcher(pack);

function found(text: string): string[] {
  return matcher
    .scan(text, { quotes: false })
    .filter((m): m is EntityMatch => m.kind === 'entity')
    .map((m) => `${m.id}:${text.slice(m.start, m.end)}`);
}

describe('rule 1: a given name or a family title before a surname is another person', () => {
  it.each([
    ['another given name', 'Samira Haddad opened the clinic.', []],
    ['another given name mid-sentence', 'The clinic was opened by Samira Haddad on Sunday.', []],
    ['another given name before an article surname', 'Layla al-Farouk wrote the report.', []],
    ['a family title', 'Mrs Haddad thanked the nurses.', []],
    ['a pack person’s given name before another surname', 'Karim Zubaidi and Omar Haddad met.', []],
    [
      'the entity’s own given name before its surname',
      'Lina al-Farouk spoke. Lina Farouk agreed.',
      ['lina-farouk:Lina al-Farouk', 'lina-farouk:Farouk'],
    ],
    ['the full alias still matches', 'Karim Haddad spoke.', ['karim-haddad:Karim Haddad']],
    ['a full name after another given name (a son named with his father)', 'Samir Karim Haddad spoke.', []],
    ['a full name after a title', 'Deputy Karim Haddad spoke.', ['karim-haddad:Karim Haddad']],
    ['a title', 'Deputy Haddad spoke, then Ambassador Zubaidi.', ['karim-haddad:Haddad', 'omar-zubaidi:Zubaidi']],
    ['an abbreviated title', 'Gen. Haddad and Dr. Zubaidi spoke.', ['karim-haddad:Haddad', 'omar-zubaidi:Zubaidi']],
    ['a courtesy title', 'Mr Haddad said so.', ['karim-haddad:Haddad']],
    [
      'a nickname built like a title',
      'Crowds cheered Uncle Haddad and Team Haddad.',
      ['karim-haddad:Haddad', 'karim-haddad:Haddad'],
    ],
    [
      'a family title the entity’s aliases use',
      'Lina al-Farouk spoke; Mrs al-Farouk left.',
      ['lina-farouk:Lina al-Farouk', 'lina-farouk:al-Farouk'],
    ],
    [
      'a sentence starter',
      'But Haddad refused. After Zubaidi left, nobody spoke.',
      ['karim-haddad:Haddad', 'omar-zubaidi:Zubaidi'],
    ],
    ['a day', 'On Tuesday Haddad resigned.', ['karim-haddad:Haddad']],
    [
      'a descriptor',
      'The veteran Republican Haddad and Jordanian Zubaidi.',
      ['karim-haddad:Haddad', 'omar-zubaidi:Zubaidi'],
    ],
    ['a word before a comma', 'Samira, Haddad said, was right.', ['karim-haddad:Haddad']],
    ['a possessive before', "Mosul's Haddad spoke.", ['mosul:Mosul', 'karim-haddad:Haddad']],
    [
      'another pack name before',
      'Badr Haddad? No: Jordan Zubaidi.',
      ['badr-group:Badr', 'karim-haddad:Haddad', 'jordan:Jordan', 'omar-zubaidi:Zubaidi'],
    ],
    ['a lower-case word', 'the minister haddad', []],
    [
      'a Title Case headline capitalises verbs: no given name is read there',
      'Why Voters Still Trust Haddad Over His Rivals',
      ['karim-haddad:Haddad'],
    ],
    ['a headline in capitals', 'VOTERS BACK HADDAD', ['karim-haddad:HADDAD']],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('an unconfirmed ambiguous surname stays unmarked either way', () => {
    expect(found('Layla Farouk spoke.')).toEqual([]);
  });
});

describe('rule 2: a person’s name made into a place or an organisation is not the person', () => {
  it.each([
    ['a square', 'Crowds filled Haddad Square.', []],
    ['a street, abbreviated', 'He lives on Zubaidi St. near the river.', []],
    ['an airport past a modifier', 'Flights left Haddad International Airport.', []],
    ['a university', 'She teaches at Zubaidi University.', []],
    ['a generational suffix', 'Karim Haddad Jr. runs the firm.', []],
    ['used as a place', 'They reached the town of Haddad at dawn.', []],
    ['a full name made into a place', 'Omar Zubaidi Bridge was closed.', []],
    ['a lower-case word after is no place', 'Haddad street protests spread.', ['karim-haddad:Haddad']],
    ['an unrelated capital after', 'In 2020 Haddad Told Reporters nothing.', ['karim-haddad:Haddad']],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('rule 3: an organisation’s name made into another organisation', () => {
  it.each([
    ['a football club suffix', 'Al-Rashid FC won the cup.', []],
    ['a sports club', 'Al Rashid Sports Club was fined.', []],
    ['a lower-case club', 'the Al-Rashid club beat its rival', []],
    ['a club prefix', 'FC Badr lost again.', []],
    ['a university', 'Badr University opened.', []],
    [
      'the outlet itself',
      'Al-Rashid TV aired it; Al-Rashid said more.',
      ['al-rashid-tv:Al-Rashid TV', 'al-rashid-tv:Al-Rashid'],
    ],
    ['the group with a lower-case noun', 'the Badr group denied it', ['badr-group:Badr']],
    ['an outlet’s name as a town', 'Fighting raged in Al-Rashid and near Al Rashid.', []],
    ['an outlet’s name after the town of', 'They left the town of Al-Rashid.', []],
    [
      'an outlet on air',
      'He told Al-Rashid; on Al-Rashid he said more.',
      ['al-rashid-tv:Al-Rashid', 'al-rashid-tv:Al-Rashid'],
    ],
    ['a group after in is still the group', 'Leaders in Badr disagreed.', ['badr-group:Badr']],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('rule 4: a place name followed by a surname is a person', () => {
  it.each([
    ['a given name', 'Jordan Whitfield scored twice.', []],
    ['a given name mid-sentence', 'The film stars Jordan Whitfield as a pilot.', []],
    ['an organisation named after the place', 'He studied at Mosul University.', []],
    ['a war', 'The Jordan War ended.', ['jordan:Jordan']],
    ['an airport', 'at Mosul Airport', ['mosul:Mosul']],
    ['a day', 'in Mosul Tuesday', ['mosul:Mosul']],
    ['a descriptor', 'Mosul Sunni leaders met.', ['mosul:Mosul']],
    ['a demonym of the pack', 'Jordan Jordanian troops', ['jordan:Jordan']],
    [
      'another pack name',
      'Jordan Haddad? Jordan Karim Haddad.',
      ['jordan:Jordan', 'karim-haddad:Haddad', 'jordan:Jordan', 'karim-haddad:Karim Haddad'],
    ],
    ['a multi-word place alias', 'Kirkuk Province Council met.', ['kirkuk-province:Kirkuk Province']],
    ['a lower-case word', 'Mosul residents fled.', ['mosul:Mosul']],
    ['a Title Case headline', 'Why Mosul Residents Still Wait For Power This Winter', ['mosul:Mosul']],
    ['the city word makes another city', 'Jordan City is far from here.', []],
    ['an outlet named after the place', 'Subscribe to The Times of Mosul today.', []],
    ['an institution named after the place', 'She studied at the University of Mosul.', []],
    ['a court named after the place', 'The Mosul Supreme Court ruled.', []],
    ['a title of the place’s office keeps the place', 'the Governor of Mosul said', ['mosul:Mosul']],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('namesake spans are held', () => {
  it('a ruled-out span confirms nobody and hides shorter aliases', () => {
    // `Layla al-Farouk` is ruled out, so it confirms nothing: the later ambiguous `Farouk` stays unmarked.
    expect(found('Layla al-Farouk spoke. Farouk agreed.')).toEqual([]);
  });

  it('the rules leave a pack’s notWhen phrases and the other kinds alone', () => {
    const withNotWhen = makePack([
      { id: 'karim-haddad', aliases: ['Karim Haddad', 'Haddad'], notWhen: ['Haddad family'] },
      { id: 'river-party', kind: 'organization', aliases: ['River Party'] },
    ]);
    const m = createMatcher(withNotWhen);
    const text = 'The Haddad family and River Party Club; Karim Haddad.';
    expect(m.scan(text).map((x) => `${x.id}:${text.slice(x.start, x.end)}`)).toEqual(['karim-haddad:Karim Haddad']);
  });
});

describe('namesake rules on long text', () => {
  it('read the line of each mention without rescanning it (a megabyte may sit on one line)', () => {
    const text = 'Samira Haddad visited Jordan Whitfield yesterday morning. '.repeat(20_000);
    expect(found(text)).toEqual([]);
  });
});
