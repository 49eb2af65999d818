import { describe, expect, it } from 'vitest';
import { parseAnnotationsYaml } from '../../../tools/knowledge/cli';
import { AnnotationError } from '../../../src/pack-builder/annotations';
import { buildPack } from '../../../src/pack-builder/build';
import { splitArticle, splitSentences } from '../../../src/pack-builder/text';

const files = { article: 'test/article.txt', annotations: 'test/annotations.yaml' };
const article = [
  'Talks in Baghdad',
  'BAGHDAD -- Iraqi Prime Minister Mustafa al-Kadhimi met envoys on Monday.',
  '“We want calm,” Kadhimi told Al Iraqiya.',
].join('\n');

const entity = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'person',
  name,
  aliases: [name],
  description: `${name}, as of July 2021.`,
  role: 'Test role.',
  ...extra,
});

const valid = () => ({
  source: {
    title: 'Talks in Baghdad',
    dateline: 'BAGHDAD',
    date: '2021-07-27',
    dateLabel: 'July 2021',
    origin: 'test',
  },
  entities: [
    entity('mustafa-al-kadhimi', 'Mustafa al-Kadhimi', { aliases: ['Mustafa al-Kadhimi', 'Kadhimi'] }),
    entity('baghdad', 'Baghdad', { kind: 'place' }),
    entity('al-iraqiya', 'Al Iraqiya', { kind: 'media' }),
  ],
  ignore: [{ name: 'Iraqi', why: 'an adjective' }] as Array<{ name: string; why: string }>,
});

function buildError(annotations: unknown, text = article): AnnotationError {
  try {
    buildPack({ article: text, annotations, files });
  } catch (error) {
    if (error instanceof AnnotationError) return error;
    throw error;
  }
  throw new Error('the build was expected to fail');
}

describe('annotation errors name the file, the entity or quote, and the field', () => {
  it('accepts the valid fixture', () => {
    const { pack } = buildPack({ article, annotations: valid(), files });
    expect(pack.quotes).toEqual([
      expect.objectContaining({ text: 'We want calm', speaker: 'mustafa-al-kadhimi', venue: 'al-iraqiya' }),
    ]);
  });

  it.each([
    [
      'an unknown kind',
      (a: ReturnType<typeof valid>) => Object.assign(a.entities[1] ?? {}, { kind: 'city' }),
      /test\/annotations\.yaml.*\n.*entities\[id=baghdad\]\.kind: Invalid type/,
    ],
    [
      'a duplicate id',
      (a: ReturnType<typeof valid>) => Object.assign(a.entities[2] ?? {}, { id: 'baghdad' }),
      /entities\[id=baghdad\]\.id: duplicate id "baghdad"/,
    ],
    [
      'an alias on two entities without a tie-break',
      (a: ReturnType<typeof valid>) => Object.assign(a.entities[2] ?? {}, { aliases: ['Al Iraqiya', 'Kadhimi'] }),
      /entities\[id=mustafa-al-kadhimi\], entities\[id=al-iraqiya\]\.aliases: alias "kadhimi" is on 2 entities/,
    ],
    [
      'a quote override pointing at no quote',
      (a: ReturnType<typeof valid>) =>
        Object.assign(a, { quoteOverrides: [{ quote: 'We want war', speaker: 'baghdad', why: 'test' }] }),
      /quoteOverrides\[quote="We want war"\]\.quote: matches no quote/,
    ],
    [
      'a quote override naming an unknown speaker',
      (a: ReturnType<typeof valid>) =>
        Object.assign(a, { quoteOverrides: [{ quote: 'We want calm', speaker: 'nobody', why: 'test' }] }),
      /quoteOverrides\[quote="We want calm"\]\.speaker: no entity has id "nobody"/,
    ],
    [
      'a relation to an unknown entity',
      (a: ReturnType<typeof valid>) =>
        Object.assign(a.entities[0] ?? {}, { relations: [{ type: 'leader-of', target: 'iraq' }] }),
      /entities\[id=mustafa-al-kadhimi\]\.relations\[0\]\.target: no entity has id "iraq"/,
    ],
    [
      'an ambiguous alias that is not an alias',
      (a: ReturnType<typeof valid>) => Object.assign(a.entities[0] ?? {}, { ambiguous: ['Kazimi'] }),
      /entities\[id=mustafa-al-kadhimi\]\.ambiguous: "Kazimi" is not one of its aliases/,
    ],
    [
      'an entity that never occurs in the article',
      (a: ReturnType<typeof valid>) => a.entities.push(entity('joe-biden', 'Joe Biden')),
      /entities\[id=joe-biden\]\.aliases: none of its aliases occurs in test\/article\.txt/,
    ],
    [
      'a missing description',
      (a: ReturnType<typeof valid>) => Object.assign(a.entities[0] ?? {}, { description: '' }),
      /entities\[id=mustafa-al-kadhimi\]\.description: must not be empty/,
    ],
    [
      'an unknown field',
      (a: ReturnType<typeof valid>) => Object.assign(a.entities[0] ?? {}, { wikidata: 'Q123' }),
      /entities\[id=mustafa-al-kadhimi\]\.wikidata/,
    ],
    [
      'an unknown romanisation',
      (a: ReturnType<typeof valid>) => Object.assign(a.entities[0] ?? {}, { romanisedFrom: 'greek' }),
      /entities\[id=mustafa-al-kadhimi\]\.romanisedFrom: must be one of arabic, persian/,
    ],
    [
      'a veto of a spelling that is not generated',
      (a: ReturnType<typeof valid>) =>
        Object.assign(a.entities[0] ?? {}, {
          romanisedFrom: 'arabic',
          vetoVariants: [{ variant: 'Mustafa Smith', why: 'test' }],
        }),
      /entities\[id=mustafa-al-kadhimi\]\.vetoVariants: "Mustafa Smith" is not a generated spelling; remove it/,
    ],
    [
      'a generated spelling that is another entity’s alias',
      (a: ReturnType<typeof valid>) => {
        Object.assign(a.entities[0] ?? {}, { romanisedFrom: 'arabic' });
        Object.assign(a.entities[2] ?? {}, { aliases: ['Al Iraqiya', 'Kadhemi'] });
      },
      /entities\[id=mustafa-al-kadhimi\]: generated spelling "Kadhemi" \(from "Kadhimi", i-e\) is an alias of al-iraqiya/,
    ],
    [
      'an ignore entry that is not in the article',
      (a: ReturnType<typeof valid>) => a.ignore.push({ name: 'Reuters', why: 'test' }),
      /ignore\[name="Reuters"\]: does not occur in test\/article\.txt/,
    ],
  ])('fails on %s', (_name, mutate, message) => {
    const annotations = valid();
    mutate(annotations);
    expect(buildError(annotations).message).toMatch(message);
  });

  it('adds generated spellings to the aliases, single names as ambiguous, with their provenance', () => {
    const annotations = valid();
    Object.assign(annotations.entities[0] ?? {}, { romanisedFrom: 'arabic' });
    const { pack, report } = buildPack({ article, annotations, files });
    const kadhimi = pack.entities.find((e) => e.id === 'mustafa-al-kadhimi');
    expect(kadhimi?.aliases).toEqual(expect.arrayContaining(['Mustafa al-Kadhimi', 'Mostafa al-Kadhimi', 'Kazimi']));
    expect(kadhimi?.ambiguous).toContain('Kazimi');
    expect(kadhimi?.ambiguous).not.toContain('Mostafa al-Kadhimi');
    expect(kadhimi?.generated).toContainEqual({ alias: 'Kazimi', from: 'Kadhimi', rules: ['dh-z'] });
    expect(pack.entities.find((e) => e.id === 'baghdad')?.generated).toBeUndefined();
    expect(report.generated).toBe(kadhimi?.generated?.length);
    expect(report.variants).toContain('| Kazimi | Kadhimi | dh-z | yes |');
  });

  it('accepts a shared alias with an explicit owner, and only the owner keeps it', () => {
    const annotations = {
      ...valid(),
      sharedAliases: [{ alias: 'Kadhimi', owner: 'mustafa-al-kadhimi', why: 'test' }],
    };
    Object.assign(annotations.entities[2] ?? {}, { aliases: ['Al Iraqiya', 'Kadhimi'] });
    const { pack } = buildPack({ article, annotations, files });
    expect(pack.entities.find((e) => e.id === 'al-iraqiya')?.aliases).toEqual(['Al Iraqiya']);
  });

  it('fails when a proper name is neither an entity nor ignored, and lists it', () => {
    const annotations = valid();
    annotations.entities.pop();
    const error = buildError(annotations);
    expect(error.message).toMatch(/coverage: "Al Iraqiya" .* is a proper name in test\/article\.txt/);
    annotations.ignore.push({ name: 'Al Iraqiya', why: 'test' });
    expect(() => buildPack({ article, annotations, files })).not.toThrow();
  });

  it('fails when a quote stays unattributed, and points at the override', () => {
    const text = `${article}\n“Nobody knows who said this.”`.replace(
      '“We want calm,” Kadhimi told Al Iraqiya.',
      'Calm returned to the Al Iraqiya studios.',
    );
    expect(buildError(valid(), text).message).toMatch(
      /p3: no speaker found for the quote “Nobody knows.*quoteOverrides/,
    );
    const fixed = {
      ...valid(),
      quoteOverrides: [{ quote: 'Nobody knows', speaker: 'mustafa-al-kadhimi', why: 'test' }],
    };
    const { pack } = buildPack({ article: text, annotations: fixed, files });
    expect(pack.quotes[0]).toMatchObject({ speaker: 'mustafa-al-kadhimi', attribution: 'override' });
  });

  it('names file and line for a YAML syntax error or a duplicate key', () => {
    expect(() => parseAnnotationsYaml('entities:\n  - id: a\n  id: b\n  : :', 'data/annotations.yaml')).toThrow(
      /data\/annotations\.yaml: YAML syntax error\n {2}- .*line/,
    );
    expect(() => parseAnnotationsYaml('source: 1\nsource: 2\n', 'x.yaml')).toThrow(/x\.yaml: YAML syntax error/);
  });
});

describe('paragraphs and sentences', () => {
  it('joins a line wrapped mid-sentence and keeps paragraphs apart', () => {
    const split = splitArticle('Headline\nHe met Abu Mahdi\nal-Muhandis, officials said.\nSecond paragraph.');
    expect(split.title).toBe('Headline');
    expect(split.text).toBe('He met Abu Mahdi al-Muhandis, officials said.\nSecond paragraph.');
    expect(split.paragraphs.map((p) => split.text.slice(p.start, p.end))).toEqual([
      'He met Abu Mahdi al-Muhandis, officials said.',
      'Second paragraph.',
    ]);
  });

  it.each([
    ['U.S. President Joe Biden spoke. He left.', ['U.S. President Joe Biden spoke.', 'He left.']],
    ['It began at 3:30 p.m. local time. It ended.', ['It began at 3:30 p.m. local time.', 'It ended.']],
    ['“We wait. We hope,” he said. Then he left.', ['“We wait.', 'We hope,” he said.', 'Then he left.']],
    ['Was it over? “No,” she said.', ['Was it over?', '“No,” she said.']],
    ['The U.S. military left 2.5 bases.', ['The U.S. military left 2.5 bases.']],
  ])('splits %j', (paragraph, sentences) => {
    expect(splitSentences(paragraph).map(([start, end]) => paragraph.slice(start, end))).toEqual(sentences);
  });
});
