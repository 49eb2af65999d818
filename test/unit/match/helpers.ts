/**
 * Small, valid knowledge packs for matcher tests: a few entities and quotes with every other field filled in.
 */
import { parsePack, type Entity, type EntityKind, type Pack, type Quote } from '../../../src/knowledge/schema';

/** The fields a matcher test cares about; the rest get valid defaults. */
export interface EntitySpec {
  id: string;
  kind?: EntityKind;
  aliases: string[];
  ambiguous?: string[];
  confirmedBy?: string[];
  notWhen?: string[];
  demonyms?: string[];
}

/** The fields a quote test cares about. */
export interface QuoteSpec {
  id: string;
  text: string;
  speaker: string;
}

/** Builds a full entity from a spec. */
export function entity(spec: EntitySpec): Entity {
  return {
    id: spec.id,
    kind: spec.kind ?? 'person',
    name: spec.aliases[0] ?? spec.id,
    aliases: spec.aliases,
    ambiguous: spec.ambiguous ?? [],
    confirmedBy: spec.confirmedBy ?? [],
    notWhen: spec.notWhen ?? [],
    demonyms: spec.demonyms ?? [],
    description: `Test entity ${spec.id}.`,
    role: 'Appears in tests.',
    relations: [],
    related: [],
    links: [],
    mentions: [],
  };
}

/** Builds a full quote from a spec. */
export function quote(spec: QuoteSpec): Quote {
  return {
    id: spec.id,
    text: spec.text,
    speaker: spec.speaker,
    verb: 'said',
    venue: null,
    attribution: 'named',
    start: 0,
    end: spec.text.length,
    sentence: 's1',
    paragraph: 'p1',
  };
}

/** Builds a pack and validates it with the real schema, so tests never run on a pack the builder could not emit. */
export function makePack(entities: EntitySpec[], quotes: QuoteSpec[] = []): Pack {
  const text = 'Test source.';
  return parsePack({
    schemaVersion: 1,
    id: 'test-pack',
    source: {
      title: 'Test',
      dateline: 'BAGHDAD (Test)',
      date: '2021-07-27',
      dateLabel: 'July 2021',
      origin: 'unit tests',
      text,
      paragraphs: [{ id: 'p1', start: 0, end: text.length }],
      sentences: [{ id: 's1', paragraph: 'p1', start: 0, end: text.length }],
    },
    entities: entities.map(entity),
    quotes: quotes.map(quote),
    statements: [],
  });
}

/** A pack modelled on the seed article: the names and quotes the product brief promises to find. */
export function seedLikePack(): Pack {
  return makePack(
    [
      { id: 'joe-biden', aliases: ['Joe Biden', 'President Biden', 'Biden'], notWhen: ['Hunter Biden', 'Jill Biden'] },
      { id: 'hunter-biden', aliases: ['Hunter Biden'] },
      {
        id: 'mustafa-al-kadhimi',
        aliases: ['Mustafa al-Kadhimi', 'al-Kadhimi', 'Kadhimi'],
        ambiguous: ['Kadhimi'],
      },
      { id: 'kadhimiya', kind: 'place', aliases: ['Kadhimiya'] },
      {
        id: 'muqtada-al-sadr',
        aliases: ['Muqtada al-Sadr', 'Moqtada al-Sadr', 'Sadr'],
        ambiguous: ['Sadr'],
        notWhen: ['Sadr City'],
      },
      {
        id: 'mohammad-sadiq-al-sadr',
        aliases: ['Mohammad Sadiq al-Sadr', 'Sadr'],
        ambiguous: ['Sadr'],
        notWhen: ['Sadr City'],
      },
      { id: 'sadr-city', kind: 'place', aliases: ['Sadr City'] },
      {
        id: 'nasr-al-shammari',
        aliases: ['Nasr al-Shammari', 'Shammari'],
        ambiguous: ['Shammari'],
        confirmedBy: ['nujaba'],
      },
      { id: 'nujaba', kind: 'group', aliases: ['al-Nujaba', 'Nujaba', 'Harakat al-Nujaba'] },
      {
        id: 'pmf',
        kind: 'organization',
        aliases: ["Hashd al-Sha'abi", 'Hashd al-Shaabi', 'Popular Mobilization Forces', 'PMF', 'Hashd'],
        ambiguous: ['Hashd'],
      },
      { id: 'isis', kind: 'group', aliases: ['Daesh', 'Islamic State', 'ISIS', 'ISIL'] },
      { id: 'iraq', kind: 'place', aliases: ['Iraq'], demonyms: ['Iraqi'] },
      { id: 'united-states', kind: 'place', aliases: ['United States', 'U.S.', 'US'] },
      { id: 'al-mayadeen', kind: 'media', aliases: ['Al-Mayadeen'] },
      { id: 'muhammad-al-halboosi', aliases: ['Muhammad al-Halboosi', 'Halboosi'], ambiguous: ['Halboosi'] },
      { id: 'donald-trump', aliases: ['Donald Trump', 'Trump'] },
      { id: 'white-house', kind: 'place', aliases: ['White House'], notWhen: ['White House press secretary'] },
      { id: 'jen-psaki', aliases: ['Jen Psaki', 'Psaki'], ambiguous: ['Psaki'] },
    ],
    [
      {
        id: 'biden-combat-mission',
        speaker: 'joe-biden',
        text: "we're not going to be, at the end of the year, in a combat mission",
      },
      {
        id: 'shammari-no-confidence',
        speaker: 'nasr-al-shammari',
        text:
          'We have no confidence whatsoever in Americans, and do not agree to their presence under any circumstances. ' +
          'We fiercely oppose the U.S. military presence, and demand a complete pullout of American forces',
      },
      {
        id: 'psaki-numbers',
        speaker: 'jen-psaki',
        text: 'the numbers will be driven by what is needed for the mission over time.',
      },
      {
        id: 'sadr-waiting',
        speaker: 'muqtada-al-sadr',
        text: 'We are waiting for a complete withdrawal of American troops.',
      },
      {
        id: 'sadr-conditions',
        speaker: 'muqtada-al-sadr',
        text:
          'We have already announced our conditions, and the military operations of resistance forces will stop ' +
          'completely once they are met. We must work to support Iraqi armed forces, including the army and law ' +
          'enforcement, so they can secure Iraqi territories and protect the country against terrorism, violence and ' +
          'proxies.',
      },
    ],
  );
}
