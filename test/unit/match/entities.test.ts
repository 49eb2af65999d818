import { describe, expect, it } from 'vitest';
import { createMatcher, type EntityMatch, type ScanOptions } from '../../../src/match/index';
import { makePack, seedLikePack } from './helpers';

const matcher = createMatcher(seedLikePack());

/** Entity matches as `id:text` pairs, in order. */
function found(text: string, options: ScanOptions = {}): string[] {
  return matcher
    .scan(text, { quotes: false, ...options })
    .filter((m): m is EntityMatch => m.kind === 'entity')
    .map((m) => `${m.id}:${text.slice(m.start, m.end)}`);
}

describe('entities: spelling variants', () => {
  it.each([
    ['hyphenated article', 'Prime Minister Mustafa al-Kadhimi arrived.', 'mustafa-al-kadhimi:Mustafa al-Kadhimi'],
    ['capital article', 'Prime Minister Mustafa Al-Kadhimi arrived.', 'mustafa-al-kadhimi:Mustafa Al-Kadhimi'],
    ['spaced article', 'Prime Minister Mustafa al Kadhimi arrived.', 'mustafa-al-kadhimi:Mustafa al Kadhimi'],
    ['glued article', 'Prime Minister Mustafa alKadhimi arrived.', 'mustafa-al-kadhimi:Mustafa alKadhimi'],
    ['non-breaking hyphen', 'Mustafa al\u2011Kadhimi met Biden.', 'mustafa-al-kadhimi:Mustafa al\u2011Kadhimi'],
    ['NBSP between names', 'Mustafa\u00a0al-Kadhimi met Biden.', 'mustafa-al-kadhimi:Mustafa\u00a0al-Kadhimi'],
    ['curly apostrophe', 'A Hashd al-Sha’abi commander spoke.', 'pmf:Hashd al-Sha’abi'],
    ['apostrophe dropped', 'A Hashd al-Shaabi commander spoke.', 'pmf:Hashd al-Shaabi'],
    ['diacritics', 'Mustafa al-Kādhimī spoke.', 'mustafa-al-kadhimi:Mustafa al-Kādhimī'],
    ['zero-width inside', 'Joe Bi\u200bden spoke.', 'joe-biden:Joe Bi\u200bden'],
    ['soft hyphen inside', 'Popular Mobil\u00adization Forces units', 'pmf:Popular Mobil\u00adization Forces'],
    ['lower-case article of an alias in capitals', 'A Hashd Al-Sha’abi unit', 'pmf:Hashd Al-Sha’abi'],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toContain(expected);
  });
});

describe('entities: word boundaries and possessives', () => {
  it.each([
    [
      'Kadhimiya is not Kadhimi',
      'Clashes in Kadhimiya district, al-Kadhimi said.',
      ['kadhimiya:Kadhimiya', 'mustafa-al-kadhimi:al-Kadhimi'],
    ],
    ['Iraqi is not Iraq', 'Iraqi forces moved north.', []],
    ['Iraqis is not Iraq', 'Many Iraqis protested.', []],
    ['possessive with straight apostrophe', "Biden's announcement", ['joe-biden:Biden']],
    ['possessive with curly apostrophe', 'Biden’s announcement', ['joe-biden:Biden']],
    ['possessive of a place', 'Iraq’s sovereignty', ['iraq:Iraq']],
    ['apostrophe inside a word is not possessive', "Biden'sa", []],
    ['digits extend a word', 'Daesh2 account', []],
    ['leading letters block the match', 'ProDaesh accounts', []],
    ['hyphen is a boundary', 'the Biden-Kadhimi meeting', ['joe-biden:Biden']],
    ['punctuation around', '(Daesh), "ISIS".', ['isis:Daesh', 'isis:ISIS']],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('entities: leftmost-longest', () => {
  it('prefers the longest alias at the same start', () => {
    expect(found('Muqtada al-Sadr spoke.')).toEqual(['muqtada-al-sadr:Muqtada al-Sadr']);
  });

  it('prefers the leftmost of overlapping aliases', () => {
    const pack = makePack([
      { id: 'a', aliases: ['Abu Mahdi'] },
      { id: 'b', aliases: ['Mahdi al-Muhandis'] },
    ]);
    const text = 'Abu Mahdi al-Muhandis was killed.';
    const m = createMatcher(pack).scan(text);
    expect(m.map((x) => `${x.id}:${text.slice(x.start, x.end)}`)).toEqual(['a:Abu Mahdi']);
  });

  it('never matches across a block boundary', () => {
    // Only the single-word alias on its own line survives; no multi-word alias spans the breaks.
    expect(found('Abu Mahdi\nal-Muhandis; Mustafa\nal-Kadhimi; Hunter\nBiden; Sadr\nCity')).toEqual([
      'mustafa-al-kadhimi:al-Kadhimi',
      'joe-biden:Biden',
    ]);
  });
});

describe('entities: case rules', () => {
  const pack = makePack([
    { id: 'pmf', kind: 'organization', aliases: ['PMF', 'Popular Mobilization Forces'] },
    { id: 'who', kind: 'organization', aliases: ['WHO', 'World Health Organization'] },
    { id: 'mark-rich', aliases: ['Mark Rich', 'Rich'] },
    { id: 'hope', kind: 'place', aliases: ['Hope'] },
    { id: 'pentagon', kind: 'organization', aliases: ['the Pentagon'] },
  ]);
  const m = createMatcher(pack);
  const ids = (text: string): string[] => m.scan(text).map((x) => `${x.id}:${text.slice(x.start, x.end)}`);

  it.each([
    ['acronym in capitals', 'PMF units were hit.', ['pmf:PMF']],
    ['acronym in lower case is another word', 'the pmf file', []],
    ['acronym in mixed case is another word', 'Pmf was a typo', []],
    ['acronym WHO in capitals', 'The WHO warned.', ['who:WHO']],
    ['who as a pronoun', 'Officials who spoke said.', []],
    ['Who at a sentence start', 'Who can guarantee that?', []],
    ['surname capitalised', 'Rich said the talks failed.', ['mark-rich:Rich']],
    ['surname as a common word', 'a rich country', []],
    ['place name capitalised', 'They met in Hope on Monday.', ['hope:Hope']],
    ['common word lower case', 'there is little hope left', []],
    ['ALL-CAPS headline still matches names', 'MARK RICH MEETS PMF LEADERS', ['mark-rich:MARK RICH', 'pmf:PMF']],
    ['ALL-CAPS multi-word alias', 'POPULAR MOBILIZATION FORCES ATTACKED', ['pmf:POPULAR MOBILIZATION FORCES']],
    ['U.S. needs capitals', 'the u.s. said', []],
    ['lower-case alias word may be capitalised', 'The Pentagon said.', ['pentagon:The Pentagon']],
    ['capitalised alias word may not be lower case', 'the pentagon shape', []],
  ])('%s', (_name, text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('US alias requires capitals so the pronoun us never matches', () => {
    expect(found('Tell us more, the US said.')).toEqual(['united-states:US']);
  });

  it.each([
    ['in running text', 'the US and Iran', ['united-states:US']],
    ['before a hyphen', 'a US-led coalition', ['united-states:US']],
    ['with a lower-case word on one side only', 'SANCTIONS by the US', ['united-states:US']],
    ['in a line in capitals (the pronoun)', 'THEY ATTACKED US', []],
    ['alone in its block', 'US', []],
  ])('an acronym that spells a word (US) is one only beside lower-case text: %s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('entities: ambiguous aliases need confirmation', () => {
  it.each([
    ['surname alone is not enough', 'Kadhimi met officials on Monday.', []],
    [
      'surname confirmed by a full name later in the text',
      'Kadhimi met officials. Later, Mustafa al-Kadhimi flew home.',
      ['mustafa-al-kadhimi:Kadhimi', 'mustafa-al-kadhimi:Mustafa al-Kadhimi'],
    ],
    [
      'surname confirmed by an earlier full name',
      'Nasr al-Shammari spoke. Shammari said more.',
      ['nasr-al-shammari:Nasr al-Shammari', 'nasr-al-shammari:Shammari'],
    ],
    [
      'surname confirmed by a confirmedBy entity',
      'The Nujaba spokesman Shammari said.',
      ['nujaba:Nujaba', 'nasr-al-shammari:Shammari'],
    ],
    ['another entity does not confirm', 'Joe Biden said Shammari lied.', ['joe-biden:Joe Biden']],
    ['short form alone is not enough', 'Hashd units were hit.', []],
    ['short form confirmed by another alias', 'PMF leaders met; Hashd units were hit.', ['pmf:PMF', 'pmf:Hashd']],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('between namesakes, the nearest preceding confirmation wins (father and son)', () => {
    const text =
      'Mohammad Sadiq al-Sadr was killed in 1999. Sadr was revered. Years later Muqtada al-Sadr rose. Sadr said.';
    expect(found(text)).toEqual([
      'mohammad-sadiq-al-sadr:Mohammad Sadiq al-Sadr',
      'mohammad-sadiq-al-sadr:Sadr',
      'muqtada-al-sadr:Muqtada al-Sadr',
      'muqtada-al-sadr:Sadr',
    ]);
  });

  it('takes confirmations found elsewhere on the page (another block scanned apart)', () => {
    expect(found('Shammari said more.', { confirmed: new Set(['nasr-al-shammari']) })).toEqual([
      'nasr-al-shammari:Shammari',
    ]);
    expect(found('Shammari said more.', { confirmed: new Set(['joe-biden']) })).toEqual([]);
    expect(found('Shammari said more.', { confirmed: new Set(['nujaba']) })).toEqual(['nasr-al-shammari:Shammari']);
  });

  it('reports how a mention was recognised', () => {
    const m = matcher.scan('Nasr al-Shammari spoke. Shammari said.', { quotes: false });
    expect(m.map((x) => (x.kind === 'entity' ? x.how : ''))).toEqual(['alias', 'confirmed']);
  });
});

describe('entities: notWhen phrases', () => {
  it.each([
    [
      'Sadr City is the place, not the person',
      'Muqtada al-Sadr visited Sadr City.',
      ['muqtada-al-sadr:Muqtada al-Sadr', 'sadr-city:Sadr City'],
    ],
    ['Sadr City with no place entity still hides Sadr', 'Bombing in Sadr City kills 30.', ['sadr-city:Sadr City']],
    ['Hunter Biden is not Joe Biden', 'Hunter Biden testified.', ['hunter-biden:Hunter Biden']],
    ['Jill Biden hides Biden and names nobody', 'Jill Biden visited a school.', []],
    ['notWhen in lower case still suppresses', 'the sadr city market', []],
    ['Biden alone still matches', 'Biden and Hunter Biden', ['joe-biden:Biden', 'hunter-biden:Hunter Biden']],
    ['press secretary phrase hides White House', 'White House press secretary Jen Psaki said', ['jen-psaki:Jen Psaki']],
    ['White House alone matches', 'talks at the White House', ['white-house:White House']],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('a notWhen phrase does not confirm an ambiguous alias', () => {
    // "Sadr City" is a notWhen of both Sadrs, so the later "Sadr" stays unconfirmed.
    expect(found('Sadr City was calm. Sadr spoke.')).toEqual(['sadr-city:Sadr City']);
  });
});

describe('entities: options', () => {
  const text = 'Joe Biden met Mustafa al-Kadhimi. Biden said Iraqi forces and Daesh; Biden again in Iraq.';

  it('mentions: first keeps only the first mention per entity', () => {
    expect(found(text, { mentions: 'first' })).toEqual([
      'joe-biden:Joe Biden',
      'mustafa-al-kadhimi:Mustafa al-Kadhimi',
      'isis:Daesh',
      'iraq:Iraq',
    ]);
  });

  it('mentions: all (default) keeps every mention', () => {
    expect(found(text).filter((x) => x.startsWith('joe-biden'))).toHaveLength(3);
  });

  it('kinds filters the reported kinds', () => {
    expect(found(text, { kinds: ['place'] })).toEqual(['iraq:Iraq']);
    expect(found(text, { kinds: ['group'] })).toEqual(['isis:Daesh']);
  });

  it('hidden kinds still confirm ambiguous aliases', () => {
    expect(found('Nujaba said. Shammari spoke.', { kinds: ['person'] })).toEqual(['nasr-al-shammari:Shammari']);
  });

  it('demonyms are off by default and on when asked', () => {
    expect(found('Iraqi forces moved.')).toEqual([]);
    expect(found('Iraqi forces moved.', { demonyms: true })).toEqual(['iraq:Iraqi']);
    const m = matcher.scan('Iraqi forces', { demonyms: true });
    expect(m[0]).toMatchObject({ kind: 'entity', how: 'demonym', alias: 'Iraqi' });
  });

  it('demonyms follow case rules', () => {
    expect(found('iraqi forces', { demonyms: true })).toEqual([]);
  });
});

describe('entities: aliases that differ only in case', () => {
  it('accept the most permissive casing the pack lists', () => {
    const pack = makePack([
      { id: 'us-air-force', kind: 'organization', aliases: ['U.S. Air Force', 'U.S. air force'] },
      { id: 'iraq', kind: 'place', aliases: ['Iraq'] },
    ]);
    const m = createMatcher(pack);
    const text = 'the U.S. air force and the U.S. Air Force, not the u.s. air force';
    expect(m.scan(text).map((x) => text.slice(x.start, x.end))).toEqual(['U.S. air force', 'U.S. Air Force']);
  });
});
