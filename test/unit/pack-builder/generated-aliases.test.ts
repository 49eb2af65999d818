/**
 * Generated aliases (`src/pack-builder/generated-aliases.ts`): vetoes, ambiguity and collision checks, on invented
 * entities.
 */
import { describe, expect, it } from 'vitest';
import { generatedAliases, type VariantSubject } from '../../../src/pack-builder/generated-aliases';
import { variantsReport } from '../../../src/pack-builder/variants-report';

function subject(spec: Partial<VariantSubject> & Pick<VariantSubject, 'id' | 'name'>): VariantSubject {
  return { aliases: [], ambiguous: [], notWhen: [], vetoVariants: [], ...spec };
}
const where = (id: string): string => `annotations.yaml: entities[id=${id}]`;

describe('generated aliases', () => {
  const karim = subject({
    id: 'karim-al-zubaidi',
    name: 'Karim al-Zubaidi',
    aliases: ['Zubaidi'],
    ambiguous: ['Zubaidi'],
    romanisedFrom: 'arabic',
  });

  it('entities without romanisedFrom get none', () => {
    const { variants, problems } = generatedAliases([{ ...karim, romanisedFrom: undefined }], where);
    expect(problems).toEqual([]);
    expect(variants[0]?.generated).toEqual([]);
  });

  it('single names and spellings of an ambiguous alias are ambiguous; full names are not', () => {
    const { variants, problems } = generatedAliases([karim], where);
    expect(problems).toEqual([]);
    const [v] = variants;
    expect(v?.generated.map((g) => g.alias)).toContain('Karim az-Zubaidi');
    expect(v?.ambiguous).toEqual(expect.arrayContaining(['Zubeidi', 'Zobaidi']));
    expect(v?.ambiguous).not.toContain('Karim az-Zubaidi');
  });

  it('a veto removes a spelling and keeps its reason for the report', () => {
    const vetoed = { ...karim, vetoVariants: [{ variant: 'Karim el-Zubaidi', why: 'never written so' }] };
    const { variants, problems } = generatedAliases([vetoed], where);
    expect(problems).toEqual([]);
    expect(variants[0]?.generated.map((g) => g.alias)).not.toContain('Karim el-Zubaidi');
    expect(variants[0]?.vetoed).toEqual([
      { alias: 'Karim el-Zubaidi', from: 'Karim al-Zubaidi', rules: ['al-el'], why: 'never written so' },
    ]);
  });

  it('fails on a stale veto', () => {
    const stale = { ...karim, vetoVariants: [{ variant: 'Karim Smith', why: 'old' }] };
    expect(generatedAliases([stale], where).problems).toEqual([
      'annotations.yaml: entities[id=karim-al-zubaidi].vetoVariants: "Karim Smith" is not a generated spelling; remove it',
    ]);
  });

  it('fails on a spelling that is another entity’s alias, until vetoed', () => {
    const other = subject({ id: 'zubeidi-clan', name: 'Zubeidi' });
    const { problems } = generatedAliases([karim, other], where);
    expect(problems).toEqual([
      'annotations.yaml: entities[id=karim-al-zubaidi]: generated spelling "Zubeidi" (from "Zubaidi", ai-ei) is an ' +
        'alias of zubeidi-clan; veto it',
    ]);
    const fixed = { ...karim, vetoVariants: [{ variant: 'Zubeidi', why: 'the clan' }] };
    expect(generatedAliases([fixed, other], where).problems).toEqual([]);
  });

  it('fails on a spelling that is a notWhen phrase', () => {
    const withPhrase = { ...karim, notWhen: ['Karim Zubaidi'] };
    expect(generatedAliases([withPhrase], where).problems).toEqual([
      'annotations.yaml: entities[id=karim-al-zubaidi]: generated spelling "Karim Zubaidi" (from "Karim ' +
        'al-Zubaidi", al-drop) is one of its notWhen phrases; veto it',
    ]);
  });

  it('fails on a spelling generated for two entities', () => {
    const a = subject({ id: 'a', name: 'Nadhim Hadid', romanisedFrom: 'arabic' });
    const b = subject({ id: 'b', name: 'Nazem Hadid', romanisedFrom: 'arabic' });
    expect(generatedAliases([a, b], where).problems).toEqual([
      'annotations.yaml: entities[id=b]: generated spelling "Nazim Hadid" (from "Nazem Hadid", e-i) is also ' +
        'generated for a; veto it',
    ]);
  });

  it('fails on a single-name spelling that is a common English word', () => {
    const hashd = subject({ id: 'hashed', name: 'Hashad', romanisedFrom: 'arabic', aliases: ['Hassh'] });
    const { problems } = generatedAliases([hashd], where);
    expect(problems).toEqual([
      'annotations.yaml: entities[id=hashed]: generated spelling "Hash" (from "Hassh", double-single) is a common ' +
        'English word; veto it',
    ]);
  });

  it('renders a deterministic review report', () => {
    const { variants } = generatedAliases([karim], where);
    const names = new Map([[karim.id, karim.name]]);
    const report = variantsReport(variants, names, 'annotations.yaml');
    expect(report).toBe(variantsReport(variants, names, 'annotations.yaml'));
    expect(report).toContain('## Karim al-Zubaidi (`karim-al-zubaidi`)');
    expect(report).toContain('| Karim az-Zubaidi | Karim al-Zubaidi | al-sun |  |');
    expect(report).toContain('| dh-z |');
  });
});
