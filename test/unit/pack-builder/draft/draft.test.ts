import { describe, expect, it } from 'vitest';
import bundled from '../../../../src/knowledge/pack.json';
import { parsePack } from '../../../../src/knowledge/schema';
import { aliasKey, parseAnnotations } from '../../../../src/pack-builder/annotations';
import { buildPack } from '../../../../src/pack-builder/build';
import {
  buildDraftPack,
  draftAndBuild,
  draftAnnotations,
  type ArticleInput,
  NothingToDraftError,
  type NameFinder,
} from '../../../../src/pack-builder/draft';
import { envoyPack, fixtureArticle } from './helpers';

const harbour = draftAndBuild(fixtureArticle('harbour-strike.txt'));
const envoy = draftAndBuild(fixtureArticle('envoy-visit.txt'), [envoyPack()]);

function entity(draft: typeof harbour, name: string) {
  const found = draft.annotations.entities.find((e) => e.name === name);
  if (!found) throw new Error(`no entity named ${name}: ${draft.annotations.entities.map((e) => e.name).join(', ')}`);
  return found;
}

function speakerOf(draft: typeof harbour, words: string): string | undefined {
  return draft.pack.quotes.find((quote) => quote.text.startsWith(words))?.speaker;
}

describe('draftAnnotations: entities', () => {
  it('finds the people, organisations, outlets and places of an article, with their kinds', () => {
    expect(entity(harbour, 'Teodora Marek').kind).toBe('person');
    expect(entity(harbour, 'Irena Volkova').kind).toBe('person');
    expect(entity(harbour, 'Dock Workers Union').kind).toBe('organization');
    expect(entity(harbour, 'Valmora Port Authority').kind).toBe('organization');
    expect(entity(harbour, 'Reuters').kind).toBe('media');
    expect(entity(harbour, 'Kesslin').kind).toBe('place');
  });

  it('takes no day, month, title, dateline credit or sentence-initial common word for a name', () => {
    const names = harbour.annotations.entities.map((e) => e.name);
    for (const word of ['Thursday', 'January', 'Monday', 'Tensions', 'Transport', 'Test Wire', 'VALMORA']) {
      expect(names).not.toContain(word);
    }
  });

  it('gives a surname to the one full name it ends, as an ambiguous alias, never as an entity of its own', () => {
    const marek = entity(harbour, 'Teodora Marek');
    expect(marek.aliases).toContain('Marek');
    expect(marek.ambiguous).toContain('Marek');
    const holders = harbour.annotations.entities.filter((e) => e.aliases.some((a) => aliasKey(a) === 'marek'));
    expect(holders).toHaveLength(1);
  });

  it('joins an acronym to its name, in brackets or by initials, and an also-known-as name to the person', () => {
    expect(entity(harbour, 'Dock Workers Union').aliases).toContain('DWU');
    expect(entity(envoy, 'United Nations').aliases).toContain('UN');
    expect(entity(envoy, 'Hana al-Rubaie').aliases).toEqual(expect.arrayContaining(['Umm Karim', 'Al-Rubaie']));
  });

  it('marks Arabic names for generated spellings', () => {
    expect(entity(envoy, 'Hana al-Rubaie').romanisedFrom).toBe('arabic');
    expect(entity(harbour, 'Teodora Marek').romanisedFrom).toBeUndefined();
  });
});

describe('draftAnnotations: descriptions and roles', () => {
  it('describes from the appositive after the name, dated to the article', () => {
    expect(entity(envoy, 'Salim Haddad').description).toBe("Electoral commission's spokesman, as of March 2023.");
    expect(entity(harbour, 'Teodora Marek').description).toBe(
      'Leader of the Dock Workers Union (DWU), as of March 2023.',
    );
  });

  it('describes from the title before the name', () => {
    expect(entity(harbour, 'Irena Volkova').description).toBe('Transport Minister, as of March 2023.');
    expect(entity(harbour, 'Lucian Brandt').description).toBe('Harbour Master, as of March 2023.');
  });

  it('falls back to a neutral line naming the article, and says what each entity does in it', () => {
    expect(entity(harbour, 'Reuters').description).toBe(
      'Outlet named in “Dock Workers Extend Strike at Port of Valmora” (Test Wire, March 2023).',
    );
    // A place's appositive is not dated.
    expect(entity(harbour, 'Kesslin').description).toBe('Nearest deep-water port.');
    expect(entity(harbour, 'Teodora Marek').role).toMatch(/^Quoted 2 times, .*mentioned 3 times in the article\.$/);
    const candidate = harbour.candidates.find((c) => c.name === 'Reuters');
    expect(candidate).toMatchObject({ descriptionFrom: 'fallback', mentions: 1, quotes: 0, linked: null });
  });
});

describe('draftAnnotations: quotes', () => {
  it('attributes quotes written in several styles', () => {
    const id = (draft: typeof harbour, name: string) => entity(draft, name).id;
    // “…,” said X, the leader of …
    expect(speakerOf(harbour, 'We will not go back')).toBe(id(harbour, 'Teodora Marek'));
    // “…,” Harbour Master Lucian Brandt said in a statement.
    expect(speakerOf(harbour, 'The inspection they want')).toBe(id(harbour, 'Lucian Brandt'));
    // Volkova said … “…,” she told reporters.
    expect(speakerOf(harbour, 'Both sides know')).toBe(id(harbour, 'Irena Volkova'));
    // Marek said … “…,” she said: the person of the previous sentence.
    expect(speakerOf(harbour, 'Our members are tired')).toBe(id(harbour, 'Teodora Marek'));
    // “…,” Haddad told the Baghdad Post.
    const haddad = envoy.pack.quotes.find((q) => q.text.startsWith('We need the budget'));
    expect(haddad).toMatchObject({ speaker: id(envoy, 'Salim Haddad'), venue: id(envoy, 'Baghdad Post') });
  });

  it('records reported speech, including “according to X”, as attributed statements', () => {
    const according = harbour.pack.statements.find((s) => s.verb === 'according to');
    expect(according?.speaker).toBe(entity(harbour, 'Lucian Brandt').id);
    expect(harbour.pack.statements.some((s) => s.speaker === entity(harbour, 'Irena Volkova').id)).toBe(true);
  });

  it('leaves no quote without a speaker, and guesses none in these articles', () => {
    expect(harbour.guessedQuotes).toEqual([]);
    expect(envoy.guessedQuotes).toEqual([]);
    expect(harbour.pack.quotes.every((q) => q.speaker)).toBe(true);
  });
});

describe('draftAnnotations: the reader’s packs', () => {
  it('links a known entity found again: same id, name and sameAs, no duplicate', () => {
    const envoyEntity = entity(envoy, 'Jeanine Hennis-Plasschaert');
    expect(envoyEntity).toMatchObject({ id: 'jeanine-hennis-plasschaert', sameAs: 'Q285950', kind: 'person' });
    expect(envoy.annotations.entities.filter((e) => /Hennis/.test(e.aliases.join(' ')))).toHaveLength(1);
    const candidate = envoy.candidates.find((c) => c.id === 'jeanine-hennis-plasschaert');
    expect(candidate?.linked).toEqual({
      packId: 'un-envoy-2021',
      entityId: 'jeanine-hennis-plasschaert',
      name: 'Jeanine Hennis-Plasschaert',
    });
    expect(entity(envoy, 'Baghdad').id).toBe('baghdad');
  });

  it('links the seed article’s names to the bundled pack, each once', () => {
    const pack = parsePack(bundled);
    const seed = draftAndBuild(
      {
        title: pack.source.title,
        published: pack.source.date,
        paragraphs: pack.source.paragraphs.map((p) => pack.source.text.slice(p.start, p.end)),
      },
      [pack],
    );
    const linked = seed.candidates.filter((c) => c.linked).map((c) => c.id);
    expect(linked).toEqual(
      expect.arrayContaining(['joe-biden', 'mustafa-al-kadhimi', 'nasr-al-shammari', 'jen-psaki']),
    );
    const ids = seed.annotations.entities.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never gives a new entity or the pack an id a known pack already uses', () => {
    const known = envoyPack();
    const clash = { ...known, id: 'envoy-returns-to-baghdad-as-election-2023-03-02' };
    const draft = draftAnnotations(fixtureArticle('envoy-visit.txt'), [known, clash]);
    expect(draft.annotations.id).toBe('envoy-returns-to-baghdad-as-election-2023-03-02-2');
  });
});

describe('draftAnnotations: the draft builds without edits', () => {
  it('passes the builder as it is, with the article text it wrote, whose headline is the source title', () => {
    for (const draft of [harbour, envoy]) {
      expect(() => parseAnnotations(draft.annotations, 'draft')).not.toThrow();
      const { pack } = buildPack({
        article: draft.articleText,
        annotations: draft.annotations,
        files: { article: 'article', annotations: 'draft' },
      });
      expect(pack.source.title).toBe(draft.articleText.split('\n')[0]);
      expect(pack.entities.length).toBe(draft.annotations.entities.length);
    }
    expect(harbour.annotations.source).toMatchObject({
      title: 'Dock Workers Extend Strike at Port of Valmora',
      dateline: 'VALMORA (Test Wire)',
      date: '2023-03-02',
      dateLabel: 'March 2023',
    });
  });

  it('keeps a paragraph that ends no sentence (a subheading) apart from the next', () => {
    const article: ArticleInput = {
      title: 'Talks Resume',
      published: '2023-05-01',
      paragraphs: [
        'Mayor Anna Lind said the talks would resume.',
        'What comes next',
        'Lind said “nothing is decided.”',
      ],
    };
    const { pack } = buildDraftPack(article, []);
    expect(pack.source.paragraphs).toHaveLength(3);
    expect(pack.quotes[0]?.speaker).toBe('anna-lind');
  });

  it('builds whatever the name finder gives: names it leaves out are ignored for review', () => {
    const onlyKesslin: NameFinder = (text) => {
      const start = text.indexOf('Kesslin');
      return [{ text: 'Kesslin', start, end: start + 7, kind: 'place', sure: true, title: null }];
    };
    const article = fixtureArticle('harbour-strike.txt');
    const { pack, draft } = buildDraftPack(article, [], undefined, { findNames: onlyKesslin });
    expect(pack.entities.map((e) => e.name)).toEqual(['Kesslin']);
    expect(draft.annotations.ignore.map((i) => i.name)).toContain('Teodora Marek');
    expect(draft.guessedQuotes.every((g) => g.speaker === 'kesslin')).toBe(true);
  });
});

describe('draftAnnotations: articles that are hard to draft', () => {
  it('says so when an article names nothing a pack could hold', () => {
    const article: ArticleInput = { title: 'it rained', paragraphs: ['it rained all day and then it stopped.'] };
    expect(() => draftAnnotations(article, [])).toThrow(NothingToDraftError);
  });

  it('gives the same guessed speaker to the same words quoted twice', () => {
    const article: ArticleInput = {
      title: 'Judge Warns Lawyer',
      published: '2023-11-06',
      paragraphs: [
        '“Keep to the question” was the line of the day in Albany.',
        'Judge Marta Quill told the lawyer to “keep to the question,” and the lawyer agreed.',
        'Later the words came again: “Keep to the question.”',
      ],
    };
    const { pack } = buildDraftPack(article, []);
    const same = pack.quotes.filter((quote) => /keep to the question/i.test(quote.text));
    expect(same.length).toBeGreaterThanOrEqual(2);
    expect(same.every((quote) => quote.speaker)).toBe(true);
  });
});

describe('draftAnnotations: relations', () => {
  it('reads a relation from the appositive, and lets the group named there confirm the surname', () => {
    const marek = entity(harbour, 'Teodora Marek');
    const union = entity(harbour, 'Dock Workers Union');
    expect(marek.relations).toEqual([{ type: 'leader-of', target: union.id }]);
    expect(marek.confirmedBy).toEqual([union.id]);
    expect(entity(envoy, 'Salim Haddad').relations).toEqual([]);
  });
});
